import 'server-only';
import { awsManagedPolicyArn } from '../../db/aws-identifiers';
import type { Db } from '../../db/client';
import { loadLandingZoneState, type LandingZoneStateDto, type RegisteredOuRowDto } from '../../db/control-tower';
import * as iamQueries from '../../db/iam-queries';
import * as queries from '../../db/org-mutations-queries';
import type { AccountRowDto } from '../../db/org-mutations-queries';
import { trustAccount } from '../../db/sample-landing-zone';
import { LANDING_ZONE_REGION_DENY_ALIAS, MANDATORY_CONTROLS, findControl, type CatalogControl } from '../../engine/control-tower/catalog';
import { CONTROL_TOWER_QUOTAS, EXECUTION_ROLE_NAME, hasLandingZone4Manifest, LANDING_ZONE_VERSIONS } from '../../engine/control-tower/quotas';
import { createRoleIn } from '../iam/roles';
import { createAccountIn, ensureAdministratorAccess, moveAccountIn } from '../organizations/accounts';
import { awsError } from '../organizations/aws-errors';
import { isPolicyTypeEnabled, requireAllFeatures, runMutation, type MutationBase, type OperationScope } from '../organizations/mutation';
import { createOrganizationalUnitIn } from '../organizations/ous';
import { syncGuardrails } from './guardrail-sync';
import { findInstance } from '../../db/identity-center';
import { BACKUP_CONTROL_ALIASES } from '../../engine/control-tower/backup';
import { applyBackupIn, type BackupChoice } from './backup-integration';
import { enableIdentityCenterIn } from '../identity-center/instance';

// Control Tower's landing zone operations: set-up (CreateLandingZone), settings (UpdateLandingZone), registering an
// OU (EnableBaseline AWSControlTowerBaseline), enrolling an account, EnableControl and DisableControl. Each runs in
// the design's edit frame (one transaction, recorded row changes: undo and redo cover them) and refuses with
// Control Tower's exception names: ValidationException, ConflictException, ResourceNotFoundException,
// ServiceQuotaExceededException (API reference, each action's "Errors").

const validation = (message: string) => awsError('INVALID_INPUT', 'ValidationException', message);
const conflictError = (message: string) => awsError('CONFLICT', 'ConflictException', message);
const resourceNotFound = (message: string) => awsError('NOT_FOUND', 'ResourceNotFoundException', message);

/** An account the set-up creates, or an existing one it moves into the Security OU. */
export type SharedAccountChoice = { accountId: string } | { accountName: string; email: string };

/** What set-up takes (the console's set-up pages; CreateLandingZone's manifest). */
export interface SetUpLandingZoneInput {
  homeRegion: string;
  governedRegions: string[];
  version?: string;
  securityOuName?: string;
  sandboxOuName?: string | null;
  logArchive: SharedAccountChoice;
  audit: SharedAccountChoice;
  organizationTrail?: boolean;
  identityCenter?: boolean;
  regionDeny?: boolean;
  /** The AWS Config integration; only landing zone 4.0 lets it be off. */
  config?: boolean;
}

/** Landing zone 3.x always runs AWS Config: "AWS Config and SecurityRoles were always enabled implicitly" (userguide/key-changes-lz-v4.html). */
function requireConfigChoice(version: string, config: boolean | undefined): void {
  if (config === false && !hasLandingZone4Manifest(version)) {
    throw validation(`Landing zone ${version} always enables AWS Config; the Config integration can be turned off from landing zone 4.0.`);
  }
}

/**
 * The design's landing zone. With its Security OU deleted, only the repair (update or reset) may run: "You won't be
 * able to take any other actions in AWS Control Tower until the repair is complete" (userguide/drift.html).
 */
async function requireLandingZone(scope: OperationScope, options: { repairing?: boolean } = {}): Promise<LandingZoneStateDto> {
  const landingZone = await loadLandingZoneState(scope.db, scope.context.designId);
  if (!landingZone) throw resourceNotFound('This design has no Control Tower landing zone: set one up first.');
  if (landingZone.deletedSecurityOu && !options.repairing) {
    const { name, awsId } = landingZone.deletedSecurityOu;
    throw validation(`The registered organizational unit '${awsId ? `${name} (${awsId})` : name}' of the landing zone has been deleted: reset (update) the landing zone before any other Control Tower action.`);
  }
  return landingZone;
}

