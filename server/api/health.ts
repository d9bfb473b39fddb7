import 'server-only';
import { getDb, type Db } from '../db/client';
import { checkDatabase } from '../db/health';

/** The path of the health check (for load balancers, supervisors and people). */
export const HEALTH_ENDPOINT = '/api/health';

/**
 * GET /api/health: 200 when the app can query its database, 503 when it cannot, with a JSON body saying which.
 * Never the database's address or error text (those go to the server log).
 */
export async function handleHealthRequest(db: () => Db = getDb): Promise<Response> {
  const database = await checkDatabase(db());
  const body = {
    status: database.reachable ? 'ok' : 'unavailable',
    database: database.reachable
      ? { reachable: true, latencyMs: database.latencyMs }
      : { reachable: false, hint: 'The database does not answer; the app retries on every request. See the server log.' },
  };
  return Response.json(body, { status: database.reachable ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
