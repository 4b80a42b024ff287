import { describe, expect, it } from "vitest";
import { idIn, subschemas } from "../scripts/lib/schemas.mjs";
import { loadVectors, schemas, type VectorTest } from "./helpers/vectors.js";
import { resolvedAt, walk, type Location } from "./helpers/visits.js";

// The vectors must cover the contract, whatever model is added later: the checks below are
// derived from each schema, not listed by hand. Per document: every required key missing,
// every optional key absent, every nullable key null (and every other one null rejected), the
// integer cases, enum values and literals, unknown keys in both profiles. Per subschema,
// wherever it is (a definition, a branch, a document reached by $ref), through the places the
// vectors reach (test/helpers/visits.ts): each bound at the bound and just outside it, key
// names, patterns, enum values, a valid vector per branch of anyOf and oneOf, and an unknown tag
// for a discriminated union. The in-batch bodies' vectors are derived from their body's
// (scripts/lib/derived-vectors.mjs), so the same rules hold for them.
const vectors = loadVectors();
const testsFor = (profile: string, id: string): VectorTest[] =>
  vectors
    .filter((v) => v.profile === profile)
    .flatMap((v) => v.groups)
    .filter((g) => g.schema.$ref === idIn(profile, id))
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
type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const has = (o: Json, k: string) => Object.hasOwn(o, k);
const typesOf = (schema: Schema) => [schema.type].flat().filter((t): t is string => typeof t === "string");
/** Whether null is a valid value of the schema: by its type, its enum or one of its branches. */
const allowsNull = (schema: Schema, location: Location): boolean =>
  typesOf(schema).includes("null") ||
  (Array.isArray(schema.enum) && schema.enum.includes(null)) ||
  (["anyOf", "oneOf"] as const).some((k) => Array.isArray(schema[k]) && (schema[k] as Schema[]).some((_, i) => allowsNull(resolvedAt(`${location}/${k}/${i}`), `${location}/${k}/${i}`)));
/** A string that differs from `value` only by case, as a wrong-case vector would hold. */
const sameButCase = (candidate: unknown, values: readonly unknown[]) =>
  typeof candidate === "string" && !values.includes(candidate) && values.some((v) => typeof v === "string" && v.toLowerCase() === candidate.toLowerCase());

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
        expect(tests.some((t) => !t.valid && sameButCase(t.data, doc.enum)), "a wrong-case value").toBe(true);
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
    it("has an unknown key accepted in the default profile (unless the schema closes it) and rejected in the strict one", () => {
      const unknown = (t: { data: Json }) => Object.keys(t.data).some((k) => !(k in doc.properties));
      if (doc.additionalProperties === false) expect(find((t) => !t.valid && unknown(t) && required.every((k) => has(t.data, k)))).toBe(true);
      else expect(find((t) => t.valid && unknown(t))).toBe(true);
      const strict = testsFor("strict", doc.$id).filter((t) => isObject(t.data)) as (VectorTest & { data: Json })[];
      expect(strict.some((t) => !t.valid && unknown(t) && required.every((k) => has(t.data, k)))).toBe(true);
    });
    for (const [key] of properties) {
      const location = `${doc.$id}#/properties/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      const target = resolvedAt(location);
      const types = typesOf(target);
      if (!required.includes(key)) {
        it(`has ${key} absent`, () => expect(find((t) => t.valid && !has(t.data, key))).toBe(true));
      }
      if (allowsNull(target, location)) {
        it(`has ${key} null accepted`, () => expect(find((t) => t.valid && t.data[key] === null)).toBe(true));
      } else {
        it(`has ${key} null rejected`, () => expect(find((t) => !t.valid && t.data[key] === null)).toBe(true));
      }
      if (types.includes("integer")) {
        // Each of 1.5, "1" and true is invalid unless the key also takes numbers, strings or booleans.
        const bad = [[1.5, "number"], ["1", "string"], [true, "boolean"]].filter(([, type]) => !types.includes(type as string)).map(([value]) => value);
        it(`has ${key} as whole number${bad.length > 0 ? `, and ${bad.map((v) => JSON.stringify(v)).join(", ")} rejected` : ""}`, () => {
          expect(find((t) => t.valid && Number.isInteger(t.data[key])), "a whole number valid").toBe(true);
          for (const value of bad) expect(find((t) => !t.valid && t.data[key] === value), String(value)).toBe(true);
        });
      }
      if (Array.isArray(target.enum)) {
        it(`has every ${key} value and an unknown and a wrong-case one`, () => {
          const enumValues = target.enum as unknown[];
          for (const value of enumValues) expect(find((t) => t.valid && t.data[key] === value), String(value)).toBe(true);
          expect(find((t) => !t.valid && typeof t.data[key] === "string" && !enumValues.includes(t.data[key]) && !sameButCase(t.data[key], enumValues)), "unknown").toBe(true);
          if (enumValues.some((v) => typeof v === "string" && /[a-z]/i.test(v))) {
            expect(find((t) => !t.valid && sameButCase(t.data[key], enumValues)), "wrong case").toBe(true);
          }
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

// Every value of every default-profile vector, at every subschema that applies to it.
const visits = new Map<Location, { valid: unknown[]; invalid: unknown[] }>();
for (const { profile, groups } of vectors) {
  if (profile !== "default") continue;
  for (const group of groups) {
    for (const test of group.tests) {
      walk(`${group.schema.$ref}#`, test.data, (location, value) => {
        let seen = visits.get(location);
        if (!seen) visits.set(location, (seen = { valid: [], invalid: [] }));
        (test.valid ? seen.valid : seen.invalid).push(value);
      });
    }
  }
}
const seenAt = (location: Location) => visits.get(location) ?? { valid: [], invalid: [] };

