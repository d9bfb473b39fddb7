// "What did this change do?": the impact of the changes between two revisions equals the what-if preview of the
// same change made before it was saved (MoveAccount in AWS's request shape, API_MoveAccount.html), and reverses when
// the revisions are swapped; effective tag policies that change (orgs_manage_policies_inheritance_mgmt.html) are
// listed in the history as in the preview. Organization: the committed sample bundle
// (test/fixtures/bundles/sample-org.json).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import type { PrismaClient } from '../../../server/db/client';
import { importBundle } from '../../../server/services/interchange/interchange-service';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const sample = JSON.parse(readFileSync(new URL('../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as unknown;

let db: PrismaClient;
beforeAll(() => {
  db = createTestDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe('impact.revisionImpact', () => {
  it('shows what a saved move did, as its preview showed it before', async () => {
    const { designId } = await importBundle(db, sample, { name: uniqueName('revision impact') });
    const caller = createCaller(createInnerContext({ db }));
    const calls = [
      { operation: 'MoveAccount' as const, input: { AccountId: '100000000007', SourceParentId: 'ou-lz7a-sandbox1', DestinationParentId: 'ou-lz7a-nonprod1' } },
      { operation: 'DetachPolicy' as const, input: { PolicyId: 'p-95ouxm3k', TargetId: 'r-lz7a' } },
    ];
    const preview = await caller.impact.preview({ designId, calls, region: 'eu-central-1' });
    const applied = await caller.impact.applyCalls({ designId, expectedRevision: 0, calls });
    expect(applied.revision).toBe(2);

    const impact = await caller.impact.revisionImpact({ designId, fromRevision: 0, toRevision: 2, region: 'eu-central-1' });
    expect(impact.changedCells).toBeGreaterThan(0);
    expect(impact.changedCells).toBe(preview.changedCells);
    expect(impact.services).toEqual(preview.services);
    expect(impact.principals).toEqual(preview.principals);
    const moved = impact.groups.find((group) => group.accounts.some((account) => account.accountId === '100000000007'))!;
    expect(moved.actions).toContainEqual({ action: 'savingsplans:CreateSavingsPlan', before: 'explicitDeny', after: 'allowed' });

    // One revision at a time, and backwards.
    const onlyMove = await caller.impact.revisionImpact({ designId, fromRevision: 0, toRevision: 1, region: 'eu-central-1' });
    expect(onlyMove.changedAccounts).toBe(1);
    const back = await caller.impact.revisionImpact({ designId, fromRevision: 1, toRevision: 0, region: 'eu-central-1' });
    expect(back.changedCells).toBe(onlyMove.changedCells);
    expect(back.groups[0].actions).toContainEqual({ action: 'savingsplans:CreateSavingsPlan', before: 'allowed', after: 'explicitDeny' });
    await expect(caller.impact.revisionImpact({ designId, fromRevision: 0, toRevision: 9 })).rejects.toThrow(/revision 9 does not exist yet/);
    // Organizations changes move no tag policy here.
    expect(impact.management).toEqual([]);
  });

  it('shows the effective tag policies a saved detach changed, as its preview showed them before', async () => {
    const { designId } = await importBundle(db, sample, { name: uniqueName('revision impact management') });
    const caller = createCaller(createInnerContext({ db }));
    // CostCenterTags is attached to the root: detaching it leaves every member account without a tag policy.
    const calls = [{ operation: 'DetachPolicy' as const, input: { PolicyId: 'p-tagcc001', TargetId: 'r-lz7a' } }];
    const preview = await caller.impact.preview({ designId, calls });
    expect(preview.management.length).toBeGreaterThan(0);
    expect(preview.management.every((change) => change.type === 'TAG_POLICY' && change.after === null && change.keys.includes('tags'))).toBe(true);
    await caller.impact.applyCalls({ designId, expectedRevision: 0, calls });

    const impact = await caller.impact.revisionImpact({ designId, fromRevision: 0, toRevision: 1 });
    const byAccount = (changes: typeof preview.management) => [...changes].sort((a, b) => a.accountId.localeCompare(b.accountId));
    expect(byAccount(impact.management)).toEqual(byAccount(preview.management));
    expect(impact.changedCells).toBe(0);
    // Backwards: the tag policy comes back.
    const back = await caller.impact.revisionImpact({ designId, fromRevision: 1, toRevision: 0 });
    expect(back.management.map((change) => change.before)).toEqual(back.management.map(() => null));
    expect(back.management).toHaveLength(preview.management.length);
  });
});
