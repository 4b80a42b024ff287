#!/usr/bin/env node
// `npm run bench:passes`: what each compiler pass of scripts/lib/optimize.mjs gains. The fast
// builds of both profiles are rendered with the passes applied one after another and timed
// side by side against the hand-written limit, on the typical payload (one shape), on four
// valid jobs of different shapes (a service seeing a few kinds of payload) and on 1,000
// generated jobs of many shapes (as the command line sees them).
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import standaloneCode from "ajv/dist/standalone/index.js";
import { measure } from "./bench/harness.mjs";
import { handBatchJobOut, handBatchJobOutStrict } from "./bench/hand-written.mjs";
import { job, random } from "./bench/jobs.mjs";
import { passes } from "./lib/optimize.mjs";
import { createAjv, idIn, loadSchemas, rootDir } from "./lib/schemas.mjs";

const schemas = loadSchemas();
const typical = schemas.find(({ doc }) => doc.title === "BatchJobOut").doc.examples[0];
const rand = random(7);
const varied = Array.from({ length: 1000 }, () => job(rand));
const { started_at: _s, completed_at: _c, ...noTimes } = typical;
const few = [typical, noTimes, { ...typical, metadata: null, errors: [] }, { ...noTimes, status: "RUNNING", output_file: null }];
const everyOne = (check) => (list) => list.every(check);
const dir = join(rootDir, ".bench-cache", "passes");
mkdirSync(dir, { recursive: true });

for (const profile of ["default", "strict"]) {
  const hand = profile === "strict" ? handBatchJobOutStrict : handBatchJobOut;
  const exportsByTitle = Object.fromEntries(schemas.map(({ doc }) => [doc.title, idIn(profile, doc.$id)]));
  let code = standaloneCode.default(createAjv(profile, { standalone: true }), exportsByTitle);
  const stages = [["plain Ajv output", code]];
  for (const pass of passes.filter((p) => p.builds.includes("fast"))) {
    code = pass.run(code);
    stages.push([`+ ${pass.name}`, code]);
  }
  const rows = [{ name: "hand-written", fn: hand }];
  for (const [i, [name, text]] of stages.entries()) {
    const file = join(dir, `${profile}-${i}.mjs`);
    writeFileSync(file, text);
    const fn = (await import(pathToFileURL(file).href)).BatchJobOut;
    rows.push({ name, fn });
  }
  const times = measure(
    rows.flatMap((r) => [
      { name: `${r.name} typical`, fn: r.fn, only: ["typical"] },
      { name: `${r.name} few`, fn: everyOne(r.fn), only: ["few"] },
      { name: `${r.name} varied`, fn: everyOne(r.fn), only: ["varied"] },
    ]),
    [
      { name: "typical", data: typical },
      { name: "few", data: few },
      { name: "varied", data: varied },
    ],
  );
  const at = (row, c) => times.get(`${row} ${c}`).get(c);
  console.log(`\n${profile} profile, ratio to the hand-written check: typical payload | 4 shapes | 1,000 varied jobs`);
  for (const { name } of rows) {
    const cells = ["typical", "few", "varied"].map((c) => `${(at(name, c) / at("hand-written", c)).toFixed(2)}×`);
    console.log(`${name.padEnd(26)} ${cells.join(" | ")}`);
  }
}
