import { handleShareLink } from '@/server/api/auth-routes';

export const dynamic = 'force-dynamic';

/** GET /share/<secret>: a read-only share link. */
export async function GET(request: Request, { params }: { params: Promise<{ secret: string }> }): Promise<Response> {
  return handleShareLink(request, (await params).secret);
}
