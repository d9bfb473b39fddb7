// Limits the API enforces that the browser's client must respect too (shared, so both sides read one number).

/** Most calls one batched HTTP request may carry: the server refuses more, the browser's batch link splits. */
export const MAX_TRPC_BATCH_LENGTH = 32;
