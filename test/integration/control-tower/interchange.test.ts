// AWS Control Tower through the bundle and the folder of AWS CLI outputs, on a real database: a landing zone built
// through the services exports in the CLI's shapes (get-landing-zone with the 3.x manifest of
// https://docs.aws.amazon.com/controltower/latest/userguide/lz-manifest-file.html; list-enabled-controls and
// get-enabled-control, https://docs.aws.amazon.com/controltower/latest/APIReference/API_EnabledControlSummary.html;
// list-enabled-baselines --include-children, .../API_EnabledBaselineSummary.html), imports back identically with the
// same compliance and no drift, and a bundle that breaks the APIs' rules is refused with their exception names.
import { afterAll, describe, expect, it } from 'vitest';
import { readAwsBundle } from '../../../server/engine';
import { governanceReport, provisionAccount, putAccountFacts, repairDrift } from '../../../server/services/control-tower/governance';
import { enableControl, setUpLandingZone, updateLandingZone } from '../../../server/services/control-tower/landing-zone';
import { createAccount } from '../../../server/services/organizations';
import { landingZoneView } from '../../../server/services/control-tower/landing-zone-view';
import { controlTowerFromCliFiles, controlTowerToCliFiles } from '../../../server/services/interchange/control-tower-cli-files';
import { exportDesign, importBundle } from '../../../server/services/interchange/interchange-service';
import { deleteOrganizationalUnit, moveAccount, setQuotaOverrides } from '../../../server/services/organizations';
import { createTestDb, uniqueName } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from '../organizations/helpers';

// Bundles are untyped JSON: the tests walk them as such.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const db = createTestDb();
afterAll(() => db.$disconnect());

const OU_REGION_DENY = 'arn:aws:controlcatalog:::control/ka8e3pkqefnjsxuyc26ji580';

