import 'server-only';
import type { Db } from '../../db/client';
import * as iamQueries from '../../db/iam-queries';
import { parseTags } from '../../db/json-values';
import { loadQuotaOverrides } from '../../db/policy-library';
import * as queries from '../../db/org-mutations-queries';
import { locateFindings } from '../../engine/policy/finding-positions';
import { quotaFor } from '../../engine/policy/validate';
import type { IamAccount, ValidateIamDraftInput } from '../../schemas/iam';
import type { ValidatePolicyOutput } from '../../schemas/policy-library';
import { designNotFound } from '../design-service';
import { effectiveQuotas } from '../organizations/mutation';
import { iamEntityArn, iamPolicySize, noSuchEntity, validateIamDocument } from './common';

// The IAM editor's reads: one account's users, groups, roles and customer-managed policies with every document,
// and the live validation of a draft (the checks CreateRole, CreatePolicy and Put*Policy run, nothing saved).

type Named = { name: string };
const principalName = (a: { role: Named | null; user: Named | null; group: Named | null }) =>
  a.role ? `role/${a.role.name}` : a.user ? `user/${a.user.name}` : `group/${a.group!.name}`;
const attachedOf = (row: { attachments: { policy: { arn: string; name: string } }[] }) =>
  row.attachments.map((a) => a.policy).sort((a, b) => a.name.localeCompare(b.name));

/** One account's IAM as the editor shows it, with the design's revision and the quotas in force. */
export async function iamAccount(db: Db, designId: string, accountRef: string): Promise<IamAccount> {
  const design = await db.design.findUnique({ where: { id: designId }, select: { revision: true, quotaOverrides: true } });
  if (!design) throw designNotFound(designId);
  const accountRow = await queries.findAccount(db, designId, accountRef);
  if (!accountRow) throw noSuchEntity(`There is no account "${accountRef}" in this design.`);
  const [loaded, awsManagedPolicies] = await Promise.all([
    iamQueries.loadAccountIamForEditing(db, accountRow.id),
    iamQueries.listAwsManagedPolicies(db, designId),
  ]);
  if (!loaded) throw noSuchEntity(`There is no account "${accountRef}" in this design.`);
  const quotas = effectiveQuotas(design.quotaOverrides);
  const id = loaded.accountId;
  return {
    designId,
    revision: design.revision,
    account: { id: loaded.id, accountId: id, name: loaded.name },
    roles: loaded.iamRoles.map((r) => ({
      id: r.id, name: r.name, path: r.path, arn: iamEntityArn(id, 'role', r.path, r.name), description: r.description, trustPolicy: r.trustPolicy,
      maxSessionDuration: r.maxSessionDuration, permissionsBoundaryArn: r.boundaryPolicy?.arn ?? r.permissionsBoundaryArn,
      tags: parseTags(r.tags, `IAM role ${r.name}`), attachedPolicies: attachedOf(r), inlinePolicies: r.inlinePolicies,
      serviceLinked: r.path.startsWith('/aws-service-role/'),
    })),
    users: loaded.iamUsers.map((u) => ({
      id: u.id, name: u.name, path: u.path, arn: iamEntityArn(id, 'user', u.path, u.name),
      permissionsBoundaryArn: u.boundaryPolicy?.arn ?? u.permissionsBoundaryArn, tags: parseTags(u.tags, `IAM user ${u.name}`),
      groups: u.memberships.map((m) => m.group.name).sort(), attachedPolicies: attachedOf(u), inlinePolicies: u.inlinePolicies,
    })),
    groups: loaded.iamGroups.map((g) => ({
      id: g.id, name: g.name, path: g.path, arn: iamEntityArn(id, 'group', g.path, g.name),
      members: g.memberships.map((m) => m.user.name).sort(), attachedPolicies: attachedOf(g), inlinePolicies: g.inlinePolicies,
    })),
    policies: loaded.iamManagedPolicies.map((p) => {
      const versions = [...p.versions].sort((a, b) => iamQueries.versionNumber(a.versionId) - iamQueries.versionNumber(b.versionId));
      return {
        id: p.id, name: p.name, path: p.path, arn: p.arn, description: p.description, tags: parseTags(p.tags, `IAM policy ${p.arn}`),
        defaultVersionId: versions.find((v) => v.isDefault)?.versionId ?? '',
        versions,
        attachedTo: p.attachments.map(principalName).sort(),
        boundaryOf: [...p.boundaryOfRoles.map((r) => `role/${r.name}`), ...p.boundaryOfUsers.map((u) => `user/${u.name}`)].sort(),
      };
    }),
    awsManagedPolicies,
    quotas: {
      maxManagedPoliciesPerRole: quotas.iam.maxManagedPoliciesPerRole,
      maxManagedPoliciesPerUser: quotas.iam.maxManagedPoliciesPerUser,
      maxManagedPoliciesPerGroup: quotas.iam.maxManagedPoliciesPerGroup,
      maxVersionsPerPolicy: quotas.iam.maxVersionsPerPolicy,
      trustPolicySize: quotas.policySizes.IAM_ROLE_TRUST_POLICY,
    },
  };
}

/**
 * A draft checked as IAM would check it (the design's quotas when a design is named, AWS's defaults otherwise),
 * each finding on its line; nothing is saved. The size counts characters without whitespace, as IAM does.
 */
export async function validateIamDraft(db: Db, input: ValidateIamDraftInput): Promise<ValidatePolicyOutput> {
  let stored: unknown = null;
  if (input.designId !== undefined) {
    stored = await loadQuotaOverrides(db, input.designId);
    if (stored === undefined) throw designNotFound(input.designId);
  }
  const quotas = effectiveQuotas(stored);
  const findings = locateFindings(input.content, validateIamDocument(input.kind, input.content, quotas));
  const quotaName = input.kind === 'trust' ? quotaFor('TRUST') : quotaFor('IDENTITY', input.kind);
  return {
    findings,
    rejected: findings.some((f) => f.severity === 'error'),
    size: { characters: iamPolicySize(input.content), quota: quotas.policySizes[quotaName] },
  };
}
