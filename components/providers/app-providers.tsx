'use client';
// First: zod must be configured before any schema is used in the browser.
import './zod-csp';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from '@trpc/client';
import { useState, type ReactNode } from 'react';
import { wireTransformer } from '@/server/schemas/wire-transformer';
import type { AppRouter } from '@/server/api/root';
import { MAX_TRPC_BATCH_LENGTH, REVISION_CACHED_QUERIES } from '@/server/schemas/api-limits';
import { CSRF_COOKIE_NAME, CSRF_HEADER_NAME } from '@/server/schemas/auth';
import { TRPC_PATH, TRPCProvider } from '../trpc/client';
import { makeQueryClient } from '../trpc/query-client';

let browserQueryClient: QueryClient | undefined;

/** The session's anti-CSRF token (the readable lzsim_csrf cookie), echoed on every call; nothing when signed out. */
function csrfHeaders(): Record<string, string> {
  if (typeof document === 'undefined') return {};
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${CSRF_COOKIE_NAME}=`));
  return entry ? { [CSRF_HEADER_NAME]: decodeURIComponent(entry.slice(CSRF_COOKIE_NAME.length + 1)) } : {};
}

/** The server makes a client per request (no data leaks between users); the browser keeps one for the session. */
function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/** React Query and tRPC for every client component below the root layout. */
export function AppProviders({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Queries the server keeps per design revision go alone, so the browser's HTTP cache revalidates them (304).
        splitLink({
          condition: (op) => op.type === 'query' && REVISION_CACHED_QUERIES.includes(op.path),
          true: httpLink({ url: TRPC_PATH, transformer: wireTransformer, headers: csrfHeaders }),
          false: httpBatchLink({ url: TRPC_PATH, transformer: wireTransformer, maxItems: MAX_TRPC_BATCH_LENGTH, headers: csrfHeaders }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
