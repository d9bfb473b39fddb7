// The roles IAM Identity Center creates: one per (permission set, account) with at least one assignment, named
// AWSReservedSSO_<permission set>_<suffix>, under /aws-reserved/sso.amazonaws.com/ (plus the instance's Region,
// except us-east-1), trusting the account's IAM Identity Center SAML provider, with the permission set's policies.
// Sources: referencingpermissionsets.html (name, ARN and path, the Region rule), permissionsetsconcept.html and
// howtocmp.html (a customer-managed policy is resolved by name and path in each account and must exist there),
// limits.html (IAM's managed-policies-per-role quota applies to the role).

import type { AccountIam, IamRole, ManagedPolicy, World } from '../types';
import { durationSeconds } from './session-duration';
import { stableHex16, stableUpperAlnum } from './stable-hex';
import type { CustomerManagedPolicyReference, IdentityCenterModel, PermissionSetModel, ProvisioningStatus } from './types';

/** The path every IAM Identity Center role starts with. */
export const SSO_ROLE_PATH_PREFIX = '/aws-reserved/sso.amazonaws.com/';

/** The name IAM Identity Center gives the inline policy of a permission set's role. */
export const SSO_INLINE_POLICY_NAME = 'AwsSSOInlinePolicy';

/** The SAML audience IAM Identity Center's role trust policies require (the AWS sign-in SAML endpoint). */
export const SSO_SAML_AUDIENCE = 'https://signin.aws.amazon.com/saml';

/** The role path for an instance in `region`: no Region segment for us-east-1 (referencingpermissionsets.html). */
export function reservedRolePath(region: string): string {
  return region === 'us-east-1' ? SSO_ROLE_PATH_PREFIX : `${SSO_ROLE_PATH_PREFIX}${region}/`;
}

/** AWSReservedSSO_<name>_<16 hex>: the suffix is derived from the instance and the permission set, so it is stable. */
export function reservedRoleName(instanceArn: string, permissionSet: Pick<PermissionSetModel, 'arn' | 'name'>): string {
  return `AWSReservedSSO_${permissionSet.name}_${stableHex16(instanceArn, permissionSet.arn)}`;
}

