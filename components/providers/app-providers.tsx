'use client';
// First: zod must be configured before any schema is used in the browser.
import './zod-csp';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '@/server/api/root';
import { MAX_TRPC_BATCH_LENGTH } from '@/server/schemas/api-limits';
import { TRPC_PATH, TRPCProvider } from '../trpc/client';
import { makeQueryClient } from '../trpc/query-client';

let browserQueryClient: QueryClient | undefined;

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
      links: [httpBatchLink({ url: TRPC_PATH, transformer: superjson, maxItems: MAX_TRPC_BATCH_LENGTH })],
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
