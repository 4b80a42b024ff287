import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { batchResultOutcome, checkBatchOutput } from "../src/index.js";
import { cliPath, folderWith, runCli } from "./helpers/cli.js";

// check-output and batchResultOutcome: each rule broken once, with exact ids, counts and exit codes.
const ok = (id: string, n = 1) => ({ id: `batch-1-${n}`, custom_id: id, response: { status_code: 200, body: { object: "chat.completion", choices: [] } }, error: null });
const failed = (id: string, status: number, body: unknown, n = 1) => ({ id: `batch-1-${n}`, custom_id: id, response: { status_code: status, body }, error: null });
const rateLimited = { object: "error", message: "Requests rate limit exceeded", type: "rate_limited", param: null, code: "1300" };
const tooLong = (prompt: string) => ({ object: "error", message: `Prompt '${prompt}' contains 40312 tokens, too large for model with 32768 maximum context length` });
const jsonl = (...values: unknown[]) => `${values.map((v) => JSON.stringify(v)).join("\n")}\n`;

interface Json {
  [key: string]: unknown;
}
function run(args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, "check-output", "--format", "json", ...args], { encoding: "utf8" });
  const rows = result.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Json);
  const summary = rows.pop()!.summary as Json;
  expect(Number(summary.succeeded) + Number(summary.failed) + Number(summary.invalid) + Number(summary.unparsable)).toBe(summary.read);
  return { code: result.status, findings: rows, summary };
}

describe("batchResultOutcome", () => {
  it("succeeded: error null and a 2xx status; failed otherwise, with status, message and a stable cause", () => {
    expect(batchResultOutcome(ok("a"))).toEqual({ succeeded: true, statusCode: 200 });
    expect(batchResultOutcome(failed("a", 429, rateLimited))).toEqual({ succeeded: false, statusCode: 429, message: "Requests rate limit exceeded", cause: "429: rate_limited code 1300" });
    expect(batchResultOutcome(failed("a", 400, tooLong("Tell me about cheese")))).toEqual({
      succeeded: false,
      statusCode: 400,
      message: "Prompt 'Tell me about cheese' contains 40312 tokens, too large for model with 32768 maximum context length",
      cause: "400: Prompt … contains <n> tokens, too large for model with <n> maximum context length",
    });
    expect(batchResultOutcome({ id: "r", custom_id: "a", response: null, error: { message: "Internal error", code: 500 } })).toMatchObject({ succeeded: false, statusCode: null, cause: "no status: code 500" });
    expect(batchResultOutcome({ id: "r", custom_id: "a", response: { status_code: 200, body: {} }, error: "timeout" })).toMatchObject({ succeeded: false, message: "timeout" });
    expect(batchResultOutcome(failed("a", 422, { object: "error", message: { detail: [{ type: "extra_forbidden", loc: ["body", "x"] }] } }))).toMatchObject({
      message: '{"detail":[{"type":"extra_forbidden","loc":["body","x"]}]}',
    });
  });

  it("never throws, whatever the value", () => {
    for (const value of [null, 1, "x", [], {}, { response: "x" }, { error: Object.create(null) }]) expect(() => batchResultOutcome(value)).not.toThrow();
    expect(batchResultOutcome(null)).toEqual({ succeeded: false, statusCode: null, message: "not a result object", cause: "not a result" });
  });
});

