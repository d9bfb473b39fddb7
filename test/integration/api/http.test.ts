// The HTTP path the browser uses (route handler → fetch adapter → router), on the test database: status codes
// and the error shape the forms read (data.fieldErrors, data.awsCode).
import superjson from 'superjson';
import { wireTransformer } from '../../../server/schemas/wire-transformer';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { handleTRPCRequest, MAX_BATCH_LENGTH, MAX_REQUEST_BODY_BYTES, TRPC_ENDPOINT } from '@/server/api/http-handler';
import { createPrismaClient } from '@/server/db/client';
import { createTestDb, uniqueName } from '../../support/db-test-client';
import { findFreePort } from '../../support/embedded-db';

const db = createTestDb();
const testContext = () => createInnerContext({ db });

afterAll(async () => {
  await db.$disconnect();
});

/** Calls a mutation over HTTP as the tRPC client does (unbatched, superjson) and returns status and payload. */
async function post(path: string, input: unknown, createContext = testContext) {
  const request = new Request(`http://localhost${TRPC_ENDPOINT}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const response = await handleTRPCRequest(request, createContext);
  return { status: response.status, body: superjson.deserialize((await response.json()).error ?? {}) as ErrorShape };
}

/** Calls a query over HTTP. */
async function get(path: string, input: unknown) {
  const query = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const response = await handleTRPCRequest(new Request(`http://localhost${TRPC_ENDPOINT}/${path}?input=${query}`), testContext);
  const payload = await response.json();
  return { status: response.status, payload };
}

interface ErrorShape {
  message: string;
  data: { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null; awsCode: string | null; awsReason: string | null };
}

describe('the API over HTTP', () => {
  it('answers 400 with the invalid fields in data.fieldErrors', async () => {
    const { status, body } = await post('design.create', { name: '', description: 'd'.repeat(501) });
    expect(status).toBe(400);
    expect(body.data.code).toBe('BAD_REQUEST');
    expect(body.data.fieldErrors).toEqual({
      name: ['Name is required.'],
      description: ['Description must be at most 500 characters.'],
    });
    expect(body.message).toContain('name: Name is required.');
    expect(body.data.awsCode).toBeNull();
  });

  it('answers 409 for a taken name and points the form at the name field', async () => {
    const name = uniqueName('http duplicate');
    expect((await post('design.create', { name })).status).toBe(200);
    const { status, body } = await post('design.create', { name });
    expect(status).toBe(409);
    expect(body.data.code).toBe('CONFLICT');
    expect(body.data.fieldErrors?.name?.[0]).toContain('already exists');
  });

  it('answers 404 for an unknown design and 200 with the tree for a known one', async () => {
    expect((await get('org.tree', { designId: 'no-such-design' })).status).toBe(404);
    const name = uniqueName('http tree');
    await post('design.create', { name });
    const listed = await get('design.list', undefined);
    const design = (superjson.deserialize(listed.payload.result.data) as { id: string; name: string }[]).find((d) => d.name === name);
    const { status, payload } = await get('org.tree', { designId: design?.id });
    expect(status).toBe(200);
    // The tree travels in its compact form: the API's wire transformer (superjson plus that type) reads it.
    expect(wireTransformer.deserialize<{ accounts: unknown[] }>(payload.result.data).accounts).toHaveLength(1);
  });

  it.each([
    ['a NUL', 'Prod\u0000EU', 'U+0000 (NUL) at character 5'],
    ['a lone surrogate', 'Prod \ud800', 'lone surrogate U+D800 at character 6'],
    ['an escape sequence', '\u001b[2J wiped', 'U+001B (escape) at character 1'],
  ])('answers 400 naming the field for a name holding %s, and saves nothing', async (_what, name, detail) => {
    const { status, body } = await post('design.create', { name });
    expect(status).toBe(400);
    expect(body.data.fieldErrors?.name?.[0]).toContain(detail);
    expect(body.message).toMatch(/^Invalid input\. name: /);
    expect(JSON.stringify(body)).not.toMatch(/prisma|postgres|invalid byte sequence|127\.0\.0\.1/i);
  });

  it('refuses a control character anywhere in any input, naming its path (the backstop for every procedure)', async () => {
    const { status, body } = await post('design.create', { name: uniqueName('backstop'), description: 'ok\n\u0000' });
    expect(status).toBe(400);
    expect(Object.keys(body.data.fieldErrors ?? {})).toEqual(['description']);
    const simulate = await post('simulation.simulateBatch', {
      designId: 'any',
      requests: [{ principalArn: 'arn:aws:iam::111111111111:role/r', action: 's3:GetObject', context: [{ key: 'aws:PrincipalTag/team', values: ['a\u0000'], type: 'string' }] }],
    });
    expect(simulate.status).toBe(400);
    expect(Object.keys(simulate.body.data.fieldErrors ?? {})).toEqual(['requests.0.context.0.values.0']);
  });

  it('never sends a database message or address to the client', async () => {
    const deadPort = await findFreePort();
    const deadDb = createPrismaClient(`postgresql://lzsim:secret@127.0.0.1:${deadPort}/lzsim`);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { status, body } = await post('design.create', { name: uniqueName('dead db') }, () => createInnerContext({ db: deadDb }));
      expect(status).toBeGreaterThanOrEqual(500);
      const text = JSON.stringify(body);
      expect(text).not.toContain(String(deadPort));
      expect(text).not.toMatch(/prisma|ECONNREFUSED|127\.0\.0\.1|secret|stack/i);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      await deadDb.$disconnect();
    }
  });
});

