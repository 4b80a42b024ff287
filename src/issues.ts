import type { StandardSchemaV1 } from "./standard-schema.js";

/**
 * The strict profile's file id, the canonical UUID text form: the pattern the build gives
 * schemas/file-id.schema.json in that profile (scripts/lib/schemas.mjs, `canonicalUuid`; a
 * test keeps the two equal), known here so that its message reads as words.
 */
export const canonicalUuidPattern = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";

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
  /**
   * The failing keyword as a URI reference relative to the model's document: `#/properties/id/type`,
   * `#/definitions/ImageURL/required` inside a definition, `batch-error.schema.json#/required`
   * inside another document. Resolved against the model's `$id`, its fragment names the keyword.
   */
  readonly schemaPath: string;
  /**
   * The JSON Schema keyword that failed (`required`, `type`, `enum`, `const`, `format`,
   * `additionalProperties`, `minimum`, `maxLength`, `pattern`, `propertyNames`, `anyOf`,
   * `oneOf`, `discriminator`, ...), or `exception` when reading the value threw.
   */
  readonly keyword: string;
  /**
   * The keyword's parameters as Ajv reports them, such as `{ missingProperty: "model" }`;
   * `discriminator` adds `allowedValues`, the tag values its branches accept (as `enum` has).
   */
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
  /** Set by Ajv on an error inside `propertyNames`: the key that failed (`data` is the key too). */
  propertyName?: string;
  /** Set by the generator's branch-count pass on an `anyOf` or `oneOf` error: how many errors its branches left just before it. */
  branchErrors?: number;
}

// Issues are built on the failure path only, but a service may reject many payloads, and a
// hostile payload may carry a key of many megabytes: everything here is one pass over what it
// echoes, with no repeated replace over the whole text (measured by `npm run bench:hostile`).

/** Longest excerpt of a received string or key that a message quotes. */
const excerptLength = 60;
/** Longest pointer or thrown message that display text shows. */
const longExcerptLength = 120;

/**
 * Builds a string from UTF-16 code units in fixed-size chunks: time and memory linear in the
 * output, where `replaceAll` over a text made mostly of matches costs a multiple of both.
 */
class UnitWriter {
  private units: number[] = [];
  private readonly parts: string[];
  constructor(prefix: string) {
    this.parts = [prefix];
  }
  push(unit: number): void {
    if (this.units.push(unit) === 8192) this.flush();
  }
  private flush(): void {
    this.parts.push(String.fromCharCode.apply(null, this.units));
    this.units = [];
  }
  toString(): string {
    this.flush();
    return this.parts.join("");
  }
}

const tildeUnit = 126;
const slashUnit = 47;

/** A key as one JSON Pointer segment (RFC 6901): `~` as `~0`, `/` as `~1`. */
function escapePointer(key: string): string {
  // Two native searches find the common key with neither character fastest.
  const tilde = key.indexOf("~");
  const slash = key.indexOf("/");
  if (tilde < 0 && slash < 0) return key;
  let i = tilde < 0 ? slash : slash < 0 ? tilde : Math.min(tilde, slash);
  const out = new UnitWriter(key.slice(0, i));
  for (; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === tildeUnit || c === slashUnit) {
      out.push(tildeUnit);
      out.push(c === tildeUnit ? 48 : 49);
    } else out.push(c);
  }
  return out.toString();
}

/** One JSON Pointer segment back to its key: `~1` as `/`, `~0` as `~`, in one pass (so `~01` is `~1`). */
function unescapePointer(segment: string): string {
  let i = segment.indexOf("~");
  if (i < 0) return segment;
  const out = new UnitWriter(segment.slice(0, i));
  for (; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    const next = segment.charCodeAt(i + 1);
    if (c === tildeUnit && (next === 48 || next === 49)) {
      out.push(next === 48 ? tildeUnit : slashUnit);
      i++;
    } else out.push(c);
  }
  return out.toString();
}

// With the `u` flag a well-formed surrogate pair is one code point outside \uD800-\uDFFF, so
// the second alternative matches only a lone surrogate. Built on first use: a pattern of Unicode
// properties costs about 0.2 ms to create, which every import would pay for a failure path.
const invisibleSource = String.raw`[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\uD800-\uDFFF]`;
let invisible: RegExp | undefined;
let invisibleOrQuoting: RegExp | undefined;

