#!/usr/bin/env node
// `npm run bench:cli`: the command line over a generated JSONL of realistic jobs (seeded,
// written to .bench-cache/, not committed), beside a bare read + split + JSON.parse loop over
// the same file. Prints the throughput ratio and the peak memory for a 20 MB and a 200 MB file,
// and writes them into BENCHMARKS.md.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { writeRegion } from "./bench/report-region.mjs";
import { rootDir } from "./lib/schemas.mjs";

const cache = join(rootDir, ".bench-cache");
const statuses = ["QUEUED", "RUNNING", "SUCCESS", "FAILED", "TIMEOUT_EXCEEDED", "CANCELLATION_REQUESTED", "CANCELLED"];

/** mulberry32: a small seeded generator, so every run reads the same file. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function job(rand) {
  const hex = (n) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(rand() * 16)]).join("");
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  const status = statuses[Math.floor(rand() * statuses.length)];
  const total = Math.floor(rand() * 100000);
  const done = status === "QUEUED" ? 0 : Math.floor(rand() * total);
  const failed = Math.floor(rand() * done * 0.05);
  const created = 1730000000 + Math.floor(rand() * 3e7);
  return {
    id: uuid(),
    object: "batch",
    input_files: Array.from({ length: 1 + Math.floor(rand() * 4) }, uuid),
    metadata: rand() < 0.7 ? { team: ["search", "ads", "eval", "support"][Math.floor(rand() * 4)], run: Math.floor(rand() * 1000), nightly: rand() < 0.5 } : null,
    endpoint: ["/v1/chat/completions", "/v1/embeddings", "/v1/fim/completions", "/v1/moderations"][Math.floor(rand() * 4)],
    model: ["mistral-small-latest", "mistral-large-latest", "mistral-embed", "codestral-latest"][Math.floor(rand() * 4)],
    output_file: status === "SUCCESS" ? uuid() : null,
    error_file: failed > 0 ? uuid() : null,
    errors: failed > 0 ? [{ message: `Request ${Math.floor(rand() * total)}: upstream timeout after 600 s`, count: failed }] : [],
    status,
    created_at: created,
    started_at: status === "QUEUED" ? null : created + 30,
    completed_at: ["SUCCESS", "FAILED", "CANCELLED", "TIMEOUT_EXCEEDED"].includes(status) ? created + 3600 : null,
    total_requests: total,
    completed_requests: done,
    succeeded_requests: done - failed,
    failed_requests: failed,
  };
}

/** A JSONL file of about `megabytes`, generated once per size and seed. */
async function dataset(megabytes) {
  mkdirSync(cache, { recursive: true });
  const path = join(cache, `jobs-${megabytes}mb-seed42.jsonl`);
  if (existsSync(path) && statSync(path).size >= megabytes * 1e6) return path;
  const rand = random(42);
  const out = createWriteStream(path);
  let bytes = 0;
  let n = 0;
  while (bytes < megabytes * 1e6) {
    // One record in a thousand is invalid, as a real export might hold.
    const record = ++n % 1000 === 0 ? { ...job(rand), status: "PAUSED" } : job(rand);
    const line = `${JSON.stringify(record)}\n`;
    bytes += line.length;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return path;
}

/** Runs a process, returns wall time and peak memory. */
function run(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--require", join(rootDir, "scripts/bench/report-rss.cjs"), ...args], { cwd: rootDir, encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = Number(/bench:maxrss=(\d+)/.exec(result.stderr)?.[1] ?? NaN) * 1024;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(" ")}: exit ${result.status}: ${result.stderr}`);
  return { seconds, rss, stdout: result.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rounds = Number(process.env.BENCH_CLI_ROUNDS ?? 3);
const results = {};
for (const megabytes of [20, 200]) {
  const file = await dataset(megabytes);
  const size = statSync(file).size;
  const bare = [];
  const cli = [];
  const rss = [];
  for (let i = 0; i < rounds; i++) {
    bare.push(run(["scripts/bench/bare-parse.mjs", file]).seconds);
    const r = run(["dist/cli.mjs", "validate", "--quiet", file]);
    cli.push(r.seconds);
    rss.push(r.rss);
    if (i === 0) console.error(`bench:cli ${megabytes} MB: ${r.stdout.trim()}`);
  }
  results[megabytes] = { size, bare: median(bare), cli: median(cli), rss: Math.max(...rss) };
}

const mbps = (r) => r.size / 1e6 / r.seconds;
const lines = [
  "## Command line (`npm run bench:cli`)",
  "",
  `A generated JSONL of realistic jobs (seed 42, one record in a thousand invalid), validated with \`batch-job-schema validate --quiet\`, beside a bare read + split + \`JSON.parse\` loop over the same file (scripts/bench/bare-parse.mjs), each a whole process, median of ${rounds} interleaved runs.`,
  "",
  "| file | bare loop | command line | throughput ratio | peak memory (command line) |",
  "|---|---|---|---|---|",
  ...Object.values(results).map((r) => {
    const bare = { size: r.size, seconds: r.bare };
    const cli = { size: r.size, seconds: r.cli };
    return `| ${(r.size / 1e6).toFixed(0)} MB | ${mbps(bare).toFixed(0)} MB/s | ${mbps(cli).toFixed(0)} MB/s | ${((100 * r.bare) / r.cli).toFixed(0)}% | ${(r.rss / 1e6).toFixed(0)} MB |`;
  }),
  "",
];
const section = lines.join("\n");
console.log(section);
writeRegion("cli", section);
