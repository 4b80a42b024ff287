import { isUtf8 } from "node:buffer";

/** Receives each line's text (without its end of line), or `undefined` when it is not valid UTF-8. */
export type OnLine = (text: string | undefined, line: number) => void;

/**
 * Splits a byte stream into lines as chunks arrive, synchronously: no promise or generator
 * step per line, so a JSONL file is read at the speed of a bare split-and-parse loop. Accepts
 * LF and CRLF and a leading byte-order mark. Holds at most one partial line between chunks.
 */
export class LineSplitter {
  // The partial line, as the chunks it came in: joined once at its newline, so a line of any
  // length costs one copy, not one per chunk.
  #rest: Buffer[] = [];
  #line = 0;
  #first = true;

  constructor(private readonly onLine: OnLine) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.#rest.length > 0) {
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        this.#rest.push(Buffer.from(chunk)); // a copy: the chunk's memory is reused
        return;
      }
      const joined = Buffer.concat([...this.#rest, chunk.subarray(0, newline)]);
      this.#rest = [];
      this.#emit(joined, 0, joined.length);
      start = newline + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= start) {
      // One UTF-8 check for the whole run of complete lines; per line only if it fails.
      const whole = isUtf8(chunk.subarray(start, last + 1));
      for (let newline = chunk.indexOf(10, start); newline >= 0 && newline <= last; newline = chunk.indexOf(10, start)) {
        this.#emit(chunk, start, newline, whole);
        start = newline + 1;
      }
    }
    if (start < chunk.length) this.#rest.push(Buffer.from(chunk.subarray(start))); // a copy: the chunk's memory is reused
  }

  /** The last line, when the input does not end with a newline. */
  end(): void {
    if (this.#rest.length > 0) {
      const last = Buffer.concat(this.#rest);
      this.#rest = [];
      this.#emit(last, 0, last.length);
    }
  }

  #emit(buffer: Buffer, start: number, end: number, knownUtf8 = false): void {
    this.#line++;
    if (this.#first) {
      this.#first = false;
      if (buffer[start] === 0xef && buffer[start + 1] === 0xbb && buffer[start + 2] === 0xbf) start += 3;
    }
    if (end > start && buffer[end - 1] === 13) end--;
    const utf8 = knownUtf8 || isUtf8(buffer.subarray(start, end));
    this.onLine(utf8 ? buffer.toString("utf8", start, end) : undefined, this.#line);
  }
}
