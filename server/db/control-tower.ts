import 'server-only';

import type { Db } from './client';
import { findInstance, type IdentityCenterInstanceRowDto } from './identity-center';
import type { BackupIntegration } from '../engine/control-tower/backup';
import type { LandingZoneServiceFacts } from '../engine/control-tower/landing-zone-services';

// Reads for Control Tower: the landing zone with its registered OUs, enabled controls and enrolled accounts, and
// the organization's tree as the drift and compliance checks need it. Writes go through the RecordingWriter.

/** A registered OU with its place in the tree. */
export interface RegisteredOuRowDto {
  id: string;
  ouId: string;
  ouAwsId: string;
  ouName: string;
  parentOuId: string | null;
  guardrailPolicyAwsIds: string[];
  baselineVersion: string | null;
}

/** A control enabled on an OU. */
export interface EnabledControlRowDto {
  id: string;
  controlIdentifier: string;
  targetOuId: string;
  parameters: { key: string; value: unknown }[];
  driftStatus: string;
}

/** An enrolled account. */
export interface EnrolledAccountRowDto {
  id: string;
  accountRowId: string;
  accountId: string;
  origin: string;
  blueprint: unknown;
  facts: unknown;
}

/** The landing zone of a design, everything Control Tower manages in it. */
export interface LandingZoneStateDto {
  id: string;
  version: string;
  homeRegion: string;
  governedRegions: string[];
  securityOuId: string | null;
  sandboxOuId: string | null;
  logArchiveAccountId: string | null;
  auditAccountId: string | null;
  organizationTrail: boolean;
  identityCenterEnabled: boolean;
  /** The AWS Config integration (always on before landing zone 4.0). */
  configEnabled: boolean;
  regionDenyEnabled: boolean;
  status: string;
  driftStatus: string;
  /** The organization's o-… id (Control Tower fills it into the RCP controls). */
  organizationAwsId: string | null;
  /** The Security OU someone deleted in Organizations (landing zone drift until the landing zone is reset), else null. */
  deletedSecurityOu: DeletedSecurityOu | null;
  /** The AWS Backup integration (landing zone 4.0), or null when off. */
  backup: BackupIntegration | null;
  registeredOus: RegisteredOuRowDto[];
  enabledControls: EnabledControlRowDto[];
  enrolledAccounts: EnrolledAccountRowDto[];
}

/** An EnabledControl's stored parameters as a list of { key, value } (anything else dropped). */
export function parameterList(value: unknown): { key: string; value: unknown }[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((entry): entry is { key: string; value: unknown } => typeof entry === 'object' && entry !== null && typeof (entry as { key?: unknown }).key === 'string')
    .map((entry) => ({ key: entry.key, value: entry.value }));
}

/** The stored AWS Backup integration ({ backupAdminAccountId, centralBackupAccountId, kmsKeyArn }), or null when off. */
export function backupOf(value: unknown): BackupIntegration | null {
  if (typeof value !== 'object' || value === null) return null;
  const { backupAdminAccountId, centralBackupAccountId, kmsKeyArn } = value as Record<string, unknown>;
  if (typeof backupAdminAccountId !== 'string' || typeof centralBackupAccountId !== 'string' || typeof kmsKeyArn !== 'string') return null;
  return { backupAdminAccountId, centralBackupAccountId, kmsKeyArn };
}

/** A Security OU deleted in Organizations: its name and former AWS id (null when imported from AWS, which keeps no id). */
export interface DeletedSecurityOu {
  awsId: string | null;
  name: string;
}

/** The stored { awsId, name } of a deleted Security OU, or null. */
export function deletedOuOf(value: unknown): DeletedSecurityOu | null {
  if (typeof value !== 'object' || value === null) return null;
  const { awsId, name } = value as { awsId?: unknown; name?: unknown };
  if (typeof name !== 'string') return null;
  return { awsId: typeof awsId === 'string' ? awsId : null, name };
}

/** The design's landing zone, or null when Control Tower is not set up. */
export async function loadLandingZoneState(db: Db, designId: string): Promise<LandingZoneStateDto | null> {
  const row = await db.landingZone.findUnique({
    where: { designId },
    select: {
      id: true, version: true, homeRegion: true, governedRegions: true, securityOuId: true, sandboxOuId: true,
      logArchiveAccountId: true, auditAccountId: true, organizationTrail: true, identityCenterEnabled: true,
      regionDenyEnabled: true, status: true, driftStatus: true, deletedSecurityOu: true, backup: true, configEnabled: true,
      design: { select: { organization: { select: { awsId: true } } } },
      registeredOus: {
        select: { id: true, ouId: true, guardrailPolicyAwsIds: true, baselineVersion: true, ou: { select: { awsId: true, name: true, parentOuId: true } } },
        orderBy: { registeredAt: 'asc' },
      },
      enabledControls: {
        select: { id: true, controlIdentifier: true, targetOuId: true, parameters: true, driftStatus: true },
        orderBy: [{ enabledAt: 'asc' }, { id: 'asc' }],
      },
      enrolledAccounts: {
        select: { id: true, accountId: true, origin: true, blueprint: true, facts: true, account: { select: { accountId: true } } },
        orderBy: { enrolledAt: 'asc' },
      },
    },
  });
  if (!row) return null;
  const { design, ...rest } = row;
  return {
    ...rest,
    organizationAwsId: design.organization?.awsId ?? null,
    deletedSecurityOu: deletedOuOf(row.deletedSecurityOu),
    backup: backupOf(row.backup),
    status: row.status,
    driftStatus: row.driftStatus,
    registeredOus: row.registeredOus.map((r) => ({
      id: r.id, ouId: r.ouId, ouAwsId: r.ou.awsId, ouName: r.ou.name, parentOuId: r.ou.parentOuId,
      guardrailPolicyAwsIds: r.guardrailPolicyAwsIds, baselineVersion: r.baselineVersion,
    })),
    enabledControls: row.enabledControls.map((c) => ({ ...c, parameters: parameterList(c.parameters), driftStatus: c.driftStatus })),
    enrolledAccounts: row.enrolledAccounts.map((e) => ({
      id: e.id, accountRowId: e.accountId, accountId: e.account.accountId, origin: e.origin, blueprint: e.blueprint, facts: e.facts,
    })),
  };
}