/** A landing zone with the Region deny, an OU Region deny with parameters, strongly recommended preventive and detective controls, facts and an Account Factory account. */
async function designWithLandingZone(version = '3.3', config?: boolean) {
  const d = await newDesign(db, 'ct interchange');
  const rev = new Revision();
  const base = () => rev.base(d.designId);
  rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 50 } } }));
  rev.took(await setUpLandingZone(db, {
    ...base(), version, config, homeRegion: 'eu-west-1', governedRegions: ['eu-west-1', 'eu-central-1', 'us-east-1'], regionDeny: true,
    logArchive: { accountName: 'Log Archive', email: `log-${d.designId}@example.com` },
    audit: { accountName: 'Audit', email: `audit-${d.designId}@example.com` },
  }));
  const sandbox = await db.organizationalUnit.findFirstOrThrow({ where: { root: { organization: { designId: d.designId } }, name: 'Sandbox' }, select: { awsId: true } });
  rev.took(await enableControl(db, { ...base(), controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER', targetIdentifier: sandbox.awsId }));
  rev.took(await enableControl(db, { ...base(), controlIdentifier: 'AWS-GR_ROOT_ACCOUNT_MFA_ENABLED', targetIdentifier: sandbox.awsId }));
  rev.took(await enableControl(db, { ...base(), controlIdentifier: OU_REGION_DENY, targetIdentifier: sandbox.awsId, parameters: [{ key: 'AllowedRegions', value: ['eu-west-1', 'eu-central-1'] }] }));
  const { accountId } = rev.took(await provisionAccount(db, {
    ...base(), accountName: 'Dev', email: `dev-${d.designId}@example.com`, ouId: sandbox.awsId,
    blueprint: { tags: [{ key: 'team', value: 'web' }], network: { vpcCidr: '10.20.0.0/16' } },
  }));
  rev.took(await putAccountFacts(db, { ...base(), accountId, facts: { rootMfaEnabled: false, configEnabled: true, cloudTrailEnabled: true } }));
  return { d, sandbox, dev: accountId };
}

describe('Control Tower interchange', () => {
  it('exports in the CLI shapes and round-trips identically through import, with the same compliance and no drift; the folder carries the same section', async () => {
    const { d, sandbox, dev } = await designWithLandingZone();
    const exported1 = (await exportDesign(db, d.designId, 'bundle')).document as Loose;
    const section = exported1.ControlTower as Loose;
    const management = exported1.Organization.MasterAccountId;
    expect(section.LandingZone.arn).toMatch(new RegExp(`^arn:aws:controltower:eu-west-1:${management}:landingzone/[0-9A-F]{16}$`));
    expect(section.LandingZone).toMatchObject({ version: '3.3', status: 'ACTIVE', driftStatus: { status: 'IN_SYNC' } });
    const { manifest } = section.LandingZone;
    expect(manifest.governedRegions).toEqual(['eu-west-1', 'eu-central-1', 'us-east-1']);
    expect(manifest.organizationStructure).toEqual({ security: { name: 'Security' }, sandbox: { name: 'Sandbox' } });
    expect(manifest.centralizedLogging).toMatchObject({ accountId: expect.stringMatching(/^\d{12}$/), enabled: true });
    expect(manifest.securityRoles.accountId).toMatch(/^\d{12}$/);
    expect(manifest.accessManagement).toEqual({ enabled: true });

    const sandboxArn = exported1.OrganizationalUnits.find((ou: Loose) => ou.Id === sandbox.awsId).Arn;
    const onSandbox = section.EnabledControls.filter((c: Loose) => c.targetIdentifier === sandboxArn);
    // 23 mandatory controls, the three enabled here, and the landing-zone Region deny.
    expect(onSandbox).toHaveLength(27);
    expect(onSandbox.find((c: Loose) => c.controlIdentifier === OU_REGION_DENY)).toMatchObject({
      arn: expect.stringMatching(/:enabledcontrol\/[0-9A-F]{16}$/),
      statusSummary: { status: 'SUCCEEDED' }, driftStatusSummary: { driftStatus: 'IN_SYNC' },
      parameters: [{ key: 'AllowedRegions', value: ['eu-west-1', 'eu-central-1'] }],
    });
    expect(section.EnabledControls.filter((c: Loose) => c.controlIdentifier.endsWith('::control/AWS-GR_REGION_DENY'))).toHaveLength(2);
    const devBaseline = section.EnabledBaselines.find((b: Loose) => b.targetIdentifier.endsWith(`/${dev}`));
    const sandboxBaseline = section.EnabledBaselines.find((b: Loose) => b.targetIdentifier === sandboxArn);
    expect(sandboxBaseline).toMatchObject({ baselineIdentifier: 'arn:aws:controltower:eu-west-1::baseline/17BSJV3IGJ2QSGA2', baselineVersion: '4.0', statusSummary: { status: 'SUCCEEDED' } });
    expect(devBaseline.parentIdentifier).toBe(sandboxBaseline.arn);
    expect(section.LzsimAccounts[dev]).toMatchObject({ origin: 'ACCOUNT_FACTORY', facts: { rootMfaEnabled: false }, blueprint: { tags: [{ key: 'team', value: 'web' }] } });

    const second = await importBundle(db, JSON.parse(JSON.stringify(exported1)), { name: uniqueName('ct round trip') });
    const exported2 = (await exportDesign(db, second.designId, 'bundle')).document;
    expect(exported2).toEqual(exported1);
    const [before, after] = [await governanceReport(db, d.designId), await governanceReport(db, second.designId)];
    expect(after.drift).toEqual([]);
    const statuses = (report: typeof before) => report.compliance.accounts.map((a) => `${a.accountId} ${a.status}`).sort();
    expect(statuses(after)).toEqual(statuses(before));
    expect(statuses(after)).toContain(`${dev} NON_COMPLIANT`);
    // The imported design keeps working: enabling a control rewrites the imported OU's own guardrail SCP.
    const policiesBefore = await db.organizationPolicy.count({ where: { organization: { designId: second.designId } } });
    const revision = (await db.design.findUniqueOrThrow({ where: { id: second.designId }, select: { revision: true } })).revision;
    await enableControl(db, { designId: second.designId, expectedRevision: revision, controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS', targetIdentifier: sandbox.awsId });
    expect(await db.organizationPolicy.count({ where: { organization: { designId: second.designId } } })).toBe(policiesBefore);
    expect((await governanceReport(db, second.designId)).drift).toEqual([]);

    // Folder of CLI outputs: one file per command (list-enabled-controls per OU), read back equal.
    const files = controlTowerToCliFiles(section);
    expect(Object.keys(files)).toEqual(expect.arrayContaining([
      'control-tower/get-landing-zone.json', 'control-tower/list-enabled-baselines.json', `control-tower/list-enabled-controls/${sandbox.awsId}.json`, 'control-tower/lzsim-accounts.json',
    ]));
    expect(JSON.parse(files[`control-tower/list-enabled-controls/${sandbox.awsId}.json`]).enabledControls[0].parameters).toBeUndefined();
    const read = (relative: string) => (files[relative] === undefined ? undefined : JSON.parse(files[relative]));
    const list = (folder: string) => Object.keys(files).filter((f) => f.startsWith(`${folder}/`)).map((f) => f.slice(folder.length + 1)).sort();
    const rebuilt = readAwsBundle({ ...exported1, ControlTower: controlTowerFromCliFiles(read, list) });
    const original = readAwsBundle(exported1);
    expect(rebuilt.ok && original.ok).toBe(true);
    if (rebuilt.ok && original.ok) expect(rebuilt.design.controlTower).toEqual(original.design.controlTower);
  });

  it('turning the Region deny off drops AWS-GR_REGION_DENY from the listed controls', async () => {
    const { d } = await designWithLandingZone();
    const revision = (await db.design.findUniqueOrThrow({ where: { id: d.designId }, select: { revision: true } })).revision;
    await updateLandingZone(db, { designId: d.designId, expectedRevision: revision, regionDeny: false });
    const section = ((await exportDesign(db, d.designId, 'bundle')).document as Loose).ControlTower;
    expect(section.EnabledControls.some((c: Loose) => c.controlIdentifier.endsWith('AWS-GR_REGION_DENY'))).toBe(false);
    const read = readAwsBundle((await exportDesign(db, d.designId, 'bundle')).document);
    expect(read.ok && read.design.controlTower?.regionDeny).toBe(false);
  });

  it('refuses what the APIs refuse, naming the JSON path and the exception', async () => {
    const { d, sandbox } = await designWithLandingZone();
    const bundle = (await exportDesign(db, d.designId, 'bundle')).document as Loose;
    const broken = JSON.parse(JSON.stringify(bundle));
    const ct = broken.ControlTower;
    ct.LandingZone.manifest.governedRegions = ['eu-central-1'];
    ct.LandingZone.manifest.organizationStructure.security.name = 'Core';
    ct.EnabledControls[0].controlIdentifier = 'arn:aws:controlcatalog:::control/doesnotexist';
    const onSandbox = ct.EnabledControls.findIndex((c: Loose, i: number) => i > 0 && c.targetIdentifier.endsWith(`/${sandbox.awsId}`) && !c.controlIdentifier.endsWith('AWS-GR_REGION_DENY'));
    ct.EnabledControls.push({ ...ct.EnabledControls[onSandbox], arn: ct.EnabledControls[onSandbox].arn.replace(/.$/, 'Z') });
    ct.EnabledBaselines = ct.EnabledBaselines.filter((b: Loose) => !b.targetIdentifier.endsWith(`/${sandbox.awsId}`) || b.targetIdentifier.includes(':account/'));
    const result = readAwsBundle(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual(expect.arrayContaining([
        expect.objectContaining({ path: '$.ControlTower.LandingZone.manifest.governedRegions', awsCode: 'ValidationException' }),
        expect.objectContaining({ path: '$.ControlTower.LandingZone.manifest.organizationStructure.security.name', awsCode: 'ResourceNotFoundException' }),
        expect.objectContaining({ path: '$.ControlTower.EnabledControls[0].controlIdentifier', awsCode: 'ResourceNotFoundException' }),
        expect.objectContaining({ path: `$.ControlTower.EnabledControls[${onSandbox}].targetIdentifier`, awsCode: 'ValidationException' }),
      ]));
    }
    const twice = JSON.parse(JSON.stringify(bundle));
    const index = twice.ControlTower.EnabledControls.findIndex((c: Loose) => c.targetIdentifier.endsWith(`/${sandbox.awsId}`));
    twice.ControlTower.EnabledControls.push({ ...twice.ControlTower.EnabledControls[index], arn: `${twice.ControlTower.EnabledControls[index].arn}X` });
    const second = readAwsBundle(twice);
    expect(!second.ok && second.problems.map((p) => p.awsCode)).toEqual(['ConflictException']);
  });

  // The Security OU deleted in Organizations is landing zone drift ORGANIZATIONAL_UNIT_DELETED
  // (https://docs.aws.amazon.com/controltower/latest/userguide/governance-drift.html, "Deleted Foundational OU").
  // get-landing-zone keeps returning the manifest the landing zone was deployed with, which still names the OU, and a
  // drift status of DRIFTED (API_LandingZoneDriftStatusSummary.html: "does not match the configuration that AWS
  // Control Tower expected"); the OU's id is in no AWS output, so LzsimDeletedSecurityOu carries it.
  it('round-trips a landing zone whose Security OU was deleted: same drift, same repair, identical export', async () => {
    const { d, sandbox } = await designWithLandingZone();
    const rev = new Revision();
    rev.took({ revision: (await db.design.findUniqueOrThrow({ where: { id: d.designId }, select: { revision: true } })).revision });
    const zone = await db.landingZone.findUniqueOrThrow({ where: { designId: d.designId }, select: { logArchiveAccountId: true, auditAccountId: true, securityOu: { select: { id: true, awsId: true } } } });
    const sandboxRow = await db.organizationalUnit.findFirstOrThrow({ where: { awsId: sandbox.awsId, root: { organization: { designId: d.designId } } }, select: { id: true } });
    for (const accountId of [zone.logArchiveAccountId!, zone.auditAccountId!]) rev.took(await moveAccount(db, { ...rev.base(d.designId), accountId, destinationParentId: sandboxRow.id }));
    rev.took(await deleteOrganizationalUnit(db, { ...rev.base(d.designId), ouId: zone.securityOu!.id }));
    const driftOf = async (designId: string) => (await governanceReport(db, designId)).drift.map((x) => `${x.type}:${x.repair}:${x.message}`);
    const before = await driftOf(d.designId);
    expect(before[0]).toContain(`ORGANIZATIONAL_UNIT_DELETED:RESET_LANDING_ZONE:AWS Control Tower has detected that the registered organizational unit 'Security (${zone.securityOu!.awsId})' has been deleted.`);

    const exported1 = (await exportDesign(db, d.designId, 'bundle')).document as Loose;
    const section = exported1.ControlTower as Loose;
    expect(section.LandingZone.driftStatus).toEqual({ status: 'DRIFTED' });
    expect(section.LandingZone.manifest.organizationStructure).toEqual({ security: { name: 'Security' }, sandbox: { name: 'Sandbox' } });
    expect(section.LzsimDeletedSecurityOu).toEqual({ id: zone.securityOu!.awsId, name: 'Security' });
    expect(exported1.OrganizationalUnits.some((ou: Loose) => ou.Id === zone.securityOu!.awsId)).toBe(false);

    // The folder of CLI outputs carries it in a file of its own, read back into the same section.
    const files = controlTowerToCliFiles(section);
    expect(JSON.parse(files['control-tower/lzsim-deleted-security-ou.json'])).toEqual({ LzsimDeletedSecurityOu: section.LzsimDeletedSecurityOu });
    const fromFolder = controlTowerFromCliFiles((relative) => (files[relative] === undefined ? undefined : JSON.parse(files[relative])), (folder) => Object.keys(files).filter((f) => f.startsWith(`${folder}/`)).map((f) => f.slice(folder.length + 1)));
    expect(fromFolder?.LzsimDeletedSecurityOu).toEqual(section.LzsimDeletedSecurityOu);

    const second = await importBundle(db, JSON.parse(JSON.stringify(exported1)), { name: uniqueName('ct deleted security ou') });
    expect((await exportDesign(db, second.designId, 'bundle')).document).toEqual(exported1);
    expect(await driftOf(second.designId)).toEqual(before);
    // The imported landing zone is blocked as the original is, and its reset puts the Security OU back.
    const revision = (await db.design.findUniqueOrThrow({ where: { id: second.designId }, select: { revision: true } })).revision;
    await expectAwsError(enableControl(db, { designId: second.designId, expectedRevision: revision, controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS', targetIdentifier: sandbox.awsId }), 'ValidationException');
    await repairDrift(db, { designId: second.designId, expectedRevision: revision, repair: 'RESET_LANDING_ZONE' });
    expect(await driftOf(second.designId)).toEqual([]);
    const repaired = (await exportDesign(db, second.designId, 'bundle')).document as Loose;
    expect(repaired.ControlTower.LandingZone.driftStatus).toEqual({ status: 'IN_SYNC' });
    expect(repaired.ControlTower.LzsimDeletedSecurityOu).toBeUndefined();
    const security = repaired.OrganizationalUnits.find((ou: Loose) => ou.Name === 'Security');
    expect(security.Id).not.toBe(zone.securityOu!.awsId);

    // A bundle from AWS itself has no LzsimDeletedSecurityOu: a DRIFTED landing zone whose manifest names a Security OU
    // that is not under the root is read as that drift, the OU's id unknown; an IN_SYNC one is refused as before.
    const fromAws = JSON.parse(JSON.stringify(exported1));
    delete fromAws.ControlTower.LzsimDeletedSecurityOu;
    const read = readAwsBundle(fromAws);
    expect(read.ok && read.design.controlTower?.deletedSecurityOu).toEqual({ awsId: null, name: 'Security' });
    const third = await importBundle(db, fromAws, { name: uniqueName('ct deleted security ou from aws') });
    expect((await driftOf(third.designId))[0]).toContain("the registered organizational unit 'Security' has been deleted.");
    const inSync = JSON.parse(JSON.stringify(fromAws));
    inSync.ControlTower.LandingZone.driftStatus.status = 'IN_SYNC';
    const refused = readAwsBundle(inSync);
    expect(!refused.ok && refused.problems.map((p) => `${p.path} ${p.awsCode}`)).toEqual(['$.ControlTower.LandingZone.manifest.organizationStructure.security.name ResourceNotFoundException']);
  });

  // Landing zone 4.0: userguide/lz-api-launch.html and landing-zone-schemas.html ("Landing zone 4.0 schema"),
  // userguide/key-changes-lz-v4.html; IdentityCenterBaseline: aws-cli examples/controltower/list-enabled-baselines.rst,
  // userguide/baseline-api-examples.html (IdentityCenterEnabledBaselineArn).
  it('writes and reads the landing zone 4.0 manifest and the IdentityCenterBaseline, round trip identical; Config off leaves detective controls unevaluated', async () => {
    const { d, sandbox, dev } = await designWithLandingZone('4.0', false);
    const exported1 = (await exportDesign(db, d.designId, 'bundle')).document as Loose;
    const section = exported1.ControlTower as Loose;
    const management = exported1.Organization.MasterAccountId;
    const { manifest } = section.LandingZone;
    expect(section.LandingZone.version).toBe('4.0');
    expect(Object.keys(manifest).sort()).toEqual(['accessManagement', 'backup', 'centralizedLogging', 'config', 'governedRegions', 'securityRoles']);
    expect(manifest.securityRoles).toEqual({ accountId: expect.stringMatching(/^\d{12}$/), enabled: true });
    expect(manifest.config).toEqual({ enabled: false });
    expect(manifest.backup).toEqual({ enabled: false });
    expect(manifest.centralizedLogging).toMatchObject({ accountId: expect.stringMatching(/^\d{12}$/), enabled: true });
    const identityCenter = section.EnabledBaselines.find((b: Loose) => b.baselineIdentifier === 'arn:aws:controltower:eu-west-1::baseline/LN25R72TTG6IGPTQ');
    expect(identityCenter.targetIdentifier).toMatch(new RegExp(`:account/o-[a-z0-9]+/${management}$`));
    const sandboxArn = exported1.OrganizationalUnits.find((ou: Loose) => ou.Id === sandbox.awsId).Arn;
    expect(section.EnabledBaselines.find((b: Loose) => b.targetIdentifier === sandboxArn).parameters).toEqual([{ key: 'IdentityCenterEnabledBaselineArn', value: identityCenter.arn }]);
    const dev1 = (await governanceReport(db, d.designId)).compliance.accounts.find((a) => a.accountId === dev)!;
    expect(dev1.results.find((r) => r.control.identifier === 'AWS-GR_ROOT_ACCOUNT_MFA_ENABLED')).toMatchObject({ status: 'NOT_EVALUATED', reason: expect.stringContaining('Config integration is off') });

    const second = await importBundle(db, JSON.parse(JSON.stringify(exported1)), { name: uniqueName('ct 4.0 round trip') });
    expect((await exportDesign(db, second.designId, 'bundle')).document).toEqual(exported1);
    expect((await governanceReport(db, second.designId)).drift).toEqual([]);
    const imported = await db.landingZone.findUniqueOrThrow({ where: { designId: second.designId }, select: { configEnabled: true, identityCenterBaselineArn: true, securityOu: { select: { name: true } } } });
    expect(imported).toEqual({ configEnabled: false, identityCenterBaselineArn: identityCenter.arn, securityOu: { name: 'Security' } });

    const broken = JSON.parse(JSON.stringify(exported1));
    broken.ControlTower.LandingZone.manifest.organizationStructure = { security: { name: 'Security' } };
    delete broken.ControlTower.LandingZone.manifest.securityRoles.enabled;
    broken.ControlTower.EnabledBaselines.find((b: Loose) => b.targetIdentifier === sandboxArn).parameters[0].value = `${identityCenter.arn}X`;
    const result = readAwsBundle(broken);
    expect(!result.ok && result.problems.map((p) => `${p.path} ${p.awsCode}`)).toEqual(expect.arrayContaining([
      '$.ControlTower.LandingZone.manifest.organizationStructure ValidationException',
      '$.ControlTower.LandingZone.manifest.securityRoles.enabled ValidationException',
      expect.stringMatching(/^\$\.ControlTower\.EnabledBaselines\[\d+\]\.parameters\[0\]\.value ValidationException$/),
    ]));
    await expectAwsError(setUpLandingZone(db, {
      ...new Revision().base((await newDesign(db, 'ct 3.3 config')).designId), version: '3.3', config: false, homeRegion: 'eu-west-1', governedRegions: ['eu-west-1'],
      logArchive: { accountName: 'Log Archive', email: 'log-33@example.com' }, audit: { accountName: 'Audit', email: 'audit-33@example.com' },
    }), 'ValidationException');
  });

  // The AWS Backup integration of landing zone 4.0: the manifest's backup block
  // (https://docs.aws.amazon.com/controltower/latest/userguide/lz-api-launch.html, "Manifest Structure"), the two
  // accounts and the multi-Region KMS key of .../userguide/backup-prerequisites.html, both accounts in the Security OU
  // and the backup administrator delegated for AWS Backup (.../userguide/backup-resources.html), and the CT.BACKUP.PV
  // controls that only the integration makes available (.../controlreference/ct-backup-pv-3.html).
  it('turns the AWS Backup integration on with Control Tower\'s checks, writes it in the 4.0 manifest and reads it back identically', async () => {
    const { d, sandbox, dev } = await designWithLandingZone('4.0');
    const rev = new Revision((await db.design.findUniqueOrThrow({ where: { id: d.designId }, select: { revision: true } })).revision);
    const root = await db.root.findFirstOrThrow({ where: { organization: { designId: d.designId } }, select: { id: true } });
    const { account: admin } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Backup Administrator', email: `backup-admin-${d.designId}@example.com`, parentId: root.id }));
    const { account: central } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Central Backup', email: `central-backup-${d.designId}@example.com`, parentId: root.id }));
    const key = 'arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab';
    const backup = (over: Record<string, string> = {}) => ({ enabled: true as const, backupAdminAccountId: admin.accountId, centralBackupAccountId: central.accountId, kmsKeyArn: key, ...over });
    await expectAwsError(enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'CT.BACKUP.PV.3', targetIdentifier: sandbox.awsId }), 'ValidationException');
    await expectAwsError(updateLandingZone(db, { ...rev.base(d.designId), backup: backup({ kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }) }), 'ValidationException');
    await expectAwsError(updateLandingZone(db, { ...rev.base(d.designId), backup: backup({ centralBackupAccountId: admin.accountId }) }), 'ValidationException');
    await expectAwsError(updateLandingZone(db, { ...rev.base(d.designId), backup: backup({ centralBackupAccountId: dev }) }), 'ValidationException');
    rev.took(await updateLandingZone(db, { ...rev.base(d.designId), backup: backup() }));

    const zone = await db.landingZone.findUniqueOrThrow({ where: { designId: d.designId }, select: { securityOuId: true, backup: true } });
    expect(zone.backup).toEqual({ backupAdminAccountId: admin.accountId, centralBackupAccountId: central.accountId, kmsKeyArn: key });
    expect((await landingZoneView(db, d.designId)).landingZone!.backup).toEqual({
      backupAdmin: { id: admin.id, accountId: admin.accountId, name: 'Backup Administrator' }, centralBackup: { id: central.id, accountId: central.accountId, name: 'Central Backup' }, kmsKeyArn: key,
    });
    const placed = await db.account.findMany({ where: { id: { in: [admin.id, central.id] } }, select: { parentOuId: true } });
    expect(placed.map((a) => a.parentOuId)).toEqual([zone.securityOuId, zone.securityOuId]);
    const delegated = await db.delegatedAdministrator.findMany({ where: { organization: { designId: d.designId }, servicePrincipal: 'backup.amazonaws.com' }, select: { accountId: true } });
    expect(delegated).toEqual([{ accountId: admin.id }]);
    rev.took(await enableControl(db, { ...rev.base(d.designId), controlIdentifier: 'CT.BACKUP.PV.3', targetIdentifier: sandbox.awsId }));

    const exported1 = (await exportDesign(db, d.designId, 'bundle')).document as Loose;
    expect(exported1.ControlTower.LandingZone.manifest.backup).toEqual({
      enabled: true, configurations: { backupAdmin: { accountId: admin.accountId }, centralBackup: { accountId: central.accountId }, kmsKeyArn: key },
    });
    const second = await importBundle(db, JSON.parse(JSON.stringify(exported1)), { name: uniqueName('ct backup round trip') });
    expect((await exportDesign(db, second.designId, 'bundle')).document).toEqual(exported1);
    expect((await db.landingZone.findUniqueOrThrow({ where: { designId: second.designId }, select: { backup: true } })).backup).toEqual(zone.backup);

    // The reader refuses what CreateLandingZone would: a missing key, one account for both roles, a single-Region key.
    const broken = JSON.parse(JSON.stringify(exported1));
    const configurations = broken.ControlTower.LandingZone.manifest.backup.configurations;
    configurations.centralBackup.accountId = admin.accountId;
    configurations.kmsKeyArn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const result = readAwsBundle(broken);
    expect(!result.ok && result.problems.map((p) => `${p.path} ${p.awsCode}`)).toEqual(expect.arrayContaining([
      '$.ControlTower.LandingZone.manifest.backup.configurations.centralBackup.accountId ValidationException',
      '$.ControlTower.LandingZone.manifest.backup.configurations.kmsKeyArn ValidationException',
    ]));
    delete broken.ControlTower.LandingZone.manifest.backup.configurations;
    expect(!readAwsBundle(broken).ok).toBe(true);

    // Off again: the manifest says so; a 3.x landing zone refuses it.
    rev.took(await updateLandingZone(db, { ...rev.base(d.designId), backup: { enabled: false } }));
    expect(((await exportDesign(db, d.designId, 'bundle')).document as Loose).ControlTower.LandingZone.manifest.backup).toEqual({ enabled: false });
    const old = await designWithLandingZone('3.3');
    const oldRevision = (await db.design.findUniqueOrThrow({ where: { id: old.d.designId }, select: { revision: true } })).revision;
    await expectAwsError(updateLandingZone(db, { designId: old.d.designId, expectedRevision: oldRevision, backup: backup() }), 'ValidationException');
  });
});
