// The worker pool runs CPU-heavy work off the request thread within a time budget (issue 14, "One request freezes
// the server"): a task over budget fails with a clear error and its worker is replaced, while other tasks and the
// request thread itself go on. The worker script is a test fixture that computes on demand.
import { afterEach, describe, expect, it } from 'vitest';
import { WorkBudgetExceededError, WorkerPool, WorkerTaskError } from '@/server/services/engine-worker/worker-pool';

const entry = new URL('../../fixtures/workers/busy-worker.mjs', import.meta.url);
let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

const task = (message: unknown, budgetMs = 5_000, label = 'test task') => ({ prepare: () => message, budgetMs, label });

describe('WorkerPool', () => {
  it('runs a task in a worker and resolves to its answer', async () => {
    pool = new WorkerPool({ entry, size: 1, name: 'test' });
    expect(await pool.run(task({ echo: { answer: 42 } }))).toEqual({ answer: 42 });
  });

  it('over budget: the task fails with a clear error while another task and the request thread go on', async () => {
    pool = new WorkerPool({ entry, size: 2, name: 'test' });
    // Start both threads first, so the timings below do not include starting a worker on a loaded machine.
    await Promise.all([pool.run(task({ spinMs: 50 })), pool.run(task({ spinMs: 50 }))]);
    const events: string[] = [];
    const stuck = pool.run(task({ spinForever: true }, 1_500, 'simulateBatch of 10,000 requests')).catch((error: unknown) => {
      events.push('stuck failed');
      return error;
    });
    // The request thread is free: a timer fires on time while the worker computes.
    const timer = new Promise<void>((resolve) => setTimeout(() => {
      events.push('timer');
      resolve();
    }, 50));
    const other = pool.run(task({ spinMs: 20 })).then((value) => {
      events.push('other done');
      return value;
    });
    const [error] = await Promise.all([stuck, timer, other]);
    expect(error).toBeInstanceOf(WorkBudgetExceededError);
    expect((error as Error).message).toBe('simulateBatch of 10,000 requests needed more than its 1500 ms time budget and was stopped.');
    expect(events.indexOf('timer')).toBeLessThan(events.indexOf('stuck failed'));
    expect(events.indexOf('other done')).toBeLessThan(events.indexOf('stuck failed'));
  });

  it('replaces a stopped worker: the next task runs on a fresh thread with an empty memo', async () => {
    pool = new WorkerPool({ entry, size: 1, name: 'test' });
    const seen: number[] = [];
    const noting = (message: unknown, budgetMs = 5_000) => ({
      budgetMs,
      label: 'noting',
      prepare: (worker: { id: number; memo: Map<string, unknown> }) => {
        seen.push(worker.memo.size);
        worker.memo.set('sent', true);
        return message;
      },
    });
    const first = await pool.run<number>(noting({ threadId: true }));
    await expect(pool.run(noting({ spinForever: true }, 200))).rejects.toBeInstanceOf(WorkBudgetExceededError);
    const second = await pool.run<number>(noting({ threadId: true }));
    expect(second).not.toBe(first);
    expect(seen).toEqual([0, 1, 0]);
  });

  it('a task still waiting for a worker when its budget runs out fails without starting', async () => {
    pool = new WorkerPool({ entry, size: 1, name: 'test' });
    const busy = pool.run(task({ spinMs: 600 }));
    const waiting = pool.run(task({ echo: 1 }, 100, 'queued task'));
    await expect(waiting).rejects.toThrow('queued task needed more than its 100 ms time budget and was stopped before it could start (every worker was busy).');
    expect(await busy).toBe(600);
  });

  it('a failure reported by the worker keeps its name, message and code', async () => {
    pool = new WorkerPool({ entry, size: 1, name: 'test' });
    const error = await pool.run(task({ fail: 'no such account' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerTaskError);
    expect(error).toMatchObject({ errorName: 'TestFailure', message: 'no such account', code: 'TEST_CODE' });
    expect(await pool.run(task({ echo: 'still serving' }))).toBe('still serving');
  });
});
