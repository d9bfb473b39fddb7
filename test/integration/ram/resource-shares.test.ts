// AWS RAM resource shares on a real database. Each rule cites the RAM page that states it:
//   getting-started-sharing.html — only the management account enables sharing with AWS Organizations; sharing with
//     the organization or an OU needs it; inside the organization there is no invitation.
//   working-with-shared-invitations.html — accounts outside the organization get an invitation to accept or reject.
//   shareable.html — ec2:Subnet only inside the organization, not with IAM roles/users; ec2:PrefixList may go outside;
//     codebuild:Project may go to IAM roles and users; service principals only for types whose "Can share with service
//     principals" is Yes: here only acm-pca:CertificateAuthority, which privateca/latest/userguide/
//     connector-for-ad-getting-started-prerequisites.html shares with the Connector for AD service.
//   tshoot-sharing-outside-org.html — the two errors of sharing outside the organization.
//   working-with-sharing-create.html — only resources you own; only the default permission version.
//   getting-started-terms-and-concepts.html — AWSRAMDefaultPermissionSubnet is the subnet default permission.
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import { loadWorld } from '../../../server/db/world';
import { compileWorld, evaluate } from '../../../server/engine';
import { undo, redo } from '../../../server/services/history';
import { setQuotaOverrides } from '../../../server/services/organizations';
import {
  acceptResourceShareInvitation,
  associateResourceShare,
  associateResourceSharePermission,
  createResourceShare,
  deleteResourceShare,
  disassociateResourceShare,
  enableSharingWithAwsOrganization,
  ramOverview,
  rejectResourceShareInvitation,
  sharedWithAccount,
  updateResourceShare,
} from '../../../server/services/ram';
import { createTestDb } from '../../support/db-test-client';
import { expectAwsError } from '../organizations/helpers';
import { RAM, ramSetup } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

const { PARTNER } = RAM;
const setup = () => ramSetup(db);

describe('sharing with AWS Organizations', () => {
  it('is needed to share with an OU or the organization, and only the management account enables it', async () => {
    const { rev, base, network, ouArn, orgArn, subnet } = await setup();
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [ouArn] }), 'OperationNotPermittedException');
    await expectAwsError(enableSharingWithAwsOrganization(db, { ...base(), callerAccountId: network.accountId }), 'OperationNotPermittedException');
    rev.took(await enableSharingWithAwsOrganization(db, base()));
    const created = rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [ouArn, orgArn] }));
    expect(created.resourceShareArn).toMatch(/^arn:aws:ram:us-east-1:111122223333:resource-share\/[0-9a-f-]{36}$/);
  });
});

