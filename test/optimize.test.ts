// The compiler passes over Ajv's output that carry the own-property semantics, on the shapes
// Ajv writes; the vector, fuzz and own-property tests prove them on the real builds.
import { describe, expect, it } from "vitest";
import { passes } from "../scripts/lib/optimize.mjs";

const pass = (name: string) => passes.find((p) => p.name === name)!.run as (code: string) => string;
const required = `((data.id === undefined) || (!(func0.call(data, "id")))) && (missing0 = "id")`;
const present = `if(data["odd key"] !== undefined && func0.call(data, "odd key")){`;
const fn = `function validate3(data){if(data && typeof data == "object" && !Array.isArray(data)){let missing0;if(${required}){return false;}${present}if(typeof data["odd key"] !== "number"){return false;}}return true;}return false;}`;
const fast = (code: string) => ["plain-reads", "load-once", "own-by-prototype"].reduce((c, name) => pass(name)(c), code);
const run = (code: string) => new Function("func0", `${code};return validate3;`)(Object.prototype.hasOwnProperty) as (data: unknown) => boolean;

describe("own-before-read", () => {
  it("asks whether a key is own before reading it", () => {
    const out = pass("own-before-read")(fn);
    expect(out).toContain(`((!(func0.call(data, "id"))) || (data.id === undefined)) && (missing0 = "id")`);
    expect(out).toContain(`if(func0.call(data, "odd key") && data["odd key"] !== undefined){`);
  });
});

describe("plain-reads, load-once and own-by-prototype", () => {
  const validate = run(fast(fn));

  it("test the prototype once per object and read plainly", () => {
    const out = fast(fn);
    expect(out).toContain(`var own$data = Object.getPrototypeOf(data) !== Object.prototype || "id" in Object.prototype || "odd key" in Object.prototype;`);
    expect(out).toContain(`(own$data === false || func0.call(data, "id"))`);
  });

  it("give the own-property verdict on plain and other objects", () => {
    expect(validate({ id: "x", "odd key": 1 })).toBe(true);
    expect(validate({ id: "x", "odd key": "1" })).toBe(false);
    expect(validate({})).toBe(false);
    expect(validate(Object.assign(Object.create(null), { id: "x" }))).toBe(true);
    expect(validate(Object.create({ id: "x" }))).toBe(false);
    (Object.prototype as Record<string, unknown>).id = "inherited";
    try {
      expect(validate({})).toBe(false);
      expect(validate({ id: "own" })).toBe(true);
    } finally {
      delete (Object.prototype as Record<string, unknown>).id;
    }
  });

  it("never read an inherited value", () => {
    let reads = 0;
    const proto = Object.defineProperties({}, { id: { get: () => (reads++, "x") }, "odd key": { get: () => (reads++, "bad") } });
    expect(validate(Object.setPrototypeOf({ id: "own" }, proto))).toBe(true);
    expect(reads).toBe(0);
  });
});
