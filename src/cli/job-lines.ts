// One job of a multi-thread run (`--jobs`), on any of its threads: the lines of a JSONL file
// that begin in one byte range, turned into records exactly as the one-thread reader turns them.
//
// The one-thread reader (RecordReader) is a state machine over lines. In its usual state
// ("fresh": no value under way, not skipping after an error) a line that is one whole JSON
// value is one record (or its elements) and leaves it fresh, and a blank line changes
// nothing. A job assumes the reader is fresh at its first line and reads such lines itself,
// on its own. Any other line (not one value, not UTF-8, too long) starts an *episode*: that
// line and the ones after it go to the main thread as text, where one RecordReader per file
// reads them with their true line numbers, until a probe shows the reader is fresh again
// (see freshAfter). A job ends at the first line that begins at or after its range's end
// with the reader fresh: while an episode is open it reads on into the next ranges, and
// the main thread drops the jobs it overran.
import { readSync } from "node:fs";
import { isBlank } from "../records/json-scanner.js";
import { firstColumn, isListEnvelope, RecordReader, type InputRecord } from "../records/record-reader.js";
import { LineSplitter } from "./lines.js";

/** How the lines of a file become records: the reader's options, minus the callback. */
export interface ReadingSpec {
  readonly format: "auto" | "jsonl";
  readonly expandLists: boolean;
  readonly expandArrays: boolean;
  readonly maxRecordBytes: number;
}

/** One byte range of a file. */
export interface JobSpec {
  /** The file's run: a number per file read, so that late messages of an earlier file are told apart. */
  readonly serial: number;
  readonly file: string;
  /** The range's number: it covers bytes [index × rangeBytes, (index + 1) × rangeBytes); the last one runs to the end of the file. */
  readonly index: number;
  readonly rangeBytes: number;
  /** How many ranges the file was cut into. */
  readonly ranges: number;
  /** Whether the file begins with a UTF-8 byte-order mark (dropped, as the one-thread reader drops it). */
  readonly bom: boolean;
  /** A continuation of an abandoned job: the lines of the range it passes over (read already); it is needed, and never abandoned. */
  readonly skipLines?: number;
  readonly reading: ReadingSpec;
}

/** A line the main thread reads itself: its text, or why it is not text (not UTF-8, too long). */
export type EpisodeLine = { readonly line: number; readonly text: string; readonly bytes: number } | { readonly line: number; readonly reason: string };

export interface JobSink {
  /** A record read here, its line counted from 1 at the job's first line. */
  record(record: InputRecord): void;
  /** Lines for the main thread's reader, in order, between the records before and after them. */
  episode(lines: EpisodeLine[]): void;
  /** The job reads on into range `index` (an episode was open at its start): the jobs up to it are not needed. */
  reached(index: number): void;
  /** Whether the job is known to be needed (the main thread takes it now): only then may it read on without bound. */
  needed(): boolean;
}

export interface JobEnd {
  /** Lines the job read. */
  readonly lines: number;
  /** The range whose job goes on from here (`ranges` at the end of the file). */
  readonly next: number;
  /** Whether the job read to the end of the file. */
  readonly eof: boolean;
  /** The offset where the job stopped: the start of the next job's first line, or the file's size. */
  readonly endOffset: number;
  /**
   * The job stopped short: not yet known to be needed, it met an episode too long to hold and
   * would have read on without bound. Its records before the episode (`lines` lines) stand; if
   * it is needed after all, a continuation reads on from there (JobSpec.skipLines).
   */
  readonly abandoned?: boolean;
}

/** Thrown out of the line callbacks when a job is abandoned, with the number of lines read before its open episode. */
class Abandoned extends Error {
  constructor(readonly before: number) {
    super("abandoned");
  }
}

/**
 * An episode is probed only while the probes' replays stay within a few times its size (plus a
 * range), so that a long one costs linear time. Past `giveUpRanges` ranges it is no longer held
 * for a probe: the job hands every remaining line of the file to the main thread, a range's
 * worth at a time. (In ranges, so that the tests' small ranges take these paths too.)
 */
const giveUpRanges = 32;

/**
 * Whether a RecordReader that starts fresh is fresh again after `lines`. It replays them into
 * a new reader, then asks two questions that change its state (hence the replay): `end()`
 * reports something only if a value is under way; then a line `x` (never valid, never a place
 * to resume) is reported as unparsable when the reader is fresh, and passed over in silence
 * while it is skipping to the next place to resume after an error.
 */
export function freshAfter(lines: readonly EpisodeLine[], reading: ReadingSpec): boolean {
  let emitted = 0;
  const reader = new RecordReader("", { format: reading.format, expandLists: false, expandArrays: false, maxRecordBytes: reading.maxRecordBytes, onRecord: () => void emitted++ });
  for (const l of lines) {
    if ("reason" in l) reader.badLine(l.line, l.reason);
    else reader.line(l.text, l.line, l.bytes);
  }
  const before = emitted;
  reader.end();
  if (emitted !== before) return false;
  reader.line("x", (lines[lines.length - 1]?.line ?? 0) + 1, 1);
  return emitted !== before;
}

// The next one mirrors RecordReader's handling of a line that is one whole value (its
// `#value`, for the line formats), with the reader's own `firstColumn` and `isListEnvelope`;
// the tests of test/cli-jobs.test.ts compare every report with the one-thread run's.

/** The records of a line that is one whole value: its elements if it is an array or a list response, else itself. */
function valueRecords(value: unknown, line: number, column: number, reading: ReadingSpec, sink: JobSink): void {
  let items: unknown[] | undefined;
  let prefix = "";
  if (Array.isArray(value) && reading.expandArrays) {
    items = value;
    prefix = "/";
  } else if (reading.expandLists && isListEnvelope(value)) {
    items = value.data;
    prefix = "/data/";
  }
  if (items === undefined) {
    sink.record({ file: "", line, column, pointer: "", value });
    return;
  }
  for (let i = 0; i < items.length; i++) sink.record({ file: "", line, column: undefined, pointer: `${prefix}${i}`, value: items[i] });
}

