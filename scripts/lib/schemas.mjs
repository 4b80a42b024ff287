// Shared by the generator, the schema lint, the tests and the benchmarks: one place that
// knows where the hand-written schemas live, which documents are derived from them, and how
// each profile compiles them.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import ajvCompile from "ajv/dist/compile/index.js";
import { batchBodyTitles } from "./endpoints.mjs";

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

// The shape of a schema, by keyword: which values hold subschemas. Everything else
// (`enum`, `const`, `default`, `examples`, `required`, `type`, `discriminator`, ...) is data,
// never walked. Keywords the authoring rules forbid are listed too, so that a walker stays
// right if one is ever allowed.
/** Keywords whose value is one subschema (`items` may also be an array of them). */
const SUBSCHEMA = new Set(["items", "additionalItems", "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else"]);
/** Keywords whose value maps names (data, never keywords) to subschemas. */
const SUBSCHEMA_MAP = new Set(["properties", "definitions", "$defs", "patternProperties"]);
/** Keywords whose value is an array of subschemas. */
const SUBSCHEMA_LIST = new Set(["anyOf", "oneOf", "allOf"]);

const isSchemaObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const pointerSegment = (key) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * A copy of `schema` in which every subschema, innermost first, has been passed through
 * `change` (which returns the replacement). Instance data and names are copied as they are:
 * a property named `title` or `additionalProperties` is a name, `examples` is data.
 * @param {any} schema
 * @param {(schema: any) => any} change
 */
export function mapSubschemas(schema, change) {
  if (!isSchemaObject(schema)) return schema; // a boolean schema
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SUBSCHEMA.has(key)) out[key] = Array.isArray(value) ? value.map((s) => mapSubschemas(s, change)) : mapSubschemas(value, change);
    else if (SUBSCHEMA_MAP.has(key) && isSchemaObject(value)) {
      // fromEntries defines properties, so a name such as `__proto__` stays a name.
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, mapSubschemas(sub, change)]));
    } else if (SUBSCHEMA_LIST.has(key) && Array.isArray(value)) out[key] = value.map((s) => mapSubschemas(s, change));
    else out[key] = value;
  }
  return change(out);
}

/**
 * Every subschema of `schema` (objects only, the root first) with its JSON Pointer and the
 * schema that holds it (`undefined` for the root).
 * @returns {Generator<[any, string, any]>}
 */
export function* subschemas(schema, pointer = "", parent = undefined) {
  if (!isSchemaObject(schema)) return;
  yield [schema, pointer, parent];
  for (const [key, value] of Object.entries(schema)) {
    const at = `${pointer}/${key}`;
    if (SUBSCHEMA.has(key)) {
      if (Array.isArray(value)) for (const [i, s] of value.entries()) yield* subschemas(s, `${at}/${i}`, schema);
      else yield* subschemas(value, at, schema);
    } else if (SUBSCHEMA_MAP.has(key) && isSchemaObject(value)) {
      for (const [name, s] of Object.entries(value)) yield* subschemas(s, `${at}/${pointerSegment(name)}`, schema);
    } else if (SUBSCHEMA_LIST.has(key) && Array.isArray(value)) {
      for (const [i, s] of value.entries()) yield* subschemas(s, `${at}/${i}`, schema);
    }
  }
}

/** Where every document's `$id` starts: a reserved host (RFC 2606), so no loader can ever fetch one. */
export const idBase = "https://batch-job-schema.invalid/schemas/";

/**
 * The canonical UUID text form, the strict profile's file id: 8-4-4-4-12 hexadecimal digits in
 * either case, nothing else. Explicit ASCII classes (no `\\d`, whose meaning differs between
 * engines), anchored at both ends, and a `maxLength` because Python's and Java's `$` also match
 * before a final newline.
 */
export const canonicalUuid = Object.freeze({
  pattern: "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
  maxLength: 36,
});

/**
 * The strict profile, derived by two rules. Every subschema that declares `properties` and no
 * `additionalProperties` is closed: free-form objects (`metadata`) declare no properties, so
 * they stay open; a constraint branch of `anyOf` says `"additionalProperties": true`, so it
 * stays a constraint and does not close the object it constrains. And the `FileId` document
 * (with its nullable variant) requires the canonical UUID text form. The `$id` moves under `strict/`, so that both
 * profiles load into one registry. Returns a copy.
 */
export function deriveStrict(doc) {
  const closed = mapSubschemas(doc, (schema) =>
    schema.properties && !("additionalProperties" in schema) ? { ...schema, additionalProperties: false } : schema,
  );
  if (doc.title === "FileId") {
    // The document and its nullable variant: `pattern` and `maxLength` leave null alone.
    Object.assign(closed, canonicalUuid);
    for (const definition of Object.values(closed.definitions ?? {})) Object.assign(definition, canonicalUuid);
  }
  return doc.$id === undefined ? closed : { ...closed, $id: idIn("strict", doc.$id) };
}

