#!/usr/bin/env node
// The batch-job-schema command line: validate JSON and JSONL files of jobs, print schemas.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { models as defaultModels } from "./generated/api-default.js";
import type { CompiledValidator, Model } from "./define-model.js";
import { escapeForDisplay } from "./issues.js";
import { resolveInputs } from "./cli/inputs.js";
import { Progress } from "./cli/progress.js";
import { InputError, inputFormats, readRecords, sizeOf, type InputFormat, type InputRecord } from "./cli/read-records.js";
import { reporters, type ReportFormat, type Summary } from "./cli/report.js";

const packageRoot = new URL("../", import.meta.url);

/** The default of `--max-record-bytes`: half of V8's longest string (2^29 − 24 characters), leaving JSON.parse room. */
const defaultMaxRecordBytes = 256 * 1024 * 1024;

const usage = `Usage:
  batch-job-schema validate [FILES | DIRECTORIES | PATTERNS | -] [options]
  batch-job-schema schema [NAME] [--bundle] [--strict]
  batch-job-schema --help | --version

validate  checks every record of each input against a model. An input is a file, a directory
          (its .json, .jsonl, .ndjson and .gz files, in sorted order), a glob pattern such as
          "examples/*.json", or - for standard input. A record is each JSON value read (one per
          line, or pretty-printed over several); the elements of an array, and of a list
          response's "data", are records of their own. gzip, UTF-8 and UTF-16 with a
          byte-order mark are read as they are.
          Exit 0: every record valid; 1: some record invalid or unparsable, or an input with
          no record; 2: usage error, or an input that could not be read.
  --type MODEL              the model to check against (default BatchJobOut): ${Object.keys(defaultModels).join(", ")}
  --strict                  the strict profile: no unknown keys, file ids must be UUIDs
  --format FORMAT           text (default), json (JSON Lines: one object per failing record,
                            then a summary), github (workflow annotations)
  --input-format FORMAT     auto (default: JSON values one after another, on lines of their own
                            or pretty-printed), jsonl (exactly one value per line), json (one document)
  --max-record-bytes N      the largest record, in bytes (default ${defaultMaxRecordBytes}); a larger one is
                            counted as unparsable and reading goes on
  --allow-empty             an input with no record passes
  --quiet                   print only the summary
schema    prints a schema document (NAME as a title such as BatchJobOut or a file name such as
          batch-job-out), all of them in one document with --bundle, the strict profile with --strict;
          with neither, lists the names.`;

class UsageError extends Error {}

/** Looks a user-given name up among a table's own names only: `toString` is not a model. */
function lookUp<T>(table: Readonly<Record<string, T>>, name: string, what: string): T {
  if (Object.hasOwn(table, name)) return table[name]!;
  throw new UsageError(`unknown ${what} ${JSON.stringify(name)}; one of ${Object.keys(table).join(", ")}`);
}

interface Bundle {
  definitions: Record<string, { $id: string; properties?: Record<string, unknown> }>;
}
const loadBundle = (strict: boolean): Bundle =>
  JSON.parse(readFileSync(new URL(`src/generated/bundle${strict ? ".strict" : ""}.schema.json`, packageRoot), "utf8")) as Bundle;

/** The exit status of what was read so far; stdout closing early stops the run with it. */
let statusSoFar = () => 0;

function stdoutClosedQuietly() {
  // `| head -n1` closes the pipe early: stop without a stack trace, with the status of what was read.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(statusSoFar());
    throw error;
  });
}

const out = (line: string) => {
  if (line) process.stdout.write(`${line}\n`);
};

interface ValidateOptions {
  type: string;
  strict: boolean;
  format: ReportFormat;
  inputFormat: InputFormat;
  maxRecordBytes: number;
  allowEmpty: boolean;
  quiet: boolean;
}

