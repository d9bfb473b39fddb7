import 'server-only';
import type { Db } from '../../db/client';
import { loadGovernedLandingZone, type LandingZoneStateDto, type OrgSnapshotDto } from '../../db/control-tower';
import * as queries from '../../db/org-mutations-queries';
import { evaluateDetectiveControls, overallStatus, type AccountFacts, type ComplianceStatus, type ControlCompliance } from '../../engine/control-tower/compliance';
import { detectDrift, type DriftItem } from '../../engine/control-tower/drift';
import { EXECUTION_ROLE_NAME } from '../../engine/control-tower/quotas';
import { createAccountIn, moveAccountIn } from '../organizations/accounts';
import { effectiveQuotas, runMutation, type MutationBase, type OperationScope } from '../organizations/mutation';
import { createRoleIn } from '../iam/roles';
import * as iamQueries from '../../db/iam-queries';
import { designNotFound } from '../domain-error';
import { expectedGuardrailContents, syncGuardrails } from './guardrail-sync';
import { conflictError, enroll, ensureExecutionRole, repairLandingZoneIn, requireLandingZone, resourceNotFound, validation } from './landing-zone';

// Compliance (detective controls against each enrolled account's facts), drift (what changed outside Control
// Tower) with its repairs, Account Factory and enrollment of existing accounts.

/** One account's detective results. */
export interface AccountCompliance {
  accountRowId: string;
  accountId: string;
  name: string;
  ouId: string | null;
  ouName: string | null;
  enrolled: boolean;
  status: ComplianceStatus;
  results: ControlCompliance[];
}

/** One registered OU's detective results: the worst of its accounts'. */
export interface OuCompliance {
  ouId: string;
  name: string;
  status: ComplianceStatus;
  accounts: number;
  nonCompliantAccounts: number;
}

function factsOf(value: unknown): AccountFacts {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AccountFacts) : {};
}

/** Compliance of every member account under a registered OU, and per registered OU. */
export function complianceOf(state: LandingZoneStateDto, org: OrgSnapshotDto): { accounts: AccountCompliance[]; ous: OuCompliance[] } {
  const enrolled = new Map(state.enrolledAccounts.map((e) => [e.accountRowId, e]));
  const registered = new Map(state.registeredOus.map((r) => [r.ouId, r]));
  const ouName = new Map(org.ous.map((ou) => [ou.id, ou.name]));
  const accounts: AccountCompliance[] = [];
  for (const account of org.accounts) {
    if (!account.parentOuId || !registered.has(account.parentOuId)) continue;
    const controls = state.enabledControls.filter((c) => c.targetOuId === account.parentOuId).map((c) => c.controlIdentifier);
    const enrollment = enrolled.get(account.id);
    const results = evaluateDetectiveControls(controls, {
      accountId: account.accountId,
      enrolled: Boolean(enrollment),
      logArchive: account.id === state.logArchiveAccountId,
      inSecurityOu: account.parentOuId === state.securityOuId,
      facts: factsOf(enrollment?.facts),
    }, { organizationTrail: state.organizationTrail, configIntegration: state.configEnabled });
    accounts.push({
      accountRowId: account.id, accountId: account.accountId, name: account.name, ouId: account.parentOuId,
      ouName: ouName.get(account.parentOuId) ?? null, enrolled: Boolean(enrollment), status: overallStatus(results), results,
    });
  }
  const ous = state.registeredOus.map((r) => {
    const mine = accounts.filter((a) => a.ouId === r.ouId);
    const worst = mine.some((a) => a.status === 'NON_COMPLIANT') ? 'NON_COMPLIANT' : mine.some((a) => a.status === 'NOT_EVALUATED') ? 'NOT_EVALUATED' : 'COMPLIANT';
    return { ouId: r.ouId, name: r.ouName, status: worst as ComplianceStatus, accounts: mine.length, nonCompliantAccounts: mine.filter((a) => a.status === 'NON_COMPLIANT').length };
  });
  return { accounts, ous };
}

/** Drift of the landing zone now. */
export function driftOf(state: LandingZoneStateDto, org: OrgSnapshotDto, maxScpSize: number, maxRcpSize = maxScpSize): DriftItem[] {
  const accountNumber = (id: string | null) => org.accounts.find((a) => a.id === id)?.accountId ?? '';
  return detectDrift({
    securityOuId: state.securityOuId,
    deletedSecurityOu: state.deletedSecurityOu,
    sharedAccounts: [
      ...(state.logArchiveAccountId ? [{ id: state.logArchiveAccountId, accountId: accountNumber(state.logArchiveAccountId), role: 'Log Archive' as const }] : []),
      ...(state.auditAccountId ? [{ id: state.auditAccountId, accountId: accountNumber(state.auditAccountId), role: 'Audit' as const }] : []),
    ],
    registeredOus: state.registeredOus.map((r) => ({
      ouId: r.ouId, awsId: r.ouAwsId, name: r.ouName, guardrailPolicyAwsIds: r.guardrailPolicyAwsIds, expectedContents: expectedGuardrailContents(state, r, maxScpSize, maxRcpSize),
    })),
    enrolledAccountIds: state.enrolledAccounts.map((e) => e.accountRowId),
    ous: org.ous,
    accounts: org.accounts,
    policies: org.policies,
  });
}

