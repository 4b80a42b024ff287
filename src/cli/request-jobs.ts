// check-input with `--jobs`: the workers parse each request and run its two models (the
// BatchRequest wrapper, and the endpoint's body model); this thread keeps what spans requests
// (custom_id duplicates, the warnings' groups, the counts, the limits per file) by feeding the
// one InputCheck every request in file order. It gets, instead of the parsed request, a
// stand-in holding only what InputCheck reads of it besides the verdicts: `custom_id` (when a
// non-empty string), `body` (when an object: its `model`, or the whole body when it failed,
// as InputCheck keeps a few failed bodies to suggest an endpoint). The verdicts come through
// the model lookup InputCheck was given: while a stand-in is checked, its two models answer
// with the worker's verdicts, and any other question is an error the tests would show.
import type { InputCheck } from "../checks/check-input.js";
import type { ModelLookup, ModelVerbs } from "../checks/common.js";
import { requestFlags, type RequestBatch, type RequestFailure } from "./job-batches.js";

export interface RequestJobs {
  /** The lookup to build the InputCheck with. */
  readonly lookup: ModelLookup;
  /** Feeds a worker's batch to the check, in order; returns how many requests it held. */
  apply(check: InputCheck, batch: unknown, file: string, base: number): number;
}

export function requestJobs(lookup: ModelLookup, wrapperTitle: string, bodyTitle: string | null): RequestJobs {
  /** The stand-in being checked and its verdicts; undefined while a request read on this thread is. */
  let current: { value: unknown; body: unknown; flags: number; failure: RequestFailure | undefined } | undefined;
  const drift = (): never => {
    throw new Error("internal error: check-input asked about a value other than the request a worker checked");
  };
  const answering = (real: ModelVerbs, of: (c: NonNullable<typeof current>) => unknown, valid: number, issues: (f: RequestFailure | undefined) => ReturnType<ModelVerbs["validate"]>): ModelVerbs => ({
    is: (value) => (current === undefined ? real.is(value) : value === of(current) ? (current.flags & valid) !== 0 : drift()),
    validate: (value) => (current === undefined ? real.validate(value) : value === of(current) ? issues(current.failure) : drift()),
  });
  const proxied: ModelLookup = (title) => {
    const real = lookup(title);
    if (title === wrapperTitle) return answering(real, (c) => c.value, requestFlags.wrapperValid, (f) => (f?.wrapperIssues ? { issues: f.wrapperIssues } : {}));
    if (title === bodyTitle) return answering(real, (c) => c.body, requestFlags.bodyValid, (f) => (f?.bodyIssues ? { issues: f.bodyIssues } : {}));
    return real;
  };
  return {
    lookup: proxied,
    apply(check, b, file, base) {
      const batch = b as RequestBatch;
      let f = 0;
      for (let i = 0; i < batch.n; i++) {
        const flags = batch.flags[i]!;
        const failure = batch.failures[f]?.i === i ? batch.failures[f++] : undefined;
        let value: Record<string, unknown> | null = null;
        let body: unknown;
        if (flags & requestFlags.object) {
          value = {};
          const id = batch.ids[i]!;
          if (id !== null) value.custom_id = id;
          if (flags & requestFlags.bodyObject) {
            const model = batch.models[i]!;
            body = failure?.body ?? (model === null ? {} : { model });
            value.body = body;
          }
        }
        current = { value, body, flags, failure };
        try {
          check.request({ file, line: base + batch.lines[i]!, column: batch.columns[i], pointer: "", value });
        } finally {
          current = undefined;
        }
      }
      return batch.n;
    },
  };
}
