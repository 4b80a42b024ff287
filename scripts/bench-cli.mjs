#!/usr/bin/env node
// `npm run bench:cli`: the command line over generated JSONL files (seeded, written to
// .bench-cache/, not committed) — jobs for `validate`, chat requests for `check-input` —
// beside a bare read + split + JSON.parse loop over the same file, on one thread (`--jobs 1`)
// and on every core (`--jobs N`, the default). Prints the throughput ratios and the peak
// memory, and writes them into BENCHMARKS.md. `BENCH_CLI_ROUNDS` sets the rounds (default 3);
// `BENCH_CLI_DIST` a build other than dist/.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { job, random } from "./bench/jobs.mjs";
import { writeRegion } from "./bench/report-region.mjs";
import { rootDir } from "./lib/schemas.mjs";

const cli = join(process.env.BENCH_CLI_DIST ?? join(rootDir, "dist"), "cli.mjs");
const cores = availableParallelism();
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

/** Runs a process, returns wall time, CPU time (all threads) and peak memory. */
function run(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--require", join(rootDir, "scripts/bench/report-usage.cjs"), ...args], { cwd: rootDir, encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // Worker threads inherit the preload: the largest figure is the process's own.
  const largest = (name) => Math.max(...[...result.stderr.matchAll(new RegExp(`bench:${name}=(\\d+)`, "g"))].map((m) => Number(m[1])));
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(" ")}: exit ${result.status}: ${result.stderr}`);
  return { seconds, cpu: largest("cpu") / 1e6, rss: largest("maxrss") * 1024, stdout: result.stdout };
}

/** The file's two halves, cut at the line start nearest its middle (made once, beside it). */
async function halves(file) {
  const [first, second] = [`${file}.half1`, `${file}.half2`];
  if (existsSync(first) && existsSync(second)) return [first, second];
  const size = statSync(file).size;
  const fd = openSync(file, "r");
  const probe = Buffer.alloc(1 << 20);
  const n = readSync(fd, probe, 0, probe.length, Math.floor(size / 2));
  closeSync(fd);
  const cut = Math.floor(size / 2) + probe.subarray(0, n).indexOf(10) + 1;
  const { createReadStream } = await import("node:fs");
  const { pipeline } = await import("node:stream/promises");
  await pipeline(createReadStream(file, { end: cut - 1 }), createWriteStream(first));
  await pipeline(createReadStream(file, { start: cut }), createWriteStream(second));
  return [first, second];
}

/** Two bare loops at once, each over one half of the file: what this machine gives two threads of the same work. */
async function twoBareLoops([first, second]) {
  const start = process.hrtime.bigint();
  await Promise.all(
    [first, second].map(
      (half) =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, ["scripts/bench/bare-parse.mjs", half], { cwd: rootDir, stdio: "ignore" });
          child.on("error", reject);
          child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`bare loop on ${half}: exit ${code}`))));
        }),
    ),
  );
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rounds = Number(process.env.BENCH_CLI_ROUNDS ?? 3);

/**
 * The bare loop, the command on one thread and on every core, interleaved round by round.
 * Each ratio is the bare loop's time over the command's in the same round (above 1: faster
 * than the bare loop); its median and its range over the rounds.
 */
async function measure(label, file, command) {
  const rows = { bare: [], two: [], one: [], many: [] };
  const parts = await halves(file);
  for (let i = 0; i < rounds; i++) {
    rows.bare.push(run(["scripts/bench/bare-parse.mjs", file]));
    rows.two.push(await twoBareLoops(parts));
    rows.one.push(run([cli, ...command, "--jobs", "1", file]));
    rows.many.push(run([cli, ...command, "--jobs", String(cores), file]));
    if (i === 0) console.error(`bench:cli ${label}: ${rows.many[0].stdout.trim().split("\n").pop()}`);
  }
  const ratios = (kind) => rows.bare.map((b, i) => b.seconds / rows[kind][i].seconds);
  const summary = (kind) => ({
    seconds: median(rows[kind].map((r) => r.seconds)),
    cpu: median(rows[kind].map((r) => r.cpu)),
    rss: Math.max(...rows[kind].map((r) => r.rss ?? 0)),
    ratio: median(ratios(kind)),
    low: Math.min(...ratios(kind)),
    high: Math.max(...ratios(kind)),
  });
  const two = ratios("two");
  return {
    label,
    size: statSync(file).size,
    bare: summary("bare"),
    two: { ratio: median(two), low: Math.min(...two), high: Math.max(...two) },
    one: summary("one"),
    many: { ...summary("many"), speedUp: median(rows.one.map((r, i) => r.seconds / rows.many[i].seconds)) },
  };
}

const jobs20 = await measure("validate, 20 MB of jobs", await dataset(20), ["validate", "--quiet"]);
const jobs200 = await measure("validate, 200 MB of jobs", await dataset(200), ["validate", "--quiet"]);
const chat200 = await measure("check-input, 200 MB of chat requests", (await chatInput(605_000)).path, ["check-input", "--quiet", "--model", "mistral-small-latest", "--max-requests", "1000000"]);

// check-input beside validate on the same requests, on one thread: the wrapper model on the
// same file, and the in-batch chat body model on a file of the bodies alone (the per-line work
// check-input adds: two validations, the custom_id index, the warnings).
const checks = {};
for (const count of [100_000, 500_000]) {
  const { path, bodies } = await chatInput(count);
  const check = [];
  const wrapper = [];
  const body = [];
  const rss = [];
  for (let i = 0; i < rounds; i++) {
    const r = run([cli, "check-input", "--jobs", "1", "--quiet", "--model", "mistral-small-latest", "--max-requests", "1000000", path]);
    check.push(r.seconds);
    rss.push(r.rss);
    wrapper.push(run([cli, "validate", "--jobs", "1", "--quiet", "--input-format", "jsonl", "--type", "BatchRequest", path]).seconds);
    body.push(run([cli, "validate", "--jobs", "1", "--quiet", "--input-format", "jsonl", "--type", "BatchChatCompletionRequest", bodies]).seconds);
    if (i === 0) console.error(`bench:cli check-input ${count}: ${r.stdout.trim()}`);
  }
  checks[count] = { size: statSync(path).size, check: median(check), wrapper: median(wrapper), body: median(body), rss: Math.max(...rss) };
}

const mbps = (size, seconds) => `${Math.round(size / 1e6 / seconds)} MB/s`;
const times = (r) => `${r.ratio.toFixed(2)}× (${r.low.toFixed(2)}–${r.high.toFixed(2)})`;
const mb = (bytes) => `${Math.round(bytes / 1e6)} MB`;
const target = 1.6;
const verdict = (m) => {
  const r = m.many;
  return r.ratio >= target ? `met (${r.ratio.toFixed(2)}×)` : `missed: ${r.ratio.toFixed(2)}×, ${Math.round((100 * (target - r.ratio)) / target)}% short`;
};
const lines = [
  "## Command line (`npm run bench:cli`)",
  "",
  `Generated JSONL files (seed 42): realistic jobs, one in a thousand invalid, checked with \`validate --quiet\`; chat requests (every line valid, unique custom_ids), checked with \`check-input --quiet --model mistral-small-latest --max-requests 1000000\`. Each beside a bare read + split + \`JSON.parse\` loop over the same file on one thread (scripts/bench/bare-parse.mjs), on one thread (\`--jobs 1\`) and on every core (\`--jobs ${cores}\`, the default here: ${cores} cores), each a whole process, ${rounds} interleaved rounds. A ratio is the bare loop's time over the command's in the same round (above 1: faster than the bare loop), its median and its range over the rounds; CPU is the process's, every thread. The column "two bare loops" runs two bare loops at once, each over one half of the file: the most this machine gives two threads of the bare work, the ceiling of any \`--jobs ${cores}\` figure. A file under 32 MiB (the 20 MB one) is read on one thread whatever \`--jobs\` says: starting a worker would cost more than it saves.`,
  "",
  `| input | bare loop | two bare loops ÷ bare loop | \`--jobs 1\` | ÷ bare loop | \`--jobs ${cores}\` | ÷ bare loop | speed-up | CPU time (1 / ${cores}) | peak memory (1 / ${cores}) |`,
  "|---|---|---|---|---|---|---|---|---|---|",
  ...[jobs20, jobs200, chat200].map(
    (m) =>
      `| ${m.label} (${mb(m.size)}) | ${mbps(m.size, m.bare.seconds)} | ${times(m.two)} | ${mbps(m.size, m.one.seconds)} | ${times(m.one)} | ${mbps(m.size, m.many.seconds)} | ${times(m.many)} | ${m.many.speedUp.toFixed(2)}× | ${m.one.cpu.toFixed(2)} / ${m.many.cpu.toFixed(2)} s | ${mb(m.one.rss)} / ${mb(m.many.rss)} |`,
  ),
  "",
  `Target (issue 11, item 5): on ${cores} cores, \`validate\` and \`check-input\` on a 200 MB JSONL file at least ${target}× the bare loop's throughput. validate: ${verdict(jobs200)}; check-input: ${verdict(chat200)}. Two bare loops at once reach ${jobs200.two.ratio.toFixed(2)}× (jobs) and ${chat200.two.ratio.toFixed(2)}× (requests) here.`,
  "",
  `\`check-input --jobs 1 --model mistral-small-latest --max-requests 1000000\` on a generated chat batch input file (seed 42, every line valid, unique custom_ids), beside \`validate --jobs 1 --type BatchRequest\` on the same file and \`validate --jobs 1 --type BatchChatCompletionRequest\` on a file of the same bodies alone, median of ${rounds} interleaved runs. Its memory grows only with the custom_id index that duplicate detection needs.`,
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
