import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { models } from "../src/index.js";
import { cliPath, folderWith, runCli } from "./helpers/cli.js";

// What the command line prints and returns: names looked up as own keys, input never echoed
// raw, one coordinate system per report, exit codes that tell what was read.
const job = JSON.parse(JSON.stringify((await import("../schemas/batch-job-out.schema.json", { with: { type: "json" } })).default.examples[0])) as Record<string, unknown>;
const line = (value: unknown) => JSON.stringify(value);
const modelList = Object.keys(models).join(", ");
const schemaList = Object.keys((await import("../schemas/bundles/default.schema.json", { with: { type: "json" } })).default.definitions).join(", ");

/** Characters that must never reach a terminal raw: C0 and C1 controls, format characters, separators, lone surrogates. */
const unsafe = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\uD800-\uDFFF]/u;
const withoutNewlines = (text: string) => text.replaceAll("\n", "");

describe("names from the user are looked up as own keys only", () => {
  it("an inherited name is an unknown name: a usage error with the valid ones", () => {
    const cases: [string[], string][] = [
      [["validate", "--type", "toString", "x.jsonl"], `unknown --type "toString"; one of ${modelList}`],
      [["validate", "--type", "constructor", "x.jsonl"], `unknown --type "constructor"; one of ${modelList}`],
      [["validate", "--type", "__proto__", "x.jsonl"], `unknown --type "__proto__"; one of ${modelList}`],
      [["validate", "--strict", "--type", "hasOwnProperty", "x.jsonl"], `unknown --type "hasOwnProperty"; one of ${modelList}`],
      [["validate", "--format", "toString", "x.jsonl"], 'unknown --format "toString"; one of text, json, github'],
      [["validate", "--format", "__proto__", "x.jsonl"], 'unknown --format "__proto__"; one of text, json, github'],
      [["validate", "--input-format", "valueOf", "x.jsonl"], 'unknown --input-format "valueOf"; one of auto, json, jsonl'],
      [["schema", "toString"], `unknown schema "toString"; one of ${schemaList}`],
      [["schema", "constructor", "--strict"], `unknown schema "constructor"; one of ${schemaList}`],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = runCli(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toBe(`batch-job-schema: ${message} (see --help)\n`);
    }
  });
});

describe("input is never echoed raw", () => {
  it("received values, keys, pointers and file names are escaped in the text report", () => {
    const dir = folderWith({});
    const name = "jobs\u001b[2J\u202e.jsonl";
    writeFileSync(join(dir, name), `${line({ ...job, status: "QUEUED\u200b" })}\n${line({ ...job, "\u001b]0;pwned\u0007": 1, "x\u2028": 2 })}\n{"a": \u0085}\n`);
    const { code, stdout } = runCli(["validate", "--strict", join(dir, name)]);
    expect(code).toBe(1);
    expect(unsafe.test(withoutNewlines(stdout))).toBe(false);
    const shown = `${dir}/jobs\\u001b[2J\\u202e.jsonl`;
    expect(stdout).toContain(`${shown}:1: invalid BatchJobOut\n  /status: must be one of QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, CANCELLATION_REQUESTED, CANCELLED; got string "QUEUED\\u200b"\n`);
    expect(stdout).toContain(`${shown}:2: invalid BatchJobOut\n  /\\u001b]0;pwned\\u0007: unknown key`);
    expect(stdout).toContain(`  /x\\u2028: unknown key`);
    expect(stdout).toContain(`${shown}:3: unparsable JSON: unexpected U+0085: expected a value at column 7\n`);
  });

  it("the JSON report is exact JSON with the characters JSON.stringify leaves raw escaped too", () => {
    const key = "k\u202e\u0085\u2029\u{e0001}";
    const dir = folderWith({ "a.jsonl": `${line({ ...job, status: `S${key}` })}\n${line({ ...job, [key]: 1 })}\n` });
    const { stdout } = runCli(["validate", "--strict", "--format", "json", join(dir, "a.jsonl")]);
    expect(unsafe.test(withoutNewlines(stdout))).toBe(false);
    expect(stdout).toContain("\\u202e\\u0085\\u2029\\udb40\\udc01");
    const [first, second] = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(first.issues[0].params).toEqual({ allowedValues: ["QUEUED", "RUNNING", "SUCCESS", "FAILED", "TIMEOUT_EXCEEDED", "CANCELLATION_REQUESTED", "CANCELLED"] });
    expect(second.issues[0]).toMatchObject({ instancePath: `/${key}`, path: [key], params: { additionalProperty: key } });
  });

  it("GitHub annotations and error messages on stderr are escaped too", () => {
    const dir = folderWith({ "a.jsonl": `${line({ ...job, model: 7, "\u001b[1m": 0 })}\n` });
    const github = runCli(["validate", "--strict", "--format", "github", join(dir, "a.jsonl")]);
    expect(unsafe.test(withoutNewlines(github.stdout))).toBe(false);
    expect(github.stdout).toContain("/\\u001b[1m: unknown key");
    const usage = runCli(["validate", "--type", "Job\u001b[31m", "x"]);
    expect(usage.stderr).toBe(`batch-job-schema: unknown --type "Job\\u001b[31m"; one of ${modelList} (see --help)\n`);
    const missing = runCli(["validate", join(dir, "no\u001b[2Jfile.jsonl")]);
    expect(missing.stderr).toBe(`batch-job-schema: ${dir}/no\\u001b[2Jfile.jsonl: cannot read: no such file or directory (ENOENT)\n`);
  });
});

describe("one coordinate system per report", () => {
  const page = JSON.stringify({ object: "list", data: [job, { ...job, status: "DONE", model: 1 }], total: 2 }, null, 2);
  const elementLine = page.split("\n").indexOf("    {", page.split("\n").indexOf("    {") + 1) + 1;

  it("in JSON, an issue's instancePath and path start at the same root, and the record's place stays apart", () => {
    const dir = folderWith({ "page.json": page, "lines.jsonl": `${line([job, { ...job, id: 3 }])}\n` });
    const { stdout } = runCli(["validate", "--format", "json", join(dir, "page.json"), join(dir, "lines.jsonl")]);
    const [element, inLine] = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(element).toMatchObject({ line: elementLine, column: 5, pointer: "/data/1" });
    expect(element.issues.map((i: { instancePath: string; path: unknown[] }) => [i.instancePath, i.path])).toEqual([
      ["/data/1/model", ["data", 1, "model"]],
      ["/data/1/status", ["data", 1, "status"]],
    ]);
    expect(inLine).toMatchObject({ line: 1, pointer: "/1", issues: [{ instancePath: "/1/id", path: [1, "id"] }] });
  });

  it("GitHub gets one annotation per failing record, at the element's line, with every issue in it", () => {
    const dir = folderWith({ "page.json": page });
    const { stdout } = runCli(["validate", "--format", "github", join(dir, "page.json")]);
    const file = join(dir, "page.json").replaceAll(":", "%3A").replaceAll(",", "%2C");
    expect(stdout.split("\n")[0]).toBe(
      `::error file=${file},line=${elementLine},col=5,title=invalid BatchJobOut at /data/1::` +
        `/data/1/model: must be string; got number 1%0A/data/1/status: must be one of QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, CANCELLATION_REQUESTED, CANCELLED; got string "DONE"`,
    );
    expect(stdout.split("\n")).toHaveLength(3); // the annotation, the summary, the final newline
  });
});

describe("exit codes and counts under faults", () => {
  const pipeStatus = (file: string, extra = "") =>
    spawnSync("bash", ["-c", `"${process.execPath}" "${cliPath}" validate ${extra} "${file}" | head -n1; echo "status \${PIPESTATUS[0]}"`], { encoding: "utf8" });

  it("stdout closed early: stop quietly with the status of what was read", () => {
    const dir = folderWith({ "bad.jsonl": Array.from({ length: 20000 }, () => line({})).join("\n"), "broken.jsonl": "{\n".repeat(20000) });
    for (const [file, extra] of [["bad.jsonl", ""], ["broken.jsonl", ""], ["bad.jsonl", "--format json"]]) {
      const result = pipeStatus(join(dir, file!), extra);
      expect(result.stderr).toBe("");
      expect(result.stdout.split("\n").at(-2)).toBe("status 1");
    }
  });

  it("standard input named twice is a usage error", () => {
    const { code, stderr, stdout } = runCli(["validate", "-", "-"], { input: line(job) });
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toBe("batch-job-schema: standard input (-) can be named only once (see --help)\n");
  });

  it("quoted glob patterns and directories are expanded, in sorted order; no match is an input error", () => {
    const dir = folderWith({ "b.json": line(job), "a.jsonl": `${line({})}\n`, "notes.txt": "x" });
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "c.ndjson.gz"), gzipSync(`${line({ ...job, id: 1 })}\n`));
    writeFileSync(join(dir, "lit*.json"), line({ ...job, model: 2 }));
    const order = (args: string[]) =>
      runCli(["validate", "--format", "json", ...args])
        .stdout.trim()
        .split("\n")
        .slice(0, -1)
        .map((l) => (JSON.parse(l) as { file: string }).file.slice(dir.length + 1));
    expect(order([dir])).toEqual(["a.jsonl", "lit*.json", "sub/c.ndjson.gz"]);
    expect(order([join(dir, "*.json*")])).toEqual(["a.jsonl", "lit*.json"]);
    expect(order([join(dir, "**/*.gz")])).toEqual(["sub/c.ndjson.gz"]);
    expect(order([join(dir, "lit*.json")])).toEqual(["lit*.json"]); // an existing path is literal
    const none = runCli(["validate", join(dir, "*.yaml"), join(dir, "b.json")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(`batch-job-schema: ${dir}/*.yaml: cannot read: no file matches this pattern\n`);
    expect(none.stdout).toBe("1 record in 2 files checked as BatchJobOut: 1 valid, 0 invalid, 0 unparsable; 1 input could not be read\n");
  });

  it("an unknown flag or a missing value is one clean line pointing to --help", () => {
    const cases: [string[], string][] = [
      [["validate", "--nope", "x.json"], "unknown option --nope"],
      [["validate", "-x", "x.json"], "unknown option -x"],
      [["validate", "x.json", "--type"], "option --type needs a value"],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = runCli(args);
      expect(code).toBe(2);
      expect(stderr).toBe(`batch-job-schema: ${message} (see --help)\n`);
    }
  });
});

describe("an input with no record fails unless --allow-empty", () => {
  it("an empty array, blank lines, a 0-byte file and an empty gzip are each an empty input", () => {
    const dir = folderWith({ "a.json": "[]", "b.jsonl": "\n  \n\r\n", "c.json": "", "d.jsonl.gz": gzipSync("") });
    for (const name of ["a.json", "b.jsonl", "c.json", "d.jsonl.gz"]) {
      const path = join(dir, name);
      const failing = runCli(["validate", path]);
      expect(failing).toMatchObject({ code: 1, stderr: "" });
      expect(failing.stdout).toBe(
        `${path}: no records (an input with no record fails; --allow-empty accepts it)\n0 records in 1 file checked as BatchJobOut: 0 valid, 0 invalid, 0 unparsable; 1 input had no records\n`,
      );
      expect(runCli(["validate", "--allow-empty", path]).code).toBe(0);
    }
    const mixed = runCli(["validate", "--quiet", join(dir, "a.json"), join(dir, "b.jsonl")], {});
    expect(mixed.stdout).toBe("0 records in 2 files checked as BatchJobOut: 0 valid, 0 invalid, 0 unparsable; 2 inputs had no records\n");
  });
});
