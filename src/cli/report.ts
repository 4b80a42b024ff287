import type { ValidationIssue } from "../issues.js";
import type { InputRecord } from "./read-records.js";

export type ReportFormat = "text" | "json" | "github";

/** Counts of one run. Every record read is counted exactly once: valid + invalid + unparsable = read. */
export interface Summary {
  files: number;
  read: number;
  valid: number;
  invalid: number;
  unparsable: number;
  /** Inputs that could not be read at all (missing file, directory, permission). */
  unreadable: number;
}

export interface Reporter {
  invalid(record: InputRecord, model: string, issues: readonly ValidationIssue[]): string;
  unparsable(record: InputRecord & { parseError: string }): string;
  unreadable(file: string, reason: string): string;
  summary(summary: Summary, model: string): string;
}

const where = (record: InputRecord) => `${record.file}${record.line === undefined ? "" : `:${record.line}`}`;
/** An issue's pointer from the root of the file, so `/data/3/status` for an element of a list. */
const pointerOf = (record: InputRecord, issue: ValidationIssue) => record.pointer + issue.instancePath || "(root)";

const summaryText = (s: Summary, model: string) =>
  `${s.read} record${s.read === 1 ? "" : "s"} in ${s.files} file${s.files === 1 ? "" : "s"} checked as ${model}: ` +
  `${s.valid} valid, ${s.invalid} invalid, ${s.unparsable} unparsable` +
  (s.unreadable ? `; ${s.unreadable} input${s.unreadable === 1 ? "" : "s"} could not be read` : "");

const text: Reporter = {
  invalid: (record, model, issues) =>
    [
      `${where(record)}: ${record.pointer ? `${record.pointer}: ` : ""}invalid ${model}`,
      ...issues.map((issue) => `  ${pointerOf(record, issue)}: ${issue.message}`),
    ].join("\n"),
  unparsable: (record) => `${where(record)}: unparsable JSON: ${record.parseError}`,
  unreadable: (file, reason) => `${file}: cannot read: ${reason}`,
  summary: summaryText,
};

/** JSON Lines: one object per failing record, then one summary object; streamable, memory bounded. */
const json: Reporter = {
  invalid: (record, model, issues) =>
    JSON.stringify({
      file: record.file,
      line: record.line,
      pointer: record.pointer,
      model,
      valid: false,
      issues: issues.map((issue) => ({ ...issue, instancePath: record.pointer + issue.instancePath })),
    }),
  unparsable: (record) => JSON.stringify({ file: record.file, line: record.line, pointer: record.pointer, unparsable: record.parseError }),
  unreadable: (file, reason) => JSON.stringify({ file, unreadable: reason }),
  summary: (summary, model) => JSON.stringify({ summary: { model, ...summary } }),
};

// GitHub workflow commands: data escapes %, CR, LF; properties also : and ,
const escapeData = (s: string) => s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
const escapeProperty = (s: string) => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");
const annotation = (record: { file: string; line?: number | undefined }, title: string, message: string) =>
  `::error file=${escapeProperty(record.file)}${record.line === undefined ? "" : `,line=${record.line}`},title=${escapeProperty(title)}::${escapeData(message)}`;

const github: Reporter = {
  invalid: (record, model, issues) =>
    issues.map((issue) => annotation(record, `invalid ${model}`, `${pointerOf(record, issue)}: ${issue.message}`)).join("\n"),
  unparsable: (record) => annotation(record, "unparsable JSON", record.parseError),
  unreadable: (file, reason) => annotation({ file }, "cannot read", reason),
  summary: summaryText,
};

export const reporters: Record<ReportFormat, Reporter> = { text, json, github };
