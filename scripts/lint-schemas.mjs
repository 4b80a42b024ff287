#!/usr/bin/env node
// The schema lint: every hand-written document compiles under Ajv's strict mode in both
// profiles, passes the draft-07 meta-schema, follows the authoring rules of the README's
// "Authoring a schema" section, passes Ajv's secure meta-schema (with documented exceptions),
// and its examples validate (the derived documents' too).
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import Ajv from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import { analysePattern } from "./lib/patterns.mjs";
import { allSchemas, createAjv, derive2020, deriveStrict, idBase, loadSchemas, profiles, schemasFor, subschemas } from "./lib/schemas.mjs";

const secureMetaSchema = createRequire(import.meta.url)("ajv/lib/refs/json-schema-secure.json");

/**
 * What Ajv's secure meta-schema would flag and is accepted, each with its reason (the README's
 * "Schema safety" repeats them). The check runs on copies with these keywords taken out, so
 * anything else it finds fails the lint.
 */
const secureExceptions = [
  {
    rule: "a pattern of bounded length without maxLength",
    applies: (schema) => typeof schema.pattern === "string" && !("maxLength" in schema) && analysePattern(schema.pattern).maxLength < Infinity,
    remove: "pattern",
    reason:
      "every quantifier of the pattern is bounded and none repeats a repeating group (the lint proves both), so an " +
      "anchored match fails within its longest match whatever the string's length",
  },
];

const withoutExceptions = (schema) => {
  if (Array.isArray(schema)) return schema.map(withoutExceptions);
  if (schema === null || typeof schema !== "object") return schema;
  const removed = new Set(secureExceptions.filter((e) => e.applies(schema)).map((e) => e.remove));
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !removed.has(k)).map(([k, v]) => [k, withoutExceptions(v)]));
};

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
// Keywords that mean the same in draft-07 and 2020-12, so a 2020-12 copy stays mechanical
// (`definitions` becomes `$defs` there, and its `$ref`s with it). `discriminator` is
// OpenAPI's: draft-07 and 2020-12 validators ignore it, Ajv uses it to check one branch.
// `format` is left out: some validators assert it by default and others never, and each
// checks a format its own way, so a verdict would depend on the language.
const KEYWORDS = new Set([
  "$schema", "$id", "$ref", "$comment", "title", "description", "default", "examples",
  "type", "enum", "const", "properties", "required", "additionalProperties", "items",
  "minimum", "maximum", "exclusiveMinimum", "minLength", "maxLength", "minItems", "maxItems",
  "propertyNames", "pattern", "anyOf", "oneOf", "allOf", "definitions", "discriminator",
]);
const kebabFile = /^[a-z0-9]+(-[a-z0-9]+)*\.schema\.json$/;
const pascalOf = (file) => file.replace(/\.schema\.json$/, "").replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
const typeName = /^[A-Z][A-Za-z0-9]*$/;
const typesOf = (schema) => [schema.type].flat().filter((t) => t !== undefined);
/** A subschema that is one branch of an anyOf, oneOf or allOf. */
const isBranch = (pointer) => /\/(anyOf|oneOf|allOf)\/\d+$/.test(pointer);
/** A constraint branch: a branch that says `"additionalProperties": true` to stay a constraint on its object. */
const isConstraintBranch = (schema, pointer) => isBranch(pointer) && schema.additionalProperties === true;

/**
 * Resolves a `$ref` the authoring rules allow: `file.schema.json`, `#/definitions/Name` or
 * `file.schema.json#/definitions/Name`. Returns the target, or a problem.
 */
function resolveRef(ref, file, docs) {
  const hash = ref.indexOf("#");
  const target = hash < 0 ? ref : ref.slice(0, hash) || file;
  const fragment = hash < 0 ? "" : ref.slice(hash + 1);
  const doc = docs.get(target);
  if (!doc) return { problem: `$ref "${ref}" is not a schema file of this folder` };
  if (fragment === "") return hash === 0 ? { problem: "$ref to the document itself: no recursion" } : { schema: doc };
  const name = /^\/definitions\/([^/~]+)$/.exec(fragment)?.[1];
  if (name === undefined) return { problem: `$ref "${ref}": a fragment must be #/definitions/Name` };
  const schema = doc.definitions && Object.hasOwn(doc.definitions, name) ? doc.definitions[name] : undefined;
  return schema ? { schema } : { problem: `$ref "${ref}": ${target} has no definition ${name}` };
}

