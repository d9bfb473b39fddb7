import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentAuthMode } from '@/server/api/context';
import { getRenderContext } from '../_trpc/server';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

type SearchParams = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const MESSAGES: Record<string, string> = {
  'wrong-credentials': 'Wrong user name or password.',
  'rate-limited': 'Too many sign-in attempts: wait a little, then try again.',
  'not-local': 'This server does not use local accounts.',
};

/** `/sign-in`: the local-account form (a plain HTML form: it works before any script loads). */
export default async function SignInPage({ searchParams }: SearchParams) {
  const params = await searchParams;
  const next = typeof params.next === 'string' && params.next.startsWith('/') && !params.next.startsWith('//') ? params.next : '/';
  const mode = currentAuthMode();
  if (mode === 'off') redirect('/');
  const { actor } = await getRenderContext();
  if (actor.kind === 'user') redirect(next);
  const error = typeof params.error === 'string' ? MESSAGES[params.error] : undefined;
  const wait = typeof params.wait === 'string' && /^\d+$/.test(params.wait) ? Number(params.wait) : null;
  return (
    <form className="sign-in card" method="post" action="/api/auth/sign-in">
      <h1>Sign in</h1>
      {params['signed-out'] ? <p role="status">You are signed out.</p> : null}
      {error ? (
        <p className="sign-in__error" role="alert">
          {error}
          {wait ? ` Wait ${wait} seconds.` : ''}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <label>
        User name
        <input name="username" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="toolbar-button">
        Sign in
      </button>
      <p className="muted">Accounts are made by the server&apos;s administrators (npx lzsim user add).</p>
    </form>
  );
}
