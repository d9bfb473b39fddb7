// Control Tower landing zone, controls and their SCPs on a real database.
// Guidance and mandatory controls: https://docs.aws.amazon.com/controltower/latest/controlreference/mandatory-controls.html
// Inheritance: https://docs.aws.amazon.com/controltower/latest/controlreference/control-considerations.html ("preventive
// controls enabled on any OUs higher in the tree will apply all OUs in the tree") and userguide/region-deny.html.
// Exemptions: https://docs.aws.amazon.com/controltower/latest/controlreference/mandatory-controls.html, each control's artifact
// (ArnNotLike aws:PrincipalARN arn:aws:iam::*:role/AWSControlTowerExecution; #iam-disallow-changes adds stacksets-exec-*).
// Quotas: https://docs.aws.amazon.com/controltower/latest/userguide/limits.html ("A limit of five (5) SCPs per OU").
// API errors: https://docs.aws.amazon.com/controltower/latest/APIReference/API_EnableControl.html.
import { afterAll, describe, expect, it } from 'vitest';
import { loadLandingZoneState } from '../../../server/db/control-tower';
import {
  disableControl,
  enableControl,
  registerOrganizationalUnit,
  setUpLandingZone,
  updateLandingZone,
} from '../../../server/services/control-tower/landing-zone';
import { undo } from '../../../server/services/history';
import { governanceReport } from '../../../server/services/control-tower/governance';
import { createRole } from '../../../server/services/iam';
import { acceptInvitation, attachPolicy, createAccount, createOrganizationalUnit, createPolicy, inviteAccount, setQuotaOverrides } from '../../../server/services/organizations';
import { simulate } from '../../../server/services/simulation/simulation-service';
import { accountDetails } from '../../../server/services/account-details-service';
import { getOrgTree } from '../../../server/services/org-service';
import { enableAwsServiceAccess, registerDelegatedAdministrator } from '../../../server/services/organizations';
import { CompiledWorldCache } from '../../../server/services/simulation/compiled-world-cache';
import { createTestDb } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from '../organizations/helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

async function landingZone() {
  const d = await newDesign(db, 'ct');
  const rev = new Revision();
  rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { defaultMaxAccounts: 50 } } }));
  rev.took(await setUpLandingZone(db, {
    ...rev.base(d.designId),
    homeRegion: 'eu-west-1',
    governedRegions: ['eu-west-1', 'eu-central-1'],
    logArchive: { accountName: 'Log Archive', email: `log-${d.designId}@example.com` },
    audit: { accountName: 'Audit', email: `audit-${d.designId}@example.com` },
  }));
  const state = (await loadLandingZoneState(db, d.designId))!;
  const ouId = async (name: string) => (await db.organizationalUnit.findFirstOrThrow({ where: { root: { organization: { designId: d.designId } }, name }, select: { id: true, awsId: true } }));
  const sandbox = await ouId('Sandbox');
  const { account } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Dev', email: `dev-${d.designId}@example.com`, parentId: sandbox.id }));
  const logArchive = await db.account.findUniqueOrThrow({ where: { id: state.logArchiveAccountId! }, select: { accountId: true } });
  return { d, rev, state, sandbox, security: await ouId('Security'), dev: account.accountId, logArchive: logArchive.accountId };
}

const cache = () => new CompiledWorldCache();
const role = (account: string, name = 'OrganizationAccountAccessRole') => `arn:aws:iam::${account}:role/${name}`;
const region = (name: string) => [{ key: 'aws:RequestedRegion', values: [name], type: 'string' as const }];

