import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Share link' };
export const dynamic = 'force-dynamic';

type SearchParams = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `/shared-link`: why a share link did not open its design. */
export default async function SharedLinkPage({ searchParams }: SearchParams) {
  const status = (await searchParams).status;
  const revoked = status === 'revoked';
  return (
    <section className="sign-in card" role="alert">
      <h1>{revoked ? 'This share link was revoked' : 'This share link does not exist'}</h1>
      <p>
        {revoked
          ? 'An owner of the design revoked the link you used, so it no longer opens the design. Ask them for a new link, or sign in if you have an account.'
          : 'The link is incomplete or was never made. Check that you copied all of it.'}
      </p>
      <p>
        <Link href="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}
