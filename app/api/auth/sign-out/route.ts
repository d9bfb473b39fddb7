import { handleSignOut } from '@/server/api/auth-routes';

export const dynamic = 'force-dynamic';

function handle(request: Request): Promise<Response> {
  return handleSignOut(request);
}

export { handle as POST };