describe('setUpLandingZone', () => {
  it('creates the Security OU with Log Archive and Audit, the Sandbox OU, the execution role and the mandatory controls', async () => {
    const { d, state, security, sandbox } = await landingZone();
    expect(state.registeredOus.map((r) => r.ouName).sort()).toEqual(['Sandbox', 'Security']);
    expect(state.enabledControls.filter((c) => c.targetOuId === security.id)).toHaveLength(23);
    expect(state.enabledControls.filter((c) => c.targetOuId === sandbox.id)).toHaveLength(23);
    expect(state.enrolledAccounts.map((e) => e.origin)).toEqual(['SETUP', 'SETUP']);
    for (const accountRowId of [state.logArchiveAccountId!, state.auditAccountId!]) {
      const execution = await db.iamRole.findFirstOrThrow({ where: { accountId: accountRowId, name: 'AWSControlTowerExecution' }, select: { attachments: { select: { policy: { select: { arn: true } } } } } });
      expect(execution.attachments.map((a) => a.policy.arn)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    }
    const guardrails = await db.organizationPolicy.findMany({
      where: { organization: { designId: d.designId }, name: { startsWith: 'aws-guardrails-' } },
      select: { name: true, content: true, attachments: { select: { ouId: true } } },
    });
    expect(guardrails).toHaveLength(2);
    expect(guardrails.every((g) => /^aws-guardrails-[A-Za-z]{6}$/.test(g.name) && g.content.length <= 10_240)).toBe(true);
    expect(guardrails.map((g) => g.attachments.map((a) => a.ouId)).flat().sort()).toEqual([sandbox.id, security.id].sort());
  });

  it('refuses a second landing zone, a home Region outside the governed ones and one account for both roles', async () => {
    const { d, rev } = await landingZone();
    const base = { homeRegion: 'eu-west-1', governedRegions: ['eu-west-1'], logArchive: { accountId: '111111111111' }, audit: { accountId: '111111111111' } };
    await expectAwsError(setUpLandingZone(db, { ...rev.base(d.designId), ...base }), 'ConflictException');
    const other = await newDesign(db, 'ct');
    await expectAwsError(setUpLandingZone(db, { designId: other.designId, expectedRevision: 0, ...base, governedRegions: ['us-east-1'] }), 'ValidationException');
    await expectAwsError(setUpLandingZone(db, { designId: other.designId, expectedRevision: 0, ...base }), 'ValidationException');
  });
});

describe('preventive controls are evaluated', () => {
  it('denies CloudTrail changes to the Control Tower trail by the mandatory control, naming it, and exempts AWSControlTowerExecution', async () => {
    const { d, dev, logArchive } = await landingZone();
    const trail = `arn:aws:cloudtrail:eu-west-1:${dev}:trail/aws-controltower-BaselineCloudTrail`;
    const { result } = await simulate(db, d.designId, { principalArn: role(dev), action: 'cloudtrail:StopLogging', resource: trail, context: [] }, cache());
    expect(result.decision).toBe('explicitDeny');
    const deny = result.trace.find((step) => step.layer === 'scp' && step.outcome === 'deny')!;
    const statement = deny.matched.find((m) => m.effect === 'Deny')!;
    expect(statement.policyName).toMatch(/^aws-guardrails-/);
    expect(statement.control).toEqual({ identifier: 'AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED', name: 'Disallow configuration changes to CloudTrail' });
    expect(result.summary).toContain('AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED');
    const exempt = await simulate(db, d.designId, { principalArn: role(logArchive, 'AWSControlTowerExecution'), action: 'cloudtrail:StopLogging', resource: trail.replace(dev, logArchive), context: [] }, cache());
    expect(exempt.result.decision).toBe('allowed');
  });

  it('denies the regions that are not governed once Region deny is on, inherited by a nested OU', async () => {
    const { d, rev, sandbox, dev } = await landingZone();
    rev.took(await updateLandingZone(db, { ...rev.base(d.designId), regionDeny: true }));
    const { ou: nested } = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: sandbox.id, name: 'Team' }));
    const { account } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Team', email: `team-${d.designId}@example.com`, parentId: nested.id }));
    for (const accountId of [dev, account.accountId]) {
      const outside = await simulate(db, d.designId, { principalArn: role(accountId), action: 'ec2:RunInstances', resource: '*', context: region('ap-south-1') }, cache());
      expect(outside.result.decision).toBe('explicitDeny');
      const deny = outside.result.trace.find((step) => step.layer === 'scp' && step.outcome === 'deny')!;
      expect(deny.level?.targetName).toBe('Sandbox');
      expect(deny.matched.find((m) => m.effect === 'Deny')?.control?.identifier).toBe('AWS-GR_REGION_DENY');
      const inside = await simulate(db, d.designId, { principalArn: role(accountId), action: 'ec2:RunInstances', resource: '*', context: region('eu-central-1') }, cache());
      expect(inside.result.decision).toBe('allowed');
    }
  });

  it('enables, disables and undoes an elective control; refuses mandatory, unregistered and unknown ones', async () => {
    const { d, rev, sandbox, dev } = await landingZone();
    const request = { principalArn: role(dev), action: 's3:PutReplicationConfiguration', resource: 'arn:aws:s3:::data', context: [] };
    expect((await simulate(db, d.designId, request, cache())).result.decision).toBe('allowed');
    rev.took(await enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION', targetIdentifier: `arn:aws:organizations::${d.managementAccountId}:ou/o-x/${sandbox.awsId}` }));
    const denied = (await simulate(db, d.designId, request, cache())).result;
    expect(denied.decision).toBe('explicitDeny');
    expect(denied.trace.flatMap((s) => s.matched).find((m) => m.effect === 'Deny')?.control?.identifier).toBe('AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION');
    await expectAwsError(enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION', targetIdentifier: sandbox.id }), 'ConflictException');
    rev.took(await disableControl(db, { ...rev.base(d.designId), controlIdentifier: 'arn:aws:controlcatalog:::control/3zbcht7oxkzts9r1z20nz5lcw', targetIdentifier: sandbox.awsId }));
    expect((await simulate(db, d.designId, request, cache())).result.decision).toBe('allowed');
    rev.took(await undo(db, rev.base(d.designId)));
    expect((await simulate(db, d.designId, request, cache())).result.decision).toBe('explicitDeny');

    await expectAwsError(disableControl(db, { ...rev.base(d.designId), controlIdentifier: 'AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED', targetIdentifier: sandbox.id }), 'ValidationException');
    await expectAwsError(enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'AWS-GR_CONFIG_ENABLED', targetIdentifier: sandbox.id }), 'ValidationException');
    await expectAwsError(enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'AWS-GR_NOPE', targetIdentifier: sandbox.id }), 'ResourceNotFoundException');
    const { ou } = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'Loose' }));
    await expectAwsError(enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER', targetIdentifier: ou.id }), 'ValidationException');
  });

  it('deploys an RCP control as an aws-guardrails RCP on the OU, enabling RCPs first, and the engine denies on the resource side naming it', async () => {
    // controlreference/list-of-rcp-controls.html (CT.S3.PV.5: aws:SecureTransport false is denied for every caller).
    const { d, rev, sandbox, dev } = await landingZone();
    const request = (secure: string) => ({
      principalArn: role(dev), action: 's3:GetObject', resource: 'arn:aws:s3:::data/report.csv', resourceAccount: dev,
      context: [{ key: 'aws:SecureTransport', values: [secure], type: 'boolean' as const }],
    });
    expect((await simulate(db, d.designId, request('false'), cache())).result.decision).toBe('allowed');
    const enabled = rev.took(await enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'CT.S3.PV.5', targetIdentifier: sandbox.id }));
    expect(enabled.notEvaluated).toBe(false);
    const rcps = await db.organizationPolicy.findMany({ where: { organization: { designId: d.designId }, type: 'RESOURCE_CONTROL_POLICY' }, select: { name: true, content: true } });
    expect(rcps.map((p) => p.name).sort()).toEqual(['RCPFullAWSAccess', expect.stringMatching(/^aws-guardrails-/)]);
    const denied = (await simulate(db, d.designId, request('false'), cache())).result;
    expect(denied.decision).toBe('explicitDeny');
    const deny = denied.trace.find((step) => step.layer === 'rcp' && step.outcome === 'deny')!;
    expect(deny.matched.find((m) => m.effect === 'Deny')?.control?.identifier).toBe('CT.S3.PV.5');
    expect(denied.trace.find((step) => step.layer === 'scp')?.outcome).not.toBe('deny');
    expect((await simulate(db, d.designId, request('true'), cache())).result.decision).toBe('allowed');
    // No drift from Control Tower's own RCP; disabling the control removes it.
    expect((await governanceReport(db, d.designId)).drift).toEqual([]);
    rev.took(await disableControl(db, { ...rev.base(d.designId), controlIdentifier: 'CT.S3.PV.5', targetIdentifier: sandbox.id }));
    expect((await simulate(db, d.designId, request('false'), cache())).result.decision).toBe('allowed');
  });

  it('deploys an EC2 policy control as an aws-guardrails EC2 policy on the OU, enabling the type first, and the engine refuses the call it forbids', async () => {
    // controlreference: CT.EC2.PV.9 (serial console access disabled), an EC2 policy (declarative policy for EC2).
    const { d, rev, sandbox, dev } = await landingZone();
    const request = { principalArn: role(dev), action: 'ec2:EnableSerialConsoleAccess', resource: '*', context: [] };
    const before = (await simulate(db, d.designId, request, cache())).result;
    expect(before.trace.some((step) => step.rule?.id === 'ec2-policy-enforced-attribute')).toBe(false);
    const declarative = rev.took(await enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'CT.EC2.PV.9', targetIdentifier: sandbox.id }));
    expect(declarative.notEvaluated).toBe(false);
    const ec2 = await db.organizationPolicy.findMany({ where: { organization: { designId: d.designId }, type: 'DECLARATIVE_POLICY_EC2' }, select: { name: true, content: true } });
    expect(ec2.map((p) => p.name)).toEqual([expect.stringMatching(/^aws-guardrails-/)]);
    expect(JSON.parse(ec2[0].content)).toEqual({ ec2_attributes: { serial_console_access: { status: { '@@assign': 'disabled', '@@operators_allowed_for_child_policies': ['@@all'] } } } });
    const refused = (await simulate(db, d.designId, request, cache())).result;
    expect(refused.decision).toBe('implicitDeny');
    expect(refused.trace.find((step) => step.rule?.id === 'ec2-policy-enforced-attribute')?.note).toContain(`attached to Sandbox sets EC2 Serial Console access`);
    expect((await governanceReport(db, d.designId)).drift).toEqual([]);
    rev.took(await disableControl(db, { ...rev.base(d.designId), controlIdentifier: 'CT.EC2.PV.9', targetIdentifier: sandbox.id }));
    expect((await db.organizationPolicy.count({ where: { organization: { designId: d.designId }, type: 'DECLARATIVE_POLICY_EC2' } }))).toBe(0);
    expect((await simulate(db, d.designId, request, cache())).result.trace.some((step) => step.rule?.id === 'ec2-policy-enforced-attribute')).toBe(false);
  });

  it('counts the aws-guardrails SCPs against the five SCPs per OU', async () => {
    const { d, rev, sandbox } = await landingZone();
    for (let i = 0; i < 3; i += 1) {
      const { policy } = rev.took(await createPolicy(db, { ...rev.base(d.designId), type: 'SERVICE_CONTROL_POLICY', name: `extra-${i}`, content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: `sqs:Delete${i}`, Resource: '*' }] }) }));
      rev.took(await attachPolicy(db, { ...rev.base(d.designId), policyId: policy.id, targetId: sandbox.id }));
    }
    // FullAWSAccess + aws-guardrails + 4 = 6 SCPs: Organizations allows it, Control Tower's next change to the OU does not.
    const { policy } = rev.took(await createPolicy(db, { ...rev.base(d.designId), type: 'SERVICE_CONTROL_POLICY', name: 'extra-3', content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sqs:X', Resource: '*' }] }) }));
    rev.took(await attachPolicy(db, { ...rev.base(d.designId), policyId: policy.id, targetId: sandbox.id }));
    await expectAwsError(enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER', targetIdentifier: sandbox.id }), 'ServiceQuotaExceededException');
  });
});

