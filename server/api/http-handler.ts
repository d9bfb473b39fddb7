import 'server-only';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createRequestContext, type InnerContext } from './context';
import { appRouter } from './root';

/** The URL path the API answers on; the browser client uses the same constant. */
export const TRPC_ENDPOINT = '/api/trpc';

/**
 * Answers one HTTP request to the API (the request wrapper around the inner context). Tests pass their own
 * context factory to run the real HTTP path on a throwaway database.
 */
export function handleTRPCRequest(
  request: Request,
  createContext: () => InnerContext = createRequestContext,
): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    createContext,
    onError({ error, path }) {
      // Expected failures (bad input, not found, AWS constraint violations) reach the user; bugs reach the log.
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        console.error(`tRPC ${path ?? '(unknown path)'} failed:`, error.cause ?? error);
      }
    },
  });
}
