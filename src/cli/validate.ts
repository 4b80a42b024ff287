// `batch-job-schema validate`: every record of each input against one model.
import { nameTable } from "../define-model.js";
import { lintBatchJob } from "../lint-batch-job.js";
import { loadBundle } from "./bundle.js";
import { lookUp, out, progressLine, readInputs, setStatusSoFar, UsageError, type ReadingOptions } from "./common.js";
import type { ValidateBatch } from "./job-batches.js";
import { JobReader, type JobsOptions } from "./jobs.js";
import type { InputRecord } from "./read-records.js";
import { reporters, type Summary } from "./report.js";
import { loadModel, modelTitles } from "./validators.js";

export interface ValidateOptions extends ReadingOptions {
  type: string;
  /** Also lint each valid job (warnings for numbers that contradict each other). */
  lint: boolean;
  /** Worker threads for large JSONL files (`--jobs`); without it, one thread. */
  jobs?: JobsOptions;
}

/** The models a job lint applies to: today's job and the seed's. */
const jobModels = new Set(["BatchJob", "BatchJobOut"]);

export async function validate(args: string[], options: ValidateOptions): Promise<number> {
  const title = lookUp(nameTable(Object.fromEntries(modelTitles(options.strict).map((t) => [t, t]))), options.type, "--type");
  if (args.length === 0) throw new UsageError("validate needs at least one file, or - for standard input");
  if (options.lint && !jobModels.has(title)) throw new UsageError(`--lint applies to BatchJob and BatchJobOut, not ${title}`);
  const jobs = options.jobs && new JobReader(options.jobs, { kind: "validate", strict: options.strict, type: title, lint: options.lint }, (batch, file, base) => applyBatch(batch, file, base));
  // Worker threads start (when a large JSONL file is named) while this one loads its model.
  await jobs?.warmUp(args, options.inputFormat);
  const model = await loadModel(options.strict, title);
  // The fast build answers; the model's other verbs explain each failure.
  const isValid = model.is;
  // A list model (one that declares `data`) checks a list response whole, wrapper and elements;
  // for any other model, each element of a list response's `data` is a record of its own.
  const expandLists = !loadBundle(options.strict).definitions[model.name]?.properties?.data;
  const reporter = reporters[options.format];
  const progress = progressLine(options.quiet);
  const report = (line: string) => {
    if (options.quiet) return;
    progress.clear();
    out(line);
  };
  const summary: Summary = { files: 0, read: 0, valid: 0, invalid: 0, unparsable: 0, unreadable: 0, empty: 0, ...(options.lint ? { warnings: 0 } : {}) };
  const status = () =>
    summary.unreadable > 0 ? 2 : summary.invalid + summary.unparsable > 0 || (summary.empty > 0 && !options.allowEmpty) ? 1 : 0;
  setStatusSoFar(status);
  const onRecord = (record: InputRecord) => {
    summary.read++;
    if ("parseError" in record) {
      summary.unparsable++;
      report(reporter.unparsable(record));
      return;
    }
    // The fast check answers for the valid majority; only a failure pays for the issue list.
    if (isValid(record.value)) {
      summary.valid++;
      if (options.lint) {
        const warnings = lintBatchJob(record.value);
        summary.warnings! += warnings.length;
        if (warnings.length > 0) report(reporter.warnings(record, model.name, warnings));
      }
      return;
    }
    summary.invalid++;
    const result = model.validate(record.value);
    report(reporter.invalid(record, model.name, result.issues ?? []));
  };
  // Records read on worker threads come as batches: their counts, and the records to report.
  const applyBatch = (b: unknown, file: string, base: number) => {
    const batch = b as ValidateBatch;
    summary.read += batch.n;
    summary.valid += batch.valid;
    summary.invalid += batch.invalid;
    if (options.lint) summary.warnings! += batch.warnings;
    for (const item of batch.items) {
      const record: InputRecord = { file, line: base + item.line, column: item.column, pointer: item.pointer, value: undefined };
      report(item.issues ? reporter.invalid(record, model.name, item.issues) : reporter.warnings(record, model.name, item.warnings ?? []));
    }
    return batch.n;
  };
  const { interrupted } = await readInputs(
    args,
    { format: options.inputFormat, expandLists, maxRecordBytes: options.maxRecordBytes, progress, jobs },
    {
      beginInput: () => summary.files++,
      onRecord,
      endInput: (file, records) => {
        if (records > 0) return;
        summary.empty++;
        report(reporter.empty(file, options.allowEmpty));
      },
      unreadable: (file, reason) => {
        summary.unreadable++;
        if (options.format !== "text") report(reporter.unreadable(file, reason));
      },
    },
  );
  out(reporter.summary(summary, model.name));
  return interrupted ? 130 : status();
}
