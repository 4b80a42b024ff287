// The work of one thread of `--jobs` (see jobs.ts), a worker's or the main thread's: reads the
// jobs it is given, one at a time, and hands back, per job, the records' verdicts in the shape
// its task's main thread applies (validate: counts and the failing records; check-input: what
// the cross-record rules read of every request, and the verdicts of its two models).
import { closeSync, openSync } from "node:fs";
import { isObject, own } from "../checks/common.js";
import { lintBatchJob } from "../lint-batch-job.js";
import type { InputRecord } from "../records/record-reader.js";
import { requestFlags, type RequestBatch, type RequestFailure, type ValidateBatch } from "./job-batches.js";
import { readJob, type JobSink, type JobSpec } from "./job-lines.js";
import type { Segment, WorkerMessage, WorkerTask } from "./jobs.js";
import { loadModel } from "./validators.js";

export interface Processor {
  newBatch(): { n: number };
  /** Adds a record; returns its weight (what it adds to the message). */
  add(batch: { n: number }, record: InputRecord & { value: unknown }): number;
}

export async function processorOf(task: WorkerTask): Promise<Processor> {
  if (task.kind === "validate") {
    const model = await loadModel(task.strict, task.type);
    const isValid = model.is;
    return {
      newBatch: (): ValidateBatch => ({ n: 0, valid: 0, invalid: 0, warnings: 0, items: [] }),
      add(b, { line, column, pointer, value }) {
        const batch = b as ValidateBatch;
        batch.n++;
        if (isValid(value)) {
          batch.valid++;
          if (!task.lint) return 1;
          const warnings = lintBatchJob(value);
          if (warnings.length === 0) return 1;
          batch.warnings += warnings.length;
          batch.items.push({ line, column, pointer, warnings });
          return 16;
        }
        batch.invalid++;
        batch.items.push({ line, column, pointer, issues: model.validate(value).issues ?? [] });
        return 16;
      },
    };
  }
  const [wrapper, body] = await Promise.all([loadModel(task.strict, task.wrapper), task.body === null ? undefined : loadModel(task.strict, task.body)]);
  return {
    newBatch: (): RequestBatch => ({ n: 0, lines: [], columns: [], flags: [], ids: [], models: [], failures: [] }),
    add(b, { line, column, value }) {
      const batch = b as RequestBatch;
      const i = batch.n++;
      let flags = 0;
      let id: string | null = null;
      let bodyModel: string | null | 0 = null;
      let failure: RequestFailure | undefined;
      if (wrapper.is(value)) flags |= requestFlags.wrapperValid;
      else failure = { i, wrapperIssues: wrapper.validate(value).issues ?? [] };
      if (isObject(value)) {
        flags |= requestFlags.object;
        const customId = own(value, "custom_id");
        if (typeof customId === "string" && customId !== "") id = customId;
        const requestBody = own(value, "body");
        if (isObject(requestBody)) {
          flags |= requestFlags.bodyObject;
          const m = own(requestBody, "model");
          bodyModel = typeof m === "string" ? m : m === undefined || m === null ? null : 0;
          if (body?.is(requestBody)) flags |= requestFlags.bodyValid;
          else if (body) {
            failure ??= { i };
            failure.bodyIssues = body.validate(requestBody).issues ?? [];
            failure.body = requestBody;
          }
        }
      }
      batch.lines.push(line);
      batch.columns.push(column);
      batch.flags.push(flags);
      batch.ids.push(id);
      batch.models.push(bodyModel);
      if (failure === undefined) return 1;
      batch.failures.push(failure);
      return 16;
    },
  };
}

/** A message's weight at which a part is sent before the job ends. */
const partWeight = 8192;

/** Reads jobs on one thread and hands each one's results to `post`, in parts. */
export class JobRunner {
  readonly #buffer = Buffer.allocUnsafe(1 << 20);
  #open: { serial: number; fd: number } | undefined;

  constructor(
    private readonly processor: Processor,
    /** Shared with the main thread: [the file being read, the first range still needed, the range it takes now]. */
    private readonly needed: Int32Array,
    private readonly post: (message: WorkerMessage) => void,
  ) {}

  run(job: JobSpec): void {
    const { processor, post } = this;
    const { serial, index } = job;
    // A job overrun by an earlier one is not read; a continuation is needed whatever the others did.
    if (Atomics.load(this.needed, 0) !== serial || (index < Atomics.load(this.needed, 1) && job.skipLines === undefined)) return post({ type: "skipped", serial, index });
    try {
      if (this.#open?.serial !== serial) {
        if (this.#open) closeSync(this.#open.fd);
        this.#open = undefined;
        this.#open = { serial, fd: openSync(job.file, "r") };
      }
      let segments: Segment[] = [];
      let batch = processor.newBatch();
      let weight = 0;
      const flush = () => {
        if (batch.n > 0) segments.push({ records: batch });
        batch = processor.newBatch();
      };
      const part = (reached?: number) => {
        flush();
        post({ type: "part", serial, index, segments, ...(reached === undefined ? {} : { reached }) });
        segments = [];
        weight = 0;
      };
      const sink: JobSink = {
        record(record) {
          weight += processor.add(batch, record as InputRecord & { value: unknown });
          if (weight >= partWeight) part();
        },
        episode(lines) {
          flush();
          segments.push({ episode: lines });
          for (const l of lines) weight += "text" in l ? 16 + (l.text.length >> 7) : 16; // a part holds about 1 MiB of text at most
          if (weight >= partWeight) part();
        },
        reached: (next) => part(next),
        needed: () => Atomics.load(this.needed, 0) === serial && Atomics.load(this.needed, 2) === index,
      };
      const end = readJob(this.#open.fd, job, sink, this.#buffer);
      flush();
      post({ type: "done", serial, index, segments, end });
    } catch (error) {
      const { message, code } = error as NodeJS.ErrnoException;
      post({ type: "failed", serial, index, message, ...(code === undefined ? {} : { code }) });
    }
  }

  /** Closes the file it holds open. */
  close(): void {
    if (this.#open) closeSync(this.#open.fd);
    this.#open = undefined;
  }
}