describe('registerOrganizationalUnit', () => {
  it('needs a registered parent and the execution role in every account, then enrolls the accounts', async () => {
    const { d, rev, sandbox } = await landingZone();
    const { ou: top } = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'Workloads' }));
    const { ou: nested } = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: top.id, name: 'Prod' }));
    await expectAwsError(registerOrganizationalUnit(db, { ...rev.base(d.designId), ouId: nested.id }), 'ValidationException');
    rev.took(await inviteAccount(db, { ...rev.base(d.designId), accountId: '444455556666', accountName: 'Invited', email: `inv-${d.designId}@example.com` }));
    rev.took(await acceptInvitation(db, { ...rev.base(d.designId), accountId: '444455556666' }));
    const { moveAccount } = await import('../../../server/services/organizations');
    rev.took(await moveAccount(db, { ...rev.base(d.designId), accountId: '444455556666', destinationParentId: top.id }));
    await expectAwsError(registerOrganizationalUnit(db, { ...rev.base(d.designId), ouId: top.id }), 'ValidationException');
    rev.took(await createRole(db, {
      ...rev.base(d.designId), accountId: '444455556666', roleName: 'AWSControlTowerExecution',
      assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${d.managementAccountId}:root` }, Action: 'sts:AssumeRole' }] }),
    }));
    rev.took(await registerOrganizationalUnit(db, { ...rev.base(d.designId), ouId: top.id }));
    rev.took(await registerOrganizationalUnit(db, { ...rev.base(d.designId), ouId: nested.awsId }));
    const state = (await loadLandingZoneState(db, d.designId))!;
    expect(state.enrolledAccounts.map((e) => e.accountId)).toContain('444455556666');
    // Mandatory controls are enabled on the top-level OU; the nested OU inherits their SCPs.
    expect(state.enabledControls.filter((c) => c.targetOuId === top.id)).toHaveLength(23);
    expect(state.enabledControls.filter((c) => c.targetOuId === nested.id)).toHaveLength(0);
    await expectAwsError(registerOrganizationalUnit(db, { ...rev.base(d.designId), ouId: sandbox.id }), 'ConflictException');
  });
});

describe('controlTower router', () => {
  it('sets up through the API and shows the landing zone with inherited controls and guardrail SCPs', async () => {
    const { createCaller } = await import('../../../server/api/root');
    const { createInnerContext } = await import('../../../server/api/context');
    const api = createCaller(createInnerContext({ db }));
    const d = await newDesign(db, 'ct-api');
    const setup = await api.controlTower.setUpLandingZone({
      designId: d.designId, expectedRevision: 0, homeRegion: 'us-east-1', governedRegions: ['us-east-1'],
      logArchive: { accountName: 'Log Archive', email: `l-${d.designId}@example.com` }, audit: { accountName: 'Audit', email: `a-${d.designId}@example.com` },
    });
    expect(setup.revision).toBe(1);
    const view = await api.controlTower.landingZone({ designId: d.designId });
    expect(view.landingZone).toMatchObject({ homeRegion: 'us-east-1', identityCenter: true, organizationTrail: true, regionDeny: false });
    expect(view.landingZone?.logArchive?.name).toBe('Log Archive');
    const security = view.registeredOus.find((ou) => ou.name === 'Security')!;
    expect(security.controls.filter((c) => c.guidance === 'MANDATORY')).toHaveLength(23);
    expect(security.guardrailPolicies).toHaveLength(1);
    expect(view.enrolledAccounts.map((a) => a.ouName)).toEqual(['Security', 'Security']);
    await expect(api.controlTower.enableControl({ designId: d.designId, expectedRevision: 1, controlIdentifier: 'CT.MULTISERVICE.PV.1', targetIdentifier: security.id }))
      .rejects.toMatchObject({ message: expect.stringContaining('requires the parameter AllowedRegions') });
  });
});

describe('landing-zone services on the account cards and panel', () => {
  it('shows the org trail on Log Archive, the Config aggregator and the delegated administrators on Audit', async () => {
    const { d, rev, state } = await landingZone();
    const audit = await db.account.findUniqueOrThrow({ where: { id: state.auditAccountId! }, select: { accountId: true } });
    rev.took(await enableAwsServiceAccess(db, { ...rev.base(d.designId), servicePrincipal: 'guardduty.amazonaws.com' }));
    rev.took(await registerDelegatedAdministrator(db, { ...rev.base(d.designId), accountId: audit.accountId, servicePrincipal: 'guardduty.amazonaws.com' }));
    const tree = await getOrgTree(db, d.designId);
    const card = (id: string) => tree.accounts.find((a) => a.id === id)!;
    expect(card(state.logArchiveAccountId!).landingZoneServices?.map((s) => s.key)).toEqual(['ORG_TRAIL']);
    expect(card(state.auditAccountId!).landingZoneServices?.map((s) => s.short)).toEqual(['Aggr', 'GD']);
    expect(tree.accounts.filter((a) => a.landingZoneServices).length).toBe(2);
    const panel = await accountDetails(db, d.designId, audit.accountId);
    expect(panel.landingZoneServices).toEqual([
      expect.objectContaining({ key: 'CONFIG_AGGREGATOR' }),
      expect.objectContaining({ key: 'DELEGATED_ADMIN', servicePrincipal: 'guardduty.amazonaws.com', label: 'Delegated administrator for Amazon GuardDuty' }),
    ]);
    rev.took(await updateLandingZone(db, { ...rev.base(d.designId), organizationTrail: false }));
    expect((await getOrgTree(db, d.designId)).accounts.find((a) => a.id === state.logArchiveAccountId)!.landingZoneServices).toBeUndefined();
  });
});

describe('IAM Identity Center with the landing zone', () => {
  it('set-up creates the organization instance in the management account and home Region; off creates none, turning it on later does, and an instance is never replaced', async () => {
    // userguide/sso.html: Control Tower sets up IAM Identity Center in the home Region unless you choose to manage access yourself.
    const { d, state } = await landingZone();
    const instance = await db.identityCenterInstance.findUniqueOrThrow({ where: { designId: d.designId }, select: { instanceArn: true, region: true, ownerAccountId: true } });
    const organization = await db.organization.findUniqueOrThrow({ where: { designId: d.designId }, select: { managementAccountId: true, serviceAccess: { select: { servicePrincipal: true } } } });
    expect(instance.region).toBe('eu-west-1');
    expect(instance.ownerAccountId).toBe(organization.managementAccountId);
    expect(organization.serviceAccess.map((s) => s.servicePrincipal)).toContain('sso.amazonaws.com');
    expect(state.identityCenterEnabled).toBe(true);

    const other = await newDesign(db, 'ct no idc');
    const rev = new Revision();
    rev.took(await setUpLandingZone(db, {
      ...rev.base(other.designId), homeRegion: 'us-east-1', governedRegions: ['us-east-1'], identityCenter: false,
      logArchive: { accountName: 'Log Archive', email: `log-${other.designId}@example.com` }, audit: { accountName: 'Audit', email: `audit-${other.designId}@example.com` },
    }));
    expect(await db.identityCenterInstance.count({ where: { designId: other.designId } })).toBe(0);
    rev.took(await updateLandingZone(db, { ...rev.base(other.designId), identityCenter: true }));
    const created = await db.identityCenterInstance.findUniqueOrThrow({ where: { designId: other.designId }, select: { instanceArn: true, region: true } });
    expect(created.region).toBe('us-east-1');
    rev.took(await updateLandingZone(db, { ...rev.base(other.designId), identityCenter: false }));
    rev.took(await updateLandingZone(db, { ...rev.base(other.designId), identityCenter: true }));
    expect((await db.identityCenterInstance.findUniqueOrThrow({ where: { designId: other.designId }, select: { instanceArn: true } })).instanceArn).toBe(created.instanceArn);
  });
});

