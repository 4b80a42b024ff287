/**
 * batch-job-schema, default profile: the schemas as written (objects open, formats as
 * annotations). The strict profile has the same names under `batch-job-schema/strict`.
 * @module
 */
export * from "./generated/api-default.js";
export * from "./generated/types.js";
export { SchemaValidationError } from "./errors.js";
export { maxIssues, type ValidationIssue } from "./issues.js";
export type { Model, ValidationResult } from "./define-model.js";
export type { StandardSchemaV1 } from "./standard-schema.js";
