import 'server-only';
import type { Db } from '../../db/client';
import * as iamQueries from '../../db/iam-queries';
import { loadQuotaOverrides } from '../../db/policy-library';
import * as queries from '../../db/org-mutations-queries';
import { locateFindings } from '../../engine/policy/finding-positions';
import { quotaFor } from '../../engine/policy/validate';
import type { IamAccount, ValidateIamDraftInput } from '../../schemas/iam';
import type { ValidatePolicyOutput } from '../../schemas/policy-library';
import { designNotFound } from '../domain-error';
import { effectiveQuotas } from '../organizations/mutation';
import { iamPolicySize, noSuchEntity, validateIamDocument } from './common';
import { groupView, policyView, roleView, userView } from './iam-views';

// The IAM editor's reads: one account's users, groups, roles and customer-managed policies with every document,
// and the live validation of a draft (the checks CreateRole, CreatePolicy and Put*Policy run, nothing saved).

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
    roles: loaded.iamRoles.map((row) => roleView(id, row)),
    users: loaded.iamUsers.map((row) => userView(id, row)),
    groups: loaded.iamGroups.map((row) => groupView(id, row)),
    policies: loaded.iamManagedPolicies.map(policyView),
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
