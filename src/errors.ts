import { displayPointer, type ValidationIssue } from "./issues.js";

// The package ships an ESM and a CommonJS build, and a process can load both (one dependency
// imports it, another requires it): two copies of this class. A brand under a registered symbol
// is the same in both copies, so `instanceof` answers by the brand, not by the copy.
const brand = Symbol.for("batch-job-schema.SchemaValidationError");

/**
 * Thrown by the `assert…` and `parse…` functions (and only by them); carries every issue found
 * (up to `maxIssues`). Its message names the model and the first three issues, with received
 * text escaped (see the issue messages) and pointers cut to a bounded excerpt.
 *
 * `error instanceof SchemaValidationError` holds for an error of either build of the package
 * (ESM or CommonJS) and for instances of subclasses; `instanceof` a subclass is the ordinary
 * prototype test.
 */
export class SchemaValidationError extends Error {
  /** The schema title of the model the value was checked against, such as `BatchJobOut`. */
  readonly model: string;
  /** Every issue found, in the order Ajv met them. */
  readonly issues: readonly ValidationIssue[];

  constructor(model: string, issues: readonly ValidationIssue[]) {
    const shown = issues.slice(0, 3).map((issue) => `${displayPointer(issue.instancePath) || "(root)"}: ${issue.message}`);
    const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : "";
    super(`invalid ${model}: ${shown.join("; ")}${more}`);
    this.model = model;
    this.issues = issues;
  }

  static {
    // On the prototype, as the built-in errors have theirs: subclasses inherit the brand, and
    // the name stays the class's whatever a minifier calls the class. Writable, so that a
    // subclass may still assign its own `this.name`.
    Object.defineProperty(this.prototype, brand, { value: true });
    Object.defineProperty(this.prototype, "name", { value: "SchemaValidationError", writable: true, configurable: true });
  }

  /** True for an error of this class from any copy of the package (ESM or CommonJS); for a subclass, the ordinary prototype test. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof`: a subclass keeps the ordinary test, so
    // that a plain SchemaValidationError is not an instance of every subclass.
    if (this !== SchemaValidationError) return Function.prototype[Symbol.hasInstance].call(this, value);
    try {
      return value !== null && typeof value === "object" && (value as { [brand]?: unknown })[brand] === true;
    } catch {
      return false; // a Proxy whose trap throws is no error of ours
    }
  }
}
