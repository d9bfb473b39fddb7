import 'server-only';

import pg from 'pg';

// Small operations on a PostgreSQL server given by URL: reachability with a short timeout, and creating or
// dropping a database through the server's maintenance database.

/** Host, port and database of a URL, for messages (never the password). */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** The same URL pointing at another database of the same server. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database name of a URL. */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`The database URL ${describeDatabaseUrl(url)} names no database.`);
  return name;
}

/** Throws a one-line error naming the server when `url` cannot be connected to within `timeoutMs`. */
export async function assertReachable(url: string, label = 'DATABASE_URL', timeoutMs = 5_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : String(error);
    throw new Error(`Cannot reach the database ${describeDatabaseUrl(url)} (${label}) within ${timeoutMs / 1000} s: ${reason}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withMaintenanceClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabaseName(url, 'postgres'), connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database named in `url` unless it exists. Returns true when it was created. */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const name = databaseNameOf(url);
  return withMaintenanceClient(url, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return true;
  });
}

/** Drops the database named in `url`, closing its remaining connections first. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  await withMaintenanceClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}
