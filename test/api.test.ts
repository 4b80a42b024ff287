import { describe, expect, it } from "vitest";
import { deepFreeze } from "./helpers/deep-freeze.js";
import { readFileSync } from "node:fs";
import * as api from "../src/index.js";
import * as strict from "../src/strict.js";


const readSchema = (file: string) => JSON.parse(readFileSync(new URL(`../schemas/${file}`, import.meta.url), "utf8"));
const full = readSchema("batch-job-out.schema.json").examples[0] as Record<string, unknown>;

const frozen = () => deepFreeze(structuredClone(full));

describe("the verbs", () => {
  it("isBatchJobOut accepts the example and rejects a broken copy", () => {
    expect(api.isBatchJobOut(frozen())).toBe(true);
    expect(api.isBatchJobOut({ ...full, status: "PAUSED" })).toBe(false);
  });

  it("every is… takes the value alone: a second argument, as Array.prototype.filter passes, changes nothing", () => {
    const list = [frozen(), { ...full, status: "PAUSED" }, frozen()];
    for (const mod of [api, strict]) {
      expect(list.filter(mod.isBatchJobOut)).toHaveLength(2);
      const isJobOut = mod.isBatchJobOut as (...args: unknown[]) => boolean;
      expect(list.map((value, index) => isJobOut(value, index)), "an index").toEqual([true, false, true]);
      // Ajv's options shape, which the generated validators no longer take at their root.
      const options = { instancePath: "/x", rootData: { status: "PAUSED" } };
      expect(isJobOut(list[0], options)).toBe(true);
      expect((mod.isBatchJob as (...args: unknown[]) => boolean)(list[1], options)).toBe(false);
    }
  });

  it("parseBatchJobOut returns the same reference, unchanged", () => {
    const value = frozen();
    const before = JSON.stringify(value);
    expect(api.parseBatchJobOut(value)).toBe(value);
    expect(JSON.stringify(value)).toBe(before);
  });

  it("parse and assert throw SchemaValidationError with every issue", () => {
    const bad = deepFreeze({ ...structuredClone(full), status: "PAUSED", created_at: "yesterday", model: undefined });
    let caught: unknown;
    try {
      api.assertBatchJobOut(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(api.SchemaValidationError);
    const error = caught as api.SchemaValidationError;
    expect(error.model).toBe("BatchJobOut");
    expect(error.issues.map((i) => i.instancePath).sort()).toEqual(["/created_at", "/model", "/status"]);
    expect(error.message).toMatch(/^invalid BatchJobOut: /);
    expect(() => api.parseBatchJobOut(bad)).toThrow(api.SchemaValidationError);
  });

  it("validateBatchJobOut gives { value } when valid and { issues } when not", () => {
    const value = frozen();
    expect(api.validateBatchJobOut(value)).toEqual({ value });
    const result = api.validateBatchJobOut(deepFreeze({ ...structuredClone(full), errors: [{ count: 1.5 }] }));
    expect(result.issues?.map((i) => [i.instancePath, i.keyword])).toEqual([
      ["/errors/0/message", "required"],
      ["/errors/0/count", "type"],
    ]);
  });

  it("issues carry path, pointer, schema path, keyword and params", () => {
    const { issues } = api.validateBatchJobOut({ ...full, errors: [{ message: "x" }, { message: 7 }] });
    expect(issues).toEqual([
      {
        message: "must be string; got number 7",
        path: ["errors", 1, "message"],
        instancePath: "/errors/1/message",
        schemaPath: "batch-error.schema.json#/properties/message/type",
        keyword: "type",
        params: { type: "string" },
      },
    ]);
  });

  it("messages name the allowed values, the expected type and the received value", () => {
    const messages = api
      .validateBatchJobOut({ ...full, status: "PAUSED", object: "list", total_requests: 1.5, id: undefined })
      .issues?.map((i) => `${i.instancePath} ${i.message}`);
    expect(api.validateBatchJobOut({ ...full, status: "x" }).issues?.[0]?.schemaPath).toBe("batch-job-status.schema.json#/enum");
    expect(messages).toEqual([
      "/id missing required key \"id\"",
      "/object must be \"batch\"; got string \"list\"",
      "/status must be one of QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, CANCELLATION_REQUESTED, CANCELLED; got string \"PAUSED\"",
      "/total_requests must be integer; got number 1.5",
    ]);
    expect(api.validateBatchJobOut({ ...full, started_at: "x" }).issues?.[0]?.message).toBe("must be integer or null; got string \"x\"");
  });

  it("keys with / and ~ are escaped in pointers and kept whole in paths", () => {
    const { issues } = strict.validateBatchJobOut({ ...full, "a/b~c": 1 });
    expect(issues?.[0]).toMatchObject({ instancePath: "/a~1b~0c", path: ["a/b~c"], keyword: "additionalProperties" });
  });

  it("the issue list is capped at maxIssues", () => {
    const many = { ...full, input_files: Array.from({ length: 5000 }, () => 1) };
    expect(api.validateBatchJobOut(many).issues).toHaveLength(api.maxIssues);
  });

  it("guards for the scalar models and the status values read from the schema", () => {
    expect(api.batchJobStatusValues).toEqual(readSchema("batch-job-status.schema.json").enum);
    for (const status of api.batchJobStatusValues) expect(api.isBatchJobStatus(status)).toBe(true);
    expect(api.isBatchJobStatus("queued")).toBe(false);
    expect(api.isBatchJobOutObject("batch")).toBe(true);
    expect(api.isBatchJobOutObject("list")).toBe(false);
  });

  it("BatchError has the same verbs", () => {
    expect(api.isBatchError({ message: "x" })).toBe(true);
    expect(api.validateBatchError({ message: "x", count: null }).issues?.[0]?.message).toBe("must be integer; got null");
    expect(() => api.parseBatchError({})).toThrow(/missing required key "message"/);
  });

  it("defaults are never written into the input", () => {
    const value: Record<string, unknown> = { ...structuredClone(full), errors: [{ message: "x" }] };
    delete value.object;
    api.parseBatchJobOut(value);
    strict.parseBatchJobOut(value);
    expect("object" in value).toBe(false);
    expect("count" in (value.errors as object[])[0]!).toBe(false);
  });
});

describe("today's models", () => {
  const job = readSchema("batch-job.schema.json").examples[0] as Record<string, unknown>;
  it("a job without model is a BatchJob but not a BatchJobOut", () => {
    const { model: _model, ...noModel } = full;
    expect(api.isBatchJob(noModel)).toBe(true);
    expect(api.isBatchJob({ ...full, model: null })).toBe(true);
    expect(api.validateBatchJobOut(noModel).issues?.[0]?.instancePath).toBe("/model");
    expect(api.validateBatchJobOut({ ...full, model: null }).issues?.[0]?.message).toBe("must be string; got null");
  });
  it("a list response names the bad element", () => {
    const page = { data: [job, job, job, { ...job, status: "DONE" }], object: "list", total: 4 };
    const { issues } = api.validateListBatchJobsResponse(page);
    expect(issues?.map((i) => [i.instancePath, i.path])).toEqual([["/data/3/status", ["data", 3, "status"]]]);
    expect(api.isBatchJobsOut({ total: 0 })).toBe(true);
    expect(api.isBatchJobsOut({ data: [job], total: 1 })).toBe(false); // an agent job has no model
  });
  it("strict closes the list wrapper, the jobs and their results, leaves a result's body and error open", () => {
    expect(strict.isListBatchJobsResponse({ data: [job], total: 1 })).toBe(true);
    expect(strict.isListBatchJobsResponse({ data: [job], total: 1, has_more: true })).toBe(false);
    const result = readSchema("batch-result.schema.json").examples[0] as Record<string, unknown>;
    expect(strict.isBatchJob({ ...job, outputs: [{ ...result, response: { status_code: 200, body: { any: { key: 1 } } } }] })).toBe(true);
    expect(strict.isBatchJob({ ...job, outputs: [{ ...result, response: null, error: { object: "error", any: 1 } }] })).toBe(true);
    expect(strict.validateBatchJob({ ...job, outputs: [{ ...result, request_id: "r" }] }).issues?.[0]?.instancePath).toBe("/outputs/0/request_id");
    expect(api.validateBatchJob({ ...job, outputs: [{ any: { key: 1 } }] }).issues?.map((i) => i.instancePath)).toEqual([
      "/outputs/0/id",
      "/outputs/0/custom_id",
      "/outputs/0/response",
      "/outputs/0/error",
    ]);
  });
});

describe("the batch models", () => {
  it("the terminal statuses are statuses, and CANCELLATION_REQUESTED is not one of them", () => {
    expect(api.terminalBatchJobStatusValues).toEqual(["SUCCESS", "FAILED", "TIMEOUT_EXCEEDED", "CANCELLED"]);
    for (const status of api.terminalBatchJobStatusValues) expect(api.isBatchJobStatus(status)).toBe(true);
    expect(api.batchJobStatusValues.filter((s) => !api.isTerminalBatchJobStatus(s))).toEqual(["QUEUED", "RUNNING", "CANCELLATION_REQUESTED"]);
    expect(Object.isFrozen(api.terminalBatchJobStatusValues)).toBe(true);
  });
  it("ApiEndpoint is closed: ten values", () => {
    expect(api.apiEndpointValues).toHaveLength(10);
    expect(api.isApiEndpoint("/v1/chat/completions")).toBe(true);
    expect(api.isApiEndpoint("/v1/agents/completions")).toBe(false);
  });
  it("every example of the new models is valid in both profiles", () => {
    for (const [file, is, isStrict] of [
      ["batch-request.schema.json", api.isBatchRequest, strict.isBatchRequest],
      ["batch-result.schema.json", api.isBatchResult, strict.isBatchResult],
      ["create-batch-job-request.schema.json", api.isCreateBatchJobRequest, strict.isCreateBatchJobRequest],
      ["delete-batch-job-response.schema.json", api.isDeleteBatchJobResponse, strict.isDeleteBatchJobResponse],
    ] as const) {
      const example = readSchema(file).examples[0];
      expect([is(example), isStrict(example)], file).toEqual([true, true]);
    }
  });
  it("a create request needs its requests from files or inline", () => {
    expect(api.isCreateBatchJobRequest({ endpoint: "/v1/ocr", requests: [{ body: {} }] })).toBe(true);
    expect(api.isCreateBatchJobRequest({ endpoint: "/v1/ocr", requests: null, input_files: null })).toBe(false);
    expect(strict.isCreateBatchJobRequest({ endpoint: "/v1/ocr", requests: [{ body: { any: 1 } }] })).toBe(true);
  });
  it("the in-batch bodies: model optional, everything else as the body", () => {
    const body = readSchema("embedding-request.schema.json").examples[0] as Record<string, unknown>;
    const { model: _model, ...noModel } = body;
    expect([api.isEmbeddingRequest(noModel), api.isBatchEmbeddingRequest(noModel), strict.isBatchEmbeddingRequest(noModel)]).toEqual([false, true, true]);
    expect(api.isBatchEmbeddingRequest({ ...noModel, input: 5 })).toBe(false);
    expect(strict.isBatchEmbeddingRequest({ ...noModel, dimensions: 5 })).toBe(false);
  });
});

describe("Standard Schema", () => {
  it("exposes version, vendor and the validate result shape", async () => {
    const props = api.batchJobOutStandardSchema["~standard"];
    expect(props.version).toBe(1);
    expect(props.vendor).toBe("batch-job-schema");
    expect(await props.validate(full)).toEqual({ value: full });
    const failure = await props.validate({ ...full, status: 1 });
    expect(failure.issues?.[0]).toMatchObject({ path: ["status"] });
    expect(await api.batchErrorStandardSchema["~standard"].validate({})).toHaveProperty("issues");
  });
});

describe("profiles", () => {
  it("strict closes the models but leaves metadata open", () => {
    expect(api.isBatchJobOut({ ...full, extra: 1 })).toBe(true);
    expect(strict.isBatchJobOut({ ...full, extra: 1 })).toBe(false);
    expect(strict.isBatchJobOut({ ...full, metadata: { anything: 1 } })).toBe(true);
  });
  it("strict requires canonical UUID file ids, default accepts any string", () => {
    const ids = [
      ["file-abc", '"file-abc"'],
      ["urn:uuid:3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", '"urn:uuid:3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"'],
      ["3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f\n", '"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f\\u000a"'], // too long, but one issue
    ];
    for (const [id, shown] of ids) {
      expect(api.isBatchJobOut({ ...full, output_file: id })).toBe(true);
      const issues = strict.validateBatchJobOut({ ...full, output_file: id }).issues;
      expect(issues?.map((i) => [i.instancePath, i.message])).toEqual([
        ["/output_file", `must be a UUID in canonical form (8-4-4-4-12 hexadecimal digits); got string ${shown}`],
      ]);
    }
    expect(strict.validateBatchJobOut({ ...full, input_files: ["x", "3C4D5E6F-7A8B-4C9D-8E0F-1A2B3C4D5E6F"] }).issues?.map((i) => i.instancePath)).toEqual(["/input_files/0"]);
  });
});

describe("values that are not JSON", () => {
  const verdicts = (value: unknown) => ({ is: api.isBatchJobOut(value), valid: api.validateBatchJobOut(value).issues === undefined });

  it("BigInt counters are not integers", () => {
    expect(verdicts({ ...full, total_requests: 1000n })).toEqual({ is: false, valid: false });
    expect(api.validateBatchJobOut({ ...full, total_requests: 1000n }).issues?.[0]?.message).toBe("must be integer; got bigint 1000n");
  });
  it("NaN and Infinity are not integers", () => {
    expect(verdicts({ ...full, created_at: Number.NaN }).is).toBe(false);
    expect(verdicts({ ...full, created_at: Number.POSITIVE_INFINITY }).is).toBe(false);
  });
  it("a cycle inside metadata is not followed: metadata is free-form", () => {
    const metadata: Record<string, unknown> = {};
    metadata.self = metadata;
    expect(verdicts({ ...full, metadata })).toEqual({ is: true, valid: true });
  });
  it("a cycle through a model key is rejected by type, not followed", () => {
    const errors: unknown[] = [];
    errors.push(errors);
    expect(verdicts({ ...full, errors })).toEqual({ is: false, valid: false });
  });
  it("class instances are judged by their own properties", () => {
    class Job {
      constructor(init: object) {
        Object.assign(this, init);
      }
    }
    expect(verdicts(new Job(full))).toEqual({ is: true, valid: true });
    expect(verdicts(new Date())).toEqual({ is: false, valid: false });
  });
  it("inherited properties do not satisfy required keys", () => {
    const child = Object.create(structuredClone(full)) as object;
    expect(verdicts(child)).toEqual({ is: false, valid: false });
    expect(api.validateBatchJobOut(child).issues).toHaveLength(11);
  });
  it("undefined counts as absent", () => {
    expect(verdicts({ ...full, output_file: undefined })).toEqual({ is: true, valid: true });
    expect(verdicts({ ...full, model: undefined })).toEqual({ is: false, valid: false });
  });
  it("a Proxy whose traps throw gives false and an exception issue, never a throw", () => {
    const hostile = new Proxy({}, {
      get() {
        throw new Error("trap");
      },
      has() {
        throw new Error("trap");
      },
      getOwnPropertyDescriptor() {
        throw new Error("trap");
      },
    });
    expect(api.isBatchJobOut(hostile)).toBe(false);
    expect(api.validateBatchJobOut(hostile).issues).toEqual([
      expect.objectContaining({ keyword: "exception", message: "could not be read: trap", instancePath: "" }),
    ]);
    expect(() => api.parseBatchJobOut(hostile)).toThrow(api.SchemaValidationError);
  });
  it("a Proxy that reads through is judged like its target", () => {
    expect(api.isBatchJobOut(new Proxy(structuredClone(full), {}))).toBe(true);
  });
  it("symbols, functions and undefined roots are rejected", () => {
    for (const value of [Symbol("x"), () => full, undefined]) expect(verdicts(value)).toEqual({ is: false, valid: false });
  });
});

describe("own properties only, in every build", () => {
  for (const [name, mod] of [["default", api], ["strict", strict]] as const) {
    it(`${name}: an inherited optional key is ignored, an own one is checked`, () => {
      const inherited = Object.assign(Object.create({ output_file: 5, started_at: "x", object: "list" }) as object, structuredClone(full));
      delete (inherited as Record<string, unknown>).output_file;
      delete (inherited as Record<string, unknown>).started_at;
      delete (inherited as Record<string, unknown>).object;
      expect(mod.isBatchJobOut(inherited)).toBe(true);
      expect(mod.validateBatchJobOut(inherited).issues).toBeUndefined();
      expect(mod.isBatchJobOut({ ...full, started_at: "x" })).toBe(false);
    });
  }
});