/** Puts a deleted Security OU back where Control Tower created it (directly under the root), registered again. */
async function restoreSecurityOu(scope: OperationScope, landingZone: LandingZoneStateDto): Promise<void> {
  const deleted = landingZone.deletedSecurityOu;
  if (!deleted) return;
  const securityOuId = await topLevelOu(scope, deleted.name);
  await scope.writer.update('landingZone', landingZone.id, { securityOuId, deletedSecurityOu: null });
  await registerOuIn(scope, landingZone.id, securityOuId);
}

/** Moves the Log Archive and Audit accounts back into the Security OU (the landing zone repair of shared-account drift). */
async function returnSharedAccounts(scope: OperationScope, landingZone: LandingZoneStateDto): Promise<void> {
  for (const id of [landingZone.logArchiveAccountId, landingZone.auditAccountId]) {
    const account = id ? await queries.findAccount(scope.db, scope.context.designId, id) : null;
    if (account && landingZone.securityOuId && account.parentOuId !== landingZone.securityOuId) {
      await moveAccountIn(scope, { accountId: account.id, destinationParentId: landingZone.securityOuId });
    }
  }
}

/** The landing zone repair (update or reset): the Security OU back in place, its shared accounts in it. */
async function repairLandingZoneIn(scope: OperationScope, landingZone: LandingZoneStateDto): Promise<LandingZoneStateDto> {
  await restoreSecurityOu(scope, landingZone);
  const restored = (await loadLandingZoneState(scope.db, scope.context.designId))!;
  await returnSharedAccounts(scope, restored);
  // The repaired landing zone matches what Control Tower expects again: GetLandingZone reports IN_SYNC.
  if (restored.driftStatus !== 'IN_SYNC') await scope.writer.update('landingZone', restored.id, { driftStatus: 'IN_SYNC' });
  return (await loadLandingZoneState(scope.db, scope.context.designId))!;
}

/** The AWSControlTowerExecution role: full administration, trusted by the management account (userguide/roles.html). */
async function ensureExecutionRole(scope: OperationScope, account: AccountRowDto): Promise<void> {
  if (await iamQueries.findRoleByName(scope.db, account.id, EXECUTION_ROLE_NAME)) return;
  if (!scope.context.managementAccountNumber) throw new Error('The organization has no management account.');
  await createRoleIn(scope, account, {
    roleName: EXECUTION_ROLE_NAME,
    description: 'Created by AWS Control Tower: lets Control Tower manage this account from the management account',
    assumeRolePolicyDocument: trustAccount(scope.context.managementAccountNumber),
  });
  const role = await iamQueries.findRoleByName(scope.db, account.id, EXECUTION_ROLE_NAME);
  await scope.writer.create('iamPolicyAttachment', { policyId: await ensureAdministratorAccess(scope), roleId: role!.id });
}

async function sharedAccount(scope: OperationScope, choice: SharedAccountChoice, securityOuId: string, label: string): Promise<AccountRowDto> {
  if ('accountId' in choice) {
    const account = await queries.findAccount(scope.db, scope.context.designId, choice.accountId);
    if (!account || (!account.parentOuId && !account.parentRootId)) throw validation(`The ${label} account ${choice.accountId} is not a member account of this organization.`);
    if (account.accountId === scope.context.managementAccountNumber) throw validation(`The management account cannot be the ${label} account.`);
    if (account.parentOuId !== securityOuId) await moveAccountIn(scope, { accountId: account.id, destinationParentId: securityOuId });
    return (await queries.findAccount(scope.db, scope.context.designId, account.id))!;
  }
  const created = await createAccountIn(scope, { accountName: choice.accountName, email: choice.email, parentId: securityOuId });
  return (await queries.findAccount(scope.db, scope.context.designId, created.account.accountId))!;
}

