import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { PassThrough, type Readable } from "node:stream";
import { parse as parseTolerantly, printParseErrorCode, type ParseError } from "jsonc-parser/lib/esm/main.js"; // the ESM build: the UMD main does not bundle

/** One record read from an input: a parsed value, or the reason it could not be parsed. */
export type InputRecord = {
  /** The file name as given, or `-` for standard input. */
  readonly file: string;
  /** 1-based line of the record (JSONL), or of the parse error (JSON). */
  readonly line?: number;
  /** JSON Pointer of the record inside the document (`""` for a JSONL line or a single object). */
  readonly pointer: string;
} & ({ readonly value: unknown } | { readonly parseError: string });

export type InputFormat = "json" | "jsonl";

const BOM = "\uFEFF";

/** JSONL by extension (`.jsonl`, `.ndjson`); everything else is one JSON document. */
export const formatOfFile = (file: string): InputFormat => (/\.(jsonl|ndjson)$/i.test(file) ? "jsonl" : "json");

/**
 * Where and why `text` is not JSON. Node 20's JSON.parse names no position for most errors,
 * so a second, position-tracking parser (bundled into the CLI at build time) locates it; it
 * runs only on text that JSON.parse already refused.
 */
export function locateSyntaxError(text: string, parseMessage: string): { line: number; column: number; reason: string } {
  const errors: ParseError[] = [];
  parseTolerantly(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const offset = first?.offset ?? 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const reason = first
    ? printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()
    : parseMessage.replace(/\s+/g, " ");
  return { line, column: offset - lineStart + 1, reason };
}

/**
 * The records of one JSON document: the elements of an array, the elements of a list
 * response's `data`, or the document itself.
 */
export function* recordsOfDocument(file: string, text: string, expandLists: boolean): Generator<InputRecord> {
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith(BOM) ? text.slice(1) : text);
  } catch (error) {
    const { line, column, reason } = locateSyntaxError(text, (error as Error).message);
    yield { file, line, pointer: "", parseError: `${reason} at line ${line}, column ${column}` };
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield { file, pointer: `/${i}`, value: value[i] };
  } else if (expandLists && isListResponse(value)) {
    for (let i = 0; i < value.data.length; i++) yield { file, pointer: `/data/${i}`, value: value.data[i] };
  } else {
    yield { file, pointer: "", value };
  }
}

/** `{ "data": [...] }` without an `id`: a list response, not a job that happens to have `data`. */
const isListResponse = (value: unknown): value is { data: unknown[] } =>
  value !== null && typeof value === "object" && Array.isArray((value as { data?: unknown }).data) && !("id" in value);

/** The records of a JSONL stream, one per non-blank line; memory stays bounded by the longest line. */
export async function* recordsOfLines(file: string, input: Readable): AsyncGenerator<InputRecord> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line++;
    const text = line === 1 && raw.startsWith(BOM) ? raw.slice(1) : raw;
    if (text.trim() === "") continue;
    try {
      yield { file, line, pointer: "", value: JSON.parse(text) };
    } catch (error) {
      const { column, reason } = locateSyntaxError(text, (error as Error).message);
      yield { file, line, pointer: "", parseError: `${reason} at column ${column}` };
    }
  }
}

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Standard input, whose format has no extension to tell it: JSONL when the first line is a
 * complete JSON value and the input does not open an array, one JSON document otherwise.
 */
async function* recordsOfStdin(input: Readable, expandLists: boolean): AsyncGenerator<InputRecord> {
  const head: Buffer[] = [];
  let firstLine: string | undefined;
  const iterator = input[Symbol.asyncIterator]();
  while (firstLine === undefined) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value as Buffer);
    const text = Buffer.concat(head).toString("utf8");
    const newline = text.indexOf("\n");
    if (newline >= 0) firstLine = text.slice(0, newline);
  }
  const rest = new PassThrough();
  rest.write(Buffer.concat(head));
  void (async () => {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (!rest.write(next.value)) await new Promise((resolve) => rest.once("drain", resolve));
    }
    rest.end();
  })().catch((error: Error) => rest.destroy(error));
  const opening = (firstLine ?? "").replace(BOM, "").trim();
  if (firstLine !== undefined && !opening.startsWith("[") && parses(opening)) {
    yield* recordsOfLines("-", rest);
  } else {
    yield* recordsOfDocument("-", await readAll(rest), expandLists);
  }
}

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Every record of one input (`-` is standard input). I/O errors are thrown to the caller. */
export async function* readRecords(file: string, options: { expandLists: boolean }): AsyncGenerator<InputRecord> {
  if (file === "-") {
    yield* recordsOfStdin(process.stdin, options.expandLists);
  } else if (formatOfFile(file) === "jsonl") {
    yield* recordsOfLines(file, createReadStream(file));
  } else {
    yield* recordsOfDocument(file, await readFile(file, "utf8"), options.expandLists);
  }
}
