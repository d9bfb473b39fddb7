// ControlTower: the AWS Control Tower landing zone in the shapes of the AWS CLI (landing zone 3.x and 4.0 manifests).
//   LandingZone        aws controltower get-landing-zone                         .landingZone
//   EnabledBaselines   aws controltower list-enabled-baselines --include-children .enabledBaselines
//                      (AWSControlTowerBaseline on each registered OU; its child on each enrolled account)
//   EnabledControls    aws controltower list-enabled-controls (every registered OU) .enabledControls, each entry
//                      with the `parameters` of aws controltower get-enabled-control .enabledControlDetails
//   LzsimAccounts      not an AWS output: per enrolled account, how it was enrolled (origin), the Account Factory
//                      blueprint and the facts its detective controls read. No AWS API returns these.
//   LzsimDeletedSecurityOu  not an AWS output: { id, name } of a Security OU deleted in Organizations (landing zone
//                      drift ORGANIZATIONAL_UNIT_DELETED, userguide/governance-drift.html), whose id no AWS output keeps.
// Checked as the APIs would (API reference: LandingZoneDetail, EnabledControlSummary, EnabledBaselineSummary;
// userguide/lz-manifest-file.html for the manifest): ValidationException, ResourceNotFoundException,
// ConflictException. The landing-zone Region deny cannot be set through the manifest (userguide/lz-api-launch.html:
// "AWS Control Tower does not support the Region deny control when using APIs"); it is listed as the enabled control
// AWS-GR_REGION_DENY on the top-level registered OUs, where Control Tower deploys it.
import { checkBackupIntegration, type BackupIntegration } from '../../../control-tower/backup';
import { hasLandingZone4Manifest, LANDING_ZONE_VERSIONS } from '../../../control-tower/quotas';
import type { BundleReadContext, BundleSection } from '../context';
import { requireCatalogue } from '../control-catalogue';
import { ACCOUNT_ID, OU_ID } from '../identifiers';
import type { ControlTowerDriftStatus, ControlTowerEnablementStatus, InterchangeControlTower } from '../model';
import type { Json } from '../shape-reader';

const LANDING_ZONE_ARN = /^arn:aws(-[a-z]+)*:controltower:([a-z]{2}(-gov)?-[a-z]+-\d):(\d{12}):landingzone\/[0-9A-Za-z]{1,64}$/;
const ENABLED_CONTROL_ARN = /^arn:aws(-[a-z]+)*:controltower:[a-z0-9-]+:\d{12}:enabledcontrol\/[0-9A-Za-z]{1,64}$/;
const ENABLED_BASELINE_ARN = /^arn:aws(-[a-z]+)*:controltower:[a-z0-9-]+:\d{12}:enabledbaseline\/[0-9A-Za-z]{1,64}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const VERSION = /^\d+\.\d+$/;
/** The id of AWSControlTowerBaseline, the baseline that registers an OU (userguide/types-of-baselines.html). */
export const CONTROL_TOWER_BASELINE_ID = '17BSJV3IGJ2QSGA2';
/**
 * The id of IdentityCenterBaseline: "Sets up shared resources for AWS Identity Center, which prepares the
 * AWSControlTowerBaseline to set up Identity Center access for accounts" (aws-cli examples/controltower/get-baseline.rst).
 * The landing zone enables it on the management account (list-enabled-baselines.rst); EnableBaseline of
 * AWSControlTowerBaseline then takes its ARN as IdentityCenterEnabledBaselineArn (userguide/baseline-api-examples.html).
 */
export const IDENTITY_CENTER_BASELINE_ID = 'LN25R72TTG6IGPTQ';
/** The AWSControlTowerBaseline parameter naming the enabled IdentityCenterBaseline. */
export const IDENTITY_CENTER_PARAMETER = 'IdentityCenterEnabledBaselineArn';
const ENABLEMENT: readonly string[] = ['SUCCEEDED', 'FAILED', 'UNDER_CHANGE'];
const DRIFT: readonly string[] = ['DRIFTED', 'IN_SYNC', 'NOT_CHECKING', 'UNKNOWN'];