async function topLevelOu(scope: OperationScope, name: string): Promise<string> {
  const existing = await queries.findSiblingOuByName(scope.db, scope.context.root.id, null, name);
  if (existing) return existing.id;
  return (await createOrganizationalUnitIn(scope, { parentId: scope.context.root.id, name })).ou.id;
}

async function enroll(scope: OperationScope, landingZoneId: string, account: AccountRowDto, origin: string, facts: Record<string, unknown> = {}, blueprint: Record<string, unknown> = {}): Promise<void> {
  await scope.writer.create('enrolledAccount', { landingZoneId, accountId: account.id, origin, facts, blueprint });
}

/** Registers an OU: pre-checks as Control Tower runs them, mandatory controls on top-level OUs, accounts enrolled. */
async function registerOuIn(scope: OperationScope, landingZoneId: string, ouId: string): Promise<void> {
  const landingZone = (await loadLandingZoneState(scope.db, scope.context.designId))!;
  const ou = await queries.findOu(scope.db, scope.context.root.id, ouId);
  if (!ou) throw resourceNotFound(`There is no organizational unit "${ouId}" in this organization.`);
  if (landingZone.registeredOus.some((r) => r.ouId === ou.id)) throw conflictError(`OU "${ou.name}" is already registered with Control Tower.`);
  if (ou.parentOuId && !landingZone.registeredOus.some((r) => r.ouId === ou.parentOuId)) {
    throw validation(`OU "${ou.name}" is nested in an OU that is not registered: register its parent first.`);
  }
  const depth = (await queries.listOuAncestors(scope.db, ou.parentOuId)).length + 1;
  if (depth > CONTROL_TOWER_QUOTAS.nestedOuDepth.value) {
    throw validation(`Control Tower governs nested OUs up to ${CONTROL_TOWER_QUOTAS.nestedOuDepth.value} levels below the root; "${ou.name}" is at level ${depth} (${CONTROL_TOWER_QUOTAS.nestedOuDepth.doc}).`);
  }
  const accounts = await scope.db.account.findMany({ where: { parentOuId: ou.id }, select: { id: true } });
  if (accounts.length > CONTROL_TOWER_QUOTAS.accountsPerRegisteredOu.value) {
    throw validation(`OU "${ou.name}" has ${accounts.length} accounts directly in it; OUs with more than ${CONTROL_TOWER_QUOTAS.accountsPerRegisteredOu.value} cannot be registered (${CONTROL_TOWER_QUOTAS.accountsPerRegisteredOu.doc}).`);
  }
  const members: AccountRowDto[] = [];
  for (const { id } of accounts) members.push((await queries.findAccount(scope.db, scope.context.designId, id))!);
  const missingRole = [];
  for (const account of members) if (!(await iamQueries.findRoleByName(scope.db, account.id, EXECUTION_ROLE_NAME))) missingRole.push(account.accountId);
  if (missingRole.length > 0) {
    throw validation(`The ${EXECUTION_ROLE_NAME} role must be present in every account of the OU before it is registered; it is missing in ${missingRole.join(', ')}.`);
  }
  const registered = await scope.writer.create('registeredOu', { landingZoneId, ouId: ou.id, baselineVersion: '4.0', guardrailPolicyAwsIds: [] });
  if (!ou.parentOuId) {
    // Mandatory controls are enabled on every top-level registered OU and inherited below it.
    await scope.writer.createMany('enabledControl', MANDATORY_CONTROLS.map((control) => ({ landingZoneId, controlIdentifier: control.arn, targetOuId: ou.id, parameters: [] })));
  }
  for (const account of members) {
    if (!landingZone.enrolledAccounts.some((e) => e.accountRowId === account.id)) await enroll(scope, landingZoneId, account, 'ENROLLED');
  }
  const fresh = (await loadLandingZoneState(scope.db, scope.context.designId))!;
  await syncGuardrails(scope, fresh, fresh.registeredOus.find((r) => r.id === registered.id)!);
}

/**
 * With "IAM Identity Center" on, Control Tower sets up the organization instance of IAM Identity Center in the home
 * Region (userguide/sso.html); an instance the organization already has is kept, and turning the option off leaves
 * the instance in place (the customer then manages access: userguide/sso.html, "self-managed").
 */
