// fast-check arbitraries derived from the schemas (the keyword subset the authoring rules
// allow), and single mutations of valid values. Plain JavaScript so that both the tests and
// scripts/fuzz-corpus.mjs use them.
import fc from "fast-check";
import { schemasFor } from "../../scripts/lib/schemas.mjs";

const byFile = (profile) => new Map(schemasFor(profile).map(({ file, doc }) => [file, doc]));

/** JSON values only: no -0, no non-finite numbers, no undefined; what JSON.parse can return. */
export const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)));

/** Extra keys for open objects: names no schema declares. */
const extraKey = fc.string({ minLength: 1, maxLength: 8 }).map((s) => `x_${s}`);

/**
 * Values valid against `schema` in `profile`. Open objects (default profile) get extra keys
 * too; free-form objects get any JSON values.
 */
export function validArbitrary(schema, profile, docs = byFile(profile)) {
  if (schema.$ref) return validArbitrary(docs.get(schema.$ref), profile, docs);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ("const" in schema) return fc.constant(schema.const);
  const types = [schema.type].flat();
  const nonNull = types.filter((t) => t !== "null");
  const arbitraries = nonNull.map((type) => {
    switch (type) {
      case "string":
        return schema.format === "uuid" ? fc.uuid() : fc.string({ maxLength: 20 });
      case "integer":
        return fc.integer({ min: -1e12, max: 1e12 });
      case "array":
        return fc.array(validArbitrary(schema.items, profile, docs), { maxLength: 4 });
      case "object": {
        if (!schema.properties) return fc.dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 4, noNullPrototype: true });
        const shape = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, validArbitrary(s, profile, docs)]));
        const declared = fc.record(shape, { requiredKeys: schema.required ?? [], noNullPrototype: true });
        if (schema.additionalProperties === false) return declared;
        return fc
          .tuple(declared, fc.dictionary(extraKey, jsonValue, { maxKeys: 2, noNullPrototype: true }))
          .map(([known, extra]) => ({ ...extra, ...known }));
      }
      default:
        throw new Error(`validArbitrary: no arbitrary for type ${type}`);
    }
  });
  if (types.includes("null")) arbitraries.push(fc.constant(null));
  return arbitraries.length === 1 ? arbitraries[0] : fc.oneof(...arbitraries);
}

const jsonTypeOf = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);
const samples = { string: "x", number: 1.5, integer: 7, boolean: true, null: null, array: [], object: {} };

/** Values of a JSON type the schema does not allow (so any of them is a wrong type). */
export function wrongTypes(schema, docs) {
  const target = schema.$ref ? docs.get(schema.$ref) : schema;
  const allowed = new Set([target.type].flat());
  const isAllowed = (value) => {
    const type = jsonTypeOf(value);
    if (type === "integer") return allowed.has("integer") || allowed.has("number");
    return allowed.has(type);
  };
  return Object.values(samples).filter((value) => !isAllowed(value));
}

/**
 * The single mutations of a valid object `value` of an object model, each with the JSON
 * Pointer where the validator must report it.
 */
export function mutationsOf(value, schema, profile, docs = byFile(profile), pointer = "") {
  const out = [];
  const required = schema.required ?? [];
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const at = `${pointer}/${key}`;
    const set = (v) => ({ ...value, [key]: v });
    if (required.includes(key)) {
      const { [key]: _removed, ...rest } = value;
      out.push({ kind: "required key removed", pointer: at, value: rest });
    }
    for (const wrong of wrongTypes(prop, docs)) out.push({ kind: `wrong type ${jsonTypeOf(wrong)}`, pointer: at, value: set(wrong) });
    const target = prop.$ref ? docs.get(prop.$ref) : prop;
    if (target.enum) out.push({ kind: "value outside the enum", pointer: at, value: set(`${target.enum[0]}_NOT`) });
    if ("const" in target) out.push({ kind: "other than the literal", pointer: at, value: set(`${target.const}_not`) });
    // One level down: the first element of an array of objects.
    const items = target.items && (target.items.$ref ? docs.get(target.items.$ref) : target.items);
    if (items?.properties && Array.isArray(value[key]) && value[key].length > 0 && value[key][0] && typeof value[key][0] === "object") {
      for (const inner of mutationsOf(value[key][0], items, profile, docs, `${at}/0`)) {
        out.push({ ...inner, value: set([inner.value, ...value[key].slice(1)]) });
      }
    }
  }
  if (profile === "strict" && schema.properties) out.push({ kind: "unknown key", pointer: `${pointer}/x_unknown`, value: { ...value, x_unknown: 1 } });
  return out;
}

/** Every object model: its schema title, `$id` and document, per profile. */
export const objectModels = (profile) =>
  schemasFor(profile)
    .filter(({ doc }) => doc.type === "object")
    .map(({ doc }) => ({ title: doc.title, id: doc.$id, doc }));

