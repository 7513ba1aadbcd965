import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';

/** Why a task ended without a reply from its worker. */
export type TaskFailure = { failure: 'timeout'; afterMs: number } | { failure: 'crash'; message: string };

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Task {
  request: Request;
  /**
   * Milliseconds a worker may go without a reply before it is terminated and the task fails;
   * none when undefined. Each partial reply starts the clock again, so the limit is per file.
   */
  timeoutMs?: number;
  /** Receives the partial replies of a request that streams them (`analysed-file`). */
  onPartial?(reply: WorkerReply): void;
  /**
   * Runs only in the worker at this index (the last one when the pool is smaller), before that
   * worker's other tasks, so each group of languages loads its extractors in one worker.
   */
  inWorker?: number;
  settle(reply: WorkerReply | TaskFailure): void;
}

/** Worker crashes in a row, without a reply between them, after which the pool gives up. */
const MAX_CONSECUTIVE_CRASHES = 4;

interface Slot {
  worker: Worker;
  /** The task running in this worker, or 'loading' while it loads the extractors. */
  busy: { task: Task; timer?: NodeJS.Timeout; id: number } | 'loading' | undefined;
}

/**
 * Starts the worker module. In the build it is the compiled `worker.js`. Under the TypeScript
 * sources (tests, `tsx`) a small script registers tsx's loader in the thread first, because
 * Node 20 ignores `--import` in a worker's execArgv.
 */
function startWorker(workerData: WorkerInit, heapLimitMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapLimitMb };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./worker.js', import.meta.url), { workerData, resourceLimits });
  }
  // tsx's ESM API (`tsx/esm/api`, the `import` condition of its exports) registers the loader hooks.
  const tsxFolder = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const loader = pathToFileURL(join(tsxFolder, 'dist', 'esm', 'api', 'index.mjs')).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}

/**
 * Old-generation heap of each worker, in MB. The TypeScript compiler needs about 300 times a
 * file's size (measured: 1.4 GB for a 5.8 MB file), so the limit leaves room for a file at the
 * default `--max-file-size` of 5 MB. A lower limit made results depend on `--jobs`, because the
 * main thread has no limit. A file whose analysis needs more stops its worker, and the pool reports
 * that file as skipped with the reason.
 */
export const DEFAULT_WORKER_HEAP_LIMIT_MB = 2048;

