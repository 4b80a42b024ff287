import { quoteForDisplay } from "../issues.js";
import type { InputRecord } from "../records/record-reader.js";
import { CheckBase, forEachItem, isObject, issuesUnder, own, pathOfPointer, placeOf, PlaceGroup, plural, type ModelLookup, type ModelVerbs } from "./common.js";
import type { CheckInputReport, CheckInputSummary, CheckOptionsBase, GroupFinding, InputFinding, Place } from "./findings.js";

/**
 * The requests of one batch job, per input file. Sources: the batch guide and the known
 * limitations page of the Mistral AI documentation (mistralai/platform-docs-public, both
 * 2026-08-11). The guide says "up to 1 million requests"; the known limitations page says
 * 100,000 per batch. A check before upload should fail on what the API may refuse, so the
 * smaller is the default; `--max-requests` raises it.
 */
export const defaultMaxRequests = 100_000;
/**
 * Bytes per input file as uploaded: "Maximum batch file size: 512 MB" (the known limitations
 * page, 2026-08-11), read as 512,000,000 bytes, the smaller reading of "MB".
 */
export const defaultMaxBytes = 512_000_000;
/** The endpoint a batch is checked for when none is given. */
export const defaultEndpoint = "/v1/chat/completions";

/** Options of `checkBatchInput` and `check-input`. */
export interface CheckInputOptions extends CheckOptionsBase {
  /** The `ApiEndpoint` the job will call (default `/v1/chat/completions`): the body of every request is checked for it. */
  readonly endpoint?: string;
  /** The model the job is created with; a body naming another is a warning, and so is a body without one when this is not given. */
  readonly model?: string;
  /** Requests per input, at most (default {@link defaultMaxRequests}). */
  readonly maxRequests?: number;
  /** Bytes per input as uploaded, at most (default {@link defaultMaxBytes}). */
  readonly maxBytes?: number;
}

/** The endpoint table the checks need: each endpoint's in-batch body model, where the API description gives its shape. */
export type EndpointBodies = Readonly<Record<string, { readonly body: string; readonly batchBody: string } | undefined>>;

const sampleSize = 100;

/**
 * The rules of a batch input, fed one record at a time; findings are handed out as they are
 * found (per record) or at the end (per file, per run), so a caller can stream them.
 */
export class InputCheck extends CheckBase<InputFinding> {
  readonly #models: ModelLookup;
  /** The verbs of every record, looked up once. */
  readonly #wrapper: ModelVerbs;
  readonly #bodyVerbs: ModelVerbs | undefined;
  readonly #endpoint: string;
  readonly #bodyModel: string | null;
  readonly #endpoints: EndpointBodies;
  readonly #maxPlaces: number;
  /**
   * Each `custom_id`: the number of its first occurrence in {@link #first}, or, once it occurs
   * again, a group of its places. Most ids are unique, so the common entry is a small integer
   * and no object: memory and time grow little with the file.
   */
  readonly #ids = new Map<string, number | PlaceGroup>();
  /** First occurrences, as parallel arrays: the input (an index into `files`), the line, the pointer where there is one. */
  readonly #first = { files: [] as string[], file: [] as number[], line: [] as number[], pointers: new Map<number, string>() };
  readonly #missingId: PlaceGroup;
  readonly #modelDiffers: PlaceGroup;
  readonly #noModel: PlaceGroup;
  /** The first bodies that failed the endpoint's model, to find the endpoint they fit. */
  readonly #failedBodies: unknown[] = [];
  #bodyFailures = 0;
  readonly #counts = { valid: 0, invalid: 0, limitsExceeded: 0 };

