import type { Metadata } from 'next';
import Link from 'next/link';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppProviders } from '@/components/providers/app-providers';
import { CSRF_COOKIE_NAME } from '@/server/schemas/auth';
import { getRenderContext } from './_trpc/server';
import '@/components/sharing/sharing.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Landing Zone Simulator', template: '%s · Landing Zone Simulator' },
  description: 'Design an AWS multi-account landing zone and see what every principal may do before anything is deployed.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the CSP nonce (proxy.ts) must reach Next's inline scripts, and a page
  // prerendered at build time (the 404) would carry none and be blocked.
  await connection();
  const { actor } = await getRenderContext();
  const csrf = (await cookies()).get(CSRF_COOKIE_NAME)?.value ?? '';
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="app-header">
          <Link href="/" className="brand" aria-label="Landing Zone Simulator, all designs">
            <span className="brand__mark" aria-hidden="true">
              lz
            </span>
            <span className="brand__name">Landing Zone Simulator</span>
          </Link>
          <nav aria-label="Main">
            <Link href="/">Designs</Link>
          </nav>
          {actor.kind === 'user' ? (
            <div className="session-menu">
              <span data-testid="signed-in-as">{actor.user.displayName || actor.user.username}</span>
              <form method="post" action="/api/auth/sign-out">
                <input type="hidden" name="csrf" value={csrf} />
                <button type="submit" className="toolbar-button">
                  Sign out
                </button>
              </form>
            </div>
          ) : actor.kind === 'share' ? (
            <div className="session-menu">
              <span>Viewing a shared design (read-only)</span>
              <Link href="/sign-in">Sign in</Link>
            </div>
          ) : null}
        </header>
        <AppProviders>
          <main id="main" className="app-main">
            {children}
          </main>
        </AppProviders>
      </body>
    </html>
  );
}
