// A small pool of worker threads that runs CPU-heavy tasks off the request thread, each within a time budget.
// Node serves every client from one thread: a request that computes for seconds (a batch of 10,000 simulations, the
// SCP matrix of every service) would make every other client wait. Here such work runs in a worker; the request
// thread only waits for a message. A task that outruns its budget is stopped the only way a busy thread can be
// stopped, by terminating its worker, and fails with WorkBudgetExceededError; a fresh worker takes the slot.
//
// The pool knows nothing of the engine: a task is a message for the worker script, built per worker by `prepare`
// (so a caller can send bulky data, such as a world, only to workers that do not hold it yet: see `memo`). The
// worker script answers each `{ id, message }` with `{ id, ok: true, value }` or `{ id, ok: false, error }`.
import 'server-only';

import { Worker } from 'node:worker_threads';

/** One worker of the pool as a task's `prepare` sees it. */
export interface PooledWorker {
  /** Distinguishes workers over the pool's life (a replaced worker gets a new id). */
  readonly id: number;
  /** The caller's notes about this worker (e.g. which data it was sent); emptied when the worker is replaced. */
  readonly memo: Map<string, unknown>;
}

/** A task as the pool runs it. */
export interface PoolTask {
  /** Builds the message for the worker that will run the task. */
  prepare(worker: PooledWorker): unknown;
  /** Most milliseconds the task may take, from submission (waiting for a free worker counts). */
  budgetMs: number;
  /** What the task is, for the over-budget message ("simulateBatch of 10,000 requests"). */
  label: string;
}

/** The task took longer than its budget; its worker was stopped. */
export class WorkBudgetExceededError extends Error {
  constructor(
    readonly label: string,
    readonly budgetMs: number,
    readonly started: boolean,
  ) {
    super(`${label} needed more than its ${budgetMs} ms time budget and was stopped${started ? '' : ' before it could start (every worker was busy)'}.`);
    this.name = 'WorkBudgetExceededError';
  }
}

/** The worker script reported a failure: its error's name, message and optional code, as plain data. */
export class WorkerTaskError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

/** What a worker script posts back for a task. */
export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; code?: string } };

/** Options of a WorkerPool. */
export interface WorkerPoolOptions {
  /** The worker script: an ES module file (absolute path or file URL). */
  entry: string | URL;
  /** How many workers at most. */
  size: number;
  /** Prefix of the worker threads' names (shown in profiles and heap snapshots). */
  name: string;
}

interface Pending extends PoolTask {
  id: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  slot?: Slot;
}

interface Slot {
  worker?: Worker;
  state?: PooledWorker;
  running?: Pending;
}

/** A fixed-size pool of worker threads with per-task time budgets. */
export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextTaskId = 1;
  private nextWorkerId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`WorkerPool size must be a positive integer, got ${options.size}.`);
    this.slots = Array.from({ length: options.size }, () => ({}));
  }

  /** Run a task on the first free worker; resolves to the worker's value. */
  run<T>(task: PoolTask): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed.'));
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = {
        ...task,
        id: this.nextTaskId++,
        resolve: resolve as (value: unknown) => void,
        reject,
        timer: setTimeout(() => this.overBudget(pending), task.budgetMs),
      };
      pending.timer.unref();
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Workers currently running a task (for tests and diagnostics). */
  get busyWorkers(): number {
    return this.slots.filter((slot) => slot.running).length;
  }

  /** Stops every worker; tasks still queued or running fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) this.settle(pending, new Error('The worker pool was closed.'));
    await Promise.all(this.slots.map(async (slot) => {
      if (slot.running) this.settle(slot.running, new Error('The worker pool was closed.'));
      await this.retire(slot);
    }));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.running) continue;
      const pending = this.queue.shift() as Pending;
      const { worker, state } = this.ensureWorker(slot);
      let message: unknown;
      try {
        message = pending.prepare(state);
      } catch (error) {
        this.settle(pending, error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      slot.running = pending;
      pending.slot = slot;
      worker.postMessage({ id: pending.id, message });
    }
  }

  private ensureWorker(slot: Slot): { worker: Worker; state: PooledWorker } {
    if (slot.worker && slot.state) return { worker: slot.worker, state: slot.state };
    const state: PooledWorker = { id: this.nextWorkerId++, memo: new Map() };
    const worker = new Worker(this.options.entry, { name: `${this.options.name}-${state.id}` });
    // Idle workers never keep the process alive (CLI runs, tests): only a waiting task does, through its caller.
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, worker, reply));
    worker.on('error', (error) => this.onWorkerDeath(slot, worker, error));
    worker.on('exit', (code) => this.onWorkerDeath(slot, worker, new Error(`The worker thread exited (code ${code}).`)));
    slot.worker = worker;
    slot.state = state;
    return { worker, state };
  }

  private onReply(slot: Slot, worker: Worker, reply: WorkerReply): void {
    const pending = slot.running;
    if (slot.worker !== worker || !pending || pending.id !== reply.id) return;
    slot.running = undefined;
    if (reply.ok) this.settle(pending, undefined, reply.value);
    else this.settle(pending, new WorkerTaskError(reply.error.name, reply.error.message, reply.error.code));
    this.dispatch();
  }

  private onWorkerDeath(slot: Slot, worker: Worker, error: Error): void {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    slot.state = undefined;
    const pending = slot.running;
    slot.running = undefined;
    if (pending) this.settle(pending, error);
    if (!this.closed) this.dispatch();
  }

  private overBudget(pending: Pending): void {
    const queued = this.queue.indexOf(pending);
    if (queued !== -1) {
      this.queue.splice(queued, 1);
      this.settle(pending, new WorkBudgetExceededError(pending.label, pending.budgetMs, false));
      return;
    }
    const slot = pending.slot;
    if (!slot || slot.running !== pending) return;
    slot.running = undefined;
    this.settle(pending, new WorkBudgetExceededError(pending.label, pending.budgetMs, true));
    // A thread busy computing cannot be interrupted: stop it, and let the next task start a fresh one.
    void this.retire(slot);
    this.dispatch();
  }

  private async retire(slot: Slot): Promise<void> {
    const worker = slot.worker;
    slot.worker = undefined;
    slot.state = undefined;
    if (worker) await worker.terminate();
  }

  private settle(pending: Pending, error: Error | undefined, value?: unknown): void {
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(value);
  }
}
