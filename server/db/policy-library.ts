import 'server-only';

import type { Db, Prisma } from './client';
import type { OrganizationsPolicyTypeDto } from './dto';
import type { PolicyRowDto } from './org-mutations-queries';
import { parsePublicAccessBlock } from './json-values';
import type { S3PublicAccessBlock } from '../engine/types';

// Reads for the policy library panel and the account panel: every policy of a design with where it is attached,
// and one account's IAM users, groups and roles. Plain DTOs; the services decide what they mean.

/** A root, OU or account a policy is attached to. */
export interface PolicyTargetDto {
  id: string;
  awsId: string;
  name: string;
  kind: 'root' | 'ou' | 'account';
}

/** An Organizations policy (as the operations see it, without its tags) with its targets. */
export interface LibraryPolicyDto extends Omit<PolicyRowDto, 'tags'> {
  targets: PolicyTargetDto[];
}

/** The design's policies and root policy types; null when the design has no organization. */
export interface PolicyLibraryDto {
  revision: number;
  quotaOverrides: unknown;
  enabledTypes: OrganizationsPolicyTypeDto[];
  policies: LibraryPolicyDto[];
}

const named = { select: { id: true, awsId: true, name: true } } as const;

/** A policy as the library lists it: no document and no targets, but how many targets it has. */
export interface PolicySummaryDto extends Omit<PolicyRowDto, 'tags' | 'content'> {
  targetCount: number;
}

/** The design's policies as summaries and its root policy types; null when the design has no organization. */
export interface PolicySummariesDto {
  revision: number;
  enabledTypes: OrganizationsPolicyTypeDto[];
  policies: PolicySummaryDto[];
}

const attachmentOrder: Prisma.PolicyAttachmentOrderByWithRelationInput[] = [{ createdAt: 'asc' }, { id: 'asc' }];
const targetSelect = { root: named, ou: named, account: { select: { id: true, accountId: true, name: true } } } as const;
const policyOrder: Prisma.OrganizationPolicyOrderByWithRelationInput[] = [{ type: 'asc' }, { awsManaged: 'desc' }, { name: 'asc' }];
const summarySelect = { id: true, awsId: true, type: true, name: true, description: true, awsManaged: true } as const;

interface AttachmentRow {
  root: { id: string; awsId: string; name: string } | null;
  ou: { id: string; awsId: string; name: string } | null;
  account: { id: string; accountId: string; name: string } | null;
}

function targetsOf(attachments: AttachmentRow[]): PolicyTargetDto[] {
  return attachments.flatMap((a): PolicyTargetDto[] => {
    if (a.root) return [{ ...a.root, kind: 'root' }];
    if (a.ou) return [{ ...a.ou, kind: 'ou' }];
    if (a.account) return [{ id: a.account.id, awsId: a.account.accountId, name: a.account.name, kind: 'account' }];
    return [];
  });
}


/** Every Organizations policy of the design with its attachments (AWS-managed first, then by type and name). */
export async function loadPolicyLibrary(db: Db, designId: string): Promise<PolicyLibraryDto | null> {
  const design = await db.design.findUnique({
    where: { id: designId },
    select: {
      revision: true,
      quotaOverrides: true,
      organization: {
        select: {
          root: { select: { policyTypes: { where: { status: 'ENABLED' }, select: { type: true } } } },
          policies: {
            orderBy: policyOrder,
            select: {
              ...summarySelect, content: true,
              attachments: { orderBy: attachmentOrder, select: targetSelect },
            },
          },
        },
      },
    },
  });
  if (!design?.organization) return null;
  return {
    revision: design.revision,
    quotaOverrides: design.quotaOverrides,
    enabledTypes: design.organization.root?.policyTypes.map((t) => t.type) ?? [],
    policies: design.organization.policies.map(({ attachments, ...policy }) => ({
      ...policy,
      targets: targetsOf(attachments),
    })),
  };
}

// Counted by the database: loading the attachments only to count them took 0.25-0.5 s on the 5,000-account design
// (2,000 policies, 10,000 attachments), against 30-150 ms.
const countedSelect = { ...summarySelect, _count: { select: { attachments: true } } } as const;

function summaryOf<P extends { _count: { attachments: number } }>({ _count, ...policy }: P) {
  return { ...policy, targetCount: _count.attachments };
}

/** Every Organizations policy of the design without its document and targets, with its target count. */
export async function loadPolicySummaries(db: Db, designId: string): Promise<PolicySummariesDto | null> {
  const design = await db.design.findUnique({
    where: { id: designId },
    select: {
      revision: true,
      organization: {
        select: {
          root: { select: { policyTypes: { where: { status: 'ENABLED' }, select: { type: true } } } },
          policies: {
            orderBy: policyOrder,
            select: countedSelect,
          },
        },
      },
    },
  });
  if (!design?.organization) return null;
  return {
    revision: design.revision,
    enabledTypes: design.organization.root?.policyTypes.map((t) => t.type) ?? [],
    policies: design.organization.policies.map(summaryOf),
  };
}

const attachedTo = (targetId: string) => ({ some: { OR: [{ rootId: targetId }, { ouId: targetId }, { accountId: targetId }] } });

