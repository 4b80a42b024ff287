import type { StandardSchemaV1 } from "./standard-schema.js";

/** At most this many issues are listed for one value; the rest of a very broken value is not. */
export const maxIssues = 100;

/** One way in which a value breaks its schema. A Standard Schema issue with Ajv's details. */
export interface ValidationIssue extends StandardSchemaV1.Issue {
  /** What is wrong, for people: names the key, the expected and the received value. */
  readonly message: string;
  /** Keys from the root to the place concerned (array indices as numbers). */
  readonly path: ReadonlyArray<string | number>;
  /** The same place as a JSON Pointer (RFC 6901); `""` is the root. A missing or unknown key is pointed at itself. */
  readonly instancePath: string;
  /** The failing keyword as a URI reference relative to the model's schema: `#/properties/id/type`, or `batch-error.schema.json#/required` inside a referenced document. */
  readonly schemaPath: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `enum`, `const`, `format`, `additionalProperties`), or `exception` when reading the value threw. */
  readonly keyword: string;
  /** The keyword's parameters as Ajv reports them, such as `{ missingProperty: "model" }`. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** The part of an Ajv error object that issues are built from (the all-errors build is `verbose`). */
export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  schema?: unknown;
  data?: unknown;
}

// Issues are built on the failure path only, but a service may reject many payloads: no
// regular expressions or repeated joins here (measured by `npm run bench`).
const escapePointer = (key: string) => (key.includes("~") || key.includes("/") ? key.replaceAll("~", "~0").replaceAll("/", "~1") : key);
const unescapePointer = (segment: string) => (segment.includes("~") ? segment.replaceAll("~1", "/").replaceAll("~0", "~") : segment);

/** JSON quoting, without JSON.stringify's cost for the common string that needs no escape. */
function quote(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** Describes a received value briefly: its JSON type and, for scalars, the value itself. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "string":
      return `string ${quote(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
    case "number":
      return `number ${Object.is(value, -0) ? "-0" : String(value)}`;
    case "bigint":
      return `bigint ${value}n`;
    case "boolean":
      return `boolean ${value}`;
    default:
      return typeof value;
  }
}

const listed = new WeakMap<readonly unknown[], string>();
const list = (values: readonly unknown[]) => {
  let text = listed.get(values);
  if (text === undefined) {
    text = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
    listed.set(values, text);
  }
  return text;
};

const typeNamesCache = new Map<string, string>();
/** Ajv's `integer,null` as `integer or null`, computed once per distinct type list. */
function typeNames(types: string): string {
  let names = typeNamesCache.get(types);
  if (names === undefined) typeNamesCache.set(types, (names = types.split(",").join(" or ")));
  return names;
}

function messageOf(error: AjvError): string {
  const got = `got ${describeValue(error.data)}`;
  const { params } = error;
  switch (error.keyword) {
    case "required":
      return `missing required key "${String(params.missingProperty)}"`;
    case "additionalProperties":
      return `unknown key "${String(params.additionalProperty)}" (the strict profile allows only the declared keys)`;
    case "type":
      return `must be ${typeNames(String(params.type))}; ${got}`;
    case "enum":
      return `must be one of ${list(params.allowedValues as unknown[])}; ${got}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}; ${got}`;
    case "format":
      return `must be a ${String(params.format)}; ${got}`;
    default:
      return `${error.message ?? `fails ${error.keyword}`}; ${got}`;
  }
}

/** A canonical array index: digits, no leading zero. */
function isIndex(key: string): boolean {
  if (key.length === 0 || (key.length > 1 && key.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Walks the pointer through the value to tell array indices (numbers) from object keys. */
function pathOf(root: unknown, pointer: string): (string | number)[] {
  if (pointer === "") return [];
  const segments = pointer.indexOf("/", 1) < 0 ? [pointer.slice(1)] : pointer.slice(1).split("/");
  // Only an index-like segment needs the value to tell an array index from an object key.
  if (!segments.some(isIndex)) return segments.map(unescapePointer);
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of segments) {
    const key = unescapePointer(raw);
    path.push(Array.isArray(node) && isIndex(key) ? Number(key) : key);
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

/** Ajv writes a path through a `$ref` as `file.json/pointer`; make it a proper URI reference. */
function schemaPathOf(ajvPath: string): string {
  if (ajvPath.charCodeAt(0) === 35 /* # */) return ajvPath;
  const slash = ajvPath.indexOf("/");
  return slash < 0 ? `${ajvPath}#` : `${ajvPath.slice(0, slash)}#${ajvPath.slice(slash)}`;
}

/** Turns Ajv's errors for `root` into issues, at most {@link maxIssues}. */
export function toIssues(errors: readonly AjvError[], root: unknown): ValidationIssue[] {
  return errors.slice(0, maxIssues).map((error) => {
    // A missing or unknown key is reported at the key itself, not at the object holding it.
    const key = error.params.missingProperty ?? error.params.additionalProperty;
    const instancePath = typeof key === "string" ? `${error.instancePath}/${escapePointer(key)}` : error.instancePath;
    return {
      message: messageOf(error),
      path: pathOf(root, instancePath),
      instancePath,
      schemaPath: schemaPathOf(error.schemaPath),
      keyword: error.keyword,
      params: error.params,
    };
  });
}

/** The issue for a value that threw while being read (a Proxy trap or a getter). */
export function exceptionIssue(cause: unknown): ValidationIssue {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return { message: `could not be read: ${reason}`, path: [], instancePath: "", schemaPath: "#", keyword: "exception", params: {} };
}
