import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { cliPath, folderWith } from "./helpers/cli.js";

// How bytes become records, on every route: the same bytes give the same records and verdicts
// from a file and from standard input, a bad line never swallows the lines after it, and every
// record read is counted once.
const job = JSON.parse(JSON.stringify((await import("../schemas/batch-job-out.schema.json", { with: { type: "json" } })).default.examples[0])) as Record<string, unknown>;
const line = (value: unknown) => JSON.stringify(value);
const jobs = (n: number) => Array.from({ length: n }, (_, i) => ({ ...job, id: `job-${i}` }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The JSON report's lines before the summary. */
  records: Record<string, unknown>[];
  summary: Record<string, number | string>;
}

/** Runs `validate --format json` on bytes given as standard input. */
function fromStdin(bytes: string | Buffer, extra: string[] = []): Run {
  const result = spawnSync(process.execPath, [cliPath, "validate", "--format", "json", ...extra, "-"], { input: bytes });
  return parse(result.status, result.stdout.toString(), result.stderr.toString());
}

/** Runs `validate --format json` on the same bytes as a file, with the path replaced by `-` in the report. */
function fromFile(bytes: string | Buffer, name: string, extra: string[] = []): Run {
  const dir = folderWith({ [name]: bytes });
  const path = join(dir, name);
  const result = spawnSync(process.execPath, [cliPath, "validate", "--format", "json", ...extra, path], { encoding: "utf8" });
  return parse(result.status, result.stdout.replaceAll(JSON.stringify(path), '"-"'), result.stderr.replaceAll(path, "-"));
}

function parse(code: number | null, stdout: string, stderr: string): Run {
  const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  const summary = lines.pop()!.summary as Run["summary"];
  const { read, valid, invalid, unparsable } = summary as Record<string, number>;
  expect(valid! + invalid! + unparsable!).toBe(read); // every record counted once
  return { code, stdout, stderr, records: lines, summary };
}

/** The same verdicts from a file and from standard input. */
function bothRoutes(bytes: string | Buffer, name: string, extra: string[] = []): Run {
  const file = fromFile(bytes, name, extra);
  const stdin = fromStdin(bytes, extra);
  expect(stdin.records).toEqual(file.records);
  expect(stdin.summary).toEqual(file.summary);
  expect(stdin.code).toBe(file.code);
  return stdin;
}

const where = (run: Run) => run.records.map((r) => [r.line, r.column, r.pointer, r.unparsable ?? (r.issues as { instancePath: string }[])[0]!.instancePath]);

describe("standard input and files read alike", () => {
  it("a cut-off first line (tail -c) is one unparsable record, and the jobs after it are checked", () => {
    const bytes = `{"id": \n${jobs(5).map(line).join("\n")}\n`;
    const run = bothRoutes(bytes, "jobs.jsonl");
    expect(run.summary).toMatchObject({ read: 6, valid: 5, invalid: 0, unparsable: 1 });
    expect(where(run)).toEqual([[1, 1, "", "value cut off at column 8: expected a value (line 2 begins another)"]]);
    expect(run.code).toBe(1);
  });

  it("a cut-off line in the middle, or a cut-off pretty-printed value, loses no record after it", () => {
    const middle = bothRoutes(`${line(job)}\n${line(job).slice(0, 50)}\n${line(job)}\n${line({})}\n`, "jobs.jsonl");
    expect(middle.summary).toMatchObject({ read: 4, valid: 2, invalid: 1, unparsable: 1 });
    expect(where(middle)).toEqual([
      [2, 1, "", "end of line inside a string at column 51"],
      [4, 1, "", "/id"],
    ]);
    const pretty = JSON.stringify(job, null, 2);
    const cut = pretty.split("\n").slice(0, 6).join("\n");
    const run = bothRoutes(`${cut}\n${pretty}\n${pretty}\n`, "jobs.json");
    expect(run.summary).toMatchObject({ read: 3, valid: 2, unparsable: 1 });
    expect(where(run)).toEqual([[1, 1, "", `value cut off at line 6, column ${cut.split("\n")[5]!.length + 1}: expected a value (line 7 begins another)`]]);
  });

  it("a one-line list response, with or without a final newline, is its elements on every route", () => {
    const page = line({ object: "list", data: [job, job], total: 2 });
    for (const bytes of [`${page}\n`, page]) {
      const run = bothRoutes(bytes, "page.json");
      expect(run).toMatchObject({ code: 0, summary: { read: 2, valid: 2 } });
    }
  });

  it("pretty-printed values back to back (jq's output) are records of their own, at their lines", () => {
    const values = [job, { ...job, status: "PAUSED" }, job].map((v) => JSON.stringify(v, null, 2));
    const run = bothRoutes(`${values.join("\n")}\n`, "jq.out");
    const height = values[0]!.split("\n").length;
    expect(run.summary).toMatchObject({ read: 3, valid: 2, invalid: 1 });
    expect(where(run)).toEqual([[height + 1, 1, "", "/status"]]);
    const compact = bothRoutes(`${line(job)}${line({})} ${line(job)}\n`, "values.json");
    expect(compact.summary).toMatchObject({ read: 3, valid: 2, invalid: 1 });
    expect(where(compact)).toEqual([[1, line(job).length + 1, "", "/id"]]);
  });

  it("a list response is known by its envelope: one bad element does not turn the page into one record", () => {
    const page = JSON.stringify({ object: "list", data: [job, { ...job, status: "DONE" }, job], total: 3 }, null, 2);
    const run = bothRoutes(page, "page.json");
    expect(run.summary).toMatchObject({ read: 3, valid: 2, invalid: 1 });
    const status = page.split("\n").findIndex((l) => l.includes('"DONE"'));
    const elementStart = page.split("\n").findLastIndex((l, i) => i < status && l === "    {") + 1;
    expect(where(run)).toEqual([[elementStart, 5, "/data/1", "/data/1/status"]]);
    // The old list response has no `object`; its `total` marks it.
    expect(bothRoutes(line({ data: [job, {}], total: 2 }), "old.json").summary).toMatchObject({ read: 2, valid: 1, invalid: 1 });
  });

  it("a job that carries a data array is a job, checked whole, not an empty list", () => {
    const { id: _, ...noId } = job;
    for (const value of [{ ...noId, status: "PAUSED", data: [] }, { ...job, object: "batch", data: [job] }, { data: [] }]) {
      const run = bothRoutes(line(value), "job.json");
      expect(run.summary.read).toBe(1);
    }
    const run = bothRoutes(line({ ...noId, status: "PAUSED", data: [] }), "job.json");
    expect(run.code).toBe(1);
    expect((run.records[0]!.issues as { instancePath: string }[]).map((i) => i.instancePath)).toEqual(["/id", "/status"]);
  });

  it("--input-format says what the bytes are", () => {
    const pretty = `${JSON.stringify(job, null, 2)}\n`;
    expect(bothRoutes(pretty, "a.jsonl", ["--input-format", "json"])).toMatchObject({ code: 0, summary: { read: 1, valid: 1 } });
    // In JSONL each line is a record: the lines of a pretty-printed value are unparsable, apart
    // from those that are one value on their own (a last array element such as `"0d9e…"`).
    const lines = pretty.trim().split("\n");
    const alone = lines.filter((l) => {
      try {
        return JSON.parse(l) !== undefined;
      } catch {
        return false;
      }
    });
    const jsonl = bothRoutes(pretty, "a.json", ["--input-format", "jsonl"]);
    expect(alone.length).toBeGreaterThan(0);
    expect(jsonl.summary).toMatchObject({ read: lines.length, unparsable: lines.length - alone.length, invalid: alone.length });
    expect(where(jsonl)[0]).toEqual([1, 1, "", 'unexpected end of line: expected a key in double quotes or "}" (JSONL holds one whole value per line) at column 2']);
    const two = bothRoutes(`${line(job)}\n${line(job)}\n`, "two.jsonl", ["--input-format", "json"]);
    expect(two.summary).toMatchObject({ read: 2, valid: 1, unparsable: 1 });
    expect(where(two)).toEqual([[2, 1, "", 'unexpected "{" after the end of the JSON document']]);
    const usage = spawnSync(process.execPath, [cliPath, "validate", "--input-format", "yaml", "-"], { encoding: "utf8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe('batch-job-schema: unknown --input-format "yaml"; one of auto, json, jsonl (see --help)\n');
  });
});

describe("line ends and blank lines", () => {
  const three = [job, job, { ...job, status: "PAUSED" }].map(line);

  it("a lone CR is JSON whitespace in auto (each value a record on line 1); in jsonl the one line is one unparsable record", () => {
    const bytes = three.join("\r");
    const auto = bothRoutes(bytes, "mac.jsonl");
    expect(auto.summary).toMatchObject({ read: 3, valid: 2, invalid: 1 });
    expect(where(auto)).toEqual([[1, 2 * (three[0]!.length + 1) + 1, "", "/status"]]);
    const jsonl = bothRoutes(bytes, "mac.jsonl", ["--input-format", "jsonl"]);
    expect(jsonl.summary).toMatchObject({ read: 1, valid: 0, unparsable: 1 });
    expect(where(jsonl)).toEqual([
      [1, 1, "", `unexpected "{" after the end of the value (JSONL holds one value per line; a lone carriage return (CR) does not end a line) at column ${three[0]!.length + 2}`],
    ]);
  });

  it("lines of characters that are not JSON whitespace are reported, not skipped as blank", () => {
    const cases: [string, string][] = [
      ["\u000b", "unexpected vertical tab (U+000B), which is not JSON whitespace: expected a value at column 1"],
      ["\u000c", "unexpected form feed (U+000C), which is not JSON whitespace: expected a value at column 1"],
      ["\u00a0", "unexpected no-break space (U+00A0), which is not JSON whitespace: expected a value at column 1"],
      ["\ufeff", "unexpected byte-order mark (U+FEFF), allowed only at the start of an input: expected a value at column 1"],
      ["\u0000\u0000", "unexpected NUL character (U+0000; is the input UTF-16 or UTF-32 without a byte-order mark?): expected a value at column 1"],
    ];
    for (const [blank, reason] of cases) {
      const run = bothRoutes(`${line(job)}\n${blank}\n${line(job)}\n \t \r\n`, "a.jsonl");
      expect(run.summary).toMatchObject({ read: 3, valid: 2, unparsable: 1 });
      expect(where(run)).toEqual([[2, 1, "", reason]]);
    }
  });

  it("a byte-order mark in the middle (two files concatenated) is named", () => {
    const bom = "\ufeff";
    const run = bothRoutes(`${bom}${line(job)}\n${bom}${line(job)}\n${line(job)}\n`, "cat.jsonl");
    expect(run.summary).toMatchObject({ read: 3, valid: 2, unparsable: 1 });
    expect(where(run)).toEqual([[2, 1, "", "unexpected byte-order mark (U+FEFF), allowed only at the start of an input: expected a value at column 1"]]);
  });
});

describe("compressed and UTF-16 input", () => {
  it("gzip is read by its magic bytes, from a .gz file and from standard input", () => {
    const text = `${jobs(3).map(line).join("\n")}\n${line({})}\n`;
    for (const name of ["out.jsonl.gz", "out.json.gz", "no-extension"]) {
      const run = bothRoutes(gzipSync(text), name);
      expect(run).toMatchObject({ code: 1, summary: { read: 4, valid: 3, invalid: 1 } });
      expect(where(run)).toEqual([[4, 1, "", "/id"]]);
    }
    // Two gzip members one after another are one input, as gunzip reads them.
    const members = Buffer.concat([gzipSync(`${line(job)}\n`), gzipSync(`${line(job)}\n`)]);
    expect(bothRoutes(members, "two.gz").summary).toMatchObject({ read: 2, valid: 2 });
  });

  it("a truncated gzip file is an input error after the records it held", () => {
    const whole = gzipSync(`${jobs(2000).map(line).join("\n")}\n`);
    const run = fromFile(whole.subarray(0, whole.length - 100), "cut.jsonl.gz");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("batch-job-schema: -: cannot read: gzip: unexpected end of file\n");
    expect(run.summary).toMatchObject({ unreadable: 1 });
    expect(Number(run.summary.read)).toBeGreaterThan(1000);
  });

  it("UTF-16 with a byte-order mark (PowerShell 5's >) is decoded; UTF-32 is refused by name", () => {
    const text = `${line(job)}\r\n${line({ ...job, model: "é-model" })}\r\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(bothRoutes(le, "ps.jsonl")).toMatchObject({ code: 0, summary: { read: 2, valid: 2 } });
    const be = Buffer.from(le);
    be.swap16();
    expect(bothRoutes(be, "be.jsonl")).toMatchObject({ code: 0, summary: { read: 2, valid: 2 } });
    expect(bothRoutes(gzipSync(le), "ps.jsonl.gz")).toMatchObject({ code: 0, summary: { read: 2, valid: 2 } });
    const utf32 = Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0, 0x7d, 0, 0, 0]);
    const refused = bothRoutes(utf32, "a.jsonl");
    expect(refused).toMatchObject({ code: 2, summary: { read: 0, unreadable: 1 } });
    expect(refused.stderr).toBe("batch-job-schema: -: cannot read: the input is UTF-32LE (by its byte-order mark), which is not read: convert it to UTF-8\n");
  });
});

describe("size and depth", () => {
  it("a line over --max-record-bytes is one unparsable record with its size, and reading goes on", () => {
    const big = line({ ...job, metadata: { blob: "x".repeat(5000) } });
    const run = bothRoutes(`${line(job)}\n${big}\n${line(job)}\n`, "big.jsonl", ["--max-record-bytes", "4096"]);
    expect(run).toMatchObject({ code: 1, summary: { read: 3, valid: 2, unparsable: 1 } });
    expect(where(run)).toEqual([[2, 1, "", `record of ${big.length} bytes is larger than the limit of 4096 bytes (--max-record-bytes)`]]);
  });

  it("a value over several lines over the limit, and a document over it, get one clean message each", () => {
    const pretty = JSON.stringify({ ...job, metadata: { blob: Array.from({ length: 400 }, (_, i) => i) } }, null, 2);
    const run = bothRoutes(`${pretty}\n${line(job)}\n`, "p.json", ["--max-record-bytes", "1000"]);
    expect(run.summary).toMatchObject({ read: 2, valid: 1, unparsable: 1 });
    expect(where(run)[0]![3]).toMatch(/^record of 10\d\d bytes is larger than the limit of 1000 bytes \(--max-record-bytes\) at line \d+, column 1$/);
    const doc = bothRoutes(`${pretty}\n`, "p.json", ["--max-record-bytes", "1000", "--input-format", "json"]);
    expect(doc).toMatchObject({ code: 1, summary: { read: 1, unparsable: 1 } });
    const never = bothRoutes(`[\n${"  1,\n".repeat(10_000)}`, "never.json", ["--max-record-bytes", "1000"]);
    expect(never.summary).toMatchObject({ read: 1, unparsable: 1 });
  });

  it("--max-record-bytes takes a positive whole number", () => {
    for (const bad of ["0", "-1", "1e3", "lots"]) {
      const usage = spawnSync(process.execPath, [cliPath, "validate", `--max-record-bytes=${bad}`, "-"], { encoding: "utf8" });
      expect(usage.status, bad).toBe(2);
      expect(usage.stderr).toBe(`batch-job-schema: --max-record-bytes takes a positive whole number of bytes; got ${JSON.stringify(bad)} (see --help)\n`);
    }
  });

  it("any nesting is located without running out of stack", () => {
    const brackets = bothRoutes(`${"[".repeat(5000)}\n${line(job)}\n`, "deep.jsonl");
    expect(brackets.summary).toMatchObject({ read: 2, valid: 1, unparsable: 1 });
    expect(where(brackets)).toEqual([[1, 1, "", 'value cut off at column 5001: expected a value or "]" (line 2 begins another)']]);
    const objects = bothRoutes(`${'{"a":'.repeat(100_000)}1${"}".repeat(99_999)}\n${line(job)}\n`, "deep.jsonl");
    expect(where(objects)).toEqual([[1, 1, "", 'value cut off at column 600001: expected "," or "}" (line 2 begins another)']]);
  });
});

describe("nothing is lost between files", () => {
  it("records of each input are counted, in order, with the summary adding up", () => {
    const array = JSON.stringify([job, {}], null, 2);
    const dir = folderWith({ "a.jsonl": `${line(job)}\n{bad\n`, "b.json": array });
    writeFileSync(join(dir, "c.jsonl.gz"), gzipSync(`${line(job)}\n`));
    const result = spawnSync(process.execPath, [cliPath, "validate", "--format", "json", dir], { encoding: "utf8" });
    const run = parse(result.status, result.stdout, result.stderr);
    expect(run.summary).toMatchObject({ files: 3, read: 5, valid: 3, invalid: 1, unparsable: 1 });
    expect(run.records.map((r) => [String(r.file).slice(dir.length + 1), r.line, r.column, r.pointer])).toEqual([
      ["a.jsonl", 2, 1, ""],
      ["b.json", array.split("\n").indexOf("  {}") + 1, 3, "/1"],
    ]);
  });
});
