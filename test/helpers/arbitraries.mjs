// fast-check arbitraries derived from the schemas (the keyword subset the authoring rules
// allow: types, bounds, lengths, patterns, key names, enum and const, $ref into documents and
// their definitions, anyOf, oneOf and allOf), and single mutations of valid values. Plain
// JavaScript so that both the tests and scripts/fuzz-corpus.mjs use them.
import fc from "fast-check";
import { mapSubschemas, schemasFor } from "../../scripts/lib/schemas.mjs";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The documents of a profile by file name, each with its `#/definitions/X` refs written
 * `file#/definitions/X`: a subschema then means the same wherever it is carried (merged into
 * a branch of another document, say).
 */
const docsCache = new Map();
function byFile(profile) {
  let docs = docsCache.get(profile);
  if (!docs) {
    docs = new Map(
      schemasFor(profile).map(({ file, doc }) => [
        file,
        mapSubschemas(doc, (s) => (typeof s.$ref === "string" && s.$ref.startsWith("#") ? { ...s, $ref: `${file}${s.$ref}` } : s)),
      ]),
    );
    docsCache.set(profile, docs);
  }
  return docs;
}

/** The schema a `$ref` names (`file`, `file#/definitions/X`), in the anchored documents. */
function resolveRef(ref, docs) {
  const [file, fragment] = ref.split("#");
  const doc = docs.get(file);
  if (!doc) throw new Error(`arbitraries: no document ${file}`);
  if (!fragment) return doc;
  const name = /^\/definitions\/(.+)$/.exec(fragment)?.[1];
  const target = name === undefined ? undefined : doc.definitions?.[name];
  if (!target) throw new Error(`arbitraries: cannot resolve ${ref}`);
  return target;
}

/** `schema` with its `$ref`s followed until it is not one (the authoring rules keep $ref alone). */
const deref = (schema, docs) => {
  for (let depth = 0; isObject(schema) && typeof schema.$ref === "string"; depth++) {
    if (depth > 50) throw new Error("arbitraries: $ref chain too long");
    schema = resolveRef(schema.$ref, docs);
  }
  return schema;
};

/** The document (anchored) with this `$id` or this identity: callers pass a document from `objectModels`. */
const anchored = (schema, docs) => (typeof schema.$id === "string" ? [...docs.values()].find((d) => d.$id === schema.$id) ?? schema : schema);

const typesOf = (schema) => (schema.type === undefined ? undefined : [schema.type].flat());

/**
 * Both schemas at once, for the branch of an anyOf or oneOf together with the keywords beside
 * it: types intersected, required keys joined, properties merged key by key, the closed
 * `additionalProperties: false` kept over a branch's `true`. Other keywords are taken from
 * either (the authoring rules keep a branch consistent with its object).
 */
function merge(a, b, docs) {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key === "type") {
      const [x, y] = [typesOf(a), [value].flat()];
      out.type = x === undefined ? y : x.filter((t) => y.includes(t) || (t === "number" && y.includes("integer"))).map((t) => (t === "number" && !y.includes("number") ? "integer" : t));
    } else if (key === "required") out.required = [...new Set([...(a.required ?? []), ...value])];
    else if (key === "properties") {
      out.properties = { ...(a.properties ?? {}) };
      for (const [name, sub] of Object.entries(value)) {
        out.properties[name] = name in out.properties ? merge(deref(out.properties[name], docs), deref(sub, docs), docs) : sub;
      }
    } else if (key === "additionalProperties") {
      if (!(value === true && "additionalProperties" in a)) out.additionalProperties = value;
    } else if (!(key in a)) out[key] = value;
  }
  return out;
}

const withoutKeys = (schema, keys) => Object.fromEntries(Object.entries(schema).filter(([k]) => !keys.includes(k)));

/** JSON values only: no -0, no non-finite numbers, no undefined; what JSON.parse can return. */
export const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)));

/** Extra keys for open objects: names no schema declares. */
const extraKey = fc.string({ minLength: 1, maxLength: 8 }).map((s) => `x_${s}`);

