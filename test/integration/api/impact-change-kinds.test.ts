// impact.preview and impact.applyCalls for every kind of change besides SCPs and RCPs, on a real database:
// - IAM identity-policy edits (PutRolePolicy, API_PutRolePolicy.html): the role's own gains and losses;
// - management policies (CreatePolicy / AttachPolicy of a TAG_POLICY, orgs_manage_policies_inheritance_mgmt.html):
//   the accounts whose effective tag policy changes;
// - Control Tower EnableControl (controlreference/controls.html: preventive controls are SCPs; API_EnableControl.html):
//   the aws-guardrails SCP it rewrites on the OU, and what it denies;
// - RAM AssociateResourceShare (security-ram-permissions.html: the managed permission becomes the resource's policy):
//   who gains use of the shared subnet; DisassociateResourceShare of an OU under a region guard (the request on the
//   subnet goes to the subnet's Region: reference_policies_condition-keys.html#condition-keys-requestedregion);
//   CreateResourceShare (API_CreateResourceShare.html), previewed then applied.
import { readFile } from 'node:fs/promises';
import { TRPCError } from '@trpc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { setUpLandingZone } from '@/server/services/control-tower/landing-zone';
import { importBundle } from '@/server/services/interchange/interchange-service';
import { createAccount, setQuotaOverrides } from '@/server/services/organizations';
import { createTestDb, uniqueName } from '../../support/db-test-client';
import { newDesign, Revision } from '../organizations/helpers';
import { ramSetup } from '../ram/helpers';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
afterAll(async () => {
  await db.$disconnect();
});

