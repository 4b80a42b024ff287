import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deepFreeze } from "./helpers/deep-freeze.js";
import * as defaultApi from "../src/index.js";
import * as strictApi from "../src/strict.js";
import type { Model } from "../src/define-model.js";
import { mutationsOf, objectModels, validArbitrary } from "./helpers/arbitraries.mjs";

// Properties of every object model in schemas/, in both profiles, over values generated from
// the schemas themselves. Seeded, so a failure replays; fast-check prints the seed and path.
const seed = Number(process.env.FC_SEED ?? 20261128);
const apis = { default: defaultApi, strict: strictApi } as const;


for (const profile of ["default", "strict"] as const) {
  for (const { title, doc } of objectModels(profile)) {
    const model = (apis[profile].models as Record<string, Model<unknown>>)[title]!;
    const valid = validArbitrary(doc, profile);

    describe(`${title}, ${profile} profile`, () => {
      it("every generated value is valid, also after a JSON round trip", () => {
        fc.assert(
          fc.property(valid, (value) => {
            expect(model.validate(value).issues).toBeUndefined();
            expect(model.is(JSON.parse(JSON.stringify(value)))).toBe(true);
          }),
          { seed, numRuns: 200 },
        );
      });

      it("each single mutation is rejected, with an issue at the mutated place", () => {
        fc.assert(
          fc.property(valid.filter((v: unknown) => v !== null && typeof v === "object"), fc.nat(), (value, pick) => {
            const mutations = mutationsOf(value, doc, profile);
            const mutation = mutations[pick % mutations.length]!;
            const result = model.validate(mutation.value);
            expect(model.is(mutation.value), mutation.kind).toBe(false);
            expect(result.issues?.map((i) => i.instancePath), mutation.kind).toContain(mutation.pointer);
          }),
          { seed, numRuns: 400 },
        );
      });

      it("every mutation kind of a realistic example is rejected at its place", () => {
        const example = doc.examples[0];
        for (const mutation of mutationsOf(example, doc, profile)) {
          expect(model.validate(mutation.value).issues?.map((i) => i.instancePath), `${mutation.kind} at ${mutation.pointer}`).toContain(mutation.pointer);
        }
      });

      it("validating never changes the value (deep-frozen, and the same JSON after)", () => {
        fc.assert(
          fc.property(valid, (value) => {
            const before = JSON.stringify(value);
            deepFreeze(value);
            model.is(value);
            model.validate(value);
            for (const mutation of mutationsOf(value as object, doc, profile).slice(0, 5)) model.validate(deepFreeze(mutation.value));
            expect(JSON.stringify(value)).toBe(before);
          }),
          { seed, numRuns: 100 },
        );
      });

      it("no verb throws, whatever the value", () => {
        fc.assert(
          fc.property(fc.anything({ withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }), (value) => {
            expect(() => model.is(value)).not.toThrow();
            expect(() => model.validate(value)).not.toThrow();
          }),
          { seed, numRuns: 300 },
        );
      });
    });
  }
}
