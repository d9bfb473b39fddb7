// Heavy engine work for the API, off the request thread: a batch of simulations, an SCP matrix, the org-wide matrix
// (heatmap) or an impact preview runs in a worker thread (worker-pool.ts) within a time budget, against the same
// compiled world the request thread caches. Over budget the request fails with a clear TIMEOUT DomainError, and every
// other client is served meanwhile.
//
// The worker script is the prebuilt bundle dist/node/engine-worker.mjs (scripts/build-bundles.mjs: built at
// npm install, npm start / dev and before the tests), found from the working directory up, or LZSIM_ENGINE_WORKER.
// Settings: LZSIM_ENGINE_WORKERS (threads, default 2), LZSIM_ENGINE_BUDGET_MS (per task, default 10,000).
import 'server-only';

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DomainError } from '../domain-error';
import type { CompiledDesign } from '../simulation/compiled-world-cache';
import { WORLD_MISSING, type EngineTask, type EngineTaskMessage, type EngineTaskResults } from './engine-tasks';
import { WorkBudgetExceededError, WorkerPool, WorkerTaskError } from './worker-pool';

/** Default time budget of one engine task, in ms. */
export const DEFAULT_ENGINE_BUDGET_MS = 10_000;
/** Default number of engine worker threads. */
export const DEFAULT_ENGINE_WORKERS = 2;
const BUNDLE = join('dist', 'node', 'engine-worker.mjs');

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}".`);
  return value;
}

/** The engine worker bundle: LZSIM_ENGINE_WORKER, or dist/node/engine-worker.mjs in the working directory or above. */
export function engineWorkerEntry(): string {
  const override = process.env.LZSIM_ENGINE_WORKER;
  if (override) return override;
  for (let directory = process.cwd(); ; directory = dirname(directory)) {
    const candidate = join(directory, BUNDLE);
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) break;
  }
  throw new Error(`Cannot find the engine worker (${BUNDLE}) from ${process.cwd()}: run "node scripts/build-bundles.mjs" (npm install does it).`);
}

/** Options of EngineWorkers; every field has a default from the environment. */
export interface EngineWorkersOptions {
  /** Time budget of one task, in ms. */
  budgetMs?: number;
  /** Worker threads. */
  size?: number;
  /** The worker script. */
  entry?: string;
}

/** Runs engine tasks for designs in worker threads. */
export class EngineWorkers {
  readonly budgetMs: number;
  private readonly pool: WorkerPool;

  constructor(options: EngineWorkersOptions = {}) {
    this.budgetMs = options.budgetMs ?? positiveInteger('LZSIM_ENGINE_BUDGET_MS', DEFAULT_ENGINE_BUDGET_MS);
    this.pool = new WorkerPool({
      entry: options.entry ?? engineWorkerEntry(),
      size: options.size ?? positiveInteger('LZSIM_ENGINE_WORKERS', DEFAULT_ENGINE_WORKERS),
      name: 'lzsim-engine',
    });
  }

  /**
   * Run a task against the design's compiled world, in a worker. Throws a TIMEOUT DomainError over budget (its message
   * ends with `overBudgetAdvice`); a failure inside the task comes back as WorkerTaskError (name, message, code) for
   * the caller to translate.
   */
  async run<K extends EngineTask['kind']>(
    design: CompiledDesign,
    task: Extract<EngineTask, { kind: K }>,
    label: string,
    overBudgetAdvice = 'Split the work into smaller requests.',
  ): Promise<EngineTaskResults[K]> {
    const key = `${design.designId}@${design.revision}`;
    const message = (withWorld: boolean): EngineTaskMessage => ({
      designId: design.designId,
      revision: design.revision,
      ...(withWorld ? { world: design.compiled.world } : {}),
      task,
    });
    const attempt = (forceWorld: boolean) =>
      this.pool.run<EngineTaskResults[K]>({
        label,
        budgetMs: this.budgetMs,
        prepare: (worker) => {
          // Send the world (a copy per worker, possibly megabytes) only to a worker that has not had this revision.
          const withWorld = forceWorld || worker.memo.get(design.designId) !== key;
          worker.memo.set(design.designId, key);
          return message(withWorld);
        },
      });
    try {
      try {
        return await attempt(false);
      } catch (error) {
        // The worker dropped that world from its cache since: send it again.
        if (error instanceof WorkerTaskError && error.code === WORLD_MISSING) return await attempt(true);
        throw error;
      }
    } catch (error) {
      if (error instanceof WorkBudgetExceededError) {
        throw new DomainError('TIMEOUT', `${error.message} ${overBudgetAdvice}`, { cause: error });
      }
      throw error;
    }
  }

  /** Stop the workers. */
  close(): Promise<void> {
    return this.pool.close();
  }
}

// One pool per process, kept on globalThis so Next's dev server reloads do not start more threads.
const globalForWorkers = globalThis as unknown as { lzsimEngineWorkers?: EngineWorkers };

/** The process-wide engine workers the API uses. */
export function engineWorkers(): EngineWorkers {
  globalForWorkers.lzsimEngineWorkers ??= new EngineWorkers();
  return globalForWorkers.lzsimEngineWorkers;
}
