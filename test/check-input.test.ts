import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkBatchInput } from "../src/index.js";
import { checkBatchInput as checkBatchInputStrict } from "../src/strict.js";
import { cliPath, folderWith, runCli } from "./helpers/cli.js";

// check-input: every rule of a batch input file broken once, with exact lines, ids, counts and
// exit codes; the API gives the objects the JSON report prints.
const chat = (text: string, extra: Record<string, unknown> = {}) => ({ messages: [{ role: "user", content: text }], max_tokens: 100, ...extra });
const request = (id: string | null | undefined, body: unknown) => JSON.stringify(id === undefined ? { body } : { custom_id: id, body });
const lines = (...rows: string[]) => `${rows.join("\n")}\n`;

interface Json {
  [key: string]: unknown;
}
/** check-input's JSON report; the job's model is given (so no "no model" warning) unless the test gives its own. */
function run(args: string[], input?: string | Buffer) {
  const model = args.includes("--model") ? [] : ["--model", "mistral-small-latest"];
  const result = spawnSync(process.execPath, [cliPath, "check-input", "--format", "json", ...model, ...args], { input: input ?? "", encoding: "utf8" });
  const rows = result.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Json);
  const summary = rows.pop()!.summary as Json;
  expect(Number(summary.valid) + Number(summary.invalid) + Number(summary.unparsable)).toBe(summary.read);
  return { code: result.status, findings: rows, summary, stderr: result.stderr };
}

