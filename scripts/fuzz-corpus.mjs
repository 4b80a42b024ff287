#!/usr/bin/env node
// Writes a seeded corpus of fuzzing values with our verdicts, one JSON object per line
// ({ profile, schema, data, valid }), for other implementations to check against
// (test/languages/python/run-corpus.py in CI).  Usage: node scripts/fuzz-corpus.mjs [PER_MODEL] > corpus.jsonl
import { fuzzCorpus } from "../test/helpers/fuzz-corpus.mjs";
import { allSchemas } from "./lib/schemas.mjs";

/** The generated fast validator of a model, from its module. */
const fileOf = new Map(allSchemas().map(({ file, doc }) => [doc.title, file.replace(/\.schema\.json$/, "")]));
const fastOf = async (profile, title) => (await import(`../src/generated/models/${profile}/${fileOf.get(title)}.js`))[title];

const perModel = Number(process.argv[2] ?? 500);
const seed = Number(process.env.FUZZ_SEED ?? 20261128);
let lines = 0;
for (const profile of ["default", "strict"]) {
  for (const { title, id, values } of fuzzCorpus(profile, perModel, seed)) {
    const fast = await fastOf(profile, title);
    for (const data of values) {
      process.stdout.write(`${JSON.stringify({ profile, schema: id, data, valid: fast(data) })}\n`);
      lines++;
    }
  }
}
process.stderr.write(`fuzz-corpus: ${lines} values\n`);
