// The operations through the tRPC caller: AWS's error code and reason reach the client in error.data.
import { TRPCError } from '@trpc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { awsDetailsOf } from '../../../server/api/errors';
import { createCaller } from '../../../server/api/root';
import { createTestDb } from '../../support/db-test-client';
import { newDesign } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

/** The error formatter's output for a failed call (what the browser receives as error.data). */
async function errorData(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const trpc = error as TRPCError;
  return { code: trpc.code, message: trpc.message, ...awsDetailsOf(trpc.cause) };
}

describe('tRPC procedures', () => {
  it('edits through the caller, returns new revisions, and maps AWS errors', async () => {
    const d = await newDesign(db, 'trpc');
    const caller = createCaller(createInnerContext({ db }));
    const created = await caller.ou.create({ designId: d.designId, expectedRevision: 0, parentId: d.rootId, name: 'Prod' });
    expect(created.revision).toBe(1);
    const policy = await caller.policy.create({
      designId: d.designId, expectedRevision: 1, type: 'SERVICE_CONTROL_POLICY', name: 'Deny',
      content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] }),
    });
    expect(policy.revision).toBe(2);

    const duplicate = await errorData(caller.ou.create({ designId: d.designId, expectedRevision: 2, parentId: d.rootId, name: 'Prod' }));
    expect(duplicate).toMatchObject({ code: 'CONFLICT', awsCode: 'DuplicateOrganizationalUnitException' });
    // Based on revision 0, before Prod existed: renaming the OU that revision 1 created would overwrite unseen work.
    const stale = await errorData(caller.ou.rename({ designId: d.designId, expectedRevision: 0, ouId: created.ou.id, name: 'Dev' }));
    expect(stale).toMatchObject({ code: 'CONFLICT', awsCode: 'ConcurrentModificationException' });
    expect(stale.message).toMatch(/nothing was saved/);
    const malformed = await errorData(caller.policy.create({ designId: d.designId, expectedRevision: 2, type: 'SERVICE_CONTROL_POLICY', name: 'X', content: '{' }));
    expect(malformed).toMatchObject({ code: 'BAD_REQUEST', awsCode: 'MalformedPolicyDocumentException' });
    const minimum = await errorData(caller.policy.detach({ designId: d.designId, expectedRevision: 2, policyId: 'p-FullAWSAccess', targetId: d.rootId }));
    expect(minimum).toMatchObject({ awsCode: 'ConstraintViolationException', awsReason: 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED' });

    await caller.history.undo({ designId: d.designId, expectedRevision: 2 });
    const revisions = await caller.history.revisions({ designId: d.designId });
    expect(revisions).toMatchObject({ canUndo: true, canRedo: true });
    const diff = await caller.history.diff({ designId: d.designId, fromRevision: 0, toRevision: 3 });
    expect(diff).toMatchObject({ ous: { added: [{ name: 'Prod' }] }, policies: { added: [] } });
    const chain = await caller.organization.scpChain({ designId: d.designId, targetId: created.ou.id });
    expect(chain).toMatchObject({ applies: true });
  });

  it('validates input with BAD_REQUEST before any service runs', async () => {
    const caller = createCaller(createInnerContext({ db }));
    const error = await errorData(caller.account.create({ designId: 'x', expectedRevision: 0, accountName: 'A', email: 'not-an-email' }));
    expect(error.code).toBe('BAD_REQUEST');
  });
});
