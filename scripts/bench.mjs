#!/usr/bin/env node
// `npm run bench`: our validators beside the hand-written limits and every peer, as ratios
// measured in one process, over several runs (each a fresh process), with the targets of
// issue 11 as met / missed / tie. Every check runs on the vectors of its profile first; a
// peer's disagreements are listed, so that no row is fast by being wrong. Writes BENCHMARKS.md.
//
//   node scripts/bench.mjs [--quick] [--runs N] [--dist DIR] [--no-write] [--save-samples FILE]
//
// --quick: shorter rounds, fewer start-up runs, and BENCHMARKS.md is left alone.
// --dist:  the built package to measure (default: dist/). It is copied first, so that a
//          rebuild while the bench runs cannot mix two builds.
// --save-samples: every round of every cell of every run, as JSON, for a closer look.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { median, quantile, sample } from "./bench/harness.mjs";
import { columns, models } from "./bench/payloads.mjs";
import * as peers from "./bench/peers.mjs";
import { currentRegion } from "./bench/report-region.mjs";
import { makeRows, profiles } from "./bench/rows.mjs";
import { rootDir } from "./lib/schemas.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const quick = args.includes("--quick");
const runs = Number(option("--runs", quick ? 3 : 5));
if (!(runs >= 1)) throw new Error("--runs: a number of runs, at least 1 (the targets need 3)");
const timing = quick ? { rounds: 5, roundMs: 3, warmupMs: 30 } : { rounds: 11, roundMs: 6, warmupMs: 60 };
const startupRuns = quick ? 5 : 21;
const readJson = (path) => JSON.parse(readFileSync(join(rootDir, path), "utf8"));
const cols = columns();
const isInvalid = (c) => !c.valid;

/** The cells a row is timed on: the columns of the models it covers; the first-issue check only where it is a limit. */
const cellsOf = (row) => cols.filter((c) => row.fns[c.model] && (row.kind !== "first-issue" || isInvalid(c)));
const cellKey = (row, c) => `${row.id}|${c.name}`;

// ---- a timed run: one fresh process -------------------------------------------------------
if (args.includes("--child")) {
  const { rows } = await makeRows(option("--dist"));
  const slots = rows.flatMap((row) => cellsOf(row).map((c) => ({ key: cellKey(row, c), fn: row.fns[c.model], data: c.data })));
  const samples = sample(slots, JSON.parse(option("--timing")));
  process.stdout.write(JSON.stringify(Object.fromEntries(samples)));
  process.exit(0);
}

// ---- the build under test, copied --------------------------------------------------------
const snapshot = join(rootDir, ".bench-cache", `dist-${process.pid}`);
rmSync(snapshot, { recursive: true, force: true });
mkdirSync(snapshot, { recursive: true });
cpSync(resolve(rootDir, option("--dist", "dist")), snapshot, { recursive: true });
process.on("exit", () => rmSync(snapshot, { recursive: true, force: true }));
process.on("SIGINT", () => process.exit(130));

// ---- the peers built ahead of time --------------------------------------------------------
const preparing = [];
for (const [name, prepare] of [["typia", peers.prepareTypia], ["Ajv standalone", peers.prepareAjvStandalone]]) {
  try {
    prepare();
  } catch (error) {
    preparing.push(`${name} could not be built here: ${String(error?.stderr ?? error?.message ?? error).trim().split("\n")[0]}`);
  }
}
const { rows, failures } = await makeRows(snapshot);
failures.unshift(...preparing);

// ---- agreement on the vectors, and on the payloads -----------------------------------------
const vectorFile = { BatchJobOut: "batch-job-out", BatchJob: "batch-job", ListBatchJobsResponse: "list-batch-jobs-response", BatchRequest: "batch-request" };
const tests = (profile, model) =>
  readJson(`test/vectors/${profile}/${vectorFile[model]}.json`).flatMap((g) => g.tests.map((t) => ({ ...t, description: `${g.description}: ${t.description}` })));
