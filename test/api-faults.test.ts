import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import * as strict from "../src/strict.js";
import { escapeForDisplay, excerpt, quoteForDisplay } from "../src/issues.js";
import { allSchemas } from "../scripts/lib/schemas.mjs";

// The API-layer faults of issue 8, one block per kind: what a message echoes, what can be
// thrown while reading a value, the cost of echoing a huge key, what the API hands out, and
// the name tables. Each test names the exact text or value a regression would change.
const readSchema = (file: string) => JSON.parse(readFileSync(new URL(`../schemas/${file}`, import.meta.url), "utf8"));
const full = readSchema("batch-job-out.schema.json").examples[0] as Record<string, unknown>;
const job = (extra: Record<string, unknown> = {}) => ({ ...structuredClone(full), ...extra });
const profiles = [["default", api], ["strict", strict]] as const;
const statuses = "QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, CANCELLATION_REQUESTED, CANCELLED";
const firstMessage = (value: unknown, mod: typeof api = api) => mod.validateBatchJobOut(value).issues?.[0]?.message;
const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
};

describe("messages never print the input raw", () => {
  it("a zero-width space in a status is shown escaped", () => {
    expect(firstMessage(job({ status: "QUEUED\u200b" }))).toBe(`must be one of ${statuses}; got string "QUEUED\\u200b"`);
  });

  it("controls (C0, C1), line and paragraph separators, format characters and lone surrogates are \\uXXXX", () => {
    const cases: [string, string][] = [
      ["RUN\nNING", '"RUN\\u000aNING"'],
      ["a\u0000b\u007fc", '"a\\u0000b\\u007fc"'],
      ["next\u0085line", '"next\\u0085line"'],
      ["a\u2028b\u2029c", '"a\\u2028b\\u2029c"'],
      ["\u202eGNINNUR", '"\\u202eGNINNUR"'],
      ["soft\u00adhyphen\ufeff", '"soft\\u00adhyphen\\ufeff"'],
      ["tag\u{e0041}", '"tag\\udb40\\udc41"'], // an astral format character: both code units
      ["lone\ud800", '"lone\\ud800"'],
      ["\udc00lone", '"\\udc00lone"'],
      ["pair\u{1f600}", '"pair\u{1f600}"'], // a well-formed pair is printable: kept
      ['quote " and back\\slash', '"quote \\" and back\\\\slash"'],
    ];
    for (const [status, shown] of cases) expect(firstMessage(job({ status })), status).toBe(`must be one of ${statuses}; got string ${shown}`);
  });

  it("other messages that quote a value escape it too (const, type, pattern)", () => {
    expect(firstMessage(job({ object: "batch\u200b" }))).toBe('must be "batch"; got string "batch\\u200b"');
    expect(firstMessage(job({ started_at: "1\u2028" }))).toBe('must be integer or null; got string "1\\u2028"');
    expect(firstMessage(job({ output_file: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f\u200e" }), strict)).toBe(
      'must be a UUID in canonical form (8-4-4-4-12 hexadecimal digits); got string "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f\\u200e"',
    );
  });

  it("an unknown key is quoted and escaped in the message, and kept exact in the pointer and the path", () => {
    const key = "id\u200b";
    const [issue] = strict.validateBatchJobOut(job({ [key]: "x" })).issues ?? [];
    expect(issue?.message).toBe('unknown key "id\\u200b" (only the declared keys are allowed here)');
    expect(issue?.instancePath).toBe(`/${key}`);
    expect(issue?.path).toEqual([key]);
    expect(strict.validateBatchJobOut(job({ 'say "hi"\n': 1 })).issues?.[0]?.message).toBe(
      'unknown key "say \\"hi\\"\\u000a" (only the declared keys are allowed here)',
    );
  });

  it("the SchemaValidationError message escapes the pointers it shows", () => {
    const error = caught(() => strict.parseBatchJobOut(job({ "x\u202ey": 1 }))) as api.SchemaValidationError;
    expect(error.message).toBe('invalid BatchJobOut: /x\\u202ey: unknown key "x\\u202ey" (only the declared keys are allowed here)');
    expect(error.issues[0]?.instancePath).toBe("/x\u202ey");
    const nested = caught(() => strict.parseBatchJobOut(job({ errors: [{ message: "m", "\u0007": 1 }] }))) as api.SchemaValidationError;
    expect(nested.message).toBe('invalid BatchJobOut: /errors/0/\\u0007: unknown key "\\u0007" (only the declared keys are allowed here)');
  });

  it("a truncated excerpt never splits a surrogate pair", () => {
    const emoji = "\u{1f600}";
    // The cut falls between the two halves of the pair: the pair goes whole.
    expect(firstMessage(job({ status: `${"a".repeat(56)}${emoji}${"b".repeat(10)}` }))).toBe(`must be one of ${statuses}; got string "${"a".repeat(56)}..."`);
    // The pair ends right at the cut: it stays.
    expect(firstMessage(job({ status: `${"a".repeat(55)}${emoji}${"b".repeat(10)}` }))).toBe(`must be one of ${statuses}; got string "${"a".repeat(55)}${emoji}..."`);
    expect(excerpt(`${"k".repeat(56)}${emoji}tail`)).toBe(`${"k".repeat(56)}...`);
    expect(excerpt("short")).toBe("short");
  });

  it("escapeForDisplay: escapes exactly Cc, Cf, Zl, Zp and lone surrogates, and returns a printable string itself", () => {
    expect(escapeForDisplay("QUEUED\u200b")).toBe("QUEUED\\u200b");
    expect(escapeForDisplay("C:\\dir\\file.jsonl")).toBe("C:\\dir\\file.jsonl");
    expect(escapeForDisplay("caf\u00e9 \u{1f600} \u4e2d")).toBe("caf\u00e9 \u{1f600} \u4e2d");
    expect(escapeForDisplay("\ud83d\ud83d\ude00\ude00")).toBe("\\ud83d\u{1f600}\\ude00");
    expect(escapeForDisplay("")).toBe("");
    const printable = "/errors/0/message";
    expect(escapeForDisplay(printable)).toBe(printable);
  });

  it("escapeForDisplay leaves nothing invisible, and quoteForDisplay parses back to the text (any code units)", () => {
    const unit = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
    const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\uD800-\uDFFF]/u;
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect(invisible.test(escapeForDisplay(text))).toBe(false);
        expect(JSON.parse(quoteForDisplay(text))).toBe(text);
      }),
      { seed: 20261128, numRuns: 2000 },
    );
  });
});

