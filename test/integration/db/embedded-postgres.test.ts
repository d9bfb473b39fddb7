import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertReachable } from '../../../server/db/database-url';
import {
  credentialsFileOf, EMBEDDED_APP_ROLE, EmbeddedPostgresError, socketDirectoryFor, startEmbeddedPostgres,
} from '../../../server/db/embedded-postgres';
import { findFreePort } from '../../support/embedded-db';

// Start-up failures must come out as one clear sentence, not as initdb's or pg's raw errors.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lzsim-embedded-pg-test-'));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one statement on `url` and returns its rows, or the PostgreSQL error code it failed with. */
async function query(url: string, sql: string): Promise<{ rows?: Record<string, unknown>[]; code?: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return { rows: (await client.query(sql)).rows };
  } catch (error) {
    return { code: (error as { code?: string }).code ?? String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

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
      await assertReachable(first.superuserUrl('postgres'), 'first server');
    } finally {
      await first.stop();
    }
    await expect(assertReachable(first.superuserUrl('postgres'), 'stopped server', 1_000)).rejects.toThrow(/Cannot reach/);
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

// Issue 14, hole 4: no known superuser password, scram-sha-256, and an app role that cannot run OS commands.
describe('credentials of the embedded server', () => {
  const legacyUrl = (port: number, database: string) => `postgresql://postgres:password@127.0.0.1:${port}/${database}`;

  it('generates random passwords (0600 file, scram-sha-256) and connects the app as a role that owns only its schema', async () => {
    const dataDir = join(dir, 'secured');
    const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
    try {
      const file = credentialsFileOf(dataDir);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const credentials = JSON.parse(readFileSync(file, 'utf8')) as { superuserPassword: string; appPassword: string };
      expect(credentials.superuserPassword).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(credentials.appPassword).not.toBe(credentials.superuserPassword);
      expect(readFileSync(join(dataDir, 'pg_hba.conf'), 'utf8')).not.toMatch(/^\s*host\b.*\s(password|md5|trust)\s*$/m);
      expect((await query(legacyUrl(server.port, 'postgres'), 'SELECT 1')).code).toBe('28P01');
      const encrypted = await query(server.superuserUrl('postgres'), "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'");
      expect(String(encrypted.rows?.[0].rolpassword)).toMatch(/^SCRAM-SHA-256\$/);

      const { url, created } = await server.provisionDatabase('lzsim_roles');
      expect(created).toBe(true);
      expect(new URL(url).username).toBe(EMBEDDED_APP_ROLE);
      const role = await query(url, 'SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user');
      expect(role.rows).toEqual([{ rolsuper: false, rolcreatedb: false, rolcreaterole: false }]);
      // The hole: COPY ... FROM PROGRAM ran OS commands as the database's OS user.
      expect((await query(url, "COPY (SELECT 1) TO PROGRAM 'true'")).code).toBe('42501');
      expect((await query(url, 'CREATE DATABASE other')).code).toBe('42501');
      expect((await query(url, 'CREATE TABLE mine (id int)')).rows).toEqual([]);
      const owner = await query(url, "SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'public'");
      expect(owner.rows).toEqual([{ owner: EMBEDDED_APP_ROLE }]);
      expect((await server.provisionDatabase('lzsim_roles')).created).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('secures a data directory of an older version (postgres/password) on start, keeping its data', async () => {
    const dataDir = join(dir, 'legacy');
    const port = await findFreePort();
    // Put the directory back in the state older versions left it in: the fixed password with `password` auth,
    // no credentials file, no app role, the app's tables owned by the superuser.
    const first = await startEmbeddedPostgres({ dataDir, port });
    try {
      await query(first.superuserUrl('postgres'), 'CREATE DATABASE lzsim_legacy');
      await query(first.superuserUrl('lzsim_legacy'), "CREATE TYPE colour AS ENUM ('red'); CREATE TABLE design (id serial PRIMARY KEY, name text, c colour); INSERT INTO design (name) VALUES ('kept')");
      await query(first.superuserUrl('postgres'), "ALTER ROLE postgres PASSWORD 'password'");
      const hbaFile = join(dataDir, 'pg_hba.conf');
      writeFileSync(hbaFile, readFileSync(hbaFile, 'utf8').replace(/scram-sha-256(\s*)$/gm, 'password$1'));
      await query(legacyUrl(port, 'postgres'), 'SELECT pg_reload_conf()');
    } finally {
      await first.stop();
    }
    rmSync(credentialsFileOf(dataDir));

    const lines: string[] = [];
    const server = await startEmbeddedPostgres({ dataDir, port, log: (line) => lines.push(line) });
    try {
      expect(lines.join('\n')).toMatch(/Secured .*legacy: the fixed superuser password .* random one, kept in .*legacy\.credentials\.json \(mode 0600\)/);
      expect(statSync(credentialsFileOf(dataDir)).mode & 0o777).toBe(0o600);
      expect((await query(legacyUrl(port, 'postgres'), 'SELECT 1')).code).toBe('28P01');
      const { url, created } = await server.provisionDatabase('lzsim_legacy');
      expect(created).toBe(false);
      expect((await query(url, 'SELECT name FROM design')).rows).toEqual([{ name: 'kept' }]);
      // The app role now owns what the superuser created: it can migrate (ALTER) and write.
      expect((await query(url, "ALTER TABLE design ADD COLUMN note text; INSERT INTO design (name, c) VALUES ('new', 'red')")).code).toBeUndefined();
      expect((await query(url, "COPY (SELECT 1) TO PROGRAM 'true'")).code).toBe('42501');
    } finally {
      await server.stop();
    }
    // And the next start simply works with the stored credentials.
    const again = await startEmbeddedPostgres({ dataDir, port, log: (line) => lines.push(line) });
    await again.stop();
    expect(lines.filter((line) => line.startsWith('Secured'))).toHaveLength(1);
  });
});

// The app reaches its embedded server through a Unix socket: on loopback TCP each statement cost the app and the
// server more CPU in the kernel (server19's profile: socket writes were 12% of an edit's CPU).
describe('the Unix socket of the embedded server', () => {
  /** The client address PostgreSQL sees for a connection on `url`: null through a Unix socket. */
  async function clientAddress(url: string): Promise<string | null> {
    const { rows, code } = await query(url, 'SELECT host(inet_client_addr()) AS address');
    if (!rows) throw new Error(`Cannot connect to ${url}: ${code}`);
    return rows[0].address as string | null;
  }

  it('connects the app through a socket in the data directory, also when it reuses the running server', async () => {
    const dataDir = join(dir, 'socket');
    const port = await findFreePort();
    const server = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(server.socketDir).toBe(dataDir);
      expect(statSync(join(dataDir, `.s.PGSQL.${port}`)).isSocket()).toBe(true);
      const { url } = await server.provisionDatabase('lzsim_socket');
      expect(new URL(url).searchParams.get('host')).toBe(dataDir);
      expect(await clientAddress(url)).toBeNull();
      // The superuser's URL (provisioning, tests) stays on TCP.
      expect(await clientAddress(server.superuserUrl('lzsim_socket'))).toBe('127.0.0.1');

      const reused = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
      expect(reused).toMatchObject({ reused: true, port, socketDir: dataDir });
      expect(await clientAddress((await reused.provisionDatabase('lzsim_socket')).url)).toBeNull();
    } finally {
      await server.stop();
    }
  });

  it('keeps TCP when pg_hba.conf lets the app role in on TCP only', async () => {
    const dataDir = join(dir, 'no-local-line');
    const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
    try {
      const hbaFile = join(dataDir, 'pg_hba.conf');
      writeFileSync(hbaFile, readFileSync(hbaFile, 'utf8').replace(/^local\b.*$/gm, ''));
      expect((await query(server.superuserUrl('postgres'), 'SELECT pg_reload_conf()')).code).toBeUndefined();
      const { url } = await server.provisionDatabase('lzsim_tcp_only');
      expect(new URL(url).searchParams.has('host')).toBe(false);
      expect(await clientAddress(url)).toBe('127.0.0.1');
    } finally {
      await server.stop();
    }
  });

  it('listens on TCP only when the socket path would pass the 107-byte limit', async () => {
    const port = await findFreePort();
    const longDir = join(dir, 'x'.repeat(Math.max(1, 108 - join(dir, `pgdata/.s.PGSQL.${port}`).length)), 'pgdata');
    expect(Buffer.byteLength(join(longDir, `.s.PGSQL.${port}`))).toBeGreaterThan(107);
    expect(socketDirectoryFor(longDir, port)).toBeNull();
    // A directory name that unix_socket_directories (a comma-separated list) would split.
    expect(socketDirectoryFor(join(dir, 'a,b'), port)).toBeNull();
    expect(socketDirectoryFor(join(dir, 'pgdata'), port)).toBe(join(dir, 'pgdata'));
    const server = await startEmbeddedPostgres({ dataDir: longDir, port });
    try {
      expect(server.socketDir).toBeNull();
      const { url } = await server.provisionDatabase('lzsim_long_path');
      expect(new URL(url).searchParams.has('host')).toBe(false);
      expect(await clientAddress(url)).toBe('127.0.0.1');
    } finally {
      await server.stop();
    }
  });
});
