// Where the vectors reach into the schemas: each value of a vector paired with every
// subschema that applies to it, followed through $refs (into other documents and their
// definitions), properties, items, additionalProperties, propertyNames (the keys), allOf, and
// the branches of anyOf and oneOf that the value matches (a discriminated union: the branch its
// tag names, matching or not; every branch when the value matches none). The vector coverage test derives its rules for bounds, key
// names, patterns, enums and branches from these visits, wherever the keyword is.
import Ajv from "ajv";
import { schemasFor } from "../../scripts/lib/schemas.mjs";

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const segment = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/** A subschema's place: its document's `$id`, `#`, and its JSON Pointer in that document. */
export type Location = string;

const documents = schemasFor("default");
const byId = new Map(documents.map(({ doc }) => [doc.$id as string, doc as Schema]));
const idByFile = new Map(documents.map(({ file, doc }) => [file, doc.$id as string]));

// Not the strict Ajv of the build: a branch of an anyOf (say `{ "required": [...] }`) is compiled
// on its own here, which strict mode refuses for want of a type.
const ajv = new Ajv.default({ strict: false, allowUnionTypes: true, discriminator: true });
for (const { doc } of documents) ajv.addSchema(doc);
const matches = (location: Location, value: unknown) => ajv.getSchema(location)!(value) as boolean;

/** The subschema at a location. */
export function schemaAt(location: Location): Schema {
  const [id, pointer = ""] = location.split("#");
  let node: unknown = byId.get(id!);
  for (const raw of pointer.split("/").slice(1)) node = (node as Record<string, unknown>)[raw.replaceAll("~1", "/").replaceAll("~0", "~")];
  return node as Schema;
}

/** The location a `$ref` found at `location` names. */
function target(ref: string, location: Location): Location {
  const [file, fragment = ""] = ref.split("#");
  const id = file ? idByFile.get(file)! : location.split("#")[0]!;
  return `${id}#${fragment}`;
}

/** Calls `visit` for each (subschema location, value) pair of `value` checked against `location`. */
export function walk(location: Location, value: unknown, visit: (location: Location, value: unknown) => void): void {
  const schema = schemaAt(location);
  if (!isObject(schema)) return;
  visit(location, value);
  if (typeof schema.$ref === "string") return walk(target(schema.$ref, location), value, visit);
  if (Array.isArray(schema.allOf)) schema.allOf.forEach((_, i) => walk(`${location}/allOf/${i}`, value, visit));
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    const discriminator = schema.discriminator as { propertyName: string } | undefined;
    const locations = branches.map((_, i) => `${location}/${keyword}/${i}`);
    if (discriminator && isObject(value)) {
      // The branch the tag names, whether the value matches it or not.
      branches.forEach((branch, i) => {
        const resolved = typeof (branch as Schema).$ref === "string" ? schemaAt(target((branch as Schema).$ref as string, locations[i]!)) : (branch as Schema);
        const tag = ((resolved.properties as Record<string, Schema> | undefined)?.[discriminator.propertyName])?.const;
        if (tag === value[discriminator.propertyName]) walk(locations[i]!, value, visit);
      });
    } else {
      // The branches the value matches; when it matches none (so the vector is invalid), every
      // branch, so that a value just outside a branch's bound or enum is seen there.
      const matching = locations.filter((at) => matches(at, value));
      for (const at of matching.length > 0 ? matching : locations) walk(at, value, visit);
    }
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) {
      if (Object.hasOwn(properties, key)) walk(`${location}/properties/${segment(key)}`, item, visit);
      else if (isObject(schema.additionalProperties)) walk(`${location}/additionalProperties`, item, visit);
      if (isObject(schema.propertyNames)) walk(`${location}/propertyNames`, key, visit);
    }
  }
  if (Array.isArray(value) && isObject(schema.items)) for (const item of value) walk(`${location}/items`, item, visit);
}

/** The schema at a location, with its `$ref`s followed. */
export function resolvedAt(location: Location): Schema {
  let schema = schemaAt(location);
  for (let depth = 0; typeof schema.$ref === "string"; depth++) {
    if (depth > 50) throw new Error(`${location}: $ref chain too long`);
    location = target(schema.$ref, location);
    schema = schemaAt(location);
  }
  return schema;
}