/** Code points, as JSON Schema counts a string's length. */
const lengthOf = (s) => [...s].length;
const fitsLength = (schema) => (s) => lengthOf(s) >= (schema.minLength ?? 0) && lengthOf(s) <= (schema.maxLength ?? Infinity);

function stringArbitrary(schema) {
  if (typeof schema.pattern === "string") return fc.stringMatching(new RegExp(schema.pattern, "u")).filter(fitsLength(schema));
  const lo = schema.minLength ?? 0;
  const hi = schema.maxLength ?? Infinity;
  const usual = fc.string({ minLength: lo, maxLength: Math.min(hi, lo + 20) });
  // Now and then a string exactly at a far maximum, where an off-by-one would show.
  return hi > lo + 20 && hi < Infinity ? fc.oneof({ arbitrary: usual, weight: 9 }, { arbitrary: fc.string({ minLength: hi, maxLength: hi }), weight: 1 }) : usual;
}

function numberArbitrary(schema, integer) {
  if (integer) {
    const min = schema.exclusiveMinimum !== undefined ? Math.max(Math.floor(schema.exclusiveMinimum) + 1, schema.minimum ?? -Infinity) : schema.minimum ?? -1e12;
    return fc.integer({ min: Math.ceil(Math.max(min, -1e12)), max: Math.floor(Math.min(schema.maximum ?? 1e12, 1e12)) });
  }
  const min = Math.max(schema.minimum ?? -1e12, schema.exclusiveMinimum ?? -1e12);
  return fc.double({ min, max: schema.maximum ?? 1e12, minExcluded: schema.exclusiveMinimum !== undefined && schema.exclusiveMinimum >= (schema.minimum ?? -Infinity), noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(schema, profile, docs) {
  const keys = schema.propertyNames ? arbitraryOf(schema.propertyNames, profile, docs) : fc.string({ maxLength: 8 });
  const values = isObject(schema.additionalProperties) ? arbitraryOf(schema.additionalProperties, profile, docs) : jsonValue;
  if (!schema.properties) return fc.dictionary(keys, values, { maxKeys: 4, noNullPrototype: true });
  const shape = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, arbitraryOf(s, profile, docs)]));
  const declared = fc.record(shape, { requiredKeys: schema.required ?? [], noNullPrototype: true });
  if (schema.additionalProperties === false) return declared;
  const extraKeys = schema.propertyNames ? extraKey.filter(fitsLength(deref(schema.propertyNames, docs))) : extraKey;
  return fc
    .tuple(declared, fc.dictionary(extraKeys, values, { maxKeys: 2, noNullPrototype: true }))
    .map(([known, extra]) => ({ ...extra, ...known }));
}

/**
 * Values valid against `schema` in `profile`. Open objects (default profile) get extra keys
 * too; free-form objects get any JSON values.
 */
export function validArbitrary(schema, profile, docs = byFile(profile)) {
  return arbitraryOf(schema === true ? true : anchored(schema, docs), profile, docs);
}

function arbitraryOf(schema, profile, docs) {
  if (schema === true) return jsonValue;
  schema = deref(schema, docs);
  if (Array.isArray(schema.allOf)) {
    return arbitraryOf(schema.allOf.reduce((all, branch) => merge(all, deref(branch, docs), docs), withoutKeys(schema, ["allOf"])), profile, docs);
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) {
    // A value of one branch, with the keywords beside the anyOf or oneOf (a oneOf's branches
    // are exclusive: the lint proves it), so it is valid against the whole.
    const base = withoutKeys(schema, ["anyOf", "oneOf", "discriminator"]);
    return fc.oneof(...branches.map((branch) => arbitraryOf(merge(base, deref(branch, docs), docs), profile, docs)));
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ("const" in schema) return fc.constant(schema.const);
  const types = typesOf(schema);
  if (types === undefined) return jsonValue; // no constraint at all
  const arbitraries = types
    .filter((t) => t !== "null")
    .map((type) => {
      switch (type) {
        case "string":
          return stringArbitrary(schema);
        case "integer":
          return numberArbitrary(schema, true);
        case "number":
          return numberArbitrary(schema, false);
        case "boolean":
          return fc.boolean();
        case "array": {
          const lo = schema.minItems ?? 0;
          const items = schema.items === undefined ? jsonValue : arbitraryOf(schema.items, profile, docs);
          return fc.array(items, { minLength: lo, maxLength: Math.min(schema.maxItems ?? Infinity, lo + 4) });
        }
        case "object":
          return objectArbitrary(schema, profile, docs);
        default:
          throw new Error(`validArbitrary: no arbitrary for type ${type}`);
      }
    });
  if (types.includes("null")) arbitraries.push(fc.constant(null));
  return arbitraries.length === 1 ? arbitraries[0] : fc.oneof(...arbitraries);
}

/** One valid value of `schema`, the same on every call (seeded). */
const exampleCache = new WeakMap();
function exampleOf(schema, profile, docs) {
  if (!exampleCache.has(schema)) exampleCache.set(schema, fc.sample(arbitraryOf(schema, profile, docs), { seed: 1, numRuns: 1 })[0]);
  return structuredClone(exampleCache.get(schema));
}

const jsonTypeOf = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);
const samples = { string: "x", number: 1.5, integer: 7, boolean: true, null: null, array: [], object: {} };

