import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppProviders } from '@/components/providers/app-providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Landing Zone Simulator', template: '%s · Landing Zone Simulator' },
  description: 'Design an AWS multi-account landing zone and see what every principal may do before anything is deployed.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the CSP nonce (proxy.ts) must reach Next's inline scripts, and a page
  // prerendered at build time (the 404) would carry none and be blocked.
  await connection();
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