/** A profile's vectors of a model; the strict profile's are its own file and every vector the default profile rejects. */
const vectors = Object.fromEntries(
  profiles.map((profile) => [
    profile,
    Object.fromEntries(models.map((m) => [m, profile === "default" ? tests("default", m) : [...tests("strict", m), ...tests("default", m).filter((t) => !t.valid)]])),
  ]),
);
const verdictOf = (fn, data) => {
  try {
    return Boolean(fn(structuredClone(data)));
  } catch {
    return "throws";
  }
};
for (const row of rows) {
  const covered = models.filter((m) => row.fns[m]);
  row.vectorCount = covered.reduce((n, m) => n + vectors[row.profile][m].length, 0);
  row.disagreements = covered.flatMap((m) =>
    vectors[row.profile][m].filter((t) => verdictOf(row.fns[m], t.data) !== t.valid).map((t) => `${m}, ${t.description} (expected ${t.valid ? "valid" : "invalid"})`),
  );
  for (const c of cellsOf(row)) {
    if (verdictOf(row.fns[c.model], c.data) !== c.valid) row.disagreements.push(`the payload "${c.name}" (expected ${c.valid ? "valid" : "invalid"})`);
  }
  if (row.kind !== "peer" && row.disagreements.length) {
    throw new Error(`${row.profile} ${row.label} disagrees with the vectors: ${row.disagreements.slice(0, 10).join("; ")}`);
  }
}

// ---- timing: each run a fresh process -----------------------------------------------------
// A fresh process per run: the timed code has seen no vector (whose many shapes would leave its
// inline caches megamorphic), and the spread between runs includes what V8 decides differently.
const slotCount = rows.reduce((n, row) => n + cellsOf(row).length, 0);
const results = [];
for (let run = 1; run <= runs; run++) {
  console.error(`bench: run ${run} of ${runs}: ${slotCount} cells × ${timing.rounds} rounds${quick ? " (quick)" : ""}...`);
  const child = spawnSync(process.execPath, ["--expose-gc", join(rootDir, "scripts/bench.mjs"), "--child", "--dist", snapshot, "--timing", JSON.stringify(timing)], {
    cwd: rootDir,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.status !== 0) throw new Error(`bench run ${run} failed: ${child.stderr}`);
  results.push(new Map(Object.entries(JSON.parse(child.stdout))));
}

if (args.includes("--save-samples")) writeFileSync(resolve(option("--save-samples")), JSON.stringify(results.map((run) => Object.fromEntries(run))));

// ---- start-up: whole processes ------------------------------------------------------------
// Wall time of a whole process is at the mercy of the scheduler on a 2-core machine; its CPU
// time (user + system, reported by a preloaded hook, the same for every row) is steadier.
function processMs(commands, count) {
  const samples = {};
  for (let i = 0; i < count; i++) {
    for (const [key, argv] of Object.entries(commands)) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ["--require", join(rootDir, "scripts/bench/report-usage.cjs"), ...argv], { cwd: rootDir, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`${key}: ${r.stderr}`);
      const wall = Number(process.hrtime.bigint() - start) / 1e6;
      const cpu = Number(/bench:cpu=(\d+)/.exec(r.stderr)?.[1]) / 1000;
      (samples[key] ??= { wall: [], cpu: [] }).wall.push(wall);
      samples[key].cpu.push(cpu);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, { wall: median(v.wall), cpu: median(v.cpu) }]));
}
console.error(`bench: start-up, ${startupRuns} runs...`);
const example = JSON.stringify(cols[0].data);
const rel = (file) => `./${join(".bench-cache", `dist-${process.pid}`, file)}`;
const jobOut = "https://batch-job-schema.invalid/schemas/batch-job-out.schema.json";
const startup = processMs(
  {
    "bare node (ESM)": ["--input-type=module", "-e", "0"],
    "bare node (ESM), importing an empty module": ["--input-type=module", "-e", `import "data:text/javascript,0";`],
    "import batch-job-schema (ESM), validate once": ["--input-type=module", "-e", `import { isBatchJobOut } from "${rel("index.mjs")}"; if (!isBatchJobOut(${example})) process.exit(1);`],
    "bare node (CJS)": ["-e", "0"],
    "require batch-job-schema (CJS), validate once": ["-e", `if (!require("${rel("index.cjs")}").isBatchJobOut(${example})) process.exit(1);`],
    "Ajv compile at run time (default options), validate once": [
      "-e",
      `const Ajv = require("ajv"); const ajv = new Ajv(); require("ajv-formats")(ajv); ajv.addSchema(require("./schemas/bundles/default.schema.json")); if (!ajv.getSchema("${jobOut}")(${example})) process.exit(1);`,
    ],
  },
  startupRuns,
);

