// `~standard.jsonSchema`: a model's JSON Schema as one self-contained document, in the two
// dialects the build writes (draft-07, the source; 2020-12, its mechanical copy).
import type { StandardJSONSchemaV1 } from "./standard-schema.js";

/** The JSON Schema targets this package writes: the dialects of schemas/bundles/. */
export type JsonSchemaTarget = "draft-07" | "draft-2020-12";

/**
 * One model's self-contained document in each target, as the build writes it: the model's own
 * document with every document it refers to embedded under `definitions` (`$defs` in 2020-12)
 * by title, each keeping its `$id`, so that the relative `$ref`s resolve inside the one document.
 */
export type JsonSchemaDocuments = Record<JsonSchemaTarget, Record<string, unknown>>;

const isTarget = (target: unknown): target is JsonSchemaTarget => target === "draft-07" || target === "draft-2020-12";

/**
 * The Standard JSON Schema converter of one model. Both methods return the same document,
 * since validation never changes a value (its input and output types are one). A fresh copy on
 * every call (`documents` builds one): the caller may change it.
 * @throws {TypeError} for a target other than `draft-07` and `draft-2020-12`, as the
 *   Standard JSON Schema spec asks of an unsupported target.
 */
export function jsonSchemaConverter(documents: () => JsonSchemaDocuments): StandardJSONSchemaV1.Converter {
  const document = (options: StandardJSONSchemaV1.Options): Record<string, unknown> => {
    const target: unknown = (options as Partial<StandardJSONSchemaV1.Options> | undefined)?.target;
    if (!isTarget(target)) {
      throw new TypeError(`batch-job-schema: no JSON Schema for target ${JSON.stringify(String(target))}; the targets are draft-07 and draft-2020-12`);
    }
    return documents()[target] as Record<string, unknown>;
  };
  return Object.freeze({ input: document, output: document });
}
