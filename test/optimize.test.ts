// The compiler passes over Ajv's output that carry the own-property semantics and the fast
// build's shape, on the shapes Ajv writes; the vector, fuzz and own-property tests prove them
// on the real builds.
import { describe, expect, it } from "vitest";
import { passes } from "../scripts/lib/optimize.mjs";

const pass = (name: string) => passes.find((p) => p.name === name)!.run as (code: string, context?: { id?: string; locations?: Map<string, string> }) => string;
const required = `((data.id === undefined) || (!(func0.call(data, "id")))) && (missing0 = "id")`;
const present = `if(data["odd key"] !== undefined && func0.call(data, "odd key")){`;
const fn = `const func0 = Object.prototype.hasOwnProperty;function validate3(data){if(data && typeof data == "object" && !Array.isArray(data)){let missing0;if(${required}){return false;}${present}if(typeof data["odd key"] !== "number"){return false;}}return true;}return false;}`;
const fast = (code: string) => ["plain-reads", "load-once", "own-by-prototype"].reduce((c, name) => pass(name)(c), code);
const run = (code: string) => new Function(`${code};return validate3;`)() as (data: unknown) => boolean;

describe("own-before-read", () => {
  it("asks whether a key is own before reading it", () => {
    const out = pass("own-before-read")(fn);
    expect(out).toContain(`((!(func0.call(data, "id"))) || (data.id === undefined)) && (missing0 = "id")`);
    expect(out).toContain(`if(func0.call(data, "odd key") && data["odd key"] !== undefined){`);
  });
});

