import { batchResultOutcome } from "../batch-result.js";
import { quoteForDisplay } from "../issues.js";
import type { InputRecord } from "../records/record-reader.js";
import { CheckBase, forEachItem, isObject, issuesUnder, own, pathOfPointer, placeOf, PlaceGroup, plural, type ModelLookup } from "./common.js";
import type { CheckOptionsBase, CheckOutputReport, CheckOutputSummary, FailureGroupFinding, OutputFinding, Place } from "./findings.js";

/** Options of `checkBatchOutput` and `check-output`: those every check takes. */
export type CheckOutputOptions = CheckOptionsBase;

interface Joined {
  /** Request lines with this `custom_id`. */
  requests: number;
  /** The first of them. */
  first: Place;
  /** Results with this `custom_id`, and where the first few are. */
  results: PlaceGroup;
}

/**
 * The rules of batch results (output and error files, or a job's inline `outputs`), fed one
 * record at a time, optionally joined to the requests they answer.
 */
export class OutputCheck extends CheckBase<OutputFinding> {
  readonly #models: ModelLookup;
  readonly #maxPlaces: number;
  readonly #causes = new Map<string, { statusCode: number | null; count: number; places: FailureGroupFinding["places"][number][] }>();
  /** Requests by `custom_id`, when results are joined to requests. */
  #requests: Map<string, Joined> | undefined;
  readonly #requestCounts = { read: 0, withCustomId: 0, withoutCustomId: 0 };
  readonly #unknown: PlaceGroup<Place & { customId: string | null }>;
  readonly #counts = { succeeded: 0, failed: 0, invalid: 0 };

  constructor(options: CheckOutputOptions, models: ModelLookup, emit: (finding: OutputFinding) => void) {
    super(emit, options.allowEmpty === true);
    this.#models = models;
    this.#maxPlaces = options.maxPlaces ?? 5;
    this.#unknown = new PlaceGroup(this.#maxPlaces);
  }

  /** One request the results are joined to (a line of an input file). Requests come before results. */
  request(record: InputRecord): void {
    const requests = (this.#requests ??= new Map());
    this.#requestCounts.read++;
    const customId = "value" in record && isObject(record.value) ? own(record.value, "custom_id") : undefined;
    if (typeof customId !== "string" || customId === "") {
      this.#requestCounts.withoutCustomId++;
      return;
    }
    this.#requestCounts.withCustomId++;
    const joined = requests.get(customId);
    if (joined) joined.requests++;
    else requests.set(customId, { requests: 1, first: { file: record.file, line: record.line, pointer: record.pointer }, results: new PlaceGroup(this.#maxPlaces) });
  }

  /** One record of an output or error file: a result, or a job whose `outputs` are results. */
  record(record: InputRecord): void {
    if ("value" in record && isObject(record.value) && Array.isArray(own(record.value, "outputs")) && !Object.hasOwn(record.value, "response")) {
      const outputs = own(record.value, "outputs") as unknown[];
      for (let i = 0; i < outputs.length; i++) this.#result({ file: record.file, line: record.line, pointer: `${record.pointer}/outputs/${i}`, value: outputs[i] });
      return;
    }
    this.#result(record);
  }

  #result(record: InputRecord): void {
    if (!this.take(record)) return;
    const place = placeOf(record);
    const { value } = record;
    const verbs = this.#models("BatchResult");
    if (!verbs.is(value)) {
      this.#counts.invalid++;
      const issues = issuesUnder(verbs.validate(value).issues ?? [], record.pointer, pathOfPointer(record.pointer));
      this.emit({ kind: "invalid", severity: "error", ...place, model: "BatchResult", issues, message: "invalid BatchResult" });
      return;
    }
    const result = value as Record<string, unknown>;
    const customId = typeof result.custom_id === "string" ? result.custom_id : null;
    const outcome = batchResultOutcome(result);
    if (outcome.succeeded) this.#counts.succeeded++;
    else {
      this.#counts.failed++;
      let cause = this.#causes.get(outcome.cause);
      if (!cause) this.#causes.set(outcome.cause, (cause = { statusCode: outcome.statusCode, count: 0, places: [] }));
      if (++cause.count <= this.#maxPlaces) cause.places.push({ ...place, customId, message: outcome.message });
    }
    if (!this.#requests) return;
    const joined = customId === null ? undefined : this.#requests.get(customId);
    if (joined) joined.results.add(place);
    else this.#unknown.add({ ...place, customId });
  }

  /** The end of one input: the empty-input rule. */
  endFile(file: string): void {
    this.endInput(file);
  }

  /** The failure groups (most frequent first), the join, and the summary. */
  finish(): CheckOutputSummary {
    const causes = [...this.#causes].sort((a, b) => b[1].count - a[1].count);
    for (const [cause, group] of causes) {
      this.emit({ kind: "failures", severity: "error", cause, statusCode: group.statusCode, count: group.count, places: group.places, message: `${plural(group.count, "request")} failed: ${cause}` });
    }
    let requests: CheckOutputSummary["requests"] = null;
    if (this.#requests) {
      const missing = new PlaceGroup<Place & { customId: string }>(this.#maxPlaces);
      let missingLines = 0;
      let matched = 0;
      let duplicates = 0;
      for (const [customId, joined] of this.#requests) {
        if (joined.results.count === 0) {
          missingLines += joined.requests;
          missing.add({ ...joined.first, customId });
        } else matched += joined.requests;
        if (joined.results.count > 1) {
          duplicates++;
          this.emit({
            kind: "duplicate-results",
            severity: "error",
            customId,
            count: joined.results.count,
            places: joined.results.places,
            message: `custom_id ${quoteForDisplay(customId)} has ${joined.results.count} results`,
          });
        }
      }
      if (missing.count > 0) {
        this.emit({ kind: "missing-results", severity: "error", count: missingLines, places: missing.places, message: `${plural(missingLines, "request")} without a result` });
      }
      if (this.#unknown.count > 0) {
        this.emit({ kind: "unknown-results", severity: "error", count: this.#unknown.count, places: this.#unknown.places, message: `${plural(this.#unknown.count, "result")} whose custom_id matches no request` });
      }
      requests = { ...this.#requestCounts, matched, missing: missingLines, unknownResults: this.#unknown.count, duplicateResults: duplicates };
    }
    const { files, unreadable, empty } = this.inputs;
    return { command: "check-output", files, ...this.records, ...this.#counts, causes: this.#causes.size, requests, unreadable, empty, ok: this.errors === 0 };
  }
}

/** Runs the output check over the API's results, joined to `options.requests` when given. */
export async function runCheckOutput(
  results: Iterable<unknown> | AsyncIterable<unknown>,
  options: CheckOutputOptions & { readonly requests?: Iterable<unknown> | AsyncIterable<unknown> },
  models: ModelLookup,
): Promise<CheckOutputReport> {
  const findings: OutputFinding[] = [];
  const check = new OutputCheck(options, models, (finding) => findings.push(finding));
  if (options.requests) await forEachItem(options.requests, "requests", (record) => check.request(record));
  check.beginFile();
  await forEachItem(results, "results", (record) => check.record(record));
  check.endFile("results");
  return { findings, summary: check.finish() };
}