/** The organization's tree: OUs and member accounts with their parents (row ids), and every SCP/RCP with its targets. */
export interface OrgSnapshotDto {
  rootId: string;
  rootAwsId: string;
  ous: { id: string; awsId: string; name: string; parentOuId: string | null }[];
  accounts: { id: string; accountId: string; name: string; email: string | null; parentOuId: string | null; parentRootId: string | null; status: string }[];
  policies: {
    id: string; awsId: string; name: string; type: string; content: string;
    targets: { rootId: string | null; ouId: string | null; accountId: string | null }[];
  }[];
  roles: { accountRowId: string; name: string }[];
  delegatedAdmins: { accountRowId: string; servicePrincipal: string }[];
}

/** The tree, policies, role names and delegated administrators of a design's organization; null without one. */
export async function loadOrgSnapshot(db: Db, designId: string): Promise<OrgSnapshotDto | null> {
  const organization = await db.organization.findUnique({
    where: { designId },
    select: {
      root: { select: { id: true, awsId: true, ous: { select: { id: true, awsId: true, name: true, parentOuId: true }, orderBy: { awsId: 'asc' } } } },
      policies: {
        where: { type: { in: ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'DECLARATIVE_POLICY_EC2'] } },
        select: {
          id: true, awsId: true, name: true, type: true, content: true,
          attachments: { select: { rootId: true, ouId: true, accountId: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
        },
        orderBy: { awsId: 'asc' },
      },
      delegatedAdmins: { select: { accountId: true, servicePrincipal: true } },
    },
  });
  if (!organization?.root) return null;
  const accounts = await db.account.findMany({
    where: { designId },
    select: { id: true, accountId: true, name: true, email: true, parentOuId: true, parentRootId: true, status: true },
    orderBy: { accountId: 'asc' },
  });
  const roles = await db.iamRole.findMany({ where: { account: { designId } }, select: { accountId: true, name: true } });
  return {
    rootId: organization.root.id,
    rootAwsId: organization.root.awsId,
    ous: organization.root.ous,
    accounts,
    policies: organization.policies.map((p) => ({ id: p.id, awsId: p.awsId, name: p.name, type: p.type, content: p.content, targets: p.attachments })),
    roles: roles.map((r) => ({ accountRowId: r.accountId, name: r.name })),
    delegatedAdmins: organization.delegatedAdmins.map((d) => ({ accountRowId: d.accountId, servicePrincipal: d.servicePrincipal })),
  };
}

/** A landing zone with what its views and reports read beside it. */
export interface GovernedLandingZoneDto {
  state: LandingZoneStateDto;
  org: OrgSnapshotDto;
  /** The Identity Center instance the landing zone shows, if any. */
  instance: IdentityCenterInstanceRowDto | null;
  /** The design's raised quotas (policy sizes bound the drift checks). */
  quotaOverrides: unknown;
}

/**
 * The design's landing zone, its organization, Identity Center instance and raised quotas; null when it has no
 * landing zone, and then nothing beyond the landing zone's row is read (the organization is thousands of rows on a
 * big design, and every account panel asks).
 */
export async function loadGovernedLandingZone(db: Db, designId: string): Promise<GovernedLandingZoneDto | null> {
  const state = await loadLandingZoneState(db, designId);
  if (!state) return null;
  const [org, instance, design] = await Promise.all([
    loadOrgSnapshot(db, designId),
    findInstance(db, designId),
    db.design.findUnique({ where: { id: designId }, select: { quotaOverrides: true } }),
  ]);
  return org ? { state, org, instance, quotaOverrides: design?.quotaOverrides ?? null } : null;
}

/** The landing zone's shared accounts and trail and the organization's delegated administrators (account row ids). */
export async function loadLandingZoneServiceFacts(db: Db, designId: string): Promise<LandingZoneServiceFacts> {
  const [landingZone, admins] = await Promise.all([
    db.landingZone.findUnique({ where: { designId }, select: { logArchiveAccountId: true, auditAccountId: true, organizationTrail: true, configEnabled: true } }),
    db.delegatedAdministrator.findMany({ where: { organization: { designId } }, select: { accountId: true, servicePrincipal: true } }),
  ]);
  return {
    logArchiveAccountId: landingZone?.logArchiveAccountId ?? null,
    auditAccountId: landingZone?.auditAccountId ?? null,
    organizationTrail: landingZone?.organizationTrail ?? false,
    configEnabled: landingZone?.configEnabled ?? false,
    delegatedAdmins: admins,
  };
}
