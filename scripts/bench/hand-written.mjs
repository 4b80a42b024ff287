// Hand-written straight-line checks of the four benchmarked models: the limits every row of
// the benchmark is divided by. Each is run on every vector of its profile before any timing
// (a limit that is wrong would make every ratio meaningless).
//
// Four variants of each model, from one text per model, so that they cannot drift apart:
//
//   plain              reads properties plainly (`o.k !== undefined`), as the hand-written
//                      checks every validator library compares itself to do: the limit.
//   own                the same, with own-property tests (an inherited key is absent), done as
//                      cheaply as by hand: one hasOwnProperty call per required key, and for an
//                      optional key only when its value would fail (a compound optional key,
//                      such as `outputs` or `data`, is tested once when present).
//   plain, strict      closed objects (free-form ones, such as `metadata`, stay open) and
//                      file ids in the canonical UUID text form.
//   own, strict        both.
//
// Straight-line: one test per key, no loop over the schema, no allocation but the key list a
// closed object is counted by (`Object.keys(o).length` against the number of declared keys
// present). The text is expanded by `variant()` below and compiled with `new Function`, so
// each variant is ordinary code that V8 optimises on its own.

/** The strict FileId: the canonical UUID text form, nothing before or after (no urn:uuid:). */
const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

function source({ own, strict }) {
  // `req(o, k)`: appended to the failing test of a required key; `opt(o, k)`: to the failing
  // test of an optional key (the key fails only if it is own); `present(o, k, v)`: whether an
  // optional key counts as present (closed objects, compound optional keys).
  const req = (o, k) => (own ? ` || !hasOwn.call(${o}, "${k}")` : "");
  const opt = (o, k) => (own ? ` && hasOwn.call(${o}, "${k}")` : "");
  const present = (o, k, v) => (own ? `(${v} !== undefined && hasOwn.call(${o}, "${k}"))` : `${v} !== undefined`);
  const badFile = (v) => (strict ? `(typeof ${v} !== "string" || !UUID.test(${v}))` : `typeof ${v} !== "string"`);
  const notObject = (v) => `(typeof ${v} !== "object" || ${v} === null || Array.isArray(${v}))`;
  const closed = (o, required, optional) =>
    strict ? `let n = ${required};${optional.map(([k, v]) => `if (${present(o, k, v)}) n++;`).join("")}if (Object.keys(${o}).length !== n) return false;` : "";
  const status = (v) =>
    `${v} !== "QUEUED" && ${v} !== "RUNNING" && ${v} !== "SUCCESS" && ${v} !== "FAILED" && ${v} !== "TIMEOUT_EXCEEDED" && ${v} !== "CANCELLATION_REQUESTED" && ${v} !== "CANCELLED"`;
  const ints = (o, keys) => keys.map((k) => `if (!Number.isInteger(${o}.${k})${req(o, k)}) return false;`).join("\n  ");
  const counters = ["created_at", "total_requests", "completed_requests", "succeeded_requests", "failed_requests"];
  // The keys BatchJobOut and BatchJob share, checked alike.
  const jobCommon = `
  if (${notObject("d")}) return false;
  const id = d.id;
  if (typeof id !== "string"${req("d", "id")}) return false;
  const files = d.input_files;
  if (!Array.isArray(files)${req("d", "input_files")}) return false;
  for (let i = 0; i < files.length; i++) { const f = files[i]; if (${badFile("f")}) return false; }
  const endpoint = d.endpoint;
  if (typeof endpoint !== "string"${req("d", "endpoint")}) return false;
  const errors = d.errors;
  if (!Array.isArray(errors)${req("d", "errors")}) return false;
  for (let i = 0; i < errors.length; i++) if (!batchError(errors[i])) return false;
  const status = d.status;
  if ((${status("status")})${req("d", "status")}) return false;
  ${ints("d", counters)}
  const object = d.object, metadata = d.metadata, output = d.output_file, error = d.error_file, started = d.started_at, completed = d.completed_at;
  if (object !== undefined && object !== "batch"${opt("d", "object")}) return false;
  if (metadata !== undefined && metadata !== null && (typeof metadata !== "object" || Array.isArray(metadata))${opt("d", "metadata")}) return false;
  if (output !== undefined && output !== null && ${badFile("output")}${opt("d", "output_file")}) return false;
  if (error !== undefined && error !== null && ${badFile("error")}${opt("d", "error_file")}) return false;
  if (started !== undefined && started !== null && !Number.isInteger(started)${opt("d", "started_at")}) return false;
  if (completed !== undefined && completed !== null && !Number.isInteger(completed)${opt("d", "completed_at")}) return false;`;
  const jobOptional = [["object", "object"], ["metadata", "metadata"], ["output_file", "output"], ["error_file", "error"], ["started_at", "started"], ["completed_at", "completed"]];
  return `
function batchError(e) {
  if (${notObject("e")}) return false;
  if (typeof e.message !== "string"${req("e", "message")}) return false;
  const count = e.count;
  if (count !== undefined && !Number.isInteger(count)${opt("e", "count")}) return false;
  ${closed("e", 1, [["count", "count"]])}
  return true;
}

function batchResult(r) {
  if (${notObject("r")}) return false;
  if (typeof r.id !== "string"${req("r", "id")}) return false;
  const custom = r.custom_id;
  if ((custom === undefined || (custom !== null && typeof custom !== "string"))${req("r", "custom_id")}) return false;
  const response = r.response;
  if (response === undefined${req("r", "response")}) return false;
  if (response !== null) {
    if (typeof response !== "object" || Array.isArray(response)) return false;
    if (!Number.isInteger(response.status_code)${req("response", "status_code")}) return false;
    const body = response.body;
    if (${notObject("body")}${req("response", "body")}) return false;
    ${strict ? "if (Object.keys(response).length !== 2) return false;" : ""}
  }
  const error = r.error;
  if (error === undefined${req("r", "error")}) return false;
  if (error !== null && typeof error !== "string" && (typeof error !== "object" || Array.isArray(error))) return false;
  ${strict ? "if (Object.keys(r).length !== 4) return false;" : ""}
  return true;
}

function batchJobOut(d) {${jobCommon}
  const model = d.model;
  if (typeof model !== "string"${req("d", "model")}) return false;
  ${closed("d", 11, jobOptional)}
  return true;
}

function batchJob(d) {${jobCommon}
  const model = d.model, agent = d.agent_id, outputs = d.outputs;
  if (model !== undefined && model !== null && typeof model !== "string"${opt("d", "model")}) return false;
  if (agent !== undefined && agent !== null && typeof agent !== "string"${opt("d", "agent_id")}) return false;
  if (${present("d", "outputs", "outputs")} && outputs !== null) {
    if (!Array.isArray(outputs)) return false;
    for (let i = 0; i < outputs.length; i++) if (!batchResult(outputs[i])) return false;
  }
  ${closed("d", 10, [...jobOptional, ["model", "model"], ["agent_id", "agent"], ["outputs", "outputs"]])}
  return true;
}

function listBatchJobsResponse(d) {
  if (${notObject("d")}) return false;
  if (!Number.isInteger(d.total)${req("d", "total")}) return false;
  const data = d.data, object = d.object;
  if (${present("d", "data", "data")}) {
    if (!Array.isArray(data)) return false;
    for (let i = 0; i < data.length; i++) if (!batchJob(data[i])) return false;
  }
  if (object !== undefined && object !== "list"${opt("d", "object")}) return false;
  ${closed("d", 1, [["data", "data"], ["object", "object"]])}
  return true;
}

function batchRequest(d) {
  if (${notObject("d")}) return false;
  const body = d.body;
  if (${notObject("body")}${req("d", "body")}) return false;
  const custom = d.custom_id;
  if (custom !== undefined && custom !== null && typeof custom !== "string"${opt("d", "custom_id")}) return false;
  ${closed("d", 1, [["custom_id", "custom"]])}
  return true;
}

return { BatchJobOut: batchJobOut, BatchJob: batchJob, ListBatchJobsResponse: listBatchJobsResponse, BatchRequest: batchRequest };`;
}

