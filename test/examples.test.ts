import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

// The shipped examples are realistic payloads: every record of every file in examples/ is
// valid in both profiles (file ids are canonical UUIDs), checked with the built command line
// as `npm start` runs it. examples/invalid/ stays invalid in both.
const root = fileURLToPath(new URL("..", import.meta.url));
const recordsPerFile: Record<string, number> = {
  "examples/batch-job.json": 1,
  "examples/batch-jobs.jsonl": 7,
  "examples/list-response.json": 3,
};
const validFiles = readdirSync(new URL("../examples", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isFile() && /\.(json|jsonl)$/.test(entry.name))
  .map((entry) => `examples/${entry.name}`)
  .sort();
const profiles = [
  { profile: "default", flags: [] },
  { profile: "strict", flags: ["--strict"] },
];

describe("examples/", () => {
  it("holds exactly the files whose record counts this test knows", () => {
    expect(validFiles).toEqual(Object.keys(recordsPerFile).sort());
  });

  describe.each(profiles)("$profile profile", ({ flags }) => {
    it.each(Object.entries(recordsPerFile))("%s: all %i records valid", (file, records) => {
      const { code, stdout, stderr } = runCli(["validate", ...flags, "--format", "json", file], { cwd: root });
      expect(stderr).toBe("");
      const lines = stdout.trimEnd().split("\n");
      expect(lines).toHaveLength(1); // no failing record reported, only the summary
      expect(JSON.parse(lines[0]!).summary).toMatchObject({ model: "BatchJobOut", files: 1, read: records, valid: records, invalid: 0, unparsable: 0 });
      expect(code).toBe(0);
    });

    it("all files at once, as npm start runs them: 11 records, all valid", () => {
      const { code, stdout, stderr } = runCli(["validate", ...flags, ...validFiles], { cwd: root });
      expect(stderr).toBe("");
      expect(stdout).toBe("11 records in 3 files checked as BatchJobOut: 11 valid, 0 invalid, 0 unparsable\n");
      expect(code).toBe(0);
    });
  });

  // The deliberately invalid file: the same verdicts in both profiles, since its ids are UUIDs
  // and its faults are of the contract, not of the profile.
  it.each([
    { profile: "default", flags: [], summary: "6 records in 1 file checked as BatchJobOut: 1 valid, 4 invalid, 1 unparsable" },
    { profile: "strict", flags: ["--strict"], summary: "6 records in 1 file checked as BatchJobOut: 1 valid, 4 invalid, 1 unparsable" },
  ])("examples/invalid/ fails in the $profile profile", ({ flags, summary }) => {
    const { code, stdout, stderr } = runCli(["validate", ...flags, "examples/invalid/invalid-batch-jobs.jsonl"], { cwd: root });
    expect(stderr).toBe("");
    expect(stdout.trimEnd().split("\n").pop()).toBe(summary);
    expect(code).toBe(1);
  });
});
