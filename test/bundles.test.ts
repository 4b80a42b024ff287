// The documents other languages load: the four bundles of schemas/bundles/ and the
// self-contained documents of `~standard.jsonSchema`. Each is checked here as a user of Ajv
// alone would load it, against every vector, in both dialects.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import * as defaultApi from "../src/index.js";
import * as strictApi from "../src/strict.js";
import { canonicalUuidPattern } from "../src/issues.js";
import { canonicalUuid } from "../scripts/lib/schemas.mjs";
import { loadVectors, profiles, titleById, type Profile } from "./helpers/vectors.js";

const bundle = (name: string) => JSON.parse(readFileSync(new URL(`../schemas/bundles/${name}.schema.json`, import.meta.url), "utf8"));
const to2020 = (id: string) => id.replace("https://batch-job-schema.invalid/schemas/", "https://batch-job-schema.invalid/schemas/2020-12/");
const options = { allowUnionTypes: true, discriminator: true }; // the Ajv options the README's JavaScript section uses
const vectors = loadVectors();
const apis = { default: defaultApi, strict: strictApi };

/** Every vector whose verdict `check` gets wrong, as `profile/file: group: test`. */
function disagreements(check: (profile: Profile, id: string, data: unknown) => boolean): string[] {
  const wrong: string[] = [];
  for (const { profile, file, groups } of vectors) {
    for (const group of groups) {
      for (const test of group.tests) {
        if (check(profile, group.schema.$ref, test.data) !== test.valid) wrong.push(`${profile}/${file}: ${group.description}: ${test.description}`);
      }
    }
  }
  return wrong;
}

describe("the bundles", () => {
  it("load, both profiles, into one Ajv instance per dialect and agree with every vector", () => {
    const draft07 = new Ajv.default({ ...options, schemas: [bundle("default"), bundle("strict")] });
    const draft2020 = new Ajv2020.default({ ...options, schemas: [bundle("default.2020-12"), bundle("strict.2020-12")] });
    expect(disagreements((_profile, id, data) => draft07.getSchema(id)!(data) as boolean)).toEqual([]);
    expect(disagreements((_profile, id, data) => draft2020.getSchema(to2020(id))!(data) as boolean)).toEqual([]);
  });

  it("give every document an id of its own in each profile and dialect", () => {
    const ids = ["default", "strict", "default.2020-12", "strict.2020-12"].flatMap((name) => {
      const b = bundle(name);
      return [b.$id, ...Object.values<{ $id: string }>(b.definitions ?? b.$defs).map((d) => d.$id)];
    });
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^https:\/\/batch-job-schema\.invalid\/schemas\//);
  });

  it("carry the strict file-id pattern the messages know", () => {
    expect(canonicalUuidPattern).toBe(canonicalUuid.pattern);
    expect(bundle("strict").definitions.FileId).toMatchObject(canonicalUuid);
    expect(JSON.stringify(bundle("default"))).not.toContain('"format"');
  });
});

describe("~standard.jsonSchema", () => {
  const targets = ["draft-07", "draft-2020-12"] as const;

  it.each(targets)("gives a self-contained %s document per model that agrees with every vector, alone in a fresh Ajv", (target) => {
    const compiled = new Map<string, (data: unknown) => boolean>();
    const check = (profile: Profile, id: string, data: unknown) => {
      const key = `${profile} ${id}`;
      let validate = compiled.get(key);
      if (validate === undefined) {
        const model = (apis[profile] as unknown as Record<string, { "~standard": { jsonSchema: { input: (o: { target: string }) => object } } }>)[
          `${titleById.get(id)!.replace(/^[A-Z]+?(?=[A-Z][a-z0-9]|$)|^[A-Z]/, (h) => h.toLowerCase())}StandardSchema`
        ];
        if (model === undefined) throw new Error(`no standard schema for ${id}`);
        const document = model["~standard"].jsonSchema.input({ target });
        const ajv = target === "draft-07" ? new Ajv.default(options) : new Ajv2020.default(options);
        validate = ajv.compile(document) as (data: unknown) => boolean;
        compiled.set(key, validate);
      }
      return validate(data);
    };
    // Scalar models (statuses, endpoints, file ids) have no verbs but a guard; the others a Standard Schema.
    const withStandard = (profile: Profile, id: string) =>
      `${titleById.get(id)!.replace(/^[A-Z]+?(?=[A-Z][a-z0-9]|$)|^[A-Z]/, (h) => h.toLowerCase())}StandardSchema` in apis[profile];
    expect(disagreements((profile, id, data) => (withStandard(profile, id) ? check(profile, id, data) : vectorVerdict(profile, id, data)))).toEqual([]);
    expect(compiled.size).toBeGreaterThan(40);
  });

  const vectorVerdict = (profile: Profile, id: string, data: unknown) =>
    (apis[profile].models as unknown as Record<string, { is: (v: unknown) => boolean }>)[titleById.get(id)!]!.is(data);

  it("gives the same document for input and output, a fresh copy each call, in the profile's dialect", () => {
    const converter = strictApi.batchJobStandardSchema["~standard"].jsonSchema;
    const a = converter.input({ target: "draft-2020-12" });
    const b = converter.output({ target: "draft-2020-12" });
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    (a as { title: string }).title = "changed";
    expect(converter.input({ target: "draft-2020-12" }).title).toBe("BatchJob");
    expect(a.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(a.$id).toBe("https://batch-job-schema.invalid/schemas/2020-12/strict/batch-job.schema.json");
    expect(Object.keys(a.$defs as object)).toEqual(["BatchError", "BatchJobOutObject", "BatchJobStatus", "BatchResult", "FileId"]);
    expect(converter.input({ target: "draft-07" }).$schema).toBe("http://json-schema.org/draft-07/schema#");
  });

  it.each(["openapi-3.0", "draft-04", "draft-2019-09", "", undefined])("throws a TypeError for the target %s", (target) => {
    const converter = defaultApi.batchJobOutStandardSchema["~standard"].jsonSchema;
    expect(() => converter.input({ target: target as string })).toThrow(TypeError);
    expect(() => converter.output({ target: target as string })).toThrow(/the targets are draft-07 and draft-2020-12/);
  });
});

void profiles;
