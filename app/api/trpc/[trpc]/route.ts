import { handleTRPCRequest } from '@/server/api/http-handler';

// The API reads the database on every call: never prerender or cache it.
export const dynamic = 'force-dynamic';

export { handleTRPCRequest as GET, handleTRPCRequest as POST };
