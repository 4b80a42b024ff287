import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import * as strict from "../src/strict.js";
import { loadAllErrors as allErrors } from "../src/generated/models/default/batch-job-out.js";
import { errorCap } from "../scripts/lib/optimize.mjs";

// The hostile inputs of the README's "Guarantees" table, one test each: the verdict in both
// profiles, no throw from `is` or `validate`, and a bounded issue list. Time linear in the
// input is measured by `npm run bench:hostile`, not asserted here.
const full = JSON.parse(readFileSync(new URL("../examples/batch-job.json", import.meta.url), "utf8")) as Record<string, unknown>;
const job = (extra: Record<string, unknown> = {}) => ({ ...structuredClone(full), ...extra });
const withKey = (target: object, key: string | symbol, value: unknown) => {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
};

interface Case {
  name: string;
  value: () => unknown;
  /** Verdict in the default and the strict profile. */
  valid: [boolean, boolean];
  /** Extra checks on the issues of `validate` (default profile). */
  issues?: (issues: readonly api.ValidationIssue[]) => void;
  /** Extra checks run in each profile, for what the verdict does not show (reads, calls). */
  check?: (mod: typeof api, profile: string) => void;
}

const deep = (depth: number) => {
  let node: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) node = { child: node };
  return node;
};
const cyclic = () => {
  const metadata: Record<string, unknown> = {};
  metadata.self = metadata;
  return metadata;
};
/** A copy of the job whose every key is an enumerable getter that counts its reads. */
const counted = (extra: Record<string, unknown> = {}) => {
  const reads: Record<string, number> = {};
  const value = {};
  for (const [key, item] of Object.entries(job(extra))) {
    reads[key] = 0;
    Object.defineProperty(value, key, {
      enumerable: true,
      get: () => {
        reads[key]!++;
        return item;
      },
    });
  }
  return { value, reads };
};
const hidden = (target: object, key: string, value: unknown) => {
  Object.defineProperty(target, key, { value, enumerable: false, configurable: true, writable: true });
  return target;
};
/** The job without `output_file`, inheriting an `output_file` getter that gives a number. */
const inheritedGetter = (onRead: () => unknown) => {
  const { output_file: _own, ...own } = structuredClone(full);
  const parent = Object.defineProperty({}, "output_file", {
    get: () => {
      onRead();
      return 5;
    },
  });
  return Object.assign(Object.create(parent) as object, own);
};
const throwingProxy = () =>
  new Proxy({}, {
    get: () => {
      throw new Error("getter refused");
    },
    has: () => {
      throw new Error("getter refused");
    },
    getOwnPropertyDescriptor: () => {
      throw new Error("getter refused");
    },
    ownKeys: () => {
      throw new Error("getter refused");
    },
  });

