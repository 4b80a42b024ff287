import { describe, expectTypeOf, it } from "vitest";
import {
  isBatchError,
  isBatchJobOut,
  isBatchJobStatus,
  parseBatchJobOut,
  validateBatchJobOut,
  batchJobOutStandardSchema,
  type BatchJob,
  type BatchJobOut,
  type ListBatchJobsResponse,
  type BatchJobStatus,
  type StandardSchemaV1,
  type BatchResult,
  type BatchRequest,
  type CreateBatchJobRequest,
  type TerminalBatchJobStatus,
  type ApiEndpoint,
  type ChatCompletionRequest,
  type BatchChatCompletionRequest,
  isTerminalBatchJobStatus,
  apiEndpointBodies,
} from "../src/index.js";
import * as strict from "../src/strict.js";

describe("types", () => {
  it("the guards narrow unknown", () => {
    const value: unknown = null;
    if (isBatchJobOut(value)) expectTypeOf(value).toEqualTypeOf<BatchJobOut>();
    if (isBatchError(value)) expectTypeOf(value.message).toEqualTypeOf<string>();
    if (isBatchJobStatus(value)) expectTypeOf(value).toEqualTypeOf<BatchJobStatus>();
    if (strict.isBatchJobOut(value)) expectTypeOf(value).toEqualTypeOf<BatchJobOut>();
  });

  it("BatchJobStatus is exactly the seven literals", () => {
    expectTypeOf<BatchJobStatus>().toEqualTypeOf<
      "QUEUED" | "RUNNING" | "SUCCESS" | "FAILED" | "TIMEOUT_EXCEEDED" | "CANCELLATION_REQUESTED" | "CANCELLED"
    >();
  });

  it("optional nullable keys are ?: T | null, object is ?: \"batch\"", () => {
    expectTypeOf<BatchJobOut["output_file"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<BatchJobOut["started_at"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<BatchJobOut["metadata"]>().toEqualTypeOf<{ [k: string]: unknown } | null | undefined>();
    expectTypeOf<BatchJobOut["object"]>().toEqualTypeOf<"batch" | undefined>();
    expectTypeOf<Pick<BatchJobOut, "output_file">>().toEqualTypeOf<{ output_file?: string | null }>();
    expectTypeOf<Pick<BatchJobOut, "object">>().toEqualTypeOf<{ object?: "batch" }>();
    expectTypeOf<Pick<BatchJobOut, "model">>().toEqualTypeOf<{ model: string }>();
  });

  it("BatchJob makes model optional and nullable, the lists hold their models", () => {
    expectTypeOf<Pick<BatchJob, "model" | "agent_id">>().toEqualTypeOf<{ model?: string | null; agent_id?: string | null }>();
    expectTypeOf<ListBatchJobsResponse["data"]>().toEqualTypeOf<BatchJob[] | undefined>();
    expectTypeOf<ListBatchJobsResponse["object"]>().toEqualTypeOf<"list" | undefined>();
  });

  it("BatchJobOut has no index signature", () => {
    expectTypeOf<string extends keyof BatchJobOut ? true : false>().toEqualTypeOf<false>();
  });

  it("parse returns the model, validate the Standard Schema result shape", () => {
    expectTypeOf(parseBatchJobOut).returns.toEqualTypeOf<BatchJobOut>();
    const result = validateBatchJobOut(null);
    if (result.issues === undefined) expectTypeOf(result.value).toEqualTypeOf<BatchJobOut>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof batchJobOutStandardSchema>>().toEqualTypeOf<BatchJobOut>();
  });

  it("the batch models: free-form where the endpoint decides, the create request needs files or requests", () => {
    expectTypeOf<BatchRequest["body"]>().toEqualTypeOf<{ [k: string]: unknown }>();
    expectTypeOf<BatchResult["error"]>().toEqualTypeOf<{ [k: string]: unknown } | string | null>();
    expectTypeOf<NonNullable<BatchResult["response"]>["status_code"]>().toEqualTypeOf<number>();
    expectTypeOf<NonNullable<CreateBatchJobRequest["metadata"]>>().toEqualTypeOf<{ [k: string]: string }>();
    expectTypeOf<CreateBatchJobRequest["endpoint"]>().toEqualTypeOf<ApiEndpoint>();
    expectTypeOf<{ endpoint: "/v1/ocr" }>().not.toMatchTypeOf<CreateBatchJobRequest>();
    expectTypeOf<{ endpoint: "/v1/ocr"; requests: BatchRequest[] }>().toMatchTypeOf<CreateBatchJobRequest>();
    const value: unknown = null;
    if (isTerminalBatchJobStatus(value)) expectTypeOf(value).toEqualTypeOf<TerminalBatchJobStatus>();
    expectTypeOf<TerminalBatchJobStatus>().toMatchTypeOf<BatchJobStatus>();
  });

  it("an in-batch body is its body with model optional; the endpoint table names both by title", () => {
    expectTypeOf<BatchChatCompletionRequest["model"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Omit<BatchChatCompletionRequest, "model">>().toEqualTypeOf<Omit<ChatCompletionRequest, "model">>();
    expectTypeOf(apiEndpointBodies["/v1/chat/completions"].batchBody).toEqualTypeOf<"BatchChatCompletionRequest">();
    expectTypeOf(apiEndpointBodies["/v1/moderations"].body).toEqualTypeOf<"ClassificationRequest">();
  });
});