// ---- the figures --------------------------------------------------------------------------
const rowOf = (profile, id) => rows.find((r) => r.id === `${profile}:${id}`);
/** The limit a cell is divided by: the first-issue check for validate… on an invalid payload, else the plain check. */
const limitOf = (row, c) => rowOf(row.profile, row.id.endsWith(":validate") && isInvalid(c) ? "first-issue" : "plain");
const stats = (samples) => ({ median: median(samples), min: Math.min(...samples), max: Math.max(...samples), q1: quantile(samples, 0.25), q3: quantile(samples, 0.75) });
/** Per run: the statistics of the cell's rounds. */
const cellRuns = (row, c) => results.map((run) => stats(run.get(cellKey(row, c))));
/** Per run: the cell's median over its limit's median, in that run. */
const ratioRuns = (row, c) => {
  const limit = cellRuns(limitOf(row, c), c);
  return cellRuns(row, c).map((s, i) => s.median / limit[i].median);
};
const spreadOf = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
const nsOf = (row, c) => median(cellRuns(row, c).map((s) => s.median));

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const fmtNs = (ns) => (ns >= 10000 ? `${(ns / 1000).toFixed(1)} µs` : ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${fmt(ns)} ns`);
const range = ({ median: m, min, max }) => `${fmt(m)}× (${fmt(min)}–${fmt(max)})`;

// How much the rounds of one cell spread, over every cell of every run, as a share of its median.
const noise = (() => {
  const all = results.flatMap((run) => [...run.values()].map(stats));
  const share = (f) => `${Math.round(median(all.map(f)) * 100)}%`;
  const worst = (f) => `${Math.round(quantile(all.map(f), 0.9) * 100)}%`;
  return `the min–max of a cell's rounds spans ${share((x) => (x.max - x.min) / x.median)} of its median for the median cell and ${worst((x) => (x.max - x.min) / x.median)} at the 90th percentile, the interquartile range ${share((x) => (x.q3 - x.q1) / x.median)} and ${worst((x) => (x.q3 - x.q1) / x.median)}`;
})();

// ---- the targets --------------------------------------------------------------------------
const targets = [];
/** A bound on a ratio: met when every run is within it, missed when none is, a tie when the runs straddle it. */
function bounded(label, values, bound) {
  const s = spreadOf(values);
  const verdict = s.max <= bound ? "met" : s.min > bound ? "missed" : "tie";
  targets.push({ label, measured: range(s), bound: `≤ ${bound}×`, verdict });
}
for (const profile of profiles) {
  for (const [fn, names] of [["isBatchJobOut", ["typical valid", "minimal valid"]], ["isBatchJob", ["BatchJob", "BatchJob, minimal"]]]) {
    for (const name of names) {
      const c = cols.find((x) => x.name === name);
      bounded(`${profile} \`${fn}\`, ${name}, over the plain${profile === "strict" ? " strict" : ""} limit`, ratioRuns(rowOf(profile, "is"), c), 1.2);
    }
  }
}
for (const profile of profiles) {
  for (const c of cols.filter(isInvalid)) {
    bounded(`${profile} \`validateBatchJobOut\`, ${c.name}, over the first-issue check`, ratioRuns(rowOf(profile, "validate"), c), 2);
  }
}

/**
 * One of ours against one peer on one column, in each run: faster when its median is lower by
 * more than the spread of the rounds, that is when the middle halves of the two cells' rounds
 * do not overlap (ours' upper quartile below the peer's lower quartile); slower the other way
 * round; else a tie. Over the runs: met when faster in every run, missed when slower in one and
 * faster in none, else a tie. Quartiles, not min–max: on this shared machine some rounds run
 * while another process holds the other core, and are much slower for it, whatever the row
 * (`noise` below).
 */
