import { isUtf8 } from "node:buffer";
import { tooLarge } from "../records/record-reader.js";

/** Receives each line's text, without its line end (LF, or CRLF), and its size in bytes. */
export type OnLine = (text: string, line: number, bytes: number) => void;
/** Receives a line that cannot be read as text: not valid UTF-8, or longer than the limit. */
export type OnBadLine = (line: number, reason: string) => void;

/**
 * Splits UTF-8 bytes into lines as chunks arrive, synchronously: no promise or generator step
 * per line, so a JSONL file is read at the speed of a bare split-and-parse loop. Line ends are
 * LF and CRLF; a lone CR is not one. Holds at most one partial line between chunks, and never
 * more than `maxLineBytes` of it: a longer line is skipped to its end and reported with its size.
 */
export class LineSplitter {
  // The partial line, as the chunks it came in: joined once at its newline, so a line of any
  // length costs one copy, not one per chunk.
  #rest: Buffer[] = [];
  #restBytes = 0;
  /** Bytes of a line over the limit so far; its content is dropped. */
  #oversize = -1;
  #line = 0;

  constructor(
    private readonly onLine: OnLine,
    private readonly onBadLine: OnBadLine,
    private readonly maxLineBytes: number,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.#restBytes > 0 || this.#oversize >= 0) {
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        this.#keep(chunk);
        return;
      }
      this.#keep(chunk.subarray(0, newline));
      this.#flush();
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
    if (start < chunk.length) this.#keep(chunk.subarray(start));
  }

  /** The last line, when the input does not end with a newline. */
  end(): void {
    if (this.#restBytes > 0 || this.#oversize >= 0) this.#flush();
  }

  #keep(part: Buffer): void {
    if (this.#oversize >= 0) {
      this.#oversize += part.length;
      return;
    }
    if (this.#restBytes + part.length > this.maxLineBytes) {
      this.#oversize = this.#restBytes + part.length;
      this.#rest = [];
      this.#restBytes = 0;
      return;
    }
    this.#rest.push(Buffer.from(part)); // a copy: the chunk's memory is reused
    this.#restBytes += part.length;
  }

  #flush(): void {
    if (this.#oversize >= 0) {
      const bytes = this.#oversize;
      this.#oversize = -1;
      this.onBadLine(++this.#line, tooLarge(bytes, this.maxLineBytes));
      return;
    }
    const joined = this.#rest.length === 1 ? this.#rest[0]! : Buffer.concat(this.#rest);
    this.#rest = [];
    this.#restBytes = 0;
    this.#emit(joined, 0, joined.length, false);
  }

  #emit(buffer: Buffer, start: number, end: number, knownUtf8: boolean): void {
    this.#line++;
    const bytes = end - start;
    if (bytes > this.maxLineBytes) return this.onBadLine(this.#line, tooLarge(bytes, this.maxLineBytes));
    if (end > start && buffer[end - 1] === 13) end--;
    if (knownUtf8 || isUtf8(buffer.subarray(start, end))) this.onLine(buffer.toString("utf8", start, end), this.#line, bytes);
    else this.onBadLine(this.#line, `not valid UTF-8 (first bad byte at column ${firstBadByte(buffer.subarray(start, end)) + 1})`);
  }
}

/** The byte offset where UTF-8 decoding first fails; the failure path only. */
function firstBadByte(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i]!;
    const size = c < 0x80 ? 1 : c >> 5 === 6 ? 2 : c >> 4 === 14 ? 3 : c >> 3 === 30 ? 4 : 0;
    if (size === 0 || !isUtf8(bytes.subarray(i, i + size))) return i;
    i += size;
  }
  return bytes.length;
}