// Issue 14, hole 5: what one request may make the server hold or compute.
describe('limits of one HTTP request', () => {
  it('refuses a body over the limit with 413, by Content-Length and while streaming a chunked upload', async () => {
    const big = `{"json":{"name":"${'x'.repeat(MAX_REQUEST_BODY_BYTES)}"}}`;
    const declared = await handleTRPCRequest(
      new Request(`http://localhost${TRPC_ENDPOINT}/design.create`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(big.length) }, body: big }),
      testContext,
    );
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.json.message).toMatch(/at most 32 MB/);

    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await handleTRPCRequest(
      new Request(`http://localhost${TRPC_ENDPOINT}/design.create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: endless, duplex: 'half' } as RequestInit),
      testContext,
    );
    expect(streamed.status).toBe(413);
    // It stopped reading soon after the limit instead of buffering the whole upload.
    expect(pulled).toBeLessThan(MAX_REQUEST_BODY_BYTES + 4 * chunk.byteLength);
  });

  it('refuses a tRPC batch longer than the limit, naming it', async () => {
    const paths = Array.from({ length: MAX_BATCH_LENGTH + 1 }, () => 'design.list').join(',');
    const response = await handleTRPCRequest(new Request(`http://localhost${TRPC_ENDPOINT}/${paths}?batch=1&input={}`), testContext);
    expect(response.status).toBe(400);
    expect((await response.json()).error.json.message).toBe(`A batched request may carry at most ${MAX_BATCH_LENGTH} calls; this one carries ${MAX_BATCH_LENGTH + 1}.`);
  });

  it('caps the simulations of one HTTP request across its batched calls', async () => {
    const name = uniqueName('http budget');
    await post('design.create', { name });
    const listed = await get('design.list', undefined);
    const designId = (superjson.deserialize(listed.payload.result.data) as { id: string; name: string }[]).find((d) => d.name === name)!.id;
    const requests = Array.from({ length: 4_000 }, () => ({ principalArn: 'arn:aws:iam::111111111111:root', action: 's3:ListAllMyBuckets' }));
    const call = { json: { designId, requests } };
    const body = JSON.stringify({ 0: call, 1: call, 2: call });
    const response = await handleTRPCRequest(
      new Request(`http://localhost${TRPC_ENDPOINT}/simulation.simulateBatch,simulation.simulateBatch,simulation.simulateBatch?batch=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      testContext,
    );
    const results = (await response.json()) as { result?: unknown; error?: { json: { message: string; data: { code: string } } } }[];
    expect(results.map((result) => (result.error ? result.error.json.data.code : 'ok'))).toEqual(['ok', 'ok', 'PAYLOAD_TOO_LARGE']);
    expect(results[2].error?.json.message).toMatch(/more than 10,000 simulations in all .*send the batches in separate requests/);
  });
});
