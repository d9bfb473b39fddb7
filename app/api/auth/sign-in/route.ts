import { handleSignIn } from '@/server/api/auth-routes';

export const dynamic = 'force-dynamic';

function handle(request: Request): Promise<Response> {
  return handleSignIn(request);
}

export { handle as POST };
