import 'server-only';
import { createHash } from 'node:crypto';
import { REVISION_CACHED_QUERIES } from '../schemas/api-limits';
import type { InnerContext } from './context';
import { createCaller } from './root';

// The answers of read-only queries over one design are a function of the design's revision and the query's input:
// the org tree of 5,000 accounts (700 KB on the wire) and acrossAccounts (5,000 evaluations) were recomputed,
// validated and serialised on every request (under load: 19 req/s for the tree at 8 clients, 420 ms p50 for
// acrossAccounts). Their wire bytes are kept here per (procedure, input) with the revision they were computed at:
// a request whose design is still at that revision costs the caller's access check and one indexed read of the
// revision, then the stored bytes, with an ETag that lets the browser revalidate with
// a 304 and no body at all.

/** The procedures whose single, unbatched GET answers are kept per revision (the browser sends them unbatched). */
const CACHED: ReadonlySet<string> = new Set(REVISION_CACHED_QUERIES);

/** Answers kept (least recently used dropped first) and the largest one kept. */
const MAX_ENTRIES = 64;
const MAX_BODY_BYTES = 16 * 1024 * 1024;

interface Entry {
  designId: string;
  revision: number;
  etag: string;
  body: Buffer;
  contentType: string;
}

const entries = new Map<string, Entry>();

/** The design a cacheable request reads, and its cache key; null for any other request. */
function cacheableRequest(request: Request, endpoint: string): { path: string; designId: string; key: string } | null {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  const path = url.pathname.slice(endpoint.length + 1);
  if (!CACHED.has(path) || url.searchParams.has('batch')) return null;
  const rawInput = url.searchParams.get('input');
  if (rawInput === null) return null;
  let input: unknown;
  try {
    input = JSON.parse(rawInput);
  } catch {
    return null;
  }
  const designId = (input as { json?: { designId?: unknown } } | null)?.json?.designId;
  if (typeof designId !== 'string') return null;
  return { path, designId, key: `${path}\n${rawInput}` };
}

function ifNoneMatches(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  return header !== null && header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The stored answer as a response, or 304 when the browser holds it. Never compressed here: `next start` compresses
 * responses itself, and a body gzipped here was gzipped twice (clients then read gzip bytes as JSON).
 */
function respond(request: Request, entry: Entry): Response {
  const headers = new Headers({ etag: entry.etag, 'cache-control': 'private, no-cache' });
  if (ifNoneMatches(request, entry.etag)) return new Response(null, { status: 304, headers });
  headers.set('content-type', entry.contentType);
  return new Response(new Uint8Array(entry.body), { status: 200, headers });
}

/**
 * Answers a cacheable query from the stored bytes when its design is still at their revision; otherwise lets
 * `compute` (the tRPC handler) answer, and keeps a 200 answer for the revision read before it ran. Requests that
 * are not cacheable, and callers the access check refuses, go to `compute` untouched (it answers the refusal).
 */
export async function answerWithRevisionCache(
  request: Request,
  endpoint: string,
  context: () => Promise<InnerContext>,
  compute: (context: InnerContext) => Promise<Response>,
): Promise<Response> {
  const cacheable = cacheableRequest(request, endpoint);
  if (!cacheable) return compute(await context());
  const ctx = await context();
  let revision: number;
  try {
    // design.get checks the caller's role on the design exactly as every design-reading query does.
    revision = (await createCaller(ctx).design.get({ designId: cacheable.designId })).revision;
  } catch {
    return compute(ctx);
  }
  const cached = entries.get(cacheable.key);
  if (cached && cached.revision === revision) {
    entries.delete(cacheable.key);
    entries.set(cacheable.key, cached);
    return respond(request, cached);
  }
  const response = await compute(ctx);
  if (response.status !== 200) return response;
  const body = Buffer.from(await response.arrayBuffer());
  const entry: Entry = {
    designId: cacheable.designId,
    revision,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    body,
    contentType: response.headers.get('content-type') ?? 'application/json',
  };
  if (body.byteLength <= MAX_BODY_BYTES) {
    entries.delete(cacheable.key);
    entries.set(cacheable.key, entry);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  }
  return respond(request, entry);
}