/** The Organizations id a target ARN (…:ou/o-…/ou-… or …:account/o-…/123456789012) names, or the value itself. */
function targetIdOf(identifier: string): string {
  return identifier.includes('/') ? identifier.slice(identifier.lastIndexOf('/') + 1) : identifier;
}

/** AWS Control Tower (landing zone, registered OUs, enrolled accounts, enabled controls). */
export const controlTowerSection: BundleSection = {
  keys: ['ControlTower'],
  read(context) {
    const { top, read } = context;
    if (top.ControlTower === undefined) return;
    const section = read.object(top.ControlTower, '$.ControlTower');
    if (!section || section.LandingZone === undefined || section.LandingZone === null) return;
    const controlTower = readControlTower(context, section);
    if (controlTower) context.design.controlTower = controlTower;
  },
};

function readControlTower(context: BundleReadContext, section: Json): InterchangeControlTower | undefined {
  const { read, problems, design } = context;
  const path = '$.ControlTower.LandingZone';
  const landingZone = read.object(section.LandingZone, path);
  if (!landingZone) return undefined;
  if (!design.organization || !design.root) {
    problems.add(path, 'a Control Tower landing zone needs an organization with all features', 'ValidationException');
    return undefined;
  }
  const arn = read.id(landingZone.arn, `${path}.arn`, LANDING_ZONE_ARN, 'landing zone ARN');
  const version = read.id(landingZone.version, `${path}.version`, VERSION, 'landing zone version');
  if (version && !LANDING_ZONE_VERSIONS.includes(version)) {
    problems.add(`${path}.version`, `landing zone version ${version} is not one of ${LANDING_ZONE_VERSIONS.join(', ')}`, 'ValidationException');
  }
  const homeRegion = arn ? LANDING_ZONE_ARN.exec(arn)![2] : undefined;
  if (arn && LANDING_ZONE_ARN.exec(arn)![4] !== design.organization.managementAccountId) {
    problems.add(`${path}.arn`, `the landing zone belongs to the management account ${design.organization.managementAccountId}`, 'ValidationException');
  }
  const status = read.optionalString(landingZone.status, `${path}.status`) ?? 'ACTIVE';
  if (!['ACTIVE', 'PROCESSING', 'FAILED'].includes(status)) problems.add(`${path}.status`, `"${status}" is not ACTIVE, PROCESSING or FAILED`, 'ValidationException');
  const driftSummary = landingZone.driftStatus === undefined ? {} : read.object(landingZone.driftStatus, `${path}.driftStatus`) ?? {};
  const driftStatus = read.optionalString(driftSummary.status, `${path}.driftStatus.status`) ?? 'IN_SYNC';
  if (driftStatus !== 'DRIFTED' && driftStatus !== 'IN_SYNC') problems.add(`${path}.driftStatus.status`, `"${driftStatus}" is not DRIFTED or IN_SYNC`, 'ValidationException');

  // Landing zone 4.0 makes the manifest optional: "Customers can create Landing Zones without any service
  // integrations" (userguide/key-changes-lz-v4.html).
  const v4 = version !== undefined && hasLandingZone4Manifest(version);
  const manifest = v4 && landingZone.manifest === undefined ? {} : read.object(landingZone.manifest, `${path}.manifest`);
  if (!manifest || !arn || !version || !homeRegion) return undefined;
  const at = `${path}.manifest`;
  const governedRegions: string[] = [];
  read.array(manifest.governedRegions, `${at}.governedRegions`).forEach((value, i) => {
    const region = read.id(value, `${at}.governedRegions[${i}]`, REGION, 'Region');
    if (!region) return;
    if (governedRegions.includes(region)) problems.add(`${at}.governedRegions[${i}]`, `${region} is listed twice`, 'ValidationException');
    else governedRegions.push(region);
  });
  if (!governedRegions.includes(homeRegion)) {
    problems.add(`${at}.governedRegions`, `the home Region ${homeRegion} (the Region of the landing zone's ARN) must be governed`, 'ValidationException');
  }
  const deleted = readDeletedSecurityOu(context, section, driftStatus);
  const integrations = v4 ? readIntegrations4(context, manifest, at, deleted) : readIntegrations3(context, manifest, at, { driftStatus, deleted });
  if (!integrations) return undefined;

  const { registeredOus, enrolledAccounts, identityCenterBaselineArn } = readBaselines(context, section);
  if (identityCenterBaselineArn && !integrations.identityCenter) {
    problems.add(`${at}.accessManagement.enabled`, `IdentityCenterBaseline ${identityCenterBaselineArn} is enabled, so accessManagement.enabled must be true`, 'ValidationException');
  }
  const registered = new Set(registeredOus.map((r) => r.ouId));
  const { enabledControls, regionDeny } = readControls(context, section, registered);
  return {
    arn, version, homeRegion, governedRegions, ...integrations, identityCenterBaselineArn, regionDeny,
    status: status as InterchangeControlTower['status'], driftStatus: driftStatus as InterchangeControlTower['driftStatus'],
    registeredOus, enabledControls, enrolledAccounts,
  };
}

