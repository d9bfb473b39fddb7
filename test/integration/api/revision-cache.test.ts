// Read-only design queries answered from bytes kept per design revision (server/api/revision-cache.ts), through the
// HTTP handler on the test database: the kept answer is byte for byte what tRPC answers, an edit makes the next
// answer new, the ETag gives a 304 without a body, the bytes are never compressed twice, and a caller
// without a role on the design gets its refusal, never the kept bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { handleTRPCRequest, TRPC_ENDPOINT } from '@/server/api/http-handler';
import { createCaller } from '@/server/api/root';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const machine = () => createInnerContext({ db });
const anonymous = () => createInnerContext({ db, actor: { kind: 'anonymous' } });
let designId: string;
let rootId: string;

/** An unbatched GET as the tree hook sends it. */
function treeRequest(headers: Record<string, string> = {}, procedure = 'org.tree', input: Record<string, unknown> = {}) {
  const query = encodeURIComponent(JSON.stringify({ json: { designId, ...input } }));
  return new Request(`http://localhost${TRPC_ENDPOINT}/${procedure}?input=${query}`, { headers });
}

beforeAll(async () => {
  const caller = createCaller(machine());
  const design = await caller.design.create({ name: uniqueName('revision cache') });
  designId = design.id;
  rootId = (await caller.org.tree({ designId })).root!.id;
});
afterAll(async () => {
  await db.$disconnect();
});

describe('answers kept per design revision', () => {
  it('serves the same bytes with an ETag, 304 on If-None-Match, uncompressed (Next compresses), and a new answer after an edit', async () => {
    const first = await handleTRPCRequest(treeRequest(), machine);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const body = await first.text();
    expect(JSON.parse(body).result.data.json).toBeTruthy();

    const again = await handleTRPCRequest(treeRequest(), machine);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe(body);

    const revalidated = await handleTRPCRequest(treeRequest({ 'if-none-match': etag! }), machine);
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');

    // Not compressed here (next start compresses every response; compressing here too gzipped twice).
    const asked = await handleTRPCRequest(treeRequest({ 'accept-encoding': 'gzip, deflate, br' }), machine);
    expect(asked.headers.get('content-encoding')).toBeNull();
    expect(await asked.text()).toBe(body);

    // An edit moves the revision: the next answer is computed again and shows it.
    const { revision } = await createCaller(machine()).design.get({ designId });
    await createCaller(machine()).ou.create({ designId, expectedRevision: revision, parentId: rootId, name: 'Cached no more' });
    const afterEdit = await handleTRPCRequest(treeRequest({ 'if-none-match': etag! }), machine);
    expect(afterEdit.status).toBe(200);
    expect(afterEdit.headers.get('etag')).not.toBe(etag);
    expect(await afterEdit.text()).toContain('Cached no more');
  });

  it('keeps acrossAccounts answers per input: another input is computed, not served the first one', async () => {
    const input = { principal: { kind: 'root' }, action: 's3:ListAllMyBuckets' };
    const first = await handleTRPCRequest(treeRequest({}, 'simulation.acrossAccounts', input), machine);
    expect(first.status).toBe(200);
    const other = await handleTRPCRequest(treeRequest({}, 'simulation.acrossAccounts', { ...input, action: 'ec2:RunInstances' }), machine);
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(first.headers.get('etag'));
    const body = JSON.parse(await first.text()).result.data.json;
    expect(body.revision).toBe((await createCaller(machine()).design.get({ designId })).revision);
  });

  it('checks the caller first: an anonymous caller on a server with sign-in gets 401, not the kept bytes', async () => {
    expect((await handleTRPCRequest(treeRequest(), machine)).status).toBe(200);
    const refused = await handleTRPCRequest(treeRequest(), anonymous);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('etag')).toBeNull();
  });
});
