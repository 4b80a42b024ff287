import type { ValidationIssue } from "../issues.js";

/**
 * Where a finding is: the input (a file name, `-` for standard input, or the name the API
 * caller gave), the 1-based line, and the JSON Pointer of the record inside the value read
 * (`/requests/3` in a create request, `/outputs/0` in a job, `""` for a whole line).
 */
export interface Place {
  readonly file: string;
  readonly line: number;
  readonly pointer: string;
}

/** `error` makes the check fail (exit 1); `warning` is reported and does not; `info` is advice. */
export type Severity = "error" | "warning" | "info";

interface FindingBase {
  /** What kind of finding this is; the fields beside it depend on it. */
  readonly kind: string;
  readonly severity: Severity;
  /** What is wrong, for people (input quoted and escaped, never raw). */
  readonly message: string;
}

/** A record that breaks its model: every issue measured from the root of the line (`/body/messages/0/role`). */
export interface InvalidFinding extends FindingBase, Place {
  readonly kind: "invalid";
  readonly severity: "error";
  /** The schema title the record (or its body) was checked against, such as `BatchChatCompletionRequest`. */
  readonly model: string;
  readonly issues: readonly ValidationIssue[];
}

/** A line that is not one JSON value. */
export interface UnparsableFinding extends FindingBase, Place {
  readonly kind: "unparsable";
  readonly severity: "error";
  readonly column?: number | undefined;
}

/** Several places that share one trait (a duplicate `custom_id`, a missing one, …): the count and the first few places. */
export interface GroupFinding extends FindingBase {
  readonly kind: "duplicate-custom-id" | "missing-custom-id" | "model-differs" | "no-model" | "duplicate-results" | "unknown-results" | "missing-results";
  /** How many places share it. */
  readonly count: number;
  /** The first places, in reading order (at most {@link CheckOptionsBase.maxPlaces}). */
  readonly places: readonly (Place & { readonly customId?: string | null })[];
  /** The `custom_id` concerned, for a duplicate. */
  readonly customId?: string;
}

/** An input over a limit of the batch API (requests per file, bytes per file). */
export interface LimitFinding extends FindingBase {
  readonly kind: "limit";
  readonly severity: "error";
  readonly file: string;
  readonly limit: "max-requests" | "max-bytes";
  readonly value: number;
  readonly max: number;
}

/** An input that held no record at all: an error unless empty inputs are allowed. */
export interface EmptyFinding extends FindingBase {
  readonly kind: "empty";
  readonly file: string;
}

/** An input that could not be read (command line only). */
export interface UnreadableFinding extends FindingBase {
  readonly kind: "unreadable";
  readonly severity: "error";
  readonly file: string;
}

/** Most bodies fail for the endpoint checked, and another endpoint fits them. */
export interface EndpointHintFinding extends FindingBase {
  readonly kind: "endpoint-hint";
  readonly severity: "info";
  readonly endpoint: string;
  readonly suggested: string;
  /** Of the failing bodies sampled, how many the suggested endpoint accepts. */
  readonly fits: number;
  readonly sampled: number;
}

/** The failed results that share one cause, most frequent first. */
export interface FailureGroupFinding extends FindingBase {
  readonly kind: "failures";
  readonly severity: "error";
  /** The status code with the error's type or code, or its message reduced to its stable part (see `batchResultOutcome`). */
  readonly cause: string;
  readonly statusCode: number | null;
  readonly count: number;
  /** The first failed results of this cause. */
  readonly places: readonly (Place & { readonly customId: string | null; readonly message: string })[];
}

export type InputFinding = InvalidFinding | UnparsableFinding | GroupFinding | LimitFinding | EmptyFinding | UnreadableFinding | EndpointHintFinding;
export type OutputFinding = InvalidFinding | UnparsableFinding | GroupFinding | FailureGroupFinding | EmptyFinding | UnreadableFinding;

/** Options of both checks. */
export interface CheckOptionsBase {
  /** Whether an input with no record passes (default false: a 0-byte download must not pass a check). */
  readonly allowEmpty?: boolean;
  /** How many places a group finding lists (default 5); its count is always whole. */
  readonly maxPlaces?: number;
}

/** Counts of `checkBatchInput`. Every record is counted once: valid + invalid + unparsable = read. */
export interface CheckInputSummary {
  readonly command: "check-input";
  /** The endpoint the bodies were checked for. */
  readonly endpoint: string;
  /** The body model of that endpoint (its in-batch variant), or null where the endpoint's body is not modelled. */
  readonly bodyModel: string | null;
  readonly files: number;
  readonly read: number;
  readonly valid: number;
  readonly invalid: number;
  readonly unparsable: number;
  /** Places with a warning (each warning group's count, added up). */
  readonly warnings: number;
  /** Distinct `custom_id`s that occur more than once. */
  readonly duplicateCustomIds: number;
  readonly limitsExceeded: number;
  readonly unreadable: number;
  readonly empty: number;
  /** Whether the check passed: no error finding (warnings allowed). */
  readonly ok: boolean;
}

/** Counts of `checkBatchOutput`. succeeded + failed + invalid + unparsable = read. */
export interface CheckOutputSummary {
  readonly command: "check-output";
  readonly files: number;
  readonly read: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly invalid: number;
  readonly unparsable: number;
  /** Distinct failure causes. */
  readonly causes: number;
  /** With requests to join against: matched + missing = withCustomId; withoutCustomId counted apart. */
  readonly requests: {
    readonly read: number;
    readonly withCustomId: number;
    readonly withoutCustomId: number;
    readonly matched: number;
    readonly missing: number;
    /** Results whose `custom_id` matches no request. */
    readonly unknownResults: number;
    /** `custom_id`s with more than one result. */
    readonly duplicateResults: number;
  } | null;
  readonly unreadable: number;
  readonly empty: number;
  /** Whether the check passed: every line a valid result, every result succeeded, every request exactly one result. */
  readonly ok: boolean;
}

/** What `checkBatchInput` returns and `check-input --format json` prints: the findings, then the summary. */
export interface CheckInputReport {
  readonly findings: readonly InputFinding[];
  readonly summary: CheckInputSummary;
}

/** What `checkBatchOutput` returns and `check-output --format json` prints. */
export interface CheckOutputReport {
  readonly findings: readonly OutputFinding[];
  readonly summary: CheckOutputSummary;
}
