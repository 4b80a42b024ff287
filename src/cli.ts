#!/usr/bin/env node
// The batch-job-schema command line: validate JSON and JSONL files of jobs, print schemas.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { nameTable } from "./define-model.js";
import { escapeForDisplay } from "./issues.js";
import { loadBundle, packageRoot } from "./cli/bundle.js";
import { lookUp, out, stdoutClosedQuietly, UsageError } from "./cli/common.js";
import { defaultRangeBytes, type JobsOptions } from "./cli/jobs.js";
import { inputFormats, type InputFormat } from "./cli/read-records.js";
import { reporters, type ReportFormat } from "./cli/report.js";
import { modelTitles } from "./cli/validators.js";

/** The default of `--max-record-bytes`: half of V8's longest string (2^29 − 24 characters), leaving JSON.parse room. */
const defaultMaxRecordBytes = 256 * 1024 * 1024;

/** The help text; it names the models, which are loaded only for it (start-up is part of every run). */
const usage = (models: readonly string[]) => `Usage:
  batch-job-schema validate [INPUTS] [--type MODEL] [--lint] [options]
  batch-job-schema check-input [INPUTS] [--endpoint ENDPOINT] [--model MODEL] [--max-requests N] [--max-bytes N] [options]
  batch-job-schema check-output [INPUTS] [--requests INPUT]... [options]
  batch-job-schema schema [NAME] [--bundle] [--strict]
  batch-job-schema --help | --version

INPUTS are files, directories (their .json, .jsonl, .ndjson and .gz files, in sorted order),
glob patterns such as "out/*.jsonl", or - for standard input. gzip, UTF-8 and UTF-16 with a
byte-order mark are read as they are.

validate      checks every record of each input against a model. A record is each JSON value
              read (one per line, or pretty-printed over several); the elements of an array,
              and of a list response's "data", are records of their own.
  --type MODEL            the model (default BatchJobOut): ${models.join(", ")}
  --lint                  also warn about jobs whose numbers contradict each other (BatchJob, BatchJobOut)
check-input   checks batch input files before upload: each line a BatchRequest whose body is
              valid for the endpoint, duplicate custom_ids across all inputs, the API's limits
              per file. A .json input is one CreateBatchJobRequest, its inline requests checked alike.
  --endpoint ENDPOINT     the job's endpoint (default /v1/chat/completions)
  --model MODEL           the job's model: warns of a body naming another
  --max-requests N        requests per file (default 100000, the known limitations page)
  --max-bytes N           bytes per file as uploaded, after gzip (default 512000000)
validate and check-input read a large JSONL file on several threads, with the same report:
  --jobs N                threads (default ${availableParallelism()}, the number of cores); 1 reads on one thread
check-output  explains output and error files after download (or a job's inline outputs in a
              .json file): each line a BatchResult, failures grouped by cause.
  --requests INPUT        the input files (or create request) to join the results to, by custom_id;
                          repeat for several
schema        prints a schema document (NAME as a title such as BatchJobOut or a file name such as
              batch-job-out), all of them in one document with --bundle; with neither, lists the names.

Options of every command that reads inputs:
  --strict                the strict profile: no unknown keys, file ids must be UUIDs
  --format FORMAT         text (default), json (JSON Lines: one object per finding, then a
                          summary), github (workflow annotations)
  --input-format FORMAT   auto (default: JSON values one after another), jsonl (exactly one
                          value per line), json (one document)
  --max-record-bytes N    the largest record, in bytes (default ${defaultMaxRecordBytes}); a larger one is
                          counted as unparsable and reading goes on
  --allow-empty           an input with no record passes
  --quiet                 print only the summary

Exit status: 0 all good (warnings allowed); 1 an invalid or unparsable record, a failed check,
or an input with no record; 2 a usage error or an input that could not be read.`;

function schema(name: string | undefined, options: { bundle: boolean; strict: boolean }) {
  const bundle = loadBundle(options.strict);
  if (options.bundle) {
    if (name) throw new UsageError("give either a NAME or --bundle");
    out(JSON.stringify(bundle, null, 2));
    return 0;
  }
  if (!name) {
    for (const [title, doc] of Object.entries(bundle.definitions)) out(`${title}\t${doc.$id.split("/").pop()}`);
    return 0;
  }
  const doc = Object.entries(bundle.definitions).find(
    ([title, d]) => title === name || d.$id.endsWith(`/${name}`) || d.$id.endsWith(`/${name}.schema.json`),
  )?.[1];
  if (!doc) throw new UsageError(`unknown schema ${JSON.stringify(name)}; one of ${Object.keys(bundle.definitions).join(", ")}`);
  out(JSON.stringify(doc, null, 2));
  return 0;
}

