import { handleOidcCallback } from '@/server/api/auth-routes';

export const dynamic = 'force-dynamic';

function handle(request: Request): Promise<Response> {
  return handleOidcCallback(request);
}

export { handle as GET };
