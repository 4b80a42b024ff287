// Own-property semantics through every build: an inherited key never counts and is never
// read, whatever the object's prototype, and a plain object gets the same verdict as any
// other object with the same own keys. Driven by the vectors: every object model, both
// profiles; the prototype of Object is polluted and cleaned inside each test.
import { afterEach, describe, expect, it } from "vitest";
import { generatedBuilds, loadVectors, modelOf, profiles, titleById, withoutPrototypes, type Profile } from "./helpers/vectors.js";

const builds = generatedBuilds;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Up to three valid object vectors of each object model, per profile. */
function samples(profile: Profile) {
  const byTitle = new Map<string, Record<string, unknown>[]>();
  for (const file of loadVectors().filter((v) => v.profile === profile)) {
    for (const group of file.groups) {
      const title = titleById.get(group.schema.$ref)!;
      for (const test of group.tests) {
        if (!test.valid || !isObject(test.data)) continue;
        const list = byTitle.get(title) ?? [];
        if (list.length < 3) list.push(test.data);
        byTitle.set(title, list);
      }
    }
  }
  return [...byTitle];
}

/** Every build's verdict, and the public verbs', on one value. */
function verdicts(profile: Profile, title: string, value: unknown) {
  const build = builds[profile][title]!;
  const model = modelOf(profile, [...titleById].find(([, t]) => t === title)![0]);
  return { fast: build.fast(value), allErrors: build.allErrors(value), is: model.is(value), validate: model.validate(value).issues === undefined };
}
const all = (verdict: boolean) => ({ fast: verdict, allErrors: verdict, is: verdict, validate: verdict });

const polluted: string[] = [];
afterEach(() => {
  for (const key of polluted.splice(0)) delete (Object.prototype as Record<string, unknown>)[key];
});

describe.each(profiles as Profile[])("own keys only, %s profile", (profile) => {
  const cases = samples(profile);

  it("covers every object model", () => {
    expect(cases.length).toBeGreaterThan(25);
  });

  it.each(cases)("%s: the same verdict with no prototype and as a class instance", (title, values) => {
    for (const value of values) {
      expect(verdicts(profile, title, withoutPrototypes(value))).toEqual(all(true));
      const instance = Object.assign(new (class Payload {})(), value);
      expect(verdicts(profile, title, instance)).toEqual(all(true));
    }
  });

  it.each(cases)("%s: a required key that is only inherited is missing, and its value is never read", (title, values) => {
    for (const value of values) {
      for (const key of Object.keys(value)) {
        const { [key]: removed, ...rest } = value;
        const expected = verdicts(profile, title, rest).fast;
        // Inherited from a prototype of its own, from a polluted Object.prototype, and through a getter that must not run.
        expect(verdicts(profile, title, Object.setPrototypeOf({ ...rest }, { [key]: removed })), key).toEqual(all(expected));
        let reads = 0;
        const getter = Object.defineProperty({}, key, { get: () => (reads++, removed) });
        expect(verdicts(profile, title, Object.setPrototypeOf({ ...rest }, getter)), key).toEqual(all(expected));
        (Object.prototype as Record<string, unknown>)[key] = removed;
        polluted.push(key);
        expect(verdicts(profile, title, { ...rest }), `${key} on Object.prototype`).toEqual(all(expected));
        expect(verdicts(profile, title, value), `${key} on Object.prototype, own too`).toEqual(all(true));
        delete (Object.prototype as Record<string, unknown>)[key];
        expect(reads, key).toBe(0);
      }
    }
  });

  it.each(cases)("%s: an enumerable key on Object.prototype that no model declares is not one of the value's keys", (title, values) => {
    (Object.prototype as Record<string, unknown>).undeclaredKey = "inherited";
    polluted.push("undeclaredKey");
    for (const value of values) {
      expect(verdicts(profile, title, value)).toEqual(all(true));
      expect(verdicts(profile, title, { ...value, undeclaredKey: 1 }).fast).toBe(verdicts(profile, title, withoutPrototypes({ ...value, undeclaredKey: 1 })).fast);
    }
  });

  it.each(cases)("%s: Object.create(value) has no own key", (title, values) => {
    for (const value of values) expect(verdicts(profile, title, Object.create(value))).toEqual(all(verdicts(profile, title, {}).fast));
  });
});

describe("inherited values are never read", () => {
  const job = samples("default").find(([title]) => title === "BatchJob")![1][0]!;

  it("an inherited outputs of 2^32 - 1 holes is skipped, not walked", () => {
    const { outputs: _outputs, ...own } = job;
    const value = Object.setPrototypeOf(own, { outputs: new Array(2 ** 32 - 1) });
    expect(verdicts("default", "BatchJob", value)).toEqual(all(true));
  });

  it("a Proxy as the prototype is asked for the private probe symbol only, in every object model", () => {
    for (const profile of profiles as Profile[]) {
      for (const [title, values] of samples(profile)) {
        const asked: PropertyKey[] = [];
        const trap = { get: (t: object, key: PropertyKey) => (asked.push(key), Reflect.get(t, key)), has: (t: object, key: PropertyKey) => (asked.push(key), Reflect.has(t, key)) };
        const watching = new Proxy(structuredClone(values[0]!), trap);
        expect(verdicts(profile, title, Object.setPrototypeOf(structuredClone(values[0]!), watching)), `${profile} ${title}`).toEqual(all(true));
        // Every key only inherited: plain reads would ask the Proxy for each.
        expect(verdicts(profile, title, Object.setPrototypeOf({}, watching)), `${profile} ${title}`).toEqual(verdicts(profile, title, {}));
        expect(asked.filter((key) => typeof key !== "symbol"), `${profile} ${title}`).toEqual([]);
      }
    }
  });

  it("a revoked Proxy as the prototype changes no verdict", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const profile of profiles as Profile[]) {
      expect(verdicts(profile, "BatchJob", Object.setPrototypeOf(structuredClone(job), proxy))).toEqual(all(true));
    }
  });
});
