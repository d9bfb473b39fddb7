// The HTTP path the browser uses (route handler → fetch adapter → router), on the test database: status codes
// and the error shape the forms read (data.fieldErrors, data.awsCode).
import superjson from 'superjson';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { handleTRPCRequest, TRPC_ENDPOINT } from '@/server/api/http-handler';
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
    expect(superjson.deserialize<{ accounts: unknown[] }>(payload.result.data).accounts).toHaveLength(1);
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
