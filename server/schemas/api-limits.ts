// Limits the API enforces that the browser's client must respect too (shared, so both sides read one number).

/** Most calls one batched HTTP request may carry: the server refuses more, the browser's batch link splits. */
export const MAX_TRPC_BATCH_LENGTH = 32;

/**
 * Read-only queries of one design whose answers the server keeps per design revision and sends with an ETag
 * (server/api/revision-cache.ts): the browser sends them unbatched, so its HTTP cache revalidates them with a 304.
 */
export const REVISION_CACHED_QUERIES: readonly string[] = ['org.tree', 'simulation.acrossAccounts'];
