// `batch-job-schema check-input` and `check-output`: the file-level rules of batch files,
// over the same readers and reports as `validate`.
import { defaultEndpoint, InputCheck, type EndpointBodies } from "../checks/check-input.js";
import { OutputCheck } from "../checks/check-output.js";
import type { ModelLookup, ModelVerbs } from "../checks/common.js";
import type { Severity } from "../checks/findings.js";
import { apiEndpointBodies } from "../generated/endpoints.js";
import { formatFinding, inputSummary, outputSummary } from "./check-report.js";
import { lookUp, out, progressLine, readInputs, setStatusSoFar, UsageError, type ReadingOptions } from "./common.js";
import { JobReader, type JobsOptions } from "./jobs.js";
import type { InputFormat } from "./read-records.js";
import { requestJobs, type RequestJobs } from "./request-jobs.js";
import { loadModels } from "./validators.js";

export interface CheckInputCommandOptions extends ReadingOptions {
  endpoint: string | undefined;
  model: string | undefined;
  maxRequests: number | undefined;
  maxBytes: number | undefined;
  /** Worker threads for large request files (`--jobs`); without it, one thread. */
  jobs?: JobsOptions;
}

export interface CheckOutputCommandOptions extends ReadingOptions {
  requests: string[];
}

/** The fast build answers for the valid majority (values from JSON.parse), the model's verbs explain failures. */
async function modelLookup(strict: boolean): Promise<ModelLookup> {
  const models = await loadModels(strict);
  // Looked up once per model, not per record.
  const verbs = new Map<string, ModelVerbs>();
  return (title) => {
    let found = verbs.get(title);
    if (!found) verbs.set(title, (found = { is: models[title]!.is, validate: models[title]!.validate }));
    return found;
  };
}

/** A `.json` input (or any with `--input-format json`) is one create request; anything else is a JSONL file of request lines. */
const requestFormat = (inputFormat: InputFormat) => (file: string): InputFormat =>
  inputFormat === "json" || /\.json(\.gz)?$/i.test(file) ? "json" : "jsonl";

/** Prints findings as they come, and keeps the exit status of what was read so far. */
function findingPrinter(options: ReadingOptions) {
  const state = { errors: 0, unreadable: 0 };
  const progress = progressLine(options.quiet);
  const print = (finding: { severity: Severity; kind: string }) => {
    if (finding.kind === "unreadable") state.unreadable++;
    else if (finding.severity === "error") state.errors++;
    if (options.quiet) return;
    progress.clear();
    out(formatFinding(finding as never, options.format));
  };
  const status = () => (state.unreadable > 0 ? 2 : state.errors > 0 ? 1 : 0);
  setStatusSoFar(status);
  return { print, progress, status };
}

export async function checkInput(args: string[], options: CheckInputCommandOptions): Promise<number> {
  if (args.length === 0) throw new UsageError("check-input needs at least one file, or - for standard input");
  if (options.endpoint !== undefined) lookUp(apiEndpointBodies, options.endpoint, "--endpoint");
  if (options.inputFormat === "auto") options.inputFormat = "jsonl";
  const { print, progress, status } = findingPrinter(options);
  const format = requestFormat(options.inputFormat);
  // With --jobs, workers run the request's two models (the wrapper InputCheck checks, and the
  // endpoint's body model); this thread runs the check itself, in file order. They start (when
  // a large request file is named) while this thread loads the models.
  const wrapper = "BatchRequest";
  const body = (apiEndpointBodies as EndpointBodies)[options.endpoint ?? defaultEndpoint]?.batchBody ?? null;
  const jobs = options.jobs && new JobReader(options.jobs, { kind: "check-input", strict: options.strict, wrapper, body }, (batch, file, base): number => parallel!.apply(check, batch, file, base));
  await jobs?.warmUp(args, format);
  const lookup = await modelLookup(options.strict);
  const parallel: RequestJobs | undefined = jobs ? requestJobs(lookup, wrapper, body) : undefined;
  const check = new InputCheck(
    {
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      ...(options.model === undefined ? {} : { model: options.model }),
      ...(options.maxRequests === undefined ? {} : { maxRequests: options.maxRequests }),
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      allowEmpty: options.allowEmpty,
    },
    parallel?.lookup ?? lookup,
    apiEndpointBodies,
    print,
  );

  let document = false; // whether the input being read is a create request
  const { interrupted } = await readInputs(
    args,
    { format, expandLists: false, expandArrays: false, maxRecordBytes: options.maxRecordBytes, progress, jobs },
    {
      beginInput: (file) => {
        document = format(file) === "json";
        check.beginFile();
      },
      onRecord: (record) => (document ? check.createRequest(record) : check.request(record)),
      endInput: (file, _records, contentBytes) => check.endFile(file, contentBytes),
      unreadable: (file, reason) => check.unreadable(file, reason),
    },
  );
  out(inputSummary(check.finish(), options.format));
  return interrupted ? 130 : status();
}

export async function checkOutput(args: string[], options: CheckOutputCommandOptions): Promise<number> {
  if (args.length === 0) throw new UsageError("check-output needs at least one file, or - for standard input");
  const { print, progress, status } = findingPrinter(options);
  const check = new OutputCheck({ allowEmpty: options.allowEmpty }, await modelLookup(options.strict), print);
  const common = { maxRecordBytes: options.maxRecordBytes, progress };
  if (options.requests.length > 0) {
    const format = requestFormat("jsonl");
    const { interrupted } = await readInputs(
      options.requests,
      { format, expandLists: false, expandArrays: false, ...common },
      {
        onRecord: (record) => {
          if (format(record.file) !== "json" || !("value" in record)) return check.request(record);
          // A create request: its inline requests are the requests.
          const requests = (record.value as { requests?: unknown } | null)?.requests;
          if (Array.isArray(requests)) requests.forEach((value, i) => check.request({ file: record.file, line: record.line, pointer: `/requests/${i}`, value }));
        },
        endInput: () => undefined,
        unreadable: (file, reason) => check.unreadable(file, reason),
      },
    );
    if (interrupted) return 130;
  }
  const { interrupted } = await readInputs(
    args,
    { format: options.inputFormat, expandLists: false, ...common },
    {
      beginInput: () => check.beginFile(),
      onRecord: (record) => check.record(record),
      endInput: (file) => check.endFile(file),
      unreadable: (file, reason) => check.unreadable(file, reason),
    },
  );
  out(outputSummary(check.finish(), options.format));
  return interrupted ? 130 : status();
}
