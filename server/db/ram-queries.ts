import 'server-only';

import type { Db } from './client';
import type { TagDto } from './dto';
import { parseTags } from './json-values';

// Reads of AWS RAM resource shares: the rows the RAM service checks AWS's rules against and the views list. Writes
// go through the RecordingWriter (org-mutations.ts) so that they are in the history.

/** A resource of a share. */
export interface ShareResourceRowDto {
  id: string;
  resourceArn: string;
  resourceType: string;
}

/** A principal association of a share. */
export interface SharePrincipalRowDto {
  id: string;
  principalType: 'ACCOUNT' | 'ORGANIZATION' | 'ORGANIZATIONAL_UNIT' | 'IAM_ROLE' | 'IAM_USER' | 'SERVICE';
  principal: string;
  status: 'ASSOCIATING' | 'ASSOCIATED' | 'FAILED' | 'DISASSOCIATING' | 'DISASSOCIATED';
  invitationArn: string | null;
  invitationStatus: 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED' | null;
  statusMessage: string | null;
  createdAt: Date;
}

/** The managed permission a share uses for one resource type. */
export interface SharePermissionRowDto {
  id: string;
  resourceType: string;
  permissionArn: string;
  permissionVersion: number | null;
}

/** A resource share with everything associated with it. */
export interface ResourceShareRowDto {
  id: string;
  arn: string | null;
  name: string;
  region: string | null;
  allowExternalPrincipals: boolean;
  status: 'PENDING' | 'ACTIVE' | 'FAILED' | 'DELETING' | 'DELETED';
  tags: TagDto[];
  createdAt: Date;
  owner: { id: string; accountId: string; name: string };
  resources: ShareResourceRowDto[];
  principals: SharePrincipalRowDto[];
  permissions: SharePermissionRowDto[];
}

const shareSelect = {
  id: true,
  arn: true,
  name: true,
  region: true,
  allowExternalPrincipals: true,
  status: true,
  tags: true,
  createdAt: true,
  ownerAccount: { select: { id: true, accountId: true, name: true } },
  resources: { select: { id: true, resourceArn: true, resourceType: true }, orderBy: { resourceArn: 'asc' } },
  principals: {
    select: { id: true, principalType: true, principal: true, status: true, invitationArn: true, invitationStatus: true, statusMessage: true, createdAt: true },
    orderBy: { principal: 'asc' },
  },
  permissions: { select: { id: true, resourceType: true, permissionArn: true, permissionVersion: true }, orderBy: { resourceType: 'asc' } },
} as const;

type ShareRow = {
  id: string; arn: string | null; name: string; region: string | null; allowExternalPrincipals: boolean;
  status: ResourceShareRowDto['status']; tags: unknown; createdAt: Date;
  ownerAccount: { id: string; accountId: string; name: string };
  resources: ShareResourceRowDto[]; principals: SharePrincipalRowDto[]; permissions: SharePermissionRowDto[];
};

function toDto(row: ShareRow): ResourceShareRowDto {
  const { ownerAccount, tags, ...rest } = row;
  return { ...rest, owner: ownerAccount, tags: parseTags(tags, `resource share ${row.name}`) };
}

/** Every resource share of a design (any owner), ordered by owner account id, then name. */
export async function listResourceShares(db: Db, designId: string): Promise<ResourceShareRowDto[]> {
  const rows = await db.resourceShare.findMany({
    where: { ownerAccount: { designId } },
    select: shareSelect,
    orderBy: [{ ownerAccount: { accountId: 'asc' } }, { name: 'asc' }, { id: 'asc' }],
  });
  return rows.map((row) => toDto(row as ShareRow));
}

/** A share of the design by row id or ARN; null when there is none. */
export async function findResourceShare(db: Db, designId: string, ref: string): Promise<ResourceShareRowDto | null> {
  const row = await db.resourceShare.findFirst({ where: { ownerAccount: { designId }, OR: [{ id: ref }, { arn: ref }] }, select: shareSelect });
  return row ? toDto(row as ShareRow) : null;
}

/** How many shares an account owns in one Region (RAM's quota is per Region). */
export async function countSharesOwnedBy(db: Db, ownerAccountRowId: string, region: string): Promise<number> {
  return db.resourceShare.count({ where: { ownerAccountId: ownerAccountRowId, region } });
}

/** The share principal row holding an invitation, by the invitation's ARN; null when none. */
export async function findInvitation(db: Db, designId: string, invitationArn: string): Promise<{ shareId: string; principalId: string } | null> {
  const row = await db.resourceSharePrincipal.findFirst({
    where: { invitationArn, share: { ownerAccount: { designId } } },
    select: { id: true, shareId: true },
  });
  return row ? { shareId: row.shareId, principalId: row.id } : null;
}

/** Pending invitations one account has sent (RAM's quota is per sharing account). */
export async function countPendingInvitations(db: Db, ownerAccountRowId: string): Promise<number> {
  return db.resourceSharePrincipal.count({ where: { invitationStatus: 'PENDING', share: { ownerAccountId: ownerAccountRowId } } });
}