describe("never throws, for any thrown value", () => {
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };
  const erroring = (message: PropertyDescriptor) => Object.defineProperty(new Error("unused"), "message", message);
  // What a getter of `status` throws, and the message of the one exception issue.
  const thrown: [string, () => unknown, string][] = [
    ["a null-prototype object", () => Object.create(null), "a thrown object that cannot be shown as text"],
    ["an object whose toString throws", () => ({ toString: () => { throw new Error("no"); } }), "a thrown object that cannot be shown as text"],
    ["an object whose Symbol.toPrimitive throws", () => ({ [Symbol.toPrimitive]: () => { throw new Error("no"); } }), "a thrown object that cannot be shown as text"],
    ["a revoked Proxy", revoked, "a thrown object that cannot be shown as text"],
    ["an Error whose message getter throws", () => erroring({ get: () => { throw new Error("again"); } }), "a thrown object that cannot be shown as text"],
    ["a function whose toString throws", () => Object.assign(() => 1, { toString: () => { throw new Error("no"); } }), "a thrown function that cannot be shown as text"],
    ["a symbol", () => Symbol("boom"), "Symbol(boom)"],
    ["a string", () => "plain words", "plain words"],
    ["a number", () => 42, "42"],
    ["undefined", () => undefined, "undefined"],
    ["an object with a string message", () => ({ message: "not an Error" }), "not an Error"],
    ["an Error with invisible characters in its message", () => new Error("bad\nthing\u200b"), "bad\\u000athing\\u200b"],
    ["an Error with a 500-character message", () => new Error("m".repeat(500)), `${"m".repeat(117)}...`],
  ];
  const throwing = (value: () => unknown) =>
    Object.defineProperty(job(), "status", {
      enumerable: true,
      get() {
        throw value();
      },
    });

  for (const [name, value, reason] of thrown) {
    it(`${name}: validate and the Standard Schema give one exception issue; assert and parse throw SchemaValidationError`, async () => {
      for (const [profile, mod] of profiles) {
        const expected = [{ message: `could not be read: ${reason}`, path: [], instancePath: "", schemaPath: "#", keyword: "exception", params: {} }];
        expect(mod.isBatchJobOut(throwing(value)), profile).toBe(false);
        expect(mod.validateBatchJobOut(throwing(value)), profile).toEqual({ issues: expected });
        expect(await mod.batchJobOutStandardSchema["~standard"].validate(throwing(value)), profile).toEqual({ issues: expected });
        for (const verb of [mod.parseBatchJobOut, mod.assertBatchJobOut]) {
          const error = caught(() => verb(throwing(value)));
          expect(error, profile).toBeInstanceOf(api.SchemaValidationError);
          expect((error as api.SchemaValidationError).message, profile).toBe(`invalid BatchJobOut: (root): could not be read: ${reason}`);
        }
      }
    });
  }

  it("a Proxy as the value whose every trap throws a null-prototype object", () => {
    const trap = () => {
      throw Object.create(null);
    };
    const hostile = new Proxy({}, { get: trap, has: trap, getOwnPropertyDescriptor: trap, ownKeys: trap, getPrototypeOf: trap });
    for (const [profile, mod] of profiles) {
      expect(mod.validateBatchError(hostile).issues?.map((i) => i.message), profile).toEqual(["could not be read: a thrown object that cannot be shown as text"]);
      expect(caught(() => mod.parseBatchError(hostile)), profile).toBeInstanceOf(api.SchemaValidationError);
    }
  });
});

