import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertReachable } from '../../../server/db/database-url';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../../../server/db/embedded-postgres';
import { findFreePort } from '../../support/embedded-db';

// Start-up failures must come out as one clear sentence, not as initdb's or pg's raw errors.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lzsim-embedded-pg-test-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startEmbeddedPostgres', () => {
  it('names the port when another program holds it', async () => {
    const port = await findFreePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const start = startEmbeddedPostgres({ dataDir: join(dir, 'port-taken'), port });
      await expect(start).rejects.toBeInstanceOf(EmbeddedPostgresError);
      await expect(startEmbeddedPostgres({ dataDir: join(dir, 'port-taken'), port })).rejects.toThrow(
        new RegExp(`Port ${port} .* already in use .* LZSIM_PG_PORT`),
      );
    } finally {
      squatter.close();
    }
  });

  it('refuses a data directory made by another PostgreSQL major version', async () => {
    const dataDir = join(dir, 'old-version');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'PG_VERSION'), '16\n');
    await expect(startEmbeddedPostgres({ dataDir, port: await findFreePort() })).rejects.toThrow(
      /created by PostgreSQL 16 but lzsim runs PostgreSQL \d+/,
    );
  });

  it('refuses a non-empty directory that is not a data directory', async () => {
    const dataDir = join(dir, 'not-pgdata');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    await expect(startEmbeddedPostgres({ dataDir, port: await findFreePort() })).rejects.toThrow(/not a PostgreSQL data directory/);
  });

  it.runIf(process.getuid?.() === 0)('names the directory the postgres user cannot traverse (a mode-700 home)', async () => {
    const privateHome = join(dir, 'private-home');
    mkdirSync(privateHome, { mode: 0o700 });
    chmodSync(privateHome, 0o700);
    await expect(startEmbeddedPostgres({ dataDir: join(privateHome, 'checkout', 'pgdata'), port: await findFreePort() })).rejects.toThrow(
      new RegExp(`cannot reach .*directory ${privateHome} is mode 700`),
    );
  });

  it('reuses the server already running on a data directory and leaves it running on stop()', async () => {
    const dataDir = join(dir, 'reuse');
    const port = await findFreePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(first.reused).toBe(false);
      const second = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
      expect(second).toMatchObject({ reused: true, port });
      await second.stop();
      await assertReachable(first.url('postgres'), 'first server');
    } finally {
      await first.stop();
    }
    await expect(assertReachable(first.url('postgres'), 'stopped server', 1_000)).rejects.toThrow(/Cannot reach/);
  });
});

describe('assertReachable', () => {
  it('says which server could not be reached, within the timeout', async () => {
    const port = await findFreePort();
    await expect(assertReachable(`postgresql://u:secret@127.0.0.1:${port}/lzsim`, 'DATABASE_URL', 2_000)).rejects.toThrow(
      new RegExp(`Cannot reach the database 127\\.0\\.0\\.1:${port}/lzsim \\(DATABASE_URL\\) within 2 s`),
    );
  });
});