/** The policies attached directly to one root, OU or account of the design (by row id), as summaries. */
export async function loadPoliciesAttachedTo(db: Db, designId: string, targetId: string): Promise<PolicySummaryDto[]> {
  const policies = await db.organizationPolicy.findMany({
    where: { organization: { designId }, attachments: attachedTo(targetId) },
    orderBy: policyOrder,
    select: countedSelect,
  });
  return policies.map(summaryOf);
}

/** One policy of the design (by row id) with its document and every target; null when there is none. */
export async function loadLibraryPolicy(db: Db, designId: string, policyId: string): Promise<LibraryPolicyDto | null> {
  const policy = await db.organizationPolicy.findFirst({
    where: { id: policyId, organization: { designId } },
    select: { ...summarySelect, content: true, attachments: { orderBy: attachmentOrder, select: targetSelect } },
  });
  if (!policy) return null;
  const { attachments, ...rest } = policy;
  return { ...rest, targets: targetsOf(attachments) };
}

/** The design's size quota overrides (null when none); undefined when the design does not exist. */
export async function loadQuotaOverrides(db: Db, designId: string): Promise<unknown> {
  const design = await db.design.findUnique({ where: { id: designId }, select: { quotaOverrides: true } });
  return design ? design.quotaOverrides : undefined;
}

/** A user, group or role's managed and inline policy names (documents are not needed to list them). */
export interface IamPolicyNamesDto {
  attachedPolicies: { arn: string; name: string }[];
  inlinePolicies: string[];
}

/** One account's IAM entities, for the account panel. */
export interface AccountIamDto {
  account: { id: string; accountId: string; name: string; email: string | null; status: string; joinedMethod: string; inOrganization: boolean; parentOuId: string | null; otherOrganizationId: string | null; s3PublicAccessBlock: S3PublicAccessBlock | null };
  users: (IamPolicyNamesDto & { name: string; path: string; userId: string | null; groups: string[]; permissionsBoundary: string | null })[];
  groups: (IamPolicyNamesDto & { name: string; path: string; members: number })[];
  roles: (IamPolicyNamesDto & {
    name: string; path: string; roleId: string | null; description: string; trustPolicy: string; maxSessionDuration: number;
    permissionsBoundary: string | null;
  })[];
}

const policyNames = {
  attachments: { select: { policy: { select: { arn: true, name: true } } } },
  inlinePolicies: { select: { name: true }, orderBy: { name: 'asc' } },
} as const;

const boundaryArn = (row: { permissionsBoundaryArn: string | null; boundaryPolicy: { arn: string } | null }) =>
  row.boundaryPolicy?.arn ?? row.permissionsBoundaryArn;

const namesOf = (row: { attachments: { policy: { arn: string; name: string } }[]; inlinePolicies: { name: string }[] }): IamPolicyNamesDto => ({
  attachedPolicies: row.attachments.map((a) => a.policy).sort((a, b) => a.name.localeCompare(b.name)),
  inlinePolicies: row.inlinePolicies.map((p) => p.name),
});

/** One account of the design (by row id or 12-digit id) with its IAM users, groups and roles; null when unknown. */
export async function loadAccountIam(db: Db, designId: string, ref: string): Promise<AccountIamDto | null> {
  const account = await db.account.findFirst({
    where: { designId, OR: [{ id: ref }, { accountId: ref }] },
    select: {
      id: true, accountId: true, name: true, email: true, status: true, joinedMethod: true, parentRootId: true, parentOuId: true, otherOrganizationId: true, s3PublicAccessBlock: true,
      iamUsers: {
        orderBy: { name: 'asc' },
        select: {
          name: true, path: true, userId: true, permissionsBoundaryArn: true, boundaryPolicy: { select: { arn: true } },
          memberships: { select: { group: { select: { name: true } } } },
          ...policyNames,
        },
      },
      iamGroups: {
        orderBy: { name: 'asc' },
        select: { name: true, path: true, _count: { select: { memberships: true } }, ...policyNames },
      },
      iamRoles: {
        orderBy: { name: 'asc' },
        select: {
          name: true, path: true, roleId: true, description: true, trustPolicy: true, maxSessionDuration: true,
          permissionsBoundaryArn: true, boundaryPolicy: { select: { arn: true } },
          ...policyNames,
        },
      },
    },
  });
  if (!account) return null;
  return {
    account: {
      id: account.id, accountId: account.accountId, name: account.name, email: account.email, status: account.status,
      joinedMethod: account.joinedMethod, inOrganization: account.parentRootId !== null || account.parentOuId !== null, parentOuId: account.parentOuId,
      otherOrganizationId: account.otherOrganizationId,
      s3PublicAccessBlock: parsePublicAccessBlock(account.s3PublicAccessBlock, `account ${account.accountId}`),
    },
    users: account.iamUsers.map((u) => ({
      name: u.name, path: u.path, userId: u.userId, permissionsBoundary: boundaryArn(u),
      groups: u.memberships.map((m) => m.group.name).sort(), ...namesOf(u),
    })),
    groups: account.iamGroups.map((g) => ({ name: g.name, path: g.path, members: g._count.memberships, ...namesOf(g) })),
    roles: account.iamRoles.map((r) => ({
      name: r.name, path: r.path, roleId: r.roleId, description: r.description, trustPolicy: r.trustPolicy,
      maxSessionDuration: r.maxSessionDuration, permissionsBoundary: boundaryArn(r), ...namesOf(r),
    })),
  };
}