/** The JSON types a schema admits (`undefined`: any), through $refs, enums, consts and branches. */
function allowedTypes(schema, docs) {
  schema = deref(schema, docs);
  if (schema === true || !isObject(schema)) return undefined;
  if (schema.enum) return new Set(schema.enum.map(jsonTypeOf));
  if ("const" in schema) return new Set([jsonTypeOf(schema.const)]);
  const own = typesOf(schema);
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) {
    const union = new Set();
    for (const branch of branches) {
      const types = allowedTypes(branch, docs);
      if (types === undefined) return own ? new Set(own) : undefined;
      for (const t of types) if (!own || own.includes(t) || (t === "integer" && own.includes("number"))) union.add(t);
    }
    return union;
  }
  return own ? new Set(own) : undefined;
}

/** Values of a JSON type the schema does not allow (so any of them is a wrong type). */
export function wrongTypes(schema, docs) {
  const allowed = allowedTypes(schema, docs);
  if (allowed === undefined) return [];
  const isAllowed = (value) => {
    const type = jsonTypeOf(value);
    if (type === "integer") return allowed.has("integer") || allowed.has("number");
    return allowed.has(type);
  };
  return Object.values(samples).filter((value) => !isAllowed(value));
}

/** A string that `pattern` rejects, whatever its length rules. */
const notMatching = (pattern) => ["!", "", " ", "\u00e9\u00e9", "~~~", "A", "0"].find((s) => !new RegExp(pattern, "u").test(s));

const escapeKey = (key) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/** The single mutations that break one bound, length, pattern or key name of `prop` (resolved), each with its value. */
function boundMutations(prop, current, profile, docs) {
  const out = [];
  const types = typesOf(prop) ?? [];
  const integer = types.includes("integer") && !types.includes("number");
  const step = integer ? 1 : 0.5;
  if (prop.minimum !== undefined) out.push({ kind: "below the minimum", value: prop.minimum - step });
  if (prop.maximum !== undefined) out.push({ kind: "above the maximum", value: prop.maximum + step });
  if (prop.exclusiveMinimum !== undefined) out.push({ kind: "at the exclusive minimum", value: prop.exclusiveMinimum });
  if (prop.minLength > 0) out.push({ kind: "shorter than minLength", value: "a".repeat(prop.minLength - 1) });
  if (prop.maxLength !== undefined) out.push({ kind: "longer than maxLength", value: "a".repeat(prop.maxLength + 1) });
  if (typeof prop.pattern === "string") out.push({ kind: "not matching the pattern", value: notMatching(prop.pattern) });
  if (prop.maxItems !== undefined || prop.minItems > 0) {
    const item = Array.isArray(current) && current.length > 0 ? current[0] : exampleOf(prop.items, profile, docs);
    if (prop.maxItems !== undefined) out.push({ kind: "more items than maxItems", value: Array.from({ length: prop.maxItems + 1 }, () => item) });
    if (prop.minItems > 0) out.push({ kind: "fewer items than minItems", value: Array.from({ length: prop.minItems - 1 }, () => item) });
  }
  return out;
}

