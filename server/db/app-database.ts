import 'server-only';

import { fileURLToPath } from 'node:url';
import { assertReachable } from './database-url';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { superviseEmbeddedPostgres } from './postgres-supervisor';

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
  /** True when this process owns the embedded server (started or adopted it): release() then stops it. */
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
export async function resolveAppDatabase(
  options: {
    log?: (line: string) => void;
    survivesParent?: boolean;
    /** The app runner: restart the server when it dies, and stop a server an earlier runner left behind. */
    supervise?: boolean;
  } = {},
): Promise<AppDatabase> {
  const log = options.log ?? (() => undefined);
  const configured = process.env.DATABASE_URL;
  if (configured) {
    await assertReachable(configured, 'DATABASE_URL');
    return { url: configured, startedServer: false, release: async () => undefined };
  }
  const embeddedOptions = {
    dataDir: process.env.LZSIM_PG_DATA || fileURLToPath(new URL('.lzsim/pgdata', `file://${repoRoot}`)),
    port: embeddedPort(),
    survivesParent: options.survivesParent,
    log,
  };
  let server: EmbeddedPostgres;
  let stop: () => Promise<void>;
  let owned: boolean;
  if (options.supervise) {
    const supervised = await superviseEmbeddedPostgres(embeddedOptions);
    ({ server } = supervised);
    stop = () => supervised.stop();
    owned = !server.reused || supervised.adopted;
  } else {
    server = await startEmbeddedPostgres(embeddedOptions);
    stop = () => server.stop();
    owned = !server.reused;
  }
  try {
    const { url, created } = await server.provisionDatabase(APP_DATABASE_NAME);
    if (created) log(`Created database "${APP_DATABASE_NAME}".`);
    return { url, startedServer: owned, release: stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