/** Compliance and drift of a design's landing zone (empty without one). */
export async function governanceReport(db: Db, designId: string): Promise<GovernanceReport> {
  const loaded = await loadGovernedLandingZone(db, designId);
  if (!loaded) {
    if (!(await queries.designExists(db, designId))) throw designNotFound(designId);
    return { compliance: { accounts: [], ous: [] }, drift: [] };
  }
  return governanceReportOf(loaded.state, loaded.org, loaded.quotaOverrides);
}

/** Compliance and drift of a design's landing zone and organization, once loaded. */
export interface GovernanceReport {
  compliance: { accounts: AccountCompliance[]; ous: OuCompliance[] };
  drift: DriftItem[];
}

/** The governance report of a loaded landing zone and organization (`quotaOverrides`: the design's raised quotas). */
export function governanceReportOf(state: LandingZoneStateDto, org: OrgSnapshotDto, quotaOverrides: unknown): GovernanceReport {
  const sizes = effectiveQuotas(quotaOverrides).policySizes;
  return { compliance: complianceOf(state, org), drift: driftOf(state, org, sizes.SERVICE_CONTROL_POLICY, sizes.RESOURCE_CONTROL_POLICY) };
}

/** Records an enrolled account's facts (what its detective controls read); keys left out are unknown. */
export async function putAccountFacts(db: Db, input: MutationBase & { accountId: string; facts: AccountFacts }) {
  return runMutation(db, 'putAccountFacts', input, async (scope) => {
    // Facts are lzsim's record of the account, not a Control Tower action: allowed while the landing zone drifts.
    const state = await requireLandingZone(scope, { repairing: true });
    const account = await queries.findAccount(scope.db, scope.context.designId, input.accountId);
    const enrollment = account && state.enrolledAccounts.find((e) => e.accountRowId === account.id);
    if (!enrollment) throw resourceNotFound(`Account ${input.accountId} is not enrolled in Control Tower.`);
    await scope.writer.update('enrolledAccount', enrollment.id, { facts: { ...input.facts } });
    return { accountId: account!.accountId };
  });
}

/** The Account Factory blueprint: baseline roles, tags and network defaults (data, applied at provisioning). */
export interface AccountBlueprint {
  roles?: { roleName: string; trustedAccountId?: string; description?: string }[];
  tags?: { key: string; value: string }[];
  network?: { vpcCidr?: string; subnetsPerAz?: number; availabilityZones?: number; internetAccess?: boolean };
}

/** Account Factory's defaults: a VPC of 172.31.0.0/16 with public and private subnets in three AZs (account-factory.html). */
export const DEFAULT_NETWORK = Object.freeze({ vpcCidr: '172.31.0.0/16', subnetsPerAz: 2, availabilityZones: 3, internetAccess: true });

async function requireRegisteredTarget(scope: OperationScope, state: LandingZoneStateDto, ref: string) {
  const ou = await queries.findOu(scope.db, scope.context.root.id, ref);
  if (!ou) throw resourceNotFound(`There is no organizational unit "${ref}" in this organization.`);
  if (!state.registeredOus.some((r) => r.ouId === ou.id)) throw validation(`OU "${ou.name}" is not registered with Control Tower: Account Factory provisions only into registered OUs.`);
  return ou;
}