/** The `$id` a document has in `profile`. */
export const idIn = (profile, id) => (profile === "strict" ? movedId(id, "strict/") : id);

/** The `$id` of a copy of a document, in a folder of its own below the hand-written ones. */
function movedId(id, folder) {
  if (!id.startsWith(idBase)) throw new Error(`${id}: every $id starts with ${idBase}`);
  return idBase + folder + id.slice(idBase.length);
}

export const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
export const DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

/**
 * The draft 2020-12 copy of a draft-07 document, mechanical because the authoring rules allow
 * only keywords that mean the same in both: `$schema` changes, `definitions` becomes `$defs`
 * (and the `$ref`s into it with it), and the `$id` moves under `2020-12/`. `items` with an
 * array (which 2020-12 calls `prefixItems`) is refused by the lint, and so here. A strict
 * document's copy lands under `2020-12/strict/`.
 */
export function derive2020(doc) {
  const renamed = mapSubschemas(doc, (schema) => {
    if (Array.isArray(schema.items)) throw new Error(`${doc.$id}: items as an array has no mechanical 2020-12 copy`);
    const out = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === "definitions") out.$defs = value;
      else if (key === "$ref" && typeof value === "string") out.$ref = value.replace("#/definitions/", "#/$defs/");
      else out[key] = value;
    }
    return out;
  });
  return { ...renamed, $schema: DRAFT_2020_12, $id: movedId(doc.$id, "2020-12/") };
}

const batchPrefix = "batch-";

/**
 * The in-batch variant of a request body, by one rule: the body with `model` taken out of
 * `required`, because inside a batch the job may set the model (the batch guide: "The
 * `model` field inside `body` is optional when you specify the model at job creation
 * time"). Its `$id` and file name are the body's with `batch-` in front, its title the body's
 * with `Batch` in front. It keeps the body's keys and refers to the body's `definitions`
 * rather than copying them, so every shared part has one name (and one TypeScript type).
 * @param {{ file: string, doc: any }} body a hand-written request-body document
 * @returns {{ file: string, doc: any, derivedFrom: string }}
 */
export function deriveBatchBody({ file, doc }) {
  const { definitions: _definitions, $id, title, description: _description, examples, required = [], ...rest } = doc;
  // `#/definitions/X` inside the body now lives in another document: name it there.
  const retarget = (schema) =>
    typeof schema.$ref === "string" && schema.$ref.startsWith("#") ? { ...schema, $ref: `${file}${schema.$ref}` } : schema;
  const keywords = mapSubschemas(rest, retarget);
  const out = {
    $schema: doc.$schema,
    $id: $id.replace(/[^/]+$/, `${batchPrefix}${file}`),
    title: `Batch${title}`,
    description:
      `The body of a ${title} as one line of a batch input file carries it: the same keys, with \`model\` optional, ` +
      `because the batch job may set the model ("The model field inside body is optional when you specify the model at ` +
      `job creation time": Mistral AI batch guide, docs/studio/batch-processing of mistralai/platform-docs-public, 2026-08-11). ` +
      `Derived by the build from ${file}; not a file of schemas/.`,
    ...keywords,
    required: required.filter((key) => key !== "model"),
  };
  if (out.required.length === 0) delete out.required;
  // Realistic payloads of the body without its model: what a batch line holds.
  if (Array.isArray(examples)) out.examples = examples.map((example) => withoutKey(example, "model"));
  return { file: `${batchPrefix}${file}`, doc: out, derivedFrom: file };
}

const withoutKey = (value, key) => {
  if (!isSchemaObject(value)) return value;
  const { [key]: _removed, ...rest } = value;
  return rest;
};

/**
 * The hand-written documents and the documents derived from them (the in-batch request
 * bodies named in scripts/lib/endpoints.mjs), sorted by file name. A body listed there that
 * has no document is an error: the table and schemas/ must agree.
 * @returns {{ file: string, doc: any, derivedFrom?: string }[]}
 */
