// Issue 14, "Fuzz and crash tests": every procedure of the API gets random inputs (fast-check, bounded) through
// createCaller on the real test database, and a sample goes through the HTTP handler. Whatever the input, the
// answer is a client error (4xx, a TRPCError other than INTERNAL_SERVER_ERROR) or a success, never a 5xx.
// Inputs mix arbitrary JSON values with objects that name a real design and revision (so that the input reaches
// the services and the database, not only the schemas), and fields from the procedures' own vocabulary.
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { handleTRPCRequest, TRPC_ENDPOINT } from '@/server/api/http-handler';
import { appRouter, createCaller } from '@/server/api/root';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
let designId: string;
let rootId: string;

const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, { _def: { type: string } }> }).procedures);
/** Runs per procedure: enough to reach past the schemas, bounded so the suite stays fast on 2 cores. */
const RUNS = Number(process.env.LZSIM_FUZZ_RUNS || 10);

/** Words the procedures' inputs use, so random objects sometimes carry a field a schema knows. */
const FIELD_NAMES = [
  'designId', 'expectedRevision', 'name', 'parentId', 'ouId', 'accountId', 'policyId', 'targetId', 'type', 'content',
  'document', 'format', 'request', 'requests', 'principalArn', 'action', 'resource', 'roleName', 'userName', 'groupName',
  'policyArn', 'tags', 'tagKeys', 'email', 'servicePrincipal', 'fromRevision', 'toRevision', 'newName', 'username', 'role',
  'linkId', 'findingId', 'edgeId', 'prefix', 'limit', 'identifier', 'description', 'destinationParentId', 'versionId',
];

/** Random inputs: any JSON value, or an object naming the real design with fields from the vocabulary. */
function inputs(): fc.Arbitrary<unknown> {
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.integer({ min: -5, max: 1_000_000 }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('', 'root', 'r-abcd', '123456789012', 'SERVICE_CONTROL_POLICY', 'arn:aws:iam::123456789012:role/x', 's3:GetObject', '*', '\u0000', '\ud800', 'a'.repeat(5000)),
    fc.constantFrom(rootId),
    fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  );
  const designObject = fc
    .dictionary(fc.constantFrom(...FIELD_NAMES), value, { maxKeys: 6 })
    .chain((fields) => fc.record({ designId: fc.constantFrom(designId, 'no-such-design'), expectedRevision: fc.integer({ min: -1, max: 3 }) }).map((base) => ({ ...fields, ...base })));
  return fc.oneof({ arbitrary: designObject, weight: 4 }, { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
}

/** The procedure at `path` on the caller. */
function procedureOf(path: string): (input: unknown) => Promise<unknown> {
  let target: unknown = api;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return target as (input: unknown) => Promise<unknown>;
}

beforeAll(async () => {
  const design = await api.design.create({ name: uniqueName('fuzz') });
  designId = design.id;
  rootId = (await api.org.tree({ designId })).root!.id;
});
afterAll(async () => {
  await db.$disconnect();
});

/**
 * The request body a client would send. superjson refuses to serialize an own "__proto__" key (prototype pollution),
 * so such an input is sent as plain JSON as a hostile client would: the server must refuse it with a 4xx too.
 */
function httpBodyOf(input: unknown): string {
  try {
    return JSON.stringify(superjson.serialize(input));
  } catch {
    return JSON.stringify({ json: input });
  }
}

describe('API input fuzz', () => {
  it.each(procedures.map(([path]) => [path]))('%s answers random input with a success or a 4xx, never a 5xx', async (path) => {
    const call = procedureOf(path);
    await fc.assert(
      fc.asyncProperty(inputs(), async (input) => {
        try {
          await call(input);
        } catch (error) {
          if (!(error instanceof TRPCError) || error.code === 'INTERNAL_SERVER_ERROR') {
            throw new Error(`${path} failed with ${error instanceof TRPCError ? error.code : 'a non-tRPC error'}: ${error instanceof Error ? error.message : String(error)}${error instanceof Error && error.cause instanceof Error ? ` (cause: ${error.cause.message})` : ''}`);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a sample over HTTP: random bodies, paths and batches get a status below 500', async () => {
    const paths = procedures.map(([path]) => path);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), inputs(), fc.boolean(), async (path, input, asGet) => {
        const body = httpBodyOf(input);
        const request = asGet
          ? new Request(`http://localhost${TRPC_ENDPOINT}/${path}?input=${encodeURIComponent(body)}`)
          : new Request(`http://localhost${TRPC_ENDPOINT}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const response = await handleTRPCRequest(request, () => createInnerContext({ db }));
        expect(response.status, `${asGet ? 'GET' : 'POST'} ${path}`).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    for (const raw of ['{', '{"json":', 'null', '[]', '\u0000', '{"0":{"json":{}}}', '{"json":{"__proto__":{"polluted":true}}}']) {
      const response = await handleTRPCRequest(new Request(`http://localhost${TRPC_ENDPOINT}/design.create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw }), () => createInnerContext({ db }));
      expect(response.status, raw).toBeLessThan(500);
    }
  });
});
