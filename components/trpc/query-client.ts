import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';

/**
 * One QueryClient configuration for server and browser: server components prefetch into it and hand the
 * cache over (dehydrate with superjson so Dates survive), the browser picks it up (hydrate).
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data fetched on the server stays fresh long enough not to be refetched right after hydration.
        staleTime: 30_000,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
