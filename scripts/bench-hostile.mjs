#!/usr/bin/env node
// `npm run bench:hostile`: time against input size for the hostile inputs of the README's
// "Guarantees" table, at n, 2n and 4n. Linear work shows a ratio near 4 between 4n and n;
// work that does not depend on the size (a type test, a capped issue list) stays near 1.
// Writes its section of BENCHMARKS.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeRegion } from "./bench/report-region.mjs";
import { rootDir } from "./lib/schemas.mjs";

const api = await import(pathToFileURL(join(rootDir, "dist/index.mjs")).href);
const strict = await import(pathToFileURL(join(rootDir, "dist/strict.mjs")).href);
const job = JSON.parse(readFileSync(join(rootDir, "examples/batch-job.json"), "utf8"));
const uuid = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

const deep = (depth) => {
  let node = { leaf: true };
  for (let i = 0; i < depth; i++) node = { child: node };
  return node;
};
const families = [
  { name: "string as `id`, `isBatchJobOut`", unit: "MB", sizes: [12.5, 25, 50], make: (n) => ({ ...job, id: "x".repeat(n * 1e6) }), run: (v) => api.isBatchJobOut(v) },
  { name: "string as `status`, `validateBatchJobOut`", unit: "MB", sizes: [12.5, 25, 50], make: (n) => ({ ...job, status: "P".repeat(n * 1e6) }), run: (v) => api.validateBatchJobOut(v) },
  { name: "uuid then junk as `output_file`, strict `validateBatchJobOut`", unit: "MB", sizes: [12.5, 25, 50], make: (n) => ({ ...job, output_file: uuid + "0".repeat(n * 1e6) }), run: (v) => strict.validateBatchJobOut(v) },
  { name: "unknown key of `~` and `/`, strict `validateBatchJobOut`", unit: "MB", sizes: [2.5, 5, 10], make: (n) => ({ ...job, ["~/".repeat(n * 5e5)]: 1 }), run: (v) => strict.validateBatchJobOut(v) },
  { name: "`input_files`, every element wrong, `validateBatchJobOut`", unit: "k elements", sizes: [250, 500, 1000], make: (n) => ({ ...job, input_files: Array.from({ length: n * 1000 }, (_, i) => i) }), run: (v) => api.validateBatchJobOut(v) },
  { name: "`input_files`, every element valid, `isBatchJobOut`", unit: "k elements", sizes: [250, 500, 1000], make: (n) => ({ ...job, input_files: Array.from({ length: n * 1000 }, () => uuid) }), run: (v) => api.isBatchJobOut(v) },
  { name: "deep `metadata`, `validateBatchJobOut`", unit: "k levels", sizes: [25, 50, 100], make: (n) => ({ ...job, metadata: deep(n * 1000) }), run: (v) => api.validateBatchJobOut(v) },
];

const timeOf = (fn, value) => {
  const samples = [];
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    fn(value);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.sort((a, b) => a - b)[3];
};

const lines = [
  "## Hostile inputs (`npm run bench:hostile`)",
  "",
  "Median of 7 calls at each size. A ratio near 4 between the largest and the smallest size is linear work; near 1, work that does not grow with the input.",
  "",
  "| input | sizes | ms at each size | 4n ÷ n |",
  "|---|---|---|---|",
];
for (const family of families) {
  const times = family.sizes.map((n) => {
    const value = family.make(n);
    for (let i = 0; i < 5; i++) family.run(value); // warm up
    return timeOf(family.run, value);
  });
  lines.push(`| ${family.name} | ${family.sizes.join(", ")} ${family.unit} | ${times.map((t) => t.toFixed(3)).join(", ")} | ${(times[2] / Math.max(times[0], 0.001)).toFixed(1)} |`);
}
lines.push("");
const section = lines.join("\n");
console.log(section);
writeRegion("hostile", section);