/**
 * How many bytes to read next: the rest of the range and a little more (what usually ends its
 * last line), then more each time past it, up to a whole buffer.
 */
const readLength = (buffer: Buffer, position: number, end: number, past: number) =>
  Math.min(buffer.length, end === Infinity ? Infinity : position < end ? end - position + 4096 : Math.max(4096, 2 * past));

/**
 * Reads one job: the lines that begin in its range (and on, while an episode is open), through
 * `buffer`, each record or episode to `sink`, in file order.
 */
export function readJob(fd: number, job: JobSpec, sink: JobSink, buffer: Buffer): JobEnd {
  const { reading, rangeBytes, ranges } = job;
  const probeSlack = rangeBytes;
  const giveUpBytes = giveUpRanges * rangeBytes;
  const streamBytes = rangeBytes;
  const lastRange = ranges - 1;
  let end = job.index >= lastRange ? Infinity : (job.index + 1) * rangeBytes;
  let lines = 0;
  // The open episode: its lines, its bytes, what its probes replayed; `given up` streams it.
  let episode: EpisodeLine[] | undefined;
  let episodeBytes = 0;
  let replayed = 0;
  let givenUp = false;

  /** Probes the open episode when its budget allows; closes it (to the sink) when the reader is fresh. */
  const closeIfFresh = (): boolean => {
    if (episode === undefined) return true;
    if (givenUp || replayed > 2 * episodeBytes + probeSlack) return false;
    replayed += episodeBytes;
    if (!freshAfter(episode, reading)) return false;
    sink.episode(episode);
    episode = undefined;
    episodeBytes = 0;
    replayed = 0;
    return true;
  };
  const toEpisode = (line: EpisodeLine, bytes: number) => {
    (episode ??= []).push(line);
    episodeBytes += bytes;
    if (givenUp) {
      if (episodeBytes >= streamBytes) {
        sink.episode(episode);
        episode = [];
        episodeBytes = 0;
      }
    } else if (episodeBytes > giveUpBytes) {
      // Not held any more for a probe: every line to the end of the file goes to the main
      // thread, which holds at most a few parts of them at a time, if the job is needed. A job
      // not yet known to be needed stops here (its parts would pile up there).
      if (job.skipLines === undefined && !sink.needed()) throw new Abandoned(episode[0]!.line - 1);
      givenUp = true;
      sink.episode(episode);
      episode = [];
      episodeBytes = 0;
    } else closeIfFresh();
  };
  const splitter = new LineSplitter(
    (text, line, bytes) => {
      lines = line;
      if (episode !== undefined) return toEpisode({ line, text, bytes }, bytes);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        if (!isBlank(text)) toEpisode({ line, text, bytes }, bytes);
        return;
      }
      valueRecords(value, line, firstColumn(text), reading, sink);
    },
    (line, reason) => {
      lines = line;
      toEpisode({ line, reason }, 1);
    },
    reading.maxRecordBytes,
  );

  // The first line of a range other than the first begins after the first newline at or after
  // the range's start - 1; none before its end: no line begins in it.
  let position = job.index === 0 ? (job.bom ? 3 : 0) : job.index * rangeBytes - 1;
  let seeking = job.index > 0;
  let skip = job.skipLines ?? 0;
  let past = 0; // bytes read past the range's end
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, readLength(buffer, position, end, past), position);
      if (position + n > end) past += position + n - Math.max(position, end);
      if (n === 0) {
        splitter.end();
        if (episode !== undefined && episode.length > 0) sink.episode(episode);
        return { lines, next: ranges, eof: true, endOffset: position };
      }
      let chunk = buffer.subarray(0, n);
      if (seeking) {
        const newline = chunk.indexOf(10);
        if (newline >= 0 && position + newline + 1 < end) {
          seeking = false;
          chunk = chunk.subarray(newline + 1);
          position += newline + 1;
        } else if (newline >= 0 || position + n >= end - 1) {
          return { lines: 0, next: job.index + 1, eof: false, endOffset: end }; // inside a line that began before
        } else {
          position += n;
          continue;
        }
      }
      // A continuation passes over the lines read already.
      while (skip > 0) {
        const newline = chunk.indexOf(10);
        if (newline < 0) break;
        chunk = chunk.subarray(newline + 1);
        position += newline + 1;
        skip--;
      }
      if (skip > 0) {
        position += chunk.length;
        continue;
      }
      // Every newline at or after end - 1 is a place where the job may stop: the line after it
      // begins at or after `end`.
      for (;;) {
        const from = end - 1 - position;
        const newline = from < chunk.length ? chunk.indexOf(10, Math.max(from, 0)) : -1;
        if (newline < 0) {
          splitter.push(chunk);
          position += chunk.length;
          break;
        }
        splitter.push(chunk.subarray(0, newline + 1));
        position += newline + 1;
        chunk = chunk.subarray(newline + 1);
        const next = Math.floor(position / rangeBytes);
        if (next > lastRange) {
          end = Infinity; // past the size the file had when it was planned: on to its end
          continue;
        }
        if (closeIfFresh()) return { lines, next, eof: false, endOffset: position };
        end = next >= lastRange ? Infinity : (next + 1) * rangeBytes;
        sink.reached(next);
      }
    }
  } catch (error) {
    if (!(error instanceof Abandoned)) throw error;
    return { lines: error.before, next: job.index, eof: false, endOffset: position, abandoned: true };
  }
}
