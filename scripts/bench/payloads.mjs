// The columns of `npm run bench`: each a payload, the model it is checked against, and the
// verdict every check must give. Every payload goes through JSON.stringify and JSON.parse, so
// that it is what a consumer holds after `await response.json()`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rootDir } from "../lib/schemas.mjs";
import { job, random } from "./jobs.mjs";

export const models = ["BatchJobOut", "BatchJob", "ListBatchJobsResponse", "BatchRequest"];

const schema = (file) => JSON.parse(readFileSync(join(rootDir, "schemas", file), "utf8"));
const onlyRequired = (doc, value) => Object.fromEntries(Object.entries(value).filter(([key]) => doc.required.includes(key)));
const parsed = (value) => JSON.parse(JSON.stringify(value));

/**
 * @returns {{ name: string, model: string, data: unknown, valid: boolean, about: string }[]}
 *   the same payloads for both profiles (each is valid in the strict profile too)
 */
export function columns() {
  const jobOut = schema("batch-job-out.schema.json");
  const batchJob = schema("batch-job.schema.json");
  const request = schema("batch-request.schema.json");
  const typical = jobOut.examples[0];
  const rand = random(42);
  const list = { data: Array.from({ length: 100 }, () => job(rand)), object: "list", total: 100 };
  return [
    { name: "typical valid", model: "BatchJobOut", data: typical, valid: true, about: "BatchJobOut, schemas/batch-job-out.schema.json examples[0]: every optional key, 3 input files, 1 error, 3 metadata keys" },
    { name: "minimal valid", model: "BatchJobOut", data: onlyRequired(jobOut, typical), valid: true, about: "BatchJobOut, the same with its required keys only" },
    { name: "invalid: bad status", model: "BatchJobOut", data: { ...typical, status: "PAUSED" }, valid: false, about: 'BatchJobOut, typical with `status: "PAUSED"`' },
    { name: "invalid: created_at string", model: "BatchJobOut", data: { ...typical, created_at: "2024-11-19T08:00:00Z" }, valid: false, about: "BatchJobOut, typical with `created_at` an ISO date string" },
    { name: "BatchJob", model: "BatchJob", data: batchJob.examples[0], valid: true, about: "BatchJob, schemas/batch-job.schema.json examples[0]: an agent's job, model null, one inline output (a BatchResult with a chat completion)" },
    { name: "BatchJob, minimal", model: "BatchJob", data: onlyRequired(batchJob, batchJob.examples[0]), valid: true, about: "BatchJob, the same with its required keys only" },
    { name: "list of 100 jobs", model: "ListBatchJobsResponse", data: list, valid: true, about: "ListBatchJobsResponse, 100 BatchJob items from the seeded generator of scripts/bench/jobs.mjs (seed 42)" },
    { name: "batch request line", model: "BatchRequest", data: request.examples[0], valid: true, about: "BatchRequest, schemas/batch-request.schema.json examples[0]: a chat body" },
  ].map((c) => ({ ...c, data: parsed(c.data) }));
}