const lengthOf = (value: unknown) => (typeof value === "string" ? [...value].length : Array.isArray(value) ? value.length : undefined);
const isNumber = (value: unknown): value is number => typeof value === "number";

for (const { doc } of schemas) {
  const rules: [string, () => void][] = [];
  for (const [schema, pointer] of subschemas(doc) as Iterable<[Schema, string]>) {
    const location = `${doc.$id}#${pointer}`;
    const at = pointer || "(root)";
    const { valid, invalid } = seenAt(location);
    const integer = typesOf(schema).includes("integer") && !typesOf(schema).includes("number");
    const bound = (keyword: string, inside: (v: unknown) => boolean, outside: (v: unknown) => boolean) =>
      rules.push([`${at}: ${keyword} ${String(schema[keyword])}, at the bound and just outside it`, () => {
        expect(valid.some(inside), `${location}: a valid vector at the bound`).toBe(true);
        expect(invalid.some(outside), `${location}: an invalid vector just outside`).toBe(true);
      }]);
    if (isNumber(schema.minimum)) {
      const m = schema.minimum;
      bound("minimum", (v) => v === m, (v) => isNumber(v) && (integer ? v === m - 1 : v < m && v >= m - 1));
    }
    if (isNumber(schema.maximum)) {
      const m = schema.maximum;
      bound("maximum", (v) => v === m, (v) => isNumber(v) && (integer ? v === m + 1 : v > m && v <= m + 1));
    }
    if (isNumber(schema.exclusiveMinimum)) {
      const e = schema.exclusiveMinimum;
      bound("exclusiveMinimum", (v) => isNumber(v) && v > e && v <= e + 1, (v) => v === e);
    }
    for (const [keyword, kind] of [["minLength", "string"], ["minItems", "array"]] as const) {
      const n = schema[keyword];
      if (!isNumber(n)) continue;
      const ofKind = (v: unknown) => (kind === "string" ? typeof v === "string" : Array.isArray(v));
      if (n === 0) rules.push([`${at}: ${keyword} 0, at the bound`, () => expect(valid.some((v) => ofKind(v) && lengthOf(v) === 0), location).toBe(true)]);
      else bound(keyword, (v) => ofKind(v) && lengthOf(v) === n, (v) => ofKind(v) && lengthOf(v) === n - 1);
    }
    for (const [keyword, kind] of [["maxLength", "string"], ["maxItems", "array"]] as const) {
      const n = schema[keyword];
      if (!isNumber(n)) continue;
      const ofKind = (v: unknown) => (kind === "string" ? typeof v === "string" : Array.isArray(v));
      bound(keyword, (v) => ofKind(v) && lengthOf(v) === n, (v) => ofKind(v) && lengthOf(v) === n + 1);
    }
    if (typeof schema.pattern === "string") {
      const pattern = new RegExp(schema.pattern, "u");
      rules.push([`${at}: pattern ${schema.pattern}, matched and not`, () => {
        expect(valid.some((v) => typeof v === "string" && pattern.test(v)), `${location}: a valid string`).toBe(true);
        expect(invalid.some((v) => typeof v === "string" && !pattern.test(v)), `${location}: an invalid string`).toBe(true);
      }]);
    }
    if (Array.isArray(schema.enum) && pointer !== "") {
      const values = schema.enum as unknown[];
      rules.push([`${at}: every enum value valid, another invalid`, () => {
        for (const value of values) expect(valid.includes(value), `${location}: ${String(value)}`).toBe(true);
        expect(invalid.some((v) => !values.includes(v)), `${location}: a value outside the enum`).toBe(true);
      }]);
    }
    for (const keyword of ["anyOf", "oneOf"] as const) {
      const branches = schema[keyword];
      if (!Array.isArray(branches)) continue;
      rules.push([`${at}: a valid vector for each branch of its ${keyword}`, () => {
        branches.forEach((_, i) => expect(seenAt(`${location}/${keyword}/${i}`).valid.length, `${location}/${keyword}/${i}`).toBeGreaterThan(0));
      }]);
    }
    const tag = (schema.discriminator as { propertyName?: string } | undefined)?.propertyName;
    if (typeof tag === "string") {
      const tags = (schema.oneOf as Schema[]).map((_, i) => (resolvedAt(`${location}/oneOf/${i}`).properties as Record<string, Schema>)[tag]!.const);
      rules.push([`${at}: an unknown ${tag} rejected`, () => {
        expect(invalid.some((v) => isObject(v) && typeof v[tag] === "string" && !tags.includes(v[tag])), location).toBe(true);
      }]);
    }
  }
  if (rules.length === 0) continue;
  describe(`vector coverage of the keywords of ${doc.title}`, () => {
    for (const [name, check] of rules) it(name, check);
  });
}
