// `~standard.jsonSchema`: a model's JSON Schema as one self-contained document, in the two
// dialects the build writes (draft-07, the source; 2020-12, its mechanical copy).
import type { StandardJSONSchemaV1 } from "./standard-schema.js";

/** The JSON Schema targets this package writes: the dialects of schemas/bundles/. */
export type JsonSchemaTarget = "draft-07" | "draft-2020-12";

/** The documents of one profile, as the build writes them (src/generated/json-schemas-<profile>.js). */
export interface JsonSchemaDocuments {
  /** The titles of the documents each document refers to, directly or not, sorted. */
  readonly reaches: Readonly<Record<string, readonly string[]>>;
  /** Every document by title, in draft-07 (with `definitions`). */
  readonly "draft-07": Readonly<Record<string, Record<string, unknown>>>;
  /** Every document by title, in draft 2020-12 (with `$defs`). */
  readonly "draft-2020-12": Readonly<Record<string, Record<string, unknown>>>;
}

const isTarget = (target: unknown): target is JsonSchemaTarget => target === "draft-07" || target === "draft-2020-12";
const definitionsKeyword = { "draft-07": "definitions", "draft-2020-12": "$defs" } as const;

/**
 * The Standard JSON Schema converter of one model. Both methods return the same document,
 * since validation never changes a value (its input and output types are one): the model's
 * own document, with every document it refers to embedded under `definitions` (`$defs` in
 * 2020-12) by title, each keeping its `$id`, so that the relative `$ref`s resolve inside the
 * one document. A fresh copy on every call: the caller may change it.
 * @throws {TypeError} for a target other than `draft-07` and `draft-2020-12`, as the
 *   Standard JSON Schema spec asks of an unsupported target.
 */
export function jsonSchemaConverter(title: string, documents: () => JsonSchemaDocuments): StandardJSONSchemaV1.Converter {
  const document = (options: StandardJSONSchemaV1.Options): Record<string, unknown> => {
    const target: unknown = (options as Partial<StandardJSONSchemaV1.Options> | undefined)?.target;
    if (!isTarget(target)) {
      throw new TypeError(`batch-job-schema: no JSON Schema for target ${JSON.stringify(String(target))}; the targets are draft-07 and draft-2020-12`);
    }
    const all = documents();
    const byTitle = all[target];
    const own = byTitle[title]!;
    const key = definitionsKeyword[target];
    const embedded = Object.fromEntries(all.reaches[title]!.map((other) => [other, byTitle[other]]));
    const defs = { ...(own[key] as Record<string, unknown> | undefined), ...embedded };
    return structuredClone(Object.keys(defs).length === 0 ? own : { ...own, [key]: defs });
  };
  return Object.freeze({ input: document, output: document });
}
