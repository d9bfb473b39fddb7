// How failures reach clients: DomainErrors keep AWS's vocabulary (data.awsCode, data.awsReason) and map to the
// right tRPC code; bugs stay INTERNAL_SERVER_ERROR. No database: a tiny router on the real tRPC instance.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createInnerContext, type InnerContext } from '@/server/api/context';
import { createCallerFactory, createTRPCRouter, publicProcedure } from '@/server/api/trpc';
import { DomainError, type DomainErrorKind } from '@/server/services/domain-error';

const router = createTRPCRouter({
  fail: publicProcedure
    .input(z.object({ kind: z.string() }))
    .query(({ input }) => {
      if (input.kind === 'bug') throw new Error('database exploded');
      throw new DomainError(input.kind as DomainErrorKind, 'OU depth would exceed 5 levels.', {
        awsCode: 'ConstraintViolationException',
        awsReason: 'OU_DEPTH_LIMIT_EXCEEDED',
      });
    }),
});
// No database: the procedure never reaches one (authentication off, so the access check reads nothing either).
const context: InnerContext = createInnerContext({ db: undefined as unknown as InnerContext['db'] });

async function callOverHttp(kind: string) {
  const input = encodeURIComponent(JSON.stringify(superjson.serialize({ kind })));
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://localhost/api/trpc/fail?input=${input}`),
    router,
    createContext: () => context,
  });
  const error = superjson.deserialize<{ message: string; data: Record<string, unknown> }>((await response.json()).error);
  return { status: response.status, error };
}

describe('domain errors over HTTP', () => {
  it.each([
    ['CONSTRAINT_VIOLATION', 409, 'CONFLICT'],
    ['NOT_FOUND', 404, 'NOT_FOUND'],
    ['CONFLICT', 409, 'CONFLICT'],
    ['INVALID_INPUT', 400, 'BAD_REQUEST'],
    ['FORBIDDEN', 403, 'FORBIDDEN'],
  ])('maps %s to HTTP %i (%s) and exposes the AWS error code and reason', async (kind, status, code) => {
    const result = await callOverHttp(kind);
    expect(result.status).toBe(status);
    expect(result.error.message).toBe('OU depth would exceed 5 levels.');
    expect(result.error.data).toMatchObject({
      code,
      awsCode: 'ConstraintViolationException',
      awsReason: 'OU_DEPTH_LIMIT_EXCEEDED',
      fieldErrors: null,
    });
  });

  it('keeps an unexpected error INTERNAL_SERVER_ERROR without AWS details', async () => {
    const result = await callOverHttp('bug');
    expect(result.status).toBe(500);
    expect(result.error.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', awsCode: null, awsReason: null });
  });
});

describe('domain errors through createCaller', () => {
  it('throws a TRPCError whose cause is the DomainError', async () => {
    const caller = createCallerFactory(router)(context);
    await expect(caller.fail({ kind: 'NOT_FOUND' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { name: 'DomainError', awsCode: 'ConstraintViolationException' },
    });
  });
});
