// What a worker thread of `--jobs` sends back per run of records, for each task; the main
// thread applies it (validate.ts, request-jobs.ts). No side effects: both threads import it.
import type { ValidationIssue } from "../issues.js";
import type { JobLintWarning } from "../lint-batch-job.js";

/** `validate`: the counts of a run of records, and those to report (invalid, or valid with lint warnings). */
export interface ValidateBatch {
  n: number;
  valid: number;
  invalid: number;
  warnings: number;
  readonly items: ValidateItem[];
}
export interface ValidateItem {
  readonly line: number;
  readonly column: number | undefined;
  readonly pointer: string;
  readonly issues?: readonly ValidationIssue[];
  readonly warnings?: readonly JobLintWarning[];
}

/** `check-input`: per request, what InputCheck reads of it besides its two verdicts (see request-jobs.ts). */
export interface RequestBatch {
  n: number;
  readonly lines: number[];
  readonly columns: (number | undefined)[];
  /** {@link requestFlags}. */
  readonly flags: number[];
  /** The custom_id when it is a non-empty string, else null. */
  readonly ids: (string | null)[];
  /** The body's model: a string, null when absent or null, 0 for any other value. */
  readonly models: (string | null | 0)[];
  /** The requests that fail a model: their issues, and the body that failed (InputCheck keeps a few to suggest an endpoint). */
  readonly failures: RequestFailure[];
}
export interface RequestFailure {
  readonly i: number;
  wrapperIssues?: readonly ValidationIssue[];
  bodyIssues?: readonly ValidationIssue[];
  body?: unknown;
}
export const requestFlags = { object: 1, wrapperValid: 2, bodyObject: 4, bodyValid: 8 } as const;
