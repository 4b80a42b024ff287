// The JavaScript conformance runner: every vector, both profiles, draft-07 and 2020-12, through
// Ajv (as the README's snippet loads it), @hyperjump/json-schema and json-schema-library, each
// loading the shipped bundles from disk. Prints `IMPLEMENTATION VERSION PROFILE: N/N agree`
// per implementation and profile, a DISAGREE line before it for each disagreement; exits 1 on
// any disagreement, 2 on a setup error.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { registerSchema, unregisterSchema, validate as hyperjumpValidate } from "@hyperjump/json-schema/draft-07";
import "@hyperjump/json-schema/draft-2020-12";
import { compileSchema } from "json-schema-library";
import { loadBundles } from "./snippet.mjs";

// Nothing is ever fetched: an implementation that tries fails the vector at once.
globalThis.fetch = async (url) => {
  throw new Error(`refused to fetch ${url}: the runners load everything from disk`);
};

const root = fileURLToPath(new URL("../../../", import.meta.url));
const bundles = join(root, "schemas", "bundles");
// The installed version, from node_modules (some packages export no ./package.json).
const version = (name) => JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
const base = "https://batch-job-schema.invalid/schemas/";
const dialects = [
  { name: "draft-07", suffix: "", label: "", defs: "definitions", id: (id) => id },
  { name: "draft-2020-12", suffix: ".2020-12", label: "/2020-12", defs: "$defs", id: (id) => id.replace(base, `${base}2020-12/`) },
];
const profiles = ["default", "strict"];
const readBundle = (profile, dialect) => JSON.parse(readFileSync(join(bundles, `${profile}${dialect.suffix}.schema.json`), "utf8"));

/** Each implementation: how a user of it loads both bundles of a dialect, and checks a value by model id. */
const implementations = [
  {
    name: "ajv",
    version: version("ajv"),
    async load(dialect) {
      const ajv = loadBundles(bundles, dialect.name);
      return async (id, data) => ajv.validate(id, data);
    },
  },
  {
    name: "@hyperjump/json-schema",
    version: version("@hyperjump/json-schema"),
    async load(dialect) {
      // It does not look for an $id inside another document (it would fetch the id instead):
      // each model is registered by its own, in its one global registry.
      const ids = profiles.flatMap((profile) =>
        Object.values(readBundle(profile, dialect)[dialect.defs]).map((model) => {
          registerSchema(model);
          return model.$id;
        }),
      );
      const compiled = new Map();
      const check = async (id, data) => {
        if (!compiled.has(id)) compiled.set(id, await hyperjumpValidate(id));
        return compiled.get(id)(data).valid;
      };
      check.close = () => ids.forEach((id) => unregisterSchema(id));
      return check;
    },
  },
  {
    name: "json-schema-library",
    version: version("json-schema-library"),
    // A fault of the library, not of a verdict: any `properties` keyword throws on a value with
    // an own `__proto__` key (as JSON.parse makes it). These vectors must keep failing this way,
    // so that the list cannot outlive the fault.
    known: {
      reason: 'the library throws "e.validators is not iterable" on an own __proto__ key',
      applies: (data, verdict) => hasOwnProtoKey(data) && verdict.includes("validators is not iterable"),
    },
    async load(dialect) {
      // It does not look for an $id inside another document: each model is registered by its own.
      const remotes = profiles.flatMap((profile) => Object.values(readBundle(profile, dialect)[dialect.defs]));
      const compiled = new Map();
      return async (id, data) => {
        if (!compiled.has(id)) compiled.set(id, compileSchema({ $schema: dialect.name === "draft-07" ? "http://json-schema.org/draft-07/schema#" : "https://json-schema.org/draft/2020-12/schema", $ref: id }, { remotes }));
        return compiled.get(id).validate(data).valid;
      };
    },
  },
];

/** Whether a value holds an object with an own `__proto__` key, at any depth. */
function hasOwnProtoKey(value) {
  if (value === null || typeof value !== "object") return false;
  if (!Array.isArray(value) && Object.hasOwn(value, "__proto__")) return true;
  return Object.values(value).some(hasOwnProtoKey);
}

function vectorFiles(profile) {
  const dir = join(root, "test", "vectors", profile);
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ file, groups: JSON.parse(readFileSync(join(dir, file), "utf8")) }));
}

let status = 0;
try {
  const vectors = Object.fromEntries(profiles.map((profile) => [profile, vectorFiles(profile)]));
  for (const impl of implementations) {
    for (const dialect of dialects) {
      const check = await impl.load(dialect);
      for (const profile of profiles) {
        let total = 0;
        let agree = 0;
        let known = 0;
        for (const { file, groups } of vectors[profile]) {
          for (const group of groups) {
            for (const test of group.tests) {
              total++;
              let verdict;
              try {
                verdict = (await check(dialect.id(group.schema.$ref), test.data)) ? "valid" : "invalid";
              } catch (error) {
                verdict = `error (${String(error?.message ?? error).split("\n")[0]})`;
              }
              if (verdict === (test.valid ? "valid" : "invalid")) agree++;
              else if (impl.known?.applies(test.data, verdict)) known++;
              else console.log(`DISAGREE ${profile}${dialect.label} ${file}: ${group.description}: ${test.description}: ${impl.name} says ${verdict}`);
            }
          }
        }
        const knownNote = known > 0 ? `, ${known} known ${known === 1 ? "failure" : "failures"} (${impl.known.reason})` : "";
        console.log(`${impl.name} ${impl.version} ${profile}${dialect.label}: ${agree}/${total} agree${knownNote}`);
        if (agree + known !== total) status = 1;
      }
      check.close?.();
    }
  }
} catch (error) {
  console.error(`test:languages (js): setup error: ${error?.stack ?? error}`);
  status = 2;
}
process.exitCode = status;
