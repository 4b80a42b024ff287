import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { folderWith, runCli } from "./helpers/cli.js";

const job = JSON.parse(readFileSync(new URL("../examples/batch-job.json", import.meta.url), "utf8")) as Record<string, unknown>;
const line = (value: unknown) => JSON.stringify(value);
const summaryOf = (stdout: string) => JSON.parse(stdout.trim().split("\n").pop()!).summary;

describe("validate", () => {
  it("passes the bundled valid examples with exit 0", () => {
    const { code, stdout, stderr } = runCli(["validate", "examples/batch-job.json", "examples/list-response.json", "examples/batch-jobs.jsonl"]);
    expect(stdout).toBe("11 records in 3 files checked as BatchJobOut: 11 valid, 0 invalid, 0 unparsable\n");
    expect(stderr).toBe(""); // no progress when stderr is not a terminal
    expect(code).toBe(0);
  });

  it("reports file, line, pointer and message of each issue and counts every record once", () => {
    const dir = folderWith({
      "jobs.jsonl": [line(job), line({ ...job, status: "PAUSED" }), "", "{not json", line({ ...job, created_at: "x", model: 1 })].join("\n"),
    });
    const { code, stdout } = runCli(["validate", join(dir, "jobs.jsonl")]);
    expect(code).toBe(1);
    expect(stdout).toContain(`jobs.jsonl:2: invalid BatchJobOut\n  /status: must be one of QUEUED,`);
    expect(stdout).toMatch(/jobs\.jsonl:4: unparsable JSON: /);
    expect(stdout).toContain(`jobs.jsonl:5: invalid BatchJobOut\n  /model: must be string; got number 1\n  /created_at: must be integer; got string "x"`);
    expect(stdout).toMatch(/4 records in 1 file checked as BatchJobOut: 1 valid, 2 invalid, 1 unparsable\n$/);
  });

  it("reports elements of arrays and list responses by their pointer", () => {
    const dir = folderWith({
      "list.json": JSON.stringify({ data: [job, job, job, { ...job, status: "done" }], object: "list", total: 4 }, null, 2),
      "array.json": JSON.stringify([job, { ...job, id: 1 }]),
    });
    const { code, stdout } = runCli(["validate", "--format", "json", join(dir, "list.json"), join(dir, "array.json")]);
    expect(code).toBe(1);
    const [first, second] = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(first).toMatchObject({ pointer: "/data/3", issues: [{ instancePath: "/data/3/status", keyword: "enum" }] });
    expect(second).toMatchObject({ pointer: "/1", issues: [{ instancePath: "/1/id" }] });
    expect(summaryOf(stdout)).toEqual({ model: "BatchJobOut", files: 2, read: 6, valid: 4, invalid: 2, unparsable: 0, unreadable: 0, empty: 0 });
  });

  it("a list model checks the page whole; an element model checks each element", () => {
    const dir = folderWith({ "page.json": JSON.stringify({ data: [job, job, job, { ...job, status: "DONE" }], object: "list", total: 4 }) });
    const whole = runCli(["validate", "--type", "ListBatchJobsResponse", join(dir, "page.json")]);
    expect(whole.code).toBe(1);
    expect(whole.stdout).toContain("  /data/3/status: must be one of");
    expect(whole.stdout).toMatch(/1 record in 1 file checked as ListBatchJobsResponse: 0 valid, 1 invalid/);
    const each = runCli(["validate", "--type", "BatchJob", join(dir, "page.json")]);
    expect(each.stdout).toContain("page.json:1: /data/3: invalid BatchJob\n  /data/3/status: must be one of");
    expect(each.stdout).toMatch(/4 records in 1 file checked as BatchJob: 3 valid, 1 invalid/);
  });

  it("reads standard input with -, as JSONL or as one document", () => {
    const jsonl = runCli(["validate", "-", "--format", "json"], { input: `${line(job)}\n${line({})}\n` });
    expect(jsonl.code).toBe(1);
    expect(JSON.parse(jsonl.stdout.split("\n")[0]!)).toMatchObject({ file: "-", line: 2 });
    const doc = runCli(["validate", "-"], { input: JSON.stringify([job, job], null, 2) });
    expect(doc).toMatchObject({ code: 0, stdout: "2 records in 1 file checked as BatchJobOut: 2 valid, 0 invalid, 0 unparsable\n" });
  });

  it("--type, --strict and --quiet", () => {
    const dir = folderWith({ "errors.jsonl": `${line({ message: "x", count: 2 })}\n${line({ message: "y", extra: true })}\n` });
    expect(runCli(["validate", "--type", "BatchError", join(dir, "errors.jsonl")]).code).toBe(0);
    const strict = runCli(["validate", "--type", "BatchError", "--strict", "--quiet", join(dir, "errors.jsonl")]);
    expect(strict).toMatchObject({ code: 1, stdout: "2 records in 1 file checked as BatchError: 1 valid, 1 invalid, 0 unparsable\n" });
  });

  it("github format writes workflow annotations", () => {
    const dir = folderWith({ "a.jsonl": line({ ...job, status: "x" }) });
    const { stdout } = runCli(["validate", "--format", "github", join(dir, "a.jsonl")]);
    expect(stdout.split("\n")[0]).toMatch(/^::error file=.*a\.jsonl,line=1,title=invalid BatchJobOut::\/status: must be one of /);
  });

  it("an unparsable JSON file is one record, with the line of the error", () => {
    const dir = folderWith({ "broken.json": '{\n  "id": "x",\n  "status": \n}' });
    const { code, stdout } = runCli(["validate", join(dir, "broken.json")]);
    expect(code).toBe(1);
    expect(stdout).toContain('broken.json:1: unparsable JSON: unexpected "}": expected a value at line 4, column 1\n');
    expect(stdout).toMatch(/1 record in 1 file checked as BatchJobOut: 0 valid, 0 invalid, 1 unparsable/);
  });

  it("a missing file is exit 2 after the other inputs are checked; a directory is walked", () => {
    const dir = folderWith({ "ok.jsonl": line(job) });
    const { code, stdout, stderr } = runCli(["validate", join(dir, "missing.json"), dir, join(dir, "ok.jsonl")]);
    expect(code).toBe(2);
    expect(stderr).toBe(`batch-job-schema: ${join(dir, "missing.json")}: cannot read: no such file or directory (ENOENT)\n`);
    expect(stdout).toBe("2 records in 3 files checked as BatchJobOut: 2 valid, 0 invalid, 0 unparsable; 1 input could not be read\n");
  });

  it("usage errors are exit 2 with one line on stderr", () => {
    for (const args of [["validate", "--nope", "x.json"], ["validate"], ["validate", "--type", "Nope", "x.json"], ["frobnicate"], ["validate", "--format", "xml", "x"]]) {
      const { code, stderr, stdout } = runCli(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(stdout).toBe("");
    }
  });
});

describe("schema", () => {
  it("prints a document by title or file name, the bundle, and the strict profile", () => {
    const byTitle = JSON.parse(runCli(["schema", "BatchJobOut"]).stdout);
    expect(byTitle).toEqual(JSON.parse(readFileSync(new URL("../schemas/batch-job-out.schema.json", import.meta.url), "utf8")));
    expect(JSON.parse(runCli(["schema", "batch-error"]).stdout).title).toBe("BatchError");
    expect(Object.keys(JSON.parse(runCli(["schema", "--bundle"]).stdout).definitions)).toContain("BatchJobOut");
    expect(JSON.parse(runCli(["schema", "BatchError", "--strict"]).stdout).additionalProperties).toBe(false);
    expect(runCli(["schema", "Nope"]).code).toBe(2);
  });
});