type Integrations = Pick<InterchangeControlTower, 'securityOuId' | 'deletedSecurityOu' | 'backup' | 'sandboxOuId' | 'logArchiveAccountId' | 'auditAccountId' | 'organizationTrail' | 'identityCenter' | 'configEnabled'>;

/** A shared account of the landing zone: a member account, not the management account. */
function memberAccount(context: BundleReadContext, value: unknown, where: string): string | null {
  const { read, problems, targets, design } = context;
  const accountId = read.id(value, where, ACCOUNT_ID, '12-digit account id');
  if (!accountId) return null;
  if (targets.get(accountId) !== 'ACCOUNT') problems.add(where, `account ${accountId} is not a member of the organization`, 'ResourceNotFoundException');
  else if (accountId === design.organization!.managementAccountId) problems.add(where, 'the management account cannot be a shared account of the landing zone', 'ValidationException');
  return accountId;
}

/**
 * LzsimDeletedSecurityOu: the Security OU deleted in Organizations. Its deletion is landing zone drift, so the landing
 * zone must be DRIFTED (API_LandingZoneDriftStatusSummary.html), and the OU must be gone from the organization.
 */
function readDeletedSecurityOu(context: BundleReadContext, section: Json, driftStatus: string): DeletedSecurityOu | undefined {
  const { read, problems, targets } = context;
  const at = '$.ControlTower.LzsimDeletedSecurityOu';
  if (section.LzsimDeletedSecurityOu === undefined) return undefined;
  const entry = read.object(section.LzsimDeletedSecurityOu, at);
  if (!entry) return undefined;
  const awsId = read.id(entry.id, `${at}.id`, OU_ID, 'OU id');
  const name = read.string(entry.name, `${at}.name`);
  if (!awsId || !name) return undefined;
  if (targets.has(awsId)) problems.add(`${at}.id`, `OU ${awsId} is still in the organization: it was not deleted`, 'ValidationException');
  if (driftStatus !== 'DRIFTED') {
    problems.add('$.ControlTower.LandingZone.driftStatus.status', 'a deleted Security OU is landing zone drift (ORGANIZATIONAL_UNIT_DELETED): the landing zone is DRIFTED', 'ValidationException');
  }
  return { awsId, name };
}

/** A deleted Security OU as the reader records it. */
type DeletedSecurityOu = NonNullable<InterchangeControlTower['deletedSecurityOu']>;

/**
 * The 3.x manifest (userguide/lz-manifest-file.html): organizationStructure names the Security and Sandbox OUs. A
 * Security OU deleted in Organizations stays named in the manifest GetLandingZone returns, and the landing zone is
 * DRIFTED: such a manifest is read as that drift (with the OU's former id when LzsimDeletedSecurityOu gives it).
 */
