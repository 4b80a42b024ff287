import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import * as strict from "../src/strict.js";
import { toIssues } from "../src/issues.js";

// The messages of the keywords beyond the first models' (bounds, lengths, patterns, key
// names, alternatives, discriminated unions): each built from Ajv's params and the data, at
// the place the fault is, with the received value escaped. Exact strings, so a change shows.
type Result = { readonly issues?: readonly { instancePath: string; message: string; keyword: string }[] | undefined };
const show = (result: Result) => result.issues?.map((i) => `${i.instancePath} ${i.message}`);
const create = { input_files: ["7a2d4b63-0f1c-4e8f-9b4a-3c6d0e2f8a51"], endpoint: "/v1/chat/completions" };
const chat = { model: "mistral-small-latest", messages: [{ role: "user", content: "Hi" }] };

describe("bounds", () => {
  it("minimum, maximum and exclusiveMinimum say the bound and the value", () => {
    expect(show(api.validateCreateBatchJobRequest({ ...create, timeout_hours: 0 }))).toEqual(["/timeout_hours must be >= 1; got number 0"]);
    expect(show(api.validateCreateBatchJobRequest({ ...create, timeout_hours: 169 }))).toEqual(["/timeout_hours must be <= 168; got number 169"]);
    expect(show(api.validateChatCompletionRequest({ ...chat, top_p: 0, temperature: -1 }))).toEqual([
      "/temperature must be >= 0; got number -1",
      "/top_p must be > 0; got number 0",
    ]);
  });
  it("maxItems says the limit and the count", () => {
    const requests = Array.from({ length: 10_001 }, () => ({ body: {} }));
    expect(show(api.validateCreateBatchJobRequest({ ...create, requests }))).toEqual(["/requests must have at most 10000 items; got 10001"]);
  });
  it("maxLength and minLength count characters, a surrogate pair as one", () => {
    expect(show(api.validateCreateBatchJobRequest({ ...create, metadata: { team: "v".repeat(513), e: "" } }))).toEqual([
      "/metadata/team must be at most 512 characters long; got 513",
      "/metadata/e must be at least 1 character long; got 0",
    ]);
    expect(api.isCreateBatchJobRequest({ ...create, metadata: { team: "😀".repeat(512) } })).toBe(true);
    expect(show(api.validateCreateBatchJobRequest({ ...create, metadata: { team: "😀".repeat(513) } }))).toEqual([
      "/metadata/team must be at most 512 characters long; got 513",
    ]);
  });
});

describe("key names (propertyNames)", () => {
  it("one issue per bad key, at the key, naming it", () => {
    const { issues } = api.validateCreateBatchJobRequest({ ...create, metadata: { "": "x", ["k".repeat(33)]: "y", ok: "z" } });
    expect(issues?.map((i) => [i.instancePath, i.path, i.keyword, i.message])).toEqual([
      ["/metadata/", ["metadata", ""], "propertyNames", 'key "" must be at least 1 character long; got 0'],
      [`/metadata/${"k".repeat(33)}`, ["metadata", "k".repeat(33)], "propertyNames", `key "${"k".repeat(33)}" must be at most 32 characters long; got 33`],
    ]);
    expect(issues?.[0]?.params).toEqual({ propertyName: "" });
  });
  it("the key is escaped and cut in the message, exact in the path", () => {
    const key = `a\u200b/${"x".repeat(70)}`;
    const { issues } = api.validateCreateBatchJobRequest({ ...create, metadata: { [key]: "v" } });
    expect(issues?.[0]?.message).toBe(`key "a\\u200b/${"x".repeat(54)}..." must be at most 32 characters long; got 73`);
    expect(issues?.[0]?.path).toEqual(["metadata", key]);
    expect(issues?.[0]?.instancePath).toBe(`/metadata/a\u200b~1${"x".repeat(70)}`);
  });
});

describe("patterns", () => {
  it("say the pattern and show the received string escaped", () => {
    expect(show(api.validateAudioTranscriptionRequest({ model: "voxtral-mini-latest", file_url: "https://example.com/a.mp3", language: "e\u202e" }))).toEqual([
      '/language must match the pattern ^[A-Za-z0-9_]{2}$; got string "e\\u202e"',
    ]);
  });
});