function compare(ours, peer, c) {
  const a = cellRuns(ours, c);
  const b = cellRuns(peer, c);
  const perRun = a.map((x, i) => {
    return x.q3 < b[i].q1 ? "faster" : x.q1 > b[i].q3 ? "slower" : "tie";
  });
  const verdict = perRun.every((v) => v === "faster") ? "met" : perRun.includes("slower") && !perRun.includes("faster") ? "missed" : "tie";
  return { ours, peer, c, perRun, verdict, ratio: spreadOf(a.map((x, i) => x.median / b[i].median)) };
}
const pairs = [];
const order = { missed: 0, tie: 1, met: 2 };
for (const profile of profiles) {
  const ours = rows.filter((r) => r.profile === profile && r.kind === "ours");
  const others = rows.filter((r) => r.profile === profile && r.kind === "peer");
  for (const c of cols) {
    const here = others.filter((p) => p.fns[c.model]);
    const compared = ours.flatMap((o) => here.map((p) => compare(o, p, c)));
    pairs.push(...compared);
    // The binding pair: the worst verdict, then the highest ratio of ours to the peer.
    const worst = compared.sort((x, y) => order[x.verdict] - order[y.verdict] || y.ratio.median - x.ratio.median)[0];
    if (!worst) continue;
    const others_ = compared.filter((x) => x !== worst && x.verdict !== "met").length;
    targets.push({
      label: `${profile}, ${c.name}: every row of ours faster than every peer (closest: ${worst.ours.label} vs ${worst.peer.label})`,
      measured: `${range(worst.ratio)} of the peer's time${others_ ? `; ${others_} more pair${others_ === 1 ? "" : "s"} not faster` : ""}`,
      bound: "faster, by more than the spread",
      verdict: worst.verdict,
    });
  }
}

// ---- the report ---------------------------------------------------------------------------
const lines = [];
const cpu = os.cpus();
lines.push("# Benchmarks", "");
lines.push(`Written by \`npm run bench\` (scripts/bench.mjs) on ${new Date().toISOString().slice(0, 10)}. Do not edit by hand.`, "");
lines.push(
  `Machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, Node.js ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")} at the end. ` +
    "A small shared machine: other processes run beside the bench, so absolute times drift from run to run; the ratios, measured side by side in one process, are what to read. " +
    `Each of ${runs} runs is a fresh process that warms every cell up (${timing.warmupMs} ms, then once more over all cells in a random order), then times ${timing.rounds} interleaved rounds (every cell once a round, in a new random order, about ${timing.roundMs} ms each, after a minor garbage collection), with a loop compiled per cell.`,
  "",
);

lines.push("## Validators, as ratios to the plain hand-written check", "");
lines.push(
  "Each cell: the median over the runs of (the cell's median time per call ÷ its limit's, in the same run), then the median time per call. " +
    "The limit is the hand-written straight-line check of the same model and profile that reads properties plainly (`o.k !== undefined`), as the hand-written checks every peer compares itself to do; " +
    "`validate…` on an invalid payload is divided by the hand-written first-issue check instead. " +
    "The own-property row is the plain check with hasOwnProperty tests, as cheap as they come by hand: what our guarantee (an inherited key is absent) costs done naively. " +
    "**Bold**: ours. —: a model the row does not cover. Vectors: the row's verdicts on the vectors of its profile and on the payloads (the strict profile's: its own file and every vector the default profile rejects).",
  "",
);
lines.push("| column | model | payload |", "|---|---|---|");
for (const c of cols) lines.push(`| ${c.name} | ${c.model} | ${c.about} |`);
lines.push("");
for (const profile of profiles) {
  lines.push(`### ${profile === "default" ? "Default profile" : "Strict profile"}`, "");
  lines.push(`| row | version | options | vectors | ${cols.map((c) => c.name).join(" | ")} |`, `|---|---|---|---|${cols.map(() => "---|").join("")}`);
  for (const row of rows.filter((r) => r.profile === profile)) {
    const cells = cols.map((c) => {
      if (!cellsOf(row).includes(c)) return "—";
      const ratio = median(ratioRuns(row, c));
      return `${fmt(ratio)}× (${fmtNs(nsOf(row, c))})`;
    });
    const agree = row.disagreements.length === 0 ? `all ${row.vectorCount} agree` : `${row.disagreements.length} of ${row.vectorCount} disagree`;
    const label = row.kind === "ours" ? `**${row.label}**` : row.label;
    lines.push(`| ${label} | ${row.version || "—"} | ${row.options} | ${agree} | ${cells.join(" | ")} |`);
  }
  lines.push("");
}

