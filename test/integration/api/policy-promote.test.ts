// The policy staging workflow: a new SCP attached to a staging OU (NonProd), compared with production (Prod) by
// previewing its promotion, then promoted (AttachPolicy to Prod, DetachPolicy from NonProd, in AWS's request shapes:
// API_AttachPolicy.html, API_DetachPolicy.html) as one history entry that one undo reverts. Organization: the
// committed sample bundle (test/fixtures/bundles/sample-org.json).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import type { PrismaClient } from '../../../server/db/client';
import { importBundle } from '../../../server/services/interchange/interchange-service';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const sample = JSON.parse(readFileSync(new URL('../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as unknown;
const DENY_TERMINATE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoTerminate', Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' }] });

let db: PrismaClient;
beforeAll(() => {
  db = createTestDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe('policy.promote (staging workflow)', () => {
  it('stages an SCP on NonProd, previews the promotion to Prod, promotes it as one history entry, and undoes it', async () => {
    const { designId } = await importBundle(db, sample, { name: uniqueName('staging') });
    const caller = createCaller(createInnerContext({ db }));
    let revision = (await caller.design.get({ designId })).revision;
    const created = await caller.policy.create({ designId, expectedRevision: revision, type: 'SERVICE_CONTROL_POLICY', name: 'NoTerminate', content: DENY_TERMINATE });
    const library = await caller.policy.list({ designId });
    const policyId = library.policies.find((policy) => policy.name === 'NoTerminate')!.awsId;
    revision = (await caller.policy.attach({ designId, expectedRevision: created.revision, policyId, targetId: 'ou-lz7a-nonprod1' })).revision;

    // Compare: what promoting would do. Staging (payments-dev) gets TerminateInstances back, production
    // (payments-prod) loses it.
    const calls = [
      { operation: 'AttachPolicy' as const, input: { PolicyId: policyId, TargetId: 'ou-lz7a-prod0001' } },
      { operation: 'DetachPolicy' as const, input: { PolicyId: policyId, TargetId: 'ou-lz7a-nonprod1' } },
    ];
    const preview = await caller.impact.preview({ designId, calls, region: 'eu-central-1' });
    const flipOf = (accountId: string) => preview.groups.find((group) => group.accounts.some((account) => account.accountId === accountId))?.actions;
    expect(flipOf('100000000005')).toContainEqual({ action: 'ec2:TerminateInstances', before: 'allowed', after: 'explicitDeny' });
    expect(flipOf('100000000006')).toContainEqual({ action: 'ec2:TerminateInstances', before: 'explicitDeny', after: 'allowed' });
    expect(preview.revision).toBe(revision);

    const promoted = await caller.policy.promote({ designId, expectedRevision: revision, policyId, stagingTargetId: 'ou-lz7a-nonprod1', productionTargetId: 'ou-lz7a-prod0001' });
    expect(promoted.revision).toBe(revision + 1);
    const targetsOf = async () => (await caller.policy.list({ designId })).policies.find((policy) => policy.awsId === policyId)!.targets.map((target) => target.awsId);
    expect(await targetsOf()).toEqual(['ou-lz7a-prod0001']);
    const revisions = await caller.history.revisions({ designId });
    expect(JSON.stringify(revisions)).toContain('Promote NoTerminate from NonProd to Prod');
    // The history diff of the promotion shows the same flips as its preview.
    const impact = await caller.impact.revisionImpact({ designId, fromRevision: revision, toRevision: promoted.revision, region: 'eu-central-1' });
    expect(impact.changedCells).toBe(preview.changedCells);

    const undone = await caller.history.undo({ designId, expectedRevision: promoted.revision });
    expect(await targetsOf()).toEqual(['ou-lz7a-nonprod1']);
    expect(undone.revision).toBe(promoted.revision + 1);
  });

  it('refuses a promotion that AWS would refuse, and changes nothing', async () => {
    const { designId } = await importBundle(db, sample, { name: uniqueName('staging refused') });
    const caller = createCaller(createInnerContext({ db }));
    const revision = (await caller.design.get({ designId })).revision;
    // p-95ouxm3k is attached to the root, not to NonProd: DetachPolicy's PolicyNotAttachedException, after the attach
    // to Prod was checked; the whole edit is rolled back.
    await expect(caller.policy.promote({ designId, expectedRevision: revision, policyId: 'p-95ouxm3k', stagingTargetId: 'ou-lz7a-nonprod1', productionTargetId: 'ou-lz7a-prod0001' }))
      .rejects.toThrow(/is not attached to/);
    expect((await caller.design.get({ designId })).revision).toBe(revision);
    await expect(caller.policy.promote({ designId, expectedRevision: revision, policyId: 'p-95ouxm3k', stagingTargetId: 'ou-lz7a-prod0001', productionTargetId: 'ou-lz7a-prod0001' }))
      .rejects.toThrow(/same/);
  });
});