describe('resource shares', () => {
  it('shares a subnet with an OU: immediate access for every account below it, under the default permission', async () => {
    const { d, rev, base, network, workload, ouArn, subnet } = await setup();
    rev.took(await enableSharingWithAwsOrganization(db, base()));
    rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'shared-subnets', allowExternalPrincipals: false, resourceArns: [subnet], principals: [ouArn], tags: [{ key: 'team', value: 'network' }] }));
    const { shares } = await ramOverview(db, d.designId);
    expect(shares).toHaveLength(1);
    const [share] = shares;
    expect(share).toMatchObject({
      name: 'shared-subnets',
      owningAccountId: '111122223333',
      allowExternalPrincipals: false,
      tags: [{ key: 'team', value: 'network' }],
      resources: [{ arn: subnet, type: 'ec2:Subnet' }],
      principals: [{ principal: ouArn, principalType: 'ORGANIZATIONAL_UNIT', status: 'ASSOCIATED', external: false, invitationArn: null }],
      permissions: [{ resourceType: 'ec2:Subnet', permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet', permissionName: 'AWSRAMDefaultPermissionSubnet', defaultVersion: true }],
      hasExternalPrincipals: false,
    });
    expect(share.recipients.map((r) => r.accountId)).toEqual([workload.accountId]);
    const shared = await sharedWithAccount(db, d.designId, workload.accountId);
    expect(shared.entries).toEqual([expect.objectContaining({ resourceArn: subnet, owningAccountId: network.accountId, permissionName: 'AWSRAMDefaultPermissionSubnet', via: ouArn, status: 'ASSOCIATED' })]);
  });

  it('refuses what AWS refuses: org-only types outside, external principals when not allowed, IAM principals, resources not owned', async () => {
    const { d, rev, base, network, subnet, prefixList } = await setup();
    rev.took(await enableSharingWithAwsOrganization(db, base()));
    const owner = network.accountId;
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: owner, name: 's', resourceArns: [subnet], principals: [PARTNER] }), 'OperationNotPermittedException');
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: owner, name: 'p', allowExternalPrincipals: false, resourceArns: [prefixList], principals: [PARTNER] }), 'InvalidParameterException');
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: owner, name: 'r', resourceArns: [subnet], principals: ['arn:aws:iam::444455556666:role/App'] }), 'InvalidParameterException');
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: owner, name: 'm', resourceArns: ['subnet-0123'] }), 'MalformedArnException');
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: owner, name: 'o', resourceArns: ['arn:aws:ec2:us-east-1:222233334444:subnet/subnet-1'] }), 'UnknownResourceException');
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: owner, name: 'x', resourceArns: ['arn:aws:s3:::bucket'] }), 'InvalidParameterException');
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: owner, name: 'y', principals: ['arn:aws:organizations::123456789012:organization/o-zzzzzzzzzz'] }), 'UnknownResourceException');
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: owner, name: 'z', principals: ['not a principal'] }), 'InvalidParameterException');
    // A service principal for a type whose "Can share with service principals" is not Yes (unverified No for every
    // type here: see shareable-resource-types.ts), on create and when the type joins a share that names one.
    const refused = createResourceShare(db, { ...base(), ownerAccountId: owner, name: 'svc', resourceArns: [subnet], principals: ['ec2.amazonaws.com'] });
    await expectAwsError(refused, 'InvalidParameterException');
    await expect(refused).rejects.toThrow(/ec2:Subnet cannot be shared with the service principal ec2\.amazonaws\.com/);
    // A CodeBuild project may go to an IAM role (shareable.html: "Can share with IAM roles and users": Yes).
    const project = `arn:aws:codebuild:us-east-1:${owner}:project/build`;
    const ok = rev.took(await createResourceShare(db, { ...base(), ownerAccountId: owner, name: 'builds', resourceArns: [project], principals: ['arn:aws:iam::444455556666:role/App'] }));
    // Adding a subnet to a share that already has an IAM role principal breaks the subnet's rule.
    await expectAwsError(associateResourceShare(db, { ...base(), resourceShareArn: ok.resourceShareArn, resourceArns: [subnet] }), 'InvalidParameterException');
    // Nothing of the refused edits was written.
    const { shares } = await ramOverview(db, d.designId);
    expect(shares.map((s) => s.name)).toEqual(['builds']);
    expect(shares[0].resources.map((r) => r.type)).toEqual(['codebuild:Project']);
  });

  it('shares a private CA with the Connector for AD service principal, without an invitation, and refuses a subnet joining that share', async () => {
    const { d, rev, base, network, subnet } = await setup();
    const owner = network.accountId;
    const ca = `arn:aws:acm-pca:us-east-1:${owner}:certificate-authority/11223344-1234-1122-2233-112233445566`;
    const created = rev.took(await createResourceShare(db, { ...base(), ownerAccountId: owner, name: 'ca-for-connector', resourceArns: [ca], principals: ['pca-connector-ad.amazonaws.com'] }));
    let [share] = (await ramOverview(db, d.designId)).shares;
    expect(share.resources.map((r) => r.type)).toEqual(['acm-pca:CertificateAuthority']);
    expect(share.principals).toEqual([expect.objectContaining({ principal: 'pca-connector-ad.amazonaws.com', status: 'ASSOCIATED', external: false })]);
    expect(share.principals[0].invitationArn ?? null).toBeNull();
    // A subnet cannot join a share that names a service principal: no AWS page shows ec2:Subnet shared with one.
    const refused = associateResourceShare(db, { ...base(), resourceShareArn: created.resourceShareArn, resourceArns: [subnet] });
    await expectAwsError(refused, 'InvalidParameterException');
    await expect(refused).rejects.toThrow(/ec2:Subnet cannot be shared with the service principal pca-connector-ad\.amazonaws\.com/);
    [share] = (await ramOverview(db, d.designId)).shares;
    expect(share.resources.map((r) => r.arn)).toEqual([ca]);
  });

  it('invites an account outside the organization: pending until accepted, then associated; reject leaves it out', async () => {
    const { d, rev, base, network, prefixList } = await setup();
    const created = rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'partner-prefix-list', resourceArns: [prefixList], principals: [PARTNER, '222233334444'] }));
    let share = (await ramOverview(db, d.designId)).shares[0];
    const partner = share.principals.find((p) => p.principal === PARTNER)!;
    expect(partner).toMatchObject({ status: 'ASSOCIATING', external: true, invitationStatus: 'PENDING' });
    expect(partner.invitationArn).toMatch(/^arn:aws:ram:us-east-1:111122223333:resource-share-invitation\//);
    expect(share.recipients).toEqual([]);
    expect(share.hasExternalPrincipals).toBe(true);
    await expectAwsError(acceptResourceShareInvitation(db, { ...base(), resourceShareInvitationArn: 'arn:aws:ram:us-east-1:111122223333:resource-share-invitation/nope' }), 'ResourceShareInvitationArnNotFoundException');
    rev.took(await acceptResourceShareInvitation(db, { ...base(), resourceShareInvitationArn: partner.invitationArn! }));
    await expectAwsError(acceptResourceShareInvitation(db, { ...base(), resourceShareInvitationArn: partner.invitationArn! }), 'ResourceShareInvitationAlreadyAcceptedException');
    share = (await ramOverview(db, d.designId)).shares[0];
    expect(share.recipients.map((r) => [r.accountId, r.external])).toEqual([[PARTNER, true]]);
    const other = share.principals.find((p) => p.principal === '222233334444')!;
    rev.took(await rejectResourceShareInvitation(db, { ...base(), resourceShareInvitationArn: other.invitationArn! }));
    await expectAwsError(rejectResourceShareInvitation(db, { ...base(), resourceShareInvitationArn: other.invitationArn! }), 'ResourceShareInvitationAlreadyRejectedException');
    share = (await ramOverview(db, d.designId)).shares[0];
    expect(share.principals.find((p) => p.principal === '222233334444')).toMatchObject({ status: 'DISASSOCIATED', invitationStatus: 'REJECTED' });
    // External principals must go before allowExternalPrincipals can be switched off.
    await expectAwsError(updateResourceShare(db, { ...base(), resourceShareArn: created.resourceShareArn, allowExternalPrincipals: false }), 'InvalidParameterException');
    rev.took(await disassociateResourceShare(db, { ...base(), resourceShareArn: created.resourceShareArn, principals: [PARTNER, '222233334444'] }));
    rev.took(await updateResourceShare(db, { ...base(), resourceShareArn: created.resourceShareArn, allowExternalPrincipals: false, name: 'prefix-list' }));
    expect((await ramOverview(db, d.designId)).shares[0]).toMatchObject({ name: 'prefix-list', allowExternalPrincipals: false, principals: [] });
  });

  it('invites even member accounts while sharing with AWS Organizations is off', async () => {
    const { d, rev, base, network, workload, prefixList } = await setup();
    rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'pl', resourceArns: [prefixList], principals: [workload.accountId] }));
    const [share] = (await ramOverview(db, d.designId)).shares;
    expect(share.principals[0]).toMatchObject({ status: 'ASSOCIATING', external: false, invitationStatus: 'PENDING' });
    const shared = await sharedWithAccount(db, d.designId, workload.accountId);
    expect(shared.entries).toEqual([expect.objectContaining({ status: 'ASSOCIATING', resourceArn: prefixList })]);
  });

  it('attaches only the default version of a permission meant for a type the share holds, and replaces only when asked', async () => {
    const { rev, base, network, subnet } = await setup();
    const { resourceShareArn } = rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], permissionArns: ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet'] }));
    await expectAwsError(associateResourceSharePermission(db, { ...base(), resourceShareArn, permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet', permissionVersion: 2, replace: true }), 'InvalidParameterException');
    await expectAwsError(associateResourceSharePermission(db, { ...base(), resourceShareArn, permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionPrefixList' }), 'InvalidParameterException');
    await expectAwsError(associateResourceSharePermission(db, { ...base(), resourceShareArn, permissionArn: 'arn:aws:ram:us-east-1:111122223333:permission/MySubnetPermission' }), 'UnknownResourceException');
    await expectAwsError(associateResourceSharePermission(db, { ...base(), resourceShareArn: 'arn:aws:ram:us-east-1:111122223333:resource-share/none', permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet' }), 'UnknownResourceException');
    rev.took(await associateResourceSharePermission(db, { ...base(), resourceShareArn, permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet', permissionVersion: 1 }));
  });

  it('counts shares against the account quota, overridable per design', async () => {
    const { rev, base, network } = await setup();
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 50 }, ram: { maxResourceSharesPerAccount: 1, maxPrincipalsPerResourceShare: 1 } } }));
    const { resourceShareArn } = rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'one' }));
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'two' }), 'ResourceShareLimitExceededException');
    await expectAwsError(associateResourceShare(db, { ...base(), resourceShareArn, principals: [PARTNER, '222233334444'] }), 'ResourceShareLimitExceededException');
  });

  // service-quotas.md @ 01f545a: "Maximum number of resource shares per AWS Region" and "Maximum number of pending
  // invitations per sharing account".
  it('counts shares per Region and pending invitations per sharing account', async () => {
    const { rev, base, network } = await setup();
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 50 }, ram: { maxResourceSharesPerAccount: 1, maxPendingInvitationsPerAccount: 2 } } }));
    const { resourceShareArn } = rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'east', principals: [PARTNER] }));
    rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'west', region: 'us-west-2' }));
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'east-2' }), 'ResourceShareLimitExceededException');
    rev.took(await associateResourceShare(db, { ...base(), resourceShareArn, principals: ['222233334444'] }));
    const third = associateResourceShare(db, { ...base(), resourceShareArn, principals: ['333344445555'] });
    await expectAwsError(third, 'ResourceShareLimitExceededException');
  });

  it('undoes a deleted share with every association, and redoes the deletion', async () => {
    const { d, rev, base, network, ouArn, subnet } = await setup();
    rev.took(await enableSharingWithAwsOrganization(db, base()));
    const { resourceShareArn } = rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [ouArn] }));
    const before = (await ramOverview(db, d.designId)).shares;
    rev.took(await deleteResourceShare(db, { ...base(), resourceShareArn }));
    expect((await ramOverview(db, d.designId)).shares).toEqual([]);
    rev.took(await undo(db, base()));
    expect((await ramOverview(db, d.designId)).shares).toEqual(before);
    rev.took(await redo(db, base()));
    expect((await ramOverview(db, d.designId)).shares).toEqual([]);
    rev.took(await undo(db, base()));
    rev.took(await undo(db, base()));
    expect((await ramOverview(db, d.designId)).shares).toEqual([]);
    rev.took(await undo(db, base()));
    expect((await ramOverview(db, d.designId)).sharingWithOrganizationEnabled).toBe(false);
  });
});

