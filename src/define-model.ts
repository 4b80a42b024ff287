import { SchemaValidationError } from "./errors.js";
import { exceptionIssue, toIssues, type AjvError, type ValidationIssue } from "./issues.js";
import { jsonSchemaConverter, type JsonSchemaDocuments } from "./json-schema.js";
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "./standard-schema.js";

/** A Standard Schema v1 object that is also a Standard JSON Schema v1 object. */
export type StandardSchemaWithJsonSchema<T> = StandardSchemaV1<unknown, T> & StandardJSONSchemaV1<unknown, T>;

/**
 * A model's fast validator as the generator emits it (scripts/lib/optimize.mjs, root-as-guard):
 * whether the value is valid, as one call that never throws, whatever reading the value throws.
 * It lists no issues; those come from the all-errors build.
 */
export type FastValidator = (data: unknown) => boolean;

/** An Ajv standalone validator as the generator emits it (the all-errors build). */
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

// Each verb is built on its own, so that a bundler keeps only the verbs a consumer imports:
// `is` needs the fast validator and nothing else; the all-errors validator and the message
// building come with `validate`, `assert` and `parse`, and run only on a failure.

/**
 * The fast validator as a type guard. It is the generated function itself, which already
 * catches what reading a value throws: a wrapper would be a second call on every check.
 */
export function guardOf<T>(fast: FastValidator): (value: unknown) => value is T {
  return fast as (value: unknown) => value is T;
}

/** Every issue of a value the fast validator refused, from the all-errors validator (built on first use). */
function explainer(allErrors: () => CompiledValidator): (value: unknown) => ValidationIssue[] {
  let built: CompiledValidator | undefined;
  return (value) => {
    try {
      const all = (built ??= allErrors());
      if (all(value)) return [exceptionIssue("the value changed while it was being checked")];
      return toIssues(all.errors ?? [], value);
    } catch (cause) {
      return [exceptionIssue(cause)];
    }
  };
}

/** `validate…`: `{ value }` when valid, `{ issues }` (every issue, at most `maxIssues`) when not; never throws. */
export function validatorOf<T>(fast: FastValidator, allErrors: () => CompiledValidator): (value: unknown) => ValidationResult<T> {
  const is = guardOf<T>(fast);
  const explain = explainer(allErrors);
  const validate = (value: unknown): ValidationResult<T> => (is(value) ? { value } : { issues: explain(value) });
  return validate;
}

/** `assert…`: throws a {@link SchemaValidationError} listing every issue unless the value is valid. */
export function asserterOf<T>(name: string, fast: FastValidator, allErrors: () => CompiledValidator): (value: unknown) => asserts value is T {
  const is = guardOf<T>(fast);
  const explain = explainer(allErrors);
  const assert: (value: unknown) => asserts value is T = (value) => {
    if (!is(value)) throw new SchemaValidationError(name, explain(value));
  };
  return assert;
}

/** `parse…`: the value itself when valid; throws a {@link SchemaValidationError} otherwise. */
export function parserOf<T>(name: string, fast: FastValidator, allErrors: () => CompiledValidator): (value: unknown) => T {
  const assert: (value: unknown) => asserts value is T = asserterOf<T>(name, fast, allErrors);
  const parse = (value: unknown): T => {
    assert(value);
    return value;
  };
  return parse;
}

/** The model as a frozen Standard Schema v1 (and Standard JSON Schema v1) object. */
export function standardOf<T>(validate: (value: unknown) => ValidationResult<T>, documents: () => JsonSchemaDocuments): StandardSchemaWithJsonSchema<T> {
  // Frozen: these objects are shared by every caller in the process, so none may rebind a verb.
  return Object.freeze({
    "~standard": Object.freeze({ version: 1, vendor: "batch-job-schema", validate, jsonSchema: jsonSchemaConverter(documents) } as const),
  });
}

/** Every verb of one model in one frozen object, for tools that pick a model by name. */
export function modelOf<T>(name: string, is: (value: unknown) => value is T, validate: (value: unknown) => ValidationResult<T>, assert: (value: unknown) => asserts value is T, parse: (value: unknown) => T, standard: StandardSchemaWithJsonSchema<T>): Model<T> {
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