  constructor(
    private readonly options: CheckInputOptions,
    models: ModelLookup,
    endpoints: EndpointBodies,
    emit: (finding: InputFinding) => void,
  ) {
    super(emit, options.allowEmpty === true);
    this.#models = models;
    this.#endpoints = endpoints;
    this.#endpoint = options.endpoint ?? defaultEndpoint;
    if (!Object.hasOwn(endpoints, this.#endpoint)) throw new RangeError(`unknown endpoint ${quoteForDisplay(this.#endpoint)}; one of ${Object.keys(endpoints).join(", ")}`);
    this.#bodyModel = endpoints[this.#endpoint]?.batchBody ?? null;
    this.#wrapper = models("BatchRequest");
    this.#bodyVerbs = this.#bodyModel === null ? undefined : models(this.#bodyModel);
    this.#maxPlaces = options.maxPlaces ?? 5;
    this.#missingId = new PlaceGroup(this.#maxPlaces);
    this.#modelDiffers = new PlaceGroup(this.#maxPlaces);
    this.#noModel = new PlaceGroup(this.#maxPlaces);
  }

  /** One line of a batch input file (a `BatchRequest`), or one item of a create request's `requests`. */
  request(record: InputRecord): void {
    if (!this.take(record)) return;
    const { value } = record;
    // The valid majority allocates nothing here: the issue list is made on the first failure.
    const wrapperValid = this.#wrapper.is(value);
    let issues = wrapperValid ? undefined : issuesUnder(this.#wrapper.validate(value).issues ?? [], record.pointer, pathOfPointer(record.pointer));
    let model = "BatchRequest";
    const body = isObject(value) ? own(value, "body") : undefined;
    const bodyVerbs = this.#bodyVerbs;
    if (bodyVerbs && isObject(body) && !bodyVerbs.is(body)) {
      this.#bodyFailures++;
      if (this.#failedBodies.length < sampleSize) this.#failedBodies.push(body);
      const bodyIssues = issuesUnder(bodyVerbs.validate(body).issues ?? [], `${record.pointer}/body`, [...pathOfPointer(record.pointer), "body"]);
      issues = issues ? [...issues, ...bodyIssues] : bodyIssues;
      if (wrapperValid) model = this.#bodyModel!;
    }
    if (issues) {
      this.#counts.invalid++;
      const what = model === "BatchRequest" ? "invalid BatchRequest" : `body invalid for ${this.#endpoint} (${model})`;
      this.emit({ kind: "invalid", severity: "error", ...placeOf(record), model, issues, message: what });
    } else this.#counts.valid++;
    if (!isObject(value)) return;
    const customId = own(value, "custom_id");
    if (typeof customId === "string" && customId !== "") {
      const seen = this.#ids.get(customId);
      if (seen === undefined) this.#ids.set(customId, this.#remember(record));
      else if (typeof seen === "number") {
        const group = new PlaceGroup(this.#maxPlaces);
        group.add(this.#firstPlace(seen));
        group.addRecord(record);
        this.#ids.set(customId, group);
      } else seen.addRecord(record);
    } else this.#missingId.addRecord(record);
    if (isObject(body)) {
      const bodyModel = own(body, "model");
      if (this.options.model !== undefined && typeof bodyModel === "string" && bodyModel !== this.options.model) this.#modelDiffers.addRecord(record);
      if (this.options.model === undefined && (bodyModel === undefined || bodyModel === null)) this.#noModel.addRecord(record);
    }
  }

  /** Keeps where a record is, compactly; returns the number to find it again by. */
  #remember(record: InputRecord): number {
    const first = this.#first;
    const n = first.line.length;
    if (first.files[first.files.length - 1] !== record.file) first.files.push(record.file);
    first.file.push(first.files.length - 1);
    first.line.push(record.line);
    if (record.pointer !== "") first.pointers.set(n, record.pointer);
    return n;
  }

  #firstPlace(n: number): Place {
    const first = this.#first;
    return { file: first.files[first.file[n]!]!, line: first.line[n]!, pointer: first.pointers.get(n) ?? "" };
  }

  /**
   * A create request (`CreateBatchJobRequest`, a `.json` file): checked whole, then each item of
   * its `requests` like a line, with pointers into the document.
   */
  createRequest(record: InputRecord): void {
    if ("parseError" in record) {
      this.request(record);
      return;
    }
    const verbs = this.#models("CreateBatchJobRequest");
    const { value } = record;
    if (!verbs.is(value)) {
      // Issues inside `requests/N` are the items' own: each item reports them, once.
      const issues = (verbs.validate(value).issues ?? []).filter((issue) => !/^\/requests\/[0-9]/.test(issue.instancePath));
      if (issues.length > 0) {
        this.emit({ kind: "invalid", severity: "error", file: record.file, line: record.line, pointer: record.pointer, model: "CreateBatchJobRequest", issues, message: "invalid CreateBatchJobRequest" });
      }
    }
    const requests = isObject(value) ? own(value, "requests") : undefined;
    if (!Array.isArray(requests)) return;
    for (let i = 0; i < requests.length; i++) this.request({ file: record.file, line: record.line, pointer: `${record.pointer}/requests/${i}`, value: requests[i] });
  }

  /** The end of one input: its limits and the empty-input rule. */
  endFile(file: string, contentBytes: number): void {
    const { maxRequests = defaultMaxRequests, maxBytes = defaultMaxBytes } = this.options;
    if (this.fileRecords > maxRequests) {
      this.#counts.limitsExceeded++;
      this.emit({ kind: "limit", severity: "error", file, limit: "max-requests", value: this.fileRecords, max: maxRequests, message: `${this.fileRecords} requests: more than the limit of ${maxRequests} per file (--max-requests)` });
    }
    if (contentBytes > maxBytes) {
      this.#counts.limitsExceeded++;
      this.emit({ kind: "limit", severity: "error", file, limit: "max-bytes", value: contentBytes, max: maxBytes, message: `${contentBytes} bytes: more than the limit of ${maxBytes} bytes per file as uploaded (--max-bytes)` });
    }
    this.endInput(file);
  }

  /** The findings of the whole run (duplicates, warnings, the endpoint hint) and the summary. */
  finish(): CheckInputSummary {
    const group = (kind: GroupFinding["kind"], severity: GroupFinding["severity"], places: PlaceGroup, message: string, customId?: string) => {
      if (places.count > 0) this.emit({ kind, severity, count: places.count, places: places.places, message, ...(customId === undefined ? {} : { customId }) });
    };
    let duplicates = 0;
    for (const [id, places] of this.#ids) {
      if (typeof places === "number") continue;
      duplicates++;
      group("duplicate-custom-id", "error", places, `custom_id ${quoteForDisplay(id)} occurs ${places.count} times: its results cannot be told apart`, id);
    }
    group("missing-custom-id", "warning", this.#missingId, `${plural(this.#missingId.count, "request")} without a custom_id (missing, null or empty): ${this.#missingId.count === 1 ? "its result" : "their results"} cannot be joined to ${this.#missingId.count === 1 ? "it" : "them"}`);
    group("model-differs", "warning", this.#modelDiffers, `${plural(this.#modelDiffers.count, "body")} naming a model other than ${quoteForDisplay(this.options.model ?? "")} (--model)`);
    group("no-model", "warning", this.#noModel, `${plural(this.#noModel.count, "body")} without a model, and no --model: the job must be created with one`);
    this.#endpointHint();
    const warnings = this.#missingId.count + this.#modelDiffers.count + this.#noModel.count;
    return {
      command: "check-input",
      endpoint: this.#endpoint,
      bodyModel: this.#bodyModel,
      files: this.inputs.files,
      ...this.records,
      ...this.#counts,
      warnings,
      duplicateCustomIds: duplicates,
      unreadable: this.inputs.unreadable,
      empty: this.inputs.empty,
      ok: this.errors === 0,
    };
  }

  /** When most bodies fail, the endpoint whose body model accepts most of the sampled ones. */
  #endpointHint(): void {
    const read = this.records.read - this.records.unparsable;
    if (this.#bodyFailures === 0 || this.#bodyFailures * 2 <= read) return;
    let best: { endpoint: string; fits: number } | undefined;
    for (const [endpoint, bodies] of Object.entries(this.#endpoints)) {
      if (!bodies || endpoint === this.#endpoint || bodies.batchBody === this.#bodyModel) continue;
      const verbs = this.#models(bodies.batchBody);
      // A body model that accepts an empty object (an open one, all keys optional) fits anything: no evidence.
      if (verbs.is({})) continue;
      const fits = this.#failedBodies.filter((body) => verbs.is(body)).length;
      if (fits > (best?.fits ?? 0)) best = { endpoint, fits };
    }
    const sampled = this.#failedBodies.length;
    if (!best || best.fits * 2 <= sampled) return;
    this.emit({
      kind: "endpoint-hint",
      severity: "info",
      endpoint: this.#endpoint,
      suggested: best.endpoint,
      fits: best.fits,
      sampled,
      message: `${this.#bodyFailures} of ${read} bodies are invalid for ${this.#endpoint}; ${best.fits} of the ${sampled} sampled are valid for ${best.endpoint}: try --endpoint ${best.endpoint}`,
    });
  }
}

/**
 * Runs the input check over the API's records (see {@link forEachItem}): one input named
 * `"input"`, the limits applied to it as if it were one file.
 */
export async function runCheckInput(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: CheckInputOptions,
  models: ModelLookup,
  endpoints: EndpointBodies,
): Promise<CheckInputReport> {
  const findings: InputFinding[] = [];
  const check = new InputCheck(options, models, endpoints, (finding) => findings.push(finding));
  let bytes = 0;
  check.beginFile();
  await forEachItem(records, "input", (record, recordBytes) => {
    bytes += recordBytes + 1;
    check.request(record);
  });
  check.endFile("input", bytes);
  return { findings, summary: check.finish() };
}
