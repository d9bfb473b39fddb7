import 'server-only';

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  isAlive, runningServer, startEmbeddedPostgres, stopServerByPid, type EmbeddedPostgres, type EmbeddedPostgresOptions,
} from './embedded-postgres';

// The app runner's embedded PostgreSQL, watched: when the server dies (killed, crashed, OOM), it is started again
// on the same port with the same credentials, so DATABASE_URL stays valid and the app's pool reconnects; until
// then the app answers 503 and /api/health says why. A server that an earlier runner started and left behind
// (that runner was killed outright) is adopted: this runner stops it on shutdown.

/** A supervised server: the first start's details, and how to let go of it. */
export interface SupervisedPostgres {
  server: EmbeddedPostgres;
  /** True when the server was left running by an earlier runner that is gone: stop() stops it too. */
  adopted: boolean;
  /** Stops watching, then stops the server when this runner owns it (started or adopted). */
  stop(): Promise<void>;
}

/** The file naming the runner that owns the server of a data directory: `<dataDir>.runner.json`. */
export function ownerFileOf(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.runner.json`;
}

function readOwner(dataDir: string): number | undefined {
  try {
    const owner = JSON.parse(readFileSync(ownerFileOf(dataDir), 'utf8')) as { pid?: unknown };
    return typeof owner.pid === 'number' ? owner.pid : undefined;
  } catch {
    return undefined;
  }
}

/** How long to wait before restart attempt `n` (1-based): 0.5 s, 1 s, 2 s, ... at most 30 s. */
function backoffMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** (attempt - 1));
}

/**
 * Starts (or reuses) the embedded server and keeps it running until stop(). `check` is how often the server's
 * pid is looked at. Logs every stop, restart attempt and recovery in one line, with what to do when it fails.
 */
export async function superviseEmbeddedPostgres(
  options: EmbeddedPostgresOptions & { checkEveryMs?: number },
): Promise<SupervisedPostgres> {
  const log = options.log ?? (() => undefined);
  const previousOwner = readOwner(options.dataDir);
  let server = await startEmbeddedPostgres(options);
  // A reused server is ours to stop only if the runner that started it is gone (killed with -9, say); a server
  // started by a person, or by a runner still alive, is left alone.
  const adopted = server.reused && previousOwner !== undefined && previousOwner !== process.pid && !isAlive(previousOwner);
  const owned = !server.reused || adopted;
  if (adopted) log(`Adopted the PostgreSQL (pid ${server.pid}) that an earlier "npm start" left running; it stops with this one.`);
  if (owned) writeFileSync(ownerFileOf(options.dataDir), `${JSON.stringify({ pid: process.pid })}\n`);

  let stopping = false;
  let restarting = false;
  let attempt = 0;
  const port = server.port;
  const watch = async () => {
    if (stopping || restarting) return;
    const running = runningServer(options.dataDir);
    if (running && running.pid === server.pid) return;
    if (running) {
      server = { ...server, pid: running.pid }; // someone restarted it by hand: watch that one
      return;
    }
    restarting = true;
    log(`PostgreSQL (pid ${server.pid}) stopped unexpectedly; the app answers 503 until it is back. Its log: ${server.logFile}`);
    while (!stopping) {
      attempt += 1;
      await new Promise((r) => setTimeout(r, backoffMs(attempt)).unref());
      if (stopping) break;
      try {
        const restarted = await startEmbeddedPostgres({ ...options, port });
        server = { ...restarted, reused: server.reused };
        log(`PostgreSQL is back (pid ${server.pid}, port ${port}) after ${attempt} attempt${attempt === 1 ? '' : 's'}; the app reconnects by itself.`);
        attempt = 0;
        break;
      } catch (error) {
        log(
          `Restarting PostgreSQL failed (attempt ${attempt}): ${(error as Error).message}\n` +
            `  Still retrying every ${backoffMs(attempt + 1) / 1000} s. To recover: read ${server.logFile}, fix the cause ` +
            '(disk full, port taken, data directory moved), or stop lzsim with Ctrl-C and run "npm start" again.',
        );
      }
    }
    restarting = false;
  };
  const timer = setInterval(() => void watch(), options.checkEveryMs ?? 1_000);
  timer.unref();

  return {
    server,
    adopted,
    async stop() {
      stopping = true;
      clearInterval(timer);
      if (!owned) return;
      // The current server may be a restarted one: stop whatever runs on the data directory now.
      const running = runningServer(options.dataDir);
      if (running) await stopServerByPid(running.pid);
      await server.stop().catch(() => undefined);
      if (existsSync(ownerFileOf(options.dataDir)) && readOwner(options.dataDir) === process.pid) rmSync(ownerFileOf(options.dataDir), { force: true });
    },
  };
}
