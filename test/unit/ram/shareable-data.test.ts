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
      // The page's three columns are verified; the fourth (service principals) only where a page shows it (below).
      expect(entry!.verified.filter((flag) => flag !== 'shareWithServicePrincipals')).toEqual(['shareWithIamPrincipals', 'shareOutsideOrganization', 'customerManagedPermissions']);
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

  it('says Yes to "Can share with service principals" only where an AWS page shows the type shared with a service', () => {
    // privateca/latest/userguide/connector-for-ad-getting-started-prerequisites.html: "You then need to share the
    // private CA and directory with the Connector for AD service" (the share names pca-connector-ad.amazonaws.com).
    const pca = shareableType('acm-pca:CertificateAuthority')!;
    expect(pca.shareWithServicePrincipals).toBe(true);
    expect(pca.verified).toContain('shareWithServicePrincipals');
    expect(pca.servicePrincipalsUrl).toBe('https://docs.aws.amazon.com/privateca/latest/userguide/connector-for-ad-getting-started-prerequisites.html');
    // Every other type: shareable.html's column could not be read, so No, unverified and without a page.
    for (const type of SHAREABLE_RESOURCE_TYPES.filter((t) => t.type !== 'acm-pca:CertificateAuthority')) {
      expect(type.shareWithServicePrincipals, type.type).toBe(false);
      expect(type.verified, type.type).not.toContain('shareWithServicePrincipals');
      expect(type.servicePrincipalsUrl, type.type).toBeNull();
    }
  });

  it('reads default permission actions from AWS pages, each with its page, and grants nothing where none was found', () => {
    const permission = (type: string) => shareableType(type)!.defaultPermission;
    // getting-started-terms-and-concepts.html, "Managed permission"; also the policy in aws-cli's get-resource-policies example.
    expect(permission('ec2:Subnet')).toMatchObject({
      actions: ['ec2:RunInstances', 'ec2:CreateNetworkInterface', 'ec2:DescribeSubnets'],
      actionsSource: 'doc',
      actionsUrl: 'https://docs.aws.amazon.com/ram/latest/userguide/getting-started-terms-and-concepts.html',
    });
    // build-and-manage-xaccount.html: "The AWSRAMDefaultPermissionSageMakerPipeline policy allows the following read-only actions".
    expect(permission('sagemaker:Pipeline')).toMatchObject({
      actions: ['sagemaker:DescribePipeline', 'sagemaker:DescribePipelineDefinitionForExecution', 'sagemaker:DescribePipelineExecution', 'sagemaker:ListPipelineExecutions', 'sagemaker:ListPipelineExecutionSteps', 'sagemaker:ListPipelineParametersForExecution', 'sagemaker:Search'],
      actionsSource: 'doc',
    });
    // merged-api.html: the default "includes the permission for appsync:AssociateMergedGraphqlApi ... as well as the appsync:SourceGraphQL permission".
    expect(permission('appsync:Apis')).toMatchObject({ actions: ['appsync:AssociateMergedGraphqlApi', 'appsync:SourceGraphQL'], actionsSource: 'doc', actionsUrl: 'https://docs.aws.amazon.com/appsync/latest/devguide/merged-api.html' });
    // Route53/latest/APIReference/API_route53resolver_PutResolverRulePolicy.html: the operations a sharing policy may grant.
    expect(permission('route53resolver:ResolverRule')).toMatchObject({
      actions: ['route53resolver:GetResolverRule', 'route53resolver:AssociateResolverRule', 'route53resolver:DisassociateResolverRule', 'route53resolver:ListResolverRules', 'route53resolver:ListResolverRuleAssociations'],
      actionsSource: 'service-api',
      actionsUrl: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_PutResolverRulePolicy.html',
    });
    // API_route53resolver_PutResolverQueryLogConfigPolicy.html.
    expect(permission('route53resolver:ResolverQueryLogConfig').actions).toEqual(['route53resolver:AssociateResolverQueryLogConfig', 'route53resolver:DisassociateResolverQueryLogConfig', 'route53resolver:ListResolverQueryLogConfigs']);
    // network-firewall/latest/APIReference/API_PutResourcePolicy.html: one list for rule groups, one for firewall policies.
    expect(permission('network-firewall:StatefulRuleGroup').actions).toEqual(['network-firewall:CreateFirewallPolicy', 'network-firewall:UpdateFirewallPolicy', 'network-firewall:ListRuleGroups']);
    expect(permission('network-firewall:StatelessRuleGroup').actions).toEqual(permission('network-firewall:StatefulRuleGroup').actions);
    expect(permission('network-firewall:FirewallPolicy').actions).toEqual(['network-firewall:CreateFirewall', 'network-firewall:UpdateFirewall', 'network-firewall:AssociateFirewallPolicy', 'network-firewall:ListFirewallPolicies']);
    // Still inferred (no action list found), but named with the page they are inferred from.
    expect(permission('ec2:TransitGateway')).toMatchObject({ actionsSource: 'inferred', actionsUrl: 'https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-share.html' });
    expect(permission('ec2:PrefixList')).toMatchObject({ actionsSource: 'inferred', actionsUrl: 'https://docs.aws.amazon.com/vpc/latest/userguide/sharing-perms.html' });
    for (const type of SHAREABLE_RESOURCE_TYPES) {
      const p = type.defaultPermission;
      if (p.actionsSource === 'unknown') {
        expect(p.actions, type.type).toEqual([]);
        expect(p.actionsUrl, type.type).toBeNull();
      } else {
        expect(p.actions.length, type.type).toBeGreaterThan(0);
        expect(p.actionsUrl, type.type).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
        // Every action belongs to the owning service (or EC2, for the VPC types).
        for (const action of p.actions) expect(action.split(':')[0], `${type.type} ${action}`).toBe(type.type.split(':')[0]);
      }
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
    expect(shareableType('ec2:CoipPool')!.defaultPermission).toMatchObject({ name: 'AWSRAMDefaultPermissionCoipPool', nameSource: 'pattern', nameUrl: null });
    expect(shareableType('ec2:Subnet')!.defaultPermission.nameUrl).toBe('https://docs.aws.amazon.com/ram/latest/userguide/permissions.html');
  });

  it('names every default RAM\'s 2021 permission tables name (security-ram-permissions.md @ 4a13718)', () => {
    const [header, ...lines] = readFileSync(join(__dirname, '../../fixtures/ram/default-permission-names-2021-10.csv'), 'utf8').trim().split(/\r?\n/);
    expect(header).toBe('resource_type_code,default_permission_name');
    expect(lines).toHaveLength(31);
    for (const line of lines) {
      const [type, name] = line.split(',');
      expect(shareableType(type)?.defaultPermission, type).toMatchObject({ name, arn: `arn:aws:ram::aws:permission/${name}`, nameSource: 'doc' });
    }
  });

  it('names the defaults their own service pages name (the RAM pattern guessed all five wrong)', () => {
    const permission = (type: string) => shareableType(type)!.defaultPermission;
    // vpc/latest/ipam/share-pool-ipam.html: "AWSRAMDefaultPermissionsIpamPool: Choose this permission to allow principals to
    // view the CIDRs and allocations in the shared IPAM pool and allocate/release CIDRs in the pool" (actions inferred from that).
    expect(permission('ec2:IpamPool')).toMatchObject({
      name: 'AWSRAMDefaultPermissionsIpamPool',
      nameUrl: 'https://docs.aws.amazon.com/vpc/latest/ipam/share-pool-ipam.html',
      actions: ['ec2:GetIpamPoolCidrs', 'ec2:GetIpamPoolAllocations', 'ec2:AllocateIpamPoolCidr', 'ec2:ReleaseIpamPoolAllocation'],
      actionsSource: 'inferred',
    });
    // sagemaker/latest/dg/build-and-manage-xaccount.html, "Default read-only permissions".
    expect(permission('sagemaker:Pipeline')).toMatchObject({ name: 'AWSRAMDefaultPermissionSageMakerPipeline', nameSource: 'doc', nameUrl: 'https://docs.aws.amazon.com/sagemaker/latest/dg/build-and-manage-xaccount.html' });
    // appsync/latest/devguide/merged-api.html: "The default permission set that's added when sharing an AWS AppSync API".
    expect(permission('appsync:Apis')).toMatchObject({ name: 'AWSRAMPermissionAppSyncSourceApiOperationAccess', arn: 'arn:aws:ram::aws:permission/AWSRAMPermissionAppSyncSourceApiOperationAccess' });
    // Route53/latest/DeveloperGuide/sharing-profiles.html: "the default policy AWSRAMPermissionRoute53ProfileAllowAssociation".
    expect(permission('route53profiles:Profile')).toMatchObject({ name: 'AWSRAMPermissionRoute53ProfileAllowAssociation', actionsSource: 'unknown' });
    // eventbridge/latest/userguide/connection-private-rc-provider.html: "includes the necessary share policy, AWSRAMPermissionVpcLatticeResourceConfiguration".
    expect(permission('vpc-lattice:ResourceConfiguration')).toMatchObject({ name: 'AWSRAMPermissionVpcLatticeResourceConfiguration', nameSource: 'doc' });
    const names = SHAREABLE_RESOURCE_TYPES.map((t) => t.defaultPermission.arn);
    expect(new Set(names).size).toBe(names.length);
  });

  it('recognises the type of a resource ARN by its longest prefix', () => {
    expect(shareableTypeOfArn('arn:aws:ec2:us-east-1:111122223333:transit-gateway-multicast-domain/tgw-mcast-domain-0123')!.type).toBe('ec2:TransitGatewayMulticastDomain');
    expect(shareableTypeOfArn('arn:aws:imagebuilder:us-east-1:111122223333:image-recipe/r/1.0.0')!.type).toBe('imagebuilder:ImageRecipe');
    expect(shareableTypeOfArn('arn:aws:appsync:us-east-1:111122223333:apis/abcdefghijklmnopqrstuvwxyz')!.type).toBe('appsync:Apis');
  });
});