describe("check-input", () => {
  it("a valid chat input passes, with its summary", () => {
    const dir = folderWith({ "in.jsonl": lines(request("a", chat("Hi")), request("b", chat("Bonjour", { model: "mistral-small-latest" }))) });
    const { code, stdout, stderr } = runCli(["check-input", "--model", "mistral-small-latest", join(dir, "in.jsonl")]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe(
      "2 requests in 1 file checked for /v1/chat/completions (BatchChatCompletionRequest): 2 valid, 0 invalid, 0 unparsable; 0 warnings; 0 duplicate custom_ids\n",
    );
  });

  it("a body invalid for the endpoint is reported at its pointer inside the line", () => {
    const dir = folderWith({
      "in.jsonl": lines(request("a", chat("Hi")), request("b", { messages: [{ role: "bot", content: "x" }] }), request("c", chat("x", { max_completion_tokens: 5 }))),
    });
    const { code, findings, summary } = run([join(dir, "in.jsonl")]);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ read: 3, valid: 1, invalid: 2 });
    expect(findings.map((f) => [f.kind, f.line, f.model, (f.issues as Json[]).map((i) => i.instancePath)])).toEqual([
      ["invalid", 2, "BatchChatCompletionRequest", ["/body/messages/0/role"]],
      ["invalid", 3, "BatchChatCompletionRequest", ["/body/max_completion_tokens"]],
    ]);
    const text = runCli(["check-input", join(dir, "in.jsonl")]).stdout;
    expect(text).toContain(`${join(dir, "in.jsonl")}:2: body invalid for /v1/chat/completions (BatchChatCompletionRequest)\n  /body/messages/0/role: `);
  });

  it("a line that is not a BatchRequest, a pretty-printed value or an array is an error of its line", () => {
    const dir = folderWith({ "in.jsonl": lines(JSON.stringify({ custom_id: 1, body: chat("x") }), "{", `  "custom_id": "p"`, "}", JSON.stringify([{ body: chat("x") }])) });
    const { findings, summary } = run([join(dir, "in.jsonl")]);
    expect(summary).toMatchObject({ read: 5, invalid: 2, unparsable: 3 });
    expect(findings.filter((f) => f.kind !== "missing-custom-id").map((f) => [f.kind, f.line, f.model ?? null])).toEqual([
      ["invalid", 1, "BatchRequest"],
      ["unparsable", 2, null],
      ["unparsable", 3, null],
      ["unparsable", 4, null],
      ["invalid", 5, "BatchRequest"],
    ]);
  });

  it("duplicate custom_ids across files: the id and every file:line; compared exactly as written", () => {
    const dir = folderWith({
      "a.jsonl": lines(request("x", chat("1")), request(" x", chat("2")), request("y", chat("3"))),
      "b.jsonl": lines(request("x", chat("4")), request("X", chat("5"))),
    });
    const { code, findings, summary } = run([join(dir, "a.jsonl"), join(dir, "b.jsonl")]);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ read: 5, valid: 5, duplicateCustomIds: 1 });
    expect(findings).toEqual([
      {
        kind: "duplicate-custom-id",
        severity: "error",
        count: 2,
        customId: "x",
        places: [
          { file: join(dir, "a.jsonl"), line: 1, pointer: "" },
          { file: join(dir, "b.jsonl"), line: 1, pointer: "" },
        ],
        message: 'custom_id "x" occurs 2 times: its results cannot be told apart',
      },
    ]);
  });

  it("thousands of duplicates: the count and the first few", () => {
    const dir = folderWith({ "in.jsonl": lines(...Array.from({ length: 3000 }, () => request("same", chat("x")))) });
    const { findings } = run([join(dir, "in.jsonl")]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: "duplicate-custom-id", count: 3000 });
    expect((findings[0]!.places as Json[]).map((p) => p.line)).toEqual([1, 2, 3, 4, 5]);
    const text = runCli(["check-input", join(dir, "in.jsonl")]).stdout;
    expect(text.split("\n")[0]).toMatch(/^custom_id "same" occurs 3000 times: its results cannot be told apart: .*in\.jsonl:5, and 2995 more$/);
  });

  it("limits per file: requests and bytes as uploaded (after gzip)", () => {
    const text = lines(request("a", chat("1")), request("b", chat("2")), request("c", chat("3")));
    const dir = folderWith({ "in.jsonl.gz": gzipSync(text) });
    const { code, findings } = run(["--max-requests", "2", "--max-bytes", String(text.length - 1), join(dir, "in.jsonl.gz")]);
    expect(code).toBe(1);
    expect(findings.map((f) => [f.kind, f.limit, f.value, f.max, f.message])).toEqual([
      ["limit", "max-requests", 3, 2, "3 requests: more than the limit of 2 per file (--max-requests)"],
      ["limit", "max-bytes", text.length, text.length - 1, `${text.length} bytes: more than the limit of ${text.length - 1} bytes per file as uploaded (--max-bytes)`],
    ]);
    expect(run(["--max-requests", "3", "--max-bytes", String(text.length), join(dir, "in.jsonl.gz")]).code).toBe(0);
  });

  it("when most bodies fail, the endpoint they fit is suggested", () => {
    const dir = folderWith({ "in.jsonl": lines(...Array.from({ length: 10 }, (_, i) => request(`e${i}`, { input: [`text ${i}`] }))) });
    const { code, findings } = run([join(dir, "in.jsonl")]);
    expect(code).toBe(1);
    expect(findings.at(-1)).toEqual({
      kind: "endpoint-hint",
      severity: "info",
      endpoint: "/v1/chat/completions",
      suggested: "/v1/embeddings",
      fits: 10,
      sampled: 10,
      message: "10 of 10 bodies are invalid for /v1/chat/completions; 10 of the 10 sampled are valid for /v1/embeddings: try --endpoint /v1/embeddings",
    });
    expect(run(["--endpoint", "/v1/embeddings", join(dir, "in.jsonl")]).code).toBe(0);
  });

  it("warnings: no custom_id (missing, null, empty), a body naming another model, no model anywhere; exit 0", () => {
    const dir = folderWith({ "in.jsonl": lines(request(undefined, chat("1")), request(null, chat("2")), request("", chat("3")), request("d", chat("4", { model: "other" }))) });
    const withModel = run(["--model", "mistral-small-latest", join(dir, "in.jsonl")]);
    expect(withModel.code).toBe(0);
    expect(withModel.findings.map((f) => [f.kind, f.severity, f.count, (f.places as Json[]).map((p) => p.line)])).toEqual([
      ["missing-custom-id", "warning", 3, [1, 2, 3]],
      ["model-differs", "warning", 1, [4]],
    ]);
    expect(withModel.summary).toMatchObject({ warnings: 4, ok: true });
    const without = spawnSync(process.execPath, [cliPath, "check-input", "--format", "json", join(dir, "in.jsonl")], { encoding: "utf8" }).stdout;
    const withoutFindings = without.trim().split("\n").slice(0, -1).map((l) => JSON.parse(l) as Json);
    expect(withoutFindings.map((f) => [f.kind, f.count])).toEqual([
      ["missing-custom-id", 3],
      ["no-model", 3],
    ]);
    expect(withoutFindings[1]!.message).toBe("3 bodies without a model, and no --model: the job must be created with one");
  });

  it("an empty input follows the shared rule", () => {
    const dir = folderWith({ "in.jsonl": "" });
    expect(run([join(dir, "in.jsonl")]).code).toBe(1);
    expect(run(["--allow-empty", join(dir, "in.jsonl")]).code).toBe(0);
  });

  it("a create request (.json): checked whole, its inline requests like lines, with pointers into it", () => {
    const create = { endpoint: "/v1/embeddings", timeout_hours: 200, requests: [{ custom_id: "a", body: { input: "x" } }, { custom_id: "a", body: { input: 5 } }] };
    const dir = folderWith({ "job.json": JSON.stringify(create, null, 2) });
    const { code, findings, summary } = run(["--endpoint", "/v1/embeddings", join(dir, "job.json")]);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ read: 2, valid: 1, invalid: 1 });
    expect(findings.map((f) => [f.kind, f.pointer ?? null, f.model ?? null, ((f.issues as Json[] | undefined) ?? []).map((i) => i.instancePath)])).toEqual([
      ["invalid", "", "CreateBatchJobRequest", ["/timeout_hours"]],
      ["invalid", "/requests/1", "BatchEmbeddingRequest", ["/requests/1/body/input"]],
      ["duplicate-custom-id", null, null, []],
    ]);
  });

  it("usage: an endpoint that is not an ApiEndpoint, an option of another command", () => {
    expect(runCli(["check-input", "--endpoint", "/v1/nope", "x.jsonl"])).toMatchObject({ code: 2 });
    expect(runCli(["check-input", "--endpoint", "/v1/nope", "x.jsonl"]).stderr).toMatch(/^batch-job-schema: unknown --endpoint "\/v1\/nope"; one of \/v1\/chat\/completions, /);
    expect(runCli(["check-input", "--type", "BatchJob", "x.jsonl"]).stderr).toBe("batch-job-schema: check-input takes no --type (see --help)\n");
  });
});

