import { describe, expect, it } from "vitest";
import { loadVectors, schemas, type VectorTest } from "./helpers/vectors.js";

// The vectors must cover the contract, whatever model is added later: the checks below are
// derived from each schema, not listed by hand.
const vectors = loadVectors();
const testsFor = (profile: string, id: string): VectorTest[] =>
  vectors
    .filter((v) => v.profile === profile)
    .flatMap((v) => v.groups)
    .filter((g) => g.schema.$ref === id)
    .flatMap((g) => g.tests);

describe("vector files", () => {
  for (const { profile, file, groups } of vectors) {
    it(`${profile}/${file} has unique group and test descriptions, none with "should"`, () => {
      const groupNames = groups.map((g) => g.description);
      expect(new Set(groupNames).size).toBe(groupNames.length);
      for (const group of groups) {
        const names = group.tests.map((t) => t.description);
        expect(new Set(names).size, group.description).toBe(names.length);
        expect(names.filter((n) => /\bshould\b/i.test(n))).toEqual([]);
        expect(Object.keys(group.schema)).toEqual(["$ref"]);
      }
    });
  }
});

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const has = (o: Json, k: string) => Object.hasOwn(o, k);
const docByFile = new Map(schemas.map(({ file, doc }) => [file, doc]));

for (const { doc } of schemas) {
  describe(`vector coverage of ${doc.title}`, () => {
    const tests = testsFor("default", doc.$id);
    const objects = tests.filter((t) => isObject(t.data)) as (VectorTest & { data: Json })[];
    const find = (predicate: (t: VectorTest & { data: Json }) => boolean) => objects.some(predicate);

    it("has a valid and an invalid vector", () => {
      expect(tests.some((t) => t.valid)).toBe(true);
      expect(tests.some((t) => !t.valid)).toBe(true);
    });

    if (doc.enum) {
      it("has a valid vector for every enum value and invalid ones for others", () => {
        for (const value of doc.enum) expect(tests.some((t) => t.valid && t.data === value), String(value)).toBe(true);
        expect(tests.some((t) => !t.valid && typeof t.data === "string" && doc.enum.includes(String(t.data).toUpperCase()))).toBe(true);
      });
    }
    if (doc.type !== "object") return;

    const required: string[] = doc.required ?? [];
    const properties = Object.entries(doc.properties as Record<string, Json>);

    it("has non-object roots rejected", () => {
      expect(tests.some((t) => !t.valid && t.data === null), "null").toBe(true);
      expect(tests.some((t) => !t.valid && Array.isArray(t.data)), "array").toBe(true);
      expect(tests.some((t) => !t.valid && typeof t.data === "string"), "string").toBe(true);
    });
    it("has every required key missing, alone", () => {
      for (const key of required) {
        expect(find((t) => !t.valid && !has(t.data, key) && required.every((k) => k === key || has(t.data, k))), key).toBe(true);
      }
    });
    it("has an unknown key accepted in the default profile and rejected in the strict one", () => {
      const unknown = (t: { data: Json }) => Object.keys(t.data).some((k) => !(k in doc.properties));
      expect(find((t) => t.valid && unknown(t))).toBe(true);
      const strict = testsFor("strict", doc.$id).filter((t) => isObject(t.data)) as (VectorTest & { data: Json })[];
      expect(strict.some((t) => !t.valid && unknown(t) && required.every((k) => has(t.data, k)))).toBe(true);
    });
    for (const [key, prop] of properties) {
      const target = (typeof prop.$ref === "string" ? docByFile.get(prop.$ref) : prop) as Json;
      const types = [target.type].flat();
      if (!required.includes(key)) {
        it(`has ${key} absent`, () => expect(find((t) => t.valid && !has(t.data, key))).toBe(true));
      }
      if (types.includes("null")) {
        it(`has ${key} null accepted`, () => expect(find((t) => t.valid && t.data[key] === null)).toBe(true));
      } else {
        it(`has ${key} null rejected`, () => expect(find((t) => !t.valid && t.data[key] === null)).toBe(true));
      }
      if (types.includes("integer")) {
        it(`has ${key} as whole number, fraction, numeric string and boolean`, () => {
          expect(find((t) => t.valid && t.data[key] === 1), "1.0 valid").toBe(true);
          for (const bad of [1.5, "1", true]) expect(find((t) => !t.valid && t.data[key] === bad), String(bad)).toBe(true);
        });
      }
      if (Array.isArray(target.enum)) {
        it(`has every ${key} value and an unknown and a wrong-case one`, () => {
          for (const value of target.enum as string[]) expect(find((t) => t.valid && t.data[key] === value), value).toBe(true);
          const enumValues = target.enum as string[];
          expect(find((t) => !t.valid && typeof t.data[key] === "string" && !enumValues.includes(String(t.data[key]).toUpperCase()))).toBe(true);
          expect(find((t) => !t.valid && typeof t.data[key] === "string" && enumValues.includes(String(t.data[key]).toUpperCase()))).toBe(true);
        });
      }
      if ("const" in target) {
        it(`has ${key} as its literal and as another string`, () => {
          expect(find((t) => t.valid && t.data[key] === target.const)).toBe(true);
          expect(find((t) => !t.valid && typeof t.data[key] === "string" && t.data[key] !== target.const)).toBe(true);
        });
      }
    }
  });
}
