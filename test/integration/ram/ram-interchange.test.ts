// AWS RAM in the interchange formats, on a real database:
// - the bundle's RAM sections in the AWS CLI's shapes (docs.aws.amazon.com/cli/latest/reference/ram/
//   get-resource-shares.html, list-resources.html, get-resource-share-associations.html,
//   list-resource-share-permissions.html, get-resource-share-invitations.html), round trip identical;
// - a folder of those CLI outputs imports to the same design;
// - Terraform: aws_ram_sharing_with_organization, aws_ram_resource_share, aws_ram_resource_association,
//   aws_ram_principal_association (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ram_*),
//   with "${"/"%{" escaped; CloudFormation: AWS::RAM::ResourceShare
//   (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ram-resourceshare.html), refusing
//   dynamic references.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportDesign, importBundle, importCliFolder } from '../../../server/services/interchange/interchange-service';
import { createResourceShare, enableSharingWithAwsOrganization, ramOverview } from '../../../server/services/ram';
import { createTestDb, uniqueName } from '../../support/db-test-client';
import { RAM, ramSetup } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

type Json = Record<string, unknown>;

async function sharedDesign(shareName = 'shared-subnets') {
  const s = await ramSetup(db);
  s.rev.took(await enableSharingWithAwsOrganization(db, s.base()));
  s.rev.took(await createResourceShare(db, { ...s.base(), ownerAccountId: s.network.accountId, name: shareName, allowExternalPrincipals: false, resourceArns: [s.subnet], principals: [s.ouArn], tags: [{ key: 'team', value: 'network' }] }));
  s.rev.took(await createResourceShare(db, { ...s.base(), ownerAccountId: s.network.accountId, name: 'partner-prefix-list', resourceArns: [s.prefixList], principals: [RAM.PARTNER] }));
  return s;
}

describe('bundle', () => {
  it('writes RAM in the CLI\'s shapes and reads it back identically', async () => {
    const s = await sharedDesign();
    const { document } = await exportDesign(db, s.d.designId, 'bundle');
    const bundle = document as Json;
    const shares = bundle.ResourceShares as Json[];
    expect(shares.map((x) => x.name)).toEqual(expect.arrayContaining(['shared-subnets', 'partner-prefix-list']));
    expect(shares.find((x) => x.name === 'shared-subnets')).toMatchObject({ owningAccountId: '111122223333', allowExternalPrincipals: false, status: 'ACTIVE', tags: [{ key: 'team', value: 'network' }] });
    expect(bundle.ResourceShareResources).toEqual(expect.arrayContaining([expect.objectContaining({ arn: s.subnet, type: 'ec2:Subnet' })]));
    const associations = bundle.ResourceShareAssociations as Json[];
    expect(associations).toEqual(expect.arrayContaining([
      expect.objectContaining({ associatedEntity: s.ouArn, associationType: 'PRINCIPAL', status: 'ASSOCIATED' }),
      expect.objectContaining({ associatedEntity: RAM.PARTNER, associationType: 'PRINCIPAL', status: 'ASSOCIATING' }),
      expect.objectContaining({ associatedEntity: s.subnet, associationType: 'RESOURCE' }),
    ]));
    const subnetShare = shares.find((x) => x.name === 'shared-subnets')!.resourceShareArn as string;
    expect((bundle.ResourceSharePermissions as Json)[subnetShare]).toEqual([expect.objectContaining({ arn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet', version: '1', resourceType: 'ec2:Subnet', permissionType: 'AWS_MANAGED' })]);
    expect(bundle.ResourceShareInvitations).toEqual([expect.objectContaining({ receiverAccountId: RAM.PARTNER, status: 'PENDING', senderAccountId: '111122223333' })]);

    const again = await importBundle(db, bundle, { name: uniqueName('ram round trip') });
    expect((await exportDesign(db, again.designId, 'bundle')).document).toEqual(bundle);
    const overview = await ramOverview(db, again.designId);
    expect(overview.sharingWithOrganizationEnabled).toBe(true);
    expect(overview.shares.find((x) => x.name === 'shared-subnets')!.recipients.map((r) => r.accountId)).toEqual([s.workload.accountId]);
  });

  it('refuses RAM sections that do not hold together, naming the place', async () => {
    const s = await sharedDesign();
    const bundle = (await exportDesign(db, s.d.designId, 'bundle')).document as Json;
    const broken = { ...bundle, ResourceShareAssociations: [{ resourceShareArn: 'arn:aws:ram:us-east-1:111122223333:resource-share/missing', associatedEntity: '123456789012', associationType: 'PRINCIPAL', status: 'ASSOCIATED' }] };
    const error = (await importBundle(db, broken).catch((e: unknown) => e)) as { problems?: { path: string; awsCode?: string }[] };
    expect(error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: '$.ResourceShareAssociations[0].resourceShareArn', awsCode: 'UnknownResourceException' })]));
  });
});