describe("checkBatchInput", () => {
  const rows = [request("a", chat("Hi")), request("a", { messages: "Hi" }), "{broken", request(undefined, chat("x"))];

  it("gives the findings and summary the JSON report prints, from an array of lines", async () => {
    const dir = folderWith({ "in.jsonl": lines(...rows) });
    const cli = run([join(dir, "in.jsonl")]);
    const api = await checkBatchInput(rows, { model: "mistral-small-latest" });
    const named = (findings: readonly unknown[]) => JSON.parse(JSON.stringify(findings).replaceAll(JSON.stringify(join(dir, "in.jsonl")), '"input"'));
    expect(named(api.findings)).toEqual(named(cli.findings));
    expect({ ...api.summary, files: 1 }).toEqual({ ...cli.summary, files: 1 });
  });

  it("takes parsed values and async iterables alike", async () => {
    const values = rows.map((row) => (row.startsWith("{b") ? row : JSON.parse(row)));
    async function* generate() {
      yield* values;
    }
    const fromArray = await checkBatchInput(values, { model: "mistral-small-latest" });
    const fromIterable = await checkBatchInput(generate(), { model: "mistral-small-latest" });
    expect(fromIterable).toEqual(fromArray);
    expect(fromArray.summary).toMatchObject({ read: 4, valid: 2, invalid: 1, unparsable: 1, duplicateCustomIds: 1, ok: false });
  });

  it("the strict profile closes the request line", async () => {
    const line = { custom_id: "a", body: chat("x"), extra: 1 };
    expect((await checkBatchInput([line], { model: "m" })).summary.ok).toBe(true);
    expect((await checkBatchInputStrict([line])).findings[0]).toMatchObject({ kind: "invalid", model: "BatchRequest", issues: [{ instancePath: "/extra" }] });
  });

  it("rejects an endpoint that is not an ApiEndpoint", async () => {
    await expect(checkBatchInput([], { endpoint: "/v1/nope" })).rejects.toThrow(RangeError);
  });
});

describe("file bytes as uploaded", () => {
  it("counts every byte, multi-byte characters and line ends included", () => {
    const text = lines(request("é", chat("日本")));
    const dir = folderWith({});
    writeFileSync(join(dir, "in.jsonl"), text);
    const bytes = Buffer.byteLength(text);
    expect(run(["--max-bytes", String(bytes), join(dir, "in.jsonl")]).code).toBe(0);
    expect(run(["--max-bytes", String(bytes - 1), join(dir, "in.jsonl")]).findings[0]).toMatchObject({ kind: "limit", value: bytes });
  });
});