describe("building issues is linear in what it echoes", () => {
  const hugeKey = "~/".repeat(1_000_000); // 2 MB: every character needs a pointer escape

  it("a 2 MB unknown key of ~ and / gives one issue, an exact pointer and a 60-character excerpt", () => {
    // Time is measured by `npm run bench:hostile` (the "unknown key of ~ and /" row), not here.
    const issues = strict.validateBatchJobOut(job({ [hugeKey]: 1 })).issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toBe(`unknown key "${"~/".repeat(28)}~..." (only the declared keys are allowed here)`);
    expect(issues[0]?.instancePath).toBe(`/${"~0~1".repeat(1_000_000)}`);
    expect(issues[0]?.path).toEqual([hugeKey]);
  });

  it("the same key one level down keeps the array index in the path, and the thrown message stays short", () => {
    const value = job({ errors: [{ message: "x", [hugeKey]: 1 }] });
    const [issue] = strict.validateBatchJobOut(value).issues ?? [];
    expect(issue?.instancePath).toBe(`/errors/0/${"~0~1".repeat(1_000_000)}`);
    expect(issue?.path).toEqual(["errors", 0, hugeKey]);
    const error = caught(() => strict.parseBatchJobOut(value)) as api.SchemaValidationError;
    expect(error.message).toBe(
      `invalid BatchJobOut: /errors/0/${"~0~1".repeat(26)}~0~...: unknown key "${"~/".repeat(28)}~..." (only the declared keys are allowed here)`,
    );
  });

  it("pointer escapes round-trip in one pass: the key ~1 is the segment ~01, not /", () => {
    const [issue] = strict.validateBatchJobOut(job({ "~1": 1 })).issues ?? [];
    expect(issue).toMatchObject({ instancePath: "/~01", path: ["~1"] });
  });
});

describe("what the API hands out shares nothing with the validators", () => {
  it("mutating a type issue's params (an array of the schema) changes no later message or params", () => {
    const bad = job({ started_at: "x" });
    const first = api.validateBatchJobOut(bad).issues!;
    expect(first[0]?.params).toEqual({ type: ["integer", "null"] });
    (first[0]!.params.type as string[]).push("string");
    const again = api.validateBatchJobOut(bad).issues!;
    expect(again[0]?.message).toBe('must be integer or null; got string "x"');
    expect(again[0]?.params).toEqual({ type: ["integer", "null"] });
  });

  it("mutating an enum issue's allowed values, path and fields changes no later result", () => {
    const bad = job({ errors: [{ message: "m", count: "1" }], status: "PAUSED" });
    const before = structuredClone(api.validateBatchJobOut(bad).issues);
    for (const issue of api.validateBatchJobOut(bad).issues!) {
      const writable = issue as { -readonly [K in keyof api.ValidationIssue]: api.ValidationIssue[K] };
      for (const param of Object.values(writable.params)) if (Array.isArray(param)) param.splice(0, param.length, "EVIL");
      (writable.path as (string | number)[]).push("extra");
      writable.message = "changed";
      writable.instancePath = "/changed";
    }
    expect(api.validateBatchJobOut(bad).issues).toEqual(before);
    expect(api.validateBatchJobOut(bad).issues?.map((i) => i.message)).toEqual([
      'must be integer; got string "1"',
      `must be one of ${statuses}; got string "PAUSED"`,
    ]);
    expect(api.isBatchJobStatus("QUEUED")).toBe(true);
  });

  it("the issues of a SchemaValidationError are the caller's own too", () => {
    const bad = job({ status: "PAUSED" });
    const error = caught(() => strict.parseBatchJobOut(bad)) as api.SchemaValidationError;
    (error.issues[0]!.params.allowedValues as string[]).length = 0;
    expect((caught(() => strict.parseBatchJobOut(bad)) as api.SchemaValidationError).issues[0]?.params.allowedValues).toEqual(
      statuses.split(", "),
    );
  });

  it("the shared objects are frozen: the status values, each model and its Standard Schema", () => {
    for (const [profile, mod] of profiles) {
      expect(Object.isFrozen(mod.batchJobStatusValues), profile).toBe(true);
      expect(() => (mod.batchJobStatusValues as unknown as string[]).push("PAUSED"), profile).toThrow(TypeError);
      expect(Object.isFrozen(mod.models.BatchJobOut), profile).toBe(true);
      expect(Object.isFrozen(mod.batchJobOutStandardSchema), profile).toBe(true);
      expect(Object.isFrozen(mod.batchJobOutStandardSchema["~standard"]), profile).toBe(true);
      expect(() => Object.assign(mod.models.BatchJobOut, { is: () => true }), profile).toThrow(TypeError);
    }
    expect(api.batchJobStatusValues).toEqual(statuses.split(", "));
  });
});