/** The ARN of a permission set's role in an account. */
export function reservedRoleArn(accountId: string, region: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role${reservedRolePath(region)}${roleName}`;
}

/** The account's IAM Identity Center SAML provider: arn:aws:iam::<account>:saml-provider/AWSSSO_<16 hex>_DO_NOT_DELETE. */
export function ssoSamlProviderArn(instanceArn: string, accountId: string): string {
  return `arn:aws:iam::${accountId}:saml-provider/AWSSSO_${stableHex16(instanceArn, accountId)}_DO_NOT_DELETE`;
}

/** The trust policy IAM Identity Center writes: sts:AssumeRoleWithSAML and sts:TagSession for its SAML provider. */
export function reservedRoleTrustPolicy(samlProviderArn: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: samlProviderArn },
          Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
          Condition: { StringEquals: { 'SAML:aud': SSO_SAML_AUDIENCE } },
        },
      ],
    },
    null,
    2,
  );
}

/** The ARN a customer-managed policy reference resolves to in an account. */
export function customerManagedPolicyArn(accountId: string, reference: CustomerManagedPolicyReference): string {
  return `arn:aws:iam::${accountId}:policy${reference.path}${reference.name}`;
}

/** Options of provisionIdentityCenter. */
export interface ProvisionOptions {
  /** IAM's managed policies per role in force (10 by default, reference_iam-quotas.html); more fails provisioning. */
  maxManagedPoliciesPerRole?: number;
  /** AWS-managed policies the caller knows besides those already in the world (their documents reach the accounts). */
  awsManagedPolicies?: readonly ManagedPolicy[];
}

/** A world with the roles IAM Identity Center creates, and the status of each (permission set, account) pair. */
export interface ProvisionedWorld {
  /** The world, each account's IAM holding its AWSReservedSSO_ roles. */
  world: World;
  /** One entry per (permission set, account) with an assignment, sorted by account then role name. */
  provisioning: ProvisioningStatus[];
}

/** The (permission set, account) pairs with at least one assignment, in a stable order. */
function assignedPairs(model: IdentityCenterModel): { permissionSet: PermissionSetModel; accountId: string }[] {
  const byArn = new Map(model.permissionSets.map((ps) => [ps.arn, ps]));
  const seen = new Set<string>();
  const pairs: { permissionSet: PermissionSetModel; accountId: string }[] = [];
  for (const assignment of model.assignments) {
    const permissionSet = byArn.get(assignment.permissionSetArn);
    const key = `${assignment.accountId} ${assignment.permissionSetArn}`;
    if (!permissionSet || seen.has(key)) continue;
    seen.add(key);
    pairs.push({ permissionSet, accountId: assignment.accountId });
  }
  return pairs;
}

/**
 * Adds to the world the role IAM Identity Center creates for each (permission set, account) pair with an assignment,
 * as any role (the engine evaluates it as such). A pair whose customer-managed policy (or boundary) is missing in the
 * account, or whose managed policies exceed IAM's per-role quota, gets no role and a FAILED status with the reason.
 * The world is not modified; a world without identityCenter is returned as is.
 */
export function provisionIdentityCenter(world: World, options: ProvisionOptions = {}): ProvisionedWorld {
  const model = world.identityCenter;
  if (!model) return { world, provisioning: [] };
  const maxManaged = options.maxManagedPoliciesPerRole ?? 10;
  const awsManaged = new Map<string, ManagedPolicy>();
  for (const policy of options.awsManagedPolicies ?? []) awsManaged.set(policy.arn, policy);
  for (const iam of Object.values(world.iam)) {
    for (const policy of iam.managedPolicies) if (policy.arn.startsWith('arn:aws:iam::aws:')) awsManaged.set(policy.arn, policy);
  }

  const iam: Record<string, AccountIam> = { ...world.iam };
  const provisioning: ProvisioningStatus[] = [];
  for (const { permissionSet, accountId } of assignedPairs(model)) {
    const accountIam = iam[accountId] ?? { users: [], groups: [], roles: [], managedPolicies: [] };
    // An account exported from AWS already holds the role, under the suffix AWS chose: it is that role, not a second one.
    const existing = provisionedRoleOf(accountIam, permissionSet.name);
    const roleName = existing?.name ?? reservedRoleName(model.instanceArn, permissionSet);
    const roleArn = existing?.arn ?? reservedRoleArn(accountId, model.region, roleName);
    const held = new Set(accountIam.managedPolicies.map((p) => p.arn));
    const base = { permissionSetArn: permissionSet.arn, accountId, roleName, roleArn };

    const references = [...permissionSet.customerManagedPolicies];
    const boundaryReference = permissionSet.permissionsBoundary?.customerManagedPolicyReference;
    if (boundaryReference) references.push(boundaryReference);
    const missing = references.map((ref) => customerManagedPolicyArn(accountId, ref)).find((arn) => !held.has(arn));
    if (missing) {
      // IAM Identity Center asks IAM for the policy when it provisions the role, and IAM does not have it.
      provisioning.push({ ...base, status: 'FAILED', failureReason: `Received a 404 status error: Not supported policy ${missing}.` });
      continue;
    }
    const attached = [...permissionSet.managedPolicyArns, ...permissionSet.customerManagedPolicies.map((ref) => customerManagedPolicyArn(accountId, ref))];
    if (attached.length > maxManaged) {
      provisioning.push({
        ...base,
        status: 'FAILED',
        failureReason: `LimitExceeded: Cannot exceed quota for PoliciesPerRole: ${maxManaged} (the permission set has ${attached.length} managed policies).`,
      });
      continue;
    }
    const boundaryArn = boundaryReference
      ? customerManagedPolicyArn(accountId, boundaryReference)
      : permissionSet.permissionsBoundary?.managedPolicyArn;
    const role: IamRole = {
      arn: roleArn,
      name: roleName,
      path: existing?.path ?? reservedRolePath(model.region),
      roleId: existing?.roleId ?? `AROA${stableUpperAlnum(17, model.instanceArn, permissionSet.arn, accountId)}`,
      // An exported role trusts the account's real SAML provider (AWSSSO_<suffix AWS chose>_DO_NOT_DELETE).
      trustPolicy: existing?.trustPolicy ?? reservedRoleTrustPolicy(ssoSamlProviderArn(model.instanceArn, accountId)),
      attachedPolicyArns: attached,
      inlinePolicies: permissionSet.inlinePolicy ? [{ name: SSO_INLINE_POLICY_NAME, document: permissionSet.inlinePolicy }] : [],
      ...(boundaryArn ? { permissionsBoundaryArn: boundaryArn } : {}),
      tags: existing?.tags ?? [],
      maxSessionDuration: durationSeconds(permissionSet.sessionDuration) ?? 3600,
    };
    // AWS-managed policies the role uses join the account's list, as loadWorld does for the account's own principals.
    const added = [...permissionSet.managedPolicyArns, ...(boundaryReference ? [] : [permissionSet.permissionsBoundary?.managedPolicyArn ?? ''])]
      .filter((arn) => arn && !held.has(arn) && awsManaged.has(arn))
      .map((arn) => awsManaged.get(arn)!);
    iam[accountId] = {
      ...accountIam,
      roles: [...accountIam.roles.filter((r) => r.arn !== roleArn), role],
      managedPolicies: added.length > 0 ? [...accountIam.managedPolicies, ...added].sort((a, b) => a.arn.localeCompare(b.arn)) : accountIam.managedPolicies,
    };
    provisioning.push({ ...base, status: 'SUCCEEDED' });
  }
  provisioning.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.roleName.localeCompare(b.roleName));
  return { world: { ...world, iam, identityCenter: { ...model, provisioning } }, provisioning };
}

/**
 * The role IAM Identity Center already created in the account for the permission set: under its path, named
 * AWSReservedSSO_<permission set>_<16 hex> whatever the suffix (AWS picks it; an export carries AWS's, not lzsim's).
 */
function provisionedRoleOf(accountIam: AccountIam, permissionSetName: string): IamRole | undefined {
  const prefix = `AWSReservedSSO_${permissionSetName}_`;
  return accountIam.roles.find((role) => isIdentityCenterRole(role) && role.name.startsWith(prefix) && /^[0-9a-f]{16}$/.test(role.name.slice(prefix.length)));
}

/** True for a role IAM Identity Center manages (its path is under /aws-reserved/sso.amazonaws.com/). */
export function isIdentityCenterRole(role: Pick<IamRole, 'path'>): boolean {
  return role.path.startsWith(SSO_ROLE_PATH_PREFIX);
}