/**
 * The single mutations of a valid object `value` of an object model, each with the JSON
 * Pointer where the validator must report it. Goes down into object values and the first
 * element of arrays of objects, through discriminated unions (the tag names the branch), but
 * not into anyOf branches (which branch a value was meant for is unknown).
 */
export function mutationsOf(value, schema, profile, docs = byFile(profile), pointer = "") {
  return mutationsIn(value, pointer === "" ? anchored(schema, docs) : schema, profile, docs, pointer);
}

function mutationsIn(value, schema, profile, docs, pointer) {
  schema = deref(schema, docs);
  if (schema.discriminator && Array.isArray(schema.oneOf)) {
    const tag = schema.discriminator.propertyName;
    const branch = schema.oneOf.map((b) => deref(b, docs)).find((b) => b.properties?.[tag]?.const === value[tag]);
    const out = [
      { kind: "tag outside the union", pointer: `${pointer}/${escapeKey(tag)}`, value: { ...value, [tag]: `${value[tag]}_not` } },
    ];
    if (branch) out.push(...mutationsIn(value, merge(withoutKeys(schema, ["oneOf", "discriminator"]), branch, docs), profile, docs, pointer));
    return out;
  }
  const out = [];
  const required = schema.required ?? [];
  for (const [key, declared] of Object.entries(schema.properties ?? {})) {
    const at = `${pointer}/${escapeKey(key)}`;
    const set = (v) => ({ ...value, [key]: v });
    const prop = deref(declared, docs);
    if (required.includes(key)) {
      const { [key]: _removed, ...rest } = value;
      out.push({ kind: "required key removed", pointer: at, value: rest });
    }
    for (const wrong of wrongTypes(prop, docs)) out.push({ kind: `wrong type ${jsonTypeOf(wrong)}`, pointer: at, value: set(wrong) });
    if (prop.enum) out.push({ kind: "value outside the enum", pointer: at, value: set(`${prop.enum.find((v) => typeof v === "string") ?? "x"}_NOT`) });
    if ("const" in prop) out.push({ kind: "other than the literal", pointer: at, value: set(`${prop.const}_not`) });
    for (const { kind, value: bad } of boundMutations(prop, value[key], profile, docs)) out.push({ kind, pointer: at, value: set(bad) });
    if (prop.propertyNames) {
      const names = deref(prop.propertyNames, docs);
      const badKey = names.maxLength !== undefined ? "k".repeat(names.maxLength + 1) : names.minLength > 0 ? "" : undefined;
      if (badKey !== undefined) {
        const entry = isObject(prop.additionalProperties) ? exampleOf(prop.additionalProperties, profile, docs) : 1;
        const base = isObject(value[key]) ? value[key] : {};
        out.push({ kind: "key name outside propertyNames", pointer: `${at}/${escapeKey(badKey)}`, value: set({ ...base, [badKey]: entry }) });
      }
    }
    // One level down: an object value, or the first element of an array of objects.
    const inner = value[key];
    const descend = (schemaDown, valueDown, pointerDown, rebuild) => {
      const target = deref(schemaDown, docs);
      if (!isObject(valueDown) || !(target.properties || target.discriminator) || target.anyOf) return;
      for (const m of mutationsIn(valueDown, target, profile, docs, pointerDown)) out.push({ ...m, value: set(rebuild(m.value)) });
    };
    if (isObject(inner) && !prop.anyOf) descend(prop, inner, at, (v) => v);
    else if (Array.isArray(inner) && inner.length > 0 && prop.items && !prop.anyOf) descend(prop.items, inner[0], `${at}/0`, (v) => [v, ...inner.slice(1)]);
  }
  if (schema.additionalProperties === false && schema.properties) out.push({ kind: "unknown key", pointer: `${pointer}/x_unknown`, value: { ...value, x_unknown: 1 } });
  if (pointer === "") out.push({ kind: "an array instead of the object", pointer: "", value: [] });
  return out;
}

/** Every object model: its schema title, `$id` and document, per profile (the derived in-batch bodies included). */
export const objectModels = (profile) =>
  schemasFor(profile)
    .filter(({ doc }) => doc.type === "object")
    .map(({ doc }) => ({ title: doc.title, id: doc.$id, doc }));