describe("the strict file ids the fast build notes (uuid-memo) never change a verdict", () => {
  const a = "6f1c3a52-9e0b-4d7e-8a3f-2b5c9d1e7f40";
  const b = "0d9e8b7a-1c2d-4e3f-9a8b-7c6d5e4f3a21";
  const pattern = (index: number) => ({ path: ["input_files", index], keyword: "pattern" });
  const issuesOf = (value: unknown) => strict.validateBatchJobOut(value).issues?.map(({ path, keyword }) => ({ path, keyword }));

  it("a bad id after ids that passed, and after another job noted the same ids, is reported", () => {
    expect(strict.isBatchJobOut(job({ input_files: [a, b, a] }))).toBe(true);
    expect(issuesOf(job({ input_files: [a, "not-a-uuid", b] }))).toEqual([pattern(1)]);
    expect(issuesOf(job({ input_files: [b, a, `${a} `] }))).toEqual([pattern(2)]);
    expect(issuesOf(job({ input_files: ["x", "y"], status: "PAUSED" }))).toEqual([pattern(0), pattern(1), { path: ["status"], keyword: "enum" }]);
  });

  it("more ids than the notes hold are all tested", () => {
    const many = Array.from({ length: 100 }, (_, i) => (i === 90 ? `${a}0` : i % 2 ? a : b));
    expect(issuesOf(job({ input_files: many }))).toEqual([pattern(90)]);
    expect(strict.isBatchJobOut(job({ input_files: many.map((id, i) => (i === 90 ? a : id)) }))).toBe(true);
  });

  it("a getter that runs a validator mid-check mixes no notes", () => {
    let inner: boolean | undefined;
    const value = job({ input_files: [a, "bad"] });
    Object.defineProperty(value, "status", { enumerable: true, get: () => ((inner = strict.isBatchJobOut(job({ input_files: [b, b, b] }))), "PAUSED") });
    expect(issuesOf(value)).toEqual([pattern(1), { path: ["status"], keyword: "enum" }]);
    expect(inner).toBe(true);
  });
});

describe("name tables have no inherited keys", () => {
  for (const [profile, mod] of profiles) {
    it(`${profile}: models has no prototype, is frozen, and answers only schema titles`, () => {
      const { models } = mod;
      expect(Object.getPrototypeOf(models)).toBeNull();
      expect(Object.isFrozen(models)).toBe(true);
      expect("toString" in models).toBe(false);
      expect("hasOwnProperty" in models).toBe(false);
      const byName = models as unknown as Record<string, unknown>;
      expect(byName.constructor).toBeUndefined();
      expect(byName.__proto__).toBeUndefined();
      // Every title, the derived in-batch bodies included, in the order of their files.
      expect(Object.keys(models)).toEqual(allSchemas().map(({ doc }) => doc.title));
      expect(Object.keys(models)).toEqual(expect.arrayContaining(["BatchError", "BatchJobOut", "BatchJob", "ListBatchJobsResponse", "BatchChatCompletionRequest"]));
      expect(models.BatchJobOut.name).toBe("BatchJobOut");
    });
  }
});