describe('folder of CLI outputs', () => {
  it('imports ram/*.json as the same shares', async () => {
    const s = await sharedDesign();
    const bundle = (await exportDesign(db, s.d.designId, 'bundle')).document as Json;
    const folder = mkdtempSync(join(tmpdir(), 'lzsim-ram-'));
    const write = (file: string, value: unknown) => {
      mkdirSync(join(folder, file, '..'), { recursive: true });
      writeFileSync(join(folder, file), JSON.stringify(value));
    };
    const org = bundle.Organization as Json;
    write('describe-organization.json', { Organization: org });
    write('list-roots.json', { Roots: bundle.Roots });
    write('organizational-units.json', { OrganizationalUnits: bundle.OrganizationalUnits });
    write('list-accounts.json', { Accounts: bundle.Accounts });
    write('list-aws-service-access-for-organization.json', { EnabledServicePrincipals: bundle.EnabledServicePrincipals });
    for (const policy of bundle.Policies as Json[]) {
      const summary = policy.PolicySummary as Json;
      write(`list-policies/${String(summary.Type)}.json`, { Policies: (bundle.Policies as Json[]).filter((p) => (p.PolicySummary as Json).Type === summary.Type).map((p) => p.PolicySummary) });
      write(`describe-policy/${String(summary.Id)}.json`, { Policy: { PolicySummary: summary, Content: policy.Content } });
      write(`list-targets-for-policy/${String(summary.Id)}.json`, { Targets: policy.Targets });
    }
    for (const [account, details] of Object.entries(bundle.AuthorizationDetails as Json)) write(`authorization-details/${account}.json`, details);
    const associations = bundle.ResourceShareAssociations as Json[];
    write('ram/get-resource-shares.json', { resourceShares: bundle.ResourceShares });
    write('ram/list-resources.json', { resources: bundle.ResourceShareResources });
    write('ram/get-resource-share-associations-principal.json', { resourceShareAssociations: associations.filter((a) => a.associationType === 'PRINCIPAL') });
    write('ram/get-resource-share-associations-resource.json', { resourceShareAssociations: associations.filter((a) => a.associationType === 'RESOURCE') });
    for (const [arn, permissions] of Object.entries(bundle.ResourceSharePermissions as Json)) write(`ram/list-resource-share-permissions/${arn.split('/').pop()}.json`, { permissions });
    write('ram/get-resource-share-invitations.json', { resourceShareInvitations: bundle.ResourceShareInvitations });
    const report = await importCliFolder(db, folder, { name: uniqueName('ram folder') });
    const exported = (await exportDesign(db, report.designId, 'bundle')).document as Json;
    for (const key of ['ResourceShares', 'ResourceShareResources', 'ResourceShareAssociations', 'ResourceSharePermissions', 'ResourceShareInvitations']) {
      expect(exported[key]).toEqual(bundle[key]);
    }
  });
});

describe('infrastructure as code', () => {
  it('Terraform declares sharing with the organization, the shares and their associations, escaping templates', async () => {
    const s = await sharedDesign('subnets-${var.x}-%{if}');
    const tf = (await exportDesign(db, s.d.designId, 'terraform')).document as { resource: Record<string, Record<string, Json>>; '//': string };
    expect(tf.resource.aws_ram_sharing_with_organization).toEqual({ this: {} });
    expect(tf.resource.aws_organizations_organization.this.aws_service_access_principals).not.toContain('ram.amazonaws.com');
    const shares = Object.entries(tf.resource.aws_ram_resource_share);
    expect(shares).toHaveLength(2);
    const [subnetKey, subnetShare] = shares.find(([, body]) => String(body.name).startsWith('subnets'))!;
    expect(subnetShare).toEqual({ name: 'subnets-$${var.x}-%%{if}', allow_external_principals: false, permission_arns: ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet'], tags: { team: 'network' } });
    const shareRef = `\${aws_ram_resource_share.${subnetKey}.arn}`;
    expect(Object.values(tf.resource.aws_ram_resource_association)).toEqual(expect.arrayContaining([{ resource_arn: s.subnet, resource_share_arn: shareRef }]));
    expect(Object.values(tf.resource.aws_ram_principal_association)).toEqual(expect.arrayContaining([{ principal: s.ouArn, resource_share_arn: shareRef }, expect.objectContaining({ principal: RAM.PARTNER })]));
    expect(tf['//']).toContain('owner accounts (111122223333)');
  });

  it('CloudFormation declares AWS::RAM::ResourceShare and refuses a dynamic reference in a share', async () => {
    const s = await sharedDesign();
    const cfn = (await exportDesign(db, s.d.designId, 'cloudformation')).document as { Resources: Record<string, { Type: string; Properties: Json }> };
    const shares = Object.values(cfn.Resources).filter((r) => r.Type === 'AWS::RAM::ResourceShare');
    expect(shares.map((r) => r.Properties)).toEqual(expect.arrayContaining([
      { Name: 'shared-subnets', AllowExternalPrincipals: false, PermissionArns: ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet'], Principals: [s.ouArn], ResourceArns: [s.subnet], Tags: [{ Key: 'team', Value: 'network' }] },
      expect.objectContaining({ Name: 'partner-prefix-list', AllowExternalPrincipals: true, Principals: [RAM.PARTNER] }),
    ]));
    const bad = await sharedDesign('{{resolve:ssm:/secret}}');
    const error = await exportDesign(db, bad.d.designId, 'cloudformation').catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain('resolve');
  });
});
