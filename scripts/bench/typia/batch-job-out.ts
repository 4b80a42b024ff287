// The BatchJobOut contract as a typia user writes it: a TypeScript type with integer tags.
import typia, { tags } from "typia";

type Int = number & tags.Type<"int64">;
type BatchError = { message: string; count?: Int };
type BatchJobOut = {
  id: string;
  object?: "batch";
  input_files: string[];
  metadata?: Record<string, unknown> | null;
  endpoint: string;
  model: string;
  output_file?: string | null;
  error_file?: string | null;
  errors: BatchError[];
  status: "QUEUED" | "RUNNING" | "SUCCESS" | "FAILED" | "TIMEOUT_EXCEEDED" | "CANCELLATION_REQUESTED" | "CANCELLED";
  created_at: Int;
  total_requests: Int;
  completed_requests: Int;
  succeeded_requests: Int;
  failed_requests: Int;
  started_at?: Int | null;
  completed_at?: Int | null;
};

export const is = typia.createIs<BatchJobOut>();
export const equals = typia.createEquals<BatchJobOut>();
