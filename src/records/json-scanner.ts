/**
 * A JSON tokenizer that reads one line at a time and keeps its state between lines, with an
 * explicit stack (no recursion: any nesting depth is safe). It finds where a top-level value
 * ends, where the elements of a top-level array or of a list response's `data` begin, and, in
 * text that JSON.parse refused, where and why it is not JSON. It runs only where a line alone
 * is not one JSON value (pretty-printed values, several values on a line, errors), so the
 * common JSONL line costs one JSON.parse and nothing here.
 *
 * Tokens never span lines (a JSON string cannot hold a raw line break), so the state between
 * lines is only the stack and what comes next.
 */

/** 1-based line and column (in UTF-16 code units, as editors count) of a place in the input. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

const enum Next {
  Value, // a value: at the top level, after ":" or after "," in an array
  ValueOrClose, // after "["
  KeyOrClose, // after "{"
  Key, // after "," in an object
  Colon,
  CommaOrClose,
}

const OBJECT = 0;
const ARRAY = 1;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

const isWhitespace = (c: number) => c === 32 || c === 9 || c === 13 || c === 10;
/** What may follow a number or a literal: whitespace, a structural character, a quote, the end. */
const endsToken = (c: number) => Number.isNaN(c) || isWhitespace(c) || c === 44 || c === 58 || c === 93 || c === 125 || c === 91 || c === 123 || c === 34;

const charNames: Record<number, string> = {
  0x00: "NUL character (U+0000; is the input UTF-16 or UTF-32 without a byte-order mark?)",
  0x0b: "vertical tab (U+000B), which is not JSON whitespace",
  0x0c: "form feed (U+000C), which is not JSON whitespace",
  0x0d: "carriage return (CR)",
  0xa0: "no-break space (U+00A0), which is not JSON whitespace",
  0xfeff: "byte-order mark (U+FEFF), allowed only at the start of an input",
};