const cases: Case[] = [
  { name: "own `__proto__` key at the top", value: () => JSON.parse(JSON.stringify(full).replace("{", '{"__proto__":{"polluted":1},')), valid: [true, false] },
  { name: "own `__proto__` key in an error", value: () => job({ errors: [withKey({ message: "x" }, "__proto__", { count: "x" })] }), valid: [true, false] },
  { name: "own `__proto__` key in metadata", value: () => job({ metadata: withKey({}, "__proto__", { admin: true }) }), valid: [true, true] },
  { name: "`constructor` and `prototype` keys at the top", value: () => job({ constructor: 1, prototype: null }), valid: [true, false] },
  { name: "`constructor` and `prototype` keys in an error and in metadata", value: () => job({ errors: [{ message: "x", constructor: {} }], metadata: { constructor: "x", prototype: [] } }), valid: [true, false] },
  { name: "`NaN` as an integer", value: () => job({ created_at: Number.NaN }), valid: [false, false], issues: (i) => expect(i[0]?.message).toBe("must be integer; got number NaN") },
  { name: "`Infinity` as an integer", value: () => job({ total_requests: Number.POSITIVE_INFINITY }), valid: [false, false] },
  { name: "`NaN` for a nullable integer", value: () => job({ started_at: Number.NaN }), valid: [false, false], issues: (i) => expect(i[0]?.message).toBe("must be integer or null; got number NaN") },
  { name: "`-Infinity` for a nullable integer", value: () => job({ completed_at: Number.NEGATIVE_INFINITY }), valid: [false, false], issues: (i) => expect(i[0]?.message).toBe("must be integer or null; got number -Infinity") },
  { name: "`-0` as an integer", value: () => job({ failed_requests: -0 }), valid: [true, true] },
  { name: "`1e400` (parses to Infinity)", value: () => JSON.parse(JSON.stringify(full).replace('"created_at":1732003200', '"created_at":1e400')), valid: [false, false] },
  { name: "2^53 + 1 (parses to 2^53)", value: () => JSON.parse(JSON.stringify(full).replace('"created_at":1732003200', '"created_at":9007199254740993')), valid: [true, true] },
  { name: "a `BigInt` as an integer", value: () => job({ created_at: 1732003200n }), valid: [false, false], issues: (i) => expect(i[0]?.message).toBe("must be integer; got bigint 1732003200n") },
  { name: "a symbol as a value", value: () => job({ id: Symbol("id") }), valid: [false, false] },
  { name: "a symbol as a key (not JSON: ignored)", value: () => withKey(job(), Symbol("extra"), 1), valid: [true, true] },
  { name: "a function as a value", value: () => job({ model: () => "mistral" }), valid: [false, false] },
  { name: "a function for an optional key", value: () => job({ output_file: () => "file" }), valid: [false, false], issues: (i) => expect(i.map((x) => [x.instancePath, x.message])).toEqual([["/output_file", "must be string or null; got function"]]) },
  { name: "a symbol for an optional key", value: () => job({ error_file: Symbol("file") }), valid: [false, false], issues: (i) => expect(i.map((x) => [x.instancePath, x.message])).toEqual([["/error_file", "must be string or null; got symbol"]]) },
  {
    name: "an object whose `toJSON` gives a valid job",
    value: () => ({ toJSON: () => structuredClone(full) }),
    valid: [false, false],
    issues: (i) => expect(i.filter((x) => x.keyword === "required")).toHaveLength(11),
  },
  {
    name: "a valid job with a `toJSON` that gives junk",
    value: () => job({ toJSON: () => "junk" }),
    valid: [true, false],
    check: (mod, profile) => {
      let calls = 0;
      const value = job({ toJSON: () => ++calls });
      mod.validateBatchJobOut(value);
      expect(calls, profile).toBe(0);
      if (profile === "strict") expect(mod.validateBatchJobOut(value).issues?.map((x) => x.message)).toEqual(['unknown key "toJSON" (only the declared keys are allowed here)']);
    },
  },
  { name: "`undefined` for an optional key (absent)", value: () => job({ output_file: undefined }), valid: [true, true] },
  { name: "`undefined` for a required key (missing)", value: () => job({ model: undefined }), valid: [false, false], issues: (i) => expect(i[0]?.instancePath).toBe("/model") },
  { name: "a sparse array", value: () => job({ input_files: [, "6f1c3a52-9e0b-4d7e-8a3f-2b5c9d1e7f40"] }), valid: [false, false], issues: (i) => expect(i[0]?.instancePath).toBe("/input_files/0") }, // eslint-disable-line no-sparse-arrays
  {
    name: "boxed primitives",
    value: () => job({ id: new String("x"), created_at: new Number(1) }),
    valid: [false, false],
    issues: (i) => expect(i.map((x) => x.message)).toEqual(["must be string; got object", "must be integer; got object"]),
  },
  { name: "a `Date` as the value", value: () => new Date(), valid: [false, false] },
  {
    name: "a `Date` or a `Map` as `metadata`",
    value: () => job({ metadata: new Date(0) }),
    valid: [true, true],
    check: (mod, profile) => expect(mod.isBatchJobOut(job({ metadata: new Map([["k", 1]]) })), profile).toBe(true),
  },
  {
    name: "a non-enumerable own required key",
    value: () => hidden(job(), "model", "mistral-small-latest"),
    valid: [true, true],
    check: (mod, profile) => expect(mod.validateBatchJobOut(hidden(job(), "model", 5)).issues?.map((x) => [x.instancePath, x.message]), profile).toEqual([["/model", "must be string; got number 5"]]),
  },
  { name: "a non-enumerable own unknown key", value: () => hidden(job(), "extra", 1), valid: [true, true] },
  {
    name: "an unknown key set to `undefined`",
    value: () => job({ extra: undefined }),
    valid: [true, false],
    check: (mod, profile) => {
      if (profile === "strict") expect(mod.validateBatchJobOut(job({ extra: undefined })).issues?.map((x) => x.instancePath)).toEqual(["/extra"]);
    },
  },
  {
    name: "own getters on every key",
    value: () => counted().value,
    valid: [true, true],
    check: (mod, profile) => {
      for (const verb of [mod.isBatchJobOut, mod.validateBatchJobOut, mod.parseBatchJobOut]) {
        const { value, reads } = counted();
        verb(value);
        expect(Object.values(reads), `${profile} ${verb.name}`).toEqual(Object.keys(reads).map(() => 1));
      }
    },
  },
  {
    name: "own getters on a failing value",
    value: () => counted({ status: "PAUSED" }).value,
    valid: [false, false],
    check: (mod, profile) => {
      const { value, reads } = counted({ status: "PAUSED", input_files: ["6f1c3a52-9e0b-4d7e-8a3f-2b5c9d1e7f40", 7] });
      mod.validateBatchJobOut(value);
      expect(Math.max(...Object.values(reads)), profile).toBe(5);
      expect(reads.input_files, profile).toBe(5);
      expect(reads.status, profile).toBe(4);
    },
  },
  {
    name: "an inherited getter (never read)",
    value: () => inheritedGetter(() => undefined),
    valid: [true, true],
    check: (mod, profile) => {
      let reads = 0;
      expect(mod.isBatchJobOut(inheritedGetter(() => reads++)), profile).toBe(true);
      expect(mod.validateBatchJobOut(inheritedGetter(() => reads++)).issues, profile).toBeUndefined();
      expect(reads, profile).toBe(0);
    },
  },
  { name: "an array with extra properties as `input_files`", value: () => job({ input_files: Object.assign(["6f1c3a52-9e0b-4d7e-8a3f-2b5c9d1e7f40"], { note: 1 }) }), valid: [true, true] },
  { name: "a typed array as `input_files`", value: () => job({ input_files: new Uint8Array(2) }), valid: [false, false], issues: (i) => expect(i[0]?.message).toBe("must be array; got object") },
  { name: "a `Map` as the value", value: () => new Map(Object.entries(full)), valid: [false, false] },
  {
    name: "a class instance with the keys as own fields",
    value: () => new (class Job {
      constructor() {
        Object.assign(this, structuredClone(full));
      }
    })(),
    valid: [true, true],
  },
  { name: "`Object.create(null)` with the keys", value: () => Object.assign(Object.create(null) as object, structuredClone(full)), valid: [true, true] },
  { name: "inherited keys (only own keys count)", value: () => Object.create(structuredClone(full)) as object, valid: [false, false], issues: (i) => expect(i).toHaveLength(11) },
  { name: "cyclic `metadata`", value: () => job({ metadata: cyclic() }), valid: [true, true] },
  { name: "100,000-deep `metadata`", value: () => job({ metadata: deep(100_000) }), valid: [true, true] },
  {
    name: "a `Proxy` whose getters throw",
    value: throwingProxy,
    valid: [false, false],
    issues: (i) => expect(i).toEqual([expect.objectContaining({ keyword: "exception", message: "could not be read: getter refused" })]),
  },
  {
    name: "a getter that throws an object with no prototype",
    value: () => Object.defineProperty(job(), "status", { enumerable: true, get: () => { throw Object.create(null); } }),
    valid: [false, false],
    issues: (i) => expect(i.map((x) => x.message)).toEqual(["could not be read: a thrown object that cannot be shown as text"]),
  },
  { name: "a zero-width space in `status`", value: () => job({ status: "QUEUED\u200b" }), valid: [false, false], issues: (i) => expect(i[0]?.message).toMatch(/; got string "QUEUED\\u200b"$/) },
  {
    name: "a 2 MB unknown key of `~` and `/`",
    value: () => job({ ["~/".repeat(1_000_000)]: 1 }),
    valid: [true, false],
    check: (mod, profile) => {
      if (profile === "strict") expect(mod.validateBatchJobOut(job({ ["~/".repeat(1_000_000)]: 1 })).issues?.map((x) => x.message.length)).toEqual([116]);
    },
  },
  { name: "a 50 MB string as `id`", value: () => job({ id: "x".repeat(50e6) }), valid: [true, true] },
  {
    name: "a 50 MB string as `status`",
    value: () => job({ status: "P".repeat(50e6) }),
    valid: [false, false],
    issues: (i) => expect(i[0]?.message.length).toBeLessThan(200),
  },
  {
    name: "a 1,000,000-element `input_files`, every element wrong",
    value: () => job({ input_files: Array.from({ length: 1_000_000 }, (_, n) => n) }),
    valid: [false, false],
    issues: (i) => {
      expect(i).toHaveLength(api.maxIssues);
      expect(i[99]?.instancePath).toBe("/input_files/99");
    },
  },
];