async function ensureIdentityCenter(scope: OperationScope, homeRegion: string): Promise<void> {
  if (await findInstance(scope.db, scope.context.designId)) return;
  await enableIdentityCenterIn(scope, { region: homeRegion });
}

/** Governed regions: at least one, the home region among them, no duplicates. */
function requireRegions(homeRegion: string, governedRegions: readonly string[]): void {
  if (!governedRegions.includes(homeRegion)) {
    throw validation(`The home Region ${homeRegion} must be a governed Region (userguide/region-deny.html: you cannot deny access to your home Region).`);
  }
  if (new Set(governedRegions).size !== governedRegions.length) throw validation('Each governed Region may be listed once.');
}

/** CreateLandingZone: the Security OU with Log Archive and Audit, the optional Sandbox OU, mandatory controls. */
export async function setUpLandingZone(db: Db, input: MutationBase & SetUpLandingZoneInput) {
  return runMutation(db, 'setUpLandingZone', input, async (scope) => {
    requireAllFeatures(scope.context, 'Control Tower');
    if (await loadLandingZoneState(scope.db, scope.context.designId)) throw conflictError('This design already has a Control Tower landing zone: update it instead.');
    if (!isPolicyTypeEnabled(scope.context, 'SERVICE_CONTROL_POLICY')) {
      throw validation('Control Tower deploys its preventive controls as SCPs: enable the SERVICE_CONTROL_POLICY type on the root first.');
    }
    const version = input.version ?? LANDING_ZONE_VERSIONS.at(-1)!;
    if (!LANDING_ZONE_VERSIONS.includes(version)) throw validation(`Landing zone version ${version} is not one of ${LANDING_ZONE_VERSIONS.join(', ')}.`);
    requireRegions(input.homeRegion, input.governedRegions);
    requireConfigChoice(version, input.config);
    const same = 'accountId' in input.logArchive && 'accountId' in input.audit && input.logArchive.accountId === input.audit.accountId;
    if (same) throw validation('The Log Archive and Audit accounts must be two different accounts.');
    const securityOuId = await topLevelOu(scope, input.securityOuName ?? 'Security');
    const logArchive = await sharedAccount(scope, input.logArchive, securityOuId, 'Log Archive');
    const audit = await sharedAccount(scope, input.audit, securityOuId, 'Audit');
    const sandboxOuId = input.sandboxOuName === null ? null : await topLevelOu(scope, input.sandboxOuName ?? 'Sandbox');
    for (const account of [logArchive, audit]) await ensureExecutionRole(scope, account);
    const landingZone = await scope.writer.create('landingZone', {
      designId: scope.context.designId,
      version,
      homeRegion: input.homeRegion,
      governedRegions: input.governedRegions,
      securityOuId,
      sandboxOuId,
      logArchiveAccountId: logArchive.id,
      auditAccountId: audit.id,
      organizationTrail: input.organizationTrail ?? true,
      identityCenterEnabled: input.identityCenter ?? true,
      regionDenyEnabled: input.regionDeny ?? false,
      configEnabled: input.config ?? true,
    });
    // The shared accounts run what Control Tower sets up: Config everywhere, CloudTrail through the org trail.
    const sharedFacts = { cloudTrailEnabled: input.organizationTrail ?? true, configEnabled: true };
    await enroll(scope, landingZone.id, logArchive, 'SETUP', sharedFacts);
    await enroll(scope, landingZone.id, audit, 'SETUP', sharedFacts);
    await registerOuIn(scope, landingZone.id, securityOuId);
    if (sandboxOuId) await registerOuIn(scope, landingZone.id, sandboxOuId);
    if (input.identityCenter ?? true) await ensureIdentityCenter(scope, input.homeRegion);
    return { landingZoneId: landingZone.id };
  });
}

