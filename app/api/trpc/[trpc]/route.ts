import { handleTRPCRequest } from '@/server/api/http-handler';
import { registerNodeApiPath } from '@/server/api/node-api-path';

// The API reads the database on every call: never prerender or cache it.
export const dynamic = 'force-dynamic';

// Under `npm start`, scripts/app-server.mjs answers the API's POSTs before Next's request path with the same handler
// and the proxy's checks (server/api/node-api-path.ts); it finds them once Next has loaded this module.
registerNodeApiPath();

// Wrapped (not re-exported) because Next passes the route's params as a second argument.
function handle(request: Request): Promise<Response> {
  return handleTRPCRequest(request);
}

export { handle as GET, handle as POST };
