import { JsonScanner, describeChar, isBlank, type Position } from "./json-scanner.js";

/** The message for a record over `--max-record-bytes`. */
export const tooLarge = (bytes: number, limit: number): string =>
  `record of ${bytes} bytes is larger than the limit of ${limit} bytes (--max-record-bytes)`;

/**
 * How an input's bytes become records: `auto` (JSON values one after another, one per line
 * or pretty-printed over several), `jsonl` (exactly one value per non-blank line), `json`
 * (one document).
 */
export type InputFormat = "auto" | "json" | "jsonl";
export const inputFormats: readonly InputFormat[] = ["auto", "json", "jsonl"];

/** One record read from an input: a parsed value, or the reason it could not be parsed. */
export type InputRecord = {
  /** The file name as given, or `-` for standard input. */
  readonly file: string;
  /** 1-based line where the record begins (line ends are LF and CRLF). */
  readonly line: number;
  /** 1-based column where the record begins, where known (values on a line of their own begin at 1). */
  readonly column?: number | undefined;
  /** JSON Pointer of the record inside the value read (`/3` in an array, `/data/3` in a list response), `""` for the value itself. */
  readonly pointer: string;
} & ({ readonly value: unknown } | { readonly parseError: string });

/** How records are made of lines; the command line's reader adds its I/O options. */
export interface RecordOptions {
  readonly format: InputFormat;
  /** Whether a list response's `data` elements are records of their own. */
  readonly expandLists: boolean;
  /** Whether a top-level array's elements are records of their own (default true); if not, the array is one record. */
  readonly expandArrays?: boolean;
  /** The largest record (a line, or a value over several lines), in bytes. */
  readonly maxRecordBytes: number;
  readonly onRecord: (record: InputRecord) => void;
}

/**
 * A list response by its envelope, as the list models define it: an own `data` array, and
 * `object` `"list"` (or no `object` and a `total`). It is not validated here: one bad element
 * must not turn the page into one record.
 */
export function isListEnvelope(value: unknown): value is { data: unknown[] } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (!Object.hasOwn(v, "data") || !Array.isArray(v.data)) return false;
  return Object.hasOwn(v, "object") ? v.object === "list" : Object.hasOwn(v, "total");
}

const notParsed = Symbol("not parsed");

interface Line {
  readonly text: string;
  readonly line: number;
  readonly bytes: number;
}
interface BadLine {
  readonly line: number;
  readonly reason: string;
}

/**
 * A line where a new record may begin after an error: one that opens an object or an array at
 * its first column (every JSON writer starts a top-level value there and indents what is
 * inside), or that is one whole value on its own.
 */
function isResyncLine(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 123 || c === 91) return true;
  if (Number.isNaN(c) || c === 32 || c === 9 || c === 125 || c === 93) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What the value that begins at `start` on `lines` still needs at their end. */
function expectedAfter(lines: readonly Line[], start: Position): string {
  const scanner = new JsonScanner();
  lines.forEach((l, i) => scanner.scan(l.text, i === 0 ? start.column - 1 : 0, l.line));
  return scanner.expected();
}

/** The column of a line's first character that is not whitespace (1 for the usual record line). */
export function firstColumn(text: string): number {
  let i = 0;
  for (let c = text.charCodeAt(0); c === 32 || c === 9 || c === 13; c = text.charCodeAt(++i));
  return i + 1;
}

const at = (start: Position, place: Position) => (place.line === start.line ? `at column ${place.column}` : `at line ${place.line}, column ${place.column}`);

/**
 * Turns lines into records, in one of the three input formats. After an error in `auto`, it
 * resumes at the next line where a value may begin (see {@link isResyncLine}): a bad line never
 * swallows the lines after it, and the lines of a broken pretty-printed value are one record.
 */
export class RecordReader {
  readonly #scanner = new JsonScanner();
  /** The lines of the value in progress, from the one where it begins. */
  #pending: Line[] = [];
  #pendingBytes = 0;
  #skipping = false;
  /** `json` format: the document was read; only whitespace may follow. */
  #documentDone = false;
  #queue: (Line | BadLine)[] = [];
  #draining = false;
  /** Records read so far. */
  count = 0;

  constructor(
    private readonly file: string,
    private readonly options: RecordOptions,
  ) {}

