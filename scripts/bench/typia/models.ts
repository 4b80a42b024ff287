// The four benchmarked models as a typia user writes them: TypeScript types with tags.
// Default profile: `createIs` (open objects, file ids any string). Strict profile:
// `createEquals` (closed objects) over the same types with file ids tagged by the canonical
// UUID pattern. Built ahead of time by `typia generate` (scripts/bench/peers.mjs).
import typia, { tags } from "typia";

type Int = number & tags.Type<"int64">;
type Status = "QUEUED" | "RUNNING" | "SUCCESS" | "FAILED" | "TIMEOUT_EXCEEDED" | "CANCELLATION_REQUESTED" | "CANCELLED";
type Uuid = string & tags.Pattern<"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$">;

type BatchError = { message: string; count?: Int };

type BatchJobOut<FileId> = {
  id: string;
  object?: "batch";
  input_files: FileId[];
  metadata?: Record<string, unknown> | null;
  endpoint: string;
  model: string;
  output_file?: FileId | null;
  error_file?: FileId | null;
  errors: BatchError[];
  status: Status;
  created_at: Int;
  total_requests: Int;
  completed_requests: Int;
  succeeded_requests: Int;
  failed_requests: Int;
  started_at?: Int | null;
  completed_at?: Int | null;
};

type BatchResult = {
  id: string;
  custom_id: string | null;
  response: { status_code: Int; body: Record<string, unknown> } | null;
  error: Record<string, unknown> | string | null;
};

type BatchJob<FileId> = {
  id: string;
  object?: "batch";
  input_files: FileId[];
  metadata?: Record<string, unknown> | null;
  endpoint: string;
  model?: string | null;
  agent_id?: string | null;
  output_file?: FileId | null;
  error_file?: FileId | null;
  errors: BatchError[];
  outputs?: BatchResult[] | null;
  status: Status;
  created_at: Int;
  total_requests: Int;
  completed_requests: Int;
  succeeded_requests: Int;
  failed_requests: Int;
  started_at?: Int | null;
  completed_at?: Int | null;
};

type ListBatchJobsResponse<FileId> = { data?: BatchJob<FileId>[]; object?: "list"; total: Int };

type BatchRequest = { custom_id?: string | null; body: Record<string, unknown> };

export const isBatchJobOut = typia.createIs<BatchJobOut<string>>();
export const isBatchJob = typia.createIs<BatchJob<string>>();
export const isListBatchJobsResponse = typia.createIs<ListBatchJobsResponse<string>>();
export const isBatchRequest = typia.createIs<BatchRequest>();

export const equalsBatchJobOut = typia.createEquals<BatchJobOut<Uuid>>();
export const equalsBatchJob = typia.createEquals<BatchJob<Uuid>>();
export const equalsListBatchJobsResponse = typia.createEquals<ListBatchJobsResponse<Uuid>>();
export const equalsBatchRequest = typia.createEquals<BatchRequest>();