function readIntegrations3(context: BundleReadContext, manifest: Json, at: string, drift: { driftStatus: string; deleted: DeletedSecurityOu | undefined }): Integrations {
  const { read, problems, design, warnings } = context;
  // organizationStructure names the Security and Sandbox OUs; they sit directly under the root.
  const structure = read.object(manifest.organizationStructure, `${at}.organizationStructure`) ?? {};
  let deletedSecurityOu: DeletedSecurityOu | null = null;
  const topLevelOu = (key: 'security' | 'sandbox', required: boolean): string | null => {
    if (structure[key] === undefined && !required) return null;
    const where = `${at}.organizationStructure.${key}.name`;
    const entry = read.object(structure[key], `${at}.organizationStructure.${key}`);
    const name = entry ? read.string(entry.name, where) : undefined;
    if (!name) return null;
    const ou = design.ous.find((candidate) => candidate.parentId === design.root!.awsId && candidate.name === name);
    if (key === 'security' && drift.deleted) {
      if (ou) problems.add('$.ControlTower.LzsimDeletedSecurityOu', `the manifest's Security OU "${name}" is under the root: it was not deleted`, 'ValidationException');
      else if (drift.deleted.name !== name) problems.add('$.ControlTower.LzsimDeletedSecurityOu.name', `the deleted Security OU is the one the manifest names, "${name}"`, 'ValidationException');
      else deletedSecurityOu = drift.deleted;
      return ou?.awsId ?? null;
    }
    if (!ou && key === 'security' && drift.driftStatus === 'DRIFTED') {
      warnings.push(`${where}: there is no OU "${name}" under the root and the landing zone is DRIFTED: read as the deleted Security OU (ORGANIZATIONAL_UNIT_DELETED), its former id unknown`);
      deletedSecurityOu = { awsId: null, name };
      return null;
    }
    if (!ou) problems.add(where, `there is no OU "${name}" directly under the root`, 'ResourceNotFoundException');
    return ou?.awsId ?? null;
  };
  const securityOuId = topLevelOu('security', true);
  const sandboxOuId = topLevelOu('sandbox', false);
  const logging = read.object(manifest.centralizedLogging, `${at}.centralizedLogging`) ?? {};
  const logArchiveAccountId = memberAccount(context, logging.accountId, `${at}.centralizedLogging.accountId`);
  const organizationTrail = readBoolean(context, logging.enabled, `${at}.centralizedLogging.enabled`, true);
  const securityRoles = read.object(manifest.securityRoles, `${at}.securityRoles`) ?? {};
  const auditAccountId = memberAccount(context, securityRoles.accountId, `${at}.securityRoles.accountId`);
  if (logArchiveAccountId && logArchiveAccountId === auditAccountId) {
    problems.add(`${at}.securityRoles.accountId`, 'the Log Archive and Audit accounts must be two different accounts', 'ValidationException');
  }
  const access = manifest.accessManagement === undefined ? {} : read.object(manifest.accessManagement, `${at}.accessManagement`) ?? {};
  const identityCenter = readBoolean(context, access.enabled, `${at}.accessManagement.enabled`, true);
  // Before 4.0, AWS Config and the security roles "were always enabled implicitly" (userguide/key-changes-lz-v4.html).
  // The AWS Backup integration is part of the 4.0 manifest (lz-api-launch.html); lzsim reads it there only.
  if (manifest.backup !== undefined) warnings.push(`${at}.backup: lzsim models the AWS Backup integration of the landing zone 4.0 manifest only; ignored in a 3.x manifest`);
  return { securityOuId, deletedSecurityOu, backup: null, sandboxOuId, logArchiveAccountId, auditAccountId, organizationTrail, identityCenter, configEnabled: true };
}

/**
 * The 4.0 manifest (landing-zone-schemas.html, "Landing zone 4.0 schema"; lz-api-launch.html): accessManagement,
 * backup, centralizedLogging, config, governedRegions and securityRoles, no other key; each integration present needs
 * its `enabled` flag. There is no organizationStructure: the integration accounts must share one parent OU, which lzsim
 * keeps as the Security OU (userguide/key-changes-lz-v4.html, "Optional Organization Structure").
 */
