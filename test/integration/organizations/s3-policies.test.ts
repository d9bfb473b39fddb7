// Amazon S3 policies (Organizations policy type S3_POLICY) on the real migrated test database: organization-level
// Block Public Access set by a policy on the root or an account, in place of the account's own settings
// (orgs_manage_policies_s3.html: "These configurations override account-level settings"; detached, "accounts
// automatically revert to their previous account-level configuration"), the decision and trace it changes, the
// account panel, and PutPublicAccessBlock refused while the policy applies (API_control_PutPublicAccessBlock.html).
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { readCliFiles } from '@/server/services/interchange/read-cli-folder';
import { bundleToCliFiles } from '@/server/services/interchange/write-cli-folder';
import { CompiledWorldCache, compiledWorldCache } from '@/server/services/simulation/compiled-world-cache';
import { createTestDb } from '../../support/db-test-client';
import { sampleOrgBundle, sampleOrgWithPublicBuckets } from '../../support/sample-org-bundle';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
afterAll(async () => {
  await db.$disconnect();
});

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const s3Policy = (value: 'all' | 'none') => JSON.stringify({ s3_attributes: { public_access_block_configuration: { '@@assign': value } } });

describe('Amazon S3 policies (organization-level Block Public Access)', () => {
  it('replace the account\'s own settings while attached, name themselves in the trace and the panel, and give the settings back when detached', async () => {
    const { bundle, owner, other: sampleOtherAccount, reader } = sampleOrgWithPublicBuckets();
    bundle.S3AccountPublicAccessBlocks = { [owner]: { PublicAccessBlockConfiguration: ALL_ON } };
    const { designId } = await api.interchange.importBundle({ document: bundle, name: `s3 policies ${Date.now()}` });
    const rootId = (bundle.Roots as { Id: string }[])[0].Id;
    const revision = async () => (await api.design.get({ designId })).revision;
    const read = async (bucket: string) => (await api.simulation.simulate({
      designId, request: { principalArn: `arn:aws:iam::${reader}:user/reader`, action: 's3:GetObject', resource: `arn:aws:s3:::${bucket}/index.html`, context: [] },
    })).result;
    const restriction = async (bucket: string) => {
      const result = await read(bucket);
      return { decision: result.decision, note: result.trace.find((step) => step.rule?.id === 's3-restrict-public-buckets')?.note };
    };

    // Before: the owner's own settings restrict its bucket; the other account has none.
    expect(await restriction('site-of-owner')).toMatchObject({ decision: 'implicitDeny', note: expect.stringContaining(`RestrictPublicBuckets is on (account ${owner}'s settings)`) });
    expect((await read('site-of-other')).decision).toBe('allowed');

    await api.policy.enableType({ designId, expectedRevision: await revision(), type: 'S3_POLICY' });
    const blockAll = (await api.policy.create({ designId, expectedRevision: await revision(), type: 'S3_POLICY', name: 'BlockPublicAccess', content: s3Policy('all') })).policy;
    await api.policy.attach({ designId, expectedRevision: await revision(), policyId: blockAll.awsId, targetId: rootId });

    // The root's "all": every account's buckets, the other account's included, and the trace names the policy.
    const underRoot = await restriction('site-of-other');
    expect(underRoot.decision).toBe('implicitDeny');
    expect(underRoot.note).toContain(`the organization's S3 policy BlockPublicAccess (${blockAll.awsId}) attached to Root, in place of account`);
    const panel = (await api.account.details({ designId, accountId: owner })).account;
    expect(panel.organizationPublicAccessBlock).toEqual({ value: 'all', policyId: blockAll.awsId, policyName: 'BlockPublicAccess', targetName: 'Root' });
    const details = await api.account.details({ designId, accountId: owner });
    expect(details.effectivePolicies.find((effective) => effective.type === 'S3_POLICY')).toMatchObject({ status: 'ok', enabled: true, document: { s3_attributes: { public_access_block_configuration: 'all' } } });

    // The account's own settings cannot be changed while the policy applies: AccessDenied, nothing written.
    const before = await revision();
    await expect(api.account.putPublicAccessBlock({ designId, expectedRevision: before, accountId: owner, configuration: null }))
      .rejects.toMatchObject({ message: expect.stringContaining(`managed by the organization's S3 policy BlockPublicAccess (${blockAll.awsId}, attached to Root)`) });
    expect(await revision()).toBe(before);
    expect((await api.account.details({ designId, accountId: owner })).account.s3PublicAccessBlock).toMatchObject({ restrictPublicBuckets: true });

    // "none" attached to the owner account replaces both the root's "all" and the account's own settings.
    const open = (await api.policy.create({ designId, expectedRevision: await revision(), type: 'S3_POLICY', name: 'PublicSites', content: s3Policy('none') })).policy;
    await api.policy.attach({ designId, expectedRevision: await revision(), policyId: open.awsId, targetId: owner });
    // Attached to the root too, after BlockPublicAccess: at one target the first attached wins, so the root stays "all".
    await api.policy.attach({ designId, expectedRevision: await revision(), policyId: open.awsId, targetId: rootId });
    // The compiled world refreshed after these Organizations edits (not reloaded) holds what a full reload reads.
    const refreshed = await compiledWorldCache().get(db, designId);
    expect(refreshed.source).toBe('rebuilt');
    const reloaded = await new CompiledWorldCache().get(db, designId);
    expect(reloaded.source).toBe('compiled');
    expect(refreshed.compiled.world.s3Policies).toEqual(reloaded.compiled.world.s3Policies);
    expect(refreshed.compiled.world.s3Policies?.attachments).toEqual([
      { policyId: blockAll.awsId, targetId: rootId }, { policyId: open.awsId, targetId: owner }, { policyId: open.awsId, targetId: rootId },
    ]);
    expect((await read('site-of-owner')).decision).toBe('allowed');
    expect((await read('site-of-other')).decision).toBe('implicitDeny');

    expect((await api.account.details({ designId, accountId: sampleOtherAccount })).account.organizationPublicAccessBlock).toMatchObject({ value: 'all', policyName: 'BlockPublicAccess' });

    // Detached, the accounts' own settings are back: the owner's restrict its bucket again, the other's do nothing.
    await api.policy.detach({ designId, expectedRevision: await revision(), policyId: open.awsId, targetId: rootId });
    await api.policy.detach({ designId, expectedRevision: await revision(), policyId: open.awsId, targetId: owner });
    await api.policy.detach({ designId, expectedRevision: await revision(), policyId: blockAll.awsId, targetId: rootId });
    expect(await restriction('site-of-owner')).toMatchObject({ decision: 'implicitDeny', note: expect.stringContaining(`(account ${owner}'s settings)`) });
    expect((await read('site-of-other')).decision).toBe('allowed');
    expect((await api.account.details({ designId, accountId: owner })).account.organizationPublicAccessBlock).toBeNull();

    // Attached again, then the type disabled: DisablePolicyType detaches every S3 policy, and nothing of them applies.
    await api.policy.attach({ designId, expectedRevision: await revision(), policyId: blockAll.awsId, targetId: rootId });
    expect((await read('site-of-other')).decision).toBe('implicitDeny');

    // Exported as AWS prints it (list-policies / list-targets-for-policy, the root's PolicyTypes), a re-import decides the same.
    const exported = JSON.parse((await api.interchange.export({ designId, format: 'bundle' })).content) as {
      Roots: { PolicyTypes: { Type: string; Status: string }[] }[];
      Policies: { PolicySummary: { Id: string; Type: string; Name: string }; Content: string; Targets: { TargetId: string; Type: string }[] }[];
    };
    expect(exported.Roots[0].PolicyTypes).toContainEqual({ Type: 'S3_POLICY', Status: 'ENABLED' });
    const exportedPolicy = exported.Policies.find((policy) => policy.PolicySummary.Id === blockAll.awsId)!;
    expect(exportedPolicy).toMatchObject({ PolicySummary: { Type: 'S3_POLICY', Name: 'BlockPublicAccess' }, Targets: [{ TargetId: rootId, Type: 'ROOT' }] });
    expect(JSON.parse(exportedPolicy.Content)).toEqual(JSON.parse(s3Policy('all')));
    // The CLI folder carries it too: list-policies/S3_POLICY.json, describe-policy and list-targets-for-policy files.
    const files = bundleToCliFiles(exported);
    expect(Object.keys(files)).toContain('list-policies/S3_POLICY.json');
    expect(readCliFiles(files).design.policies.find((policy) => policy.awsId === blockAll.awsId)).toMatchObject({ type: 'S3_POLICY', targetIds: [rootId] });
    const copy = (await api.interchange.importBundle({ document: exported, name: `s3 policies copy ${Date.now()}` })).designId;
    expect((await api.simulation.simulate({
      designId: copy, request: { principalArn: `arn:aws:iam::${reader}:user/reader`, action: 's3:GetObject', resource: 'arn:aws:s3:::site-of-other/index.html', context: [] },
    })).result.decision).toBe('implicitDeny');

    await api.policy.disableType({ designId, expectedRevision: await revision(), type: 'S3_POLICY' });
    expect((await read('site-of-other')).decision).toBe('allowed');
  });

  it('refuses a document that is not an S3 policy with AWS\'s error', async () => {
    const bundle = sampleOrgBundle();
    const { designId } = await api.interchange.importBundle({ document: bundle, name: `s3 policies bad ${Date.now()}` });
    const revision = (await api.design.get({ designId })).revision;
    await api.policy.enableType({ designId, expectedRevision: revision, type: 'S3_POLICY' });
    await expect(api.policy.create({ designId, expectedRevision: revision + 1, type: 'S3_POLICY', name: 'Typo', content: s3Policy('all').replace('"all"', '"everything"') }))
      .rejects.toMatchObject({ message: expect.stringMatching(/everything/) });
  });
});