export function allSchemas(schemas = loadSchemas()) {
  const byTitle = new Map(schemas.map((s) => [s.doc.title, s]));
  const derived = batchBodyTitles().map((title) => {
    const body = byTitle.get(title);
    if (!body) throw new Error(`scripts/lib/endpoints.mjs names the body ${title}, but no schema in schemas/ has that title`);
    return deriveBatchBody(body);
  });
  return [...schemas, ...derived].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The documents of one profile, the derived ones included. */
export function schemasFor(profile, schemas = allSchemas()) {
  return schemas.map((s) => ({ ...s, doc: profile === "strict" ? deriveStrict(s.doc) : s.doc }));
}

/**
 * An Ajv instance holding every document of a profile. Options that would write into the
 * input (useDefaults, coerceTypes, removeAdditional, $data) stay off: validation never
 * mutates. `ownProperties` keeps inherited keys from satisfying `required`; it is turned off
 * only for the builds that see nothing but `JSON.parse` output, whose keys are all own.
 * `discriminator` makes a `oneOf` with a `discriminator` check only the branch its tag
 * selects, and report a bad tag as one error (the verdict is the plain `oneOf` one: the
 * schema lint proves the branches exclusive by the tag's `const`).
 * @param {"default" | "strict"} profile
 * @param {{ allErrors?: boolean, standalone?: boolean, ownProperties?: boolean, absoluteRefs?: boolean, schemas?: { doc: any }[] }} [options]
 *   `schemas`: the documents of the profile (default: every document, derived ones included);
 *   `absoluteRefs`: see {@link resolveRefsFirst}
 */
export function createAjv(profile, { allErrors = false, standalone = false, ownProperties = true, absoluteRefs = false, schemas = undefined } = {}) {
  const ajv = new Ajv.default({
    strict: true,
    allowUnionTypes: true,
    ownProperties,
    allErrors,
    verbose: allErrors, // the issue messages quote the received value; only the failure path pays
    messages: allErrors || !standalone, // the fast build's errors are never shown: no message text in it
    discriminator: true,
    useDefaults: false,
    coerceTypes: false,
    removeAdditional: false,
    $data: false,
    code: standalone ? { source: true, esm: true } : {},
  });
  reportDiscriminatorValues(ajv);
  if (absoluteRefs) resolveRefsFirst(ajv);
  // Standalone code embeds each schema object; annotations change no verdict, so the shipped
  // validators leave them out (smaller modules, faster start-up).
  for (const { doc } of schemas ? schemasFor(profile, schemas) : schemasFor(profile)) ajv.addSchema(standalone ? withoutAnnotations(doc) : doc);
  return ajv;
}

/**
 * Replaces Ajv's `$ref` keyword by the same keyword given the reference resolved against its
 * base: Ajv writes the schema path of an error inside a target it inlines from the `$ref` text
 * as written (`#/definitions/X/type`, relative to a document the code no longer names), and
 * from the absolute URI each such path says which document it is in. The resolution is the
 * same, so is the code; only the schema paths change (made relative again by the generator).
 */
function resolveRefsFirst(ajv) {
  const own = ajv.getKeyword("$ref");
  ajv.removeKeyword("$ref");
  ajv.addKeyword({
    ...own,
    code(cxt) {
      // The root's own `#` stays as it is: Ajv calls the root function for it.
      if (cxt.schema === "#" || cxt.schema === "#/") return own.code(cxt);
      own.code(Object.create(cxt, { schema: { value: new URL(cxt.schema, cxt.it.baseId).href } }));
    },
  });
}

/**
 * Replaces Ajv's `discriminator` keyword by the same keyword that also reports the tag values
 * the branches allow, as `params.allowedValues` (in branch order, like `enum`'s), so that a
 * message can list them: the branches are usually `$ref`s, which the runtime cannot follow.
 * Ajv's code is reused as it is; only the parameters of its error grow by one.
 */
function reportDiscriminatorValues(ajv) {
  const own = ajv.getKeyword("discriminator");
  const { _, stringify } = Ajv;
  ajv.removeKeyword("discriminator");
  ajv.addKeyword({
    ...own,
    code(cxt) {
      const { parentSchema, schema, it } = cxt;
      // The same resolution Ajv's keyword does for its mapping (one $ref level).
      const allowedValues = parentSchema.oneOf.map((branch) => {
        let target = branch;
        if (typeof branch.$ref === "string") {
          target = ajvCompile.resolveRef.call(it.self, it.schemaEnv.root, it.baseId, branch.$ref);
          if (target instanceof ajvCompile.SchemaEnv) target = target.schema;
        }
        return target?.properties?.[schema.propertyName]?.const;
      });
      // Ajv's keyword passes its error parameters to cxt.error; add the values to them.
      const error = cxt.error.bind(cxt);
      cxt.error = (append, params, paths) => error(append, params && { ...params, allowedValues }, paths);
      own.code(cxt);
    },
    error: {
      message: own.error.message,
      params: ({ params: { discrError, tag, tagName, allowedValues } }) =>
        _`{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}, allowedValues: ${stringify(allowedValues)}}`,
    },
  });
}

const ANNOTATIONS = new Set(["title", "description", "examples", "default", "$comment"]);

/** A copy of a schema without the keywords that never affect validation (names and data are kept as they are). */
export function withoutAnnotations(schema) {
  return mapSubschemas(schema, (s) => Object.fromEntries(Object.entries(s).filter(([key]) => !ANNOTATIONS.has(key))));
}