lines.push("## Targets", "");
lines.push(
  `Ratios in one process, each as the median over ${runs} runs and (min–max) across them. A bound is met when every run is within it, missed when no run is, and a tie when the runs straddle it. ` +
    "\"Faster\" compares each of our rows with each peer's row of the same profile on each column: faster in a run when its median is lower by more than the spread of that run's rounds, " +
    `that is when the middle halves of the two cells' ${timing.rounds} rounds do not overlap (ours' upper quartile below the peer's lower quartile), slower the other way round, else a tie; ` +
    `quartiles rather than min–max, which the rounds another process disturbed set for every row alike (${noise}). Met when faster in every run, missed when slower in one and faster in none, else a tie. ` +
    "Each line names the closest pair (the worst verdict, then the highest ratio of ours to the peer's time).",
  "",
);
lines.push("| target | measured | bound | |", "|---|---|---|---|");
for (const t of targets) lines.push(`| ${t.label} | ${t.measured} | ${t.bound} | ${t.verdict} |`);
lines.push("");
const summary = ["met", "missed", "tie"].map((v) => `${targets.filter((t) => t.verdict === v).length} ${v}`);
lines.push(`${targets.length} targets: ${summary.join(", ")}.`, "");
const notFaster = pairs.filter((p) => p.verdict !== "met");
if (notFaster.length) {
  lines.push(`Every pair in which ours is not faster, ${notFaster.length} of ${pairs.length}: ours ÷ the peer's time (median over the runs, and range), and each run's verdict.`, "");
  lines.push("| profile | column | ours | peer | ours ÷ peer | runs | |", "|---|---|---|---|---|---|---|");
  for (const p of notFaster.sort((x, y) => order[x.verdict] - order[y.verdict] || y.ratio.median - x.ratio.median)) {
    lines.push(`| ${p.ours.profile} | ${p.c.name} | ${p.ours.label} | ${p.peer.label} | ${range(p.ratio)} | ${p.perRun.join(", ")} | ${p.verdict} |`);
  }
  lines.push("");
}

lines.push(
  "## Start-up, whole processes (median of runs)",
  "",
  `${startupRuns} runs of each process, interleaved. Importing any ES module costs node a few milliseconds of loader set-up, shown by the empty-module row; the package's own share is the rest.`,
  "",
  "| process | CPU ms | over bare node of the same module system | wall ms | over bare node |",
  "|---|---|---|---|---|",
);
for (const [name, { cpu: ms, wall }] of Object.entries(startup)) {
  const bare = name.includes("ESM") ? startup["bare node (ESM)"] : startup["bare node (CJS)"];
  lines.push(`| ${name} | ${fmt(ms)} | ${fmt(ms / bare.cpu)}× | ${fmt(wall)} | ${fmt(wall / bare.wall)}× |`);
}
lines.push("");

