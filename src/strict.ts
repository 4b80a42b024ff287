/**
 * batch-job-schema, strict profile: every model closed to unknown keys (free-form objects
 * such as `metadata` stay open) and formats asserted (file ids must be UUIDs). For producers,
 * mocks and contract tests. Same names as the package root.
 * @module
 */
export * from "./generated/api-strict.js";
export * from "./generated/types.js";
export { SchemaValidationError } from "./errors.js";
export { maxIssues, type ValidationIssue } from "./issues.js";
export type { Model, ValidationResult } from "./define-model.js";
export type { StandardSchemaV1 } from "./standard-schema.js";