function positiveInteger(text: string, option: string): number {
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  const unit = option === "--max-requests" || option === "--jobs" ? "" : " of bytes";
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option} takes a positive whole number${unit}; got ${JSON.stringify(text)}`);
  return n;
}

/** node:util's messages quote unevenly and suggest `--`; one clean line instead. */
function usageOfParseError(error: Error & { code?: string }): UsageError | undefined {
  if (!error.code?.startsWith("ERR_PARSE_ARGS")) return undefined;
  const option = /'(-[^' ]*)/.exec(error.message)?.[1] ?? "";
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return new UsageError(`unknown option ${option}`);
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return new UsageError(`option ${option} needs a value`);
  return new UsageError(error.message.replaceAll("'", ""));
}

/** Which options each command takes; any other is a usage error. */
const commandOptions: Readonly<Record<string, readonly string[]>> = nameTable({
  validate: ["type", "lint", "jobs", "job-range-bytes"],
  "check-input": ["endpoint", "model", "max-requests", "max-bytes", "jobs", "job-range-bytes"],
  "check-output": ["requests"],
  schema: ["bundle", "strict"],
});
const readingOptions = ["strict", "format", "input-format", "max-record-bytes", "allow-empty", "quiet"];

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        type: { type: "string" },
        lint: { type: "boolean" },
        endpoint: { type: "string" },
        model: { type: "string" },
        "max-requests": { type: "string" },
        "max-bytes": { type: "string" },
        jobs: { type: "string" },
        // Not in --help: the size of the ranges a file is cut into for --jobs (and, at 32 of
        // them, the smallest file read on several threads), for tests to cut records apart.
        "job-range-bytes": { type: "string" },
        requests: { type: "string", multiple: true },
        strict: { type: "boolean" },
        format: { type: "string" },
        "input-format": { type: "string" },
        "max-record-bytes": { type: "string" },
        "allow-empty": { type: "boolean" },
        quiet: { type: "boolean" },
        bundle: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw usageOfParseError(error as Error) ?? error;
  }
  const { values, positionals } = parsed;
  if (values.help) return (out(usage(modelTitles(false))), 0);
  if (values.version) {
    return (out((JSON.parse(readFileSync(new URL("package.json", packageRoot), "utf8")) as { version: string }).version), 0);
  }
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError("no command given");
  const allowed = lookUp(commandOptions, command, "command");
  for (const name of Object.keys(values)) {
    if (!allowed.includes(name) && !(command !== "schema" && readingOptions.includes(name))) throw new UsageError(`${command} takes no --${name}`);
  }
  if (command === "schema") {
    if (rest.length > 1) throw new UsageError("schema takes at most one NAME");
    return schema(rest[0], { bundle: values.bundle ?? false, strict: values.strict ?? false });
  }
  const format = values.format ?? "text";
  lookUp(reporters, format, "--format");
  const inputFormat = values["input-format"] ?? "auto";
  if (!inputFormats.includes(inputFormat as InputFormat)) {
    throw new UsageError(`unknown --input-format ${JSON.stringify(inputFormat)}; one of ${inputFormats.join(", ")}`);
  }
  const common = {
    strict: values.strict ?? false,
    format: format as ReportFormat,
    inputFormat: inputFormat as InputFormat,
    maxRecordBytes: positiveInteger(values["max-record-bytes"] ?? String(defaultMaxRecordBytes), "--max-record-bytes"),
    allowEmpty: values["allow-empty"] ?? false,
    quiet: values.quiet ?? false,
  };
  const jobs: JobsOptions = {
    jobs: positiveInteger(values.jobs ?? String(availableParallelism()), "--jobs"),
    rangeBytes: positiveInteger(values["job-range-bytes"] ?? String(defaultRangeBytes), "--job-range-bytes"),
  };
  // Each command loads its own code: start-up stays that of the one command run.
  if (command === "validate") {
    return (await import("./cli/validate.js")).validate(rest, { ...common, type: values.type ?? "BatchJobOut", lint: values.lint ?? false, jobs });
  }
  if (command === "check-input") {
    const optional = (name: "max-requests" | "max-bytes") => (values[name] === undefined ? undefined : positiveInteger(values[name], `--${name}`));
    return (await import("./cli/check-commands.js")).checkInput(rest, {
      ...common,
      endpoint: values.endpoint,
      model: values.model,
      maxRequests: optional("max-requests"),
      maxBytes: optional("max-bytes"),
      jobs,
    });
  }
  return (await import("./cli/check-commands.js")).checkOutput(rest, { ...common, requests: values.requests ?? [] });
}

stdoutClosedQuietly();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    const isUsage = error instanceof UsageError;
    process.stderr.write(`batch-job-schema: ${escapeForDisplay(error.message)}${isUsage ? " (see --help)" : ""}\n`);
    process.exitCode = 2;
  },
);