/** `\uXXXX` for each code unit of `match` (two for an astral format character); `\"` and `\\` for the quoting characters. */
function escapeMatch(match: string): string {
  if (match === '"' || match === "\\") return `\\${match}`;
  let out = "";
  for (let i = 0; i < match.length; i++) out += `\\u${match.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
}

/**
 * Display text for a string that came from the input (a value, a key, a pointer, a file name):
 * every character of the Unicode categories Cc (controls), Cf (format characters such as the
 * zero-width space and the bidirectional overrides), Zl and Zp, and every lone surrogate, as
 * `\uXXXX` (lowercase hex), so that no received text can look like another or hide itself.
 * A well-formed surrogate pair is kept. Other characters, the backslash included, are kept as
 * they are: for an unambiguous quoted form use {@link quoteForDisplay}. Never throws.
 */
export function escapeForDisplay(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Printable ASCII needs no look-up; anything else goes to the Unicode-aware pattern.
    if (c < 0x20 || c > 0x7e) {
      invisible ??= new RegExp(invisibleSource, "gu");
      return text.replace(invisible, escapeMatch);
    }
  }
  return text;
}

/**
 * `text` between double quotes as a JSON string literal that parses back to `text`: `"` and
 * `\` escaped by a backslash, and the characters {@link escapeForDisplay} escapes as `\uXXXX`.
 */
export function quoteForDisplay(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 34 || c === 92) {
      invisibleOrQuoting ??= new RegExp(`["\\\\]|${invisibleSource}`, "gu");
      return `"${text.replace(invisibleOrQuoting, escapeMatch)}"`;
    }
  }
  return `"${text}"`;
}

/**
 * At most `max` code units of `text`: the text itself when it fits, else its start followed by
 * `...`, cut before a surrogate pair rather than through it.
 */
export function excerpt(text: string, max: number = excerptLength): string {
  if (text.length <= max) return text;
  let end = max - 3;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    const next = text.charCodeAt(end);
    if (next >= 0xdc00 && next <= 0xdfff) end--;
  }
  return `${text.slice(0, end)}...`;
}

/** A JSON Pointer as display text: escaped, and cut to a bounded excerpt. */
export const displayPointer = (pointer: string): string => escapeForDisplay(excerpt(pointer, longExcerptLength));

/** Describes a received value briefly: its JSON type and, for scalars, the value itself (a string quoted, escaped and cut to 60 characters). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "string":
      return `string ${quoteForDisplay(excerpt(value))}`;
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

/** "a, b, c": strings as they are, other values as JSON. */
const listOf = (values: readonly unknown[]) => values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
const listed = new WeakMap<readonly unknown[], string>();
/** {@link listOf} for a list of the compiled schema (an `enum`), worked out once per list. */
const schemaList = (values: readonly unknown[]) => {
  let text = listed.get(values);
  if (text === undefined) listed.set(values, (text = listOf(values)));
  return text;
};

const typeNamesCache = new Map<string, string>();
/** Ajv's `integer,null` as `integer or null`, computed once per distinct type list. */
function typeNames(types: string): string {
  let names = typeNamesCache.get(types);
  if (names === undefined) typeNamesCache.set(types, (names = types.split(",").join(" or ")));
  return names;
}

/** Characters (code points, as JSON Schema counts them: a surrogate pair is one) of a string. */
function lengthOf(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

const plural = (count: unknown, one: string, many: string) => `${String(count)} ${count === 1 ? one : many}`;

/** "a, b or c". */
const orList = (parts: readonly string[]) => (parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} or ${parts[parts.length - 1]!}`);

const article = (name: string) => (/^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`);
const typePhrases: Readonly<Record<string, string>> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  null: "null",
  object: "an object",
  array: "an array",
};
const pluralTypes: Readonly<Record<string, string>> = {
  string: "strings",
  integer: "integers",
  number: "numbers",
  boolean: "booleans",
  object: "objects",
  array: "arrays",
};

/** The model a `$ref` names: `#/definitions/TextChunk` → `TextChunk`, `batch-request.schema.json` → `BatchRequest`. */
function refName(ref: string): string {
  const hash = ref.lastIndexOf("/");
  const last = hash < 0 ? ref : ref.slice(hash + 1);
  return last.replace(/\.schema\.json.*$/, "").replace(/(^|-)([a-z0-9])/g, (_, __: string, c: string) => c.toUpperCase());
}

