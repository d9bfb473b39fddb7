// The engine's table of shareable types against AWS's own page: every row of shareable.md @ 01f545a (copied in
// test/fixtures/ram/shareable-2023-04.csv) must have the same three flags here, and the default permission names
// must be the ones RAM's permissions.md @ 01f545a lists (https://docs.aws.amazon.com/ram/latest/userguide/permissions.html).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHAREABLE_RESOURCE_TYPES, shareableType, shareableTypeOfArn } from '@/server/engine/ram/shareable-resource-types';

interface CsvRow { type: string; iam: boolean; outside: boolean; cmp: boolean }

function readCsv(): CsvRow[] {
  const [header, ...lines] = readFileSync(join(__dirname, '../../fixtures/ram/shareable-2023-04.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  return lines.map((line) => {
    // Resource names may hold commas inside quotes; the last four fields never do.
    const fields = line.split(',');
    const tail = fields.slice(-4);
    expect(columns.slice(-4)).toEqual(['resource_type_code', 'share_with_iam_roles_users', 'share_outside_org', 'customer_managed_permissions']);
    expect(at('resource_type_code')).toBe(columns.length - 4);
    return { type: tail[0], iam: tail[1] === 'Yes', outside: tail[2] === 'Yes', cmp: tail[3] === 'Yes' };
  });
}

describe('shareable resource types', () => {
  const rows = readCsv();

  it('has every type of the 2023-04 page with the page\'s three flags', () => {
    expect(rows).toHaveLength(44);
    for (const row of rows) {
      const entry = shareableType(row.type);
      expect(entry, row.type).toBeDefined();
      // A flag a later service page changed is checked against that page's value instead (see the next test).
      const was = (flag: 'shareWithIamPrincipals' | 'shareOutsideOrganization' | 'customerManagedPermissions', value: boolean) =>
        entry!.updates.some((u) => u.flag === flag) ? value : entry![flag];
      expect({ type: row.type, iam: was('shareWithIamPrincipals', row.iam), outside: was('shareOutsideOrganization', row.outside), cmp: was('customerManagedPermissions', row.cmp) }).toEqual(row);
      expect(entry!.source).toBe('awsdocs-2023-04');
      expect(entry!.verified).toHaveLength(3);
    }
  });

  it('marks the later types with the service page read and only the flags that page states', () => {
    const later = SHAREABLE_RESOURCE_TYPES.filter((t) => t.source === 'service-page');
    expect(later.map((t) => t.type).sort()).toEqual(['appsync:Apis', 'ec2:SecurityGroup', 'route53profiles:Profile', 'vpc-lattice:ResourceConfiguration', 'vpc-lattice:Service', 'vpc-lattice:ServiceNetwork']);
    expect(shareableType('vpc-lattice:ServiceNetwork')!.verified).toEqual(['shareOutsideOrganization']);
    expect(shareableType('route53profiles:Profile')!.customerManagedPermissions).toBe(true);
    expect(shareableType('ec2:SecurityGroup')!.verified).toEqual([]);
    for (const type of later) expect(type.sourceUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('carries the flags later service pages changed, with the page: AWS Private CA now accepts customer managed permissions', () => {
    const pca = shareableType('acm-pca:CertificateAuthority')!;
    expect(pca.customerManagedPermissions).toBe(true);
    expect(pca.updates).toEqual([{ flag: 'customerManagedPermissions', value: true, url: 'https://docs.aws.amazon.com/privateca/latest/userguide/pca-cmp.html' }]);
    expect(rows.find((r) => r.type === 'acm-pca:CertificateAuthority')!.cmp).toBe(false);
    expect(SHAREABLE_RESOURCE_TYPES.filter((t) => t.updates.length > 0).map((t) => t.type)).toEqual(['acm-pca:CertificateAuthority']);
  });

  it('models "Can share with service principals" as unverified No for every type (the column could not be read)', () => {
    for (const type of SHAREABLE_RESOURCE_TYPES) {
      expect(type.shareWithServicePrincipals, type.type).toBe(false);
      expect(type.verified).not.toContain('shareWithServicePrincipals');
    }
  });

  it('names default permissions as RAM\'s permissions page does, not by a guessed pattern', () => {
    const name = (type: string) => shareableType(type)!.defaultPermission.name;
    expect(name('ec2:TrafficMirrorTarget')).toBe('AWSRAMDefaultPermissionTrafficMirror');
    expect(name('ec2:LocalGatewayRouteTable')).toBe('AWSRAMDefaultPermissionLocalGateway');
    expect(name('rds:Cluster')).toBe('AWSRAMDefaultPermissionRDSCluster');
    expect(name('acm-pca:CertificateAuthority')).toBe('AWSRAMDefaultPermissionCertificateAuthority');
    expect(name('network-firewall:FirewallPolicy')).toBe('AWSRAMDefaultPermissionNetworkFirewallPolicy');
    expect(shareableType('imagebuilder:ImageRecipe')!.defaultPermission.arn).toBe('arn:aws:ram::aws:permission/AWSRAMDefaultPermissionImageBuilderImageRecipe');
    expect(shareableType('networkmanager:CoreNetwork')!.defaultPermission).toMatchObject({ name: 'AWSRAMDefaultPermissionsNetworkManagerCoreNetwork', defaultVersion: 3, nameSource: 'doc' });
    expect(shareableType('appmesh:Mesh')!.defaultPermission.defaultVersion).toBe(3);
    expect(shareableType('ec2:IpamPool')!.defaultPermission.nameSource).toBe('pattern');
    const names = SHAREABLE_RESOURCE_TYPES.map((t) => t.defaultPermission.arn);
    expect(new Set(names).size).toBe(names.length);
  });

  it('recognises the type of a resource ARN by its longest prefix', () => {
    expect(shareableTypeOfArn('arn:aws:ec2:us-east-1:111122223333:transit-gateway-multicast-domain/tgw-mcast-domain-0123')!.type).toBe('ec2:TransitGatewayMulticastDomain');
    expect(shareableTypeOfArn('arn:aws:imagebuilder:us-east-1:111122223333:image-recipe/r/1.0.0')!.type).toBe('imagebuilder:ImageRecipe');
    expect(shareableTypeOfArn('arn:aws:appsync:us-east-1:111122223333:apis/abcdefghijklmnopqrstuvwxyz')!.type).toBe('appsync:Apis');
  });
});