/** One variant: `{ BatchJobOut, BatchJob, ListBatchJobsResponse, BatchRequest }`, each `(x) => boolean`. */
export function variant({ own = false, strict = false } = {}) {
  return new Function("hasOwn", "UUID", source({ own, strict }))(Object.prototype.hasOwnProperty, UUID);
}

/** The text of a variant, for reading what is timed. */
export const variantSource = (options) => source(options);

// The limits of `npm run bench:passes`: the plain BatchJobOut checks of both profiles.
export const handBatchJobOut = variant().BatchJobOut;
export const handBatchJobOutStrict = variant({ strict: true }).BatchJobOut;

// ---- the first issue ----------------------------------------------------------------------
// What `validate…` must at least do on an invalid payload: find the first issue, with its JSON
// Pointer and a message that shows what was received. Plain reads, straight-line, as above.

const describe = (v) =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "string" ? `string ${JSON.stringify(v)}` : typeof v === "number" ? `number ${v}` : typeof v;
const issue = (instancePath, message) => ({ instancePath, message });
const missing = (key) => issue("", `must have required key "${key}"`);
const notString = (path, v) => issue(path, `must be string; got ${describe(v)}`);
const notInteger = (path, v) => issue(path, `must be integer; got ${describe(v)}`);
const STATUS_LIST = "QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, CANCELLATION_REQUESTED, CANCELLED";
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const DECLARED = new Set(["id", "object", "input_files", "metadata", "endpoint", "model", "output_file", "error_file", "errors", "status", "created_at", "total_requests", "completed_requests", "succeeded_requests", "failed_requests", "started_at", "completed_at"]);