/** UpdateLandingZone: version, governed regions, Region deny, org trail, Identity Center, Config and AWS Backup; guardrails rewritten. */
export async function updateLandingZone(
  db: Db,
  input: MutationBase & { version?: string; governedRegions?: string[]; regionDeny?: boolean; organizationTrail?: boolean; identityCenter?: boolean; config?: boolean; backup?: BackupChoice },
) {
  return runMutation(db, 'updateLandingZone', input, async (scope) => {
    const landingZone = await requireLandingZone(scope, { repairing: true });
    // Updating the landing zone also repairs landing zone drift (userguide/governance-drift.html, "Deleted Foundational OU").
    await repairLandingZoneIn(scope, landingZone);
    if (input.version !== undefined && !LANDING_ZONE_VERSIONS.includes(input.version)) {
      throw validation(`Landing zone version ${input.version} is not one of ${LANDING_ZONE_VERSIONS.join(', ')}.`);
    }
    if (input.governedRegions) requireRegions(landingZone.homeRegion, input.governedRegions);
    requireConfigChoice(input.version ?? landingZone.version, input.config ?? (landingZone.configEnabled ? undefined : false));
    await scope.writer.update('landingZone', landingZone.id, {
      ...(input.version !== undefined ? { version: input.version } : {}),
      ...(input.governedRegions ? { governedRegions: input.governedRegions } : {}),
      ...(input.regionDeny !== undefined ? { regionDenyEnabled: input.regionDeny } : {}),
      ...(input.organizationTrail !== undefined ? { organizationTrail: input.organizationTrail } : {}),
      ...(input.identityCenter !== undefined ? { identityCenterEnabled: input.identityCenter } : {}),
      ...(input.identityCenter === false ? { identityCenterBaselineArn: null } : {}),
      ...(input.config !== undefined ? { configEnabled: input.config } : {}),
    });
    if (input.backup) await applyBackupIn(scope, (await loadLandingZoneState(scope.db, scope.context.designId))!, input.version ?? landingZone.version, input.backup);
    const fresh = (await loadLandingZoneState(scope.db, scope.context.designId))!;
    for (const ou of fresh.registeredOus) await syncGuardrails(scope, fresh, ou);
    if (input.identityCenter === true) await ensureIdentityCenter(scope, landingZone.homeRegion);
    return { landingZoneId: landingZone.id };
  });
}

/** Registers an OU with Control Tower (the console's "Register OU"; EnableBaseline with AWSControlTowerBaseline). */
export async function registerOrganizationalUnit(db: Db, input: MutationBase & { ouId: string }) {
  return runMutation(db, 'registerOrganizationalUnit', input, async (scope) => {
    const landingZone = await requireLandingZone(scope);
    await registerOuIn(scope, landingZone.id, input.ouId);
    return { ouId: input.ouId };
  });
}

async function requireRegisteredOu(scope: OperationScope, landingZone: LandingZoneStateDto, target: string): Promise<RegisteredOuRowDto> {
  // EnableControl's targetIdentifier is the OU's ARN; its last segment is the OU id.
  const ref = target.includes('/') ? target.slice(target.lastIndexOf('/') + 1) : target;
  const ou = await queries.findOu(scope.db, scope.context.root.id, ref);
  if (!ou) throw resourceNotFound(`There is no organizational unit "${target}" in this organization.`);
  const registered = landingZone.registeredOus.find((r) => r.ouId === ou.id);
  if (!registered) throw validation(`OU "${ou.name}" is not registered with Control Tower: register it before enabling controls on it.`);
  return registered;
}

function requireControl(identifier: string): CatalogControl {
  const control = findControl(identifier);
  if (!control) throw resourceNotFound(`There is no control "${identifier}" in the Control Tower catalogue.`);
  return control;
}

/** EnableControl parameters checked against what the control takes (Control Catalog ControlParameter). */
function checkParameters(control: CatalogControl, parameters: readonly { key: string; value: unknown }[], governed: readonly string[]): void {
  const specs = control.parameters ?? [];
  for (const parameter of parameters) {
    const spec = specs.find((s) => s.key === parameter.key);
    if (!spec) throw validation(`Control ${control.alias ?? control.arn} takes no parameter "${parameter.key}".`);
    if (!Array.isArray(parameter.value) || parameter.value.some((v) => typeof v !== 'string' || v.length === 0)) {
      throw validation(`Parameter ${parameter.key} must be a list of strings.`);
    }
    if (spec.type === 'regionList') {
      const outside = (parameter.value as string[]).filter((region) => !governed.includes(region));
      if (outside.length > 0) throw validation(`${parameter.key} may only name governed Regions; ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not governed.`);
    }
  }
  for (const spec of specs) {
    if (spec.required && !parameters.some((p) => p.key === spec.key)) throw validation(`Control ${control.alias ?? control.arn} requires the parameter ${spec.key}.`);
  }
}

