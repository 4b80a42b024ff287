import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintBatchJob } from "../src/index.js";
import { folderWith, runCli } from "./helpers/cli.js";

// Job lint: warnings, never errors, for jobs whose numbers contradict each other.
const job = JSON.parse(JSON.stringify((await import("../schemas/batch-job.schema.json", { with: { type: "json" } })).default.examples[0])) as Record<string, unknown>;
const consistent = { ...job, status: "SUCCESS", created_at: 100, started_at: 110, completed_at: 200, total_requests: 10, completed_requests: 10, succeeded_requests: 8, failed_requests: 2 };

describe("lintBatchJob", () => {
  it("a consistent job, a running one and anything that is not a job give no warning", () => {
    expect(lintBatchJob(consistent)).toEqual([]);
    expect(lintBatchJob({ ...consistent, status: "RUNNING", completed_at: null, completed_requests: 4, succeeded_requests: 4, failed_requests: 0 })).toEqual([]);
    for (const value of [null, 1, "job", [], {}]) expect(lintBatchJob(value)).toEqual([]);
  });

  it("each rule, with its numbers and the field it is about", () => {
    expect(lintBatchJob({ ...consistent, completed_requests: 9 })).toEqual([
      { rule: "completed-sum", instancePath: "/completed_requests", message: "completed_requests is 9, but succeeded_requests + failed_requests is 8 + 2 = 10" },
    ]);
    expect(lintBatchJob({ ...consistent, total_requests: 9 })).toEqual([
      { rule: "completed-over-total", instancePath: "/completed_requests", message: "completed_requests (10) is more than total_requests (9)" },
    ]);
    expect(lintBatchJob({ ...consistent, started_at: 90 }).map((w) => w.message)).toEqual(["started_at (90) is before created_at (100)"]);
    expect(lintBatchJob({ ...consistent, completed_at: 105 }).map((w) => w.message)).toEqual(["completed_at (105) is before started_at (110)"]);
    expect(lintBatchJob({ ...consistent, started_at: null, completed_at: 50 }).map((w) => w.message)).toEqual(["completed_at (50) is before created_at (100)"]);
    expect(lintBatchJob({ ...consistent, completed_at: null })).toEqual([
      { rule: "success-without-completed-at", instancePath: "/completed_at", message: "status is SUCCESS, but completed_at is null" },
    ]);
    const { completed_at: _, ...noEnd } = consistent;
    expect(lintBatchJob(noEnd).map((w) => w.message)).toEqual(["status is SUCCESS, but completed_at is absent"]);
    // No real FAILED, TIMEOUT_EXCEEDED or CANCELLED job was found: those are not linted for it.
    for (const status of ["FAILED", "TIMEOUT_EXCEEDED", "CANCELLED", "CANCELLATION_REQUESTED"]) expect(lintBatchJob({ ...consistent, status, completed_at: null })).toEqual([]);
    // As the real jobs show: started in the second it was created, and total 0 while queued.
    expect(lintBatchJob({ ...consistent, started_at: 100 })).toEqual([]);
    expect(lintBatchJob({ ...consistent, status: "QUEUED", started_at: null, completed_at: null, total_requests: 0, completed_requests: 0, succeeded_requests: 0, failed_requests: 0 })).toEqual([]);
  });

  it("reads only own keys", () => {
    expect(lintBatchJob(Object.create({ ...consistent, completed_requests: 1 }))).toEqual([]);
  });
});

describe("validate --lint", () => {
  it("reports warnings beside the verdict; they do not change the exit code", () => {
    const dir = folderWith({ "jobs.jsonl": `${JSON.stringify(consistent)}\n${JSON.stringify({ ...consistent, completed_requests: 11 })}\n` });
    const { code, stdout } = runCli(["validate", "--type", "BatchJob", "--lint", join(dir, "jobs.jsonl")]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `${join(dir, "jobs.jsonl")}:2: warning: BatchJob lint\n` +
        "  /completed_requests: completed_requests is 11, but succeeded_requests + failed_requests is 8 + 2 = 10\n" +
        "  /completed_requests: completed_requests (11) is more than total_requests (10)\n" +
        "2 records in 1 file checked as BatchJob: 2 valid, 0 invalid, 0 unparsable; 2 lint warnings\n",
    );
    expect(runCli(["validate", "--type", "BatchError", "--lint", join(dir, "jobs.jsonl")]).stderr).toBe("batch-job-schema: --lint applies to BatchJob and BatchJobOut, not BatchError (see --help)\n");
  });
});