/** Account Factory: a new account in a registered OU, with the execution role, the blueprint's roles and tags, enrolled. */
export async function provisionAccount(
  db: Db,
  input: MutationBase & { accountName: string; email: string; ouId: string; accountId?: string; blueprint?: AccountBlueprint },
) {
  return runMutation(db, 'provisionAccount', input, async (scope) => {
    const state = await requireLandingZone(scope);
    const ou = await requireRegisteredTarget(scope, state, input.ouId);
    const blueprint = input.blueprint ?? {};
    const created = await createAccountIn(scope, { accountName: input.accountName, email: input.email, parentId: ou.id, accountId: input.accountId, tags: blueprint.tags });
    const account = (await queries.findAccount(scope.db, scope.context.designId, created.account.accountId))!;
    await ensureExecutionRole(scope, account);
    for (const role of blueprint.roles ?? []) {
      const trusted = role.trustedAccountId ?? scope.context.managementAccountNumber!;
      await createRoleIn(scope, account, {
        roleName: role.roleName,
        description: role.description ?? 'Baseline role from the Account Factory blueprint',
        assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${trusted}:root` }, Action: 'sts:AssumeRole' }] }),
      });
    }
    await enroll(scope, state.id, account, 'ACCOUNT_FACTORY', { configEnabled: true }, { ...blueprint, network: { ...DEFAULT_NETWORK, ...blueprint.network } });
    return { accountId: account.accountId };
  });
}

/** Enrolls an existing member account: AWS's prerequisites (execution role, registered OU, not enrolled, no Config recorder of its own). */
export async function enrollAccount(db: Db, input: MutationBase & { accountId: string; ouId?: string; existingConfigRecorder?: boolean }) {
  return runMutation(db, 'enrollAccount', input, async (scope) => {
    const state = await requireLandingZone(scope);
    const account = await queries.findAccount(scope.db, scope.context.designId, input.accountId);
    if (!account || (!account.parentOuId && !account.parentRootId)) throw resourceNotFound(`Account ${input.accountId} is not a member of this organization.`);
    if (account.accountId === scope.context.managementAccountNumber) throw validation('The management account cannot be enrolled.');
    if (state.enrolledAccounts.some((e) => e.accountRowId === account.id)) throw conflictError(`Account ${account.accountId} is already enrolled.`);
    if (!(await iamQueries.findRoleByName(scope.db, account.id, EXECUTION_ROLE_NAME))) {
      throw validation(`The ${EXECUTION_ROLE_NAME} role must exist in account ${account.accountId}, trusting the management account, before it can be enrolled (userguide/enroll-account.html).`);
    }
    if (input.existingConfigRecorder) {
      throw validation(`Account ${account.accountId} has an AWS Config configuration recorder or delivery channel of its own: delete them in every governed Region before enrolling.`);
    }
    const target = await requireRegisteredTarget(scope, state, input.ouId ?? account.parentOuId ?? scope.context.root.id);
    if (account.parentOuId !== target.id) await moveAccountIn(scope, { accountId: account.id, destinationParentId: target.id });
    await enroll(scope, state.id, account, 'ENROLLED', { configEnabled: true });
    return { accountId: account.accountId };
  });
}

/** Applies the repair Control Tower offers for one drift finding. */
export async function repairDrift(
  db: Db,
  input: MutationBase & { repair: 'RESET_LANDING_ZONE' | 'RE_REGISTER_OU' | 'UPDATE_ACCOUNT'; ouId?: string; accountId?: string; destinationOuId?: string },
) {
  return runMutation(db, `repairDrift:${input.repair}`, input, async (scope) => {
    const state = await requireLandingZone(scope, { repairing: input.repair === 'RESET_LANDING_ZONE' });
    if (input.repair === 'UPDATE_ACCOUNT') {
      if (!input.accountId || !input.destinationOuId) throw validation('Updating an account needs the account and a registered destination OU.');
      const target = await requireRegisteredTarget(scope, state, input.destinationOuId);
      await moveAccountIn(scope, { accountId: input.accountId, destinationParentId: target.id });
      return { repaired: input.repair };
    }
    if (input.repair === 'RESET_LANDING_ZONE') {
      const fresh = await repairLandingZoneIn(scope, state);
      for (const ou of fresh.registeredOus) await syncGuardrailsKeepingDeleted(scope, fresh, ou);
      return { repaired: input.repair };
    }
    const ou = state.registeredOus.find((r) => r.ouId === input.ouId || r.ouAwsId === input.ouId);
    if (!ou) throw resourceNotFound(`OU "${input.ouId ?? ''}" is not registered with Control Tower.`);
    await syncGuardrailsKeepingDeleted(scope, state, ou);
    return { repaired: input.repair };
  });
}

/** syncGuardrails after dropping the ids of guardrail policies someone deleted (they are deployed again). */
async function syncGuardrailsKeepingDeleted(scope: OperationScope, state: LandingZoneStateDto, ou: LandingZoneStateDto['registeredOus'][number]) {
  const present = [];
  for (const awsId of ou.guardrailPolicyAwsIds) if (await queries.findPolicyByAwsId(scope.db, scope.context.organization.id, awsId)) present.push(awsId);
  await syncGuardrails(scope, state, { ...ou, guardrailPolicyAwsIds: present });
  if (present.length !== ou.guardrailPolicyAwsIds.length) {
    const row = await scope.db.registeredOu.findUniqueOrThrow({ where: { id: ou.id }, select: { guardrailPolicyAwsIds: true } });
    if (row.guardrailPolicyAwsIds.join(',') === ou.guardrailPolicyAwsIds.join(',')) await scope.writer.update('registeredOu', ou.id, { guardrailPolicyAwsIds: present });
  }
}
