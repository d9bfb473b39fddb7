import 'server-only';
import * as iamQueries from '../../db/iam-queries';
import { parseTags } from '../../db/json-values';
import type { IamGroupView, IamManagedPolicyView, IamRoleView, IamUserView } from '../../schemas/iam';
import { iamEntityArn } from './common';

// The IAM editor's views of stored rows, the same for the whole account (iam.account) and for a page of one list
// (iam.roles, iam.users, iam.groups, iam.policies).

type Named = { name: string };
type Attached = { attachments: { policy: { arn: string; name: string } }[] };
type Boundary = { boundaryPolicy: { arn: string } | null; permissionsBoundaryArn: string | null };
type Inline = { inlinePolicies: { name: string; document: string }[] };

const principalName = (a: { role: Named | null; user: Named | null; group: Named | null }) =>
  a.role ? `role/${a.role.name}` : a.user ? `user/${a.user.name}` : `group/${a.group!.name}`;
const attachedOf = (row: Attached) => row.attachments.map((a) => a.policy).sort((a, b) => a.name.localeCompare(b.name));

/** A role row as the editor shows it; `accountId` is the 12-digit id its ARN carries. */
export function roleView(accountId: string, r: Named & Attached & Boundary & Inline & { id: string; path: string; description: string; trustPolicy: string; maxSessionDuration: number; tags: unknown }): IamRoleView {
  return {
    id: r.id, name: r.name, path: r.path, arn: iamEntityArn(accountId, 'role', r.path, r.name), description: r.description, trustPolicy: r.trustPolicy,
    maxSessionDuration: r.maxSessionDuration, permissionsBoundaryArn: r.boundaryPolicy?.arn ?? r.permissionsBoundaryArn,
    tags: parseTags(r.tags, `IAM role ${r.name}`), attachedPolicies: attachedOf(r), inlinePolicies: r.inlinePolicies,
    serviceLinked: r.path.startsWith('/aws-service-role/'),
  };
}

/** A user row as the editor shows it. */
export function userView(accountId: string, u: Named & Attached & Boundary & Inline & { id: string; path: string; tags: unknown; memberships: { group: Named }[] }): IamUserView {
  return {
    id: u.id, name: u.name, path: u.path, arn: iamEntityArn(accountId, 'user', u.path, u.name),
    permissionsBoundaryArn: u.boundaryPolicy?.arn ?? u.permissionsBoundaryArn, tags: parseTags(u.tags, `IAM user ${u.name}`),
    groups: u.memberships.map((m) => m.group.name).sort(), attachedPolicies: attachedOf(u), inlinePolicies: u.inlinePolicies,
  };
}

/** A group row as the editor shows it. */
export function groupView(accountId: string, g: Named & Attached & Inline & { id: string; path: string; memberships: { user: Named }[] }): IamGroupView {
  return {
    id: g.id, name: g.name, path: g.path, arn: iamEntityArn(accountId, 'group', g.path, g.name),
    members: g.memberships.map((m) => m.user.name).sort(), attachedPolicies: attachedOf(g), inlinePolicies: g.inlinePolicies,
  };
}

/** A customer-managed policy row as the editor shows it: versions in order, who holds it and as what. */
export function policyView(p: Named & {
  id: string; path: string; arn: string; description: string; tags: unknown;
  versions: { versionId: string; document: string; isDefault: boolean; createdAt: Date }[];
  attachments: { role: Named | null; user: Named | null; group: Named | null }[];
  boundaryOfRoles: Named[]; boundaryOfUsers: Named[];
}): IamManagedPolicyView {
  const versions = [...p.versions].sort((a, b) => iamQueries.versionNumber(a.versionId) - iamQueries.versionNumber(b.versionId));
  return {
    id: p.id, name: p.name, path: p.path, arn: p.arn, description: p.description, tags: parseTags(p.tags, `IAM policy ${p.arn}`),
    defaultVersionId: versions.find((v) => v.isDefault)?.versionId ?? '',
    versions,
    attachedTo: p.attachments.map(principalName).sort(),
    boundaryOf: [...p.boundaryOfRoles.map((r) => `role/${r.name}`), ...p.boundaryOfUsers.map((u) => `user/${u.name}`)].sort(),
  };
}