  /** One line's text (without its line end) and its size in bytes. */
  line(text: string, line: number, bytes: number): void {
    // The common line, while nothing else is under way, is one whole value: one JSON.parse and
    // nothing else, not even an allocation.
    if (!(this.#draining || this.#queue.length > 0 || this.#scanner.started || this.#skipping || this.#documentDone)) {
      let value: unknown = notParsed;
      try {
        value = JSON.parse(text);
      } catch {
        // not one value on its own: the scanner tells what it is
      }
      if (value !== notParsed) {
        this.#value(value, line, firstColumn(text), undefined);
        return;
      }
    }
    this.#enqueue({ text, line, bytes });
  }

  /** A line that cannot be read as text (not UTF-8, too large). */
  badLine(line: number, reason: string): void {
    this.#enqueue({ line, reason });
  }

  /** The end of the input: a value still open is cut off. */
  end(): void {
    this.#drain();
    while (this.#scanner.started) {
      const last = this.#pending[this.#pending.length - 1]!; // a value under way holds the last line read
      this.#fail({ line: last.line, column: last.text.length + 1 }, `unexpected end of input: ${this.#scanner.expected()}`);
      this.#drain();
    }
  }

  #enqueue(item: Line | BadLine): void {
    this.#queue.push(item);
    this.#drain();
  }

