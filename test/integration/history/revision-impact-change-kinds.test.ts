// "What did this change do?" for IAM, Control Tower and RAM changes: once saved, the history diff's impact of the
// revision a change made equals the what-if preview of the same change before it was saved, and swapping the
// revisions reverses it. The calls are AWS's request shapes: PutRolePolicy (IAM API_PutRolePolicy.html),
// EnableControl (Control Tower API_EnableControl.html, targetIdentifier the OU's ARN) and AssociateResourceShare
// (RAM API_AssociateResourceShare.html).
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { setUpLandingZone } from '@/server/services/control-tower/landing-zone';
import { importBundle } from '@/server/services/interchange/interchange-service';
import { createAccount, setQuotaOverrides } from '@/server/services/organizations';
import type { ImpactPreviewResult } from '@/server/schemas/impact';
import { createTestDb, uniqueName } from '../../support/db-test-client';
import { newDesign, Revision } from '../organizations/helpers';
import { ramSetup } from '../ram/helpers';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
afterAll(async () => {
  await db.$disconnect();
});

/** What a preview and a history impact must agree on (the revision and the created placeholders aside). */
function impactOf(result: ImpactPreviewResult) {
  const byKey = <T>(list: T[], key: (entry: T) => string) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    changedCells: result.changedCells,
    changedAccounts: result.changedAccounts,
    services: result.services,
    groups: result.groups,
    principals: result.principals,
    management: byKey(result.management, (entry) => `${entry.accountId} ${entry.type}`),
    resources: byKey(result.resources, (entry) => `${entry.resourceArn} ${entry.principalArn}`),
  };
}

/** Who gains and loses what; with `swap`, every gain read as a loss and back (what the swapped revisions must show). */
function gainsAndLosses(result: ReturnType<typeof impactOf>, swap = false) {
  const turn = <T extends { gained: string[]; lost: string[] }>(entry: T) => (swap ? { ...entry, gained: entry.lost, lost: entry.gained } : entry);
  return { changedCells: result.changedCells, principals: result.principals.map(turn), resources: result.resources.map(turn) };
}

