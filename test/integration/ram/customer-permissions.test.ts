// Customer managed RAM permissions on a real database, each rule with the page that states it:
//   shareable.md @ awsdocs 01f545a — ec2:IpamPool "Can use customer managed permissions: Yes", ec2:Subnet "No";
//   managed-permission-considerations.html — one statement, non-negating operators, refused condition keys;
//   API reference CreatePermission / CreatePermissionVersion (policyTemplate: Effect ALLOW, actions of the resource
//     type; the new version becomes the default, existing shares keep theirs; at most 5 versions) and
//     SetDefaultPermissionVersion;
//   security-ram-permissions.html — the template plus the share's principals and resource make the resource policy.
//   IaC: Terraform's aws_ram_permission (name, resource_type, policy_template, tags; AWS provider resource page) and
//     CloudFormation's AWS::RAM::Permission (Name, ResourceType, PolicyTemplate as a map, Tags; Ref returns the ARN;
//     aws-cloudformation-resource-providers-ram aws-ram-permission/docs/README.md): one template, the default version.
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorld } from '../../../server/db/world';
import { compileWorld, evaluate } from '../../../server/engine';
import { undo } from '../../../server/services/history';
import { exportDesign, importBundle } from '../../../server/services/interchange/interchange-service';
import { setQuotaOverrides } from '../../../server/services/organizations';
import {
  associateResourceSharePermission,
  createPermission,
  createPermissionVersion,
  createResourceShare,
  deletePermission,
  enableSharingWithAwsOrganization,
  ramOverview,
  setDefaultPermissionVersion,
} from '../../../server/services/ram';
import { createTestDb, uniqueName } from '../../support/db-test-client';
import { expectAwsError } from '../organizations/helpers';
import { ramSetup } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

const ALLOCATE = JSON.stringify({ Effect: 'Allow', Action: ['ec2:AllocateIpamPoolCidr', 'ec2:GetIpamPoolAllocations'], Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } });
const READ_ONLY = JSON.stringify({ Effect: 'Allow', Action: 'ec2:GetIpamPoolAllocations' });

async function withPool() {
  const s = await ramSetup(db);
  const pool = `arn:aws:ec2:us-east-1:${s.network.accountId}:ipam-pool/ipam-pool-0123456789abcdef0`;
  s.rev.took(await enableSharingWithAwsOrganization(db, s.base()));
  const { permissionArn } = s.rev.took(await createPermission(db, { ...s.base(), ownerAccountId: s.network.accountId, name: 'IpamAllocateOnly', resourceType: 'ec2:IpamPool', policyTemplate: ALLOCATE }));
  return { ...s, pool, permissionArn: permissionArn as string };
}

