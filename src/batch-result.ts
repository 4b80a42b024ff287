/**
 * What one line of a batch output or error file says about its request: the success rule that
 * `check-output` applies, for services that read results themselves.
 *
 * Source: the batch guide of the Mistral AI documentation (mistralai/platform-docs-public,
 * 2026-08-11) shows result lines as `{ id, custom_id, response: { status_code, body }, error }`
 * with `error: null` on success. The error-file line is not documented; this rule assumes its
 * failures carry either a non-null `error` or a non-2xx `status_code`, with the API's error
 * body (`{ object: "error", message, type, param, code }`) as `response.body` or as `error`.
 * @module
 */

/** The outcome of one result line: succeeded, or failed with its status code, its message and the cause it is grouped under. */
export type BatchResultOutcome =
  | {
      readonly succeeded: true;
      /** The HTTP status code of the request (2xx). */
      readonly statusCode: number;
    }
  | {
      readonly succeeded: false;
      /** The HTTP status code of the request, or `null` when the line has none (no response). */
      readonly statusCode: number | null;
      /** The error's message as the API gave it (an object message as JSON), cut to 500 characters. */
      readonly message: string;
      /**
       * The failure's stable part, to group failures by: the status code with the error's `type`
       * or `code` when the API gives one, else with the message reduced to what does not vary
       * from request to request (quoted text, numbers and ids replaced), so that a message that
       * embeds each request's input does not make one group per request.
       */
      readonly cause: string;
    };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const own = (object: Json, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);

const maxMessage = 500;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);

/** A message, whatever form the API gave it (a string, or an object such as FastAPI's `{ detail: [...] }`). */
function messageOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return undefined;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** The error object of a failed line: `error` itself, or the API's error body in `response.body`. */
function errorDetails(error: unknown, body: unknown): { message?: string; kind?: string } {
  for (const source of [error, body]) {
    if (typeof source === "string") return { message: source };
    if (!isObject(source)) continue;
    const nested = own(source, "error");
    const inner = isObject(nested) ? nested : source;
    const message = messageOf(own(inner, "message") ?? own(inner, "detail") ?? own(inner, "msg"));
    const type = own(inner, "type");
    const code = own(inner, "code");
    const kind = [typeof type === "string" && type ? type : undefined, typeof code === "string" || typeof code === "number" ? `code ${code}` : undefined]
      .filter(Boolean)
      .join(" ");
    if (message !== undefined || kind) return { ...(message === undefined ? {} : { message }), ...(kind ? { kind } : {}) };
  }
  return {};
}

/**
 * A message's stable part: quoted text, numbers, UUIDs and long hex or base-62 ids replaced by
 * placeholders, whitespace collapsed, cut to 120 characters.
 */
function reduceMessage(message: string): string {
  return cut(
    message
      .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, "…")
      .replace(/\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g, "<id>")
      .replace(/\b(?=[0-9A-Za-z_-]*[0-9])[0-9A-Za-z_-]{16,}\b/g, "<id>")
      .replace(/-?\b[0-9]+(?:\.[0-9]+)?\b/g, "<n>")
      .replace(/\s+/g, " ")
      .trim(),
    120,
  );
}

/**
 * Whether a result line succeeded: `error` null (or absent) and a `response` whose
 * `status_code` is 2xx. Anything else failed, with its status code, message and cause.
 * Never throws, whatever the value (a value that is not a result fails with the cause
 * "not a result").
 *
 * @example
 * batchResultOutcome({ id: "r1", custom_id: "a", response: { status_code: 200, body: {} }, error: null })
 * // { succeeded: true, statusCode: 200 }
 */
export function batchResultOutcome(result: unknown): BatchResultOutcome {
  if (!isObject(result)) return { succeeded: false, statusCode: null, message: "not a result object", cause: "not a result" };
  const error = own(result, "error");
  const response = own(result, "response");
  const status = isObject(response) ? own(response, "status_code") : undefined;
  const statusCode = typeof status === "number" && Number.isInteger(status) ? status : null;
  const body = isObject(response) ? own(response, "body") : undefined;
  const failedByError = error !== null && error !== undefined;
  if (!failedByError && statusCode !== null && statusCode >= 200 && statusCode < 300) return { succeeded: true, statusCode };
  const details = errorDetails(error, body);
  const message = cut(details.message ?? (statusCode === null ? "no response" : `HTTP ${statusCode}`), maxMessage);
  const stable = details.kind ?? reduceMessage(message);
  return { succeeded: false, statusCode, message, cause: `${statusCode ?? "no status"}: ${stable}` };
}
