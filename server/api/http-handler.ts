import 'server-only';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { MAX_TRPC_BATCH_LENGTH } from '../schemas/api-limits';
import { createHttpContext, type InnerContext } from './context';
import { answerWithRevisionCache } from './revision-cache';
import { appRouter } from './root';

/** The URL path the API answers on; the browser client uses the same constant. */
export const TRPC_ENDPOINT = '/api/trpc';

/**
 * Largest request body the API reads (LZSIM_MAX_BODY_MB, default 32 MB: an AWS export bundle of a few hundred
 * accounts with their IAM details fits). Six concurrent 480 MB POSTs once took the server to 5.6 GB; now each is
 * refused after at most this much.
 */
export const MAX_REQUEST_BODY_BYTES = Math.round(Number(process.env.LZSIM_MAX_BODY_MB || 32) * 1024 * 1024);
/** Most calls one batched HTTP request may carry (the browser's httpBatchLink uses the same maxItems). */
export const MAX_BATCH_LENGTH = MAX_TRPC_BATCH_LENGTH;

/** A tRPC-shaped error answer (superjson envelope), for refusals made before tRPC reads the request. */
function refuse(status: 400 | 413, code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE', message: string): Response {
  const error = { json: { message, code: -32600, data: { code, httpStatus: status } } };
  return Response.json({ error }, { status });
}

/**
 * The request with its body read into memory, at most `limit` bytes (Content-Length first, then counted while
 * streaming, since a chunked upload announces no length), or the 413 answer.
 */
export async function readBoundedBody(request: Request, limit = MAX_REQUEST_BODY_BYTES): Promise<Request | Response> {
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return request;
  const tooLarge = (size: string) =>
    refuse(413, 'PAYLOAD_TOO_LARGE', `The request body is ${size}; the API accepts at most ${Math.round(limit / 1024 / 1024)} MB (LZSIM_MAX_BODY_MB). Split the work into smaller requests.`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return tooLarge(`${Math.round(declared / 1024 / 1024)} MB`);
  // A declared length within the limit bounds the body already (the HTTP parser reads that many bytes and no more):
  // pass the request on unread, rather than copy its body into a new Request on every edit.
  if (request.headers.has('content-length') && Number.isFinite(declared)) return request;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(`over ${Math.round(limit / 1024 / 1024)} MB`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
}

/**
 * Answers one HTTP request to the API (the request wrapper around the inner context). Tests pass their own
 * context factory to run the real HTTP path on a throwaway database.
 */
export async function handleTRPCRequest(
  request: Request,
  createContext: (request: Request) => InnerContext | Promise<InnerContext> = (request) => createHttpContext(request),
): Promise<Response> {
  const batchLength = new URL(request.url).pathname.slice(TRPC_ENDPOINT.length + 1).split(',').length;
  if (batchLength > MAX_BATCH_LENGTH) {
    return refuse(400, 'BAD_REQUEST', `A batched request may carry at most ${MAX_BATCH_LENGTH} calls; this one carries ${batchLength}.`);
  }
  const bounded = await readBoundedBody(request);
  if (bounded instanceof Response) return bounded;
  // Read-only queries of one design answer from their bytes kept for the design's revision (revision-cache.ts).
  return answerWithRevisionCache(bounded, TRPC_ENDPOINT, async () => createContext(bounded), (context) => fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: bounded,
    router: appRouter,
    createContext: () => context,
    maxBatchSize: MAX_BATCH_LENGTH,
    onError({ error, path }) {
      // Expected failures (bad input, not found, AWS constraint violations) reach the user; bugs reach the log.
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        console.error(`tRPC ${path ?? '(unknown path)'} failed:`, error.cause ?? error);
      } else if (error.code === 'SERVICE_UNAVAILABLE') {
        console.error(`tRPC ${path ?? '(unknown path)'}: database unavailable: ${error.cause instanceof Error ? error.cause.message.split('\n')[0] : ''}`);
      }
    },
  }));
}
