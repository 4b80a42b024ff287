// Loads the language-neutral vectors and the four implementations that must agree on them.
import { readFileSync, readdirSync } from "node:fs";
import * as hyperjump from "@hyperjump/json-schema/draft-07";
import { allSchemas, createAjv, profiles, schemasFor } from "../../scripts/lib/schemas.mjs";
import * as defaultApi from "../../src/index.js";
import * as strictApi from "../../src/strict.js";
import type { CompiledValidator, Model } from "../../src/define-model.js";

export type Profile = "default" | "strict";
export { profiles };

export interface VectorTest {
  description: string;
  data: unknown;
  valid: boolean;
}
export interface VectorGroup {
  description: string;
  schema: { $ref: string };
  tests: VectorTest[];
}
export interface VectorFile {
  profile: Profile;
  file: string;
  groups: VectorGroup[];
}

const vectorsDir = new URL("../vectors/", import.meta.url);

/** Every vector file, per profile folder (test/vectors/default, test/vectors/strict). */
export function loadVectors(): VectorFile[] {
  return (profiles as Profile[]).flatMap((profile) =>
    readdirSync(new URL(`${profile}/`, vectorsDir))
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => ({
        profile,
        file,
        groups: JSON.parse(readFileSync(new URL(`${profile}/${file}`, vectorsDir), "utf8")) as VectorGroup[],
      })),
  );
}

/** Every document, the derived in-batch bodies included (they have vectors of their own, derived from their body's). */
export const schemas = allSchemas();
/** Schema title by `$id`: vectors name their schema by `$id`, the code by title. */
export const titleById = new Map<string, string>(
  (profiles as Profile[]).flatMap((profile) => schemasFor(profile, schemas).map(({ doc }) => [doc.$id, doc.title] as const)),
);

export const apis = { default: defaultApi, strict: strictApi } as const;
export const modelOf = (profile: Profile, id: string): Model<unknown> =>
  (apis[profile].models as Record<string, Model<unknown>>)[titleById.get(id)!]!;

// Hyperjump keeps one global registry; the profiles' documents have ids of their own.
for (const profile of profiles as Profile[]) {
  for (const { doc } of schemasFor(profile)) if (!hyperjump.hasSchema(doc.$id)) hyperjump.registerSchema(doc);
}

// Hyperjump compiles a schema on every `validate(uri, value)`; a request body is large, so each
// schema is compiled once and the validator reused.
const hyperjumpValidators = new Map<string, Promise<hyperjump.Validator>>();
const hyperjumpValidator = (uri: string): Promise<hyperjump.Validator> => {
  let validator = hyperjumpValidators.get(uri);
  if (validator === undefined) hyperjumpValidators.set(uri, (validator = hyperjump.validate(uri)));
  return validator;
};

export interface Implementations {
  generated: (data: unknown) => boolean;
  freshAjv: (data: unknown) => boolean;
  api: (data: unknown) => boolean;
  hyperjump: (data: unknown) => Promise<boolean>;
}

/** The generated builds of every model, by profile and title: the fast one (as exported) and the all-errors one. */
export const generatedBuilds = Object.fromEntries(
  await Promise.all(
    (profiles as Profile[]).map(async (profile) => {
      const entries = await Promise.all(
        schemas.map(async ({ file, doc }) => {
          const module = (await import(`../../src/generated/models/${profile}/${file.replace(/\.schema\.json$/, "")}.js`)) as Record<string, unknown> & {
            loadAllErrors: () => Record<string, CompiledValidator>;
          };
          return [doc.title, { fast: module[doc.title] as CompiledValidator, allErrors: module.loadAllErrors()[doc.title]! }] as const;
        }),
      );
      return [profile, Object.fromEntries(entries)] as const;
    }),
  ),
) as Record<Profile, Record<string, { fast: CompiledValidator; allErrors: CompiledValidator }>>;
const freshAjv = { default: createAjv("default"), strict: createAjv("strict") };

/** A deep copy of a JSON value whose objects have no prototype (so no object of it is plain). */
export function withoutPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrototypes);
  if (value === null || typeof value !== "object") return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = withoutPrototypes((value as Record<string, unknown>)[key]);
  return copy;
}

/** The four implementations of one model in one profile. */
export function implementationsFor(profile: Profile, id: string): Implementations {
  const title = titleById.get(id)!;
  const { fast, allErrors: all } = generatedBuilds[profile][title]!;
  const fresh = freshAjv[profile].getSchema(id)!;
  const model = modelOf(profile, id);
  return {
    generated: (data) => {
      const verdict = fast(data);
      if (all(data) !== verdict) throw new Error(`${title}: fast and all-errors builds disagree`);
      // The same value with no plain object in it takes the fast build's careful path.
      if (fast(withoutPrototypes(data)) !== verdict) throw new Error(`${title}: the fast build's careful path disagrees`);
      return verdict;
    },
    freshAjv: (data) => fresh(data) as boolean, // a synchronous schema: never a Promise
    api: (data) => {
      const result = model.validate(data);
      if (model.is(data) !== (result.issues === undefined)) throw new Error(`${title}: is and validate disagree`);
      return result.issues === undefined;
    },
    hyperjump: async (data) => {
      const validator = await hyperjumpValidator(id);
      return validator(data as never).valid;
    },
  };
}
