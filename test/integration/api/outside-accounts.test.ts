// account.outside through createCaller on the real migrated test database: the accounts of a design that are in no
// organization, as the editor lists them when a design has no organization root (a design imported from one
// account's own get-account-authorization-details), and the partners beside a design that has one.
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { createTestDb } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
afterAll(async () => {
  await db.$disconnect();
});

const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const role = (account: string, name: string) => ({
  Path: '/', RoleName: name, RoleId: `AROA${name.toUpperCase().padEnd(17, 'Q').slice(0, 17)}`, Arn: `arn:aws:iam::${account}:role/${name}`,
  CreateDate: '2026-01-05T10:00:00Z', AssumeRolePolicyDocument: trust, RolePolicyList: [], AttachedManagedPolicies: [], Tags: [],
});
const user = (account: string, name: string) => ({
  Path: '/', UserName: name, UserId: `AIDA${name.toUpperCase().padEnd(17, 'Q').slice(0, 17)}`, Arn: `arn:aws:iam::${account}:user/${name}`,
  CreateDate: '2026-01-05T10:00:00Z', UserPolicyList: [], GroupList: [], AttachedManagedPolicies: [], Tags: [],
});

describe('account.outside', () => {
  it('lists every account of a design without an organization, with its role and user counts', async () => {
    const document = { UserDetailList: [user('246802468024', 'ops')], GroupDetailList: [], RoleDetailList: [role('246802468024', 'app'), role('246802468024', 'ci')], Policies: [] };
    const { designId } = await api.interchange.importBundle({ document, name: `outside accounts ${Date.now()}` });
    expect(await api.account.outside({ designId })).toEqual({ accounts: [{ accountId: '246802468024', name: '246802468024', otherOrganizationId: null, roleCount: 2, userCount: 1 }] });
    // The account panel reads it like any account of the tree.
    const details = await api.account.details({ designId, accountId: '246802468024' });
    expect(details.account.inOrganization).toBe(false);
    expect(details.roles.map((entry) => entry.name)).toEqual(['app', 'ci']);
    // Organizations' own reads say there is no organization, not that there is no design.
    await expect(api.organization.quotas({ designId })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/has no organization/) });
    await expect(api.policy.list({ designId })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/has no organization/) });
  });

  it('lists none for a design whose accounts are all members, and refuses a design that does not exist', async () => {
    const design = await api.design.create({ name: `outside none ${Date.now()}` });
    expect(await api.account.outside({ designId: design.id })).toEqual({ accounts: [] });
    await expect(api.account.outside({ designId: 'ckdesign0000000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
