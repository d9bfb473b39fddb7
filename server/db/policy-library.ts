import 'server-only';

import type { Db } from './client';
import type { OrganizationsPolicyTypeDto } from './dto';
import type { PolicyRowDto } from './org-mutations-queries';

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
            orderBy: [{ type: 'asc' }, { awsManaged: 'desc' }, { name: 'asc' }],
            select: {
              id: true, awsId: true, type: true, name: true, description: true, content: true, awsManaged: true,
              attachments: {
                orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
                select: {
                  root: named,
                  ou: named,
                  account: { select: { id: true, accountId: true, name: true } },
                },
              },
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
      targets: attachments.flatMap((a): PolicyTargetDto[] => {
        if (a.root) return [{ ...a.root, kind: 'root' }];
        if (a.ou) return [{ ...a.ou, kind: 'ou' }];
        if (a.account) return [{ id: a.account.id, awsId: a.account.accountId, name: a.account.name, kind: 'account' }];
        return [];
      }),
    })),
  };
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
  account: { id: string; accountId: string; name: string; email: string | null; status: string; joinedMethod: string; inOrganization: boolean; parentOuId: string | null };
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
      id: true, accountId: true, name: true, email: true, status: true, joinedMethod: true, parentRootId: true, parentOuId: true,
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