describe('impact.revisionImpact of IAM, Control Tower and RAM changes', () => {
  it('IAM: a saved PutRolePolicy shows the actions the role lost, as its preview showed them', async () => {
    const bundle = JSON.parse(await readFile(new URL('../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as unknown;
    const { designId } = await importBundle(db, bundle, { name: uniqueName('history iam impact') });
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['ec2:RunInstances', 'ec2:TerminateInstances'], Resource: '*' }] });
    const calls = [{ api: 'iam' as const, accountId: '100000000005', operation: 'PutRolePolicy', input: { RoleName: 'OrganizationAccountAccessRole', PolicyName: 'NoInstances', PolicyDocument: document } }];
    const preview = await api.impact.preview({ designId, calls, region: 'eu-central-1' });
    expect(preview.principals).toEqual([{ principalArn: 'arn:aws:iam::100000000005:role/OrganizationAccountAccessRole', accountId: '100000000005', gained: [], lost: ['ec2:RunInstances', 'ec2:TerminateInstances'] }]);
    const applied = await api.impact.applyCalls({ designId, expectedRevision: preview.revision, calls });

    const impact = await api.impact.revisionImpact({ designId, fromRevision: preview.revision, toRevision: applied.revision, region: 'eu-central-1' });
    expect(impactOf(impact)).toEqual(impactOf(preview));
    const back = await api.impact.revisionImpact({ designId, fromRevision: applied.revision, toRevision: preview.revision, region: 'eu-central-1' });
    expect(gainsAndLosses(impactOf(back), true)).toEqual(gainsAndLosses(impactOf(impact)));
    expect(back.principals[0].gained).toEqual(['ec2:RunInstances', 'ec2:TerminateInstances']);
    // The read of the older revision is rolled back: the design still holds the policy, at the same revision.
    const role = await db.iamRole.findFirstOrThrow({ where: { account: { designId, accountId: '100000000005' }, name: 'OrganizationAccountAccessRole' }, select: { inlinePolicies: { select: { name: true } } } });
    expect(role.inlinePolicies.map((policy) => policy.name)).toContain('NoInstances');
    expect((await db.design.findUniqueOrThrow({ where: { id: designId }, select: { revision: true } })).revision).toBe(applied.revision);
    await expect(api.impact.revisionImpact({ designId, fromRevision: 0, toRevision: applied.revision + 5 })).rejects.toThrow(/does not exist yet/);
  });

  it('Control Tower: a saved EnableControl shows the cells and principals the guardrail SCP denies, as its preview did', async () => {
    const d = await newDesign(db, 'ct-history-impact');
    const rev = new Revision();
    rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { defaultMaxAccounts: 50 } } }));
    rev.took(await setUpLandingZone(db, {
      ...rev.base(d.designId), homeRegion: 'eu-west-1', governedRegions: ['eu-west-1'],
      logArchive: { accountName: 'Log Archive', email: `log-${d.designId}@example.com` }, audit: { accountName: 'Audit', email: `audit-${d.designId}@example.com` },
    }));
    const sandbox = await db.organizationalUnit.findFirstOrThrow({ where: { root: { organization: { designId: d.designId } }, name: 'Sandbox' }, select: { id: true, awsId: true } });
    const { account } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Dev', email: `dev-${d.designId}@example.com`, parentId: sandbox.id }));
    const calls = [{ api: 'controltower' as const, operation: 'EnableControl', input: { controlIdentifier: 'AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION', targetIdentifier: `arn:aws:organizations::${d.managementAccountId}:ou/o-x/${sandbox.awsId}` } }];
    const preview = await api.impact.preview({ designId: d.designId, calls });
    expect(preview.principals).toContainEqual(expect.objectContaining({ principalArn: `arn:aws:iam::${account.accountId}:role/OrganizationAccountAccessRole`, lost: ['s3:PutReplicationConfiguration'] }));
    const applied = await api.impact.applyCalls({ designId: d.designId, expectedRevision: preview.revision, calls });

    const impact = await api.impact.revisionImpact({ designId: d.designId, fromRevision: preview.revision, toRevision: applied.revision });
    expect(impact.changedCells).toBeGreaterThan(0);
    expect(impactOf(impact)).toEqual(impactOf(preview));
    const back = await api.impact.revisionImpact({ designId: d.designId, fromRevision: applied.revision, toRevision: preview.revision });
    expect(back.changedCells).toBe(impact.changedCells);
    expect(back.principals).toContainEqual(expect.objectContaining({ principalArn: `arn:aws:iam::${account.accountId}:role/OrganizationAccountAccessRole`, gained: ['s3:PutReplicationConfiguration'] }));
  });

  it('RAM: a saved AssociateResourceShare shows who gained use of the subnet, as its preview did', async () => {
    const { d, rev, base, network, workload, subnet } = await ramSetup(db);
    rev.took(await api.ram.enableSharingWithAwsOrganization(base()));
    const created = rev.took(await api.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [] })) as unknown as { resourceShareArn: string };
    const calls = [{ api: 'ram' as const, operation: 'AssociateResourceShare', input: { resourceShareArn: created.resourceShareArn, principals: [workload.accountId] } }];
    const preview = await api.impact.preview({ designId: d.designId, calls, region: 'us-east-1' });
    const role = `arn:aws:iam::${workload.accountId}:role/OrganizationAccountAccessRole`;
    expect(preview.resources.find((entry) => entry.principalArn === role && entry.resourceArn === subnet)?.gained).toContain('ec2:CreateNetworkInterface');
    const applied = await api.impact.applyCalls({ designId: d.designId, expectedRevision: preview.revision, calls });

    const impact = await api.impact.revisionImpact({ designId: d.designId, fromRevision: preview.revision, toRevision: applied.revision, region: 'us-east-1' });
    expect(impactOf(impact)).toEqual(impactOf(preview));
    const back = await api.impact.revisionImpact({ designId: d.designId, fromRevision: applied.revision, toRevision: preview.revision, region: 'us-east-1' });
    expect(back.resources.find((entry) => entry.principalArn === role && entry.resourceArn === subnet)?.lost).toContain('ec2:CreateNetworkInterface');
  });
});