describe("check-output", () => {
  it("all results succeeded: exit 0 and the summary", () => {
    const dir = folderWith({ "out.jsonl": jsonl(ok("a", 1), ok("b", 2)) });
    const { code, stdout } = runCli(["check-output", join(dir, "out.jsonl")]);
    expect(code).toBe(0);
    expect(stdout).toBe("2 results in 1 file: 2 succeeded, 0 failed (0 causes), 0 invalid, 0 unparsable\n");
  });

  it("failures grouped by cause, most frequent first; messages that embed the input make one group", () => {
    const dir = folderWith({
      "out.jsonl": jsonl(
        ok("a", 1),
        failed("b", 400, tooLong("cheese?"), 2),
        failed("c", 429, rateLimited, 3),
        failed("d", 400, tooLong("wine?"), 4),
        failed("e", 400, tooLong("bread, and what else?"), 5),
      ),
    });
    const { code, findings, summary } = run([join(dir, "out.jsonl")]);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ read: 5, succeeded: 1, failed: 4, causes: 2 });
    expect(findings.map((f) => [f.kind, f.cause, f.count, (f.places as Json[]).map((p) => p.customId)])).toEqual([
      ["failures", "400: Prompt … contains <n> tokens, too large for model with <n> maximum context length", 3, ["b", "d", "e"]],
      ["failures", "429: rate_limited code 1300", 1, ["c"]],
    ]);
    const text = runCli(["check-output", join(dir, "out.jsonl")]).stdout.split("\n");
    expect(text[0]).toBe("3 requests failed: 400: Prompt … contains <n> tokens, too large for model with <n> maximum context length");
    expect(text[1]).toBe(`  ${join(dir, "out.jsonl")}:2 (custom_id "b"): Prompt 'cheese?' contains 40312 tokens, too large for model with 32768 maximum context length`);
  });

  it("a line that is not a BatchResult is invalid; one that is not JSON is unparsable", () => {
    const dir = folderWith({ "out.jsonl": `${JSON.stringify({ custom_id: "a", response: { status_code: "200" } })}\n{oops\n` });
    const { code, findings, summary } = run([join(dir, "out.jsonl")]);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ read: 2, invalid: 1, unparsable: 1 });
    expect(findings[0]).toMatchObject({ kind: "invalid", line: 1, model: "BatchResult" });
    expect((findings[0]!.issues as Json[]).map((i) => i.instancePath)).toContain("/response/status_code");
  });

  it("joined to the requests: missing, unknown and duplicate results, and requests without a custom_id", () => {
    const requests = jsonl(
      { custom_id: "a", body: {} },
      { custom_id: "b", body: {} },
      { custom_id: "c", body: {} },
      { body: {} },
    );
    const dir = folderWith({ "in.jsonl": requests, "out.jsonl": jsonl(ok("a", 1), ok("a", 2), ok("z", 3)) });
    const { code, findings, summary } = run([join(dir, "out.jsonl"), "--requests", join(dir, "in.jsonl")]);
    expect(code).toBe(1);
    expect(summary.requests).toEqual({ read: 4, withCustomId: 3, withoutCustomId: 1, matched: 1, missing: 2, unknownResults: 1, duplicateResults: 1 });
    expect(findings.map((f) => [f.kind, f.count, (f.places as Json[]).map((p) => [p.line, p.customId ?? null])])).toEqual([
      ["duplicate-results", 2, [[1, null], [2, null]]],
      ["missing-results", 2, [[2, "b"], [3, "c"]]],
      ["unknown-results", 1, [[3, "z"]]],
    ]);
    const all = jsonl(ok("a", 1), ok("b", 2), ok("c", 3));
    const complete = folderWith({ "in.jsonl": requests, "out.jsonl": all });
    expect(run([join(complete, "out.jsonl"), "--requests", join(complete, "in.jsonl")]).code).toBe(0);
  });

  it("a job given as a .json file: its inline outputs are the results", () => {
    const job = jobWithoutOutputs();
    job.outputs = [ok("a", 1), failed("b", 429, rateLimited, 2)];
    const dir = folderWith({ "job.json": JSON.stringify(job, null, 2) });
    const { code, findings, summary } = run([join(dir, "job.json")]);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ read: 2, succeeded: 1, failed: 1 });
    expect((findings[0]!.places as Json[])[0]).toMatchObject({ line: 1, pointer: "/outputs/1", customId: "b" });
  });
});

describe("checkBatchOutput", () => {
  it("gives what the JSON report prints, from lines, values and async iterables", async () => {
    const results = [ok("a", 1), failed("b", 429, rateLimited, 2), ok("a", 3)];
    const requests = [{ custom_id: "a", body: {} }, { custom_id: "c", body: {} }];
    const dir = folderWith({ "out.jsonl": jsonl(...results), "in.jsonl": jsonl(...requests) });
    const cli = run([join(dir, "out.jsonl"), "--requests", join(dir, "in.jsonl")]);
    async function* generate() {
      yield* results.map((r) => JSON.stringify(r));
    }
    const api = await checkBatchOutput(generate(), { requests });
    const named = (findings: readonly unknown[]) =>
      JSON.parse(JSON.stringify(findings).replaceAll(JSON.stringify(join(dir, "out.jsonl")), '"results"').replaceAll(JSON.stringify(join(dir, "in.jsonl")), '"requests"'));
    expect(named(api.findings)).toEqual(named(cli.findings));
    expect(api.summary).toEqual({ ...cli.summary, files: 1 });
    expect(await checkBatchOutput(results, { requests })).toEqual(api);
  });
});

function jobWithoutOutputs(): Record<string, unknown> {
  return {
    id: "b7c2f7a0-4e1d-4c9b-9a51-3f1f6a2d8e10",
    object: "batch",
    input_files: [],
    endpoint: "/v1/chat/completions",
    model: "mistral-small-latest",
    errors: [],
    status: "SUCCESS",
    created_at: 1732003200,
    total_requests: 2,
    completed_requests: 2,
    succeeded_requests: 1,
    failed_requests: 1,
  };
}
