import { handleOidcStart } from '@/server/api/auth-routes';

export const dynamic = 'force-dynamic';

function handle(request: Request): Promise<Response> {
  return handleOidcStart(request);
}

export { handle as GET };