/**
 * A fixed number of worker threads, each running one task at a time. A task with a time limit
 * that runs over it terminates its worker, which is replaced by a fresh one, so one slow file
 * costs one worker start-up and never the whole scan.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private candidates: string[] | undefined;
  private nextId = 1;
  private closed = false;
  private consecutiveCrashes = 0;
  private broken: string | undefined;

  constructor(
    size: number,
    private readonly init: WorkerInit,
    private readonly heapLimitMb: number = DEFAULT_WORKER_HEAP_LIMIT_MB,
  ) {
    for (let index = 0; index < size; index++) {
      this.slots.push(this.spawn(index));
    }
  }

  /** Workers in the pool. */
  get size(): number {
    return this.slots.length;
  }

  /**
   * Stops the workers after the first `size` (at least one), so an analysis of a few files keeps
   * one copy of each extractor in memory. The first worker has loaded the TypeScript extractor (about
   * 100 MB), which the files analysed after the prefilter mostly need. Call it between tasks, because a task still running in a stopped worker fails as a crash.
   */
  shrink(size: number): void {
    for (const slot of this.slots.splice(Math.max(1, size))) {
      if (slot.busy !== undefined && slot.busy !== 'loading') {
        clearTimeout(slot.busy.timer);
        slot.busy.task.settle({ failure: 'crash', message: 'the worker was stopped' });
      }
      void slot.worker.terminate();
    }
  }

  /** Sends the candidate list to every worker; the workers load the extractors with it. */
  setCandidates(candidates: string[]): void {
    this.candidates = candidates;
    for (const slot of this.slots) {
      this.loadCandidates(slot);
    }
  }

  /**
   * Queues a request and resolves with its reply, or with the reason it has none. With
   * `inWorker` the request waits for that worker, which then takes it before the other queued
   * requests.
   */
  run(request: Request, options: { timeoutMs?: number; onPartial?: (reply: WorkerReply) => void; inWorker?: number } = {}): Promise<WorkerReply | TaskFailure> {
    return new Promise((resolve) => {
      if (this.broken !== undefined) {
        resolve({ failure: 'crash', message: this.broken });
        return;
      }
      this.queue.push({ request, timeoutMs: options.timeoutMs, onPartial: options.onPartial, inWorker: options.inWorker, settle: resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) {
      task.settle({ failure: 'crash', message: 'the worker pool was closed' });
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  /** Starts the worker for slot `index`; only slot 0 preloads the TypeScript extractor during the prefilter. */
  private spawn(index: number): Slot {
    const worker = startWorker({ ...this.init, preloadExtractors: index === 0 }, this.heapLimitMb);
    const slot: Slot = { worker, busy: undefined };
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on('error', (error) => this.onCrash(slot, error.message));
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) {
        this.onCrash(slot, `the worker thread exited with code ${code}`);
      }
    });
    if (this.candidates) {
      this.loadCandidates(slot);
    }
    return slot;
  }

  private loadCandidates(slot: Slot): void {
    slot.busy = 'loading';
    slot.worker.postMessage({ type: 'candidates', id: 0, candidates: this.candidates ?? [] } satisfies WorkerRequest);
  }

  private pump(): void {
    for (const [index, slot] of this.slots.entries()) {
      if (this.queue.length === 0) {
        return;
      }
      if (slot.busy !== undefined) {
        continue;
      }
      const own = this.queue.findIndex((task) => task.inWorker !== undefined && Math.min(task.inWorker, this.slots.length - 1) === index);
      const position = own >= 0 ? own : this.queue.findIndex((task) => task.inWorker === undefined);
      if (position < 0) {
        continue;
      }
      const [task] = this.queue.splice(position, 1) as [Task];
      const id = this.nextId++;
      const timer = task.timeoutMs === undefined ? undefined : setTimeout(() => this.onTimeout(slot), task.timeoutMs);
      slot.busy = { task, timer, id };
      slot.worker.postMessage({ ...task.request, id } as WorkerRequest);
    }
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    this.consecutiveCrashes = 0;
    const busy = slot.busy;
    if (busy !== undefined && busy !== 'loading' && busy.id === reply.id && (reply.type === 'analysed-file' || reply.type === 'prepared')) {
      if (busy.timer !== undefined) {
        busy.timer.refresh();
      }
      busy.task.onPartial?.(reply);
      return;
    }
    if (busy === 'loading') {
      slot.busy = undefined;
      if (reply.type === 'failed') {
        // The extractors did not load: every analysis would fail the same way.
        this.broken = `the worker could not load the extractors: ${reply.message}`;
        this.failAll(this.broken);
        return;
      }
    } else if (busy && busy.id === reply.id) {
      clearTimeout(busy.timer);
      slot.busy = undefined;
      busy.task.settle(reply);
    }
    this.pump();
  }

  private onTimeout(slot: Slot): void {
    const busy = slot.busy;
    if (busy === undefined || busy === 'loading') {
      return;
    }
    this.replace(slot);
    busy.task.settle({ failure: 'timeout', afterMs: busy.task.timeoutMs! });
  }

  private onCrash(slot: Slot, message: string): void {
    if (this.closed || !this.slots.includes(slot)) {
      return;
    }
    const busy = slot.busy;
    this.consecutiveCrashes += 1;
    if (this.consecutiveCrashes >= MAX_CONSECUTIVE_CRASHES) {
      this.broken = `worker threads failed ${this.consecutiveCrashes} times in a row, the last time with: ${message}`;
      this.failAll(this.broken);
    }
    this.replace(slot);
    if (busy !== undefined && busy !== 'loading') {
      clearTimeout(busy.timer);
      busy.task.settle({ failure: 'crash', message });
    }
  }

  /** Terminates a worker and puts a fresh one in its place. */
  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    slot.busy = undefined;
    this.slots.splice(index, 1);
    void slot.worker.terminate();
    if (this.broken === undefined) {
      this.slots.splice(index, 0, this.spawn(index));
      this.pump();
    }
  }

  private failAll(message: string): void {
    for (const task of this.queue.splice(0)) {
      task.settle({ failure: 'crash', message });
    }
  }
}
