import 'server-only';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { cache, type ReactNode } from 'react';
import { makeQueryClient } from '@/components/trpc/query-client';
import { createRequestContext } from '@/server/api/context';
import { appRouter } from '@/server/api/root';

/** One QueryClient per server request (React's `cache` scopes it to the render). */
export const getQueryClient = cache(makeQueryClient);

/** tRPC for server components: prefetch into the request's QueryClient, calling procedures in-process. */
export const trpc = createTRPCOptionsProxy({
  ctx: createRequestContext,
  router: appRouter,
  queryClient: getQueryClient,
});

/** Hands what the server prefetched to the client components below, so they render without a fetch. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
