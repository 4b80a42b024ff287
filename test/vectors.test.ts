import { describe, expect, it } from "vitest";
import { implementationsFor, loadVectors } from "./helpers/vectors.js";

// The same vectors through the generated validators, a fresh Ajv compile of the raw schemas,
// the public API and an independent implementation: all four must give the expected verdict.
for (const { profile, file, groups } of loadVectors()) {
  describe(`vectors ${profile}/${file}`, () => {
    for (const group of groups) {
      const impl = implementationsFor(profile, group.schema.$ref);
      for (const test of group.tests) {
        it(`${group.description}: ${test.description}`, async () => {
          const verdicts = {
            generated: impl.generated(test.data),
            freshAjv: impl.freshAjv(test.data),
            api: impl.api(test.data),
            hyperjump: await impl.hyperjump(test.data),
          };
          const expected = test.valid;
          expect(verdicts).toEqual({ generated: expected, freshAjv: expected, api: expected, hyperjump: expected });
        });
      }
    }
  });
}