describe("hostile inputs", () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const [profile, mod, expected] of [["default", api, c.valid[0]], ["strict", strict, c.valid[1]]] as const) {
        const value = c.value();
        expect(() => mod.isBatchJobOut(value), profile).not.toThrow();
        expect(mod.isBatchJobOut(value), profile).toBe(expected);
        const result = mod.validateBatchJobOut(value);
        expect(result.issues === undefined, profile).toBe(expected);
        if (result.issues) {
          expect(result.issues.length, profile).toBeGreaterThan(0);
          expect(result.issues.length, profile).toBeLessThanOrEqual(api.maxIssues);
          if (profile === "default") c.issues?.(result.issues);
        }
        c.check?.(mod, profile);
      }
    });
  }

  it("the all-errors build stops at the cap, so memory does not grow with the number of errors", () => {
    expect(errorCap).toBe(api.maxIssues);
    const { BatchJobOut } = allErrors();
    BatchJobOut(job({ input_files: Array.from({ length: 100_000 }, () => null) }));
    expect(BatchJobOut.errors).toHaveLength(errorCap);
  });

  it("the README's Guarantees table lists exactly these cases", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const table = readme.slice(readme.indexOf("<!-- hostile inputs start -->"), readme.indexOf("<!-- hostile inputs end -->"));
    const rows = [...table.matchAll(/^\| (.+?) \|/gm)].map((m) => m[1] ?? "").filter((name) => name !== "input" && !name.startsWith("---"));
    expect(rows).toEqual(cases.map((c) => c.name));
  });
});
