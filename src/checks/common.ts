import type { ValidationIssue } from "../issues.js";
import { RecordReader, type InputRecord } from "../records/record-reader.js";
import type { EmptyFinding, Place, Severity, UnparsableFinding, UnreadableFinding } from "./findings.js";

/** The two verbs a check needs of a model: the fast guard, and the issues on failure. */
export interface ModelVerbs {
  readonly is: (value: unknown) => boolean;
  readonly validate: (value: unknown) => { readonly issues?: readonly ValidationIssue[] | undefined };
}

/** A model by its schema title; the caller decides the profile and the build. */
export type ModelLookup = (title: string) => ModelVerbs;

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
export const own = (object: Json, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);

/** Issues of a part of the record (its `body`), measured from the root of the record, like the record's own issues. */
export function issuesUnder(issues: readonly ValidationIssue[], pointer: string, path: readonly (string | number)[]): ValidationIssue[] {
  return issues.map((issue) => ({ ...issue, instancePath: pointer + issue.instancePath, path: [...path, ...issue.path] }));
}

/** Keys of a pointer the reader built (`/requests/3`): indices as numbers. */
export const pathOfPointer = (pointer: string): (string | number)[] =>
  pointer === "" ? [] : pointer.slice(1).split("/").map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));

/** Places that share a trait: the whole count, and the first few places. */
export class PlaceGroup<P extends Place = Place> {
  count = 0;
  readonly places: P[] = [];
  constructor(private readonly max: number) {}
  add(place: P): void {
    if (++this.count <= this.max) this.places.push(place);
  }
  /** Adds a record's place, made only when it is kept (the first few): counting the rest allocates nothing. */
  addRecord(record: InputRecord): void {
    if (++this.count <= this.max) this.places.push(placeOf(record) as P);
  }
}

/** `3 requests`, `1 body`, `2 bodies`: a count with its noun. */
export const plural = (n: number, word: string): string => `${n} ${n === 1 ? word : word.endsWith("y") ? `${word.slice(0, -1)}ies` : `${word}s`}`;

/** The shared empty-input rule, in words: an input with no record fails unless empty inputs are allowed. */
export const emptyMessage = (allowed: boolean): string => `no records${allowed ? "" : " (an input with no record fails; --allow-empty accepts it)"}`;

/** Where a record is, as findings name it. */
export const placeOf = (record: InputRecord): Place => ({ file: record.file, line: record.line, pointer: record.pointer });

/** UTF-8 length of a string, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 2 bytes below U+0800, 3 above; a surrogate pair is 4 bytes, one more per half.
    if (c >= 0x80) bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/**
 * The API's records: each element of an array or (async) iterable is one line of a JSONL file
 * when it is a string (parsed as the command line parses a line), any other value as it is.
 * Lines are numbered from 1. Memory stays bounded: one element at a time.
 */
export async function forEachItem(
  items: Iterable<unknown> | AsyncIterable<unknown>,
  file: string,
  onRecord: (record: InputRecord, bytes: number) => void,
): Promise<number> {
  let bytes = 0;
  const reader = new RecordReader(file, {
    format: "jsonl",
    expandLists: false,
    expandArrays: false,
    maxRecordBytes: Number.MAX_SAFE_INTEGER,
    onRecord: (record) => onRecord(record, bytes),
  });
  let line = 0;
  for await (const item of items) {
    line++;
    if (typeof item === "string") {
      bytes = utf8Length(item);
      reader.line(item, line, bytes);
    } else {
      let text: string | undefined;
      try {
        text = JSON.stringify(item);
      } catch {
        text = undefined; // a cycle or a BigInt: the value is still checked, its size unknown
      }
      bytes = text === undefined ? 0 : utf8Length(text);
      onRecord({ file, line, pointer: "", value: item }, bytes);
    }
  }
  reader.end();
  return line;
}

/**
 * What both checks share: findings handed out as they come (errors counted, for the verdict),
 * inputs counted, and the rules every input meets (it can be read; it holds a record).
 */
export abstract class CheckBase<F extends { readonly severity: Severity }> {
  /** Error findings so far: the check passes with none. */
  protected errors = 0;
  protected readonly inputs = { files: 0, unreadable: 0, empty: 0 };
  /** Records read, and those that were not JSON. */
  protected readonly records = { read: 0, unparsable: 0 };
  /** Records of the input being read. */
  protected fileRecords = 0;

  constructor(
    private readonly sink: (finding: F) => void,
    private readonly allowEmpty: boolean,
  ) {}

  protected emit(finding: F): void {
    if (finding.severity === "error") this.errors++;
    this.sink(finding);
  }

  /** Counts a record and reports it when it is not JSON; whether it holds a value to check. */
  protected take(record: InputRecord): record is InputRecord & { readonly value: unknown } {
    this.records.read++;
    this.fileRecords++;
    if (!("parseError" in record)) return true;
    this.records.unparsable++;
    const finding: UnparsableFinding = { kind: "unparsable", severity: "error", ...placeOf(record), column: record.column, message: `unparsable JSON: ${record.parseError}` };
    this.emit(finding as unknown as F);
    return false;
  }

  /** Before the first record of an input. */
  beginFile(): void {
    this.inputs.files++;
    this.fileRecords = 0;
  }

  /** An input that could not be read at all (after {@link beginFile}). */
  unreadable(file: string, reason: string): void {
    this.inputs.unreadable++;
    this.emit({ kind: "unreadable", severity: "error", file, message: `cannot read: ${reason}` } satisfies UnreadableFinding as unknown as F);
  }

  /** The shared empty-input rule, at the end of an input: no record fails unless empty inputs are allowed. */
  protected endInput(file: string): void {
    if (this.fileRecords > 0) return;
    this.inputs.empty++;
    const finding: EmptyFinding = { kind: "empty", severity: this.allowEmpty ? "warning" : "error", file, message: emptyMessage(this.allowEmpty) };
    this.emit(finding as unknown as F);
  }
}
