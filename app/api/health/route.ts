import { handleHealthRequest } from '@/server/api/health';

// Asks the database on every call: never prerender or cache it.
export const dynamic = 'force-dynamic';

/** GET /api/health (see server/api/health.ts). */
export function GET(): Promise<Response> {
  return handleHealthRequest();
}
