import 'server-only';
import type { Db } from '../db/client';
import { loadLandingZoneServiceFacts } from '../db/control-tower';
import { landingZoneServicesByAccount } from '../engine/control-tower/landing-zone-services';
import { findInstance } from '../db/identity-center';
import * as queries from '../db/org-mutations-queries';
import { loadAccountIam } from '../db/policy-library';
import { summarizeTrust } from '../engine/analysis/trust-summary';
import { isIdentityCenterRole } from '../engine/identity-center/reserved-roles';
import type { ManagementPolicyType } from '../engine/management';
import { locateFindings } from '../engine/policy/finding-positions';
import type { AccountDetails, DesignVpcEndpoints, EffectiveManagementPolicyView, OutsideAccounts } from '../schemas/account-details';
import { listVpcEndpoints } from '../db/vpc-endpoints';
import { listAccountsOutsideOrganization } from '../db/iam-queries';
import { designNotFound } from './domain-error';
import { effectivePolicies, organizationPublicAccessBlockIn } from './effective-policy';
import { notFound } from './organizations/aws-errors';
import { compiledWorldCache } from './simulation/compiled-world-cache';
import { accountControlTower } from './control-tower/account-governance';

// The account panel: one account's IAM entities, who can assume each of its roles (the engine reads the trust
// policies), and its effective tag, backup and AI opt-out policies as DescribeEffectivePolicy would return them.

const MANAGEMENT_TYPES: readonly ManagementPolicyType[] = ['TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'S3_POLICY', 'DECLARATIVE_POLICY_EC2'];

/** IAM ARNs carry the entity's path between the type and the name ("role/aws-service-role/x.amazonaws.com/Name"). */
const iamArn = (accountId: string, kind: 'user' | 'role', path: string, name: string) => `arn:aws:iam::${accountId}:${kind}${path}${name}`;

/**
 * The design's accounts outside its organization: every account of a design imported from accounts' own
 * get-account-authorization-details (no organization), or the partners beside one. Their IAM is in account.details.
 */
export async function outsideAccounts(db: Db, designId: string): Promise<OutsideAccounts> {
  if (!(await queries.designExists(db, designId))) throw designNotFound(designId);
  return { accounts: await listAccountsOutsideOrganization(db, designId) };
}

/** An account's IAM users, groups and roles (with trust summaries) and its effective management policies. */
export async function accountDetails(db: Db, designId: string, accountRef: string): Promise<AccountDetails> {
  const iam = await loadAccountIam(db, designId, accountRef);
  if (!iam) {
    if (!(await queries.designExists(db, designId))) throw designNotFound(designId);
    throw notFound('AccountNotFoundException', `There is no account "${accountRef}" in this design.`);
  }
  const context = await queries.loadMutationContext(db, designId);
  const { account } = iam;
  const effective = account.inOrganization && context ? await effectivePolicies(db, designId, account.id, MANAGEMENT_TYPES) : [];
  const organizationBlock = organizationPublicAccessBlockIn(effective);
  const identityCenterRoles = await identityCenterRolesOf(db, designId, account.accountId);
  const landingZoneServices = account.inOrganization ? landingZoneServicesByAccount(await loadLandingZoneServiceFacts(db, designId)).get(account.id) ?? [] : [];
  const { parentOuId, ...accountFacts } = account;
  const isManagement = context?.organization.managementAccountId === account.id;
  const controlTower = account.inOrganization ? await accountControlTower(db, designId, { id: account.id, isManagement, parentOuId }) : null;
  return {
    account: {
      ...accountFacts,
      isManagement,
      organizationPublicAccessBlock: organizationBlock
        ? { value: organizationBlock.value, policyId: organizationBlock.policyId, policyName: organizationBlock.policyName, targetName: organizationBlock.targetName }
        : null,
    },
    users: iam.users.map(({ userId: _userId, ...user }) => ({ ...user, arn: iamArn(account.accountId, 'user', user.path, user.name) })),
    groups: iam.groups,
    roles: iam.roles.map(({ roleId: _roleId, ...role }) => {
      const trust = summarizeTrust(role.trustPolicy);
      return {
        ...role,
        arn: iamArn(account.accountId, 'role', role.path, role.name),
        serviceLinked: role.path.startsWith('/aws-service-role/'),
        identityCenter: false,
        trust: { ...trust, findings: locateFindings(role.trustPolicy, trust.findings) },
      };
    }).concat(identityCenterRoles),
    effectivePolicies: effective.map(managementPolicyView),
    landingZoneServices,
    controlTower,
    vpcEndpoints: await listVpcEndpoints(db, designId, account.id),
  };
}

/** Every VPC endpoint of the design, for the request form's aws:SourceVpce choices. */
export async function designVpcEndpoints(db: Db, designId: string): Promise<DesignVpcEndpoints> {
  if (!(await queries.designExists(db, designId))) throw designNotFound(designId);
  return { endpoints: await listVpcEndpoints(db, designId) };
}

/**
 * The roles IAM Identity Center created in the account, read from the design's World (they are derived from the
 * assignments, not stored), shaped like the account's own roles and marked read-only.
 */
async function identityCenterRolesOf(db: Db, designId: string, accountId: string): Promise<AccountDetails['roles']> {
  // Without an instance there are none: do not build the design's World for every account panel.
  if (!(await findInstance(db, designId))) return [];
  const { compiled } = await compiledWorldCache().get(db, designId);
  if (!compiled.world.identityCenter) return [];
  const managedNames = new Map((compiled.world.iam[accountId]?.managedPolicies ?? []).map((p) => [p.arn, p.name]));
  return (compiled.world.iam[accountId]?.roles ?? []).filter(isIdentityCenterRole).map((role) => {
    const trustPolicy = typeof role.trustPolicy === 'string' ? role.trustPolicy : JSON.stringify(role.trustPolicy, null, 2);
    const trust = summarizeTrust(trustPolicy);
    return {
      name: role.name,
      arn: role.arn,
      path: role.path,
      description: 'Created by IAM Identity Center for a permission set',
      maxSessionDuration: role.maxSessionDuration ?? 3600,
      permissionsBoundary: role.permissionsBoundaryArn ?? null,
      serviceLinked: false,
      identityCenter: true,
      trustPolicy,
      trust: { ...trust, findings: locateFindings(trustPolicy, trust.findings) },
      attachedPolicies: role.attachedPolicyArns.map((arn) => ({ arn, name: managedNames.get(arn) ?? arn.slice(arn.lastIndexOf('/') + 1) })),
      inlinePolicies: role.inlinePolicies.map((p) => p.name),
    };
  });
}

function managementPolicyView({ type, enabled, levels, result }: Awaited<ReturnType<typeof effectivePolicies>>[number]): EffectiveManagementPolicyView {
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
