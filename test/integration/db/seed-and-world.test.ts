import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../server/db/client';
import { getDesignByName } from '../../../server/db/designs';
import { loadOrgTree } from '../../../server/db/org-tree';
import {
  ADMIN_ROLE_NAME,
  DEPLOY_ROLE_NAME,
  LEGACY_PARTNER_ACCOUNT_ID,
  NETWORK_PARTNER_ACCOUNT_ID,
  PARTNER_SHARE_ARN,
  SHARED_SUBNET_ARN,
  PIPELINE_ROLE_NAME,
  sampleAccount,
  VENDOR_EXTERNAL_ID,
  WORKLOAD_ACCOUNT_KEYS,
  LOG_BUCKET_ARN,
  MANAGEMENT_ACCOUNT_ID,
  ORG_ID,
  ROOT_ID,
  SAMPLE_ACCOUNTS,
  SAMPLE_DESIGN_NAME,
  SAMPLE_OUS,
} from '../../../server/db/sample-landing-zone';
import { seedIfEmpty, seedSampleLandingZone } from '../../../server/db/seed';
import { describeDesignQuotas } from '../../../server/services/organizations';
import { governanceReport } from '../../../server/services/control-tower/governance';
import { exportDesign, importBundle } from '../../../server/services/interchange/interchange-service';
import { loadWorld } from '../../../server/db/world';
import { allEdges, buildAccessGraph, compileWorld, evaluate, externalAccessFindings, whoCanReachRole, type AuthzRequest, type World } from '../../../server/engine';
import { createTestDb } from '../../support/db-test-client';

// The only test file that writes the sample design (its name is fixed); everything else uses unique names.

let db: PrismaClient;
let designId: string;

/** Row counts of every table that the seed writes, to show a second run changes nothing. */
async function rowCounts() {
  return {
    designs: await db.design.count(),
    ous: await db.organizationalUnit.count(),
    accounts: await db.account.count(),
    policies: await db.organizationPolicy.count(),
    attachments: await db.policyAttachment.count(),
    roles: await db.iamRole.count(),
    users: await db.iamUser.count(),
    managed: await db.iamManagedPolicy.count(),
    resourcePolicies: await db.resourcePolicy.count(),
    shares: await db.resourceShare.count(),
    registeredOus: await db.registeredOu.count(),
  };
}

beforeAll(async () => {
  db = createTestDb();
  await seedSampleLandingZone(db);
  const design = await getDesignByName(db, SAMPLE_DESIGN_NAME);
  if (!design) throw new Error('the seed wrote no sample design');
  designId = design.id;
});
afterAll(async () => {
  await db.$disconnect();
});

