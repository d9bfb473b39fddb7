// Every Organizations edit, undo/redo/branch and policy-chain query through the tRPC caller, so each answer passes
// its own exact output schema (server/schemas/organization-outputs.ts): a field the service adds or drops without
// the schema fails here, not in the browser.
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import { createTestDb } from '../../support/db-test-client';
import { newDesign, Revision } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

describe('typed outputs of the Organizations procedures', () => {
  it('answers each edit and query with its declared shape', async () => {
    const d = await newDesign(db, 'trpc-outputs');
    const caller = createCaller(createInnerContext({ db }));
    const rev = new Revision();
    const base = () => rev.base(d.designId);

    const quotas = rev.took(await caller.organization.setQuotaOverrides({ ...base(), overrides: { organization: { defaultMaxAccounts: 20 } } }));
    expect(quotas.quotas.organization.defaultMaxAccounts).toBe(20);

    const { ou } = rev.took(await caller.ou.create({ ...base(), parentId: d.rootId, name: 'Prod' }));
    const { ou: other } = rev.took(await caller.ou.create({ ...base(), parentId: d.rootId, name: 'Dev' }));
    expect(rev.took(await caller.ou.rename({ ...base(), ouId: other.id, name: 'Development' })).ou.name).toBe('Development');
    expect(rev.took(await caller.ou.move({ ...base(), ouId: other.id, destinationParentId: ou.id })).ou.parentId).toBe(ou.id);

    const { account } = rev.took(await caller.account.create({ ...base(), parentId: ou.id, accountName: 'App', email: `app-${d.designId}@example.com` }));
    expect(account).toMatchObject({ name: 'App', parentId: ou.id, status: 'ACTIVE' });
    expect(rev.took(await caller.account.rename({ ...base(), accountId: account.id, accountName: 'Application' })).account.name).toBe('Application');
    expect(rev.took(await caller.account.move({ ...base(), accountId: account.id, destinationParentId: other.id })).account.parentId).toBe(other.id);
    expect(rev.took(await caller.account.invite({ ...base(), accountId: '123412341234' })).account.parentId).toBeNull();
    expect(rev.took(await caller.account.declineInvitation({ ...base(), accountId: '123412341234' })).account.accountId).toBe('123412341234');
    rev.took(await caller.account.invite({ ...base(), accountId: '567856785678' }));
    expect(rev.took(await caller.account.acceptInvitation({ ...base(), accountId: '567856785678' })).account.parentId).toBe(d.rootId);

    const tags = rev.took(await caller.organization.tagResource({ ...base(), resourceId: ou.id, tags: [{ key: 'env', value: 'prod' }] }));
    expect(tags.tags).toEqual([{ key: 'env', value: 'prod' }]);
    expect(rev.took(await caller.organization.untagResource({ ...base(), resourceId: ou.id, tagKeys: ['env'] })).tags).toEqual([]);

    const service = 'securityhub.amazonaws.com';
    expect(rev.took(await caller.organization.enableServiceAccess({ ...base(), servicePrincipal: service })).enabled).toBe(true);
    const registered = rev.took(await caller.organization.registerDelegatedAdministrator({ ...base(), accountId: account.accountId, servicePrincipal: service }));
    expect(registered.delegatedAdministrator.accountId).toBe(account.accountId);
    rev.took(await caller.organization.deregisterDelegatedAdministrator({ ...base(), accountId: account.accountId, servicePrincipal: service }));
    expect(rev.took(await caller.organization.disableServiceAccess({ ...base(), servicePrincipal: service })).enabled).toBe(false);

    const enabled = rev.took(await caller.policy.enableType({ ...base(), type: 'TAG_POLICY' }));
    expect(enabled).toMatchObject({ type: 'TAG_POLICY', status: 'ENABLED' });
    const { policy, warnings } = rev.took(await caller.policy.create({
      ...base(), type: 'TAG_POLICY', name: 'CostCenter',
      content: JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['100'] } } } }),
    }));
    expect(Array.isArray(warnings)).toBe(true);
    expect(rev.took(await caller.policy.update({ ...base(), policyId: policy.id, description: 'Cost centres' })).policy.description).toBe('Cost centres');
    const attached = rev.took(await caller.policy.attach({ ...base(), policyId: policy.id, targetId: ou.id }));
    expect(attached.attachment).toMatchObject({ policyId: policy.id, targetKind: 'ou', targetId: ou.id });

    const effective = await caller.organization.effectivePolicy({ designId: d.designId, targetId: account.id, type: 'TAG_POLICY' });
    expect(effective.result.ok).toBe(true);
    expect(effective.levels.map((level) => level.kind)).toEqual(['root', 'ou', 'ou', 'account']);
    const rcps = await caller.organization.rcpChain({ designId: d.designId, targetId: account.id });
    expect(rcps.type).toBe('RESOURCE_CONTROL_POLICY');
    expect((await caller.organization.scpChain({ designId: d.designId, targetId: d.managementAccountId })).applies).toBe(false);

    expect(rev.took(await caller.policy.detach({ ...base(), policyId: policy.id, targetId: ou.id })).attachmentId).toBe(attached.attachment.id);
    expect(rev.took(await caller.policy.delete({ ...base(), policyId: policy.id })).policyId).toBe(policy.id);
    expect(rev.took(await caller.policy.disableType({ ...base(), type: 'TAG_POLICY' }))).toMatchObject({ type: 'TAG_POLICY', detached: 0 });

    expect(rev.took(await caller.account.remove({ ...base(), accountId: account.id })).account.parentId).toBeNull();
    const undone = rev.took(await caller.history.undo(base()));
    expect(undone).toMatchObject({ undoneRevision: undone.revision - 1 });
    expect(rev.took(await caller.history.redo(base()))).toHaveProperty('redoneRevision');
    const deleted = rev.took(await caller.ou.delete({ ...base(), ouId: other.id }));
    expect(deleted.awsId).toMatch(/^ou-/);

    await db.organization.update({ where: { designId: d.designId }, data: { featureSet: 'CONSOLIDATED_BILLING' } });
    const allFeatures = rev.took(await caller.organization.enableAllFeatures(base()));
    expect(allFeatures).toMatchObject({ featureSet: 'ALL', accountsThatMustApprove: ['567856785678'] });

    const branch = await caller.history.branch({ designId: d.designId, newName: `${d.designId}-branch` });
    expect(branch.design).toMatchObject({ name: `${d.designId}-branch`, revision: 0 });
  });
});
