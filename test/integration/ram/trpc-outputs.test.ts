// Every RAM edit through the tRPC caller, so each answer passes its own exact output schema (server/schemas/ram.ts):
// a field the service adds or drops without the schema fails here, not in the browser. The flows are those of
// resource-shares.test.ts and customer-permissions.test.ts, which cite the RAM pages.
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import { createTestDb } from '../../support/db-test-client';
import { RAM, ramSetup } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

const ALLOCATE = JSON.stringify({ Effect: 'Allow', Action: ['ec2:AllocateIpamPoolCidr', 'ec2:GetIpamPoolAllocations'] });
const READ_ONLY = JSON.stringify({ Effect: 'Allow', Action: 'ec2:GetIpamPoolAllocations' });

describe('typed outputs of the RAM procedures', () => {
  it('answers each edit with its declared shape', async () => {
    const { d, rev, base, network, ouArn, subnet, prefixList } = await ramSetup(db);
    const caller = createCaller(createInnerContext({ db }));

    expect(rev.took(await caller.ram.enableSharingWithAwsOrganization(base())).returnValue).toBe(true);
    const subnets = rev.took(await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'subnets', resourceArns: [subnet], principals: [ouArn] }));
    expect(subnets.resourceShareArn).toMatch(/^arn:aws:ram:/);
    expect(rev.took(await caller.ram.updateResourceShare({ ...base(), resourceShareArn: subnets.resourceShareArn, name: 'shared-subnets' })).resourceShareArn).toBe(subnets.resourceShareArn);

    const partner = rev.took(await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'partner', resourceArns: [prefixList], principals: [RAM.PARTNER, '222233334444'] }));
    const invitations = (await caller.ram.overview({ designId: d.designId })).shares.find((share) => share.arn === partner.resourceShareArn)!.principals;
    const accepted = rev.took(await caller.ram.acceptResourceShareInvitation({ ...base(), resourceShareInvitationArn: invitations.find((p) => p.principal === RAM.PARTNER)!.invitationArn! }));
    expect(accepted.resourceShareInvitation).toMatchObject({ resourceShareArn: partner.resourceShareArn, status: 'ACCEPTED' });
    const rejected = rev.took(await caller.ram.rejectResourceShareInvitation({ ...base(), resourceShareInvitationArn: invitations.find((p) => p.principal === '222233334444')!.invitationArn! }));
    expect(rejected.resourceShareInvitation.status).toBe('REJECTED');
    const removed = rev.took(await caller.ram.disassociateResourceShare({ ...base(), resourceShareArn: partner.resourceShareArn, principals: [RAM.PARTNER] }));
    expect(removed).toMatchObject({ principalsRemoved: 1, resourcesRemoved: 0 });
    const added = rev.took(await caller.ram.associateResourceShare({ ...base(), resourceShareArn: partner.resourceShareArn, principals: [RAM.PARTNER] }));
    expect(added).toMatchObject({ principalsAdded: 1, resourcesAdded: 0 });
    expect(rev.took(await caller.ram.deleteResourceShare({ ...base(), resourceShareArn: partner.resourceShareArn })).returnValue).toBe(true);

    const pool = `arn:aws:ec2:us-east-1:${network.accountId}:ipam-pool/ipam-pool-0123456789abcdef0`;
    const permission = rev.took(await caller.ram.createPermission({ ...base(), ownerAccountId: network.accountId, name: 'IpamAllocateOnly', resourceType: 'ec2:IpamPool', policyTemplate: ALLOCATE }));
    expect(permission.version).toBe(1);
    const pools = rev.took(await caller.ram.createResourceShare({ ...base(), ownerAccountId: network.accountId, name: 'pools', resourceArns: [pool], principals: [ouArn], permissionArns: [permission.permissionArn] }));
    expect(rev.took(await caller.ram.createPermissionVersion({ ...base(), permissionArn: permission.permissionArn, policyTemplate: READ_ONLY })).version).toBe(2);
    const moved = rev.took(await caller.ram.associateResourceSharePermission({ ...base(), resourceShareArn: pools.resourceShareArn, permissionArn: permission.permissionArn, permissionVersion: 2, replace: true }));
    expect(moved).toMatchObject({ resourceShareArn: pools.resourceShareArn, returnValue: true });
    expect(rev.took(await caller.ram.setDefaultPermissionVersion({ ...base(), permissionArn: permission.permissionArn, permissionVersion: 1 })).version).toBe(1);
    rev.took(await caller.ram.deleteResourceShare({ ...base(), resourceShareArn: pools.resourceShareArn }));
    expect(rev.took(await caller.ram.deletePermission({ ...base(), permissionArn: permission.permissionArn })).returnValue).toBe(true);
  });
});
