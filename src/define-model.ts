import { SchemaValidationError } from "./errors.js";
import { exceptionIssue, toIssues, type AjvError, type ValidationIssue } from "./issues.js";
import { jsonSchemaConverter, type JsonSchemaDocuments } from "./json-schema.js";
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "./standard-schema.js";

/** A Standard Schema v1 object that is also a Standard JSON Schema v1 object. */
export type StandardSchemaWithJsonSchema<T> = StandardSchemaV1<unknown, T> & StandardJSONSchemaV1<unknown, T>;

/** An Ajv standalone validator as the generator emits it. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/** The result of a `validate…` function: the Standard Schema result shape. */
export type ValidationResult<T> =
  | { readonly value: T; readonly issues?: undefined }
  | { readonly issues: readonly ValidationIssue[] };

/** Every verb for one model, bound to the validators of one profile. */
export interface Model<T> {
  /** The schema title, such as `BatchJobOut`. */
  readonly name: string;
  /** Type guard; never throws, never mutates. */
  readonly is: (value: unknown) => value is T;
  /** Throws a {@link SchemaValidationError} unless `value` is valid; never throws anything else, whatever reading `value` throws. */
  readonly assert: (value: unknown) => asserts value is T;
  /** Returns `value` itself when valid; throws a {@link SchemaValidationError} (and nothing else) otherwise. */
  readonly parse: (value: unknown) => T;
  /** Never throws, whatever the value or what reading it throws: `{ value }` or `{ issues }` (a fresh list each call). */
  readonly validate: (value: unknown) => ValidationResult<T>;
  /** The model as a Standard Schema v1 object, which also gives its JSON Schema (Standard JSON Schema v1). */
  readonly standard: StandardSchemaWithJsonSchema<T>;
}

/**
 * Binds a fast validator (first error only) and an all-errors validator to the public verbs.
 * The fast one answers every call; the all-errors one runs only to explain a failure, so a
 * valid value pays for one fast check and nothing else.
 */
export function defineModel<T>(
  name: string,
  fast: CompiledValidator,
  allErrors: () => CompiledValidator,
  documents: () => JsonSchemaDocuments,
): Model<T> {
  const is = (value: unknown): value is T => {
    try {
      return fast(value);
    } catch {
      return false; // only a Proxy trap or a getter can throw here, and such a value is not JSON
    }
  };

  const explain = (value: unknown): ValidationIssue[] => {
    try {
      const all = allErrors();
      if (all(value)) return [exceptionIssue("the value changed while it was being checked")];
      return toIssues(all.errors ?? [], value);
    } catch (cause) {
      return [exceptionIssue(cause)];
    }
  };

  const validate = (value: unknown): ValidationResult<T> => (is(value) ? { value } : { issues: explain(value) });

  const assert: (value: unknown) => asserts value is T = (value) => {
    if (!is(value)) throw new SchemaValidationError(name, explain(value));
  };

  const parse = (value: unknown): T => {
    assert(value);
    return value;
  };

  // Frozen: these objects are shared by every caller in the process, so none may rebind a verb.
  const standard: StandardSchemaWithJsonSchema<T> = Object.freeze({
    "~standard": Object.freeze({ version: 1, vendor: "batch-job-schema", validate, jsonSchema: jsonSchemaConverter(name, documents) } as const),
  });

  return Object.freeze({ name, is, assert, parse, validate, standard });
}

/**
 * A frozen copy of `entries` with no prototype, for a table looked up by a name that may come
 * from outside (a command-line flag, a config file): only the listed names answer, so
 * `table["constructor"]` or `table["toString"]` is `undefined`, not a function of `Object.prototype`.
 */
export function nameTable<T extends object>(entries: T): Readonly<T> {
  return Object.freeze(Object.assign(Object.create(null) as T, entries));
}
