/**
 * Warnings for a batch job whose numbers contradict each other. A lint, not a schema rule: each
 * field is valid on its own, and the API has been seen to report counters that settle late, so
 * these never make a job invalid.
 *
 * Fields and statuses: the Mistral AI API description (mistralai/platform-docs-public,
 * public/openapi.yaml, 2026-08-13): `created_at`, `started_at`, `completed_at` are Unix seconds;
 * `SUCCESS`, `FAILED`, `TIMEOUT_EXCEEDED` and `CANCELLED` are the statuses a job ends in.
 * @module
 */

/** One contradiction in a job. */
export interface JobLintWarning {
  /** Which rule: `completed-sum`, `completed-over-total`, `time-order`, `success-without-completed-at`. */
  readonly rule: "completed-sum" | "completed-over-total" | "time-order" | "success-without-completed-at";
  /** What contradicts what, with the numbers. */
  readonly message: string;
  /** JSON Pointer of the field the warning is about. */
  readonly instancePath: string;
}

type Job = Record<string, unknown>;
const integer = (job: Job, key: string): number | undefined => {
  const value = Object.hasOwn(job, key) ? job[key] : undefined;
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
};

/**
 * The contradictions in a job (`BatchJob` or `BatchJobOut`); `[]` for a consistent job or for
 * anything that is not an object. Reads only the job's own keys; never throws.
 *
 * - `completed-sum`: `completed_requests` ≠ `succeeded_requests` + `failed_requests`;
 * - `completed-over-total`: `completed_requests` > `total_requests`;
 * - `time-order`: `started_at` or `completed_at` before `created_at`, or `completed_at` before `started_at`;
 * - `success-without-completed-at`: status `SUCCESS` and no `completed_at`.
 *
 * Checked against the real jobs public material holds (two jobs of the mistralai/cookbook
 * notebooks, 2024-11 and 2025-03, four snapshots): none breaks a rule. A job that just
 * started may have `started_at` equal to `created_at` (so only "before" warns), and a new job
 * reports `total_requests` 0 until its input is validated (so that is no warning). No real
 * FAILED, TIMEOUT_EXCEEDED or CANCELLED job was found, so whether those always carry a
 * `completed_at` is unknown, and the last rule is kept to `SUCCESS`.
 */
export function lintBatchJob(job: unknown): JobLintWarning[] {
  if (job === null || typeof job !== "object" || Array.isArray(job)) return [];
  const j = job as Job;
  const warnings: JobLintWarning[] = [];
  const total = integer(j, "total_requests");
  const completed = integer(j, "completed_requests");
  const succeeded = integer(j, "succeeded_requests");
  const failed = integer(j, "failed_requests");
  if (completed !== undefined && succeeded !== undefined && failed !== undefined && completed !== succeeded + failed) {
    warnings.push({ rule: "completed-sum", instancePath: "/completed_requests", message: `completed_requests is ${completed}, but succeeded_requests + failed_requests is ${succeeded} + ${failed} = ${succeeded + failed}` });
  }
  if (completed !== undefined && total !== undefined && completed > total) {
    warnings.push({ rule: "completed-over-total", instancePath: "/completed_requests", message: `completed_requests (${completed}) is more than total_requests (${total})` });
  }
  const created = integer(j, "created_at");
  const started = integer(j, "started_at");
  const ended = integer(j, "completed_at");
  if (created !== undefined && started !== undefined && started < created) {
    warnings.push({ rule: "time-order", instancePath: "/started_at", message: `started_at (${started}) is before created_at (${created})` });
  }
  if (created !== undefined && ended !== undefined && ended < created) {
    warnings.push({ rule: "time-order", instancePath: "/completed_at", message: `completed_at (${ended}) is before created_at (${created})` });
  } else if (started !== undefined && ended !== undefined && ended < started) {
    warnings.push({ rule: "time-order", instancePath: "/completed_at", message: `completed_at (${ended}) is before started_at (${started})` });
  }
  const status = Object.hasOwn(j, "status") ? j.status : undefined;
  if (status === "SUCCESS" && ended === undefined) {
    warnings.push({ rule: "success-without-completed-at", instancePath: "/completed_at", message: `status is SUCCESS, but completed_at is ${Object.hasOwn(j, "completed_at") ? "null" : "absent"}` });
  }
  return warnings;
}
