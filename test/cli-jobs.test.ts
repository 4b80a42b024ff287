import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readJob, type JobSink, type JobSpec } from "../src/cli/job-lines.js";
import { cliPath, folderWith, runCli, tempFolder } from "./helpers/cli.js";

// `--jobs N`: a large JSONL file read on worker threads gives the report of the one-thread run,
// byte for byte (stdout, stderr, exit status), whatever the split points. The hidden option
// `--job-range-bytes` cuts these small files into ranges of a few bytes (and, at 32 ranges,
// makes them large enough for the threads), so that every kind of line straddles a split
// point; a preload counts the threads each run starts, so that no comparison passes because
// both runs read on one thread.

const job = JSON.parse(readFileSync(new URL("../examples/batch-job.json", import.meta.url), "utf8")) as Record<string, unknown>;
const line = (value: unknown) => JSON.stringify(value);
const ok = (i: number) => line({ ...job, id: `job-${i}` });
const bad = (i: number) => line({ ...job, id: `job-${i}`, status: "PAUSED" });

/** Lines joined with LF and CRLF in turn, the last one without a line end, after a UTF-8 byte-order mark. */
const fileOf = (lines: readonly (string | Buffer)[]) =>
  Buffer.concat([
    Buffer.from("\ufeff"),
    ...lines.flatMap((l, i) => [Buffer.from(l), Buffer.from(i === lines.length - 1 ? "" : i % 3 === 0 ? "\r\n" : "\n")]),
  ]);

/** Every kind of line the reader tells apart, four times over (a range of 1000 bytes holds a few lines). */
const jobLines: (string | Buffer)[] = Array.from({ length: 4 }, () => [
  ok(1),
  bad(2),
  "",
  " \t",
  ok(3),
  '{"id": "cut off',
  ok(4),
  "not json",
  bad(5),
  line([job, { ...job, status: "PAUSED" }]), // an array: its elements are records
  line({ object: "list", data: [job, { ...job, model: 1 }], total: 2 }), // a list response: its data
  `${ok(6)} ${bad(7)}`, // two values on one line
  `${ok(8)}\r${bad(9)}`, // a lone CR is no line end
  JSON.stringify({ ...job, id: "pretty", status: "PAUSED" }, null, 2), // one value over several lines
  ok(10),
  "{", // cut off by the line after it
  ok(11),
  "[]",
  Buffer.from([0x7b, 0xff, 0x7d]), // not UTF-8
  "\u000b",
  ok(12),
  '{"id": [1,', // cut off by the end of the file, or by the next line
]).flat();

const req = (id: unknown, body: unknown = { messages: [{ role: "user", content: `hello ${String(id)}` }] }) => line({ custom_id: id, body });
const requestLines: string[] = [
  req("a"),
  req("b"),
  req("a"), // a duplicate
  line({ body: { messages: [] } }), // no custom_id
  line({ custom_id: "", body: {} }),
  "oops",
  "",
  req("c", { model: "other", messages: [{ role: "user", content: "x" }] }),
  req("d", { model: 5, messages: [{ role: "user", content: "x" }] }),
  line({ custom_id: 7, body: "x" }),
  line([1, 2]),
  "null",
  req("e", { prompt: "x" }), // a body for another endpoint
  '{"custom_id": "cut',
  ...Array.from({ length: 500 }, (_, i) => req(`f-${i % 490}`)), // more duplicates, split apart
  req("g"),
];

/** The preload: counts the worker threads of the run into the file the environment names. */
const countWorkers = `data:text/javascript,${encodeURIComponent(
  'import { writeFileSync } from "node:fs"; import { isMainThread } from "node:worker_threads";' +
    'if (isMainThread) { let n = 0; process.on("worker", () => n++); process.on("exit", () => writeFileSync(process.env.BATCH_JOB_SCHEMA_TEST_WORKERS, String(n))); }',
)}`;

/** Runs the command line like runCli, and counts the worker threads it started. */
function runCounting(args: string[], input = "") {
  const counter = join(tempFolder(), "workers");
  const result = spawnSync(process.execPath, ["--import", countWorkers, cliPath, ...args], {
    input,
    encoding: "utf8",
    timeout: 60_000, // a run that hangs fails
    env: { ...process.env, BATCH_JOB_SCHEMA_TEST_WORKERS: counter },
  });
  return { run: { code: result.status, stdout: result.stdout, stderr: result.stderr }, workers: Number(readFileSync(counter, "utf8")) };
}

/** Ranges of a few bytes (every line straddles many split points), of tens of bytes, and of a few lines; 2 and 3 threads. */
const splits = [
  { jobs: 2, range: 3 },
  { jobs: 3, range: 29 },
  { jobs: 2, range: 1000 },
];

