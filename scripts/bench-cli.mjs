#!/usr/bin/env node
// `npm run bench:cli`: the command line over a generated JSONL of realistic jobs (seeded,
// written to .bench-cache/, not committed), beside a bare read + split + JSON.parse loop over
// the same file. Prints the throughput ratio and the peak memory for a 20 MB and a 200 MB file,
// and writes them into BENCHMARKS.md.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { job, random } from "./bench/jobs.mjs";
import { writeRegion } from "./bench/report-region.mjs";
import { rootDir } from "./lib/schemas.mjs";

const cache = join(rootDir, ".bench-cache");
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
  const result = spawnSync(process.execPath, ["--require", join(rootDir, "scripts/bench/report-usage.cjs"), ...args], { cwd: rootDir, encoding: "utf8", maxBuffer: 1 << 26 });
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

/**
 * A batch input file of `count` chat requests (seeded), and beside it a file of the same
 * bodies alone, one per line, generated once per size.
 */
async function chatInput(count) {
  mkdirSync(cache, { recursive: true });
  const path = join(cache, `chat-input-${count}-seed42.jsonl`);
  const bodies = join(cache, `chat-bodies-${count}-seed42.jsonl`);
  if (existsSync(path) && existsSync(bodies)) return { path, bodies };
  const rand = random(42);
  const words = ["invoice", "refund", "delivery", "password", "export", "account", "order", "shipping", "billing", "login"];
  const out = createWriteStream(path);
  const bodyOut = createWriteStream(bodies);
  for (let i = 0; i < count; i++) {
    const topic = Array.from({ length: 12 }, () => words[Math.floor(rand() * words.length)]).join(" ");
    const body = {
      messages: [
        { role: "system", content: "You are a concise customer-support assistant." },
        { role: "user", content: `Summarise this support ticket in one sentence: ${topic}.` },
      ],
      max_tokens: 256,
      temperature: 0.3,
    };
    const line = `${JSON.stringify({ custom_id: `ticket-${i}`, body })}\n`;
    if (!out.write(line)) await once(out, "drain");
    if (!bodyOut.write(`${JSON.stringify(body)}\n`)) await once(bodyOut, "drain");
  }
  out.end();
  bodyOut.end();
  await Promise.all([once(out, "finish"), once(bodyOut, "finish")]);
  return { path, bodies };
}

// check-input beside validate on the same requests: the wrapper model on the same file, and
// the in-batch chat body model on a file of the bodies alone (the per-line work check-input
// adds: two validations, the custom_id index, the warnings).
const checks = {};
for (const count of [100_000, 500_000]) {
  const { path, bodies } = await chatInput(count);
  const check = [];
  const wrapper = [];
  const body = [];
  const rss = [];
  for (let i = 0; i < rounds; i++) {
    const r = run(["dist/cli.mjs", "check-input", "--quiet", "--model", "mistral-small-latest", "--max-requests", "1000000", path]);
    check.push(r.seconds);
    rss.push(r.rss);
    wrapper.push(run(["dist/cli.mjs", "validate", "--quiet", "--input-format", "jsonl", "--type", "BatchRequest", path]).seconds);
    body.push(run(["dist/cli.mjs", "validate", "--quiet", "--input-format", "jsonl", "--type", "BatchChatCompletionRequest", bodies]).seconds);
    if (i === 0) console.error(`bench:cli check-input ${count}: ${r.stdout.trim()}`);
  }
  checks[count] = { size: statSync(path).size, check: median(check), wrapper: median(wrapper), body: median(body), rss: Math.max(...rss) };
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
  `\`check-input --model mistral-small-latest --max-requests 1000000\` on a generated chat batch input file (seed 42, every line valid, unique custom_ids), beside \`validate --type BatchRequest\` on the same file and \`validate --type BatchChatCompletionRequest\` on a file of the same bodies alone, median of ${rounds} interleaved runs. Its memory grows only with the custom_id index that duplicate detection needs.`,
  "",
  "| requests | file | check-input | validate --type BatchRequest (same file) | check-input / it | validate --type BatchChatCompletionRequest (the bodies) | check-input / it | peak memory (check-input) |",
  "|---|---|---|---|---|---|---|---|",
  ...Object.entries(checks).map(([count, r]) => {
    const rate = (seconds) => `${Math.round(Number(count) / seconds / 1000)}k requests/s`;
    return `| ${Number(count).toLocaleString("en")} | ${(r.size / 1e6).toFixed(0)} MB | ${rate(r.check)} | ${rate(r.wrapper)} | ${((100 * r.wrapper) / r.check).toFixed(0)}% | ${rate(r.body)} | ${((100 * r.body) / r.check).toFixed(0)}% | ${(r.rss / 1e6).toFixed(0)} MB |`;
  }),
  "",
];
const section = lines.join("\n");
console.log(section);
writeRegion("cli", section);
