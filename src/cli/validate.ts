// `batch-job-schema validate`: every record of each input against one model.
import type { CompiledValidator, Model } from "../define-model.js";
import { models as defaultModels } from "../generated/api-default.js";
import { lintBatchJob } from "../lint-batch-job.js";
import { loadBundle } from "./bundle.js";
import { lookUp, out, progressLine, readInputs, setStatusSoFar, UsageError, type ReadingOptions } from "./common.js";
import type { InputRecord } from "./read-records.js";
import { reporters, type Summary } from "./report.js";

export interface ValidateOptions extends ReadingOptions {
  type: string;
  /** Also lint each valid job (warnings for numbers that contradict each other). */
  lint: boolean;
}

/** The models a job lint applies to: today's job and the seed's. */
const jobModels = new Set(["BatchJob", "BatchJobOut"]);

export async function validate(args: string[], options: ValidateOptions): Promise<number> {
  // The strict profile is loaded only when asked for: start-up is part of every run.
  const models = (options.strict ? (await import("../generated/api-strict.js")).models : defaultModels) as Readonly<Record<string, Model<unknown>>>;
  const model = lookUp(models, options.type, "--type");
  if (args.length === 0) throw new UsageError("validate needs at least one file, or - for standard input");
  if (options.lint && !jobModels.has(model.name)) throw new UsageError(`--lint applies to BatchJob and BatchJobOut, not ${model.name}`);
  // Every value here comes from JSON.parse, so the build without own-property tests gives the
  // same verdicts, faster; the model's own verbs still explain each failure.
  const parsed = (options.strict
    ? await import("../generated/validators/strict-fast-parsed.js")
    : await import("../generated/validators/default-fast-parsed.js")) as Record<string, CompiledValidator>;
  const isValid = parsed[model.name]!;
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
  const { interrupted } = await readInputs(
    args,
    { format: options.inputFormat, expandLists, maxRecordBytes: options.maxRecordBytes, progress },
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
