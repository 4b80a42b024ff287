// Shared by the generator, the schema lint, the tests and the benchmarks: one place that
// knows where the hand-written schemas live and how each profile compiles them.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";

export const rootDir = fileURLToPath(new URL("../../", import.meta.url));
export const schemasDir = fileURLToPath(new URL("../../schemas/", import.meta.url));

/** The profiles, in the order the generator emits them. */
export const profiles = ["default", "strict"];

/**
 * Every hand-written schema document, sorted by file name so that generated output is stable.
 * @returns {{ file: string, doc: any }[]}
 */
export function loadSchemas() {
  return readdirSync(schemasDir)
    .filter((file) => file.endsWith(".schema.json"))
    .sort()
    .map((file) => ({ file, doc: JSON.parse(readFileSync(schemasDir + file, "utf8")) }));
}

/** Whether a document describes a JSON object (a model with keys) rather than a scalar. */
export const isObjectModel = (doc) => doc.type === "object";

/**
 * The strict profile, derived by one rule: every subschema that declares `properties` is
 * closed. Free-form objects (`metadata`) declare none, so they stay open. Returns a copy.
 */
export function deriveStrict(doc) {
  if (Array.isArray(doc)) return doc.map(deriveStrict);
  if (doc === null || typeof doc !== "object") return doc;
  const out = {};
  for (const [key, value] of Object.entries(doc)) {
    // `examples`, `enum`, `const` and `default` hold instance data, not subschemas.
    out[key] = ["examples", "enum", "const", "default"].includes(key) ? value : deriveStrict(value);
  }
  if (doc.properties && !("additionalProperties" in doc)) out.additionalProperties = false;
  return out;
}

/** The documents of one profile. */
export function schemasFor(profile, schemas = loadSchemas()) {
  return schemas.map(({ file, doc }) => ({ file, doc: profile === "strict" ? deriveStrict(doc) : doc }));
}

/**
 * An Ajv instance holding every document of a profile. Options that would write into the
 * input (useDefaults, coerceTypes, removeAdditional, $data) stay off: validation never
 * mutates. `ownProperties` keeps inherited keys from satisfying `required`; it is turned off
 * only for the builds that see nothing but `JSON.parse` output, whose keys are all own.
 * @param {"default" | "strict"} profile
 * @param {{ allErrors?: boolean, standalone?: boolean, ownProperties?: boolean }} [options]
 */
export function createAjv(profile, { allErrors = false, standalone = false, ownProperties = true } = {}) {
  const ajv = new Ajv.default({
    strict: true,
    allowUnionTypes: true,
    ownProperties,
    allErrors,
    verbose: allErrors, // the issue messages quote the received value; only the failure path pays
    useDefaults: false,
    coerceTypes: false,
    removeAdditional: false,
    $data: false,
    validateFormats: profile === "strict",
    code: standalone ? { source: true, esm: true } : {},
  });
  if (profile === "strict") addFormats.default(ajv, { formats: ["uuid"] });
  // Standalone code embeds each schema object; annotations change no verdict, so the shipped
  // validators leave them out (smaller modules, faster start-up).
  for (const { doc } of schemasFor(profile)) ajv.addSchema(standalone ? withoutAnnotations(doc) : doc);
  return ajv;
}

const ANNOTATIONS = new Set(["title", "description", "examples", "default", "$comment"]);

/** A copy of a schema without the keywords that never affect validation. */
export function withoutAnnotations(schema) {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !ANNOTATIONS.has(key))
      .map(([key, value]) => {
        if (key === "enum" || key === "const") return [key, value];
        // `properties` maps names to subschemas: a key named "title" there is a name, not an annotation.
        if (key === "properties") return [key, Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutAnnotations(sub)]))];
        return [key, withoutAnnotations(value)];
      }),
  );
}