/** EnableControl: an optional control on a registered OU; preventive ones rewrite the OU's guardrail SCPs. */
export async function enableControl(
  db: Db,
  input: MutationBase & { controlIdentifier: string; targetIdentifier: string; parameters?: { key: string; value: unknown }[] },
) {
  return runMutation(db, 'enableControl', input, async (scope) => {
    const landingZone = await requireLandingZone(scope);
    const control = requireControl(input.controlIdentifier);
    const ou = await requireRegisteredOu(scope, landingZone, input.targetIdentifier);
    if (control.guidance === 'MANDATORY') {
      throw validation('Only Strongly recommended and Elective controls are permitted, with the exception of the Region deny control: mandatory controls are always enabled.');
    }
    // "You can enable it only by activating AWS Backup capabilities for your landing zone" (ct-backup-pv-1..3.html).
    if (control.alias && BACKUP_CONTROL_ALIASES.includes(control.alias) && !landingZone.backup) {
      throw validation(`${control.alias} can be enabled only with the landing zone's AWS Backup integration on (update the landing zone first).`);
    }
    if (control.alias === LANDING_ZONE_REGION_DENY_ALIAS) {
      throw validation('The landing-zone Region deny applies to every registered OU: turn it on in the landing zone settings (or enable CT.MULTISERVICE.PV.1 on this OU).');
    }
    if (landingZone.enabledControls.some((c) => c.targetOuId === ou.ouId && findControl(c.controlIdentifier) === control)) {
      throw conflictError(`Control ${control.alias ?? control.arn} is already enabled on OU "${ou.ouName}".`);
    }
    const parameters = input.parameters ?? [];
    checkParameters(control, parameters, landingZone.governedRegions);
    const row = await scope.writer.create('enabledControl', {
      landingZoneId: landingZone.id, controlIdentifier: control.arn, targetOuId: ou.ouId, parameters: parameters.map((p) => ({ key: p.key, value: p.value })),
    });
    const fresh = (await loadLandingZoneState(scope.db, scope.context.designId))!;
    const unevaluated = await syncGuardrails(scope, fresh, fresh.registeredOus.find((r) => r.id === ou.id)!);
    return { enabledControlId: row.id, notEvaluated: unevaluated.some((u) => u.origin.name === control.name) };
  });
}

/** DisableControl: mandatory controls cannot be disabled. */
export async function disableControl(db: Db, input: MutationBase & { controlIdentifier: string; targetIdentifier: string }) {
  return runMutation(db, 'disableControl', input, async (scope) => {
    const landingZone = await requireLandingZone(scope);
    const control = requireControl(input.controlIdentifier);
    const ou = await requireRegisteredOu(scope, landingZone, input.targetIdentifier);
    if (control.guidance === 'MANDATORY') throw validation(`Control ${control.alias ?? control.arn} is mandatory: Control Tower keeps it enabled on every registered OU.`);
    const enabled = landingZone.enabledControls.find((c) => c.targetOuId === ou.ouId && findControl(c.controlIdentifier) === control);
    if (!enabled) throw resourceNotFound(`Control ${control.alias ?? control.arn} is not enabled on OU "${ou.ouName}".`);
    await scope.writer.delete('enabledControl', enabled.id);
    const fresh = (await loadLandingZoneState(scope.db, scope.context.designId))!;
    await syncGuardrails(scope, fresh, fresh.registeredOus.find((r) => r.id === ou.id)!);
    return { enabledControlId: enabled.id };
  });
}

/** The AWS-managed policy ARN Control Tower attaches to its execution role. */
export const EXECUTION_ROLE_POLICY_ARN = awsManagedPolicyArn('AdministratorAccess');
export { ensureExecutionRole, enroll, registerOuIn, repairLandingZoneIn, requireLandingZone, validation, conflictError, resourceNotFound };