describe('CreatePermission', () => {
  it('creates version 1 as the default, only for types that accept customer managed permissions, with AWS\'s errors', async () => {
    const { rev, base, network, permissionArn } = await withPool();
    expect(permissionArn).toBe(`arn:aws:ram:us-east-1:${network.accountId}:permission/IpamAllocateOnly`);
    const create = (name: string, resourceType: string, policyTemplate: string) => createPermission(db, { ...base(), ownerAccountId: network.accountId, name, resourceType, policyTemplate });
    await expectAwsError(create('SubnetOnly', 'ec2:Subnet', JSON.stringify({ Effect: 'Allow', Action: 'ec2:DescribeSubnets' })), 'InvalidParameterException');
    await expectAwsError(create('IpamAllocateOnly', 'ec2:IpamPool', READ_ONLY), 'PermissionAlreadyExistsException');
    await expectAwsError(create('Broken', 'ec2:IpamPool', '{"Effect":'), 'MalformedPolicyTemplateException');
    await expectAwsError(create('TwoStatements', 'ec2:IpamPool', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'ec2:GetIpamPoolAllocations' }] })), 'MalformedPolicyTemplateException');
    await expectAwsError(create('WithResource', 'ec2:IpamPool', JSON.stringify({ Effect: 'Allow', Action: 'ec2:GetIpamPoolAllocations', Resource: '*' })), 'MalformedPolicyTemplateException');
    await expectAwsError(create('Deny', 'ec2:IpamPool', JSON.stringify({ Effect: 'Deny', Action: 'ec2:GetIpamPoolAllocations' })), 'InvalidPolicyException');
    await expectAwsError(create('OtherService', 'ec2:IpamPool', JSON.stringify({ Effect: 'Allow', Action: 's3:GetObject' })), 'InvalidPolicyException');
    await expectAwsError(create('Negating', 'ec2:IpamPool', JSON.stringify({ Effect: 'Allow', Action: 'ec2:GetIpamPoolAllocations', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), 'InvalidPolicyException');
    await expectAwsError(create('OrgKey', 'ec2:IpamPool', JSON.stringify({ Effect: 'Allow', Action: 'ec2:GetIpamPoolAllocations', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })), 'InvalidPolicyException');
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 50 }, ram: { maxCustomerManagedPermissionsPerResourceType: 1 } } }));
    await expectAwsError(create('SecondForPools', 'ec2:IpamPool', READ_ONLY), 'PermissionLimitExceededException');
  });

  it('versions: a new version becomes the default, a share keeps the version it has, at most 5 versions', async () => {
    const { d, rev, base, network, workload, ouArn, pool, permissionArn } = await withPool();
    const { resourceShareArn } = rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'pools', resourceArns: [pool], principals: [ouArn], permissionArns: [permissionArn] }));
    const shareOf = async () => (await ramOverview(db, d.designId)).shares.find((s) => s.arn === resourceShareArn)!;
    expect((await shareOf()).permissions).toEqual([expect.objectContaining({ resourceType: 'ec2:IpamPool', permissionArn, permissionName: 'IpamAllocateOnly' })]);

    // The engine reads the share's version (1): allocate allowed in us-east-1 only, under the template's Condition.
    const ask = async (action: string, region: string) => evaluate(compileWorld((await loadWorld(db, d.designId))!), {
      principalArn: `arn:aws:iam::${workload.accountId}:root`, action, resource: pool, context: [{ key: 'aws:RequestedRegion', values: [region], type: 'string' }],
    });
    const allowed = await ask('ec2:AllocateIpamPoolCidr', 'us-east-1');
    expect(allowed.decision).toBe('allowed');
    expect(allowed.trace.find((s) => s.layer === 'resource')!.matched[0]).toMatchObject({ policyId: resourceShareArn });
    expect((await ask('ec2:AllocateIpamPoolCidr', 'eu-west-1')).decision).not.toBe('allowed');
    expect((await ask('ec2:DeleteIpamPool', 'us-east-1')).decision).not.toBe('allowed');

    const v2 = rev.took(await createPermissionVersion(db, { ...base(), permissionArn, policyTemplate: READ_ONLY }));
    expect(v2.version).toBe(2);
    // Existing share keeps version 1: allocation still allowed.
    expect((await ask('ec2:AllocateIpamPoolCidr', 'us-east-1')).decision).toBe('allowed');
    // Moving the share to the default (now 2) narrows it.
    rev.took(await associateResourceSharePermission(db, { ...base(), resourceShareArn, permissionArn, permissionVersion: 2, replace: true }));
    expect((await ask('ec2:AllocateIpamPoolCidr', 'us-east-1')).decision).not.toBe('allowed');
    expect((await ask('ec2:GetIpamPoolAllocations', 'eu-west-1')).decision).toBe('allowed');
    await expectAwsError(associateResourceSharePermission(db, { ...base(), resourceShareArn, permissionArn, permissionVersion: 1, replace: true }), 'InvalidParameterException');

    rev.took(await setDefaultPermissionVersion(db, { ...base(), permissionArn, permissionVersion: 1 }));
    await expectAwsError(setDefaultPermissionVersion(db, { ...base(), permissionArn, permissionVersion: 9 }), 'InvalidParameterException');
    for (let i = 0; i < 3; i++) rev.took(await createPermissionVersion(db, { ...base(), permissionArn, policyTemplate: READ_ONLY }));
    await expectAwsError(createPermissionVersion(db, { ...base(), permissionArn, policyTemplate: READ_ONLY }), 'PermissionVersionsLimitExceededException');
    await expectAwsError(deletePermission(db, { ...base(), permissionArn }), 'OperationNotPermittedException');
  });

  it('is refused for a share of another account or Region, and undone with its history', async () => {
    const { rev, base, network, workload, pool, permissionArn } = await withPool();
    const otherPool = `arn:aws:ec2:us-east-1:${workload.accountId}:ipam-pool/ipam-pool-0fedcba9876543210`;
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: workload.accountId, name: 'not-mine', resourceArns: [otherPool], permissionArns: [permissionArn] }), 'UnknownResourceException');
    const westPool = `arn:aws:ec2:us-west-2:${network.accountId}:ipam-pool/ipam-pool-0aaaaaaaaaaaaaaa0`;
    await expectAwsError(createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'west', region: 'us-west-2', resourceArns: [westPool], permissionArns: [permissionArn] }), 'UnknownResourceException');
    void pool;
    rev.took(await deletePermission(db, { ...base(), permissionArn }));
    rev.took(await undo(db, base()));
    await expectAwsError(createPermission(db, { ...base(), ownerAccountId: network.accountId, name: 'IpamAllocateOnly', resourceType: 'ec2:IpamPool', policyTemplate: READ_ONLY }), 'PermissionAlreadyExistsException');
  });
});

