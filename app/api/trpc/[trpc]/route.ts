import { handleTRPCRequest } from '@/server/api/http-handler';

// The API reads the database on every call: never prerender or cache it.
export const dynamic = 'force-dynamic';

// Wrapped (not re-exported) because Next passes the route's params as a second argument.
function handle(request: Request): Promise<Response> {
  return handleTRPCRequest(request);
}

export { handle as GET, handle as POST };
