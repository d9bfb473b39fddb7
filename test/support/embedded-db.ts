// Throwaway PostgreSQL databases for tests: integration tests (via integration-global-setup.ts) and browser tests
// that need `next start` on a database of their own. Never touches DATABASE_URL or .lzsim/.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertReachable, dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../server/db/database-url';
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres';
import { applyMigrations } from '../../server/db/migrations';

/** A migrated, empty database that exists until stop() is called. */
export interface ThrowawayDatabase {
  /** What the app connects with: on the embedded server, the non-superuser app role that owns the schema. */
  url: string;
  /** A URL allowed to create and drop databases on the same server (the superuser on the embedded server). */
  adminUrl: string;
  /** Drops the database (TEST_DATABASE_URL) or stops the embedded server and deletes its files. */
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now (the kernel picks it). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A fresh migrated database: on the server of TEST_DATABASE_URL when set (a new database named
 * lzsim_test_<random>), otherwise on an embedded PostgreSQL started on a free port in a temporary directory.
 */
export async function startThrowawayDatabase(options: { log?: (line: string) => void } = {}): Promise<ThrowawayDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const databaseName = `lzsim_test_${randomBytes(6).toString('hex')}`;
  if (serverUrl) {
    await assertReachable(serverUrl, 'TEST_DATABASE_URL');
    const url = withDatabaseName(serverUrl, databaseName);
    await ensureDatabaseExists(url);
    try {
      await applyMigrations(url);
    } catch (error) {
      await dropDatabase(url);
      throw error;
    }
    return { url, adminUrl: url, stop: () => dropDatabase(url) };
  }

  const dir = mkdtempSync(join(tmpdir(), 'lzsim-test-pg-'));
  // mkdtemp makes the directory private (0700); the postgres user must be able to enter it when we are root.
  chmodSync(dir, 0o755);
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  let server;
  try {
    server = await startEmbeddedPostgres({
      dataDir: join(dir, 'pgdata'),
      port: await findFreePort(),
      logFile: join(dir, 'postgres.log'),
      log: options.log,
    });
  } catch (error) {
    removeDir();
    throw error;
  }
  let url: string;
  try {
    url = (await server.provisionDatabase(databaseName)).url;
    await applyMigrations(url);
  } catch (error) {
    await server.stop();
    removeDir();
    throw error;
  }
  return {
    url,
    adminUrl: server.superuserUrl(databaseName),
    async stop() {
      await server.stop();
      removeDir();
    },
  };
}