function readIntegrations4(context: BundleReadContext, manifest: Json, at: string, deleted: DeletedSecurityOu | undefined): Integrations | undefined {
  const { read, problems, design } = context;
  const known = ['accessManagement', 'backup', 'centralizedLogging', 'config', 'governedRegions', 'securityRoles'];
  for (const key of Object.keys(manifest)) {
    if (!known.includes(key)) {
      problems.add(`${at}.${key}`, `a landing zone 4.0 manifest has no "${key}" (it takes ${known.join(', ')}: landing-zone-schemas.html)`, 'ValidationException');
    }
  }
  const integration = (key: string): { enabled: boolean; block: Json } => {
    if (manifest[key] === undefined) return { enabled: false, block: {} };
    const block = read.object(manifest[key], `${at}.${key}`) ?? {};
    if (typeof block.enabled !== 'boolean') {
      problems.add(`${at}.${key}.enabled`, 'is required (true or false) in a landing zone 4.0 manifest', 'ValidationException');
      return { enabled: false, block };
    }
    return { enabled: block.enabled, block };
  };
  const logging = integration('centralizedLogging');
  const roles = integration('securityRoles');
  const config = integration('config');
  const access = integration('accessManagement');
  const backupBlock = integration('backup');
  const account = (block: Json, key: string, enabled: boolean): string | null => {
    if (block.accountId === undefined) {
      if (enabled) problems.add(`${at}.${key}.accountId`, `is required when ${key} is enabled`, 'ValidationException');
      return null;
    }
    return memberAccount(context, block.accountId, `${at}.${key}.accountId`);
  };
  const logArchiveAccountId = account(logging.block, 'centralizedLogging', logging.enabled);
  const auditAccountId = roles.enabled ? account(roles.block, 'securityRoles', true) : null;
  const configAccountId = config.enabled ? account(config.block, 'config', true) : null;
  if (logArchiveAccountId && logArchiveAccountId === auditAccountId) {
    problems.add(`${at}.securityRoles.accountId`, 'the Log Archive and Audit accounts must be two different accounts', 'ValidationException');
  }
  if (configAccountId && configAccountId !== auditAccountId) {
    problems.add(`${at}.config.accountId`, `lzsim keeps the Config aggregator in the Audit account: config.accountId must be securityRoles.accountId (${auditAccountId ?? 'security roles are off'})`, 'ValidationException');
  }
  const backup = backupBlock.enabled ? readBackup(context, backupBlock.block, `${at}.backup`, { logArchiveAccountId, auditAccountId }) : null;
  const parents = new Set([logArchiveAccountId, auditAccountId, backup?.backupAdminAccountId ?? null, backup?.centralBackupAccountId ?? null].filter((id): id is string => id !== null).map((id) => design.accounts.find((a) => a.accountId === id)?.parentId));
  if (parents.size > 1) {
    problems.add(at, 'the accounts of the service integrations must be under the same parent OU (userguide/key-changes-lz-v4.html)', 'ValidationException');
  }
  const parent = [...parents][0];
  // With the Security OU deleted, the integration accounts' parent is wherever they were moved to, not the Security OU.
  const securityOuId = !deleted && parent && parent !== design.root!.awsId ? parent : null;
  return {
    securityOuId, deletedSecurityOu: deleted ?? null, backup, sandboxOuId: null, logArchiveAccountId, auditAccountId,
    organizationTrail: logging.enabled, identityCenter: access.enabled, configEnabled: config.enabled,
  };
}

/**
 * backup.configurations of a 4.0 manifest with backup enabled: both accounts and the multi-Region KMS key are required
 * (lz-api-launch.html), and Control Tower's prerequisites hold (server/engine/control-tower/backup.ts).
 */
