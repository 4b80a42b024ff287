// The seeded values of the differential fuzzing: valid values, single mutations of them,
// and structured noise (the model's own keys with any JSON values), per object model and
// profile. Shared by test/fuzz.test.ts and scripts/fuzz-corpus.mjs (the Python run).
import fc from "fast-check";
import { jsonValue, mutationsOf, objectModels, validArbitrary } from "./arbitraries.mjs";

/**
 * @param {"default" | "strict"} profile
 * @param {number} perModel values per object model
 * @param {number} seed
 * @returns {{ title: string, id: string, values: unknown[] }[]}
 */
export function fuzzCorpus(profile, perModel, seed) {
  return objectModels(profile).map(({ title, id, doc }) => {
    const valid = validArbitrary(doc, profile);
    const mutated = fc.tuple(valid, fc.nat()).map(([value, pick]) => {
      if (value === null || typeof value !== "object") return value;
      const mutations = mutationsOf(value, doc, profile);
      return mutations[pick % mutations.length].value;
    });
    const keys = Object.keys(doc.properties ?? {});
    const noise = fc.oneof(jsonValue, fc.dictionary(fc.constantFrom(...keys, "x_other"), jsonValue, { maxKeys: keys.length + 1, noNullPrototype: true }));
    const mixed = fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: mutated, weight: 2 }, { arbitrary: noise, weight: 1 });
    // JSON only: what another language reads from the same corpus file.
    const values = fc.sample(mixed, { seed, numRuns: perModel }).map((v) => JSON.parse(JSON.stringify(v)));
    return { title, id, values };
  });
}