describe("plain-reads, load-once and own-by-prototype", () => {
  const validate = run(fast(fn));

  it("test the prototype once per object, after a probe that lets the optimiser fold it, and read plainly", () => {
    const out = fast(fn);
    expect(out).toContain(`const probe0 = Symbol("own-by-prototype probe");const func0 = `);
    expect(out).toContain(`var own$data;try{own$data = data[probe0] !== undefined || Object.getPrototypeOf(data) !== Object.prototype || "id" in Object.prototype || "odd key" in Object.prototype;}catch(e){own$data = true;}`);
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

  it("ask a Proxy in the prototype chain for the probe only, and take the careful path when it throws", () => {
    const asked: PropertyKey[] = [];
    const watching = new Proxy({ id: "inherited" }, { get: (target, key, receiver) => (asked.push(key), Reflect.get(target, key, receiver)), has: (target, key) => (asked.push(key), Reflect.has(target, key)) });
    expect(validate(Object.setPrototypeOf({}, watching))).toBe(false);
    expect(validate(Object.setPrototypeOf({ id: "own" }, watching))).toBe(true);
    expect(asked.every((key) => typeof key === "symbol")).toBe(true);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(validate(Object.setPrototypeOf({ id: "own" }, proxy))).toBe(true);
    expect(validate(Object.setPrototypeOf({}, proxy))).toBe(false);
  });
});

describe("verdict-only", () => {
  const returned = `function validate5(data){if(typeof data !== "string"){validate5.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "string"}}];return false;}validate5.errors = vErrors;return errors === 0;}`;
  const pushed = `const err0 = {instancePath,schemaPath:"#/anyOf/0/type",keyword:"type",params:{type: "string"}};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;`;
  const joined = `if(!(validate7(data, {instancePath}))){vErrors = vErrors === null ? validate7.errors : vErrors.concat(validate7.errors);errors = vErrors.length;}`;

  it("returns false without an error object, and counts a branch's failure without one", () => {
    const out = pass("verdict-only")(`${returned}${pushed}${joined}`);
    expect(out).not.toMatch(/err\d+ = |\.errors = \[|concat/);
    expect(out).toContain(`if(typeof data !== "string"){return false;}`);
    expect(out).toContain(`errors++;if(!(validate7(data, {instancePath}))){errors++;}`);
  });

  it("refuses an error list it does not know", () => {
    expect(() => pass("verdict-only")(`validate5.errors = [{keyword:"type"}];errors++;`)).toThrow(/does not return/);
    expect(() => pass("verdict-only")(`const err0 = {keyword:"type"};vErrors = [err0];`)).toThrow(/not pushed/);
  });
});

describe("root-as-guard", () => {
  const root = `export const Job = validate9;function validate9(data, options){const instancePath = options === undefined ? "" : options.instancePath;const rootData = options === undefined ? data : options.rootData;if(data.id !== rootData.id){return false;}validate9.errors = vErrors;return true;}`;

  it("makes the exported validator one call that takes the value alone and never throws", () => {
    const out = pass("root-as-guard")(root);
    expect(out).toContain(`export { Job };function Job(data){try{const instancePath = "";const rootData = data;`);
    expect(out).not.toContain("validate9");
    const guard = new Function(`const vErrors = null;${out.replace("export { Job };", "")};return Job;`)() as (data: unknown, index?: unknown) => boolean;
    expect(guard.name).toBe("Job");
    expect(guard({ id: 1 }, 0)).toBe(true);
    expect(guard({ id: 1 }, { instancePath: "/x", rootData: { id: 2 } })).toBe(true); // a second argument is never options
    expect(guard(null)).toBe(false); // reading throws: not valid
    expect(guard(Object.defineProperty({}, "id", { get: () => { throw new Error("read"); } }))).toBe(false);
  });

  it("exports a guard that calls a root another validator of the module calls", () => {
    const recursive = root.replace("return true;}", "return data.next === undefined || validate9(data.next, {instancePath, rootData});}");
    const out = pass("root-as-guard")(recursive);
    expect(out).toContain(`export { Job };function Job(data){try{return validate9(data);}catch(e){return false;}}`);
    expect(out).toContain(`function validate9(data, options){`);
  });

  it("refuses a module where the model's name is taken", () => {
    expect(() => pass("root-as-guard")(`${root}const Job = 1;`)).toThrow(/is taken/);
  });
});

describe("closed-keys-by-cursor", () => {
  const names = ["a", "b", "c", "d", "e"];
  const chain = names.map((name) => `(key0 === "${name}")`).join(" || ");
  const allErrors =
    `const func0 = Object.prototype.hasOwnProperty;function validate3(data){let vErrors = null;` +
    `for(const key0 of Object.keys(data)){if(!(${chain})){const err0 = {keyword:"additionalProperties",params:{additionalProperty: key0}};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}}}` +
    `validate3.errors = vErrors;return vErrors === null;}`;
  const out = pass("closed-keys-by-cursor")(allErrors);
  const validate = new Function(`${out};return validate3;`)() as ((data: unknown) => boolean) & { errors: { params: { additionalProperty: string } }[] | null };
  const unknown = (data: object) => (validate(data), (validate.errors ?? []).map((error) => error.params.additionalProperty));

  it("looks each key up after the last one found, before the full test", () => {
    expect(out).toContain(`const declared0 = ["a","b","c","d","e"];const func0 = `);
    expect(out).toContain(`{let key0at = 0;for(const key0 of Object.keys(data)){const key0from = key0at;while(key0at < 5 && declared0[key0at] !== key0){key0at++;}if(key0at < 5){key0at++;}else {key0at = key0from;if(!(`);
  });

  it("lists every unknown key, in the object's order, whatever the order of the declared ones", () => {
    expect(unknown({ a: 1, b: 1, c: 1, d: 1, e: 1 })).toEqual([]);
    expect(unknown({ e: 1, d: 1, c: 1, b: 1, a: 1 })).toEqual([]);
    expect(unknown({ x: 1, a: 1, c: 1, y: 1, b: 1, e: 1, z: 1 })).toEqual(["x", "y", "z"]);
    expect(unknown({ c: 1, a: 1, b: 1, "": 1, d: 1, constructor: 1 })).toEqual(["", "constructor"]);
  });

  it("leaves a loop that does more than test the names", () => {
    const more = allErrors.replace("}}}validate3.errors", "}}data.seen = key0;}validate3.errors");
    expect(pass("closed-keys-by-cursor")(more)).toBe(more);
  });
});

describe("uuid-memo and uuid-replay", () => {
  const uuid = JSON.stringify("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$");
  const fast = `const pattern4 = new RegExp(${uuid}, "u");const pattern5 = new RegExp("^a$", "u");export { Job };function Job(data){try{if(!pattern4.test(data.id)){return false;}if(!pattern5.test(data.name)){return false;}return true;}catch(e){return false;}}`;
  const allErrors = `const pattern2 = new RegExp(${uuid}, "u");const pattern3 = new RegExp("^a$", "u");export const Job = validate1;function validate1(data, options){if(!pattern2.test(id)){errors++;}if(!pattern3.test(name)){errors++;}}`;

  it("notes each string that passed the canonical UUID pattern, from the start of each exported validator", () => {
    const out = pass("uuid-memo")(fast.replace("data.id", "id").replace("data.name", "name"));
    expect(out).toContain(`const pattern4 = new RegExp(${uuid}, "u");var uuidsPassed = [];var uuidsPassedCount = 0;var uuidsReplayed = 0;`);
    expect(out).toContain("function Job(data){uuidsPassedCount = 0;try{");
    expect(out).toContain("if(!pattern4.test(id)){return false;}if(uuidsPassedCount < 64){uuidsPassed[uuidsPassedCount++] = id;}");
    expect(out).toContain("if(!pattern5.test(name)){return false;}return true;"); // another pattern: no note
  });

  it("takes the next noted string equal to its own as passed, and tests any other", () => {
    const out = pass("uuid-replay")(allErrors);
    expect(out).toContain("function validate1(data, options){if(options === undefined){uuidsReplayed = 0;}");
    expect(out).toContain("if(!(uuidsPassed[uuidsReplayed] === id ? (uuidsReplayed++, true) : pattern2.test(id))){errors++;}");
    expect(out).toContain("if(!pattern3.test(name)){errors++;}");
  });

  it("leaves a module with no canonical UUID pattern as it is", () => {
    const other = fast.replace(uuid, JSON.stringify("^b$"));
    expect(pass("uuid-memo")(other)).toBe(other);
    expect(pass("uuid-replay")(allErrors.replace(uuid, JSON.stringify("^b$")))).toBe(allErrors.replace(uuid, JSON.stringify("^b$")));
  });
});

describe("calls-without-options", () => {
  const inner = `function validate2(data, options){const instancePath = options === undefined ? "" : options.instancePath;return typeof data === "string";}`;
  const outer = `function validate1(data, options){const instancePath = options === undefined ? "" : options.instancePath;for(let i0=0; i0<data.length; i0++){if(!(validate2(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){return false;}}return true;}`;

  it("passes the value alone to a validator that reads none of its options", () => {
    expect(pass("calls-without-options")(`${inner}${outer}`)).toContain("if(!(validate2(data[i0]))){");
  });

  it("keeps the options of a validator that reads them", () => {
    const reading = inner.replace(`return typeof data === "string";`, `return instancePath !== "/0";`);
    expect(pass("calls-without-options")(`${reading}${outer}`)).toContain(`validate2(data[i0], {instancePath:`);
  });
});

describe("own-by-prototype-checked", () => {
  const allErrors = `const func0 = Object.prototype.hasOwnProperty;function validate3(data){let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if((!(func0.call(data, "id"))) || (data.id === undefined)){errors++;}if(func0.call(data, "odd key") && data["odd key"] !== undefined){if(typeof data["odd key"] !== "number"){errors++;}}}else {errors++;}return errors === 0;}`;
  const validate = run(pass("own-by-prototype-checked")(allErrors));

  it("asks hasOwnProperty only of an object that is not plain", () => {
    const out = pass("own-by-prototype-checked")(allErrors);
    expect(out).toContain(`(own$data === false || func0.call(data, "id"))`);
    expect(out).toContain(`var own$data;try{own$data = data[probe0] !== undefined || Object.getPrototypeOf(data) !== Object.prototype || "id" in Object.prototype || "odd key" in Object.prototype;}`);
  });

  it("gives the own-property verdict and never reads an inherited value", () => {
    expect(validate({ id: "x", "odd key": 1 })).toBe(true);
    expect(validate(Object.create({ id: "x" }))).toBe(false);
    expect(validate(Object.assign(Object.create(null), { id: "x" }))).toBe(true);
    let reads = 0;
    const proto = Object.defineProperty({}, "odd key", { get: () => (reads++, "bad") });
    expect(validate(Object.setPrototypeOf({ id: "own" }, proto))).toBe(true);
    expect(reads).toBe(0);
  });
});

describe("length-by-uuid-pattern and no-parent-schema", () => {
  const uuid = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";
  const check = (source: string) =>
    `const pattern4 = new RegExp(${JSON.stringify(source)}, "u");function validate1(data){if(func2(data) > 36){const err0 = {keyword:"maxLength",params:{limit: 36}};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(!pattern4.test(data)){const err1 = {keyword:"pattern",parentSchema:schema3.properties["odd key"],data};}}`;

  it("drops the length check before the canonical UUID pattern only", () => {
    expect(pass("length-by-uuid-pattern")(check(uuid))).not.toContain("func2(data) > 36");
    expect(pass("length-by-uuid-pattern")(check("^[0-9]{36}$"))).toContain("func2(data) > 36");
  });

  it("drops parentSchema from error objects", () => {
    expect(pass("no-parent-schema")(check(uuid))).toContain(`{keyword:"pattern",data}`);
  });
});

describe("absolute-schema-paths and fresh-params", () => {
  const code =
    `const schema3 = {"properties":{"started_at":{"type":["integer","null"]},"status":{"enum":["A","B"]}}};` +
    `function validate1(data, options){const err0 = {schemaPath:"#/required",keyword:"required",params:{missingProperty: "x"}};const err1 = {schemaPath:"#/properties/started_at/type",keyword:"type",params:{type: schema3.properties.started_at.type},schema:schema3.properties.started_at.type};}` +
    `function validate2(data, options){const err2 = {schemaPath:"#",keyword:"false schema",params:{}};const err3 = {schemaPath:"#/properties/status/enum",keyword:"enum",params:{allowedValues: schema3.properties["status"].enum}};` +
    `const err4 = {schemaPath:"https://x.invalid/s/file-id.schema.json/pattern",keyword:"pattern",params:{}};const err5 = {schemaPath:"https://x.invalid/s/job.schema.json#/definitions/Id/type",keyword:"type",params:{}};}`;
  const locations = new Map([
    ["validate1", "#"],
    ["validate2", "file-id.schema.json#/definitions/Id"],
  ]);
  const context = { id: "https://x.invalid/s/job.schema.json", locations };

  it("makes every schema path relative to the model's document: a function's own from where its schema lives, an inlined target's from its URI", () => {
    const out = pass("absolute-schema-paths")(code, context);
    expect(out).toContain(`schemaPath:"#/required"`);
    expect(out).toContain(`schemaPath:"file-id.schema.json#/pattern"`);
    expect(out).toContain(`schemaPath:"#/definitions/Id/type"`);
    expect(out).toContain(`schemaPath:"#/properties/started_at/type"`);
    expect(out).toContain(`schemaPath:"file-id.schema.json#/definitions/Id"`);
    expect(out).toContain(`schemaPath:"file-id.schema.json#/definitions/Id/properties/status/enum"`);
  });

  it("refuses a function whose schema location is unknown, a schema path that is not a literal, and one outside the schemas folder", () => {
    expect(() => pass("absolute-schema-paths")(code, { ...context, locations: new Map([["validate1", "#"]]) })).toThrow(/no schema location for validate2/);
    expect(() => pass("absolute-schema-paths")(code.replace(`schemaPath:"#/required"`, `schemaPath:path`), context)).toThrow(/another shape/);
    expect(() => pass("absolute-schema-paths")(code.replace("https://x.invalid/s/file-id", "https://y.invalid/file-id"), context)).toThrow(/outside the schemas folder/);
  });

  it("writes params that name the schema's lists as literals, and leaves the verbose schema references", () => {
    const out = pass("fresh-params")(code);
    expect(out).toContain(`params:{type: ["integer","null"]}`);
    expect(out).toContain(`params:{allowedValues: ["A","B"]}`);
    expect(out).toContain(`schema:schema3.properties.started_at.type`);
    expect(out).not.toMatch(/params:\{[^}]*schema3/);
  });

  it("refuses params that name anything of the schema but a list of primitives", () => {
    expect(() => pass("fresh-params")(code.replace("params:{type: schema3.properties.started_at.type}", "params:{type: schema3.properties}"))).toThrow(/not a list of primitives/);
    expect(() => pass("fresh-params")(code.replace(`params:{missingProperty: "x"}`, `params:{missingProperty: "x", type: schema3.properties}`))).toThrow(/refers to the schema/);
  });
});

describe("closed-keys-by-for-in", () => {
  const closed = `const func0 = Object.prototype.hasOwnProperty;function validate3(data){if(data && typeof data == "object" && !Array.isArray(data)){var own$data;try{own$data = Object.getPrototypeOf(data) !== Object.prototype;}catch(e){own$data = true;}for(const key0 of Object.keys(data)){if(!((key0 === "a") || (key0 === "b"))){return false;break;}}return true;}return false;}`;
  const validate = run(pass("closed-keys-by-for-in")(closed));

  it("walks a plain object's keys with for…in, and any other object's with Object.keys", () => {
    expect(pass("closed-keys-by-for-in")(closed)).toContain(`if(own$data === false){for(const key0 in data){if(!((key0 === "a") || (key0 === "b")) && func0.call(data, key0)){return false;}}}else {for(const key0 of Object.keys(data))`);
  });

  it("sees own enumerable keys only, as Object.keys does", () => {
    expect(validate({ a: 1, b: 2 })).toBe(true);
    expect(validate({ a: 1, c: 2 })).toBe(false);
    expect(validate(Object.defineProperty({ a: 1 }, "c", { value: 2, enumerable: false }))).toBe(true);
    expect(validate(Object.create({ c: 1 }))).toBe(true);
    expect(validate(Object.assign(Object.create({ c: 1 }), { d: 1 }))).toBe(false);
    (Object.prototype as Record<string, unknown>).c = "enumerable and inherited";
    try {
      expect(validate({ a: 1 })).toBe(true);
      expect(validate({ a: 1, c: 1 })).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>).c;
    }
  });

  it("finds keys in any order past a few names, and refuses an unknown one wherever it is", () => {
    const five = closed.replace(`!((key0 === "a") || (key0 === "b"))`, `!((key0 === "a") || (key0 === "b") || (key0 === "c") || (key0 === "d") || (key0 === "e"))`);
    const out = pass("closed-keys-by-for-in")(five);
    expect(out).toContain(`const closed0 = ["a","b","c","d","e"];const func0 = `);
    const check = run(out);
    expect(check({ a: 1, b: 1, c: 1, d: 1, e: 1 })).toBe(true);
    expect(check({ e: 1, a: 1, d: 1, b: 1 })).toBe(true);
    expect(check({ a: 1, c: 1, b: 1, e: 1, d: 1 })).toBe(true);
    expect(check({ a: 1, x: 1, b: 1 })).toBe(false);
    expect(check({ e: 1, d: 1, x: 1 })).toBe(false);
    expect(check({ a: 1, b: 1, c: 1, d: 1, e: 1, x: 1 })).toBe(false);
    (Object.prototype as Record<string, unknown>).x = "enumerable and inherited";
    try {
      expect(check({ d: 1, a: 1 })).toBe(true);
      expect(check({ d: 1, x: 1 })).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>).x;
    }
  });
});
