import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import { wireTransformer } from '@/server/schemas/wire-transformer';
import { shareOrgTree } from '../editor-base/org-tree-sharing';

/**
 * One QueryClient configuration for server and browser: server components prefetch into it and hand the
 * cache over (dehydrate with the API's wire transformer: superjson, so Dates survive, and the compact org tree), the
 * browser picks it up (hydrate).
 */
export function makeQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        // Data fetched on the server stays fresh long enough not to be refetched right after hydration.
        staleTime: 30_000,
        retry: retryUnlessRefused,
      },
      dehydrate: {
        serializeData: (data) => wireTransformer.serialize(data),
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: (data) => wireTransformer.deserialize(data) },
    },
  });
  // The org tree (and the index its readers select from it) keeps what the client built: see org-tree-sharing.ts.
  client.setQueryDefaults([['org', 'tree']], { structuralSharing: shareOrgTree });
  return client;
}

/**
 * Retries a failed query up to three times (react-query's default), except a refusal: a 4xx other than a timeout or
 * a rate limit says the same thing when asked again (a design without an organization has no policies to list), so
 * the panel shows it at once instead of "Loading…" through three retries.
 */
function retryUnlessRefused(failureCount: number, error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429) return false;
  return failureCount < 3;
}
