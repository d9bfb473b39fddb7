// AWS RAM in the decision engine.
// - The managed permission acts as the shared resource's resource-based policy for the share's principals:
//   https://docs.aws.amazon.com/ram/latest/userguide/security-ram-permissions.html ("AWS RAM then authors the
//   resource-based policy that it attaches to all resources in that resource share").
// - The subnet default permission grants ec2:RunInstances, ec2:CreateNetworkInterface, ec2:DescribeSubnets:
//   https://docs.aws.amazon.com/ram/latest/userguide/getting-started-terms-and-concepts.html ("Managed permission").
// - Recipients' own policies still apply ("Any policies and permissions in that account apply to the shared
//   resource"): https://docs.aws.amazon.com/ram/latest/userguide/what-is.html; cross-account requests need both sides:
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
// - RAM condition keys, one request context per principal and per resource:
//   https://docs.aws.amazon.com/ram/latest/userguide/security-scp.html (Example 1: prevent external sharing) and
//   https://docs.aws.amazon.com/ram/latest/userguide/security-iam-policies-examples.html (Examples 1 and 2).
import { describe, expect, it } from 'vitest';
import { compileWorld, evaluate, externalAccessFindings } from '../../../../server/engine';
import { ramRequestContexts } from '../../../../server/engine/ram/request-context';
import type { AccountIam, ContextEntry, RamShare, World } from '../../../../server/engine/types';

const ORG = 'o-a1b2c3d4e5';
const MGMT = '111111111111';
const NETWORK = '222222222222';
const PROD = '333333333333';
const SANDBOX = '444444444444';
const PARTNER = '999999999999';
const SUBNET = `arn:aws:ec2:us-east-1:${NETWORK}:subnet/subnet-0a1b2c3d4e5f60718`;
const PREFIX_LIST = `arn:aws:ec2:us-east-1:${NETWORK}:prefix-list/pl-0123456789abcdef0`;
const WORKLOADS_OU_ARN = `arn:aws:organizations::${MGMT}:ou/${ORG}/ou-ab12-22222222`;
const SHARE_ARN = `arn:aws:ram:us-east-1:${NETWORK}:resource-share/11111111-2222-3333-4444-555555555555`;

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ALLOW_ALL = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);

function account(id: string, roles: { name: string; policy?: string }[]): AccountIam {
  return {
    users: [],
    groups: [],
    managedPolicies: [],
    roles: roles.map((role) => ({
      arn: `arn:aws:iam::${id}:role/${role.name}`,
      name: role.name,
      path: '/',
      trustPolicy: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: 'sts:AssumeRole' }]),
      attachedPolicyArns: [],
      inlinePolicies: role.policy ? [{ name: 'app', document: role.policy }] : [],
      tags: [],
    })),
  };
}

