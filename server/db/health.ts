import 'server-only';

import { Prisma, type Db } from './client';

// Whether the database answers, for /api/health and for turning "database down" into a 503 instead of a 500.

/**
 * Prisma's codes for "no usable connection": can't reach (P1001), timed out (P1002, P1008), connection closed
 * (P1017), no connection from the pool in time (P2024). https://www.prisma.io/docs/orm/reference/error-reference
 */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** PostgreSQL's classes for the same while a server stops or starts: 08 connection exception, 57P0x shutdown. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0)/;

/** True when `error` (anywhere in its cause chain) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (current instanceof Prisma.PrismaClientKnownRequestError && UNAVAILABLE_CODES.has(current.code)) return true;
    if (current instanceof Prisma.PrismaClientInitializationError) return true;
    const candidate = current as { code?: unknown; cause?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
    const sqlState = candidate.originalCode ?? candidate.meta?.driverAdapterError?.cause?.originalCode ?? candidate.code;
    if (typeof sqlState === 'string' && UNAVAILABLE_SQLSTATE.test(sqlState)) return true;
    if (typeof candidate.code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(candidate.code)) return true;
    current = candidate.cause;
  }
  return false;
}

/** What the health check found. */
export interface DatabaseHealth {
  reachable: boolean;
  /** Round trip of `SELECT 1`, when it answered. */
  latencyMs: number | null;
}

/** Runs `SELECT 1` with a time limit; never throws. */
export async function checkDatabase(db: Db, timeoutMs = 2_000): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    await Promise.race([db.$queryRaw`SELECT 1`, timeout]);
    return { reachable: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { reachable: false, latencyMs: null };
  } finally {
    clearTimeout(timer);
  }
}
