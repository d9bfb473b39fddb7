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
  'not-oidc': 'This server does not sign in through OpenID Connect.',
  'provider-unreachable': 'The sign-in provider did not answer. Try again in a moment; if it goes on, tell the server\'s administrators (the server log names the provider).',
  'oidc-refused': 'The sign-in did not complete.',
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
  // The callback's reason (state mismatch, provider error, ...) is shown as text, never as markup.
  const reason = params.error === 'oidc-refused' && typeof params.reason === 'string' ? params.reason.slice(0, 300) : undefined;
  if (mode === 'oidc') {
    return (
      <div className="sign-in card">
        <h1>Sign in</h1>
        {params['signed-out'] ? <p role="status">You are signed out.</p> : null}
        {error ? (
          <p className="sign-in__error" role="alert">
            {error}
            {reason ? ` ${reason}` : ''}
            {wait ? ` Wait ${wait} seconds.` : ''}
          </p>
        ) : null}
        {/* A plain link: the start route redirects to the provider, so it works before any script loads. */}
        <a className="button button--primary" href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}>
          Sign in with your organization&apos;s account
        </a>
        <p className="muted">You sign in at your identity provider, then come back here. Designs are shared with you by their owners.</p>
      </div>
    );
  }
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
      <button type="submit" className="button button--primary">
        Sign in
      </button>
      <p className="muted">Accounts are made by the server&apos;s administrators (npx lzsim user add).</p>
    </form>
  );
}
