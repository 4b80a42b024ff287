// `--jobs N`: a large JSONL file read on N threads, this one and N - 1 workers (job-worker.ts).
// The file is cut into ranges of `rangeBytes`; a thread reads the lines that begin in one
// range (and on, while a value is under way: job-lines.ts), parses and validates them, and
// hands back what the report needs (job-runner.ts). This thread takes the results in file
// order, within a bounded window of ranges, and reads a range itself when it has nothing to
// take: reports, counts and exit status are those of the one-thread run, and memory stays
// bounded. It keeps everything that spans records: the counts, the report, check-input's
// custom_id index, and the lines the workers hand back (a value over several lines, a line
// that is not one value), which it reads itself with their true line numbers.
import { open, stat } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { RecordReader, type InputFormat, type InputRecord } from "../records/record-reader.js";
import type { EpisodeLine, JobEnd, JobSpec, ReadingSpec } from "./job-lines.js";
import type { JobRunner } from "./job-runner.js";

/** What a worker does with each record it reads; the main thread applies the batches it sends back. */
export type WorkerTask =
  | { readonly kind: "validate"; readonly strict: boolean; readonly type: string; readonly lint: boolean }
  | { readonly kind: "check-input"; readonly strict: boolean; readonly wrapper: string; readonly body: string | null };

export interface WorkerSetup {
  readonly task: WorkerTask;
  /** Shared with this thread: [the file being read, the first range still needed (a job before it is skipped), the range it takes now]. */
  readonly needed: Int32Array;
}

/** A run of records read on a worker (its shape is the task's), or lines this thread must read itself. */
export type Segment = { readonly records: unknown } | { readonly episode: EpisodeLine[] };

export type WorkerMessage =
  | { readonly type: "part"; readonly serial: number; readonly index: number; readonly segments: Segment[]; readonly reached?: number }
  | { readonly type: "done"; readonly serial: number; readonly index: number; readonly segments: Segment[]; readonly end: JobEnd }
  | { readonly type: "skipped"; readonly serial: number; readonly index: number }
  | { readonly type: "failed"; readonly serial: number; readonly index: number; readonly message: string; readonly code?: string }
  | { readonly type: "fatal"; readonly message: string }
  /** The worker has loaded its models: jobs sent to it now start at once. */
  | { readonly type: "ready" };

export interface JobsOptions {
  /** Threads, this one included; 1 reads every input on this thread alone. */
  readonly jobs: number;
  /** The size of a range (a hidden option for tests: small ranges put records across the split points). */
  readonly rangeBytes: number;
}

export const defaultRangeBytes = 1 << 20;
/**
 * A file of fewer ranges is read on one thread: starting a worker (about 60 ms before it reads)
 * costs more than it saves. Measured on 2 cores: a 20 MB file was slower on two threads, a
 * 40 MB one about even.
 */
const minRanges = 32;
/** Ranges in flight per thread: one being read, the next ones queued, so that no worker waits for this thread. */
const windowPerThread = 3;
const workerFile = "./job-worker.mjs";

/** What {@link JobReader.read} needs of the loop over inputs. */
export interface JobReadOptions {
  readonly format: InputFormat;
  readonly expandLists: boolean;
  readonly expandArrays: boolean;
  readonly maxRecordBytes: number;
  /** A record read on this thread (from lines a worker handed back), as the one-thread reader gives it. */
  readonly onRecord: (record: InputRecord) => void;
  /** Records applied from a worker's batch, for progress. */
  readonly onRecords: (n: number) => void;
  readonly onBytes?: (n: number) => void;
  readonly onContentBytes?: (n: number) => void;
  readonly signal?: AbortSignal;
}

/** Applies one batch of a worker's records, in order; returns how many records it held. `base` is the line before the job's first. */
export type ApplyBatch = (batch: unknown, file: string, base: number) => number;

interface WorkerState {
  readonly worker: Worker;
  /** Jobs sent and not answered. */
  busy: number;
  /** Whether it has loaded its models; until then, this thread reads the first ranges itself. */
  ready: boolean;
}

interface Run {
  readonly serial: number;
  onMessage(message: WorkerMessage): void;
  /** A worker became ready: send it ranges. */
  wake(): void;
  fail(error: Error): void;
}

/** The plan of a file that goes to the workers, or undefined for one read here. */
async function planOf(file: string, format: InputFormat, rangeBytes: number): Promise<{ size: number; bom: boolean } | undefined> {
  if (file === "-" || format === "json" || (format === "auto" && !/\.(jsonl|ndjson)$/i.test(file))) return undefined;
  try {
    const stats = await stat(file);
    if (!stats.isFile() || stats.size < minRanges * rangeBytes) return undefined;
    const handle = await open(file, "r");
    let head: Buffer;
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    // gzip and UTF-16 (or UTF-32) are decoded as a stream, on one thread.
    if ((head[0] === 0x1f && head[1] === 0x8b) || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0 && head[1] === 0)) return undefined;
    return { size: stats.size, bom: head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf };
  } catch {
    return undefined; // the one-thread reader reports why it cannot be read
  }
}

