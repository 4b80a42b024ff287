#!/usr/bin/env node
// The batch-job-schema command line: validate JSON and JSONL files of jobs, print schemas.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { models as defaultModels } from "./generated/api-default.js";
import type { CompiledValidator, Model } from "./define-model.js";
import { Progress } from "./cli/progress.js";
import { readRecords, sizeOf } from "./cli/read-records.js";
import { reporters, type ReportFormat, type Summary } from "./cli/report.js";
import type { InputRecord } from "./cli/read-records.js";

const packageRoot = new URL("../", import.meta.url);
const usage = `Usage:
  batch-job-schema validate [FILES | -] [--type MODEL] [--strict] [--format text|json|github] [--quiet]
  batch-job-schema schema [NAME] [--bundle] [--strict]
  batch-job-schema --help | --version

validate  checks .json files (one object, an array of objects, or a list response
          { "data": [...] }), .jsonl/.ndjson files (one object per line, streamed) and
          standard input (-). Exit 0: all valid; 1: some invalid or unparsable; 2: usage or I/O error.
  --type MODEL     the model to check against (default BatchJobOut): ${Object.keys(defaultModels).join(", ")}
  --strict         the strict profile: no unknown keys, file ids must be UUIDs
  --format FORMAT  text (default), json (JSON Lines: one object per failing record, then a summary),
                   github (workflow annotations)
  --quiet          print only the summary
schema    prints a schema document (NAME as a title such as BatchJobOut or a file name such as
          batch-job-out), all of them in one document with --bundle, the strict profile with --strict;
          with neither, lists the names.`;

class UsageError extends Error {}

interface Bundle {
  definitions: Record<string, { $id: string; properties?: Record<string, unknown> }>;
}
const loadBundle = (strict: boolean): Bundle =>
  JSON.parse(readFileSync(new URL(`src/generated/bundle${strict ? ".strict" : ""}.schema.json`, packageRoot), "utf8")) as Bundle;

function stdoutClosedQuietly() {
  // `| head -n1` closes the pipe early: stop without a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const out = (line: string) => {
  if (line) process.stdout.write(`${line}\n`);
};

async function validate(files: string[], options: { type: string; strict: boolean; format: ReportFormat; quiet: boolean }) {
  // The strict profile is loaded only when asked for: start-up is part of every run.
  const models = (options.strict ? (await import("./generated/api-strict.js")).models : defaultModels) as Record<string, Model<unknown>>;
  const model = models[options.type];
  if (!model) throw new UsageError(`unknown --type ${options.type}; one of ${Object.keys(models).join(", ")}`);
  // Every value here comes from JSON.parse, so the build without own-property tests gives the
  // same verdicts, faster; the model's own verbs still explain each failure.
  const parsed = (options.strict
    ? await import("./generated/validators/strict-fast-parsed.js")
    : await import("./generated/validators/default-fast-parsed.js")) as Record<string, CompiledValidator>;
  const isValid = parsed[options.type]!;
  if (files.length === 0) throw new UsageError("validate needs at least one file, or - for standard input");
  // A list model (one that declares `data`) checks a list response whole, wrapper and elements;
  // for any other model, each element of a list response's `data` is a record of its own.
  const expandLists = !loadBundle(options.strict).definitions[options.type]?.properties?.data;
  const reporter = reporters[options.format];
  const progress = new Progress(process.stderr, Boolean(process.stderr.isTTY) && !options.quiet);
  const report = (line: string) => {
    if (options.quiet) return;
    progress.clear();
    out(line);
  };
  const summary: Summary = { files: 0, read: 0, valid: 0, invalid: 0, unparsable: 0, unreadable: 0 };
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
  for (const file of files) {
    if (interrupt.signal.aborted) break;
    summary.files++;
    try {
      progress.expect(await sizeOf(file).catch(() => 0));
      await readRecords(file, { expandLists, onRecord, onBytes: (n) => progress.bytes(n), signal: interrupt.signal });
    } catch (error) {
      // The records already read from this input stay counted; the other inputs go on.
      summary.unreadable++;
      const reason = (error as NodeJS.ErrnoException).code === "EISDIR" ? "is a directory" : (error as Error).message;
      progress.clear();
      process.stderr.write(`batch-job-schema: ${file}: cannot read: ${reason}\n`);
      if (options.format !== "text") report(reporter.unreadable(file, reason));
    }
  }
  progress.clear();
  process.removeListener("SIGINT", onSigint);
  out(reporter.summary(summary, model.name));
  if (interrupt.signal.aborted) {
    process.stderr.write("batch-job-schema: interrupted: the summary counts only the records read before\n");
    return 130;
  }
  return summary.unreadable > 0 ? 2 : summary.invalid + summary.unparsable > 0 ? 1 : 0;
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
  if (!doc) throw new UsageError(`unknown schema ${name}; one of ${Object.keys(bundle.definitions).join(", ")}`);
  out(JSON.stringify(doc, null, 2));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      type: { type: "string", default: "BatchJobOut" },
      strict: { type: "boolean", default: false },
      format: { type: "string", default: "text" },
      quiet: { type: "boolean", default: false },
      bundle: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
      version: { type: "boolean", short: "v", default: false },
    },
  });
  if (values.help) return (out(usage), 0);
  if (values.version) {
    return (out((JSON.parse(readFileSync(new URL("package.json", packageRoot), "utf8")) as { version: string }).version), 0);
  }
  const [command, ...rest] = positionals;
  if (command === "validate") {
    if (!(values.format in reporters)) throw new UsageError(`unknown --format ${values.format}; one of text, json, github`);
    return validate(rest, { type: values.type, strict: values.strict, format: values.format as ReportFormat, quiet: values.quiet });
  }
  if (command === "schema") {
    if (rest.length > 1) throw new UsageError("schema takes at most one NAME");
    return schema(rest[0], { bundle: values.bundle, strict: values.strict });
  }
  throw new UsageError(command ? `unknown command ${command}` : "no command given");
}

stdoutClosedQuietly();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error & { code?: string }) => {
    const isUsage = error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS");
    process.stderr.write(`batch-job-schema: ${error.message}${isUsage ? " (see --help)" : ""}\n`);
    process.exitCode = 2;
  },
);