function readBackup(context: BundleReadContext, block: Json, at: string, shared: { logArchiveAccountId: string | null; auditAccountId: string | null }): BackupIntegration | null {
  const { read, problems, targets, design } = context;
  const configurations = read.object(block.configurations, `${at}.configurations`);
  if (!configurations) return null;
  const accountOf = (key: 'backupAdmin' | 'centralBackup') => {
    const entry = read.object(configurations[key], `${at}.configurations.${key}`);
    return entry ? read.id(entry.accountId, `${at}.configurations.${key}.accountId`, ACCOUNT_ID, '12-digit account id') : undefined;
  };
  const backupAdminAccountId = accountOf('backupAdmin');
  const centralBackupAccountId = accountOf('centralBackup');
  const kmsKeyArn = read.string(configurations.kmsKeyArn, `${at}.configurations.kmsKeyArn`);
  if (!backupAdminAccountId || !centralBackupAccountId || !kmsKeyArn) return null;
  const backup = { backupAdminAccountId, centralBackupAccountId, kmsKeyArn };
  const found = checkBackupIntegration(backup, {
    managementAccountId: design.organization!.managementAccountId, ...shared, isMember: (accountId) => targets.get(accountId) === 'ACCOUNT',
  });
  for (const problem of found) {
    const where = problem.field === 'kmsKeyArn' ? `${at}.configurations.kmsKeyArn` : `${at}.configurations.${problem.field}.accountId`;
    problems.add(where, problem.message, problem.message.includes('not a member') ? 'ResourceNotFoundException' : 'ValidationException');
  }
  return backup;
}

function readBoolean(context: BundleReadContext, value: unknown, path: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  context.problems.add(path, 'expected true or false', 'ValidationException');
  return fallback;
}

function readStatus(context: BundleReadContext, summary: unknown, path: string): ControlTowerEnablementStatus {
  if (summary === undefined) return 'SUCCEEDED';
  const item = context.read.object(summary, path);
  const status = item ? context.read.optionalString(item.status, `${path}.status`) ?? 'SUCCEEDED' : 'SUCCEEDED';
  if (!ENABLEMENT.includes(status)) context.problems.add(`${path}.status`, `"${status}" is not SUCCEEDED, FAILED or UNDER_CHANGE`, 'ValidationException');
  return status as ControlTowerEnablementStatus;
}