describe('seed of the sample landing zone', () => {
  it('is idempotent: a second run (and seedIfEmpty on a non-empty database) changes nothing', async () => {
    const before = await rowCounts();
    expect(await seedSampleLandingZone(db)).toBeUndefined();
    expect(await seedIfEmpty(db)).toBeUndefined();
    expect(await rowCounts()).toEqual(before);
  });

  it('fits its own quotas, with room to add accounts (its account quota raised as a customer would)', async () => {
    const { quotas } = await describeDesignQuotas(db, designId);
    for (const quota of quotas) expect(quota.used, quota.name).toBeLessThanOrEqual(quota.value);
    const accounts = quotas.find((quota) => quota.key === 'organization.defaultMaxAccounts')!;
    expect(accounts).toMatchObject({ used: SAMPLE_ACCOUNTS.length, defaultValue: 10, raised: true });
    expect(accounts.value).toBeGreaterThan(accounts.used);
    // RAM (service-quotas.md): the Network account's shares in one Region, and its one pending partner invitation.
    const ram = Object.fromEntries(quotas.filter((quota) => quota.service === 'AWS RAM').map((quota) => [quota.key, quota.used]));
    expect(ram['ram.maxResourceSharesPerAccount']).toBeGreaterThanOrEqual(2);
    expect(ram['ram.maxPendingInvitationsPerAccount']).toBe(1);
  });

  it('builds the whitepaper tree: Security, Infrastructure, Workloads (Prod, NonProd), Sandbox, Suspended', async () => {
    const tree = await loadOrgTree(db, designId);
    if (!tree?.root) throw new Error('no tree');
    const ouById = new Map(tree.ous.map((ou) => [ou.id, ou]));
    const path = (parentId: string | null): string =>
      parentId === tree.root!.id ? 'Root' : `${path(ouById.get(parentId!)!.parentId)}/${ouById.get(parentId!)!.name}`;
    const placement = Object.fromEntries(tree.accounts.map((account) => [account.name, path(account.parentId)]));
    expect(placement).toEqual({
      Management: 'Root',
      'Log Archive': 'Root/Security',
      Audit: 'Root/Security',
      Network: 'Root/Infrastructure',
      'Shared Services': 'Root/Infrastructure',
      'Payments Prod': 'Root/Workloads/Prod',
      'Web Prod': 'Root/Workloads/Prod',
      'Payments NonProd': 'Root/Workloads/NonProd',
      'Web NonProd': 'Root/Workloads/NonProd',
      Sandbox: 'Root/Sandbox',
      'Legacy Analytics': 'Root/Suspended',
    });
    expect(tree.ous).toHaveLength(SAMPLE_OUS.length);
    expect(tree.organization?.awsId).toBe(ORG_ID);
    expect(tree.accounts.find((a) => a.isManagementAccount)?.accountId).toBe(MANAGEMENT_ACCOUNT_ID);
    expect(tree.accounts.find((a) => a.name === 'Legacy Analytics')).toMatchObject({ status: 'SUSPENDED', joinedMethod: 'INVITED' });
    expect(tree.root.policyTypes.map((t) => t.type).sort()).toEqual(['RESOURCE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY']);
  });

  it('attaches FullAWSAccess and RCPFullAWSAccess to the root, every OU and every account, as AWS does', async () => {
    const tree = (await loadOrgTree(db, designId))!;
    const targetsOf = (name: string) => {
      const policy = tree.policies.find((p) => p.name === name)!;
      return new Set(tree.attachments.filter((a) => a.policyId === policy.id).map((a) => a.targetId));
    };
    const everyTarget = new Set([tree.root!.id, ...tree.ous.map((ou) => ou.id), ...tree.accounts.map((a) => a.id)]);
    expect(targetsOf('FullAWSAccess')).toEqual(everyTarget);
    expect(targetsOf('RCPFullAWSAccess')).toEqual(everyTarget);
    expect(targetsOf('DenyLeaveOrganization')).toEqual(new Set([tree.root!.id]));
    const ouNames = [...targetsOf('DenyOutsideAllowedRegions')].map((id) => tree.ous.find((ou) => ou.id === id)?.name).sort();
    expect(ouNames).toEqual(['Sandbox', 'Workloads']);
  });
});