  #drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (let item = this.#queue.shift(); item !== undefined; item = this.#queue.shift()) {
        if ("reason" in item) this.#readBadLine(item);
        else this.#readLine(item);
      }
    } finally {
      this.#draining = false;
    }
  }

  #readBadLine(bad: BadLine): void {
    if (this.#scanner.started) {
      // The value in progress cannot go on through a line that is not text.
      this.#queue.unshift(bad);
      this.#fail({ line: bad.line, column: 1 }, `line ${bad.line} cannot be read as text before the value ends`);
      return;
    }
    this.#skipping = false;
    if (this.#documentDone) return;
    this.#unparsable({ line: bad.line, column: 1 }, bad.reason);
    if (this.options.format === "json") this.#documentDone = true;
  }

  #readLine(l: Line): void {
    if (this.#scanner.started) {
      if (this.#pendingBytes + l.bytes > this.options.maxRecordBytes) {
        this.#fail({ line: l.line, column: 1 }, tooLarge(this.#pendingBytes + l.bytes, this.options.maxRecordBytes));
        return;
      }
      this.#pending.push(l);
      this.#pendingBytes += l.bytes + 1;
      this.#scan(l, 0);
      return;
    }
    if (this.#skipping) {
      if (!isResyncLine(l.text)) return;
      this.#skipping = false;
    }
    if (isBlank(l.text)) return;
    if (this.#documentDone) {
      const column = firstColumn(l.text);
      this.#unparsable({ line: l.line, column }, `unexpected ${describeChar(l.text, column - 1)} after the end of the JSON document`);
      this.#skipping = true;
      this.#documentDone = true;
      return;
    }
    let value: unknown = notParsed;
    try {
      value = JSON.parse(l.text);
    } catch {
      // not one value on its own: the scanner tells what it is
    }
    if (value !== notParsed) {
      this.#value(value, l.line, firstColumn(l.text), undefined);
      return;
    }
    this.#pending = [l];
    this.#pendingBytes = l.bytes + 1;
    this.#scan(l, 0);
  }

  /** Scans a line from `from`; emits every value that ends on it. */
  #scan(l: Line, from: number): void {
    const scanner = this.#scanner;
    const { format } = this.options;
    for (;;) {
      const step = scanner.scan(l.text, from, l.line);
      if (step.kind === "more") {
        if (!scanner.started) this.#pending = [];
        else if (format === "jsonl") this.#fail({ line: l.line, column: l.text.length + 1 }, `unexpected end of line: ${scanner.expected()} (JSONL holds one whole value per line)`);
        return;
      }
      if (step.kind === "error") {
        const lone = format === "jsonl" && l.text.indexOf("\r") >= 0 && l.text.indexOf("\r") < step.column;
        const reason = lone ? `${step.reason}; the line holds a lone carriage return (CR) at column ${l.text.indexOf("\r") + 1}, and JSONL lines end with LF or CRLF` : step.reason;
        this.#fail({ line: l.line, column: step.column }, reason);
        return;
      }
      const start = scanner.start;
      if (format === "jsonl") {
        // A JSONL line is one record: a value followed by more is not a value followed by an error.
        const rest = l.text.slice(step.end).search(/[^ \t\r]/);
        if (rest >= 0) {
          const column = step.end + rest + 1;
          const cr = l.text.indexOf("\r") >= 0 ? "; a lone carriage return (CR) does not end a line" : "";
          scanner.reset();
          this.#pending = [];
          this.#unparsable(start, `unexpected ${describeChar(l.text, column - 1)} after the end of the value (JSONL holds one value per line${cr}) ${at(start, { line: l.line, column })}`);
          return;
        }
      }
      const text = this.#text(l, start, step.end);
      const elements = this.#elementsOf();
      scanner.reset();
      this.#pending = [l];
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        // The scanner follows the JSON grammar, so this is not expected; JSON.parse has the last word.
        this.#unparsable(start, (error as Error).message);
        this.#skipping = true;
        return;
      }
      this.#value(value, start.line, start.column, elements);
      from = step.end;
      if (format === "json") {
        const rest = l.text.slice(from).search(/[^ \t\r]/);
        if (rest >= 0) {
          const column = from + rest + 1;
          this.#unparsable({ line: l.line, column }, `unexpected ${describeChar(l.text, column - 1)} after the end of the JSON document`);
          this.#skipping = true;
          this.#pending = [];
          return;
        }
      }
    }
  }

  #elementsOf(): { array: Position[]; data: Position[] } {
    return { array: [...this.#scanner.arrayElements], data: this.#scanner.dataElements };
  }

  /** The text of a value from its start to `end` on line `l`. */
  #text(l: Line, start: Position, end: number): string {
    const pending = this.#pending;
    if (pending.length <= 1) return l.text.slice(start.column - 1, end);
    const parts = [pending[0]!.text.slice(start.column - 1)];
    for (let i = 1; i < pending.length - 1; i++) parts.push(pending[i]!.text);
    parts.push(l.text.slice(0, end));
    return parts.join("\n");
  }

  /**
   * The value in progress fails at `place`. It becomes one unparsable record; reading resumes
   * at the first line after its start where a value may begin, or else after the error.
   */
  #fail(place: Position, reason: string): void {
    const scanner = this.#scanner;
    const start = scanner.started ? scanner.start : place;
    const pending = this.#pending;
    scanner.reset();
    this.#pending = [];
    this.#pendingBytes = 0;
    const { format } = this.options;
    const resync = format === "auto" ? pending.findIndex((l, i) => i > 0 && l.line > start.line && isResyncLine(l.text)) : -1;
    if (resync > 0) {
      const cut = pending.slice(0, resync);
      const end = cut[cut.length - 1]!;
      this.#unparsable(start, `value cut off ${at(start, { line: end.line, column: end.text.length + 1 })}: ${expectedAfter(cut, start)} (line ${pending[resync]!.line} begins another)`);
      this.#queue.unshift(...pending.slice(resync));
      return;
    }
    this.#unparsable(start, `${reason} ${at(start, place)}`);
    if (format === "json") this.#documentDone = true;
    this.#skipping = format !== "jsonl";
  }

  #unparsable(start: Position, parseError: string): void {
    this.count++;
    this.options.onRecord({ file: this.file, line: start.line, column: start.column, pointer: "", parseError });
  }

  /** One value read: its elements if it is an array or a list response, else itself. */
  #value(value: unknown, line: number, column: number, elements: { array: Position[]; data: Position[] } | undefined): void {
    const { file, options } = this;
    if (this.options.format === "json") this.#documentDone = true;
    let items: unknown[] | undefined;
    let prefix = "";
    let positions: Position[] | undefined;
    if (Array.isArray(value) && options.expandArrays !== false) {
      items = value;
      prefix = "/";
      positions = elements?.array;
    } else if (options.expandLists && isListEnvelope(value)) {
      items = value.data;
      prefix = "/data/";
      positions = elements?.data;
    }
    if (items === undefined) {
      this.count++;
      options.onRecord({ file, line, column, pointer: "", value });
      return;
    }
    for (let i = 0; i < items.length; i++) {
      const position = positions?.[i];
      this.count++;
      options.onRecord({ file, line: position?.line ?? line, column: position?.column, pointer: `${prefix}${i}`, value: items[i] });
    }
  }
}

