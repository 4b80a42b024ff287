/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit untyped schema JSON in place */
import { describe, expect, it } from "vitest";
import { drift, render } from "../scripts/generate.mjs";
import { lintSchemas } from "../scripts/lint-schemas.mjs";
import { deriveStrict, loadSchemas } from "../scripts/lib/schemas.mjs";

const schemas = loadSchemas();
const withDoc = (file: string, change: (doc: Record<string, any>) => void) =>
  schemas.map((s) => {
    if (s.file !== file) return s;
    const doc = structuredClone(s.doc);
    change(doc);
    return { file, doc };
  });

describe("schema lint", () => {
  it("passes the hand-written schemas", () => {
    expect(lintSchemas(schemas)).toEqual([]);
  });

  it.each([
    ["a property without description", (d: any) => delete d.properties.id.description, /properties\/id: property needs a description/],
    ["a $ref with a sibling", (d: any) => (d.properties.status.description = "x"), /\$ref must stand alone/],
    ["a keyword outside the shared set", (d: any) => (d.properties.id.minLength = 1), /keyword "minLength" is not in the allowed set/],
    ["a title that is not the file name", (d: any) => (d.title = "Job"), /title: must be BatchJobOut/],
    ["an $id that does not end in the file name", (d: any) => (d.$id = "https://batch-job-schema.dev/x.json"), /last segment must be the file name/],
    ["an example that does not validate", (d: any) => (d.examples[0].status = "PAUSED"), /examples\/0: invalid/],
    ["a free-form object without additionalProperties", (d: any) => delete d.properties.metadata.additionalProperties, /free-form object/],
    ["a required key that is not declared", (d: any) => d.required.push("agent"), /required key "agent" is not declared/],
    ["a $ref to a missing file", (d: any) => (d.properties.status.$ref = "nope.schema.json"), /is not a schema file of this folder/],
    ["a pattern without a length bound (secure meta-schema)", (d: any) => (d.properties.id.pattern = "^(a+)+$"), /secure meta-schema: #\/dependencies\/pattern\/required must have required property .maxLength./],
  ])("rejects %s", (_name, change, problem) => {
    expect(lintSchemas(withDoc("batch-job-out.schema.json", change)).join("\n")).toMatch(problem);
  });
});

describe("generator", () => {
  it("renders what is on disk (the drift check agrees)", async () => {
    expect(drift(await render())).toEqual({ changed: [], stale: [] });
  });

  it("reports a changed file as drift", async () => {
    const files = await render();
    files["src/generated/types.ts"] += "\n// edited by hand\n";
    expect(drift(files).changed).toEqual(["src/generated/types.ts"]);
  });

  it("derives strict by closing exactly the objects that declare properties", () => {
    const job = deriveStrict(schemas.find((s) => s.file === "batch-job-out.schema.json")!.doc);
    expect(job.additionalProperties).toBe(false);
    expect(job.properties.metadata.additionalProperties).toBe(true);
    expect(job.examples[0].additionalProperties).toBeUndefined();
  });
});