describe('loadWorld', () => {
  let world: World;
  beforeAll(async () => {
    const loaded = await loadWorld(db, designId);
    if (!loaded) throw new Error('no world');
    world = loaded;
  });

  it('carries the Network account\'s RAM shares: a workload role launching into the shared subnet meets the share\'s permission', () => {
    expect(world.ramShares?.map((share) => share.name).sort()).toEqual(['partner-prefix-list', 'shared-network']);
    // Issue 10's sample: subnets and a transit gateway shared with the Workloads OU; a prefix list with a partner
    // account outside the organization, its invitation pending (working-with-shared-invitations.html).
    const network = world.ramShares!.find((share) => share.name === 'shared-network')!;
    expect(network.resources.map((r) => r.type).sort()).toEqual(['ec2:Subnet', 'ec2:Subnet', 'ec2:TransitGateway']);
    expect(network.principals).toHaveLength(1);
    const ouId = network.principals[0].principal.split('/').pop();
    expect(world.orgUnits.find((unit) => unit.id === ouId)?.name).toBe('Workloads');
    expect(network.principals[0].status).toBe('ASSOCIATED');
    const partner = world.ramShares!.find((share) => share.name === 'partner-prefix-list')!;
    expect(partner.resources.map((r) => r.type)).toEqual(['ec2:PrefixList']);
    expect(partner.principals).toEqual([{ principal: expect.stringMatching(/^\d{12}$/), status: 'ASSOCIATING' }]);
    expect(world.accounts.some((a) => a.id === partner.principals[0].principal && a.parentId !== undefined)).toBe(false);
    const deploy = `arn:aws:iam::${sampleAccount(WORKLOAD_ACCOUNT_KEYS[0]).accountId}:role/${DEPLOY_ROLE_NAME}`;
    const result = evaluate(compileWorld(world), { principalArn: deploy, action: 'ec2:RunInstances', resource: SHARED_SUBNET_ARN, context: [{ key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' }] });
    const resource = result.trace.find((step) => step.layer === 'resource')!;
    expect(resource.outcome).toBe('allow');
    expect(resource.matched[0].policyName).toContain('shared-network');
    expect(result.reasons).not.toContain('resource-no-allow');
  });

  it('speaks AWS identifiers: r-/ou- ids, 12-digit accounts, p- policy ids', () => {
    expect(world.organization).toEqual({
      id: ORG_ID,
      managementAccountId: MANAGEMENT_ACCOUNT_ID,
      featureSet: 'ALL',
      enabledPolicyTypes: ['RCP', 'SCP'],
    });
    expect(world.orgUnits).toContainEqual({ id: ROOT_ID, name: 'Root' });
    expect(world.orgUnits).toContainEqual({ id: 'ou-8f3d-pr0d7x2k', name: 'Prod', parentId: 'ou-8f3d-w0rk5l0d' });
    expect(world.accounts).toHaveLength(SAMPLE_ACCOUNTS.length);
    expect(world.accounts).toContainEqual({ id: '415926037184', name: 'Payments Prod', parentId: 'ou-8f3d-pr0d7x2k' });
    expect(world.attachments).toContainEqual({ policyId: 'p-9x2k7m4r', targetId: 'ou-8f3d-w0rk5l0d' });
    expect(world.attachments).toContainEqual({ policyId: 'p-FullAWSAccess', targetId: '415926037184' });
    // FullAWSAccess, RCPFullAWSAccess, the two custom SCPs and Control Tower's four aws-guardrails SCPs (one per
    // top-level registered OU), whose statements name their controls.
    expect(world.policies.map((p) => p.type).sort()).toEqual(['RCP', 'SCP', 'SCP', 'SCP', 'SCP', 'SCP', 'SCP', 'SCP']);
    const guardrail = world.policies.find((p) => p.name.startsWith('aws-guardrails-'))!;
    expect(guardrail.statementControls?.every((control) => control !== null)).toBe(true);
    expect(guardrail.statementControls?.map((control) => control!.identifier)).toContain('AWS-GR_RESTRICT_ROOT_USER');
  });

  it("carries each account's IAM with ARNs, the AWS-managed policies it uses, and resource policies", () => {
    const prod = world.iam['415926037184'];
    // IAM Identity Center's roles for the permission sets assigned to production (referencingpermissionsets.html: the
    // Region segment, eu-west-1 here, is in the path outside us-east-1).
    const identityCenterRoles = prod.roles.filter((r) => r.path.startsWith('/aws-reserved/'));
    expect(identityCenterRoles.map((r) => r.arn)).toEqual([
      expect.stringMatching(/^arn:aws:iam::415926037184:role\/aws-reserved\/sso\.amazonaws\.com\/eu-west-1\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}$/),
      expect.stringMatching(/^arn:aws:iam::415926037184:role\/aws-reserved\/sso\.amazonaws\.com\/eu-west-1\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}$/),
    ]);
    expect(prod.roles.filter((r) => !r.path.startsWith('/aws-reserved/')).map((r) => r.arn)).toEqual([
      'arn:aws:iam::415926037184:role/AWSControlTowerExecution',
      `arn:aws:iam::415926037184:role/${ADMIN_ROLE_NAME}`,
      'arn:aws:iam::415926037184:role/LandingZoneAuditReadOnly',
      'arn:aws:iam::415926037184:role/OrganizationAccountAccessRole',
      'arn:aws:iam::415926037184:role/SharedServicesDeploy',
    ]);
    expect(prod.managedPolicies.map((p) => p.arn)).toEqual([
      'arn:aws:iam::415926037184:policy/WorkloadDeveloperBoundary',
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    const management = world.iam[MANAGEMENT_ACCOUNT_ID];
    expect(management.users.find((u) => u.name === 'bob')).toMatchObject({
      arn: `arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:user/finance/bob`,
      groups: ['BillingReaders'],
      tags: [{ key: 'team', value: 'finance' }],
    });
    // Invited accounts have no OrganizationAccountAccessRole.
    expect(world.iam['860417253396'].roles.map((r) => r.name)).toEqual(['LandingZoneAuditReadOnly']);
    expect(world.resourcePolicies).toEqual([expect.objectContaining({ resourceArn: LOG_BUCKET_ARN, accountId: '502718394620' })]);
    expect(world.resourceTags?.[LOG_BUCKET_ARN]).toEqual([{ key: 'purpose', value: 'organization-trail' }]);
  });

  it('is a World the engine compiles and evaluates: the region-deny SCP denies, its admin-role exception allows', () => {
    const compiled = compileWorld(world);
    const request = (principalArn: string, region: string): AuthzRequest => ({
      principalArn,
      action: 'ec2:RunInstances',
      resource: '*',
      context: [{ key: 'aws:RequestedRegion', values: [region], type: 'string' }],
    });
    const orgAccessRole = 'arn:aws:iam::415926037184:role/OrganizationAccountAccessRole';
    const adminRole = `arn:aws:iam::415926037184:role/${ADMIN_ROLE_NAME}`;
    expect(evaluate(compiled, request(orgAccessRole, 'eu-west-1')).decision).toBe('allowed');
    expect(evaluate(compiled, request(orgAccessRole, 'us-east-1')).decision).toBe('explicitDeny');
    expect(evaluate(compiled, request(adminRole, 'us-east-1')).decision).toBe('allowed');
  });

  it('shows cross-account access: the pipeline deploys into every workload, the vendor needs its ExternalId, the legacy partner is a finding', () => {
    const graph = buildAccessGraph(world);
    const shared = sampleAccount('sharedServices').accountId;
    const pipeline = `arn:aws:iam::${shared}:role/${PIPELINE_ROLE_NAME}`;
    const edges = allEdges(graph);
    for (const key of WORKLOAD_ACCOUNT_KEYS) {
      const deploy = `arn:aws:iam::${sampleAccount(key).accountId}:role/${DEPLOY_ROLE_NAME}`;
      expect(edges.find((edge) => edge.from === pipeline && edge.to === deploy)).toMatchObject({ decision: 'allowed', chained: true, maxSessionSeconds: 3600 });
      // CodeBuild runs the pipeline, which deploys: a two-hop path from the service node.
      expect(whoCanReachRole(graph, deploy).find((path) => path.from === 'service:codebuild.amazonaws.com')?.hopCount).toBe(2);
    }
    const vendor = edges.find((edge) => edge.to.endsWith(':role/VendorSecurityScanner'));
    expect(vendor).toMatchObject({ decision: 'conditional', conditions: [expect.objectContaining({ kind: 'externalId', values: [VENDOR_EXTERNAL_ID] })] });
    const findings = externalAccessFindings(graph.compiled, { analyzedAt: '2026-12-02T00:00:00.000Z' });
    expect(findings.map((finding) => [finding.resource.split(':').pop(), finding.lzsim.rule])).toEqual([
      ['role/VendorSecurityScanner', 'EXTERNAL_ACCESS'],
      ['role/LegacyPartnerAccess', 'CONFUSED_DEPUTY'],
      // The prefix list shared with the partner outside the organization (invitation pending).
      [PARTNER_SHARE_ARN.split(':').pop(), 'RAM_EXTERNAL_SHARE'],
    ]);
    expect(findings[2]).toMatchObject({ resourceType: 'AWS::RAM::ResourceShare', findingDetails: [{ externalAccessDetails: { principal: { AWS: NETWORK_PARTNER_ACCOUNT_ID } } }] });
    expect(findings[1].findingDetails[0].externalAccessDetails.principal).toEqual({ AWS: `arn:aws:iam::${LEGACY_PARTNER_ACCOUNT_ID}:root` });
  });

  it('exports its Control Tower landing zone and imports it back identically, without drift', async () => {
    const exported = (await exportDesign(db, designId, 'bundle')).document as Record<string, unknown>;
    expect(exported.ControlTower).toBeDefined();
    const copy = await importBundle(db, JSON.parse(JSON.stringify(exported)), { name: `sample copy ${Date.now()}` });
    expect((await exportDesign(db, copy.designId, 'bundle')).document).toEqual(exported);
    const [original, imported] = [await governanceReport(db, designId), await governanceReport(db, copy.designId)];
    expect(imported.drift).toEqual(original.drift);
    expect(imported.compliance.accounts.map((a) => a.status)).toEqual(original.compliance.accounts.map((a) => a.status));
  });
});
