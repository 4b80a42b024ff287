import type { ValidationIssue } from "./issues.js";

/** Thrown by the `assert…` and `parse…` functions; carries every issue found (up to the cap). */
export class SchemaValidationError extends Error {
  /** The schema title of the model the value was checked against, such as `BatchJobOut`. */
  readonly model: string;
  /** Every issue found, in the order Ajv met them. */
  readonly issues: readonly ValidationIssue[];

  constructor(model: string, issues: readonly ValidationIssue[]) {
    const shown = issues.slice(0, 3).map((issue) => `${issue.instancePath || "(root)"}: ${issue.message}`);
    const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : "";
    super(`invalid ${model}: ${shown.join("; ")}${more}`);
    this.name = "SchemaValidationError";
    this.model = model;
    this.issues = issues;
  }
}