/**
 * One branch of an `anyOf` or `oneOf` as a phrase (`a string`, `an array of strings`, `null`,
 * `a TextChunk`, `"auto"`), or `undefined` when it is not simple enough to say briefly.
 */
function branchPhrase(branch: unknown): string | undefined {
  if (branch === null || typeof branch !== "object") return undefined;
  const schema = branch as Record<string, unknown>;
  if (typeof schema.$ref === "string") return article(refName(schema.$ref));
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schemaList(schema.enum)}`;
  if (schema.type === undefined) {
    // A constraint branch: the keys it needs, and what they must be.
    const required = Array.isArray(schema.required) ? (schema.required as unknown[]).map(String) : [];
    if (required.length === 0) return undefined;
    const properties = (schema.properties ?? {}) as Record<string, { type?: unknown }>;
    return required
      .map((key) => {
        const type = properties[key]?.type;
        return typeof type === "string" && type in typePhrases ? `${key} (${typePhrases[type]!})` : key;
      })
      .join(" and ");
  }
  const types = ([] as unknown[]).concat(schema.type).map(String);
  if (!types.every((t) => t in typePhrases)) return undefined;
  return orList(
    types.map((type) => {
      if (type !== "array" || schema.items === null || typeof schema.items !== "object") return typePhrases[type]!;
      const items = schema.items as Record<string, unknown>;
      if (typeof items.$ref === "string") return `an array of ${refName(items.$ref)}`;
      return typeof items.type === "string" && items.type in pluralTypes ? `an array of ${pluralTypes[items.type]!}` : "an array";
    }),
  );
}

const compositeCache = new WeakMap<object, string>();
/** What an `anyOf` or `oneOf` allows, from its branches (the all-errors build is `verbose`), computed once per schema. */
function alternatives(branches: unknown): string {
  if (!Array.isArray(branches)) return "match one of the allowed forms";
  let text = compositeCache.get(branches);
  if (text === undefined) {
    const phrases = branches.map(branchPhrase);
    const constraints = branches.every((b) => b !== null && typeof b === "object" && !("type" in b) && !("$ref" in b) && Array.isArray((b as { required?: unknown }).required));
    if (phrases.some((p) => p === undefined)) text = `match one of the ${branches.length} allowed forms`;
    else text = constraints ? `have ${orList(phrases as string[])}` : `be ${orList(phrases as string[])}`;
    compositeCache.set(branches, text);
  }
  return text;
}

function messageOf(error: AjvError): string {
  const got = `got ${describeValue(error.data)}`;
  const { params } = error;
  switch (error.keyword) {
    case "required":
      return `missing required key "${String(params.missingProperty)}"`;
    case "additionalProperties":
      return `unknown key ${quoteForDisplay(excerpt(String(params.additionalProperty)))} (only the declared keys are allowed here)`;
    case "type":
      return `must be ${typeNames(String(params.type))}; ${got}`;
    case "enum":
      // The schema's own list (the all-errors build is `verbose`): params hold a fresh copy per error.
      return `must be one of ${Array.isArray(error.schema) ? schemaList(error.schema) : listOf(params.allowedValues as unknown[])}; ${got}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}; ${got}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      // Ajv's comparison is ASCII: >=, <=, >, <.
      return `must be ${String(params.comparison)} ${String(params.limit)}; ${got}`;
    case "minLength":
    case "maxLength": {
      const bound = error.keyword === "minLength" ? "at least" : "at most";
      const length = typeof error.data === "string" ? `; got ${lengthOf(error.data)}` : "";
      return `must be ${bound} ${plural(params.limit, "character", "characters")} long${length}`;
    }
    case "minItems":
    case "maxItems": {
      const bound = error.keyword === "minItems" ? "at least" : "at most";
      const length = Array.isArray(error.data) ? `; got ${error.data.length}` : "";
      return `must have ${bound} ${plural(params.limit, "item", "items")}${length}`;
    }
    case "pattern":
      // The strict profile's file id (schemas/file-id.schema.json, made strict by the build).
      if (params.pattern === canonicalUuidPattern) return `must be a UUID in canonical form (8-4-4-4-12 hexadecimal digits); ${got}`;
      return `must match the pattern ${String(params.pattern)}; ${got}`;
    case "anyOf":
    case "oneOf": {
      const passing = params.passingSchemas;
      // A oneOf that several branches match (the schema lint allows only exclusive ones).
      if (Array.isArray(passing)) return `matches ${passing.length} of the forms that oneOf allows (branches ${passing.join(" and ")}), not exactly one; ${got}`;
      return `must ${alternatives(error.schema)}; ${got}`;
    }
    case "discriminator":
      if (params.tagValue === undefined) return `missing required key "${String(params.tag)}"`;
      return `must be one of ${listOf(params.allowedValues as unknown[])}; got ${describeValue(params.tagValue)}`;
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