describe('interchange', () => {
  it('writes every version in get-permission\'s shape and reads the design back identically, shares using it included', async () => {
    const { d, rev, base, network, ouArn, pool, permissionArn } = await withPool();
    rev.took(await createPermissionVersion(db, { ...base(), permissionArn, policyTemplate: READ_ONLY }));
    rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'pools', resourceArns: [pool], principals: [ouArn], permissionArns: [permissionArn] }));
    const bundle = (await exportDesign(db, d.designId, 'bundle')).document as Record<string, unknown>;
    expect((bundle.RamPermissions as Record<string, unknown[]>)[permissionArn]).toEqual([
      expect.objectContaining({ arn: permissionArn, version: '1', defaultVersion: false, name: 'IpamAllocateOnly', resourceType: 'ec2:IpamPool', permission: ALLOCATE, permissionType: 'CUSTOMER_MANAGED' }),
      expect.objectContaining({ version: '2', defaultVersion: true, permission: READ_ONLY }),
    ]);
    const again = await importBundle(db, bundle, { name: uniqueName('ram cmp round trip') });
    expect((await exportDesign(db, again.designId, 'bundle')).document).toEqual(bundle);

    const overview = await ramOverview(db, d.designId);
    expect(overview.customerPermissions).toEqual([expect.objectContaining({
      arn: permissionArn, name: 'IpamAllocateOnly', ownerAccountId: network.accountId, resourceType: 'ec2:IpamPool', defaultVersion: 2,
      versions: [expect.objectContaining({ version: 1, policyTemplate: ALLOCATE }), expect.objectContaining({ version: 2, policyTemplate: READ_ONLY })],
      usedBy: [expect.objectContaining({ resourceShareName: 'pools', version: 2 })],
    })]);

    const broken = structuredClone(bundle) as Record<string, Record<string, Record<string, unknown>[]>>;
    broken.RamPermissions[permissionArn][0].permission = JSON.stringify({ Effect: 'Allow', Action: 'ec2:GetIpamPoolAllocations', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } });
    await expect(importBundle(db, broken, { name: uniqueName('ram cmp broken') })).rejects.toThrow(/RamPermissions.*aws:SourceAccount/s);
  });

  it('Terraform declares aws_ram_permission with the default version and the share refers to it; older versions are named in the comment', async () => {
    const { d, rev, base, network, ouArn, pool, permissionArn } = await withPool();
    rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'pools', resourceArns: [pool], principals: [ouArn], permissionArns: [permissionArn] }));
    rev.took(await createPermissionVersion(db, { ...base(), permissionArn, policyTemplate: READ_ONLY }));
    const tf = (await exportDesign(db, d.designId, 'terraform')).document as { resource: Record<string, Record<string, Record<string, unknown>>>; '//': string };
    const [[key, body]] = Object.entries(tf.resource.aws_ram_permission);
    expect(body).toEqual({ name: 'IpamAllocateOnly', resource_type: 'ec2:IpamPool', policy_template: READ_ONLY });
    const share = Object.values(tf.resource.aws_ram_resource_share).find((s) => s.name === 'pools')!;
    expect(share.permission_arns).toEqual([`\${aws_ram_permission.${key}.arn}`]);
    expect(tf['//']).toContain('IpamAllocateOnly (default v2; also v1)');
  });

  it('CloudFormation declares AWS::RAM::Permission with its template as a map and the share refers to it with Ref', async () => {
    const { d, rev, base, network, ouArn, pool, permissionArn } = await withPool();
    rev.took(await createResourceShare(db, { ...base(), ownerAccountId: network.accountId, name: 'pools', resourceArns: [pool], principals: [ouArn], permissionArns: [permissionArn] }));
    const cfn = (await exportDesign(db, d.designId, 'cloudformation')).document as { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: unknown }> };
    const [[id, permission]] = Object.entries(cfn.Resources).filter(([, r]) => r.Type === 'AWS::RAM::Permission');
    expect(permission.Properties).toEqual({ Name: 'IpamAllocateOnly', ResourceType: 'ec2:IpamPool', PolicyTemplate: JSON.parse(ALLOCATE) });
    expect(permission.Metadata).toMatchObject({ Lzsim: { OwnerAccountId: network.accountId, Region: 'us-east-1', DefaultVersion: 1 } });
    const share = Object.values(cfn.Resources).find((r) => r.Type === 'AWS::RAM::ResourceShare' && r.Properties.Name === 'pools')!;
    expect(share.Properties.PermissionArns).toEqual([{ Ref: id }]);
  });
});