/** Reads large JSONL inputs on worker threads, started on the first such input and kept for the others. */
export class JobReader {
  #workers: WorkerState[] | undefined;
  #broken = false;
  #serial = 0;
  #run: Run | undefined;
  readonly #needed = new Int32Array(new SharedArrayBuffer(12));

  constructor(
    private readonly options: JobsOptions,
    private readonly task: WorkerTask,
    private readonly apply: ApplyBatch,
  ) {}

  /**
   * Reads `file` on the workers and returns how many records it held, or returns undefined
   * when it is not an input for them (standard input, a JSON document, gzip, UTF-16, a small
   * file, or --jobs 1): the caller reads it itself.
   */
  async read(file: string, options: JobReadOptions): Promise<number | undefined> {
    const { rangeBytes } = this.options;
    if (this.options.jobs < 2 || this.#broken) return undefined;
    const plan = await planOf(file, options.format, rangeBytes);
    if (!plan) return undefined;
    const ranges = Math.ceil(plan.size / rangeBytes);
    // This thread is one of the N: it reads ranges too, when it has nothing else to do.
    const workers = this.#start(Math.min(this.options.jobs - 1, ranges));
    const local = await this.#localRunner();
    const serial = ++this.#serial;
    Atomics.store(this.#needed, 0, serial);
    Atomics.store(this.#needed, 1, 0);
    Atomics.store(this.#needed, 2, 0);
    const reading: ReadingSpec = { format: options.format === "jsonl" ? "jsonl" : "auto", expandLists: options.expandLists, expandArrays: options.expandArrays, maxRecordBytes: options.maxRecordBytes };
    return new Promise<number>((resolve, reject) => {
      let records = 0;
      // The lines the workers hand back, read here in order: between them the reader is fresh.
      const reader = new RecordReader(file, {
        ...reading,
        onRecord: (record) => {
          records++;
          options.onRecord(record);
        },
      });
      /** Jobs sent and not yet taken, by range: their segments so far, and their end once done. */
      const jobs = new Map<number, { segments: Segment[]; end?: JobEnd | undefined }>();
      const window = (workers.length + 1) * windowPerThread;
      let nextToSend = 0;
      let expected = 0; // the range whose job is taken next
      let base = 0; // lines before it
      let offset = 0; // bytes before it
      let finished = false;

      const need = (index: number) => Atomics.store(this.#needed, 1, index);
      const finish = (error?: Error) => {
        if (finished) return;
        finished = true;
        need(0x7fffffff);
        this.#run = undefined;
        if (error) return reject(error);
        if (!options.signal?.aborted) {
          reader.end();
          options.onContentBytes?.(offset);
        }
        resolve(records);
      };
      const spec = (index: number): JobSpec => ({ serial, file, index, rangeBytes, ranges, bom: plan.bom, reading });
      const send = () => {
        while (!finished && nextToSend < ranges && jobs.size < window) {
          let target: WorkerState | undefined;
          for (const w of workers) if (w.ready && (target === undefined || w.busy < target.busy)) target = w;
          if (target === undefined || target.busy >= windowPerThread) break;
          const index = nextToSend++;
          jobs.set(index, { segments: [] });
          target.busy++;
          target.worker.postMessage(spec(index));
        }
        // The next range left over is this thread's, between the messages it takes.
        if (!localScheduled && !finished && nextToSend < ranges && jobs.size < window) {
          localScheduled = true;
          setImmediate(runLocal);
        }
      };
      let localScheduled = false;
      const runLocal = () => {
        localScheduled = false;
        if (finished || nextToSend >= ranges || jobs.size >= window) return;
        const index = nextToSend++;
        jobs.set(index, { segments: [] });
        local.run(spec(index)); // its messages come back through onMessage, synchronously
        send();
      };
      const take = () => {
        for (;;) {
          if (options.signal?.aborted) return finish();
          const job = jobs.get(expected);
          if (!job) return;
          for (const segment of job.segments.splice(0)) {
            if ("episode" in segment) {
              for (const l of segment.episode) {
                if ("reason" in l) reader.badLine(base + l.line, l.reason);
                else reader.line(l.text, base + l.line, l.bytes);
              }
            } else {
              const n = this.apply(segment.records, file, base);
              records += n;
              options.onRecords(n);
            }
          }
          const end = job.end;
          if (!end) return;
          base += end.lines;
          if (end.abandoned) {
            // Needed after all: read on here from its first line not read.
            job.end = undefined;
            setImmediate(() => {
              if (!finished) local.run({ ...spec(expected), skipLines: end.lines });
            });
            return;
          }
          options.onBytes?.(end.endOffset - offset);
          offset = end.endOffset;
          if (end.eof || end.next >= ranges) return finish();
          // The jobs this one overran are dropped; the next one may not have been sent yet.
          for (const index of jobs.keys()) if (index < end.next) jobs.delete(index);
          expected = end.next;
          Atomics.store(this.#needed, 2, expected);
          nextToSend = Math.max(nextToSend, expected);
          need(expected);
          send();
        }
      };
      this.#run = {
        serial,
        onMessage: (message) => {
          if (finished || message.type === "fatal" || message.type === "ready" || message.serial !== serial) return;
          if (message.type === "failed") {
            const error = new Error(message.message) as NodeJS.ErrnoException;
            if (message.code !== undefined) error.code = message.code;
            return finish(error);
          }
          const job = jobs.get(message.index);
          // Only a job overrun by an earlier one is skipped, and that one is dropped.
          if (message.type === "skipped" && message.index === expected) return finish(new Error(`internal error: range ${expected} was skipped`));
          if (job && message.type !== "skipped") {
            job.segments.push(...message.segments);
            if (message.type === "done") job.end = message.end;
            else if (message.reached !== undefined && message.index === expected) {
              // The job taken now reads on into later ranges: their own jobs will not be needed.
              // (A job not yet known to be needed may itself be overrun: its word counts only once it is.)
              for (const index of jobs.keys()) if (index > message.index && index <= message.reached) jobs.delete(index);
              nextToSend = Math.max(nextToSend, message.reached + 1);
              need(Math.max(expected, message.reached + 1));
            }
          }
          try {
            take();
            send();
          } catch (error) {
            finish(error as Error);
          }
        },
        wake: send,
        fail: finish,
      };
      send();
    });
  }

  /**
   * Starts the workers now when an argument is a file they will read, so that they load their
   * models while this thread loads its own. (Directories and patterns start them on first use.)
   */
  async warmUp(args: readonly string[], format: InputFormat | ((file: string) => InputFormat)): Promise<void> {
    if (this.options.jobs < 2 || this.#workers || this.#broken) return;
    for (const file of args) {
      const plan = await planOf(file, typeof format === "function" ? format(file) : format, this.options.rangeBytes);
      if (plan) {
        this.#start(Math.min(this.options.jobs - 1, Math.ceil(plan.size / this.options.rangeBytes)));
        return;
      }
    }
  }

  #local: Promise<JobRunner> | undefined;
  /** This thread's own runner, which hands its messages straight to the run. */
  #localRunner(): Promise<JobRunner> {
    this.#local ??= import("./job-runner.js").then(async ({ JobRunner, processorOf }) => new JobRunner(await processorOf(this.task), this.#needed, (message) => this.#run?.onMessage(message)));
    return this.#local;
  }

  /** The workers, started on first use. */
  #start(count: number): WorkerState[] {
    if (this.#workers) return this.#workers;
    const setup: WorkerSetup = { task: this.task, needed: this.#needed };
    this.#workers = Array.from({ length: count }, () => {
      const state: WorkerState = { worker: new Worker(new URL(workerFile, import.meta.url), { workerData: setup }), busy: 0, ready: false };
      state.worker.on("message", (message: WorkerMessage) => {
        if (message.type === "done" || message.type === "skipped" || message.type === "failed") state.busy--;
        if (message.type === "fatal") return this.#fail(new Error(message.message));
        if (message.type === "ready") {
          state.ready = true;
          return this.#run?.wake();
        }
        this.#run?.onMessage(message);
      });
      state.worker.on("error", (error) => this.#fail(error));
      state.worker.on("exit", (code) => this.#fail(new Error(`a worker thread stopped (exit code ${code})`)));
      return state;
    });
    return this.#workers;
  }

  /** A worker failed: the file being read cannot be read, and the next ones are read on this thread. */
  #fail(error: Error): void {
    if (this.#broken) return;
    this.#broken = true;
    this.#run?.fail(error);
    this.close();
  }

  /** Lets the process end: the workers are idle once every input was read. */
  close(): void {
    const workers = this.#workers ?? [];
    this.#workers = undefined;
    this.#broken = true;
    for (const { worker } of workers) {
      worker.removeAllListeners("exit");
      worker.unref();
    }
    void this.#local?.then((runner) => runner.close());
  }
}
