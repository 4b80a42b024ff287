/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit untyped schema JSON in place */
import { describe, expect, it } from "vitest";
import { drift, render } from "../scripts/generate.mjs";
import { lintSchemas } from "../scripts/lint-schemas.mjs";
import { allSchemas, deriveBatchBody, deriveStrict, loadSchemas, subschemas, withoutAnnotations } from "../scripts/lib/schemas.mjs";
import { analysePattern } from "../scripts/lib/patterns.mjs";
import { camel } from "../scripts/generate.mjs";
import { apiEndpointBodies } from "../src/generated/endpoints.js";

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
    ["a keyword outside the shared set", (d: any) => (d.properties.id.maxProperties = 1), /keyword "maxProperties" is not in the allowed set/],
    ["a title that is not the file name", (d: any) => (d.title = "Job"), /title: must be BatchJobOut/],
    ["an $id that does not end in the file name", (d: any) => (d.$id = "https://batch-job-schema.invalid/schemas/x.json"), /last segment must be the file name/],
    ["an example that does not validate", (d: any) => (d.examples[0].status = "PAUSED"), /examples\/0: invalid/],
    ["a free-form object without additionalProperties", (d: any) => delete d.properties.metadata.additionalProperties, /free-form object/],
    ["a required key that is not declared", (d: any) => d.required.push("agent"), /required key "agent" is not declared/],
    ["a $ref to a missing file", (d: any) => (d.properties.status.$ref = "nope.schema.json"), /is not a schema file of this folder/],
    ["a pattern without a length bound (secure meta-schema)", (d: any) => (d.properties.id.pattern = "^[a-z]+$"), /secure meta-schema: #\/dependencies\/pattern\/required must have required property .maxLength./],
  ])("rejects %s", (_name, change, problem) => {
    expect(lintSchemas(withDoc("batch-job-out.schema.json", change)).join("\n")).toMatch(problem);
  });

  // The keywords of the request models: each rule bites on a document that breaks it.
  const idPattern = (pattern: string, maxLength?: number) => (d: any) => Object.assign(d.properties.id, { pattern, ...(maxLength === undefined ? {} : { maxLength }) });
  it.each([
    ["exclusiveMinimum in the draft-04 boolean form", (d: any) => Object.assign(d.properties.total_requests, { minimum: 0, exclusiveMinimum: true }), /exclusiveMinimum: must be a number/],
    ["a pattern not anchored at the start", idPattern("[a-z]{2}$"), /pattern: must begin with \^/],
    ["a pattern not anchored at the end", idPattern("^[a-z]{2}"), /pattern: must end with \$/],
    ["a pattern whose $ is escaped", idPattern("^[a-z]{2}\\$"), /pattern: must end with \$/],
    ["\\d in a pattern", idPattern("^\\d{2}$"), /pattern: no \\d/],
    ["\\w in a pattern", idPattern("^\\w{2}$"), /pattern: no \\w/],
    ["\\s in a pattern", idPattern("^[^\\s]{2}$"), /pattern: no \\s/],
    ["a dot in a pattern", idPattern("^a.b$"), /pattern: no `\.`/],
    ["alternation outside a group", idPattern("^ab|cd$"), /alternation outside a group/],
    ["a lookahead", idPattern("^(?=a)[a-z]{2}$"), /lookaround/],
    ["a repeated group that repeats", idPattern("^(a+)+$", 10), /exponential backtracking/],
    ["a lazy quantifier", idPattern("^a{1,3}?$"), /no lazy quantifiers/],
    ["a character outside printable ASCII", idPattern("^é{2}$"), /not printable ASCII/],
    ["a set operation in a class", idPattern("^[a-z&&b]{2}$"), /set operation/],
    ["an unbounded pattern without maxLength", idPattern("^[a-z]+$"), /unbounded quantifier needs a maxLength/],
    ["definitions below the root", (d: any) => (d.properties.metadata.definitions = { Meta: { description: "x", type: "object", additionalProperties: true } }), /definitions belong at the document's root/],
    ["a definition name that is not PascalCase", (d: any) => (d.definitions = { text_chunk: { description: "x", type: "string" } }), /PascalCase/],
    ["a definition named like a JavaScript global", (d: any) => (d.definitions = { Function: { description: "x", type: "string" } }), /would shadow the global Function/],
    ["a definition named like a model", (d: any) => (d.definitions = { BatchError: { description: "x", type: "string" } }), /already the name of batch-error.schema.json/],
    ["a definition without description", (d: any) => (d.definitions = { Extra: { type: "string" } }), /a definition needs a description/],
    ["a definition titled other than its name", (d: any) => (d.definitions = { Extra: { description: "x", title: "Other", type: "string" } }), /title, if any, is its name Extra/],
    ["a title below the root", (d: any) => (d.properties.id.title = "Id"), /a title only on a document or a definition/],
    ["a $ref to a missing definition", (d: any) => (d.properties.status = { $ref: "#/definitions/Nope" }), /has no definition Nope/],
    ["a $ref to the document itself", (d: any) => (d.properties.status = { $ref: "#" }), /no recursion/],
    ["a $ref fragment that is not a definition", (d: any) => (d.properties.status = { $ref: "batch-job.schema.json#/properties/status" }), /a fragment must be #\/definitions\/Name/],
    ["additionalProperties true beside properties", (d: any) => (d.additionalProperties = true), /only a branch of anyOf, oneOf or allOf may say it/],
    ["an anyOf of one branch", (d: any) => (d.properties.id = { description: "x", anyOf: [{ type: "string" }] }), /anyOf needs at least two branches/],
    ["a oneOf of overlapping types", (d: any) => (d.properties.id = { description: "x", oneOf: [{ type: "integer" }, { type: "number" }] }), /a oneOf needs a discriminator, or branches of disjoint types/],
    ["a oneOf of $refs without a discriminator", (d: any) => (d.properties.errors.items = { oneOf: [{ $ref: "batch-error.schema.json" }, { type: "string" }] }), /a oneOf needs a discriminator/],
  ])("rejects %s", (_name, change, problem) => {
    expect(lintSchemas(withDoc("batch-job-out.schema.json", change)).join("\n")).toMatch(problem);
  });

  it.each([
    ["a bounded pattern without maxLength (no secure meta-schema complaint)", idPattern("^[a-z]{2}(?:-[A-Z]{2})?$")],
    ["an unbounded pattern with maxLength", idPattern("^[^,\\t\\n\\r\\f ]+$", 100)],
    ["escaped syntax characters and \\x escapes", idPattern("^\\$[\\x41-\\x5a\\-]{1,3}\\.$")],
    ["a oneOf of disjoint types", (d: any) => (d.properties.id = { description: "x", oneOf: [{ type: "string" }, { type: "integer" }] })],
    ["a title that differs from the file name only in case", (d: any) => (d.title = "BATCHJobOut")],
  ])("accepts %s", (_name, change) => {
    // The realistic example need not fit the changed id; every rule must.
    const problems = lintSchemas(withDoc("batch-job-out.schema.json", change)).filter((p) => !/examples\/\d+: invalid/.test(p));
    expect(problems).toEqual([]);
  });

  // A discriminated union: the messages of a chat.
  const messages = "chat-messages.schema.json";
  const chatMessage = (d: any) => d.definitions.ChatMessage;
  it.each([
    ["a discriminator with a mapping", (d: any) => (chatMessage(d).discriminator.mapping = { user: "#/definitions/UserMessage" }), /discriminator must be exactly \{"propertyName": "<key>"\}/],
    ["a discriminator without type object", (d: any) => delete chatMessage(d).type, /needs "type": "object" beside it/],
    ["a discriminator without oneOf", (d: any) => (chatMessage(d).anyOf = chatMessage(d).oneOf, delete chatMessage(d).oneOf), /a discriminator needs a oneOf beside it/],
    ["a branch whose tag is not a const", (d: any) => (d.definitions.UserMessage.properties.role = { description: "x", type: "string" }), /oneOf\/1: each branch must declare "role" with a non-empty string const/],
    ["a branch that does not require its tag", (d: any) => (d.definitions.UserMessage.required = ["content"]), /oneOf\/1: each branch must require "role"/],
    ["two branches with one tag", (d: any) => (d.definitions.ToolMessage.properties.role.const = "user"), /oneOf\/3: "role" "user" is also branch 1's/],
  ])("rejects %s", (_name, change, problem) => {
    expect(lintSchemas(withDoc(messages, change)).join("\n")).toMatch(problem);
  });

  it("rejects a title that is not the file name even ignoring case", () => {
    expect(lintSchemas(withDoc("fim-completion-request.schema.json", (d) => (d.title = "FillInTheMiddleRequest"))).join("\n")).toMatch(/title: must be FimCompletionRequest/);
    expect(lintSchemas(schemas).filter((p) => p.includes("/title"))).toEqual([]); // FIMCompletionRequest and OCRRequest pass
  });

  it("requires the bodies named in scripts/lib/endpoints.mjs to exist", () => {
    const withoutChat = schemas.filter((s) => s.file !== "chat-completion-request.schema.json");
    expect(lintSchemas(withoutChat).join("\n")).toMatch(/names the body ChatCompletionRequest, but no schema in schemas\/ has that title/);
  });
});

describe("patterns", () => {
  it("the longest match of a bounded pattern", () => {
    expect(analysePattern("^[a-z]{2}(?:-[A-Z]{2,3})?$")).toEqual({ problems: [], maxLength: 6 });
    expect(analysePattern("^(?:ab|c){0,2}$").maxLength).toBe(4);
    expect(analysePattern("^[a-z]+$").maxLength).toBe(Infinity);
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

  it("derives strict through every keyword that holds subschemas, and no other", () => {
    const object = { type: "object", properties: { a: { type: "string" } } };
    const doc = {
      definitions: { Part: object, properties: object },
      properties: { properties: object, additionalProperties: object },
      items: object,
      anyOf: [object, { required: ["a"], properties: { a: { type: "string" } }, additionalProperties: true }],
      oneOf: [object, object],
      allOf: [object, object],
      propertyNames: { type: "string", maxLength: 3 },
      additionalProperties: object,
      discriminator: { propertyName: "properties" },
      examples: [object],
      default: object,
      const: object,
      enum: [object],
    };
    const strict = deriveStrict(doc) as any;
    for (const closed of [strict.definitions.Part, strict.definitions.properties, strict.properties.properties, strict.properties.additionalProperties, strict.items, strict.anyOf[0], strict.oneOf[1], strict.allOf[0], strict.additionalProperties]) {
      expect(closed.additionalProperties).toBe(false);
    }
    expect(strict.additionalProperties.type).toBe("object"); // the root says what other keys are: left as it is
    // A property or a definition named like a keyword is a name: nothing is added beside it.
    expect(Object.keys(strict.properties)).toEqual(["properties", "additionalProperties"]);
    expect(Object.keys(strict.definitions)).toEqual(["Part", "properties"]);
    expect(strict.anyOf[1].additionalProperties).toBe(true); // a constraint branch stays one
    expect(strict.propertyNames).toEqual({ type: "string", maxLength: 3 });
    expect(strict.discriminator).toEqual({ propertyName: "properties" });
    for (const data of [strict.examples[0], strict.default, strict.const, strict.enum[0]]) expect(data.additionalProperties).toBeUndefined();
  });

  it("strips annotations from subschemas, never names or data", () => {
    const doc = {
      title: "T",
      description: "d",
      definitions: { title: { description: "x", type: "string" } },
      properties: { description: { description: "x", type: "string", default: "y" }, examples: { $comment: "c", type: "string" } },
      propertyNames: { description: "key", maxLength: 3 },
      anyOf: [{ title: "A", type: "string" }, { description: "B", type: "null" }],
      const: { title: "data" },
      examples: [{ title: "data" }],
    };
    expect(withoutAnnotations(doc)).toEqual({
      definitions: { title: { type: "string" } },
      properties: { description: { type: "string" }, examples: { type: "string" } },
      propertyNames: { maxLength: 3 },
      anyOf: [{ type: "string" }, { type: "null" }],
      const: { title: "data" },
    });
  });

  it("walks the subschemas of every keyword that holds some, with their pointers and parents", () => {
    const doc = { definitions: { "A/b": { type: "string" } }, propertyNames: { maxLength: 1 }, anyOf: [{ type: "string" }, { type: "null" }], discriminator: { propertyName: "x" }, examples: [{ type: "string" }] };
    const walked = [...subschemas(doc)].map(([schema, pointer, parent]) => [pointer, parent === doc, schema.type ?? null]);
    expect(walked).toEqual([
      ["", false, null],
      ["/definitions/A~1b", true, "string"],
      ["/propertyNames", true, null],
      ["/anyOf/0", true, "string"],
      ["/anyOf/1", true, "null"],
    ]);
  });

  it("derives each in-batch body by one rule: model no longer required, definitions referred to", () => {
    const body = schemas.find((s) => s.doc.title === "ChatCompletionRequest")!;
    const { file, doc, derivedFrom } = deriveBatchBody(body);
    expect([file, doc.title, doc.$id, derivedFrom]).toEqual([
      "batch-chat-completion-request.schema.json",
      "BatchChatCompletionRequest",
      "https://batch-job-schema.invalid/schemas/batch-chat-completion-request.schema.json",
      "chat-completion-request.schema.json",
    ]);
    expect(doc.required).toEqual(body.doc.required.filter((k: string) => k !== "model"));
    expect(doc.properties.model).toEqual(body.doc.properties.model);
    expect(doc.definitions).toBeUndefined();
    expect(JSON.stringify(doc)).not.toMatch(/"\$ref":"#/);
    expect(JSON.stringify(doc)).toMatch(/"\$ref":"chat-completion-request\.schema\.json#\/definitions\/ToolChoice"/);
    expect(doc.examples.every((e: object) => !("model" in e))).toBe(true);
    expect(allSchemas().filter((s) => s.derivedFrom).map((s) => s.doc.title)).toEqual([...new Set(Object.values(apiEndpointBodies).filter(Boolean).map((b) => b!.batchBody))].sort());
  });

  it("names the verbs of a title with a leading acronym as one word", () => {
    expect(["BatchJob", "FIMCompletionRequest", "OCRRequest", "BatchOCRRequest", "ApiEndpoint"].map(camel)).toEqual(["batchJob", "fimCompletionRequest", "ocrRequest", "batchOCRRequest", "apiEndpoint"]);
  });

  it("the endpoint table: every ApiEndpoint a key, frozen, no prototype", () => {
    const endpoints = schemas.find((s) => s.doc.title === "ApiEndpoint")!.doc.enum;
    expect(Object.keys(apiEndpointBodies)).toEqual(endpoints);
    expect(Object.isFrozen(apiEndpointBodies) && Object.getPrototypeOf(apiEndpointBodies)).toBe(null);
    expect(apiEndpointBodies["/v1/moderations"]).toEqual({ body: "ClassificationRequest", batchBody: "BatchClassificationRequest" });
    expect(apiEndpointBodies["/v1/classifications"]).toBe(apiEndpointBodies["/v1/classifications"]);
    expect(Object.isFrozen(apiEndpointBodies["/v1/chat/completions"])).toBe(true);
    expect((apiEndpointBodies as Record<string, unknown>)["constructor"]).toBeUndefined();
  });
});
