/**
 * batch-job-schema, strict profile: every model closed to unknown keys (free-form objects
 * such as `metadata` stay open) and file ids in the canonical UUID text form. For producers,
 * mocks and contract tests. Same names as the package root.
 * @module
 */
export * from "./generated/api-strict.js";
export * from "./generated/types.js";
export { SchemaValidationError } from "./errors.js";
export { maxIssues, type ValidationIssue } from "./issues.js";
export type { Model, ValidationResult } from "./define-model.js";
export type { StandardJSONSchemaV1, StandardSchemaV1 } from "./standard-schema.js";
export type { StandardSchemaWithJsonSchema } from "./define-model.js";
export type { JsonSchemaTarget } from "./json-schema.js";
export { batchResultOutcome, type BatchResultOutcome } from "./batch-result.js";
export { lintBatchJob, type JobLintWarning } from "./lint-batch-job.js";
export type { BatchItems, CheckInputOptions, CheckOutputOptions } from "./check-batch.js";
export type * from "./checks/findings.js";
export { apiEndpointBodies } from "./generated/endpoints.js";

import { bindBatchChecks } from "./check-batch.js";
import { models } from "./generated/api-strict.js";
import { apiEndpointBodies } from "./generated/endpoints.js";

// Bound on first use: a consumer that imports neither check keeps no model in its bundle.
let checks: ReturnType<typeof bindBatchChecks> | undefined;
const boundChecks = () => (checks ??= bindBatchChecks(models, apiEndpointBodies));

/** {@link index!checkBatchInput} with the models of the strict profile: unknown keys in a request line are errors. */
export const checkBatchInput: ReturnType<typeof bindBatchChecks>["checkBatchInput"] = (records, options) => boundChecks().checkBatchInput(records, options);

/** {@link index!checkBatchOutput} with the models of the strict profile. */
export const checkBatchOutput: ReturnType<typeof bindBatchChecks>["checkBatchOutput"] = (results, options) => boundChecks().checkBatchOutput(results, options);