/**
 * Walks the pointer through the value to tell array indices (numbers) from object keys. Every
 * read may run a getter, so `nodes` remembers, for one list of issues, what each pointer prefix
 * read; and the node a pointer ends at is never read, only its container is needed.
 */
function pathOf(root: unknown, pointer: string, nodes: Map<string, unknown>): (string | number)[] {
  const segments = pointer.slice(1).split("/");
  const path: (string | number)[] = [];
  let node: unknown = root;
  let prefix = "";
  for (let i = 0; i < segments.length; i++) {
    const raw = segments[i]!;
    const key = unescapePointer(raw);
    path.push(Array.isArray(node) && isIndex(key) ? Number(key) : key);
    if (i === segments.length - 1) break;
    prefix += `/${raw}`;
    if (nodes.has(prefix)) node = nodes.get(prefix);
    else {
      node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
      nodes.set(prefix, node);
    }
  }
  return path;
}

// Pointers mostly name the schema's keys and a few indices, a small set: what a pointer's keys
// are (or that it has a segment that may be an index, and needs the value) is worked out once.
// Bounded in count and length, for pointers that name keys of the value.
const pointerKeys = new Map<string, readonly string[] | null>();
const pointerKeysCap = 4096;
const cachedPointerLength = 256;
/** The pointer's keys when none of its segments can be an index, else null. */
function keysOfPointer(pointer: string): readonly string[] | null {
  let keys = pointerKeys.get(pointer);
  if (keys === undefined) {
    // Worked out once per pointer, so the split needs no shortcut of its own.
    const segments = pointer === "" ? [] : pointer.slice(1).split("/");
    keys = segments.some(isIndex) ? null : segments.map(unescapePointer);
    if (pointerKeys.size < pointerKeysCap && pointer.length <= cachedPointerLength) pointerKeys.set(pointer, keys);
  }
  return keys;
}

/**
 * The errors to report, in Ajv's order. Dropped: the errors inside `propertyNames`, which the
 * `propertyNames` error itself reports at the key (their messages are kept for it); and in a
 * failed `anyOf` or `oneOf`, each branch's errors that only say the branch does not apply
 * (a wrong type, const or enum at the composite's own place, a key missing from a constraint
 * branch, a key one level down that several branches want as different literals), which the
 * composite's message lists as the alternatives. A fault inside the branch that applies
 * (deeper in the value) is kept.
 */
function reported(errors: readonly AjvError[]): { errors: readonly AjvError[]; keyFaults: Map<AjvError, string[]> | undefined } {
  // The common failure has none of the errors that are sorted out below: no copy, no tables.
  if (!errors.some(isSorted)) return { errors, keyFaults: undefined };
  const drop = new Set<number>();
  const keyFaults = new Map<AjvError, string[]>();
  let pendingKeyFaults: string[] = [];
  for (let i = 0; i < errors.length; i++) {
    const error = errors[i]!;
    if (error.propertyName !== undefined) {
      // Ajv lists a key's faults just before the propertyNames error that names the key.
      pendingKeyFaults.push(messageOf(error));
      drop.add(i);
      continue;
    }
    const next = errors[i + 1];
    if (error.keyword === "maxLength" && next?.keyword === "pattern" && next.params.pattern === canonicalUuidPattern && next.instancePath === error.instancePath) {
      drop.add(i); // a file id too long for a UUID: the pattern's message says it all
      continue;
    }
    if (error.keyword === "propertyNames") {
      keyFaults.set(error, pendingKeyFaults);
      pendingKeyFaults = [];
    }
    const count = error.branchErrors;
    if (typeof count === "number" && (error.keyword === "anyOf" || error.keyword === "oneOf")) {
      const branchPath = `${error.schemaPath}/`;
      const tags = new Map<string, number[]>();
      for (let j = Math.max(0, i - count); j < i; j++) {
        const inner = errors[j]!;
        if (inner.instancePath === error.instancePath) {
          const notApplying =
            inner.keyword === "type" || inner.keyword === "const" || inner.keyword === "enum" || (inner.keyword === "required" && inner.schemaPath.startsWith(branchPath));
          if (notApplying) drop.add(j);
        } else if (inner.keyword === "const" && inner.instancePath.lastIndexOf("/") === error.instancePath.length) {
          // A key one level down that several branches want as different literals is their tag.
          tags.set(inner.instancePath, [...(tags.get(inner.instancePath) ?? []), j]);
        }
      }
      for (const indices of tags.values()) if (indices.length > 1) for (const j of indices) drop.add(j);
    }
  }
  return { errors: drop.size === 0 ? errors : errors.filter((_, i) => !drop.has(i)), keyFaults };
}

