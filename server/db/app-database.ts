import 'server-only';

import { fileURLToPath } from 'node:url';
import { assertReachable, ensureDatabaseExists } from './database-url';
import { startEmbeddedPostgres } from './embedded-postgres';

// The application's database: DATABASE_URL when set (nothing is started), otherwise the embedded PostgreSQL
// under .lzsim/pgdata with a database named lzsim.

/** Default port of the embedded server (LZSIM_PG_PORT overrides it); far from 5432 so a system PostgreSQL can coexist. */
export const DEFAULT_EMBEDDED_PG_PORT = 54329;
/** The database the app uses on the embedded server. */
export const APP_DATABASE_NAME = 'lzsim';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The app's database, ready to connect to, and how to let go of it. */
export interface AppDatabase {
  url: string;
  /** True when this process started the embedded server (release() then stops it). */
  startedServer: boolean;
  /** Stops the embedded server if this process started it; otherwise does nothing. */
  release(): Promise<void>;
}

function embeddedPort(): number {
  const raw = process.env.LZSIM_PG_PORT;
  if (raw === undefined || raw === '') return DEFAULT_EMBEDDED_PG_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`LZSIM_PG_PORT must be a TCP port number (1-65535), got "${raw}".`);
  }
  return port;
}

/**
 * DATABASE_URL when set (checked reachable within a few seconds); otherwise starts or reuses the embedded server
 * (data in LZSIM_PG_DATA or .lzsim/pgdata) and creates the lzsim database when missing.
 */
export async function resolveAppDatabase(options: { log?: (line: string) => void; survivesParent?: boolean } = {}): Promise<AppDatabase> {
  const log = options.log ?? (() => undefined);
  const configured = process.env.DATABASE_URL;
  if (configured) {
    await assertReachable(configured, 'DATABASE_URL');
    return { url: configured, startedServer: false, release: async () => undefined };
  }
  const server = await startEmbeddedPostgres({
    dataDir: process.env.LZSIM_PG_DATA || fileURLToPath(new URL('.lzsim/pgdata', `file://${repoRoot}`)),
    port: embeddedPort(),
    survivesParent: options.survivesParent,
    log,
  });
  try {
    const url = server.url(APP_DATABASE_NAME);
    if (await ensureDatabaseExists(url)) log(`Created database "${APP_DATABASE_NAME}".`);
    return { url, startedServer: !server.reused, release: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
