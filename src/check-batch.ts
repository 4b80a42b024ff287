import type { CheckInputOptions, EndpointBodies } from "./checks/check-input.js";
import type { CheckOutputOptions } from "./checks/check-output.js";
import type { ModelVerbs } from "./checks/common.js";
import type { CheckInputReport, CheckOutputReport } from "./checks/findings.js";

export type { CheckInputOptions } from "./checks/check-input.js";
export type { CheckOutputOptions } from "./checks/check-output.js";
export type * from "./checks/findings.js";

/** Records or results as the checks take them: each string is one line of a JSONL file, any other element a parsed value. */
export type BatchItems = Iterable<unknown> | AsyncIterable<unknown>;

/** The check functions, bound to the models of one profile. The checking code loads on first use: importing the package stays cheap. */
export function bindBatchChecks(models: Readonly<Record<string, ModelVerbs>>, endpoints: EndpointBodies) {
  const lookup = (title: string): ModelVerbs => {
    if (!Object.hasOwn(models, title)) throw new Error(`batch-job-schema: no model ${title} in this build`);
    return models[title]!;
  };
  return {
    checkBatchInput: async (records: BatchItems, options: CheckInputOptions = {}): Promise<CheckInputReport> =>
      (await import("./checks/check-input.js")).runCheckInput(records, options, lookup, endpoints),
    checkBatchOutput: async (results: BatchItems, options: CheckOutputOptions & { readonly requests?: BatchItems } = {}): Promise<CheckOutputReport> =>
      (await import("./checks/check-output.js")).runCheckOutput(results, options, lookup),
  };
}