/** AWSControlTowerBaseline on OUs (registered) and its children on accounts (enrolled), IdentityCenterBaseline; other baselines are not modelled. */
function readBaselines(context: BundleReadContext, section: Json) {
  const { read, problems, targets, design, warnings } = context;
  const registeredOus: InterchangeControlTower['registeredOus'] = [];
  const children: { accountId: string; enabledBaselineArn: string; at: string }[] = [];
  const arns = new Set<string>();
  let identityCenterBaselineArn: string | null = null;
  const identityCenterParameters: { value: unknown; at: string }[] = [];
  read.array(section.EnabledBaselines, '$.ControlTower.EnabledBaselines').forEach((value, i) => {
    const at = `$.ControlTower.EnabledBaselines[${i}]`;
    const entry = read.object(value, at);
    if (!entry) return;
    const arn = read.id(entry.arn, `${at}.arn`, ENABLED_BASELINE_ARN, 'enabled baseline ARN');
    const baseline = read.string(entry.baselineIdentifier, `${at}.baselineIdentifier`);
    const target = read.string(entry.targetIdentifier, `${at}.targetIdentifier`);
    const status = readStatus(context, entry.statusSummary, `${at}.statusSummary`);
    if (!arn || !baseline || !target) return;
    if (baseline.endsWith(`/${IDENTITY_CENTER_BASELINE_ID}`)) {
      if (identityCenterBaselineArn) problems.add(`${at}.arn`, 'IdentityCenterBaseline is enabled twice', 'ConflictException');
      else if (targetIdOf(target) !== design.organization!.managementAccountId) {
        problems.add(`${at}.targetIdentifier`, `IdentityCenterBaseline is enabled on the management account ${design.organization!.managementAccountId}`, 'ValidationException');
      } else identityCenterBaselineArn = arn;
      return;
    }
    read.array(entry.parameters, `${at}.parameters`).forEach((parameter, j) => {
      const item = read.object(parameter, `${at}.parameters[${j}]`);
      if (item?.key === IDENTITY_CENTER_PARAMETER) identityCenterParameters.push({ value: item.value, at: `${at}.parameters[${j}].value` });
    });
    if (!baseline.endsWith(`/${CONTROL_TOWER_BASELINE_ID}`) && !baseline.endsWith(`:${CONTROL_TOWER_BASELINE_ID}`)) {
      warnings.push(`${at}: baseline ${baseline} is not AWSControlTowerBaseline; lzsim does not model it, ignored`);
      return;
    }
    if (arns.has(arn)) {
      problems.add(`${at}.arn`, `enabled baseline ${arn} is listed twice`, 'ConflictException');
      return;
    }
    arns.add(arn);
    const id = targetIdOf(target);
    const kind = targets.get(id);
    if (kind === 'OU') {
      if (registeredOus.some((r) => r.ouId === id)) problems.add(`${at}.targetIdentifier`, `AWSControlTowerBaseline is already enabled on ${id}`, 'ConflictException');
      else registeredOus.push({ ouId: id, enabledBaselineArn: arn, baselineVersion: read.optionalString(entry.baselineVersion, `${at}.baselineVersion`) ?? null, status });
    } else if (kind === 'ACCOUNT') {
      children.push({ accountId: id, enabledBaselineArn: arn, at });
    } else {
      problems.add(`${at}.targetIdentifier`, `${target} is neither an OU nor a member account of the organization`, 'ResourceNotFoundException');
    }
  });
  // An OU is registered only below a registered parent (userguide/nested-ous.html).
  const registered = new Set(registeredOus.map((r) => r.ouId));
  const ouParent = new Map(design.ous.map((ou) => [ou.awsId, ou.parentId]));
  registeredOus.forEach((r) => {
    const parent = ouParent.get(r.ouId)!;
    if (parent !== design.root!.awsId && !registered.has(parent)) problems.add('$.ControlTower.EnabledBaselines', `OU ${r.ouId} is registered but its parent ${parent} is not`, 'ValidationException');
  });
  const records = section.LzsimAccounts === undefined ? {} : read.object(section.LzsimAccounts, '$.ControlTower.LzsimAccounts') ?? {};
  const enrolledAccounts: InterchangeControlTower['enrolledAccounts'] = [];
  for (const child of children) {
    if (enrolledAccounts.some((e) => e.accountId === child.accountId)) {
      problems.add(`${child.at}.targetIdentifier`, `account ${child.accountId} is enrolled twice`, 'ConflictException');
      continue;
    }
    const record = records[child.accountId] === undefined ? {} : read.object(records[child.accountId], `$.ControlTower.LzsimAccounts.${child.accountId}`) ?? {};
    const origin = read.optionalString(record.origin, `$.ControlTower.LzsimAccounts.${child.accountId}.origin`) ?? 'ENROLLED';
    const object = (value: unknown, key: string) => (value === undefined ? {} : read.object(value, `$.ControlTower.LzsimAccounts.${child.accountId}.${key}`) ?? {});
    enrolledAccounts.push({ accountId: child.accountId, enabledBaselineArn: child.enabledBaselineArn, origin, blueprint: object(record.blueprint, 'blueprint'), facts: object(record.facts, 'facts') });
  }
  for (const accountId of Object.keys(records)) {
    if (!enrolledAccounts.some((e) => e.accountId === accountId)) warnings.push(`$.ControlTower.LzsimAccounts.${accountId}: the account has no enabled baseline (it is not enrolled); ignored`);
  }
  // AWSControlTowerBaseline names the enabled IdentityCenterBaseline it sets up access with (baseline-api-examples.html).
  for (const parameter of identityCenterParameters) {
    if (parameter.value !== identityCenterBaselineArn) {
      problems.add(parameter.at, `${IDENTITY_CENTER_PARAMETER} must be the ARN of the enabled IdentityCenterBaseline (${identityCenterBaselineArn ?? 'none is enabled'})`, 'ValidationException');
    }
  }
  return { registeredOus, enrolledAccounts, identityCenterBaselineArn };
}

