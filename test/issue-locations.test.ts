import { describe, expect, it } from "vitest";
import { schemasFor } from "../scripts/lib/schemas.mjs";
import { loadVectors, modelOf, profiles, schemas, type Profile } from "./helpers/vectors.js";

// Every issue of every invalid vector names a place in the value and a keyword in the schema
// documents that really exist: a `schemaPath` is a URI reference that resolves, against the
// model's `$id`, to a document of the profile and, by its fragment, to the failing keyword.

const documents = Object.fromEntries(
  (profiles as Profile[]).map((profile) => [profile, new Map(schemasFor(profile, schemas).map(({ doc }) => [doc.$id as string, doc as unknown]))]),
) as Record<Profile, Map<string, unknown>>;

/** The value a JSON Pointer (RFC 6901) names in `document`, or `undefined`. */
function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === "") return document;
  let node = document;
  for (const segment of pointer.slice(1).split("/")) {
    const key = segment.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const pointerOf = (path: readonly (string | number)[]) => path.map((key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

for (const { profile, file, groups } of loadVectors()) {
  describe(`issue locations ${profile}/${file}`, () => {
    for (const group of groups) {
      const model = modelOf(profile, group.schema.$ref);
      const invalid = group.tests.filter((test) => !test.valid);
      if (invalid.length === 0) continue;
      it(`${group.description}: every schemaPath resolves to its keyword`, () => {
        for (const test of invalid) {
          const result = model.validate(test.data);
          expect(result.issues, test.description).toBeDefined();
          for (const issue of result.issues ?? []) {
            const where = `${test.description}: ${issue.schemaPath}`;
            expect(issue.schemaPath.split("#").length, where).toBe(2);
            const url = new URL(issue.schemaPath, group.schema.$ref);
            const fragment = decodeURIComponent(url.hash.slice(1));
            url.hash = "";
            const document = documents[profile].get(url.href);
            expect(document, where).toBeDefined();
            expect(resolvePointer(document, fragment), where).toBeDefined();
            expect(fragment.slice(fragment.lastIndexOf("/") + 1), where).toBe(issue.keyword);
            expect(issue.instancePath, where).toBe(pointerOf(issue.path));
          }
        }
      });
    }
  });
}
