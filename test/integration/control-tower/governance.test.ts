// Detective controls, drift and Account Factory on a real database.
// Detective controls: https://docs.aws.amazon.com/controltower/latest/controlreference/strongly-recommended-controls.html
// (AWS-GR_ROOT_ACCOUNT_MFA_ENABLED, AWS-GR_RESTRICTED_SSH, ...). Drift types and repairs:
// https://docs.aws.amazon.com/controltower/latest/userguide/governance-drift.html and resolve-drift.html.
// Enrollment prerequisites: https://docs.aws.amazon.com/controltower/latest/userguide/enroll-account.html.
import { afterAll, describe, expect, it } from 'vitest';
import { enrollAccount, governanceReport, provisionAccount, putAccountFacts, repairDrift } from '../../../server/services/control-tower/governance';
import { disableControl, enableControl, registerOrganizationalUnit, setUpLandingZone } from '../../../server/services/control-tower/landing-zone';
import { createAccount, createOrganizationalUnit, deleteOrganizationalUnit, detachPolicy, moveAccount, setQuotaOverrides, updatePolicy } from '../../../server/services/organizations';
import { undo } from '../../../server/services/history';
import { createTestDb } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from '../organizations/helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

async function landingZone() {
  const d = await newDesign(db, 'ct-gov');
  const rev = new Revision();
  rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { defaultMaxAccounts: 50 } } }));
  rev.took(await setUpLandingZone(db, {
    ...rev.base(d.designId), homeRegion: 'eu-west-1', governedRegions: ['eu-west-1'],
    logArchive: { accountName: 'Log Archive', email: `log-${d.designId}@example.com` },
    audit: { accountName: 'Audit', email: `audit-${d.designId}@example.com` },
  }));
  const sandbox = await db.organizationalUnit.findFirstOrThrow({ where: { root: { organization: { designId: d.designId } }, name: 'Sandbox' }, select: { id: true, awsId: true } });
  return { d, rev, sandbox };
}