/** The run with --jobs 1, after checking that every multi-thread run gives the same bytes and status. */
function sameOnThreads(args: string[], cuts = splits) {
  const one = runCli([...args, "--jobs", "1"]);
  for (const { jobs, range } of cuts) {
    const many = runCounting([...args, "--jobs", String(jobs), "--job-range-bytes", String(range)]);
    expect(many.workers, `${args.join(" ")} --job-range-bytes ${range}: worker threads`).toBeGreaterThan(0);
    expect(many.run, `${args.join(" ")} --jobs ${jobs} --job-range-bytes ${range}`).toEqual(one);
  }
  return one;
}

describe("validate --jobs", () => {
  const dir = folderWith({ "jobs.jsonl": fileOf(jobLines), "more.ndjson": fileOf([bad(20), "", ok(21), "nope", ok(22)]) });
  const jobs = join(dir, "jobs.jsonl");

  it.each(["text", "json", "github"])("the same report as one thread, --format %s", (format) => {
    const one = sameOnThreads(["validate", "--format", format, jobs, join(dir, "more.ndjson")]);
    expect(one.code).toBe(1);
    if (format === "text") {
      // The file holds what the comparison is about: invalid and unparsable records, elements, columns.
      expect(one.stdout).toMatch(/jobs\.jsonl:2: invalid BatchJobOut/);
      expect(one.stdout).toMatch(/jobs\.jsonl:\d+: \/1: invalid BatchJobOut/);
      expect(one.stdout).toMatch(/jobs\.jsonl:\d+: \/data\/1: invalid BatchJobOut/);
      expect(one.stdout).toMatch(/jobs\.jsonl:\d+:\d+: invalid BatchJobOut/);
      expect(one.stdout).toMatch(/unparsable JSON: value cut off/);
      expect(one.stdout).toMatch(/unparsable JSON: not valid UTF-8/);
      expect(one.stdout).toMatch(/unparsable JSON: unexpected end of input/);
    }
  });

  it.each(["text", "json", "github"])("the same report as one thread with --input-format jsonl, --format %s", (format) => {
    expect(sameOnThreads(["validate", "--input-format", "jsonl", "--format", format, jobs]).code).toBe(1);
  });

  it("the same report with --lint, --quiet, --strict, a list model, and a record over --max-record-bytes", () => {
    sameOnThreads(["validate", "--lint", jobs]);
    sameOnThreads(["validate", "--quiet", "--strict", jobs]);
    sameOnThreads(["validate", "--type", "ListBatchJobsResponse", "--format", "json", jobs]);
    expect(sameOnThreads(["validate", "--max-record-bytes", "700", "--format", "json", jobs]).stdout).toContain("(--max-record-bytes)");
  });

  it("a long stretch of lines that are not JSON: the same report, and a job that stops at it is read on", () => {
    // Past 32 ranges, an episode is no longer held: the thread taken now streams it to the main
    // thread; a job read ahead stops (abandoned) and, once it is needed, a continuation reads on
    // from the stretch. Which thread meets the stretch first is a race: twice each, and below
    // the two halves of an abandoned job against one whole run.
    const error = (i: number) => line({ message: `m${i}`, count: i });
    const text = [...Array.from({ length: 12 }, (_, i) => error(i)), ...Array.from({ length: 400 }, () => "xxxxxxxx"), ...Array.from({ length: 40 }, (_, i) => error(i))].join("\n");
    const file = join(folderWith({ "stretch.jsonl": text }), "stretch.jsonl");
    const cuts = [37, 53, 100].flatMap((range) => [2, 3, 2, 3].map((jobs) => ({ jobs, range })));
    for (const format of ["text", "json"]) expect(sameOnThreads(["validate", "--type", "BatchError", "--format", format, file], cuts).code).toBe(1);

    const rangeBytes = 100;
    const index = Math.floor(text.indexOf("x") / rangeBytes); // the range where the stretch begins
    const job: JobSpec = { serial: 1, file, index, rangeBytes, ranges: Math.ceil(text.length / rangeBytes), bom: false, reading: { format: "auto", expandLists: true, expandArrays: true, maxRecordBytes: 1 << 20 } };
    const read = (spec: JobSpec, needed: boolean, from = 0) => {
      const seen: string[] = [];
      const sink: JobSink = {
        record: (r) => seen.push(`${from + r.line}:${r.column} ${JSON.stringify((r as { value: unknown }).value)}`),
        episode: (lines) => seen.push(...lines.map((l) => `${from + l.line} ${"text" in l ? l.text : l.reason}`)),
        reached: () => undefined,
        needed: () => needed,
      };
      const fd = openSync(file, "r");
      try {
        return { seen, end: readJob(fd, spec, sink, Buffer.alloc(4096)) };
      } finally {
        closeSync(fd);
      }
    };
    const whole = read(job, true);
    const first = read(job, false);
    expect(first.end).toMatchObject({ abandoned: true, next: index });
    const rest = read({ ...job, skipLines: first.end.lines }, false, first.end.lines);
    expect([...first.seen, ...rest.seen]).toEqual(whole.seen);
    expect({ ...rest.end, lines: first.end.lines + rest.end.lines }).toEqual(whole.end);
    expect(whole.seen.length).toBeGreaterThan(400);
  });

  it("a valid file passes on threads too, counted whole", () => {
    const file = join(folderWith({ "valid.jsonl": Array.from({ length: 60 }, (_, i) => ok(i)).join("\n") }), "valid.jsonl");
    expect(sameOnThreads(["validate", file])).toEqual({ code: 0, stdout: "60 records in 1 file checked as BatchJobOut: 60 valid, 0 invalid, 0 unparsable\n", stderr: "" });
    const blank = join(folderWith({ "blank.jsonl": "\n".repeat(40_000) }), "blank.jsonl");
    expect(sameOnThreads(["validate", "--format", "json", blank]).code).toBe(1); // no record: an empty input
  });

  it("standard input, gzip, UTF-16, a JSON document and --jobs 1 stay on one thread", () => {
    const text = fileOf(jobLines);
    const plain = runCli(["validate", "--format", "json", "-"], { input: text.toString("utf8") });
    const onOne = (args: string[], input?: string) => {
      const { run, workers } = runCounting([...args, "--job-range-bytes", "1"], input);
      expect(workers, args.join(" ")).toBe(0);
      return run;
    };
    const files = folderWith({ "jobs.jsonl.gz": gzipSync(text), "jobs.json": text });
    writeFileSync(join(files, "utf16.jsonl"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.toString("utf8").slice(1), "utf16le")]));
    expect(onOne(["validate", "--format", "json", "--jobs", "2", "-"], text.toString("utf8"))).toEqual(plain);
    expect(onOne(["validate", "--jobs", "2", join(files, "jobs.jsonl.gz")]).code).toBe(1);
    expect(onOne(["validate", "--jobs", "2", join(files, "utf16.jsonl")]).code).toBe(1);
    expect(onOne(["validate", "--jobs", "2", join(files, "jobs.json")]).code).toBe(1);
    expect(onOne(["validate", "--jobs", "1", jobs]).code).toBe(1);
  });
});

