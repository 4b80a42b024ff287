// The rows of `npm run bench`, for both profiles: the limits (hand-written), ours (from the
// built package) and the peers. A row maps each model it covers to a boolean check.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { rootDir } from "../lib/schemas.mjs";
import { firstIssue, variant } from "./hand-written.mjs";
import { models } from "./payloads.mjs";
import * as peers from "./peers.mjs";

// A closure per model, over the function itself (not a lookup per call).
const issuesOf = (validate) => (x) => validate(x).issues === undefined;
const noIssue = (find) => (x) => find(x) === null;

export const profiles = ["default", "strict"];
const packageVersion = JSON.parse(readFileSync(join(rootDir, "package.json"), "utf8")).version;

/**
 * @param {string} dist the folder of the built package (index.mjs, strict.mjs)
 * @returns {Promise<{ rows: { id: string, profile: string, kind: "limit" | "own" | "first-issue" | "ours" | "peer", label: string, version: string, options: string, fns: Record<string, (x: unknown) => boolean>, warnings?: string[] }[], failures: string[] }>}
 */
export async function makeRows(dist) {
  const entry = { default: await import(pathToFileURL(join(dist, "index.mjs")).href), strict: await import(pathToFileURL(join(dist, "strict.mjs")).href) };
  const rows = [];
  const failures = [];
  for (const profile of profiles) {
    const strict = profile === "strict";
    const api = entry[profile];
    const from = `\`batch-job-schema${strict ? "/strict" : ""}\``;
    const add = (kind, id, row) => rows.push({ kind, id: `${profile}:${id}`, profile, version: "", ...row });
    add("limit", "plain", {
      label: "hand-written, plain reads (limit)",
      options: `straight-line, \`o.k !== undefined\`, no own-property tests${strict ? "; closed objects by key count, file ids by one anchored UUID expression" : ""} (scripts/bench/hand-written.mjs)`,
      fns: variant({ strict }),
    });
    add("own", "own", {
      label: "hand-written, own-property tests",
      options: "the same with one hasOwnProperty call per required key, and per optional key only when its value would fail",
      fns: variant({ own: true, strict }),
    });
    add("first-issue", "first-issue", {
      label: "hand-written first issue (limit of validate… on invalid)",
      options: "plain reads, stops at the first issue and builds its JSON Pointer and a message showing the value received",
      fns: { BatchJobOut: noIssue(firstIssue[profile].BatchJobOut) },
    });
    add("ours", "is", {
      label: "is…",
      version: `batch-job-schema ${packageVersion}`,
      options: `\`isBatchJobOut\`, \`isBatchJob\`, \`isListBatchJobsResponse\`, \`isBatchRequest\` from ${from}`,
      fns: Object.fromEntries(models.map((m) => [m, api[`is${m}`]])),
    });
    add("ours", "validate", {
      label: "validate…",
      version: `batch-job-schema ${packageVersion}`,
      options: `\`validate…(x).issues === undefined\` from ${from}`,
      fns: Object.fromEntries(models.map((m) => [m, issuesOf(api[`validate${m}`])])),
    });
    // A peer that cannot be built here is reported, not fatal.
    const peerFactories = [
      ["ajv", () => peers.ajvRuntime(profile)],
      ["ajv-standalone", () => peers.ajvStandalone(profile)],
      ["typebox", () => peers.typebox(profile)],
      ["zod", () => peers.zod(profile)],
      ["typia", () => peers.typia(profile)],
      ["schemasafe", () => peers.schemasafe(profile)],
      ...(strict ? [] : [["valibot", () => peers.valibot()], ["mistral", () => peers.mistral()]]),
    ];
    for (const [id, make] of peerFactories) {
      try {
        add("peer", id, await make());
      } catch (error) {
        failures.push(`${profile} ${id}: ${String(error?.message ?? error).split("\n")[0]}`);
      }
    }
  }
  return { rows, failures };
}
