// Hand-written straight-line checks of the BatchJobOut contract: the limit proxy that every
// row of the benchmark is divided by. Kept beside the bench, and run on every vector before
// any timing (a limit that is wrong would make every ratio meaningless).

const STATUS = new Set(["QUEUED", "RUNNING", "SUCCESS", "FAILED", "TIMEOUT_EXCEEDED", "CANCELLATION_REQUESTED", "CANCELLED"]);
const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/; // the strict FileId: the canonical UUID text form
const own = Object.prototype.hasOwnProperty;
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const has = (o, k) => o[k] !== undefined && own.call(o, k);
const optInt = (o, k) => !has(o, k) || o[k] === null || Number.isInteger(o[k]);

function isBatchError(e) {
  return isObject(e) && has(e, "message") && typeof e.message === "string" && (!has(e, "count") || Number.isInteger(e.count));
}

/**
 * BatchJobOut, default profile: open objects, formats not asserted, and own properties only
 * (an inherited key is absent), as the generated validators do. Straight-line: one test per
 * key, no loops over the schema, no allocation.
 */
export function handBatchJobOut(d) {
  if (typeof d !== "object" || d === null || Array.isArray(d)) return false;
  const id = d.id, files = d.input_files, endpoint = d.endpoint, model = d.model, errors = d.errors, status = d.status;
  if (typeof id !== "string" || !own.call(d, "id")) return false;
  if (!Array.isArray(files) || !own.call(d, "input_files")) return false;
  for (let i = 0; i < files.length; i++) if (typeof files[i] !== "string") return false;
  if (typeof endpoint !== "string" || !own.call(d, "endpoint")) return false;
  if (typeof model !== "string" || !own.call(d, "model")) return false;
  if (!Array.isArray(errors) || !own.call(d, "errors")) return false;
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i];
    if (typeof e !== "object" || e === null || Array.isArray(e)) return false;
    if (typeof e.message !== "string" || !own.call(e, "message")) return false;
    const count = e.count;
    if (count !== undefined && !Number.isInteger(count) && own.call(e, "count")) return false;
  }
  if (
    status !== "QUEUED" && status !== "RUNNING" && status !== "SUCCESS" && status !== "FAILED" &&
    status !== "TIMEOUT_EXCEEDED" && status !== "CANCELLATION_REQUESTED" && status !== "CANCELLED"
  ) return false;
  if (!own.call(d, "status")) return false;
  if (!Number.isInteger(d.created_at) || !own.call(d, "created_at")) return false;
  if (!Number.isInteger(d.total_requests) || !own.call(d, "total_requests")) return false;
  if (!Number.isInteger(d.completed_requests) || !own.call(d, "completed_requests")) return false;
  if (!Number.isInteger(d.succeeded_requests) || !own.call(d, "succeeded_requests")) return false;
  if (!Number.isInteger(d.failed_requests) || !own.call(d, "failed_requests")) return false;
  const object = d.object, metadata = d.metadata, output = d.output_file, error = d.error_file, started = d.started_at, completed = d.completed_at;
  if (object !== undefined && object !== "batch" && own.call(d, "object")) return false;
  if (metadata !== undefined && metadata !== null && (typeof metadata !== "object" || Array.isArray(metadata)) && own.call(d, "metadata")) return false;
  if (output !== undefined && output !== null && typeof output !== "string" && own.call(d, "output_file")) return false;
  if (error !== undefined && error !== null && typeof error !== "string" && own.call(d, "error_file")) return false;
  if (started !== undefined && started !== null && !Number.isInteger(started) && own.call(d, "started_at")) return false;
  if (completed !== undefined && completed !== null && !Number.isInteger(completed) && own.call(d, "completed_at")) return false;
  return true;
}

/**
 * BatchJobOut, strict profile: closed objects (metadata open) and UUID file ids. Closedness
 * by counting: every declared key present was checked above, so the object is closed when
 * its own key count equals the number of declared keys present.
 */
export function handBatchJobOutStrict(d) {
  if (!handBatchJobOut(d)) return false;
  let declared = 11; // the required keys, all present once the default check passed
  if (d.object !== undefined) declared++;
  if (d.metadata !== undefined) declared++;
  if (d.started_at !== undefined) declared++;
  if (d.completed_at !== undefined) declared++;
  const output = d.output_file;
  if (output !== undefined) {
    declared++;
    if (output !== null && !UUID.test(output)) return false;
  }
  const error = d.error_file;
  if (error !== undefined) {
    declared++;
    if (error !== null && !UUID.test(error)) return false;
  }
  if (Object.keys(d).length !== declared) return false;
  const files = d.input_files;
  for (let i = 0; i < files.length; i++) if (!UUID.test(files[i])) return false;
  const errors = d.errors;
  for (let i = 0; i < errors.length; i++) {
    if (Object.keys(errors[i]).length !== (errors[i].count === undefined ? 1 : 2)) return false;
  }
  return true;
}

const describe = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "string" ? `string ${JSON.stringify(v)}` : typeof v === "number" ? `number ${v}` : typeof v);
const issue = (instancePath, message) => ({ instancePath, message });
const INTS = ["created_at", "total_requests", "completed_requests", "succeeded_requests", "failed_requests"];

/** The first issue, with its JSON Pointer and a message: what `validate` must at least find on an invalid payload. */
export function handBatchJobOutFirstIssue(d) {
  if (!isObject(d)) return issue("", `must be object; got ${describe(d)}`);
  for (const k of ["id", "input_files", "endpoint", "model", "errors", "status", ...INTS]) {
    if (!has(d, k)) return issue(`/${k}`, `missing required key "${k}"`);
  }
  if (typeof d.id !== "string") return issue("/id", `must be string; got ${describe(d.id)}`);
  if (!Array.isArray(d.input_files)) return issue("/input_files", `must be array; got ${describe(d.input_files)}`);
  for (let i = 0; i < d.input_files.length; i++) {
    if (typeof d.input_files[i] !== "string") return issue(`/input_files/${i}`, `must be string; got ${describe(d.input_files[i])}`);
  }
  if (typeof d.endpoint !== "string") return issue("/endpoint", `must be string; got ${describe(d.endpoint)}`);
  if (typeof d.model !== "string") return issue("/model", `must be string; got ${describe(d.model)}`);
  if (!Array.isArray(d.errors)) return issue("/errors", `must be array; got ${describe(d.errors)}`);
  for (let i = 0; i < d.errors.length; i++) if (!isBatchError(d.errors[i])) return issue(`/errors/${i}`, "must be a BatchError");
  if (!STATUS.has(d.status)) return issue("/status", `must be one of ${[...STATUS].join(", ")}; got ${describe(d.status)}`);
  for (const k of INTS) if (!Number.isInteger(d[k])) return issue(`/${k}`, `must be integer; got ${describe(d[k])}`);
  if (has(d, "object") && d.object !== "batch") return issue("/object", `must be "batch"; got ${describe(d.object)}`);
  if (has(d, "metadata") && d.metadata !== null && !isObject(d.metadata)) return issue("/metadata", "must be object or null");
  for (const k of ["output_file", "error_file"]) {
    if (has(d, k) && d[k] !== null && typeof d[k] !== "string") return issue(`/${k}`, `must be string or null; got ${describe(d[k])}`);
  }
  for (const k of ["started_at", "completed_at"]) if (!optInt(d, k)) return issue(`/${k}`, `must be integer or null; got ${describe(d[k])}`);
  return null;
}