function firstIssueOfError(e, path, strict) {
  if (!isObject(e)) return issue(path, `must be object; got ${describe(e)}`);
  if (e.message === undefined) return issue(path, 'must have required key "message"');
  if (typeof e.message !== "string") return notString(`${path}/message`, e.message);
  if (e.count !== undefined && !Number.isInteger(e.count)) return notInteger(`${path}/count`, e.count);
  if (strict && Object.keys(e).length !== 1 + (e.count !== undefined)) {
    for (const key of Object.keys(e)) if (key !== "message" && key !== "count") return issue(path, `must not have key "${key}"`);
  }
  return null;
}

function firstIssueOfFile(v, path, strict) {
  if (typeof v !== "string") return notString(path, v);
  if (strict && !UUID.test(v)) return issue(path, `must be a UUID; got ${describe(v)}`);
  return null;
}

/** The first issue of a BatchJobOut (`strict`: the strict profile), or null. */
function firstIssueBatchJobOut(d, strict) {
  if (!isObject(d)) return issue("", `must be object; got ${describe(d)}`);
  const id = d.id, files = d.input_files, endpoint = d.endpoint, model = d.model, errors = d.errors, status = d.status;
  if (id === undefined) return missing("id");
  if (files === undefined) return missing("input_files");
  if (endpoint === undefined) return missing("endpoint");
  if (model === undefined) return missing("model");
  if (errors === undefined) return missing("errors");
  if (status === undefined) return missing("status");
  const created = d.created_at, total = d.total_requests, done = d.completed_requests, succeeded = d.succeeded_requests, failed = d.failed_requests;
  if (created === undefined) return missing("created_at");
  if (total === undefined) return missing("total_requests");
  if (done === undefined) return missing("completed_requests");
  if (succeeded === undefined) return missing("succeeded_requests");
  if (failed === undefined) return missing("failed_requests");
  if (typeof id !== "string") return notString("/id", id);
  if (!Array.isArray(files)) return issue("/input_files", `must be array; got ${describe(files)}`);
  for (let i = 0; i < files.length; i++) {
    const found = firstIssueOfFile(files[i], `/input_files/${i}`, strict);
    if (found !== null) return found;
  }
  if (typeof endpoint !== "string") return notString("/endpoint", endpoint);
  if (typeof model !== "string") return notString("/model", model);
  if (!Array.isArray(errors)) return issue("/errors", `must be array; got ${describe(errors)}`);
  for (let i = 0; i < errors.length; i++) {
    const found = firstIssueOfError(errors[i], `/errors/${i}`, strict);
    if (found !== null) return found;
  }
  if (
    status !== "QUEUED" && status !== "RUNNING" && status !== "SUCCESS" && status !== "FAILED" &&
    status !== "TIMEOUT_EXCEEDED" && status !== "CANCELLATION_REQUESTED" && status !== "CANCELLED"
  ) return issue("/status", `must be one of ${STATUS_LIST}; got ${describe(status)}`);
  if (!Number.isInteger(created)) return notInteger("/created_at", created);
  if (!Number.isInteger(total)) return notInteger("/total_requests", total);
  if (!Number.isInteger(done)) return notInteger("/completed_requests", done);
  if (!Number.isInteger(succeeded)) return notInteger("/succeeded_requests", succeeded);
  if (!Number.isInteger(failed)) return notInteger("/failed_requests", failed);
  const object = d.object, metadata = d.metadata, output = d.output_file, error = d.error_file, started = d.started_at, completed = d.completed_at;
  if (object !== undefined && object !== "batch") return issue("/object", `must be "batch"; got ${describe(object)}`);
  if (metadata !== undefined && metadata !== null && !isObject(metadata)) return issue("/metadata", `must be object or null; got ${describe(metadata)}`);
  if (output !== undefined && output !== null) {
    const found = firstIssueOfFile(output, "/output_file", strict);
    if (found !== null) return found;
  }
  if (error !== undefined && error !== null) {
    const found = firstIssueOfFile(error, "/error_file", strict);
    if (found !== null) return found;
  }
  if (started !== undefined && started !== null && !Number.isInteger(started)) return notInteger("/started_at", started);
  if (completed !== undefined && completed !== null && !Number.isInteger(completed)) return notInteger("/completed_at", completed);
  if (strict) {
    // Closed: every declared key present was checked above; count them against the own keys.
    const declared = 11 + (object !== undefined) + (metadata !== undefined) + (output !== undefined) + (error !== undefined) + (started !== undefined) + (completed !== undefined);
    if (Object.keys(d).length !== declared) for (const key of Object.keys(d)) if (!DECLARED.has(key)) return issue("", `must not have key "${key}"`);
  }
  return null;
}

export const firstIssue = {
  default: { BatchJobOut: (d) => firstIssueBatchJobOut(d, false) },
  strict: { BatchJobOut: (d) => firstIssueBatchJobOut(d, true) },
};
