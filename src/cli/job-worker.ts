// A worker thread of `--jobs` (see jobs.ts): runs the jobs it is sent, one at a time, and
// sends back each one's results (job-runner.ts).
import { parentPort, workerData } from "node:worker_threads";
import type { JobSpec } from "./job-lines.js";
import { JobRunner, processorOf } from "./job-runner.js";
import type { WorkerMessage, WorkerSetup } from "./jobs.js";

const port = parentPort!;
const { task, needed } = workerData as WorkerSetup;
const queue: JobSpec[] = [];
let runner: JobRunner | undefined;

function drain(): void {
  if (!runner) return;
  for (let job = queue.shift(); job !== undefined; job = queue.shift()) runner.run(job);
}

port.on("message", (job: JobSpec) => {
  queue.push(job);
  drain();
});
processorOf(task).then(
  (processor) => {
    runner = new JobRunner(processor, needed, (message: WorkerMessage) => port.postMessage(message));
    port.postMessage({ type: "ready" } satisfies WorkerMessage);
    drain();
  },
  (error: Error) => port.postMessage({ type: "fatal", message: error.message } satisfies WorkerMessage),
);
