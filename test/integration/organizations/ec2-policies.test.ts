// EC2 policies (declarative policies for EC2, Organizations policy type DECLARATIVE_POLICY_EC2) on the real migrated test
// database: written and attached through the Organizations operations, an attribute a policy sets can no longer be
// changed in the accounts of its scope ("Account administrators will not be able to modify the value of the service
// attribute at the individual account level", orgs_manage_policies_ec2_syntax.html), the trace says which policy, and
// detaching it gives the account its say back. The compiled world refreshed after these edits equals a full reload.
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { CompiledWorldCache, compiledWorldCache } from '@/server/services/simulation/compiled-world-cache';
import { createTestDb } from '../../support/db-test-client';
import { addUserAllowing, sampleMemberAccounts, sampleOrgBundle } from '../../support/sample-org-bundle';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
afterAll(async () => {
  await db.$disconnect();
});

describe('EC2 policies (declarative policies for EC2)', () => {
  it('make an attribute they set unchangeable in the accounts of their scope, and say so in the trace and the panel', async () => {
    const bundle = sampleOrgBundle();
    const [inScope, outside] = sampleMemberAccounts(bundle);
    addUserAllowing(bundle, inScope, { name: 'admin', id: 'AIDAEC2ADMININSCOPE01' }, ['ec2:*']);
    addUserAllowing(bundle, outside, { name: 'admin', id: 'AIDAEC2ADMINOUTSIDE01' }, ['ec2:*']);
    const { designId } = await api.interchange.importBundle({ document: bundle, name: `ec2 policies ${Date.now()}` });
    const revision = async () => (await api.design.get({ designId })).revision;
    const ask = async (account: string, action: string) => (await api.simulation.simulate({
      designId, request: { principalArn: `arn:aws:iam::${account}:user/admin`, action, resource: '*', context: [] },
    })).result;

    expect((await ask(inScope, 'ec2:DisableSnapshotBlockPublicAccess')).decision).toBe('allowed');
    await api.policy.enableType({ designId, expectedRevision: await revision(), type: 'DECLARATIVE_POLICY_EC2' });
    const content = JSON.stringify({ ec2_attributes: { snapshot_block_public_access: { state: { '@@assign': 'block_all_sharing' } } } });
    const policy = (await api.policy.create({ designId, expectedRevision: await revision(), type: 'DECLARATIVE_POLICY_EC2', name: 'NoPublicSnapshots', content })).policy;
    await api.policy.attach({ designId, expectedRevision: await revision(), policyId: policy.awsId, targetId: inScope });

    const refreshed = await compiledWorldCache().get(db, designId);
    expect(refreshed.source).toBe('rebuilt');
    expect(refreshed.compiled.world.ec2Policies).toEqual((await new CompiledWorldCache().get(db, designId)).compiled.world.ec2Policies);

    const refused = await ask(inScope, 'ec2:DisableSnapshotBlockPublicAccess');
    expect(refused).toMatchObject({ decision: 'implicitDeny', reasons: ['service-rule-no-allow'] });
    expect(refused.trace.find((step) => step.rule?.id === 'ec2-policy-enforced-attribute')?.note)
      .toContain(`the EC2 policy NoPublicSnapshots (${policy.awsId}) attached to`);
    expect((await ask(inScope, 'ec2:GetSnapshotBlockPublicAccessState')).decision).toBe('allowed');
    expect((await ask(outside, 'ec2:DisableSnapshotBlockPublicAccess')).decision).toBe('allowed');

    const effective = (await api.account.details({ designId, accountId: inScope })).effectivePolicies.find((entry) => entry.type === 'DECLARATIVE_POLICY_EC2');
    expect(effective).toMatchObject({ status: 'ok', enabled: true, document: { ec2_attributes: { snapshot_block_public_access: { state: 'block_all_sharing' } } } });

    await api.policy.detach({ designId, expectedRevision: await revision(), policyId: policy.awsId, targetId: inScope });
    expect((await ask(inScope, 'ec2:DisableSnapshotBlockPublicAccess')).decision).toBe('allowed');
  });
});
