// Which recipients of a share their own SCPs stop (what-is.html: "Any policies and permissions in that account apply
// to the shared resource"; orgs_manage_policies_scps_evaluation.html: an SCP Deny at any level of the account's path
// wins, whatever a resource-based policy grants), through the router, on a real database.
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import { attachPolicy, createAccount, createPolicy, enablePolicyType, updatePolicy } from '../../../server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { createPermission } from '../../../server/services/ram';
import { RAM, ramSetup } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());
const scp = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('ram.shareScpStops', () => {
  it('names, per recipient, the permission actions its SCPs deny and the SCP and level that deny them', async () => {
    const { d, rev, base, network, workload, workloadsOu: workloads, prodOu: prod, ouArn, subnet, prefixList } = await ramSetup(db);
    const caller = createCaller(createInnerContext({ db }));
    const { account: dev } = rev.took(await createAccount(db, { ...base(), accountName: 'Dev', email: `dev-${d.designId}@example.com`, accountId: '777788889999', parentId: workloads.id }));
    const { policy } = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'NoLaunchInProd', content: scp([{ Sid: 'NoLaunch', Effect: 'Deny', Action: ['ec2:RunInstances', 'ec2:CreateNetworkInterface'], Resource: '*' }]) }));
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.id, targetId: prod.id }));
    rev.took(await caller.ram.enableSharingWithAwsOrganization(base()));
    rev.took(await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [ouArn] }));
    rev.took(await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'partner-lists', allowExternalPrincipals: true, resourceArns: [prefixList], principals: [RAM.PARTNER] }));

    const stops = await caller.ram.shareScpStops({ designId: d.designId });
    const subnets = stops.shares.find((share) => share.recipients.some((r) => r.accountId === workload.accountId))!;
    const payments = subnets.recipients.find((r) => r.accountId === workload.accountId)!;
    expect(payments.stop).toBe('some');
    expect(payments.stopped.map((s) => s.action).sort()).toEqual(['ec2:CreateNetworkInterface', 'ec2:RunInstances']);
    expect(payments.stopped[0]).toMatchObject({ decision: 'denied', kind: 'explicitDeny', policyName: 'NoLaunchInProd', levelName: 'Prod', resourceType: 'ec2:Subnet' });
    expect(subnets.recipients.find((r) => r.accountId === dev.accountId)).toMatchObject({ stop: 'none', stopped: [] });
    // The owner is not a recipient; a pending invitation reaches nobody yet.
    expect(subnets.recipients.map((r) => r.accountId)).not.toContain(network.accountId);
    expect(stops.shares.find((share) => share !== subnets)?.recipients).toEqual([]);

    // Deny the last action too: every action of the permission is stopped.
    const { policy: reads } = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'NoDescribe', content: scp([{ Effect: 'Deny', Action: 'ec2:Describe*', Resource: '*' }]) }));
    rev.took(await attachPolicy(db, { ...base(), policyId: reads.id, targetId: prod.id }));
    const after = await caller.ram.shareScpStops({ designId: d.designId });
    expect(after.shares.flatMap((s) => s.recipients).find((r) => r.accountId === workload.accountId)?.stop).toBe('all');
  });

  it('leaves accounts outside the organization to their own SCPs, which the design does not hold', async () => {
    const { d, rev, base, network, prefixList } = await ramSetup(db);
    const caller = createCaller(createInnerContext({ db }));
    const { resourceShareArn } = rev.took(await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'lists', allowExternalPrincipals: true, resourceArns: [prefixList], principals: [RAM.PARTNER] })) as unknown as { resourceShareArn: string };
    const overview = await caller.ram.overview({ designId: d.designId });
    const invitation = overview.shares[0].principals[0].invitationArn!;
    rev.took(await caller.ram.acceptResourceShareInvitation({ ...base(), resourceShareInvitationArn: invitation }));
    const stops = await caller.ram.shareScpStops({ designId: d.designId });
    expect(stops.shares).toEqual([{ shareArn: resourceShareArn, recipients: [expect.objectContaining({ accountId: RAM.PARTNER, stop: 'none', external: true, note: expect.stringContaining('outside the organization') })] }]);
    // ec2 is not a service RCPs support (orgs_manage_policies_rcps.html): the owner's RCPs cannot bear on a prefix list.
    expect(stops.shares[0].recipients[0].rcpNote).toMatch(/RCPs do not apply: ec2 is not among the services/);
  });

  it('asks in the shared resource\'s Region: a Region-restricting SCP stops a share only outside its allowed Regions', async () => {
    const { d, rev, base, network, workload, workloadsOu, ouArn, subnet } = await ramSetup(db);
    const caller = createCaller(createInnerContext({ db }));
    const onlyIn = (region: string) => scp([{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': [region] } } }]);
    const { policy } = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Regions', content: onlyIn('us-east-1') }));
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.id, targetId: workloadsOu.id }));
    rev.took(await caller.ram.enableSharingWithAwsOrganization(base()));
    rev.took(await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [ouArn] }));
    const verdict = async () => (await caller.ram.shareScpStops({ designId: d.designId })).shares[0].recipients.find((r) => r.accountId === workload.accountId)!;
    // The subnet is in us-east-1, the one Region allowed: nothing is stopped, and nothing "depends".
    expect(await verdict()).toMatchObject({ stop: 'none', conditional: [] });
    rev.took(await updatePolicy(db, { ...base(), policyId: policy.id, content: onlyIn('eu-west-1') }));
    expect(await verdict()).toMatchObject({ stop: 'all', stopped: expect.arrayContaining([expect.objectContaining({ action: 'ec2:RunInstances', policyName: 'Regions', levelName: 'Workloads' })]) });
  });

  // An SCP naming resources (matrix answer "conditional") is decided on the shared resource's own ARN.
  it('decides a resource-specific SCP on the shared resource: stopped when it names the shared subnet, not when it names another', async () => {
    const { d, rev, base, network, workload, workloadsOu, ouArn, subnet } = await ramSetup(db);
    const caller = createCaller(createInnerContext({ db }));
    const denyOn = (arn: string) => scp([{ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: arn }]);
    const { policy } = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'NoLaunchHere', content: denyOn(subnet) }));
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.id, targetId: workloadsOu.id }));
    rev.took(await caller.ram.enableSharingWithAwsOrganization(base()));
    rev.took(await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [ouArn] }));
    const verdict = async () => (await caller.ram.shareScpStops({ designId: d.designId })).shares[0].recipients.find((r) => r.accountId === workload.accountId)!;
    expect(await verdict()).toMatchObject({ stop: 'some', external: false, conditional: [], stopped: [expect.objectContaining({ action: 'ec2:RunInstances', policyType: 'SCP', policyName: 'NoLaunchHere', levelName: 'Workloads', resourceArn: subnet })] });
    rev.took(await updatePolicy(db, { ...base(), policyId: policy.id, content: denyOn(subnet.replace('subnet-0123456789abcdef0', 'subnet-0ffffffffffffffff')) }));
    expect(await verdict()).toMatchObject({ stop: 'none', stopped: [], conditional: [] });
  });

  // orgs_manage_policies_rcps.html: RCPs apply to the resources of the accounts they are attached to, whoever calls;
  // CodeBuild is among the services RCPs support. A customer managed permission grants codebuild:BatchGetProjects.
  it('applies the owner\'s RCPs to every recipient of an RCP-supported type, outside the organization too', async () => {
    const { d, rev, base, network, workload, ouArn } = await ramSetup(db);
    const caller = createCaller(createInnerContext({ db }));
    const project = `arn:aws:codebuild:us-east-1:${network.accountId}:project/shared-build`;
    rev.took(await enablePolicyType(db, { ...base(), type: 'RESOURCE_CONTROL_POLICY' }));
    const org = await db.organization.findUniqueOrThrow({ where: { designId: d.designId }, select: { awsId: true } });
    const { policy } = rev.took(await createPolicy(db, {
      ...base(), type: 'RESOURCE_CONTROL_POLICY', name: 'OrgOnlyBuilds',
      content: scp([{ Sid: 'OrgOnly', Effect: 'Deny', Principal: '*', Action: 'codebuild:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': org.awsId } } }]),
    }));
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.id, targetId: network.id }));
    rev.took(await caller.ram.enableSharingWithAwsOrganization(base()));
    const { permissionArn } = rev.took(await createPermission(db, { ...base(), ownerAccountId: network.accountId, name: 'ReadProject', resourceType: 'codebuild:Project', policyTemplate: JSON.stringify({ Effect: 'Allow', Action: 'codebuild:BatchGetProjects' }) }));
    const { resourceShareArn } = rev.took(await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'builds', resourceArns: [project], principals: [ouArn, RAM.PARTNER], permissionArns: [permissionArn as string] })) as unknown as { resourceShareArn: string };
    const invitation = (await caller.ram.overview({ designId: d.designId })).shares[0].principals.find((p) => p.principal === RAM.PARTNER)!.invitationArn!;
    rev.took(await caller.ram.acceptResourceShareInvitation({ ...base(), resourceShareInvitationArn: invitation }));
    const share = (await caller.ram.shareScpStops({ designId: d.designId })).shares.find((s) => s.shareArn === resourceShareArn)!;
    expect(share.recipients.find((r) => r.accountId === workload.accountId)).toMatchObject({ stop: 'none', external: false, stopped: [] });
    expect(share.recipients.find((r) => r.accountId === RAM.PARTNER)).toMatchObject({
      stop: 'all', external: true,
      stopped: [expect.objectContaining({ action: 'codebuild:BatchGetProjects', policyType: 'RCP', kind: 'explicitDeny', policyName: 'OrgOnlyBuilds', resourceArn: project })],
    });
    expect(share.recipients[0].rcpNote).toBeUndefined();
  });
});
