#!/usr/bin/env node
// Writes a seeded corpus of fuzzing values with our verdicts, one JSON object per line
// ({ profile, schema, data, valid }), for other implementations to check against
// (test/python/run-corpus.py in CI).  Usage: node scripts/fuzz-corpus.mjs [PER_MODEL] > corpus.jsonl
import { fuzzCorpus } from "../test/helpers/fuzz-corpus.mjs";
import * as defaultFast from "../src/generated/validators/default-fast.js";
import * as strictFast from "../src/generated/validators/strict-fast.js";

const perModel = Number(process.argv[2] ?? 500);
const seed = Number(process.env.FUZZ_SEED ?? 20261128);
const builds = { default: defaultFast, strict: strictFast };
let lines = 0;
for (const profile of ["default", "strict"]) {
  for (const { title, id, values } of fuzzCorpus(profile, perModel, seed)) {
    for (const data of values) {
      process.stdout.write(`${JSON.stringify({ profile, schema: id, data, valid: builds[profile][title](data) })}\n`);
      lines++;
    }
  }
}
process.stderr.write(`fuzz-corpus: ${lines} values\n`);