describe("alternatives (anyOf, oneOf)", () => {
  it("list the branches when they are simple, and drop the branches that did not apply", () => {
    expect(show(api.validateChatCompletionRequest({ ...chat, tool_choice: 5 }))).toEqual([
      "/tool_choice must be a ToolChoice or one of auto, none, any, required; got number 5",
    ]);
  });
  it("keep the faults inside a branch that applied", () => {
    expect(show(api.validateChatCompletionRequest({ ...chat, tool_choice: { type: "function", function: { name: 7 } } }))).toEqual([
      "/tool_choice/function/name must be string; got number 7",
      '/tool_choice must be a ToolChoice or one of auto, none, any, required; got object',
    ]);
  });
  it("a constraint on keys: one of input_files or requests, not null", () => {
    expect(show(api.validateCreateBatchJobRequest({ endpoint: "/v1/chat/completions" }))).toEqual([
      " must have input_files (an array) or requests (an array); got object",
    ]);
    expect(show(api.validateCreateBatchJobRequest({ endpoint: "/v1/chat/completions", input_files: null }))).toEqual([
      "/input_files must be array; got null",
      " must have input_files (an array) or requests (an array); got object",
    ]);
  });
  it("branches of objects told apart by a literal: the literal mismatches are dropped", () => {
    expect(show(api.validateOCRRequest({ model: "mistral-ocr-latest", document: { type: "document_url" } }))).toEqual([
      '/document/file_id missing required key "file_id"',
      '/document/document_url missing required key "document_url"',
      '/document/image_url missing required key "image_url"',
      "/document must be an OCRFileChunk, an OCRDocumentURLChunk or an OCRImageURLChunk; got object",
    ]);
  });
  it("a branch too complex to say briefly is counted", () => {
    const error = { instancePath: "/x", schemaPath: "#/anyOf", keyword: "anyOf", params: {}, schema: [{ type: "string", minLength: 1 }, { allOf: [{}, {}] }], data: 1, branchErrors: 0 };
    expect(toIssues([error], { x: 1 })[0]?.message).toBe("must match one of the 2 allowed forms; got number 1");
  });
  it("a oneOf that several branches match says so", () => {
    const error = { instancePath: "", schemaPath: "#/oneOf", keyword: "oneOf", params: { passingSchemas: [0, 1] }, schema: [{ type: "number" }, { type: "integer" }], data: 1, branchErrors: 0 };
    expect(toIssues([error], 1)[0]?.message).toBe("matches 2 of the forms that oneOf allows (branches 0 and 1), not exactly one; got number 1");
  });
  it("an array of strings, null and several types are named", () => {
    const error = { instancePath: "", schemaPath: "#/anyOf", keyword: "anyOf", params: {}, schema: [{ type: "string" }, { type: "array", items: { type: "string" } }, { type: "null" }], data: 1, branchErrors: 0 };
    expect(toIssues([error], 1)[0]?.message).toBe("must be a string, an array of strings or null; got number 1");
  });
});

describe("discriminated unions (oneOf with a discriminator)", () => {
  const messages = [{ role: "user", content: "x" }, { role: "bot", content: "x" }, { content: "x" }, { role: 5 }, { role: "user" }, { role: "QUEUED\u200b" }];
  it("a bad or missing role is one issue at the role; a known role checks its own branch only", () => {
    const { issues } = api.validateChatCompletionRequest({ ...chat, messages });
    expect(issues?.map((i) => [i.instancePath, i.keyword, i.message])).toEqual([
      ["/messages/1/role", "discriminator", 'must be one of system, user, assistant, tool; got string "bot"'],
      ["/messages/2/role", "discriminator", 'missing required key "role"'],
      ["/messages/3/role", "discriminator", "must be one of system, user, assistant, tool; got number 5"],
      ["/messages/4/content", "required", 'missing required key "content"'],
      ["/messages/5/role", "discriminator", 'must be one of system, user, assistant, tool; got string "QUEUED\\u200b"'],
    ]);
    expect(issues?.[0]?.path).toEqual(["messages", 1, "role"]);
    expect(issues?.[0]?.params).toEqual({ error: "mapping", tag: "role", tagValue: "bot", allowedValues: ["system", "user", "assistant", "tool"] });
  });
  it("a received object as the role is passed on, not copied", () => {
    const role = { deep: { cycle: {} } };
    const { issues } = api.validateChatCompletionRequest({ ...chat, messages: [{ role, content: "x" }] });
    expect(issues?.[0]?.message).toBe("must be one of system, user, assistant, tool; got object");
    expect(issues?.[0]?.params.tagValue).toBe(role);
  });
  it("strict: an unknown key in a message is named at the key", () => {
    expect(show(strict.validateChatCompletionRequest({ ...chat, messages: [{ role: "user", content: "x", name: "bob" }] }))).toEqual([
      '/messages/0/name unknown key "name" (only the declared keys are allowed here)',
    ]);
  });
});

describe("in-batch bodies", () => {
  it("model is optional in the Batch variant, required in the body", () => {
    const { model: _model, ...noModel } = chat;
    expect(api.validateBatchChatCompletionRequest(noModel)).toEqual({ value: noModel });
    expect(show(api.validateChatCompletionRequest(noModel))).toEqual(['/model missing required key "model"']);
  });
});
