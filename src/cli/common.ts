// What every command of the command line shares: usage errors, output, exit status on a
// closed pipe, and the loop over inputs (files, directories, patterns, standard input).
import { escapeForDisplay } from "../issues.js";
import type { InputRecord } from "../records/record-reader.js";
import { resolveInputs } from "./inputs.js";
import type { JobReader } from "./jobs.js";
import { Progress } from "./progress.js";
import { InputError, readRecords, sizeOf, type InputFormat } from "./read-records.js";
import type { ReportFormat } from "./report.js";

/** A mistake in the command line itself: exit 2, one line, and a pointer to --help. */
export class UsageError extends Error {}

/** A progress line on stderr, shown only on a terminal and never with --quiet. */
export const progressLine = (quiet: boolean): Progress => new Progress(process.stderr, Boolean(process.stderr.isTTY) && !quiet);

/** Looks a user-given name up among a table's own names only: `toString` is not a model. */
export function lookUp<T>(table: Readonly<Record<string, T>>, name: string, what: string): T {
  if (Object.hasOwn(table, name)) return table[name]!;
  throw new UsageError(`unknown ${what} ${JSON.stringify(name)}; one of ${Object.keys(table).join(", ")}`);
}

export const out = (line: string): void => {
  if (line) process.stdout.write(`${line}\n`);
};

let statusSoFar = () => 0;
/** Tells the command line how to compute the exit status of what was read so far. */
export const setStatusSoFar = (status: () => number): void => {
  statusSoFar = status;
};

/** `| head -n1` closes the pipe early: stop without a stack trace, with the status of what was read. */
export function stdoutClosedQuietly(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(statusSoFar());
    throw error;
  });
}

/** The system's reasons without the path and syscall Node adds (the report names the file). */
const systemReasons: Readonly<Record<string, string>> = Object.freeze({
  ENOENT: "no such file or directory (ENOENT)",
  EACCES: "permission denied (EACCES)",
  EPERM: "operation not permitted (EPERM)",
  EISDIR: "is a directory (EISDIR)",
  ENOTDIR: "a part of the path is not a directory (ENOTDIR)",
  ELOOP: "too many symbolic links (ELOOP)",
  EMFILE: "too many open files (EMFILE)",
  EIO: "input/output error (EIO)",
});

function reasonOf(error: NodeJS.ErrnoException): string {
  if (error instanceof InputError) return error.message;
  const code = error.code ?? "";
  if (Object.hasOwn(systemReasons, code)) return systemReasons[code]!;
  if (code.startsWith("Z_")) return `gzip: ${error.message}`;
  return error.message;
}

/** The options of every command that reads inputs. */
export interface ReadingOptions {
  strict: boolean;
  format: ReportFormat;
  inputFormat: InputFormat;
  maxRecordBytes: number;
  allowEmpty: boolean;
  quiet: boolean;
}

export interface InputLoopOptions {
  /** How each input's bytes become records; a function decides per file. */
  readonly format: InputFormat | ((file: string) => InputFormat);
  readonly expandLists: boolean;
  readonly expandArrays?: boolean;
  readonly maxRecordBytes: number;
  /** The progress line on stderr, which the caller clears before it prints. */
  readonly progress: Progress;
  /** Reads large JSONL files on worker threads (`--jobs`); the other inputs, and all without it, are read here. */
  readonly jobs?: JobReader | undefined;
}

export interface InputHooks {
  /** Before the first record of an input. */
  readonly beginInput?: (file: string) => void;
  readonly onRecord: (record: InputRecord) => void;
  /** After an input was read whole: how many records it held and its content bytes (after gzip). */
  readonly endInput: (file: string, records: number, contentBytes: number) => void;
  /** An input that could not be read (its records before the failure stay counted); `beginInput` was called for it. */
  readonly unreadable: (file: string, reason: string) => void;
}

/**
 * Reads every input the arguments name, in order, each record to `onRecord`. An unreadable
 * input is reported on stderr and to `unreadable`, and the others are read. Ctrl-C stops
 * between chunks; returns whether it did.
 */
export async function readInputs(args: readonly string[], options: InputLoopOptions, hooks: InputHooks): Promise<{ interrupted: boolean }> {
  const { inputs, unmatched } = await resolveInputs(args).catch((error: Error) => {
    throw error instanceof RangeError ? new UsageError(error.message) : error;
  });
  const { progress } = options;
  const cannotRead = (file: string, reason: string) => {
    progress.clear();
    process.stderr.write(`batch-job-schema: ${escapeForDisplay(file)}: cannot read: ${escapeForDisplay(reason)}\n`);
    hooks.unreadable(file, reason);
  };
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once("SIGINT", onSigint);
  for (const { pattern, reason } of unmatched) {
    hooks.beginInput?.(pattern);
    cannotRead(pattern, reason);
  }
  const onRecord = (record: InputRecord) => {
    progress.record();
    hooks.onRecord(record);
  };
  for (const file of inputs) {
    if (interrupt.signal.aborted) break;
    let contentBytes = 0;
    let records: number;
    hooks.beginInput?.(file);
    try {
      progress.expect(await sizeOf(file).catch(() => 0));
      const reading = {
        format: typeof options.format === "function" ? options.format(file) : options.format,
        expandLists: options.expandLists,
        expandArrays: options.expandArrays ?? true,
        maxRecordBytes: options.maxRecordBytes,
        onRecord,
        onBytes: (n: number) => progress.bytes(n),
        onContentBytes: (n: number) => (contentBytes += n),
        signal: interrupt.signal,
      };
      records = (await options.jobs?.read(file, { ...reading, onRecords: (n) => progress.records(n) })) ?? (await readRecords(file, reading));
    } catch (error) {
      cannotRead(file, reasonOf(error as NodeJS.ErrnoException));
      continue;
    }
    if (!interrupt.signal.aborted) hooks.endInput(file, records, contentBytes);
  }
  options.jobs?.close();
  progress.clear();
  process.removeListener("SIGINT", onSigint);
  if (interrupt.signal.aborted) process.stderr.write("batch-job-schema: interrupted: the summary counts only the records read before\n");
  return { interrupted: interrupt.signal.aborted };
}