describe('evaluation of a stored share', () => {
  it('the design\'s World carries the share: a recipient account\'s root may launch into the shared subnet, the trace names the share', async () => {
    const { d, rev, base, network, workload, ouArn, subnet } = await setup();
    rev.took(await enableSharingWithAwsOrganization(db, base()));
    const { resourceShareArn } = rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'shared-subnets', resourceArns: [subnet], principals: [ouArn] }));
    const world = compileWorld((await loadWorld(db, d.designId))!);
    const result = evaluate(world, { principalArn: `arn:aws:iam::${workload.accountId}:root`, action: 'ec2:RunInstances', resource: subnet, context: [] });
    expect(result.decision).toBe('allowed');
    expect(result.trace.find((s) => s.layer === 'resource')!.matched[0]).toMatchObject({ policyId: resourceShareArn });
    const outsider = evaluate(world, { principalArn: `arn:aws:iam::${d.managementAccountId}:root`, action: 'ec2:RunInstances', resource: subnet, context: [] });
    expect(outsider.reasons).toContain('resource-no-allow');
  });
});

describe('ram router', () => {
  it('speaks AWS error codes and returns the overview in its exact schema', async () => {
    const { d, rev, base, network, ouArn, subnet } = await setup();
    const caller = createCaller(createInnerContext({ db }));
    const refused = await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [ouArn] }).catch((e: unknown) => e);
    expect((refused as { cause?: { awsCode?: string } }).cause?.awsCode).toBe('OperationNotPermittedException');
    rev.took(await caller.ram.enableSharingWithAwsOrganization(base()));
    rev.took(await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [ouArn] }));
    const overview = await caller.ram.overview({ designId: d.designId });
    expect(overview.sharingWithOrganizationEnabled).toBe(true);
    expect(overview.shares[0].recipients).toHaveLength(1);
    expect((await caller.ram.shareableTypes()).find((t) => t.type === 'ec2:Subnet')).toMatchObject({ shareOutsideOrganization: false, defaultPermissionActions: ['ec2:RunInstances', 'ec2:CreateNetworkInterface', 'ec2:DescribeSubnets'] });
  });
});
