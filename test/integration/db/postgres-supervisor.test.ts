// Issue 14, hole 7: the app runner's PostgreSQL dies (kill -9) and comes back on its own; the app's client
// reconnects, answering 503 (never a 500 with the database's text) while it is down; /api/health says which; a
// server that a killed runner left behind is adopted and stopped on shutdown.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { handleHealthRequest } from '@/server/api/health';
import { handleTRPCRequest, TRPC_ENDPOINT } from '@/server/api/http-handler';
import { createPrismaClient } from '@/server/db/client';
import { isAlive, runningServer, startEmbeddedPostgres } from '@/server/db/embedded-postgres';
import { applyMigrations } from '@/server/db/migrations';
import { ownerFileOf, superviseEmbeddedPostgres } from '@/server/db/postgres-supervisor';
import { findFreePort } from '../../support/embedded-db';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lzsim-supervisor-test-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

describe('the supervised embedded PostgreSQL', () => {
  // These start PostgreSQL (initdb included), kill it and wait up to 90 s for it to come back: they assert
  // behaviour, not speed, so they get room beyond the suite's 60 s on a loaded 2-core machine.
  it('comes back after kill -9, and the app reconnects: 503 while down, 200 after, never a 500', async () => {
    const dataDir = join(dir, 'killed');
    const lines: string[] = [];
    const supervised = await superviseEmbeddedPostgres({ dataDir, port: await findFreePort(), checkEveryMs: 200, log: (line) => lines.push(line) });
    const { url } = await supervised.server.provisionDatabase('lzsim_supervised');
    await applyMigrations(url);
    const db = createPrismaClient(url);
    const list = async () => (await handleTRPCRequest(new Request(`http://localhost${TRPC_ENDPOINT}/design.list?input=${encodeURIComponent(JSON.stringify(superjson.serialize(undefined)))}`), () => createInnerContext({ db }))).status;
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await list()).toBe(200);
      expect((await handleHealthRequest(() => db)).status).toBe(200);

      process.kill(supervised.server.pid, 'SIGKILL');
      const seen = new Set<number>();
      let health: Response | undefined;
      const deadline = Date.now() + 90_000;
      for (;;) {
        const status = await list();
        seen.add(status);
        if (status === 503) health = await handleHealthRequest(() => db);
        if (status === 200 && seen.size > 1) break;
        expect(Date.now(), `still ${[...seen].join(', ')} after 90 s; log:\n${lines.join('\n')}`).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect([...seen].sort()).toEqual([200, 503]);
      expect(health?.status).toBe(503);
      expect(await health?.json()).toMatchObject({ status: 'unavailable', database: { reachable: false } });
      expect((await handleHealthRequest(() => db)).status).toBe(200);
      // The supervisor says so once its own checks finish (the app may already be answering by then).
      await vi.waitFor(() => expect(lines.join('\n')).toMatch(/stopped unexpectedly[\s\S]*PostgreSQL is back/), { timeout: 15_000, interval: 100 });
    } finally {
      quiet.mockRestore();
      await db.$disconnect();
      await supervised.stop();
    }
    expect(runningServer(dataDir)).toBeUndefined();
  }, 240_000);

  it('adopts and stops a server that a killed runner left behind, and leaves anyone else\'s running', async () => {
    const dataDir = join(dir, 'left-behind');
    const port = await findFreePort();
    const leftover = await startEmbeddedPostgres({ dataDir, port, survivesParent: true });
    try {
      // Nobody owns it: a reused server stays running after stop().
      const guest = await superviseEmbeddedPostgres({ dataDir, port });
      expect(guest.adopted).toBe(false);
      await guest.stop();
      expect(isAlive(leftover.pid)).toBe(true);

      // A runner that was killed outright left its mark: the next one adopts the server and stops it.
      writeFileSync(ownerFileOf(dataDir), JSON.stringify({ pid: deadPid() }));
      const lines: string[] = [];
      const heir = await superviseEmbeddedPostgres({ dataDir, port, log: (line) => lines.push(line) });
      expect(heir.adopted).toBe(true);
      expect(lines.join('\n')).toMatch(/Adopted the PostgreSQL .* left running/);
      await heir.stop();
      expect(isAlive(leftover.pid)).toBe(false);
    } finally {
      await leftover.stop();
    }
  }, 180_000);
});
