import 'server-only';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { cookies } from 'next/headers';
import { cache, type ReactNode } from 'react';
import { makeQueryClient } from '@/components/trpc/query-client';
import { createRenderContext } from '@/server/api/context';
import { appRouter } from '@/server/api/root';

/** One QueryClient per server request (React's `cache` scopes it to the render). */
export const getQueryClient = cache(makeQueryClient);

/** The render's context: who the request's cookies say is asking (once per request). */
export const getRenderContext = cache(async () => {
  const jar = await cookies();
  return createRenderContext((name) => jar.get(name)?.value);
});

/** tRPC for server components: prefetch into the request's QueryClient, calling procedures in-process. */
export const trpc = createTRPCOptionsProxy({
  ctx: getRenderContext,
  router: appRouter,
  queryClient: getQueryClient,
});

/** Hands what the server prefetched to the client components below, so they render without a fetch. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