describe("check-input --jobs", () => {
  const dir = folderWith({ "requests.jsonl": fileOf(requestLines), "more.jsonl": fileOf([req("a"), req("z"), req("g")]) });
  const requests = join(dir, "requests.jsonl");
  const more = join(dir, "more.jsonl");

  it.each(["text", "json", "github"])("the same report as one thread: duplicates across split points and files, warnings, --format %s", (format) => {
    const one = sameOnThreads(["check-input", "--format", format, requests, more]);
    expect(one.code).toBe(1);
    if (format === "text") {
      expect(one.stdout).toMatch(/custom_id "a" occurs 3 times/);
      expect(one.stdout).toMatch(/custom_id "f-3" occurs 2 times/);
      expect(one.stdout).toMatch(/unparsable JSON/);
      expect(one.stdout).toMatch(/invalid BatchRequest/);
      expect(one.stdout).toMatch(/body invalid for \/v1\/chat\/completions/);
    }
  });

  it("the same report with --strict and --model, with the limits exceeded, and for an endpoint no body fits (the endpoint hint)", () => {
    sameOnThreads(["check-input", "--strict", "--model", "other", requests]);
    expect(sameOnThreads(["check-input", "--max-requests", "5", "--max-bytes", "1000", "--format", "json", requests, more]).stdout).toContain('"limit":"max-requests"');
    expect(sameOnThreads(["check-input", "--endpoint", "/v1/embeddings", requests]).stdout).toContain("try --endpoint /v1/chat/completions");
  });
});

describe("--jobs usage", () => {
  it.each([[["--jobs", "0"]], [["--jobs", "-1"]], [["--jobs=-1"]], [["--jobs", "abc"]], [["--jobs", "1.5"]], [["--job-range-bytes", "0"]]])("%j is a usage error: exit 2, one line", (flags) => {
    for (const command of ["validate", "check-input"]) {
      const { code, stdout, stderr } = runCli([command, ...flags, "x.jsonl"]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^batch-job-schema: [^\n]*--job[^\n]* \(see --help\)\n$/);
    }
  });

  it("check-output takes no --jobs; --help names it", () => {
    expect(runCli(["check-output", "--jobs", "2", "x.jsonl"])).toEqual({ code: 2, stdout: "", stderr: "batch-job-schema: check-output takes no --jobs (see --help)\n" });
    expect(runCli(["--help"]).stdout).toMatch(/--jobs N {2,}threads \(default \d+, the number of cores\)/);
  });
});
