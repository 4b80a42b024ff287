import { describe, expect, it } from "vitest";
import { implementationsFor } from "./helpers/vectors.js";
import { fuzzCorpus } from "./helpers/fuzz-corpus.mjs";
import { objectModels } from "./helpers/arbitraries.mjs";

// Differential fuzzing: at least 100,000 seeded values per run through our generated
// validators (every build) and @hyperjump/json-schema, an independent implementation. Any
// disagreement fails the run and is printed as a vector to commit under test/vectors/.
const seed = Number(process.env.FUZZ_SEED ?? 20261128);
const total = Number(process.env.FUZZ_VALUES ?? 100_000);
// The volume is shared by the object models of both profiles, so a new model costs no time.
const perModel = Math.ceil(total / 2 / objectModels("default").length);

describe("differential fuzzing against @hyperjump/json-schema", () => {
  for (const profile of ["default", "strict"] as const) {
    const corpus = fuzzCorpus(profile, perModel, seed);
    for (const { title, id, values } of corpus) {
      it(`${title}, ${profile} profile: ${values.length} values, zero disagreements`, async () => {
        const impl = implementationsFor(profile, id);
        const disagreements: unknown[] = [];
        let validCount = 0;
        for (const data of values) {
          const ours = impl.generated(data);
          if (ours) validCount++;
          if (ours !== (await impl.hyperjump(data))) disagreements.push({ description: "found by fuzzing", data, valid: "?" });
        }
        expect(disagreements, JSON.stringify(disagreements.slice(0, 3))).toEqual([]);
        // Both verdicts must be well represented, or the corpus tests little.
        expect(validCount).toBeGreaterThan(values.length * 0.2);
        expect(validCount).toBeLessThan(values.length * 0.8);
      }, 300_000);
    }
  }
  it(`the corpus holds at least ${total.toLocaleString("en")} values`, () => {
    expect(objectModels("default").length * 2 * perModel).toBeGreaterThanOrEqual(total);
  });
});
