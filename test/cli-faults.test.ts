import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliPath, folderWith, runCli } from "./helpers/cli.js";

// Faults of the command line's inputs and outputs: each gives a clear message, the right exit
// code and exact counts (valid + invalid + unparsable = read, every record once).
const job = JSON.parse(JSON.stringify((await import("../schemas/batch-job-out.schema.json", { with: { type: "json" } })).default.examples[0])) as Record<string, unknown>;
const line = (value: unknown) => JSON.stringify(value);
const summaryOf = (stdout: string) =>
  JSON.parse(stdout.trim().split("\n").pop()!).summary as { read: number; valid: number; invalid: number; unparsable: number; unreadable: number };
const check = (files: Record<string, string | Buffer>, name: string, extra: string[] = []) => {
  const dir = folderWith(files);
  const result = runCli(["validate", "--format", "json", ...extra, join(dir, name)]);
  const summary = summaryOf(result.stdout);
  expect(summary.valid + summary.invalid + summary.unparsable).toBe(summary.read);
  return { ...result, summary, dir };
};

describe("command-line faults", () => {
  it("a byte-order mark", () => {
    const { code, summary } = check({ "a.jsonl": `\uFEFF${line(job)}\n${line(job)}\n` }, "a.jsonl");
    expect(code).toBe(0);
    expect(summary).toMatchObject({ read: 2, valid: 2 });
    expect(check({ "a.json": `\uFEFF${line(job)}` }, "a.json").summary).toMatchObject({ read: 1, valid: 1 });
  });

  it("CRLF line ends", () => {
    expect(check({ "a.jsonl": `${line(job)}\r\n${line({})}\r\n` }, "a.jsonl").summary).toMatchObject({ read: 2, valid: 1, invalid: 1 });
  });

  it("blank lines are no records, and line numbers still count them", () => {
    const { stdout, summary } = check({ "a.jsonl": `\n${line(job)}\n   \n\t\n${line({})}\n\n` }, "a.jsonl");
    expect(summary).toMatchObject({ read: 2, valid: 1, invalid: 1 });
    expect(JSON.parse(stdout.split("\n")[0]!).line).toBe(5);
  });

  it("a last line without a newline", () => {
    expect(check({ "a.jsonl": `${line(job)}\n${line(job)}` }, "a.jsonl").summary).toMatchObject({ read: 2, valid: 2 });
  });

  it("an empty file: no records, whatever its extension, and the run fails unless --allow-empty", () => {
    for (const name of ["a.jsonl", "a.json"]) {
      const empty = check({ [name]: "" }, name);
      expect(empty).toMatchObject({ code: 1, summary: { read: 0, empty: 1 } });
      expect(JSON.parse(empty.stdout.split("\n")[0]!)).toEqual({ file: join(empty.dir, name), empty: true, allowed: false });
      expect(check({ [name]: "" }, name, ["--allow-empty"])).toMatchObject({ code: 0, summary: { read: 0, empty: 1 } });
    }
  });

  it("a 100 MB single line", () => {
    const big = line({ ...job, metadata: { blob: "x".repeat(100e6) } });
    const { code, summary } = check({ "big.jsonl": `${line(job)}\n${big}\n${line({})}\n` }, "big.jsonl");
    expect(code).toBe(1);
    expect(summary).toMatchObject({ read: 3, valid: 2, invalid: 1 });
  });

  it("invalid UTF-8 on one line", () => {
    const bytes = Buffer.concat([Buffer.from(`${line(job)}\n{"id": "`), Buffer.from([0xff, 0xfe]), Buffer.from(`"}\n${line(job)}\n`)]);
    const { stdout, summary } = check({ "a.jsonl": bytes }, "a.jsonl");
    expect(summary).toMatchObject({ read: 3, valid: 2, unparsable: 1 });
    expect(JSON.parse(stdout.split("\n")[0]!)).toMatchObject({ line: 2, unparsable: "not valid UTF-8 (first bad byte at column 9)" });
  });

  it("a truncated file", () => {
    const text = `${line(job)}\n${line(job)}`;
    const { code, stdout, summary } = check({ "a.jsonl": text.slice(0, text.length - 40) }, "a.jsonl");
    expect(code).toBe(1);
    expect(summary).toMatchObject({ read: 2, valid: 1, unparsable: 1 });
    expect(JSON.parse(stdout.split("\n")[0]!)).toMatchObject({ line: 2 });
    expect(check({ "a.json": JSON.stringify([job, job]).slice(0, -20) }, "a.json").summary).toMatchObject({ read: 1, unparsable: 1 });
  });

  it("a directory without record files is an input error", () => {
    const dir = folderWith({ "notes.txt": "x" });
    const { code, stderr } = runCli(["validate", dir]);
    expect(code).toBe(2);
    expect(stderr).toBe(`batch-job-schema: ${dir}: cannot read: directory holds no .json, .jsonl, .ndjson or .gz file\n`);
  });

  it("an unreadable file", () => {
    const dir = folderWith({ "a.jsonl": line(job) });
    // Root reads any file whatever its mode, so a path through a file stands in for it there.
    const path = process.getuid?.() === 0 ? join(dir, "a.jsonl", "inner.jsonl") : join(dir, "a.jsonl");
    if (process.getuid?.() !== 0) chmodSync(path, 0o000);
    const { code, stderr, stdout } = runCli(["validate", path]);
    expect(code).toBe(2);
    expect(stderr).toBe(`batch-job-schema: ${path}: cannot read: ${process.getuid?.() === 0 ? "a part of the path is not a directory (ENOTDIR)" : "permission denied (EACCES)"}\n`);
    expect(stdout).toMatch(/0 records in 1 file/);
  });

  it("stdout closed early: no stack trace", () => {
    const dir = folderWith({ "bad.jsonl": Array.from({ length: 20000 }, () => line({})).join("\n") });
    const result = spawnSync("sh", ["-c", `"${process.execPath}" "${cliPath}" validate "${join(dir, "bad.jsonl")}" | head -n1`], { encoding: "utf8" });
    expect(result.stdout.split("\n")).toHaveLength(2);
    expect(result.stderr).toBe("");
  });

  it("SIGINT during a long run prints the partial summary and exits non-zero", async () => {
    const dir = folderWith({});
    const path = join(dir, "long.jsonl");
    writeFileSync(path, `${Array.from({ length: 400_000 }, () => line(job)).join("\n")}\n`);
    const child = spawn(process.execPath, [cliPath, "validate", "--format", "json", path]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill("SIGINT");
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    const summary = summaryOf(stdout);
    expect(summary.valid + summary.invalid + summary.unparsable).toBe(summary.read);
    expect(summary.read).toBeGreaterThan(0);
  });

  it("several files where one is missing: the others are checked, exit 2 at the end", () => {
    const dir = folderWith({ "a.jsonl": `${line(job)}\n`, "c.json": line([job, {}]) });
    mkdirSync(join(dir, "sub"));
    const result = runCli(["validate", "--format", "json", join(dir, "a.jsonl"), join(dir, "missing.jsonl"), join(dir, "c.json")]);
    expect(result.code).toBe(2);
    expect(summaryOf(result.stdout)).toMatchObject({ read: 3, valid: 2, invalid: 1, unparsable: 0, unreadable: 1 });
    expect(result.stderr).toBe(`batch-job-schema: ${join(dir, "missing.jsonl")}: cannot read: no such file or directory (ENOENT)\n`);
  });
});
