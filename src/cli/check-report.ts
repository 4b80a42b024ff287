// The reports of check-input and check-output: the findings the API returns, printed as text
// (one line per finding, its issues or places below), JSON Lines (each finding as the API
// returns it, then the summary) or GitHub annotations.
import { plural } from "../checks/common.js";
import type { CheckInputSummary, CheckOutputSummary, InputFinding, OutputFinding, Place } from "../checks/findings.js";
import { displayPointer, escapeForDisplay, quoteForDisplay } from "../issues.js";
import { annotation, safeJson, type ReportFormat } from "./report.js";

type Finding = InputFinding | OutputFinding;

const placeText = (place: Place & { readonly customId?: string | null }) =>
  `${escapeForDisplay(place.file)}:${place.line}${place.pointer ? ` ${escapeForDisplay(place.pointer)}` : ""}` +
  (typeof place.customId === "string" ? ` (custom_id ${quoteForDisplay(place.customId)})` : "");

const placesText = (finding: { count: number; places: readonly Place[] }) =>
  `${finding.places.map(placeText).join(", ")}${finding.count > finding.places.length ? `, and ${finding.count - finding.places.length} more` : ""}`;

const prefix = (finding: Finding) => (finding.severity === "warning" ? "warning: " : finding.severity === "info" ? "hint: " : "");

function text(finding: Finding): string {
  const message = escapeForDisplay(finding.message);
  switch (finding.kind) {
    case "invalid":
      return [
        `${placeText(finding)}: ${message}`,
        ...finding.issues.map((issue) => `  ${displayPointer(issue.instancePath) || "(root)"}: ${issue.message}`),
      ].join("\n");
    case "unparsable":
      return `${escapeForDisplay(finding.file)}:${finding.line}${finding.column !== undefined && finding.column > 1 ? `:${finding.column}` : ""}: ${message}`;
    case "failures":
      return [
        `${message}`,
        ...finding.places.map((p) => `  ${placeText(p)}: ${escapeForDisplay(p.message)}`),
        ...(finding.count > finding.places.length ? [`  and ${finding.count - finding.places.length} more`] : []),
      ].join("\n");
    case "limit":
    case "empty":
    case "unreadable":
      return `${escapeForDisplay(finding.file)}: ${prefix(finding)}${message}`;
    case "endpoint-hint":
      return `hint: ${message}`;
    default:
      return `${prefix(finding)}${message}: ${placesText(finding)}`;
  }
}

function github(finding: Finding): string {
  const level = finding.severity === "error" ? "error" : finding.severity === "warning" ? "warning" : "notice";
  switch (finding.kind) {
    case "invalid":
      return annotation(finding, finding.message, finding.issues.map((issue) => `${displayPointer(issue.instancePath) || "(root)"}: ${issue.message}`).join("\n"), level);
    case "unparsable":
      return annotation(finding, "unparsable JSON", finding.message, level);
    case "limit":
    case "empty":
    case "unreadable":
      return annotation({ file: finding.file }, finding.kind, finding.message, level);
    case "endpoint-hint":
      return `::notice title=endpoint::${escapeForDisplay(finding.message)}`;
    case "failures":
      return annotation(finding.places[0] ?? { file: "" }, "failed requests", text(finding), level);
    default:
      // One annotation at the first place, the others named in the message.
      return annotation(finding.places[0] ?? { file: "" }, finding.kind, `${finding.message}: ${placesText(finding)}`, level);
  }
}

/** A finding in one of the report formats. */
export const formatFinding = (finding: Finding, format: ReportFormat): string =>
  format === "json" ? safeJson(finding) : format === "github" ? github(finding) : text(finding);

/** The closing line of check-input: every count, in words or as JSON. */
export function inputSummary(summary: CheckInputSummary, format: ReportFormat): string {
  if (format === "json") return safeJson({ summary });
  const s = summary;
  return (
    `${plural(s.read, "request")} in ${plural(s.files, "file")} checked for ${s.endpoint}${s.bodyModel ? ` (${s.bodyModel})` : " (body not modelled: only its being an object)"}: ` +
    `${s.valid} valid, ${s.invalid} invalid, ${s.unparsable} unparsable; ${plural(s.warnings, "warning")}; ${plural(s.duplicateCustomIds, "duplicate custom_id")}` +
    (s.limitsExceeded ? `; ${plural(s.limitsExceeded, "limit")} exceeded` : "") +
    (s.unreadable ? `; ${plural(s.unreadable, "input")} could not be read` : "") +
    (s.empty ? `; ${plural(s.empty, "input")} had no records` : "")
  );
}

/** The closing line of check-output. */
export function outputSummary(summary: CheckOutputSummary, format: ReportFormat): string {
  if (format === "json") return safeJson({ summary });
  const s = summary;
  const r = s.requests;
  return (
    `${plural(s.read, "result")} in ${plural(s.files, "file")}: ${s.succeeded} succeeded, ${s.failed} failed (${plural(s.causes, "cause")}), ${s.invalid} invalid, ${s.unparsable} unparsable` +
    (r
      ? `; ${plural(r.read, "request")}: ${r.matched} matched, ${r.missing} without a result, ${r.withoutCustomId} without a custom_id; ${plural(r.unknownResults, "result")} matching no request; ${plural(r.duplicateResults, "custom_id")} with several results`
      : "") +
    (s.unreadable ? `; ${plural(s.unreadable, "input")} could not be read` : "") +
    (s.empty ? `; ${plural(s.empty, "input")} had no records` : "")
  );
}
