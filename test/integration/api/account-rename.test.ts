// account.rename (PutAccountName) through createCaller on the real migrated test database: the name changes, the
// revision moves on, undo restores the old name, and the API's rules refuse a bad name or a stale revision.
import { TRPCError } from '@trpc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));

afterAll(async () => {
  await db.$disconnect();
});

async function designWithAccount() {
  const design = await api.design.create({ name: uniqueName('rename account') });
  const created = await api.account.create({ designId: design.id, expectedRevision: design.revision, accountName: 'Payments', email: `payments-${Date.now()}@example.com` });
  const account = (created.account as { id: string }).id;
  return { designId: design.id, revision: created.revision, account };
}

const nameOf = async (designId: string, id: string) => (await api.org.tree({ designId })).accounts.find((account) => account.id === id)?.name;

describe('account.rename', () => {
  it('renames a member account as a new revision, and undo restores the old name', async () => {
    const { designId, revision, account } = await designWithAccount();
    const renamed = await api.account.rename({ designId, expectedRevision: revision, accountId: account, accountName: 'Payments Prod' });
    expect(renamed.revision).toBe(revision + 1);
    expect(await nameOf(designId, account)).toBe('Payments Prod');
    await api.history.undo({ designId, expectedRevision: renamed.revision });
    expect(await nameOf(designId, account)).toBe('Payments');
  });

  it('refuses an empty or too long name with the field named, and a stale revision', async () => {
    const { designId, revision, account } = await designWithAccount();
    await expect(api.account.rename({ designId, expectedRevision: revision, accountId: account, accountName: ' ' })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'BAD_REQUEST' && /Account name is required/.test(error.message),
    );
    await expect(api.account.rename({ designId, expectedRevision: revision, accountId: account, accountName: 'x'.repeat(51) })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && /at most 50 characters/.test(error.message),
    );
    await expect(api.account.rename({ designId, expectedRevision: revision - 1, accountId: account, accountName: 'Late' })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'CONFLICT',
    );
    expect(await nameOf(designId, account)).toBe('Payments');
  });

  it('answers AccountNotFoundException for an account outside the organization', async () => {
    const { designId, revision, account } = await designWithAccount();
    const removed = await api.account.remove({ designId, expectedRevision: revision, accountId: account });
    await expect(api.account.rename({ designId, expectedRevision: removed.revision, accountId: account, accountName: 'Ghost' })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'NOT_FOUND',
    );
  });
});
