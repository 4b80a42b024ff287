/**
 * batch-job-schema, default profile: the schemas as written (objects open, file ids any
 * string). The strict profile has the same names under `batch-job-schema/strict`.
 * @module
 */
export * from "./generated/api-default.js";
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
import { models } from "./generated/api-default.js";
import { apiEndpointBodies } from "./generated/endpoints.js";

// Bound on first use: a consumer that imports neither check keeps no model in its bundle.
let checks: ReturnType<typeof bindBatchChecks> | undefined;
const boundChecks = () => (checks ??= bindBatchChecks(models, apiEndpointBodies));

/**
 * Checks the requests of a batch before upload, as `batch-job-schema check-input` does (default
 * profile): each record a `BatchRequest` whose `body` is valid for `options.endpoint` (default
 * `/v1/chat/completions`), duplicate `custom_id`s, a missing `custom_id` or model (warnings), and
 * the API's limits (requests and bytes) over all records.
 *
 * @param records An array or (async) iterable: a string element is one JSONL line, parsed as the
 *   command line parses it; any other element is taken as the parsed line. Read one at a time:
 *   memory holds only the `custom_id` index.
 * @returns The findings in reading order (per record), then those of the whole run, and the
 *   summary: the objects `check-input --format json` prints. Never rejects for bad records.
 * @throws RangeError (as a rejected promise) for an `endpoint` that is not an `ApiEndpoint`.
 */
export const checkBatchInput: ReturnType<typeof bindBatchChecks>["checkBatchInput"] = (records, options) => boundChecks().checkBatchInput(records, options);

/**
 * Explains batch results after download, as `batch-job-schema check-output` does (default
 * profile): each record a `BatchResult` (or a job whose `outputs` are), failures grouped by
 * cause (see {@link batchResultOutcome}); with `options.requests`, results joined to requests by
 * `custom_id` (missing, unknown and duplicate results).
 *
 * @param results An array or (async) iterable of lines (strings) or parsed results.
 * @returns The findings and the summary that `check-output --format json` prints.
 */
export const checkBatchOutput: ReturnType<typeof bindBatchChecks>["checkBatchOutput"] = (results, options) => boundChecks().checkBatchOutput(results, options);