/** The problems of one `oneOf` with a `discriminator`: the branches must be exclusive by the tag's const. */
function discriminatorProblems(schema, file, docs) {
  const problems = [];
  const { discriminator } = schema;
  const tag = discriminator?.propertyName;
  if (discriminator === null || typeof discriminator !== "object" || Object.keys(discriminator).join() !== "propertyName" || typeof tag !== "string") {
    return [["", 'discriminator must be exactly {"propertyName": "<key>"} (Ajv supports no mapping)']];
  }
  // Ajv checks neither the discriminator nor the oneOf for a value that is not an object.
  if (schema.type !== "object") problems.push(["", 'a discriminator needs "type": "object" beside it, or other values would pass unchecked']);
  if (!Array.isArray(schema.oneOf)) return [...problems, ["", "a discriminator needs a oneOf beside it"]];
  const seen = new Map();
  schema.oneOf.forEach((branch, i) => {
    const at = `/oneOf/${i}`;
    const resolved = typeof branch.$ref === "string" ? resolveRef(branch.$ref, file, docs) : { schema: branch };
    if (!resolved.schema) return;
    const value = resolved.schema.properties?.[tag]?.const;
    if (typeof value !== "string" || value === "") {
      problems.push([at, `each branch must declare "${tag}" with a non-empty string const`]);
      return;
    }
    if (!(resolved.schema.required ?? []).includes(tag)) problems.push([at, `each branch must require "${tag}", or a value without it could match several`]);
    if (seen.has(value)) problems.push([at, `"${tag}" "${value}" is also branch ${seen.get(value)}'s: the branches are not exclusive`]);
    seen.set(value, i);
  });
  return problems;
}

/** Whether two branches' JSON types can never hold the same value (integer is a number). */
function typesDisjoint(a, b) {
  const widen = (types) => new Set(types.flatMap((t) => (t === "integer" ? ["integer", "number"] : [t])));
  const [x, y] = [widen(typesOf(a)), widen(typesOf(b))];
  return x.size > 0 && y.size > 0 && ![...x].some((t) => y.has(t));
}

/**
 * Every rule broken by the given documents, as `file#pointer: problem` lines.
 * @param {{ file: string, doc: any }[]} schemas the hand-written documents
 */