describe('Account Factory and detective controls', () => {
  it('provisions into a registered OU with the blueprint, then reports compliant, non-compliant and not evaluated with reasons', async () => {
    const { d, rev, sandbox } = await landingZone();
    const { accountId } = rev.took(await provisionAccount(db, {
      ...rev.base(d.designId), accountName: 'Dev', email: `dev-${d.designId}@example.com`, ouId: sandbox.awsId, accountId: '210987654321',
      blueprint: { roles: [{ roleName: 'DeveloperAccess' }], tags: [{ key: 'env', value: 'dev' }], network: { vpcCidr: '10.1.0.0/16' } },
    }));
    const roles = await db.iamRole.findMany({ where: { account: { accountId, designId: d.designId } }, select: { name: true }, orderBy: { name: 'asc' } });
    expect(roles.map((r) => r.name)).toEqual(['AWSControlTowerExecution', 'DeveloperAccess', 'OrganizationAccountAccessRole']);
    const enrollment = await db.enrolledAccount.findFirstOrThrow({ where: { account: { accountId, designId: d.designId } }, select: { origin: true, blueprint: true } });
    expect(enrollment.origin).toBe('ACCOUNT_FACTORY');
    expect(enrollment.blueprint).toMatchObject({ network: { vpcCidr: '10.1.0.0/16', availabilityZones: 3 } });

    for (const control of ['AWS-GR_ROOT_ACCOUNT_MFA_ENABLED', 'AWS-GR_RESTRICTED_SSH', 'AWS-GR_DETECT_CLOUDTRAIL_ENABLED_ON_MEMBER_ACCOUNTS', 'AWS-GR_EBS_OPTIMIZED_INSTANCE']) {
      rev.took(await enableControl(db, { ...rev.base(d.designId), controlIdentifier: control, targetIdentifier: sandbox.id }));
    }
    rev.took(await putAccountFacts(db, { ...rev.base(d.designId), accountId, facts: { rootMfaEnabled: false, openSshSecurityGroups: 0, configEnabled: true } }));
    const report = await governanceReport(db, d.designId);
    const dev = report.compliance.accounts.find((a) => a.accountId === accountId)!;
    expect(dev.status).toBe('NON_COMPLIANT');
    const byControl = Object.fromEntries(dev.results.map((r) => [r.control.identifier, r]));
    expect(byControl['AWS-GR_ROOT_ACCOUNT_MFA_ENABLED']).toMatchObject({ status: 'NON_COMPLIANT', reason: 'The root user has no MFA device.' });
    expect(byControl['AWS-GR_RESTRICTED_SSH'].status).toBe('COMPLIANT');
    expect(byControl['AWS-GR_DETECT_CLOUDTRAIL_ENABLED_ON_MEMBER_ACCOUNTS']).toMatchObject({ status: 'COMPLIANT', reason: 'The organization trail logs this account.' });
    expect(byControl['AWS-GR_EBS_OPTIMIZED_INSTANCE'].status).toBe('NOT_EVALUATED');
    expect(byControl['AWS-GR_EBS_OPTIMIZED_INSTANCE'].reason).toContain('does not record');
    expect(report.compliance.ous.find((o) => o.name === 'Sandbox')).toMatchObject({ status: 'NON_COMPLIANT', nonCompliantAccounts: 1 });

    rev.took(await putAccountFacts(db, { ...rev.base(d.designId), accountId, facts: { configEnabled: false } }));
    const off = (await governanceReport(db, d.designId)).compliance.accounts.find((a) => a.accountId === accountId)!;
    expect(off.results.every((r) => r.status === 'NOT_EVALUATED' && r.reason.includes('AWS Config is not recording'))).toBe(true);
  });

  it('enrolls an existing account only with the execution role and without its own Config recorder', async () => {
    const { d, rev, sandbox } = await landingZone();
    const { account } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Old', email: `old-${d.designId}@example.com`, parentId: d.rootId }));
    await expectAwsError(enrollAccount(db, { ...rev.base(d.designId), accountId: account.accountId, ouId: sandbox.id }), 'ValidationException');
    const { createRole } = await import('../../../server/services/iam');
    rev.took(await createRole(db, {
      ...rev.base(d.designId), accountId: account.accountId, roleName: 'AWSControlTowerExecution',
      assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${d.managementAccountId}:root` }, Action: 'sts:AssumeRole' }] }),
    }));
    await expectAwsError(enrollAccount(db, { ...rev.base(d.designId), accountId: account.accountId, ouId: sandbox.id, existingConfigRecorder: true }), 'ValidationException');
    rev.took(await enrollAccount(db, { ...rev.base(d.designId), accountId: account.accountId, ouId: sandbox.id }));
    await expectAwsError(enrollAccount(db, { ...rev.base(d.designId), accountId: account.accountId }), 'ConflictException');
    const moved = await db.account.findFirstOrThrow({ where: { id: account.id }, select: { parentOuId: true } });
    expect(moved.parentOuId).toBe(sandbox.id);
  });
});

describe('drift', () => {
  it('reports a moved member account, an edited and a detached guardrail SCP and a moved shared account, and repairs each', async () => {
    const { d, rev, sandbox } = await landingZone();
    expect((await governanceReport(db, d.designId)).drift).toEqual([]);
    const { accountId } = rev.took(await provisionAccount(db, { ...rev.base(d.designId), accountName: 'Dev', email: `dev-${d.designId}@example.com`, ouId: sandbox.id }));
    rev.took(await moveAccount(db, { ...rev.base(d.designId), accountId, destinationParentId: d.rootId }));
    let drift = (await governanceReport(db, d.designId)).drift;
    expect(drift.map((x) => x.type)).toEqual(['MOVED_MEMBER_ACCOUNT']);
    expect(drift[0]).toMatchObject({ repair: 'UPDATE_ACCOUNT' });
    expect(drift[0].message).toContain(`(${accountId})' has been moved to 'Root'`);
    rev.took(await repairDrift(db, { ...rev.base(d.designId), repair: 'UPDATE_ACCOUNT', accountId, destinationOuId: sandbox.id }));
    expect((await governanceReport(db, d.designId)).drift).toEqual([]);

    const guardrail = await db.organizationPolicy.findFirstOrThrow({ where: { organization: { designId: d.designId }, attachments: { some: { ouId: sandbox.id } }, name: { startsWith: 'aws-guardrails-' } }, select: { id: true, content: true } });
    const edited = JSON.parse(guardrail.content);
    edited.Statement.pop();
    rev.took(await updatePolicy(db, { ...rev.base(d.designId), policyId: guardrail.id, content: JSON.stringify(edited) }));
    rev.took(await detachPolicy(db, { ...rev.base(d.designId), policyId: guardrail.id, targetId: sandbox.id }));
    const logArchive = (await db.landingZone.findUniqueOrThrow({ where: { designId: d.designId }, select: { logArchiveAccountId: true } })).logArchiveAccountId!;
    rev.took(await moveAccount(db, { ...rev.base(d.designId), accountId: logArchive, destinationParentId: sandbox.id }));
    drift = (await governanceReport(db, d.designId)).drift;
    expect(drift.map((x) => `${x.type}:${x.repair}`)).toEqual(['SHARED_ACCOUNT_MOVED:RESET_LANDING_ZONE', 'SCP_MODIFIED:RE_REGISTER_OU', 'SCP_DETACHED:RE_REGISTER_OU']);
    rev.took(await repairDrift(db, { ...rev.base(d.designId), repair: 'RE_REGISTER_OU', ouId: sandbox.awsId }));
    rev.took(await repairDrift(db, { ...rev.base(d.designId), repair: 'RESET_LANDING_ZONE' }));
    expect((await governanceReport(db, d.designId)).drift).toEqual([]);
  });

  it('lets Organizations delete a registered OU other than the Security OU: Control Tower updates itself, no drift', async () => {
    const { d, rev } = await landingZone();
    const { ou } = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'Workloads' }));
    rev.took(await registerOrganizationalUnit(db, { ...rev.base(d.designId), ouId: ou.id }));
    rev.took(await enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER', targetIdentifier: ou.id }));
    const guardrails = (await db.registeredOu.findUniqueOrThrow({ where: { ouId: ou.id }, select: { guardrailPolicyAwsIds: true } })).guardrailPolicyAwsIds;
    expect(guardrails.length).toBeGreaterThan(0);
    rev.took(await deleteOrganizationalUnit(db, { ...rev.base(d.designId), ouId: ou.id }));
    expect(await db.registeredOu.count({ where: { ouId: ou.id } })).toBe(0);
    expect(await db.enabledControl.count({ where: { targetOuId: ou.id } })).toBe(0);
    expect(await db.organizationPolicy.count({ where: { organization: { designId: d.designId }, awsId: { in: guardrails } } })).toBe(0);
    expect((await governanceReport(db, d.designId)).drift).toEqual([]);
    rev.took(await undo(db, rev.base(d.designId)));
    expect(await db.registeredOu.count({ where: { ouId: ou.id } })).toBe(1);
    expect(await db.enabledControl.count({ where: { targetOuId: ou.id } })).toBeGreaterThan(0);
    expect((await governanceReport(db, d.designId)).drift).toEqual([]);
  });

  it('reports the deleted Security OU as landing zone drift, blocks other actions, and the reset puts the OU back with its accounts', async () => {
    const { d, rev, sandbox } = await landingZone();
    const zone = await db.landingZone.findUniqueOrThrow({ where: { designId: d.designId }, select: { securityOuId: true, logArchiveAccountId: true, auditAccountId: true } });
    const security = await db.organizationalUnit.findUniqueOrThrow({ where: { id: zone.securityOuId! }, select: { id: true, awsId: true, name: true } });
    for (const accountId of [zone.logArchiveAccountId!, zone.auditAccountId!]) rev.took(await moveAccount(db, { ...rev.base(d.designId), accountId, destinationParentId: sandbox.id }));
    rev.took(await deleteOrganizationalUnit(db, { ...rev.base(d.designId), ouId: security.id }));

    const drift = (await governanceReport(db, d.designId)).drift;
    expect(drift.map((x) => `${x.type}:${x.scope}:${x.repair}`)).toEqual([
      'ORGANIZATIONAL_UNIT_DELETED:LANDING_ZONE:RESET_LANDING_ZONE', 'SHARED_ACCOUNT_MOVED:LANDING_ZONE:RESET_LANDING_ZONE', 'SHARED_ACCOUNT_MOVED:LANDING_ZONE:RESET_LANDING_ZONE',
    ]);
    expect(drift[0].message).toBe(`AWS Control Tower has detected that the registered organizational unit 'Security (${security.awsId})' has been deleted. Reset the landing zone to create it again in its original place; until then Control Tower takes no other action.`);
    await expectAwsError(enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER', targetIdentifier: sandbox.id }), 'ValidationException');
    await expectAwsError(disableControl(db, { ...rev.base(d.designId), controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER', targetIdentifier: sandbox.id }), 'ValidationException');

    rev.took(await repairDrift(db, { ...rev.base(d.designId), repair: 'RESET_LANDING_ZONE' }));
    expect((await governanceReport(db, d.designId)).drift).toEqual([]);
    const restored = await db.landingZone.findUniqueOrThrow({ where: { designId: d.designId }, select: { securityOuId: true, deletedSecurityOu: true, securityOu: { select: { name: true, parentOuId: true, awsId: true } } } });
    expect(restored.deletedSecurityOu).toBeNull();
    expect(restored.securityOu).toMatchObject({ name: 'Security', parentOuId: null });
    expect(restored.securityOu!.awsId).not.toBe(security.awsId);
    const shared = await db.account.findMany({ where: { id: { in: [zone.logArchiveAccountId!, zone.auditAccountId!] } }, select: { parentOuId: true } });
    expect(shared.map((a) => a.parentOuId)).toEqual([restored.securityOuId, restored.securityOuId]);
    expect(await db.enabledControl.count({ where: { targetOuId: restored.securityOuId! } })).toBeGreaterThan(0);
  });
});