/** The organization facts that decide where a principal stands: OUs (with parents) and member accounts. */
export interface RamOrganizationDto {
  organizationAwsId: string | null;
  managementAccountNumber: string | null;
  featureSetAll: boolean;
  /** Trusted access for ram.amazonaws.com: "sharing with AWS Organizations" is on. */
  sharingEnabled: boolean;
  ous: { id: string; awsId: string; name: string; parentOuId: string | null }[];
  /** Member accounts (those with a parent in the organization). */
  members: { id: string; accountId: string; name: string; parentOuId: string | null }[];
  /** Every account the design knows, members or not. */
  accounts: { id: string; accountId: string; name: string }[];
}

/**
 * What RAM needs to know about the design's organization. `withTree: false` leaves out its OUs and accounts (empty
 * lists): what a design without shares needs, since only shares' recipients are found in the tree.
 */
export async function loadRamOrganization(db: Db, designId: string, { withTree = true } = {}): Promise<RamOrganizationDto> {
  const [org, accounts] = await Promise.all([
    db.organization.findUnique({
      where: { designId },
      select: {
        awsId: true,
        featureSet: true,
        managementAccount: { select: { accountId: true } },
        serviceAccess: { where: { servicePrincipal: 'ram.amazonaws.com' }, select: { id: true } },
        // No OU rows without the tree: a filter that matches none keeps the query's shape (and its type).
        root: { select: { ous: { where: withTree ? {} : { id: { in: [] } }, select: { id: true, awsId: true, name: true, parentOuId: true } } } },
      },
    }),
    withTree
      ? db.account.findMany({ where: { designId }, select: { id: true, accountId: true, name: true, parentOuId: true, parentRootId: true }, orderBy: { accountId: 'asc' } })
      : [],
  ]);
  return {
    organizationAwsId: org?.awsId ?? null,
    managementAccountNumber: org?.managementAccount?.accountId ?? null,
    featureSetAll: org?.featureSet === 'ALL',
    sharingEnabled: (org?.serviceAccess.length ?? 0) > 0,
    ous: org?.root?.ous ?? [],
    members: accounts.filter((a) => a.parentOuId || a.parentRootId).map(({ id, accountId, name, parentOuId }) => ({ id, accountId, name, parentOuId })),
    accounts: accounts.map(({ id, accountId, name }) => ({ id, accountId, name })),
  };
}

/** One version of a customer managed permission, as stored on its row. */
export interface PermissionVersionDto {
  version: number;
  policyTemplate: string;
  createdAt: string;
}

/** A customer managed RAM permission (CreatePermission) with its versions, oldest first. */
export interface RamCustomerPermissionDto {
  id: string;
  arn: string;
  name: string;
  region: string;
  resourceType: string;
  defaultVersion: number;
  versions: PermissionVersionDto[];
  tags: TagDto[];
  owner: { id: string; accountId: string };
  createdAt: Date;
}

/** The versions JSON of a permission row, checked (a row this code did not write is refused loudly). */
export function permissionVersionsOf(value: unknown): PermissionVersionDto[] {
  if (!Array.isArray(value)) throw new Error('A RAM permission row holds no version list.');
  return value.map((entry, i) => {
    const item = entry as Partial<PermissionVersionDto> | null;
    if (!item || typeof item.version !== 'number' || typeof item.policyTemplate !== 'string') throw new Error(`Version ${i} of a RAM permission row is not {version, policyTemplate}.`);
    return { version: item.version, policyTemplate: item.policyTemplate, createdAt: typeof item.createdAt === 'string' ? item.createdAt : '' };
  });
}

const permissionSelect = {
  id: true, arn: true, name: true, region: true, resourceType: true, defaultVersion: true, versions: true, tags: true, createdAt: true,
  ownerAccount: { select: { id: true, accountId: true } },
} as const;

type PermissionRow = { id: string; arn: string; name: string; region: string; resourceType: string; defaultVersion: number; versions: unknown; tags: unknown; createdAt: Date; ownerAccount: { id: string; accountId: string } };

function toPermissionDto(row: PermissionRow): RamCustomerPermissionDto {
  const { ownerAccount, versions, tags, ...rest } = row;
  return { ...rest, owner: ownerAccount, versions: permissionVersionsOf(versions), tags: parseTags(tags, `RAM permission ${row.name}`) };
}

/** The customer managed permissions of a design (every account), by ARN order. */
export async function listCustomerPermissions(db: Db, designId: string): Promise<RamCustomerPermissionDto[]> {
  const rows = await db.ramCustomerPermission.findMany({ where: { ownerAccount: { designId } }, orderBy: { arn: 'asc' }, select: permissionSelect });
  return rows.map(toPermissionDto);
}

/** One customer managed permission of the design by ARN; null when there is none. */
export async function findCustomerPermission(db: Db, designId: string, arn: string): Promise<RamCustomerPermissionDto | null> {
  const row = await db.ramCustomerPermission.findFirst({ where: { arn, ownerAccount: { designId } }, select: permissionSelect });
  return row ? toPermissionDto(row) : null;
}
