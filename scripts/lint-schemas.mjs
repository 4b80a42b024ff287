#!/usr/bin/env node
// The schema lint: every hand-written document compiles under Ajv's strict mode in both
// profiles, passes the draft-07 meta-schema, follows the authoring rules of the README's
// "Authoring a schema" section, passes Ajv's secure meta-schema (with documented exceptions),
// and its examples validate.
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import Ajv from "ajv";
import { createAjv, deriveStrict, loadSchemas, profiles } from "./lib/schemas.mjs";

const secureMetaSchema = createRequire(import.meta.url)("ajv/lib/refs/json-schema-secure.json");

/**
 * What Ajv's secure meta-schema would flag and is accepted, each with its reason (the README's
 * "Schema safety" repeats them). The check runs on copies with these keywords taken out, so
 * anything else it finds fails the lint.
 */
const secureExceptions = [
  {
    rule: 'format "uuid" without maxLength',
    applies: (schema) => schema.format === "uuid",
    remove: "format",
    reason:
      "checked by an anchored regular expression of bounded length, which fails within 45 characters whatever the " +
      "string's length; a maxLength would change what the default profile accepts",
  },
];

const withoutExceptions = (schema) => {
  if (Array.isArray(schema)) return schema.map(withoutExceptions);
  if (schema === null || typeof schema !== "object") return schema;
  const removed = new Set(secureExceptions.filter((e) => e.applies(schema)).map((e) => e.remove));
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !removed.has(k)).map(([k, v]) => [k, withoutExceptions(v)]));
};

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
// Keywords that mean the same in draft-07 and 2020-12, so a 2020-12 copy stays mechanical.
const KEYWORDS = new Set([
  "$schema", "$id", "$ref", "$comment", "title", "description", "default", "examples",
  "type", "enum", "const", "format", "properties", "required", "additionalProperties", "items",
]);
const kebabFile = /^[a-z0-9]+(-[a-z0-9]+)*\.schema\.json$/;
const pascalOf = (file) => file.replace(/\.schema\.json$/, "").replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());

/** Walks every subschema with its JSON Pointer, skipping instance data (examples, enum, const, default). */
function* subschemas(schema, pointer = "") {
  yield [schema, pointer];
  for (const [key, value] of Object.entries(schema.properties ?? {})) yield* subschemas(value, `${pointer}/properties/${key}`);
  if (schema.items && typeof schema.items === "object") yield* subschemas(schema.items, `${pointer}/items`);
  if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
    yield* subschemas(schema.additionalProperties, `${pointer}/additionalProperties`);
  }
}

/**
 * Every rule broken by the given documents, as `file#pointer: problem` lines.
 * @param {{ file: string, doc: any }[]} schemas
 */
export function lintSchemas(schemas) {
  const problems = [];
  const files = new Set(schemas.map(({ file }) => file));
  for (const { file, doc } of schemas) {
    const at = (pointer, problem) => problems.push(`${file}#${pointer}: ${problem}`);
    if (!kebabFile.test(file)) at("", "file name must be kebab-case and end in .schema.json");
    if (doc.$schema !== DRAFT_07) at("/$schema", `must be ${DRAFT_07}`);
    if (typeof doc.$id !== "string" || !/^https:\/\/[^/]+\/.+/.test(doc.$id)) at("/$id", "must be an absolute https URL");
    else if (!doc.$id.endsWith(`/${file}`)) at("/$id", `last segment must be the file name ${file}`);
    if (doc.title !== pascalOf(file)) at("/title", `must be ${pascalOf(file)}, the file name in PascalCase`);
    if (typeof doc.description !== "string") at("/description", "the document needs a description");
    if (!Array.isArray(doc.examples) || doc.examples.length === 0) at("/examples", "needs at least one realistic example");
    for (const [schema, pointer] of subschemas(doc)) {
      for (const key of Object.keys(schema)) if (!KEYWORDS.has(key)) at(pointer, `keyword "${key}" is not in the allowed set`);
      if ("$ref" in schema) {
        if (Object.keys(schema).length > 1) at(pointer, "$ref must stand alone (draft-07 ignores its siblings)");
        if (!files.has(schema.$ref)) at(pointer, `$ref "${schema.$ref}" is not a schema file of this folder`);
      }
      for (const [key, value] of Object.entries(schema.properties ?? {})) {
        if (!("$ref" in value) && typeof value.description !== "string") at(`${pointer}/properties/${key}`, "property needs a description");
      }
      if ([schema.type].flat().includes("object") && !schema.properties && schema.additionalProperties !== true) {
        at(pointer, 'a free-form object must say "additionalProperties": true (or the types get {})');
      }
      for (const key of schema.required ?? []) {
        if (!schema.properties || !(key in schema.properties)) at(`${pointer}/required`, `required key "${key}" is not declared in properties`);
      }
    }
  }
  // Ajv's secure meta-schema: no keyword that makes validation slow on untrusted data.
  const secure = new Ajv.default({ strict: false, allErrors: true }).compile(secureMetaSchema);
  for (const { file, doc } of schemas) {
    for (const [profile, variant] of [["default", doc], ["strict", deriveStrict(doc)]]) {
      if (secure(withoutExceptions(variant))) continue;
      for (const error of secure.errors ?? []) {
        problems.push(`${file}#${error.instancePath} (${profile}): secure meta-schema: ${error.schemaPath} ${error.message}`);
      }
    }
  }

  for (const profile of profiles) {
    let ajv;
    try {
      ajv = createAjv(profile); // strict mode: unknown keywords, formats or ambiguous types throw
    } catch (error) {
      problems.push(`(${profile} profile): Ajv strict compile failed: ${error.message}`);
      continue;
    }
    for (const { file, doc } of schemas) {
      if (!ajv.validateSchema(doc)) problems.push(`${file}: meta-schema: ${ajv.errorsText(ajv.errors)}`);
      const validate = ajv.getSchema(doc.$id);
      if (!validate) problems.push(`${file}: ${profile} profile did not compile`);
      else {
        (doc.examples ?? []).forEach((example, i) => {
          if (!validate(example)) problems.push(`${file}#/examples/${i}: invalid: ${ajv.errorsText(validate.errors)}`);
        });
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const schemas = loadSchemas();
  const problems = lintSchemas(schemas);
  for (const problem of problems) console.error(`lint:schemas: ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
  else console.log(`lint:schemas: ${schemas.length} schemas follow the rules`);
}
