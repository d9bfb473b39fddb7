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