function world(options: { shareStatus?: string; scpOnProd?: string; scpTarget?: string; shares?: RamShare[] } = {}): World {
  const ec2Launch = doc([{ Effect: 'Allow', Action: ['ec2:RunInstances', 'ec2:DeleteSubnet'], Resource: '*' }]);
  const share: RamShare = {
    arn: SHARE_ARN,
    name: 'shared-network-subnets',
    ownerAccountId: NETWORK,
    allowExternalPrincipals: false,
    resources: [{ arn: SUBNET, type: 'ec2:Subnet' }],
    principals: [{ principal: WORKLOADS_OU_ARN, status: options.shareStatus ?? 'ASSOCIATED' }],
    permissions: [{ resourceType: 'ec2:Subnet', permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet', permissionVersion: 1 }],
  };
  const policies: World['policies'] = [{ id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', document: ALLOW_ALL, awsManaged: true }];
  const attachments = ['r-ab12', 'ou-ab12-22222222', 'ou-ab12-33333333', NETWORK, PROD, SANDBOX].map((targetId) => ({ policyId: 'p-FullAWSAccess', targetId }));
  if (options.scpOnProd) {
    policies.push({ id: 'p-prodguard', name: 'ProdGuard', type: 'SCP', document: options.scpOnProd });
    attachments.push({ policyId: 'p-prodguard', targetId: options.scpTarget ?? 'ou-ab12-33333333' });
  }
  return {
    organization: { id: ORG, managementAccountId: MGMT, featureSet: 'ALL', enabledPolicyTypes: ['SCP'] },
    orgUnits: [
      { id: 'r-ab12', name: 'Root' },
      { id: 'ou-ab12-22222222', name: 'Workloads', parentId: 'r-ab12' },
      { id: 'ou-ab12-33333333', name: 'Prod', parentId: 'ou-ab12-22222222' },
    ],
    accounts: [
      { id: MGMT, name: 'management', parentId: 'r-ab12' },
      { id: NETWORK, name: 'network', parentId: 'r-ab12' },
      { id: PROD, name: 'prod', parentId: 'ou-ab12-33333333' },
      { id: SANDBOX, name: 'sandbox', parentId: 'r-ab12' },
      { id: PARTNER, name: 'partner' },
    ],
    policies,
    attachments,
    iam: {
      [MGMT]: account(MGMT, []),
      [NETWORK]: account(NETWORK, []),
      [PROD]: account(PROD, [{ name: 'app', policy: ec2Launch }, { name: 'readonly' }]),
      [SANDBOX]: account(SANDBOX, [{ name: 'app', policy: ec2Launch }]),
      [PARTNER]: account(PARTNER, [{ name: 'app', policy: ec2Launch }]),
    },
    resourcePolicies: [],
    ramShares: options.shares ?? [share],
  };
}

const ask = (w: World, principalArn: string, action: string, resource: string, context: ContextEntry[] = []) =>
  evaluate(compileWorld(w), { principalArn, action, resource, context });

describe('a shared subnet', () => {
  it('lets a workload role in a recipient OU launch into it: its identity policy plus the RAM permission, the trace naming both', () => {
    const result = ask(world(), `arn:aws:iam::${PROD}:role/app`, 'ec2:RunInstances', SUBNET);
    expect(result.decision).toBe('allowed');
    expect(result.reasons).toEqual(expect.arrayContaining(['identity-allow', 'resource-allow']));
    const resource = result.trace.find((step) => step.layer === 'resource')!;
    expect(resource.outcome).toBe('allow');
    expect(resource.matched[0]).toMatchObject({ policyId: SHARE_ARN, sid: 'RamShareGrant1' });
    expect(resource.matched[0].policyName).toContain('shared-network-subnets');
    expect(resource.matched[0].policyName).toContain('AWSRAMDefaultPermissionSubnet v1');
    // ec2:Subnet's actions are AWS's (getting-started-terms-and-concepts.html): not marked inferred.
    expect(resource.matched[0].policyName).not.toContain('inferred');
    expect(resource.note).toContain('AWS RAM');
  });

  it('needs the recipient role\'s own identity permission', () => {
    const result = ask(world(), `arn:aws:iam::${PROD}:role/readonly`, 'ec2:RunInstances', SUBNET);
    expect(result).toMatchObject({ decision: 'implicitDeny', reasons: ['identity-no-allow'] });
  });

  it('grants only what the managed permission allows', () => {
    const result = ask(world(), `arn:aws:iam::${PROD}:role/app`, 'ec2:DeleteSubnet', SUBNET);
    expect(result).toMatchObject({ decision: 'implicitDeny', reasons: ['resource-no-allow'] });
  });

  it('still applies the recipient account\'s SCPs', () => {
    const scp = doc([{ Sid: 'NoLaunch', Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }]);
    const result = ask(world({ scpOnProd: scp }), `arn:aws:iam::${PROD}:role/app`, 'ec2:RunInstances', SUBNET);
    expect(result).toMatchObject({ decision: 'explicitDeny', reasons: ['scp-deny'] });
  });

  it('reaches nobody outside the principals it names, and nobody while the association is pending', () => {
    expect(ask(world(), `arn:aws:iam::${SANDBOX}:role/app`, 'ec2:RunInstances', SUBNET)).toMatchObject({ decision: 'implicitDeny', reasons: ['resource-no-allow'] });
    expect(ask(world({ shareStatus: 'ASSOCIATING' }), `arn:aws:iam::${PROD}:role/app`, 'ec2:RunInstances', SUBNET)).toMatchObject({ decision: 'implicitDeny', reasons: ['resource-no-allow'] });
  });

  it('grants an accepted external account the permission\'s actions on a prefix list', () => {
    const share: RamShare = {
      arn: `arn:aws:ram:us-east-1:${NETWORK}:resource-share/partner`, name: 'partner-prefix-list', ownerAccountId: NETWORK, allowExternalPrincipals: true,
      resources: [{ arn: PREFIX_LIST, type: 'ec2:PrefixList' }],
      principals: [{ principal: PARTNER, status: 'ASSOCIATED' }],
      permissions: [{ resourceType: 'ec2:PrefixList', permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionPrefixList' }],
    };
    const partnerPolicy = doc([{ Effect: 'Allow', Action: 'ec2:GetManagedPrefixListEntries', Resource: '*' }]);
    const w = world({ shares: [share] });
    w.iam[PARTNER] = account(PARTNER, [{ name: 'app', policy: partnerPolicy }]);
    const result = ask(w, `arn:aws:iam::${PARTNER}:role/app`, 'ec2:GetManagedPrefixListEntries', PREFIX_LIST);
    expect(result.decision).toBe('allowed');
    // No published template of AWSRAMDefaultPermissionPrefixList was found: the trace says its actions are inferred.
    expect(result.trace.find((step) => step.layer === 'resource')!.matched[0].policyName).toContain('actions inferred from the service\'s sharing page');
  });

  it('grants a shared forwarding rule the operations Route 53 Resolver lets a sharing policy grant, and the trace names that page', () => {
    // API_route53resolver_PutResolverRulePolicy.html lists GetResolverRule, AssociateResolverRule,
    // DisassociateResolverRule, ListResolverRules and ListResolverRuleAssociations; nothing else.
    const rule = `arn:aws:route53resolver:us-east-1:${NETWORK}:resolver-rule/rslvr-rr-0123456789abcdef0`;
    const share: RamShare = {
      arn: `arn:aws:ram:us-east-1:${NETWORK}:resource-share/dns`, name: 'shared-dns-rules', ownerAccountId: NETWORK, allowExternalPrincipals: false,
      resources: [{ arn: rule, type: 'route53resolver:ResolverRule' }],
      principals: [{ principal: WORKLOADS_OU_ARN, status: 'ASSOCIATED' }],
      permissions: [{ resourceType: 'route53resolver:ResolverRule', permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionResolverRule' }],
    };
    const w = world({ shares: [share] });
    w.iam[PROD] = account(PROD, [{ name: 'dns', policy: ALLOW_ALL }]);
    const role = `arn:aws:iam::${PROD}:role/dns`;
    const associate = ask(w, role, 'route53resolver:AssociateResolverRule', rule);
    expect(associate.decision).toBe('allowed');
    const label = associate.trace.find((step) => step.layer === 'resource')!.matched[0].policyName;
    expect(label).toContain('AWSRAMDefaultPermissionResolverRule v1');
    expect(label).toContain('operations the service\'s API lets a sharing policy grant');
    expect(label).toContain('https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_PutResolverRulePolicy.html');
    expect(ask(w, role, 'route53resolver:ListResolverRuleAssociations', rule).decision).toBe('allowed');
    // Not among the operations the page lists: the recipient cannot change or delete the owner's rule.
    expect(ask(w, role, 'route53resolver:UpdateResolverRule', rule)).toMatchObject({ decision: 'implicitDeny', reasons: ['resource-no-allow'] });
    expect(ask(w, role, 'route53resolver:DeleteResolverRule', rule)).toMatchObject({ decision: 'implicitDeny', reasons: ['resource-no-allow'] });
  });
});

describe('RAM condition keys', () => {
  // security-scp.html, Example 1: Prevent external sharing.
  const preventExternal = doc([{ Effect: 'Deny', Action: ['ram:CreateResourceShare', 'ram:UpdateResourceShare'], Resource: '*', Condition: { Bool: { 'ram:RequestedAllowsExternalPrincipals': 'true' } } }]);
  const decide = (w: World, principalArn: string, action: string, contexts: ContextEntry[][]) =>
    contexts.map((context) => ask(w, principalArn, action, '*', context).decision);

  it('the "prevent external sharing" SCP denies a share that allows external principals, and allows one that does not', () => {
    const w = world({ scpOnProd: preventExternal });
    const role = `arn:aws:iam::${PROD}:role/admin`;
    w.iam[PROD] = account(PROD, [{ name: 'admin', policy: ALLOW_ALL }]);
    const external = ramRequestContexts({ action: 'ram:CreateResourceShare', allowExternalPrincipals: true, principals: [PARTNER], resourceArns: [] });
    expect(decide(w, role, 'ram:CreateResourceShare', external)).toEqual(['explicitDeny']);
    const internal = ramRequestContexts({ action: 'ram:CreateResourceShare', allowExternalPrincipals: false, principals: [WORKLOADS_OU_ARN] });
    expect(decide(w, role, 'ram:CreateResourceShare', internal)).toEqual(['allowed']);
  });

  it('authorizes each principal and each resource in its own context: ram:RequestedResourceType is absent when a principal is associated', () => {
    // security-iam-policies-examples.html, Example 2: allow sharing of resolver rules only (StringEqualsIfExists).
    const onlyResolverRules = doc([{ Effect: 'Allow', Action: ['ram:CreateResourceShare', 'ram:AssociateResourceShare'], Resource: '*', Condition: { StringEqualsIfExists: { 'ram:RequestedResourceType': 'route53resolver:ResolverRule' } } }]);
    const w = world();
    w.iam[PROD] = account(PROD, [{ name: 'sharer', policy: onlyResolverRules }]);
    const role = `arn:aws:iam::${PROD}:role/sharer`;
    const contexts = ramRequestContexts({ action: 'ram:AssociateResourceShare', principals: [SANDBOX, MGMT], resourceArns: [SUBNET] });
    expect(contexts).toHaveLength(3);
    expect(contexts[0]).toEqual([{ key: 'ram:Principal', values: [SANDBOX], type: 'string' }]);
    expect(contexts[2]).toEqual([
      { key: 'ram:ResourceArn', values: [SUBNET], type: 'string' },
      { key: 'ram:RequestedResourceType', values: ['ec2:Subnet'], type: 'string' },
    ]);
    // Both principal contexts pass (the key is absent); the subnet's context does not: the call is refused.
    expect(decide(w, role, 'ram:AssociateResourceShare', contexts)).toEqual(['allowed', 'allowed', 'implicitDeny']);
  });

  // service-authorization reference, list_awsresourceaccessmanagerram.html: ram:PermissionArn ("Filters access based on
  // the specified Permission ARN") and ram:ResourceArn ("Filters access based on resource with the specified ARN").
  it('ram:PermissionArn and ram:ResourceArn decide in policies: only the default subnet permission, never one named subnet', () => {
    const guard = doc([
      { Sid: 'OnlyDefaultSubnetPermission', Effect: 'Deny', Action: ['ram:CreateResourceShare', 'ram:AssociateResourceSharePermission'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'ram:PermissionArn': 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet' } } },
      { Sid: 'NeverThisSubnet', Effect: 'Deny', Action: 'ram:CreateResourceShare', Resource: '*', Condition: { StringEquals: { 'ram:ResourceArn': SUBNET } } },
    ]);
    const w = world({ scpOnProd: guard });
    w.iam[PROD] = account(PROD, [{ name: 'admin', policy: ALLOW_ALL }]);
    const role = `arn:aws:iam::${PROD}:role/admin`;
    const other = SUBNET.replace('subnet-0a1b2c3d4e5f60718', 'subnet-0ffffffffffffffff');
    const create = (resourceArns: string[], permissionArns: string[]) => decide(w, role, 'ram:CreateResourceShare', ramRequestContexts({ action: 'ram:CreateResourceShare', resourceArns, permissionArns }));
    expect(create([other], ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet'])).toEqual(['allowed']);
    expect(create([other], [`arn:aws:ram:us-east-1:${PROD}:permission/MySubnetPermission`])).toEqual(['explicitDeny']);
    expect(create([SUBNET], ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet'])).toEqual(['explicitDeny']);
    expect(create([other, SUBNET], ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet'])).toEqual(['allowed', 'explicitDeny']);
  });

  it('a call on an existing share carries ram:ResourceShareName and ram:AllowsExternalPrincipals from the share', () => {
    const guard = doc([{ Effect: 'Deny', Action: 'ram:AssociateResourceShare', Resource: '*', Condition: { Bool: { 'ram:AllowsExternalPrincipals': 'true' } } }]);
    // The owner's administrator acts on its own share (same account: its identity policy is enough).
    const shared = world({ scpOnProd: guard, scpTarget: NETWORK });
    shared.iam[NETWORK] = account(NETWORK, [{ name: 'admin', policy: ALLOW_ALL }]);
    const role = `arn:aws:iam::${NETWORK}:role/admin`;
    expect(ask(shared, role, 'ram:AssociateResourceShare', SHARE_ARN).decision).toBe('allowed');
    shared.ramShares![0].allowExternalPrincipals = true;
    expect(ask(shared, role, 'ram:AssociateResourceShare', SHARE_ARN).decision).toBe('explicitDeny');
    const named = doc([{ Effect: 'Deny', Action: 'ram:*', Resource: '*', Condition: { StringEquals: { 'ram:ResourceShareName': 'shared-network-subnets' } } }]);
    const namedWorld = world({ scpOnProd: named, scpTarget: NETWORK });
    namedWorld.iam[NETWORK] = account(NETWORK, [{ name: 'admin', policy: ALLOW_ALL }]);
    expect(ask(namedWorld, role, 'ram:GetResourceShares', SHARE_ARN).decision).toBe('explicitDeny');
    expect(ask(namedWorld, role, 'ram:GetResourceShares', `arn:aws:ram:us-east-1:${NETWORK}:resource-share/other`).decision).toBe('allowed');
  });
});

describe('RAM external-access findings', () => {
  // A share reaching a principal outside the organization is external access (access-analyzer-findings.html: access
  // to a resource in the zone of trust by a principal outside it); lzsim reports it in Access Analyzer's shape.
  it('flags the principals of a share outside the organization, pending or associated, and nothing inside it', () => {
    const partnerShare: RamShare = {
      arn: `arn:aws:ram:us-east-1:${NETWORK}:resource-share/partner`, name: 'partner-prefix-list', ownerAccountId: NETWORK, allowExternalPrincipals: true,
      resources: [{ arn: PREFIX_LIST, type: 'ec2:PrefixList' }],
      principals: [{ principal: PARTNER, status: 'ASSOCIATING' }, { principal: SANDBOX, status: 'ASSOCIATED' }, { principal: '888877776666', status: 'DISASSOCIATED' }],
      permissions: [{ resourceType: 'ec2:PrefixList', permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionPrefixList' }],
    };
    const w = world();
    w.ramShares!.push(partnerShare);
    const findings = externalAccessFindings(compileWorld(w), { analyzedAt: '2026-12-02T00:00:00.000Z' }).filter((f) => f.lzsim.rule === 'RAM_EXTERNAL_SHARE');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      resource: partnerShare.arn,
      resourceType: 'AWS::RAM::ResourceShare',
      resourceOwnerAccount: NETWORK,
      findingType: 'ExternalAccess',
      findingDetails: [{ externalAccessDetails: { principal: { AWS: PARTNER }, isPublic: false, action: expect.arrayContaining(['ec2:GetManagedPrefixListEntries']) } }],
    });
    expect(findings[0].lzsim.summary).toContain('invitation pending');
  });
});