/** A character as a message names it: quoted when printable, by code point otherwise. */
export function describeChar(text: string, index: number): string {
  const c = text.codePointAt(index);
  if (c === undefined) return "end of line";
  const named = charNames[c];
  if (named) return named;
  const char = String.fromCodePoint(c);
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(char) ? `"${char}"` : `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
}

export type ScanStep =
  /** The line ended inside a value (or held only whitespace before one starts). */
  | { readonly kind: "more" }
  /** A top-level value ends just before `end` on this line. */
  | { readonly kind: "value"; readonly end: number }
  /** Not JSON at `column` of this line. */
  | { readonly kind: "error"; readonly column: number; readonly reason: string };

/**
 * The tokenizer of one top-level value. `scan` reads a line from an index and stops at the end
 * of the line, at the end of the value, or at the first error.
 */
export class JsonScanner {
  #stack: number[] = [];
  #next: Next = Next.Value;
  #started = false;
  /** The key being read at depth 1, raw; `data` opens the list's element array. */
  #key1 = "";
  #inData = false;
  /** Where the value began. */
  start: Position = { line: 0, column: 0 };
  /** Where each element of a top-level array begins. */
  readonly arrayElements: Position[] = [];
  /** Where each element of the top-level object's `data` array begins (the last `data` key wins, as in JSON.parse). */
  dataElements: Position[] = [];

  /** Whether a value has begun and not yet ended. */
  get started(): boolean {
    return this.#started;
  }

  /** Which bracket the value still needs closed, for a message at the end of the input. */
  expected(): string {
    const top = this.#stack[this.#stack.length - 1];
    switch (this.#next) {
      case Next.Colon:
        return 'expected ":"';
      case Next.Key:
        return "expected a key in double quotes";
      case Next.KeyOrClose:
        return 'expected a key in double quotes or "}"';
      case Next.ValueOrClose:
        return 'expected a value or "]"';
      case Next.CommaOrClose:
        return top === OBJECT ? 'expected "," or "}"' : 'expected "," or "]"';
      default:
        return "expected a value";
    }
  }

  scan(text: string, from: number, line: number): ScanStep {
    const stack = this.#stack;
    let i = from;
    const length = text.length;
    for (;;) {
      let c = text.charCodeAt(i);
      while (c === 32 || c === 9 || c === 13) c = text.charCodeAt(++i);
      if (i >= length) return { kind: "more" };
      const depth = stack.length;
      switch (this.#next) {
        case Next.Colon:
          if (c !== 58) return this.#error(i, `unexpected ${describeChar(text, i)}: expected ":"`);
          i++;
          this.#next = Next.Value;
          continue;
        case Next.CommaOrClose:
          if (c === 44) {
            i++;
            this.#next = stack[depth - 1] === OBJECT ? Next.Key : Next.Value;
            continue;
          }
          if (c === (stack[depth - 1] === OBJECT ? 125 : 93)) {
            i++;
            if (this.#close()) return { kind: "value", end: i };
            continue;
          }
          return this.#error(i, `unexpected ${describeChar(text, i)}: expected "," or "${stack[depth - 1] === OBJECT ? "}" : "]"}"`);
        case Next.KeyOrClose:
        case Next.Key:
          if (c === 125 && this.#next === Next.KeyOrClose) {
            i++;
            if (this.#close()) return { kind: "value", end: i };
            continue;
          }
          if (c !== 34) return this.#error(i, `unexpected ${describeChar(text, i)}: expected a key in double quotes`);
          {
            const end = this.#string(text, i);
            if (typeof end !== "number") return end;
            if (depth === 1) this.#key1 = text.slice(i, end);
            i = end;
          }
          this.#next = Next.Colon;
          continue;
        case Next.ValueOrClose:
        case Next.Value: {
          if (c === 93 && this.#next === Next.ValueOrClose) {
            i++;
            if (this.#close()) return { kind: "value", end: i };
            continue;
          }
          if (!this.#started) {
            this.#started = true;
            this.start = { line, column: i + 1 };
          } else if (depth === 1 && stack[0] === ARRAY) this.arrayElements.push({ line, column: i + 1 });
          else if (depth === 2 && this.#inData) this.dataElements.push({ line, column: i + 1 });
          if (c === 123 || c === 91) {
            stack.push(c === 123 ? OBJECT : ARRAY);
            if (depth === 1 && c === 91 && stack[0] === OBJECT) {
              // A key spelled with escapes is rare; only then is it decoded.
              this.#inData = this.#key1 === '"data"' || (this.#key1.includes("\\") && JSON.parse(this.#key1) === "data");
              if (this.#inData) this.dataElements = [];
            }
            this.#next = c === 123 ? Next.KeyOrClose : Next.ValueOrClose;
            i++;
            continue;
          }
          let end: number | ScanStep;
          if (c === 34) end = this.#string(text, i);
          else if (c === 45 || (c >= 48 && c <= 57)) {
            NUMBER.lastIndex = i;
            end = NUMBER.test(text) ? NUMBER.lastIndex : i + 1;
            if (!endsToken(text.charCodeAt(end)) || (end === i + 1 && c === 45)) return this.#error(i, "invalid number");
          } else {
            const literal = c === 116 ? "true" : c === 102 ? "false" : c === 110 ? "null" : undefined;
            if (literal === undefined || !text.startsWith(literal, i) || !endsToken(text.charCodeAt(i + literal.length))) {
              return this.#error(i, `unexpected ${describeChar(text, i)}: expected a value`);
            }
            end = i + literal.length;
          }
          if (typeof end !== "number") return end;
          i = end;
          if (depth === 0) {
            this.#reset();
            return { kind: "value", end: i };
          }
          this.#next = Next.CommaOrClose;
          continue;
        }
      }
    }
  }

  /** Forgets the value, after it ended or failed. */
  reset(): void {
    this.#stack.length = 0;
    this.#reset();
    this.arrayElements.length = 0;
    this.dataElements = [];
  }

  #reset(): void {
    this.#next = Next.Value;
    this.#started = false;
    this.#key1 = "";
    this.#inData = false;
  }

  /** Pops a container; whether that ended the top-level value. */
  #close(): boolean {
    this.#stack.pop();
    if (this.#stack.length === 1) this.#inData = false;
    if (this.#stack.length === 0) {
      this.#reset();
      return true;
    }
    this.#next = Next.CommaOrClose;
    return false;
  }

  /** The index after the string that opens at `i`, or the error in it. */
  #string(text: string, i: number): number | ScanStep {
    for (let j = i + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 34) return j + 1;
      if (c === 92) {
        const e = text.charCodeAt(j + 1);
        if (e === 117) {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(j + 2, j + 6))) return this.#error(j, "invalid \\u escape in a string");
          j += 5;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) j++;
        else return this.#error(j, "invalid escape in a string");
      } else if (c < 32) return this.#error(j, `${describeChar(text, j)} inside a string`);
    }
    return this.#error(text.length, "end of line inside a string");
  }

  #error(index: number, reason: string): ScanStep {
    return { kind: "error", column: index + 1, reason };
  }
}

/** Whether a line holds only JSON whitespace (space, tab; its line end is already gone). */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