export function lintSchemas(schemas) {
  const problems = [];
  const docs = new Map(schemas.map(({ file, doc }) => [file, doc]));
  let everything = schemas;
  try {
    everything = allSchemas(schemas);
  } catch (error) {
    problems.push(`scripts/lib/endpoints.mjs: ${error.message}`);
  }
  // Titles and definition names share one namespace: each becomes an exported TypeScript type.
  const typeNames = new Map(everything.map(({ file, doc }) => [doc.title, `${file} (title)`]));
  for (const { file, doc } of schemas) {
    const at = (pointer, problem) => problems.push(`${file}#${pointer}: ${problem}`);
    if (!kebabFile.test(file)) at("", "file name must be kebab-case and end in .schema.json");
    if (doc.$schema !== DRAFT_07) at("/$schema", `must be ${DRAFT_07}`);
    if (typeof doc.$id !== "string" || !doc.$id.startsWith(idBase)) at("/$id", `must start with ${idBase} (a reserved host, RFC 2606: no loader can fetch it)`);
    else if (doc.$id !== idBase + file) at("/$id", `last segment must be the file name ${file}`);
    // Case aside, so that the API's own names keep their capitals (FIMCompletionRequest, OCRRequest).
    if (typeof doc.title !== "string" || !typeName.test(doc.title) || doc.title.toLowerCase() !== pascalOf(file).toLowerCase()) {
      at("/title", `must be ${pascalOf(file)}, the file name in PascalCase (capitals may differ, as in OCRRequest)`);
    }
    if (typeof doc.description !== "string") at("/description", "the document needs a description");
    if (!Array.isArray(doc.examples) || doc.examples.length === 0) at("/examples", "needs at least one realistic example");
    for (const [name, definition] of Object.entries(doc.definitions ?? {})) {
      const where = `/definitions/${name}`;
      if (!typeName.test(name)) at(where, "a definition's name is a TypeScript type name: PascalCase letters and digits");
      else if (name in globalThis) at(where, `${name} would shadow the global ${name} in the generated types`);
      else if (typeNames.has(name)) at(where, `${name} is already the name of ${typeNames.get(name)}`);
      else typeNames.set(name, `${file}#${where}`);
      if (typeof definition.description !== "string") at(where, "a definition needs a description");
      if ("title" in definition && definition.title !== name) at(`${where}/title`, `a definition's title, if any, is its name ${name}`);
    }
    for (const [schema, pointer, parent] of subschemas(doc)) {
      for (const key of Object.keys(schema)) {
        if (key === "format") at(pointer, 'no "format": validators assert it differently (some by default, some never); describe the form, and for a file id write {"$ref": "file-id.schema.json"}');
        else if (!KEYWORDS.has(key)) at(pointer, `keyword "${key}" is not in the allowed set`);
      }
      if (pointer !== "" && "definitions" in schema) at(pointer, "definitions belong at the document's root");
      if ("title" in schema && pointer !== "" && !/^\/definitions\/[^/]+$/.test(pointer)) {
        at(`${pointer}/title`, "a title only on a document or a definition: anywhere else it becomes a separate TypeScript type");
      }
      if ("$ref" in schema) {
        if (Object.keys(schema).length > 1) at(pointer, "$ref must stand alone (draft-07 ignores its siblings)");
        const { problem } = resolveRef(String(schema.$ref), file, docs);
        if (problem) at(pointer, problem);
      }
      const constraint = isConstraintBranch(schema, pointer);
      for (const [key, value] of Object.entries(schema.properties ?? {})) {
        // A constraint branch narrows keys its object declares and describes.
        if (!constraint && !("$ref" in value) && typeof value.description !== "string") at(`${pointer}/properties/${key}`, "property needs a description");
      }
      if (schema.properties && schema.additionalProperties === true && !isBranch(pointer)) {
        at(pointer, 'declares properties and "additionalProperties": true: say nothing and let the profile decide (only a branch of anyOf, oneOf or allOf may say it, to stay a constraint)');
      }
      const composite = ["anyOf", "oneOf", "allOf"].some((k) => k in schema);
      if (typesOf(schema).includes("object") && !schema.properties && !composite && schema.additionalProperties === undefined) {
        at(pointer, 'a free-form object must say "additionalProperties": true (or the types get {})');
      }
      for (const key of schema.required ?? []) {
        const declared = (s) => s?.properties && key in s.properties;
        if (!declared(schema) && !(isBranch(pointer) && declared(parent))) at(`${pointer}/required`, `required key "${key}" is not declared in properties`);
      }
      for (const k of ["anyOf", "oneOf", "allOf"]) {
        if (k in schema && (!Array.isArray(schema[k]) || schema[k].length < 2)) at(`${pointer}/${k}`, `${k} needs at least two branches`);
      }
      if ("exclusiveMinimum" in schema && typeof schema.exclusiveMinimum !== "number") {
        at(`${pointer}/exclusiveMinimum`, "must be a number (draft-06 on); the draft-04 boolean form means something else");
      }
      if ("discriminator" in schema) for (const [sub, problem] of discriminatorProblems(schema, file, docs)) at(pointer + sub, problem);
      else if (Array.isArray(schema.oneOf)) {
        const branches = schema.oneOf;
        const exclusive = branches.every((a, i) => !("$ref" in a) && branches.every((b, j) => j <= i || typesDisjoint(a, b)));
        if (!exclusive) at(`${pointer}/oneOf`, "a oneOf needs a discriminator, or branches of disjoint types (integer is a number); otherwise write anyOf");
      }
      if ("pattern" in schema) {
        const { problems: wrong, maxLength } = analysePattern(String(schema.pattern));
        for (const problem of wrong) at(`${pointer}/pattern`, problem);
        if (maxLength === Infinity && !("maxLength" in schema)) at(`${pointer}/pattern`, "a pattern with an unbounded quantifier needs a maxLength beside it");
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
      ajv = createAjv(profile, { schemas: everything }); // strict mode: unknown keywords or ambiguous types throw
    } catch (error) {
      problems.push(`(${profile} profile): Ajv strict compile failed: ${error.message}`);
      continue;
    }
    for (const { file, doc } of schemasFor(profile, everything)) {
      if (!ajv.validateSchema(doc)) problems.push(`${file}: meta-schema: ${ajv.errorsText(ajv.errors)}`);
      let validate;
      try {
        validate = ajv.getSchema(doc.$id);
      } catch (error) {
        problems.push(`${file} (${profile} profile): Ajv strict compile failed: ${error.message}`);
        continue;
      }
      if (!validate) problems.push(`${file}: ${profile} profile did not compile`);
      else {
        (doc.examples ?? []).forEach((example, i) => {
          if (!validate(example)) problems.push(`${file}#/examples/${i}: invalid (${profile} profile): ${ajv.errorsText(validate.errors)}`);
        });
      }
    }
  }
  // The 2020-12 copies: the 2020-12 meta-schema, Ajv's strict mode, and the examples again.
  for (const profile of profiles) {
    const copies = schemasFor(profile, everything).map(({ file, doc }) => ({ file, doc: derive2020(doc) }));
    const ajv = new Ajv2020.default({ strict: true, allowUnionTypes: true, discriminator: true });
    try {
      for (const { doc } of copies) ajv.addSchema(doc);
      for (const { file, doc } of copies) {
        if (!ajv.validateSchema(doc)) problems.push(`${file} (2020-12 copy, ${profile}): meta-schema: ${ajv.errorsText(ajv.errors)}`);
        const validate = ajv.getSchema(doc.$id);
        (doc.examples ?? []).forEach((example, i) => {
          if (!validate(example)) problems.push(`${file}#/examples/${i}: invalid (2020-12 copy, ${profile}): ${ajv.errorsText(validate.errors)}`);
        });
      }
    } catch (error) {
      problems.push(`(2020-12 copies, ${profile} profile): Ajv strict compile failed: ${error.message}`);
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
