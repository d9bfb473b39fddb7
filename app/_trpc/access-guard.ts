import 'server-only';
import { redirect } from 'next/navigation';
import { getRenderContext } from './server';

/**
 * For pages that need a reader: with sign-in on and nobody signed in, sends the browser to the sign-in page (or,
 * when the share link it came with was revoked, to the page that says so). Returns the render's actor.
 */
export async function requireReader(nextPath: string) {
  const { actor } = await getRenderContext();
  if (actor.kind === 'anonymous') {
    if (actor.shareRevoked) redirect('/shared-link?status=revoked');
    redirect(`/sign-in?next=${encodeURIComponent(nextPath)}`);
  }
  return actor;
}