/** Whether `reported` may drop or merge this error: inside `propertyNames`, a length before a UUID pattern, a composite's. */
const isSorted = (error: AjvError): boolean => error.propertyName !== undefined || error.keyword === "maxLength" || error.branchErrors !== undefined;

/**
 * Turns Ajv's errors for `root` into issues, at most {@link maxIssues}; each issue shares nothing
 * with the validators: the all-errors build writes params of its own for each error (fresh-params).
 */
export function toIssues(ajvErrors: readonly AjvError[], root: unknown): ValidationIssue[] {
  const { errors, keyFaults } = reported(ajvErrors);
  const count = Math.min(errors.length, maxIssues);
  const issues: ValidationIssue[] = [];
  // What each pointer prefix read, for this list only; made when a pointer first needs it.
  let nodes: Map<string, unknown> | undefined;
  for (let i = 0; i < count; i++) {
    const error = errors[i]!;
    // A missing, unknown or badly named key, or a bad tag, is reported at the key itself, not at the object holding it.
    const { params } = error;
    const key =
      params.missingProperty ??
      params.additionalProperty ??
      (error.keyword === "propertyNames" ? params.propertyName : error.keyword === "discriminator" ? params.tag : undefined);
    const keys = keysOfPointer(error.instancePath);
    const path: (string | number)[] = keys === null ? pathOf(root, error.instancePath, (nodes ??= new Map())) : keys.slice();
    let { instancePath } = error;
    if (typeof key === "string") {
      // The key goes into the path as received: unescaping its pointer segment again would be
      // a second pass over a key that may be megabytes long.
      instancePath = `${instancePath}/${escapePointer(key)}`;
      path.push(key);
    }
    const faults = keyFaults?.get(error);
    const message =
      faults === undefined
        ? messageOf(error)
        : `key ${quoteForDisplay(excerpt(String(params.propertyName)))} ${faults.length > 0 ? faults.join("; ") : "is not an allowed key name"}`;
    issues.push({
      message,
      path,
      instancePath,
      schemaPath: error.schemaPath,
      keyword: error.keyword,
      params,
    });
  }
  return issues;
}

/**
 * What a thrown value says, as display text. Any value can be thrown, and reading it can throw
 * again (a `message` getter, a `toString` or `Symbol.toPrimitive` that throws, a revoked Proxy,
 * an object with no prototype), so every read is guarded: this never throws.
 */
function reasonOf(cause: unknown): string {
  try {
    if (cause !== null && (typeof cause === "object" || typeof cause === "function")) {
      const message = (cause as { message?: unknown }).message;
      if (typeof message === "string") return message;
    }
    // String(), not a template: a symbol converts only this way. Of a primitive it cannot throw;
    // of an object it runs the object's own conversion, which may.
    return String(cause);
  } catch {
    // Reported below without the value's own words.
  }
  return `a thrown ${typeof cause} that cannot be shown as text`;
}

/** The issue for a value that threw while being read (a Proxy trap or a getter), whatever was thrown. Never throws. */
export function exceptionIssue(cause: unknown): ValidationIssue {
  const message = `could not be read: ${escapeForDisplay(excerpt(reasonOf(cause), longExcerptLength))}`;
  return { message, path: [], instancePath: "", schemaPath: "#", keyword: "exception", params: {} };
}