async function sampleDesign(): Promise<string> {
  const bundle = JSON.parse(await readFile(new URL('../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as unknown;
  return (await importBundle(db, bundle, { name: uniqueName('impact-kinds') })).designId;
}

const ADMIN_ROLE = 'arn:aws:iam::100000000005:role/OrganizationAccountAccessRole';

describe('impact of IAM, management-policy, Control Tower and RAM changes', () => {
  it('IAM: an inline deny on a role previews the actions the role loses, and applies as one IAM revision', async () => {
    const designId = await sampleDesign();
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['ec2:RunInstances', 'ec2:TerminateInstances'], Resource: '*' }] });
    const calls = [{ api: 'iam' as const, accountId: '100000000005', operation: 'PutRolePolicy', input: { RoleName: 'OrganizationAccountAccessRole', PolicyName: 'NoInstances', PolicyDocument: document } }];
    const preview = await api.impact.preview({ designId, calls, region: 'eu-central-1' });
    expect(preview.changedCells).toBe(0);
    expect(preview.principals).toEqual([{ principalArn: ADMIN_ROLE, accountId: '100000000005', gained: [], lost: ['ec2:RunInstances', 'ec2:TerminateInstances'] }]);
    const applied = await api.impact.applyCalls({ designId, expectedRevision: preview.revision, calls });
    expect(applied).toEqual({ revision: preview.revision + 1, applied: 1 });
    // Applied: the same deny again changes nothing (PutRolePolicy replaces the policy of that name).
    expect((await api.impact.preview({ designId, calls })).principals).toEqual([]);
    await expect(api.impact.preview({ designId, calls: [{ ...calls[0], input: { ...calls[0].input, RoleName: 'NoSuchRole' } }] }))
      .rejects.toSatisfy((error: unknown) => error instanceof TRPCError && (error.cause as { awsCode?: string }).awsCode === 'NoSuchEntity');
  });

  it('management policies: a tag policy attached to Prod changes the effective tag policy of payments-prod only', async () => {
    const designId = await sampleDesign();
    const content = JSON.stringify({ tags: { environment: { tag_key: { '@@assign': 'Environment' }, tag_value: { '@@assign': ['prod'] } } } });
    const calls = [
      { operation: 'CreatePolicy', input: { Name: 'EnvironmentTags', Type: 'TAG_POLICY', Content: content, Description: 'env' } },
      { operation: 'AttachPolicy', input: { PolicyId: 'EnvironmentTags', TargetId: 'ou-lz7a-prod0001' } },
    ];
    const preview = await api.impact.preview({ designId, calls });
    expect(preview.changedCells).toBe(0);
    expect(preview.management).toHaveLength(1);
    expect(preview.management[0]).toMatchObject({ accountId: '100000000005', accountName: 'payments-prod', type: 'TAG_POLICY', keys: ['tags'] });
    expect(JSON.stringify(preview.management[0].after)).toContain('Environment');
    expect(JSON.stringify(preview.management[0].before)).not.toContain('Environment');
    const applied = await api.impact.applyCalls({ designId, expectedRevision: preview.revision, calls });
    expect(applied.applied).toBe(2);
    // Applied: creating it again is refused as AWS refuses it.
    await expect(api.impact.preview({ designId, calls: [calls[0]] }))
      .rejects.toSatisfy((error: unknown) => error instanceof TRPCError && (error.cause as { awsCode?: string }).awsCode === 'DuplicatePolicyException');
  });

  it('Control Tower: enabling a preventive control previews the guardrail SCP it deploys on the OU, then applies', async () => {
    const d = await newDesign(db, 'ct-impact');
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
    const group = preview.groups.find((entry) => entry.accounts.some((entry_) => entry_.accountId === account.accountId))!;
    // Denied for every principal but AWSControlTowerExecution (the exemption Control Tower writes into the statement).
    expect(group.actions).toContainEqual({ action: 's3:PutReplicationConfiguration', before: 'allowed', after: expect.stringMatching(/^(explicitDeny|deniedExcept)$/) });
    expect(preview.principals).toContainEqual(expect.objectContaining({ principalArn: `arn:aws:iam::${account.accountId}:role/OrganizationAccountAccessRole`, lost: ['s3:PutReplicationConfiguration'] }));
    await expect(api.impact.preview({ designId: d.designId, calls: [{ ...calls[0], input: { ...calls[0].input, controlIdentifier: 'AWS-GR_NO_SUCH' } }] }))
      .rejects.toSatisfy((error: unknown) => error instanceof TRPCError && (error.cause as { awsCode?: string }).awsCode === 'ResourceNotFoundException');
    const applied = await api.impact.applyCalls({ designId: d.designId, expectedRevision: preview.revision, calls });
    expect(applied.applied).toBe(1);
    // Enabled now: the same call is refused as Control Tower refuses it.
    await expect(api.impact.preview({ designId: d.designId, calls }))
      .rejects.toSatisfy((error: unknown) => error instanceof TRPCError && (error.cause as { awsCode?: string }).awsCode === 'ConflictException');
  });

  it('RAM: removing an OU from a subnet share under a region-guard SCP previews, with no region given, who loses the subnet', async () => {
    const { d, rev, base, network, workload, subnet, ouArn } = await ramSetup(db);
    rev.took(await api.ram.enableSharingWithAwsOrganization(base()));
    // The sample landing zone's guard: everything but IAM and STS denied outside the allowed Regions (the subnet's is us-east-1).
    const guard = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'RegionGuard', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } }] });
    const guarded = await api.impact.applyCalls({ designId: d.designId, expectedRevision: rev.value, calls: [
      { operation: 'CreatePolicy', input: { Name: 'RegionGuard', Type: 'SERVICE_CONTROL_POLICY', Content: guard } },
      { operation: 'AttachPolicy', input: { PolicyId: 'RegionGuard', TargetId: d.rootAwsId } },
    ] });
    rev.value = guarded.revision;
    const created = rev.took(await api.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [ouArn] })) as unknown as { resourceShareArn: string };
    const calls = [{ api: 'ram' as const, operation: 'DisassociateResourceShare', input: { resourceShareArn: created.resourceShareArn, principals: [ouArn] } }];
    const preview = await api.impact.preview({ designId: d.designId, calls });
    const role = `arn:aws:iam::${workload.accountId}:role/OrganizationAccountAccessRole`;
    const lost = preview.resources.find((entry) => entry.principalArn === role && entry.resourceArn === subnet);
    expect(lost?.lost).toContain('ec2:CreateNetworkInterface');
    expect(lost?.gained).toEqual([]);
  });

  it('RAM: CreateResourceShare previews who gains use of the subnet, saves nothing, then applies as one revision', async () => {
    const { d, rev, base, network, workload, subnet } = await ramSetup(db);
    rev.took(await api.ram.enableSharingWithAwsOrganization(base()));
    const calls = [{ api: 'ram' as const, operation: 'CreateResourceShare', accountId: network.accountId, input: { name: 'payments-subnets', resourceArns: [subnet], principals: [workload.accountId] } }];
    const preview = await api.impact.preview({ designId: d.designId, calls });
    const role = `arn:aws:iam::${workload.accountId}:role/OrganizationAccountAccessRole`;
    expect(preview.resources.find((entry) => entry.principalArn === role && entry.resourceArn === subnet)?.gained).toContain('ec2:CreateNetworkInterface');
    expect((await api.ram.overview({ designId: d.designId })).shares.map((share) => share.name)).not.toContain('payments-subnets');
    const applied = await api.impact.applyCalls({ designId: d.designId, expectedRevision: preview.revision, calls });
    expect(applied.revision).toBe(preview.revision + 1);
    const share = (await api.ram.overview({ designId: d.designId })).shares.find((entry) => entry.name === 'payments-subnets');
    expect(share?.resources.map((resource) => resource.arn)).toEqual([subnet]);
    expect(share?.principals.map((principal) => principal.principal)).toEqual([workload.accountId]);
    // Without the owning account the call is refused before anything runs.
    await expect(api.impact.preview({ designId: d.designId, calls: [{ ...calls[0], accountId: undefined }] }))
      .rejects.toSatisfy((error: unknown) => error instanceof TRPCError && (error.cause as { awsCode?: string }).awsCode === 'UnknownResourceException');
  });

  it('RAM: associating an account with a subnet share previews who gains use of the subnet', async () => {
    const { d, rev, base, network, workload, subnet } = await ramSetup(db);
    rev.took(await api.ram.enableSharingWithAwsOrganization(base()));
    const created = rev.took(await api.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [] })) as unknown as { resourceShareArn: string };
    const calls = [{ api: 'ram' as const, operation: 'AssociateResourceShare', input: { resourceShareArn: created.resourceShareArn, principals: [workload.accountId] } }];
    const preview = await api.impact.preview({ designId: d.designId, calls, region: 'us-east-1' });
    const role = `arn:aws:iam::${workload.accountId}:role/OrganizationAccountAccessRole`;
    const gained = preview.resources.find((entry) => entry.principalArn === role && entry.resourceArn === subnet);
    expect(gained?.gained).toContain('ec2:CreateNetworkInterface');
    expect(gained?.lost).toEqual([]);
    const applied = await api.impact.applyCalls({ designId: d.designId, expectedRevision: preview.revision, calls });
    expect(applied.applied).toBe(1);
    expect((await api.impact.preview({ designId: d.designId, calls: [{ ...calls[0], operation: 'DisassociateResourceShare' }], region: 'us-east-1' })).resources
      .find((entry) => entry.principalArn === role)?.lost).toContain('ec2:CreateNetworkInterface');
  });
});
