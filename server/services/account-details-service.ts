import 'server-only';
import type { Db } from '../db/client';
import * as queries from '../db/org-mutations-queries';
import { loadAccountIam } from '../db/policy-library';
import { summarizeTrust } from '../engine/analysis/trust-summary';
import type { ManagementPolicyType } from '../engine/management';
import { locateFindings } from '../engine/policy/finding-positions';
import type { AccountDetails, EffectiveManagementPolicyView } from '../schemas/account-details';
import { designNotFound } from './design-service';
import { effectivePolicy } from './effective-policy';
import { notFound } from './organizations/aws-errors';

// The account panel: one account's IAM entities, who can assume each of its roles (the engine reads the trust
// policies), and its effective tag, backup and AI opt-out policies as DescribeEffectivePolicy would return them.

const MANAGEMENT_TYPES: readonly ManagementPolicyType[] = ['TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY'];

/** IAM ARNs carry the entity's path between the type and the name ("role/aws-service-role/x.amazonaws.com/Name"). */
const iamArn = (accountId: string, kind: 'user' | 'role', path: string, name: string) => `arn:aws:iam::${accountId}:${kind}${path}${name}`;

/** An account's IAM users, groups and roles (with trust summaries) and its effective management policies. */
export async function accountDetails(db: Db, designId: string, accountRef: string): Promise<AccountDetails> {
  const iam = await loadAccountIam(db, designId, accountRef);
  if (!iam) {
    if (!(await queries.designExists(db, designId))) throw designNotFound(designId);
    throw notFound('AccountNotFoundException', `There is no account "${accountRef}" in this design.`);
  }
  const context = await queries.loadMutationContext(db, designId);
  const { account } = iam;
  const effectivePolicies = account.inOrganization && context
    ? await Promise.all(MANAGEMENT_TYPES.map((type) => effectiveManagementPolicy(db, designId, account.id, type)))
    : [];
  return {
    account: { ...account, isManagement: context?.organization.managementAccountId === account.id },
    users: iam.users.map(({ userId: _userId, ...user }) => ({ ...user, arn: iamArn(account.accountId, 'user', user.path, user.name) })),
    groups: iam.groups,
    roles: iam.roles.map(({ roleId: _roleId, ...role }) => {
      const trust = summarizeTrust(role.trustPolicy);
      return {
        ...role,
        arn: iamArn(account.accountId, 'role', role.path, role.name),
        serviceLinked: role.path.startsWith('/aws-service-role/'),
        trust: { ...trust, findings: locateFindings(role.trustPolicy, trust.findings) },
      };
    }),
    effectivePolicies,
  };
}

async function effectiveManagementPolicy(db: Db, designId: string, accountRowId: string, type: ManagementPolicyType): Promise<EffectiveManagementPolicyView> {
  const { enabled, levels, result } = await effectivePolicy(db, designId, accountRowId, type);
  const base = {
    type,
    enabled,
    levels: levels.map((level) => ({
      kind: level.kind, awsId: level.awsId, name: level.name,
      policies: level.policies.map((p) => ({ awsId: p.awsId, name: p.name })),
    })),
  };
  if (result.ok) {
    return { ...base, status: 'ok', document: result.effective, contributions: result.contributions, errors: [], ignored: result.ignored };
  }
  return {
    ...base,
    status: result.reason,
    document: result.merged ?? null,
    contributions: result.contributions ?? [],
    errors: result.errors.map(({ code, message, path }) => ({ code, message, path })),
    ignored: result.ignored ?? [],
  };
}