function readControls(context: BundleReadContext, section: Json, registered: ReadonlySet<string>) {
  const { findControl, landingZoneRegionDenyAlias: regionDenyAlias } = requireCatalogue(context.controlCatalogue);
  const { read, problems, design } = context;
  const enabledControls: InterchangeControlTower['enabledControls'] = [];
  const regionDenyOus = new Set<string>();
  read.array(section.EnabledControls, '$.ControlTower.EnabledControls').forEach((value, i) => {
    const at = `$.ControlTower.EnabledControls[${i}]`;
    const entry = read.object(value, at);
    if (!entry) return;
    const arn = read.id(entry.arn, `${at}.arn`, ENABLED_CONTROL_ARN, 'enabled control ARN');
    const controlIdentifier = read.string(entry.controlIdentifier, `${at}.controlIdentifier`);
    const target = read.string(entry.targetIdentifier, `${at}.targetIdentifier`);
    const status = readStatus(context, entry.statusSummary, `${at}.statusSummary`);
    let driftStatus: ControlTowerDriftStatus = 'IN_SYNC';
    if (entry.driftStatusSummary !== undefined) {
      const drift = read.object(entry.driftStatusSummary, `${at}.driftStatusSummary`);
      const text = drift ? read.optionalString(drift.driftStatus, `${at}.driftStatusSummary.driftStatus`) ?? 'IN_SYNC' : 'IN_SYNC';
      if (DRIFT.includes(text)) driftStatus = text as ControlTowerDriftStatus;
      else problems.add(`${at}.driftStatusSummary.driftStatus`, `"${text}" is not DRIFTED, IN_SYNC, NOT_CHECKING or UNKNOWN`, 'ValidationException');
    }
    const parameters: { key: string; value: unknown }[] = [];
    read.array(entry.parameters, `${at}.parameters`).forEach((parameter, j) => {
      const item = read.object(parameter, `${at}.parameters[${j}]`);
      const key = item ? read.string(item.key, `${at}.parameters[${j}].key`) : undefined;
      if (!item || !key) return;
      if (item.value === undefined) problems.add(`${at}.parameters[${j}].value`, 'is required', 'ValidationException');
      else if (parameters.some((p) => p.key === key)) problems.add(`${at}.parameters[${j}].key`, `parameter ${key} is given twice`, 'ValidationException');
      else parameters.push({ key, value: item.value });
    });
    if (!arn || !controlIdentifier || !target) return;
    const control = findControl(controlIdentifier);
    if (!control) {
      problems.add(`${at}.controlIdentifier`, `there is no control "${controlIdentifier}" in the Control Tower catalogue`, 'ResourceNotFoundException');
      return;
    }
    const ouId = targetIdOf(target);
    if (!registered.has(ouId)) {
      problems.add(`${at}.targetIdentifier`, `${target} is not a registered OU (no AWSControlTowerBaseline is enabled on it)`, 'ValidationException');
      return;
    }
    if (control.alias === regionDenyAlias) {
      if (design.ous.find((ou) => ou.awsId === ouId)?.parentId !== design.root!.awsId) {
        problems.add(`${at}.targetIdentifier`, 'the landing-zone Region deny applies to top-level registered OUs (userguide/region-deny.html)', 'ValidationException');
      }
      regionDenyOus.add(ouId);
      return;
    }
    if (enabledControls.some((c) => c.targetOuId === ouId && findControl(c.controlIdentifier) === control)) {
      problems.add(at, `control ${control.alias ?? control.arn} is enabled twice on ${ouId}`, 'ConflictException');
      return;
    }
    if (enabledControls.some((c) => c.arn === arn)) {
      problems.add(`${at}.arn`, `enabled control ${arn} is listed twice`, 'ConflictException');
      return;
    }
    enabledControls.push({ arn, controlIdentifier, targetOuId: ouId, status, driftStatus, parameters });
  });
  // Control Tower deploys the landing-zone Region deny on every top-level registered OU, or on none.
  const topLevel = [...registered].filter((ouId) => design.ous.find((ou) => ou.awsId === ouId)?.parentId === design.root!.awsId);
  const regionDeny = regionDenyOus.size > 0;
  if (regionDeny && topLevel.some((ouId) => !regionDenyOus.has(ouId))) {
    problems.add('$.ControlTower.EnabledControls', `${regionDenyAlias} is a landing-zone setting: it is enabled on every top-level registered OU or on none`, 'ValidationException');
  }
  return { enabledControls, regionDeny };
}
