import { emptyMessage, issuesUnder, pathOfPointer, plural } from "../checks/common.js";
import { nameTable } from "../define-model.js";
import { displayPointer, escapeForDisplay, type ValidationIssue } from "../issues.js";
import type { JobLintWarning } from "../lint-batch-job.js";
import type { InputRecord } from "./read-records.js";

export type ReportFormat = "text" | "json" | "github";

/**
 * Counts of one run. Every record read is counted exactly once: valid + invalid + unparsable
 * = read. `unreadable` and `empty` count inputs, not records.
 */
export interface Summary {
  files: number;
  read: number;
  valid: number;
  invalid: number;
  unparsable: number;
  /** Inputs that could not be read at all (missing file, directory, permission, refused encoding). */
  unreadable: number;
  /** Inputs that held no record at all (an empty file, an empty array). */
  empty: number;
  /** Job lint warnings (`--lint` only). */
  warnings?: number;
}

export interface Reporter {
  invalid(record: InputRecord, model: string, issues: readonly ValidationIssue[]): string;
  /** A valid job's lint warnings. */
  warnings(record: InputRecord, model: string, warnings: readonly JobLintWarning[]): string;
  unparsable(record: InputRecord & { parseError: string }): string;
  unreadable(file: string, reason: string): string;
  empty(file: string, allowed: boolean): string;
  summary(summary: Summary, model: string): string;
}


/** `file:line`, and `:column` where a record does not begin its line. */
const where = (record: InputRecord) =>
  `${escapeForDisplay(record.file)}:${record.line}${record.column !== undefined && record.column > 1 ? `:${record.column}` : ""}`;

/**
 * An issue measured from the root of what was read (the file's document, or the JSONL line),
 * like the record's pointer: both `instancePath` and `path`.
 */
const fromRoot = (record: InputRecord, issue: ValidationIssue): ValidationIssue =>
  record.pointer === "" ? issue : issuesUnder([issue], record.pointer, pathOfPointer(record.pointer))[0]!;

const issueLine = (record: InputRecord, issue: ValidationIssue) => `${displayPointer(record.pointer + issue.instancePath) || "(root)"}: ${issue.message}`;

const summaryText = (s: Summary, model: string) =>
  `${plural(s.read, "record")} in ${plural(s.files, "file")} checked as ${model}: ` +
  `${s.valid} valid, ${s.invalid} invalid, ${s.unparsable} unparsable` +
  (s.unreadable ? `; ${plural(s.unreadable, "input")} could not be read` : "") +
  (s.empty ? `; ${plural(s.empty, "input")} had no records` : "") +
  (s.warnings === undefined ? "" : `; ${plural(s.warnings, "lint warning")}`);

const warningLine = (record: InputRecord, warning: JobLintWarning) => `${displayPointer(record.pointer + warning.instancePath)}: ${warning.message}`;

const text: Reporter = {
  invalid: (record, model, issues) =>
    [
      `${where(record)}: ${record.pointer ? `${escapeForDisplay(record.pointer)}: ` : ""}invalid ${model}`,
      ...issues.map((issue) => `  ${issueLine(record, issue)}`),
    ].join("\n"),
  warnings: (record, model, warnings) =>
    [`${where(record)}: ${record.pointer ? `${escapeForDisplay(record.pointer)}: ` : ""}warning: ${model} lint`, ...warnings.map((w) => `  ${warningLine(record, w)}`)].join("\n"),
  unparsable: (record) => `${where(record)}: unparsable JSON: ${escapeForDisplay(record.parseError)}`,
  unreadable: (file, reason) => `${escapeForDisplay(file)}: cannot read: ${escapeForDisplay(reason)}`,
  empty: (file, allowed) => `${escapeForDisplay(file)}: ${emptyMessage(allowed)}`,
  summary: summaryText,
};

// JSON.stringify escapes C0 controls and lone surrogates but leaves C1 controls, format
// characters (bidirectional overrides, zero-width) and the line and paragraph separators raw.
const rawInJson = /[\u007f-\u009f\p{Cf}\u2028\u2029]/gu;
const escapeUnits = (match: string) => {
  let out = "";
  for (let i = 0; i < match.length; i++) out += `\\u${match.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
};
/** Exact JSON that is safe on a terminal: the characters JSON.stringify leaves raw are `\u`-escaped. */
export const safeJson = (value: unknown): string => JSON.stringify(value).replace(rawInJson, escapeUnits);

/** JSON Lines: one object per failing record, then one summary object; streamable, memory bounded. */
const json: Reporter = {
  invalid: (record, model, issues) =>
    safeJson({
      file: record.file,
      line: record.line,
      column: record.column,
      pointer: record.pointer,
      model,
      valid: false,
      issues: issues.map((issue) => fromRoot(record, issue)),
    }),
  warnings: (record, model, warnings) =>
    safeJson({ file: record.file, line: record.line, column: record.column, pointer: record.pointer, model, valid: true, warnings: warnings.map((w) => ({ ...w, instancePath: record.pointer + w.instancePath })) }),
  unparsable: (record) => safeJson({ file: record.file, line: record.line, column: record.column, pointer: record.pointer, unparsable: record.parseError }),
  unreadable: (file, reason) => safeJson({ file, unreadable: reason }),
  empty: (file, allowed) => safeJson({ file, empty: true, allowed }),
  summary: (summary, model) => safeJson({ summary: { model, ...summary } }),
};

// GitHub workflow commands: data escapes %, CR, LF; properties also : and ,
const escapeData = (s: string) => escapeForDisplay(s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A"));
const escapeProperty = (s: string) => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");
export const annotation = (place: { file: string; line?: number | undefined; column?: number | undefined }, title: string, message: string, level: "error" | "warning" | "notice" = "error") =>
  `::${level} file=${escapeProperty(place.file)}${place.line === undefined ? "" : `,line=${place.line}`}${place.column !== undefined && place.column > 1 ? `,col=${place.column}` : ""},title=${escapeProperty(title)}::${escapeData(message)}`;

/**
 * GitHub annotations: one per failing record, its issues in the message (GitHub shows only the
 * first few annotations of a step, so one per issue would hide records).
 */
const github: Reporter = {
  invalid: (record, model, issues) =>
    annotation(record, `invalid ${model}${record.pointer ? ` at ${record.pointer}` : ""}`, issues.map((issue) => issueLine(record, issue)).join("\n")),
  warnings: (record, model, warnings) => annotation(record, `${model} lint`, warnings.map((w) => warningLine(record, w)).join("\n"), "warning"),
  unparsable: (record) => annotation(record, "unparsable JSON", record.parseError),
  unreadable: (file, reason) => annotation({ file }, "cannot read", reason),
  empty: (file, allowed) => (allowed ? "" : annotation({ file }, "no records", emptyMessage(false))),
  summary: summaryText,
};

/** The report formats by name; a null prototype, so only these names are formats. */
export const reporters: Readonly<Record<ReportFormat, Reporter>> = nameTable({ text, json, github });
