import { isUtf8 } from "node:buffer";
import { open, readFile, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { parse as parseTolerantly, printParseErrorCode, type ParseError } from "jsonc-parser/lib/esm/main.js"; // the ESM build: the UMD main does not bundle
import { LineSplitter } from "./lines.js";

/** One record read from an input: a parsed value, or the reason it could not be parsed. */
export type InputRecord = {
  /** The file name as given, or `-` for standard input. */
  readonly file: string;
  /** 1-based line of the record (JSONL), or of the parse error (JSON). */
  readonly line?: number;
  /** JSON Pointer of the record inside the document (`""` for a JSONL line or a single object). */
  readonly pointer: string;
} & ({ readonly value: unknown } | { readonly parseError: string });

export interface ReadOptions {
  /** Whether a list response's `data` elements are records of their own. */
  readonly expandLists: boolean;
  readonly onRecord: (record: InputRecord) => void;
  /** Bytes consumed, for progress. */
  readonly onBytes?: (n: number) => void;
  /** Stops reading between chunks (SIGINT); what was read stays counted. */
  readonly signal?: AbortSignal;
}

const BOM = "\uFEFF";

/** JSONL by extension (`.jsonl`, `.ndjson`); everything else is one JSON document. */
const isJsonLines = (file: string): boolean => /\.(jsonl|ndjson)$/i.test(file);

/**
 * Where and why `text` is not JSON. Node 20's JSON.parse names no position for most errors,
 * so a second, position-tracking parser (bundled into the CLI at build time) locates it; it
 * runs only on text that JSON.parse already refused.
 */
function locateSyntaxError(text: string, parseMessage: string): { line: number; column: number; reason: string } {
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

/** `{ "data": [...] }` without an `id`: a list response, not a job that happens to have `data`. */
const isListResponse = (value: unknown): value is { data: unknown[] } =>
  value !== null && typeof value === "object" && Array.isArray((value as { data?: unknown }).data) && !("id" in value);

/**
 * The records of one JSON document: the elements of an array, the elements of a list
 * response's `data`, or the document itself.
 */
function readDocument(file: string, bytes: Buffer, options: ReadOptions): void {
  const { onRecord } = options;
  if (!isUtf8(bytes)) {
    onRecord({ file, pointer: "", parseError: "not valid UTF-8" });
    return;
  }
  const text = bytes.toString("utf8");
  if (text.trim() === "" || text === BOM) {
    onRecord({ file, line: 1, pointer: "", parseError: "empty document: no JSON value" });
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith(BOM) ? text.slice(1) : text);
  } catch (error) {
    const { line, column, reason } = locateSyntaxError(text, (error as Error).message);
    onRecord({ file, line, pointer: "", parseError: `${reason} at line ${line}, column ${column}` });
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) onRecord({ file, pointer: `/${i}`, value: value[i] });
  } else if (options.expandLists && isListResponse(value)) {
    for (let i = 0; i < value.data.length; i++) onRecord({ file, pointer: `/data/${i}`, value: value.data[i] });
  } else {
    onRecord({ file, pointer: "", value });
  }
}

/** A JSONL line as a record. Blank lines are no records. */
function lineRecord(file: string, text: string | undefined, line: number, onRecord: ReadOptions["onRecord"]): void {
  if (text === undefined) {
    onRecord({ file, line, pointer: "", parseError: "not valid UTF-8" });
    return;
  }
  if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === "")) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { column, reason } = locateSyntaxError(text, (error as Error).message);
    onRecord({ file, line, pointer: "", parseError: `${reason} at column ${column}` });
    return;
  }
  onRecord({ file, line, pointer: "", value });
}

/**
 * A file's bytes through two reused buffers, the next read in flight while the current chunk
 * is parsed. A stream would allocate a buffer per chunk, freed only when the collector gets to
 * them: the process then grew with the file (measured: 75 MB for 20 MB, 124 MB for 200 MB);
 * here it does not. Without the read ahead, the parser waited on each read (12% idle).
 */
async function* fileChunks(file: string): AsyncGenerator<Buffer> {
  const handle = await open(file, "r");
  const buffers = [Buffer.allocUnsafe(1 << 20), Buffer.allocUnsafe(1 << 20)];
  const read = (buffer: Buffer) => handle.read(buffer, 0, buffer.length, null);
  let turn = 0;
  let pending: ReturnType<typeof read> | undefined;
  try {
    pending = read(buffers[0]!);
    for (;;) {
      const { bytesRead, buffer } = await pending;
      pending = undefined;
      if (bytesRead === 0) return;
      turn ^= 1;
      pending = read(buffers[turn]!); // into the other buffer: the one yielded stays intact
      yield buffer.subarray(0, bytesRead); // valid until the next step: the splitter copies what it keeps
    }
  } finally {
    await pending?.catch(() => undefined); // a read still in flight when the consumer stopped
    await handle.close();
  }
}

/** The records of a JSONL stream, one per non-blank line; memory stays bounded by the longest line. */
async function readLines(file: string, input: AsyncIterable<unknown> | Iterable<unknown>, options: ReadOptions, head: Buffer[] = []): Promise<void> {
  const splitter = new LineSplitter((text, line) => lineRecord(file, text, line, options.onRecord));
  for (const chunk of head) splitter.push(chunk);
  for await (const chunk of input) {
    if (options.signal?.aborted) return; // the partial last line is not a record: it was not read whole
    options.onBytes?.((chunk as Buffer).length);
    splitter.push(chunk as Buffer);
  }
  splitter.end();
}

/**
 * Standard input, whose format has no extension to tell it: JSONL when the first line is a
 * complete JSON value and the input does not open an array, one JSON document otherwise.
 */
async function readStdin(input: Readable, options: ReadOptions): Promise<void> {
  const head: Buffer[] = [];
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let headLength = 0;
  let firstLine: string | undefined;
  let done = false;
  while (firstLine === undefined && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else {
      // Only the new chunk is searched, so a long first line is not rescanned chunk by chunk.
      const newline = next.value.indexOf(10);
      head.push(next.value);
      options.onBytes?.(next.value.length);
      if (newline >= 0) firstLine = Buffer.concat(head).toString("utf8", 0, headLength + newline);
      headLength += next.value.length;
    }
  }
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => iterator };
  const opening = (firstLine ?? "").replace(BOM, "").trim();
  if (firstLine !== undefined && !opening.startsWith("[") && parses(opening)) {
    await readLines("-", done ? [] : rest, options, head);
    return;
  }
  const chunks = [...head];
  if (!done) for await (const chunk of rest) chunks.push(chunk);
  readDocument("-", Buffer.concat(chunks), options);
}

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** The size of an input, for progress; undefined for standard input. */
export const sizeOf = async (file: string): Promise<number | undefined> => (file === "-" ? undefined : (await stat(file)).size);

/** Reads every record of one input (`-` is standard input). I/O errors are thrown to the caller. */
export async function readRecords(file: string, options: ReadOptions): Promise<void> {
  if (file === "-") await readStdin(process.stdin, options);
  else if (isJsonLines(file)) await readLines(file, fileChunks(file), options);
  else {
    const bytes = await readFile(file);
    options.onBytes?.(bytes.length);
    readDocument(file, bytes, options);
  }
}