async function validate(args: string[], options: ValidateOptions) {
  // The strict profile is loaded only when asked for: start-up is part of every run.
  const models = (options.strict ? (await import("./generated/api-strict.js")).models : defaultModels) as Readonly<Record<string, Model<unknown>>>;
  const model = lookUp(models, options.type, "--type");
  if (args.length === 0) throw new UsageError("validate needs at least one file, or - for standard input");
  // Every value here comes from JSON.parse, so the build without own-property tests gives the
  // same verdicts, faster; the model's own verbs still explain each failure.
  const parsed = (options.strict
    ? await import("./generated/validators/strict-fast-parsed.js")
    : await import("./generated/validators/default-fast-parsed.js")) as Record<string, CompiledValidator>;
  const isValid = parsed[model.name]!;
  // A list model (one that declares `data`) checks a list response whole, wrapper and elements;
  // for any other model, each element of a list response's `data` is a record of its own.
  const expandLists = !loadBundle(options.strict).definitions[model.name]?.properties?.data;
  const { inputs, unmatched } = await resolveInputs(args).catch((error: Error) => {
    throw error instanceof RangeError ? new UsageError(error.message) : error;
  });
  const reporter = reporters[options.format];
  const progress = new Progress(process.stderr, Boolean(process.stderr.isTTY) && !options.quiet);
  const report = (line: string) => {
    if (options.quiet) return;
    progress.clear();
    out(line);
  };
  const summary: Summary = { files: 0, read: 0, valid: 0, invalid: 0, unparsable: 0, unreadable: 0, empty: 0 };
  const status = () =>
    summary.unreadable > 0 ? 2 : summary.invalid + summary.unparsable > 0 || (summary.empty > 0 && !options.allowEmpty) ? 1 : 0;
  statusSoFar = status;
  const cannotRead = (file: string, reason: string) => {
    summary.unreadable++;
    progress.clear();
    process.stderr.write(`batch-job-schema: ${escapeForDisplay(file)}: cannot read: ${escapeForDisplay(reason)}\n`);
    if (options.format !== "text") report(reporter.unreadable(file, reason));
  };
  const onRecord = (record: InputRecord) => {
    summary.read++;
    progress.record();
    if ("parseError" in record) {
      summary.unparsable++;
      report(reporter.unparsable(record));
      return;
    }
    // The fast check answers for the valid majority; only a failure pays for the issue list.
    if (isValid(record.value)) {
      summary.valid++;
      return;
    }
    summary.invalid++;
    const result = model.validate(record.value);
    report(reporter.invalid(record, model.name, result.issues ?? []));
  };
  // Ctrl-C stops between chunks; the summary of what was read is still printed.
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once("SIGINT", onSigint);
  for (const { pattern, reason } of unmatched) {
    summary.files++;
    cannotRead(pattern, reason);
  }
  const readOptions = {
    format: options.inputFormat,
    expandLists,
    maxRecordBytes: options.maxRecordBytes,
    onRecord,
    onBytes: (n: number) => progress.bytes(n),
    signal: interrupt.signal,
  };
  for (const file of inputs) {
    if (interrupt.signal.aborted) break;
    summary.files++;
    const before = summary.read;
    try {
      progress.expect(await sizeOf(file).catch(() => 0));
      await readRecords(file, readOptions);
    } catch (error) {
      // The records already read from this input stay counted; the other inputs go on.
      cannotRead(file, reasonOf(error as NodeJS.ErrnoException));
      continue;
    }
    if (summary.read === before && !interrupt.signal.aborted) {
      summary.empty++;
      report(reporter.empty(file, options.allowEmpty));
    }
  }
  progress.clear();
  process.removeListener("SIGINT", onSigint);
  out(reporter.summary(summary, model.name));
  if (interrupt.signal.aborted) {
    process.stderr.write("batch-job-schema: interrupted: the summary counts only the records read before\n");
    return 130;
  }
  return status();
}

/** The system's reasons without the path and syscall Node adds (the report names the file). */
const systemReasons: Readonly<Record<string, string>> = Object.freeze({
  ENOENT: "no such file or directory (ENOENT)",
  EACCES: "permission denied (EACCES)",
  EPERM: "operation not permitted (EPERM)",
  EISDIR: "is a directory (EISDIR)",
  ENOTDIR: "a part of the path is not a directory (ENOTDIR)",
  ELOOP: "too many symbolic links (ELOOP)",
  EMFILE: "too many open files (EMFILE)",
  EIO: "input/output error (EIO)",
});

function reasonOf(error: NodeJS.ErrnoException): string {
  if (error instanceof InputError) return error.message;
  const code = error.code ?? "";
  if (Object.hasOwn(systemReasons, code)) return systemReasons[code]!;
  if (code.startsWith("Z_")) return `gzip: ${error.message}`;
  return error.message;
}

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
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option} takes a positive whole number of bytes; got ${JSON.stringify(text)}`);
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

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        type: { type: "string", default: "BatchJobOut" },
        strict: { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        "input-format": { type: "string", default: "auto" },
        "max-record-bytes": { type: "string", default: String(defaultMaxRecordBytes) },
        "allow-empty": { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        bundle: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    throw usageOfParseError(error as Error) ?? error;
  }
  const { values, positionals } = parsed;
  if (values.help) return (out(usage), 0);
  if (values.version) {
    return (out((JSON.parse(readFileSync(new URL("package.json", packageRoot), "utf8")) as { version: string }).version), 0);
  }
  const [command, ...rest] = positionals;
  if (command === "validate") {
    lookUp(reporters, values.format, "--format");
    const format = values.format as ReportFormat;
    if (!inputFormats.includes(values["input-format"] as InputFormat)) {
      throw new UsageError(`unknown --input-format ${JSON.stringify(values["input-format"])}; one of ${inputFormats.join(", ")}`);
    }
    return validate(rest, {
      type: values.type,
      strict: values.strict,
      format,
      inputFormat: values["input-format"] as InputFormat,
      maxRecordBytes: positiveInteger(values["max-record-bytes"], "--max-record-bytes"),
      allowEmpty: values["allow-empty"],
      quiet: values.quiet,
    });
  }
  if (command === "schema") {
    if (rest.length > 1) throw new UsageError("schema takes at most one NAME");
    return schema(rest[0], { bundle: values.bundle, strict: values.strict });
  }
  throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : "no command given");
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