lines.push("## Disagreements with the vectors", "");
lines.push(
  "Each row runs the vectors of the profile it claims (`test/vectors/<profile>/<model>.json` of every model it covers; for the strict profile also every vector the default profile rejects) and the payloads of its columns before any timing. " +
    "Ours and the hand-written checks must agree on all of them, or the bench stops.",
  "",
);
const disagreeing = rows.filter((r) => r.disagreements.length);
if (disagreeing.length === 0) lines.push("None.");
for (const row of disagreeing) {
  lines.push(`- **${row.profile}, ${row.label}**: ${row.disagreements.length} — ${row.disagreements.slice(0, 6).join("; ")}${row.disagreements.length > 6 ? "; …" : ""}`);
}
for (const failure of failures) lines.push(`- not measured: ${failure}`);
const warned = rows.filter((r) => r.warnings?.length);
for (const row of warned) lines.push(`- ${row.profile}, ${row.label}, logged while compiling: ${[...new Set(row.warnings)].map((w) => `\`${w}\``).join("; ")}`);
lines.push("");

lines.push("## Versions", "");
const versions = ["ajv", "ajv-formats", "typebox", "zod", "typia", "typescript", "@exodus/schemasafe", "valibot", "@mistralai/mistralai"];
lines.push(`batch-job-schema ${readJson("package.json").version} (the build in ${option("--dist", "dist")}/); ${versions.map((n) => `${n} ${peers.version(n)}`).join(", ")}.`, "");
lines.push(
  "typia is the newest release whose code generator runs with TypeScript 5.9: typia 13 and 14 generate through ttsc and TypeScript-Go (TypeScript 7, ttsc needs Node.js 22.15 or later), and 12.2.1 (peer dependency `typescript >=4.8.0 <7.0.0`) is the last before them. " +
    "zod 4.6 has `z.compile()`; each model is compiled with `{ strict: true }`, which throws rather than hand a schema back to the runtime parser.",
  "",
);

lines.push(
  "## How the figures are reached, and what did not help",
  "",
  "The generator rewrites Ajv's standalone output with small named compiler passes (scripts/lib/optimize.mjs), each commented with its effect; " +
    "the vector tests run every build (fast, careful, all-errors) against a fresh Ajv compile, @hyperjump/json-schema and Python's jsonschema. `npm run bench:passes` times the passes one after another.",
  "",
  "- `integer-as-isInteger`, `root-without-options`: the two rewrites the plain Ajv output needed first.",
  "- `own-by-prototype` (the fast build): an object whose prototype is `Object.prototype`, while `Object.prototype` holds none of the keys the model reads, is checked with plain reads; " +
    "any other object (a null prototype, a class instance, `Object.create(job)`, a polluted `Object.prototype`) goes to the careful build, which keeps Ajv's own-property tests. " +
    "The own-property row of the table shows what the tests cost when done by hand on every call.",
  "- `own-before-read` (the careful and all-errors builds): the own-property test comes before the read, so an inherited value is never read.",
  "- `load-once`: each key read once into a local.",
  "- `closed-keys-inline`: the strict key check compares names instead of calling hasOwnProperty on the schema per key.",
  "- `branch-count`, `error-cap` (the all-errors build): which errors came from a failed branch, and a cap on the errors of hostile input; not speed passes.",
  "",
  "Measured against a peer, the peer does what its users get: Ajv with its default options (`ownProperties: false`, inherited keys count), zod parsing (it builds the output value), TypeBox and typia reading plainly. " +
    "Timing a process whose validators had first run the vectors moved every ratio by up to 0.4× in the earlier bench (their inline caches went megamorphic): the vectors run in the parent process, the timing in fresh ones. " +
    "A sample is the time elapsed: the process's CPU time, which would leave out the time the scheduler gives other processes, is read by Node 20 for the whole process at the scheduler's ticks, and its rounds spread 5 to 10 times wider here.",
  "",
);

// These sections belong to `npm run bench:cli` and `npm run bench:hostile`; keep what they last wrote.
lines.push(currentRegion("cli", "npm run bench:cli"), "", currentRegion("hostile", "npm run bench:hostile"), "");

const text = lines.join("\n");
if (!quick && !args.includes("--no-write")) writeFileSync(join(rootDir, "BENCHMARKS.md"), text);
console.log(text);
// The targets once more, one line each, for the terminal.
console.log(["", "Targets:", ...targets.map((t) => `${t.verdict.padEnd(6)} ${t.label.replaceAll("`", "")}: ${t.measured} (${t.bound})`), summary.join(", ")].join("\n"));
