// IdentityCenter: the organization's IAM Identity Center instance in the shapes of the AWS CLI.
//   Region                       the Region the commands ran in (the CLI prints it nowhere; default us-east-1)
//   Instances                    aws sso-admin list-instances                         .Instances
//   PermissionSets[]             per permission set, the outputs of:
//     .PermissionSet               aws sso-admin describe-permission-set              .PermissionSet
//     .AttachedManagedPolicies     aws sso-admin list-managed-policies-in-permission-set .AttachedManagedPolicies
//     .CustomerManagedPolicyReferences  aws sso-admin list-customer-managed-policy-references-in-permission-set
//     .InlinePolicy                aws sso-admin get-inline-policy-for-permission-set .InlinePolicy
//     .PermissionsBoundary         aws sso-admin get-permissions-boundary-for-permission-set .PermissionsBoundary
//   AccountAssignments           aws sso-admin list-account-assignments (every account and permission set) .AccountAssignments
//   Users                        aws identitystore list-users                         .Users
//   Groups                       aws identitystore list-groups                        .Groups
//   GroupMemberships             aws identitystore list-group-memberships (every group) .GroupMemberships
// Checked as the APIs would (sso-admin and identitystore API references: patterns, ConflictException for names taken,
// ValidationException, ServiceQuotaExceededException with the quotas of limits.html, ResourceNotFoundException for
// references to nothing); the inline policy goes through the engine's validator as an identity policy.
import { sessionDurationProblem } from '../../../identity-center/session-duration';
import { DEFAULT_IDENTITY_CENTER_QUOTAS } from '../../../quotas';
import type { BundleReadContext, BundleSection } from '../context';
import { ACCOUNT_ID } from '../identifiers';
import type { InterchangeIdentityCenter, InterchangePermissionSet } from '../model';
import type { Json } from '../shape-reader';
import { identityCenterQuotasOf } from './quota-overrides';

const INSTANCE_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const PERMISSION_SET_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet\/(sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/;
const IDENTITY_STORE_ID = /^d-[0-9a-f]{10}$|^[0-9a-f]{8}\b-[0-9a-f]{4}\b-[0-9a-f]{4}\b-[0-9a-f]{4}\b-[0-9a-f]{12}$/;
const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
const AWS_MANAGED_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:iam::aws:policy\/.+$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const POLICY_PATH = /^((\/[A-Za-z0-9.,+@=_-]+)*)\/$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** IAM Identity Center (instance, identity store, permission sets, assignments). */
export const identityCenterSection: BundleSection = {
  keys: ['IdentityCenter'],
  read(context) {
    const { top, read } = context;
    if (top.IdentityCenter === undefined) return;
    const section = read.object(top.IdentityCenter, '$.IdentityCenter');
    if (!section) return;
    const instances = read.array(section.Instances, '$.IdentityCenter.Instances');
    if (instances.length === 0) return;
    if (instances.length > 1) {
      context.problems.add('$.IdentityCenter.Instances', `an organization has one IAM Identity Center instance, found ${instances.length}`, 'ValidationException');
      return;
    }
    const ic = readInstance(context, section, instances[0]);
    if (ic) context.design.identityCenter = ic;
  },
};

function readInstance(context: BundleReadContext, section: Json, entry: unknown): InterchangeIdentityCenter | undefined {
  const { read, problems, targets } = context;
  const path = '$.IdentityCenter.Instances[0]';
  const item = read.object(entry, path);
  if (!item) return undefined;
  const instanceArn = read.id(item.InstanceArn, `${path}.InstanceArn`, INSTANCE_ARN, 'instance ARN');
  const identityStoreId = read.id(item.IdentityStoreId, `${path}.IdentityStoreId`, IDENTITY_STORE_ID, 'identity store id');
  const ownerAccountId = read.id(item.OwnerAccountId, `${path}.OwnerAccountId`, ACCOUNT_ID, '12-digit account id');
  const name = read.optionalString(item.Name, `${path}.Name`) ?? '';
  const region = section.Region === undefined ? 'us-east-1' : read.id(section.Region, '$.IdentityCenter.Region', REGION, 'Region');
  if (ownerAccountId && targets.get(ownerAccountId) !== 'ACCOUNT') {
    problems.add(`${path}.OwnerAccountId`, `account ${ownerAccountId} is not a member of the organization`, 'ResourceNotFoundException');
  }
  if (!instanceArn || !identityStoreId || !ownerAccountId || !region) return undefined;
  const instanceSuffix = instanceArn.slice(instanceArn.lastIndexOf('/') + 1);

  const users = new Map<string, InterchangeIdentityCenter['users'][number]>();
  const userNames = new Set<string>();
  read.array(section.Users, '$.IdentityCenter.Users').forEach((value, i) => {
    const at = `$.IdentityCenter.Users[${i}]`;
    const user = read.object(value, at);
    if (!user) return;
    const userId = read.string(user.UserId, `${at}.UserId`);
    const userName = read.string(user.UserName, `${at}.UserName`);
    if (!userId || !userName) return;
    if (users.has(userId) || userNames.has(userName.toLowerCase())) {
      problems.add(at, `user ${userName} (${userId}) appears twice: user names are unique in the identity store`, 'ConflictException', 'UNIQUENESS_CONSTRAINT_VIOLATION');
      return;
    }
    const nameParts = read.object(user.Name ?? {}, `${at}.Name`) ?? {};
    const emails = read.array(user.Emails, `${at}.Emails`).map((e) => read.object(e, `${at}.Emails`)).filter((e): e is Json => e !== undefined);
    const email = (emails.find((e) => e.Primary === true) ?? emails[0])?.Value;
    users.set(userId, {
      userId,
      userName,
      displayName: read.optionalString(user.DisplayName, `${at}.DisplayName`) ?? '',
      givenName: read.optionalString(nameParts.GivenName, `${at}.Name.GivenName`) ?? '',
      familyName: read.optionalString(nameParts.FamilyName, `${at}.Name.FamilyName`) ?? '',
      email: typeof email === 'string' && email !== '' ? email : null,
    });
    userNames.add(userName.toLowerCase());
  });

  const groups = new Map<string, InterchangeIdentityCenter['groups'][number]>();
  const groupNames = new Set<string>();
  read.array(section.Groups, '$.IdentityCenter.Groups').forEach((value, i) => {
    const at = `$.IdentityCenter.Groups[${i}]`;
    const group = read.object(value, at);
    if (!group) return;
    const groupId = read.string(group.GroupId, `${at}.GroupId`);
    const displayName = read.string(group.DisplayName, `${at}.DisplayName`);
    if (!groupId || !displayName) return;
    if (groups.has(groupId) || groupNames.has(displayName.toLowerCase())) {
      problems.add(at, `group ${displayName} (${groupId}) appears twice: group names are unique in the identity store`, 'ConflictException', 'UNIQUENESS_CONSTRAINT_VIOLATION');
      return;
    }
    groups.set(groupId, { groupId, displayName, description: read.optionalString(group.Description, `${at}.Description`) ?? '' });
    groupNames.add(displayName.toLowerCase());
  });

  const memberships: InterchangeIdentityCenter['memberships'] = [];
  read.array(section.GroupMemberships, '$.IdentityCenter.GroupMemberships').forEach((value, i) => {
    const at = `$.IdentityCenter.GroupMemberships[${i}]`;
    const membership = read.object(value, at);
    if (!membership) return;
    const membershipId = read.string(membership.MembershipId, `${at}.MembershipId`);
    const groupId = read.string(membership.GroupId, `${at}.GroupId`);
    const member = read.object(membership.MemberId, `${at}.MemberId`);
    const userId = member ? read.string(member.UserId, `${at}.MemberId.UserId`) : undefined;
    if (!membershipId || !groupId || !userId) return;
    if (!groups.has(groupId)) problems.add(`${at}.GroupId`, `there is no group ${groupId} in the identity store`, 'ResourceNotFoundException');
    else if (!users.has(userId)) problems.add(`${at}.MemberId.UserId`, `there is no user ${userId} in the identity store`, 'ResourceNotFoundException');
    else if (memberships.some((m) => m.groupId === groupId && m.userId === userId)) problems.add(at, `user ${userId} is already a member of group ${groupId}`, 'ConflictException');
    else memberships.push({ membershipId, groupId, userId });
  });

  const permissionSets = new Map<string, InterchangePermissionSet>();
  const setNames = new Set<string>();
  const sets = read.array(section.PermissionSets, '$.IdentityCenter.PermissionSets');
  // Adjustable quotas: the raised values of LzsimQuotaOverrides (read first) apply, as the live instance's did.
  const quotas = identityCenterQuotasOf(context.design);
  if (sets.length > quotas.maxPermissionSets) {
    problems.add('$.IdentityCenter.PermissionSets', `${sets.length} permission sets, more than the quota of ${quotas.maxPermissionSets} ("Number of permission sets allowed in IAM Identity Center"; raise it in LzsimQuotaOverrides.identityCenter.maxPermissionSets when the organization has)`, 'ServiceQuotaExceededException');
  }
  sets.forEach((value, i) => {
    const permissionSet = readPermissionSet(context, value, `$.IdentityCenter.PermissionSets[${i}]`, instanceSuffix);
    if (!permissionSet) return;
    if (permissionSets.has(permissionSet.arn) || setNames.has(permissionSet.name.toLowerCase())) {
      problems.add(`$.IdentityCenter.PermissionSets[${i}]`, `permission set ${permissionSet.name} appears twice: names are unique in the instance`, 'ConflictException');
      return;
    }
    permissionSets.set(permissionSet.arn, permissionSet);
    setNames.add(permissionSet.name.toLowerCase());
  });

  const assignments: InterchangeIdentityCenter['assignments'] = [];
  const seen = new Set<string>();
  read.array(section.AccountAssignments, '$.IdentityCenter.AccountAssignments').forEach((value, i) => {
    const at = `$.IdentityCenter.AccountAssignments[${i}]`;
    const assignment = read.object(value, at);
    if (!assignment) return;
    const accountId = read.id(assignment.AccountId, `${at}.AccountId`, ACCOUNT_ID, '12-digit account id');
    const permissionSetArn = read.id(assignment.PermissionSetArn, `${at}.PermissionSetArn`, PERMISSION_SET_ARN, 'permission set ARN');
    const principalType = read.string(assignment.PrincipalType, `${at}.PrincipalType`);
    const principalId = read.string(assignment.PrincipalId, `${at}.PrincipalId`);
    if (!accountId || !permissionSetArn || !principalType || !principalId) return;
    if (principalType !== 'USER' && principalType !== 'GROUP') {
      problems.add(`${at}.PrincipalType`, `"${principalType}" is not USER or GROUP`, 'ValidationException');
      return;
    }
    const key = `${accountId} ${permissionSetArn} ${principalType} ${principalId}`;
    if (targets.get(accountId) !== 'ACCOUNT') problems.add(`${at}.AccountId`, `account ${accountId} is not a member of the organization`, 'ValidationException');
    else if (!permissionSets.has(permissionSetArn)) problems.add(`${at}.PermissionSetArn`, `there is no permission set ${permissionSetArn} in the instance`, 'ResourceNotFoundException');
    else if (principalType === 'USER' ? !users.has(principalId) : !groups.has(principalId)) problems.add(`${at}.PrincipalId`, `there is no ${principalType === 'USER' ? 'user' : 'group'} ${principalId} in the identity store`, 'ResourceNotFoundException');
    else if (seen.has(key)) problems.add(at, 'the assignment appears twice', 'ConflictException');
    else {
      seen.add(key);
      assignments.push({ accountId, permissionSetArn, principalType, principalId });
    }
  });
  // Each account holds one provisioned role per permission set assigned to it: at most the (adjustable) quota.
  const provisioned = new Map<string, Set<string>>();
  for (const assignment of assignments) {
    const sets = provisioned.get(assignment.accountId) ?? new Set<string>();
    sets.add(assignment.permissionSetArn);
    provisioned.set(assignment.accountId, sets);
  }
  for (const [accountId, sets] of provisioned) {
    if (sets.size > quotas.maxProvisionedPermissionSetsPerAccount) {
      problems.add('$.IdentityCenter.AccountAssignments', `account ${accountId} has ${sets.size} permission sets provisioned, more than the quota of ${quotas.maxProvisionedPermissionSetsPerAccount} ("Number of provisioned permission sets allowed per AWS account"; raise it in LzsimQuotaOverrides.identityCenter.maxProvisionedPermissionSetsPerAccount when the organization has)`, 'ServiceQuotaExceededException');
    }
  }

  return {
    instanceArn, identityStoreId, name, region, ownerAccountId,
    users: [...users.values()], groups: [...groups.values()], memberships, permissionSets: [...permissionSets.values()], assignments,
  };
}

function readReference(context: BundleReadContext, value: unknown, at: string): { name: string; path: string } | undefined {
  const { read } = context;
  const reference = read.object(value, at);
  if (!reference) return undefined;
  const name = read.id(reference.Name, `${at}.Name`, POLICY_NAME, 'policy name');
  const path = reference.Path === undefined ? '/' : read.id(reference.Path, `${at}.Path`, POLICY_PATH, 'policy path');
  return name && path ? { name, path } : undefined;
}

function readPermissionSet(context: BundleReadContext, value: unknown, at: string, instanceSuffix: string): InterchangePermissionSet | undefined {
  const { read, problems, documents } = context;
  const entry = read.object(value, at);
  if (!entry) return undefined;
  const described = read.object(entry.PermissionSet, `${at}.PermissionSet`);
  if (!described) return undefined;
  const arn = read.id(described.PermissionSetArn, `${at}.PermissionSet.PermissionSetArn`, PERMISSION_SET_ARN, 'permission set ARN');
  const name = read.id(described.Name, `${at}.PermissionSet.Name`, PERMISSION_SET_NAME, 'permission set name (1-32 of [\\w+=,.@-])');
  const sessionDuration = read.optionalString(described.SessionDuration, `${at}.PermissionSet.SessionDuration`) ?? 'PT1H';
  const durationProblem = sessionDurationProblem(sessionDuration);
  if (durationProblem) problems.add(`${at}.PermissionSet.SessionDuration`, durationProblem, 'ValidationException');
  if (arn && !arn.includes(`/${instanceSuffix}/`)) problems.add(`${at}.PermissionSet.PermissionSetArn`, `the permission set belongs to another instance than ${instanceSuffix}`, 'ValidationException');

  const managedPolicyArns: string[] = [];
  read.array(entry.AttachedManagedPolicies, `${at}.AttachedManagedPolicies`).forEach((policy, j) => {
    const item = read.object(policy, `${at}.AttachedManagedPolicies[${j}]`);
    const policyArn = item ? read.id(item.Arn, `${at}.AttachedManagedPolicies[${j}].Arn`, AWS_MANAGED_ARN, 'AWS managed policy ARN') : undefined;
    if (policyArn && managedPolicyArns.includes(policyArn)) problems.add(`${at}.AttachedManagedPolicies[${j}]`, `${policyArn} is attached twice`, 'ConflictException');
    else if (policyArn) managedPolicyArns.push(policyArn);
  });
  const customerManagedPolicies: { name: string; path: string }[] = [];
  read.array(entry.CustomerManagedPolicyReferences, `${at}.CustomerManagedPolicyReferences`).forEach((reference, j) => {
    const ref = readReference(context, reference, `${at}.CustomerManagedPolicyReferences[${j}]`);
    if (ref && customerManagedPolicies.some((r) => r.name === ref.name && r.path === ref.path)) problems.add(`${at}.CustomerManagedPolicyReferences[${j}]`, `${ref.path}${ref.name} is referenced twice`, 'ConflictException');
    else if (ref) customerManagedPolicies.push(ref);
  });
  const quota = DEFAULT_IDENTITY_CENTER_QUOTAS.maxManagedPoliciesPerPermissionSet;
  if (managedPolicyArns.length + customerManagedPolicies.length > quota) {
    problems.add(at, `${managedPolicyArns.length + customerManagedPolicies.length} managed policies; a permission set holds at most ${quota} AWS managed and customer managed policies`, 'ServiceQuotaExceededException');
  }

  // get-inline-policy-for-permission-set prints "" when there is none.
  const inline = read.optionalString(entry.InlinePolicy, `${at}.InlinePolicy`);
  const inlinePolicy = inline ? inline : null;
  if (inlinePolicy !== null) {
    const bytes = new TextEncoder().encode(inlinePolicy).length;
    if (bytes > DEFAULT_IDENTITY_CENTER_QUOTAS.maxInlinePolicyBytes) problems.add(`${at}.InlinePolicy`, `the inline policy is ${bytes} bytes (at most ${DEFAULT_IDENTITY_CENTER_QUOTAS.maxInlinePolicyBytes})`, 'ValidationException');
    else documents.iam(`${at}.InlinePolicy`, `permission set ${name ?? '?'}`, inlinePolicy, 'IDENTITY', 'role-inline');
  }

  let permissionsBoundary: InterchangePermissionSet['permissionsBoundary'] = null;
  if (entry.PermissionsBoundary !== undefined && entry.PermissionsBoundary !== null) {
    const boundary = read.object(entry.PermissionsBoundary, `${at}.PermissionsBoundary`);
    if (boundary) {
      const managed = boundary.ManagedPolicyArn === undefined ? undefined : read.id(boundary.ManagedPolicyArn, `${at}.PermissionsBoundary.ManagedPolicyArn`, /^arn:aws(-[a-z]{1,5}){0,3}:iam::(aws|\d{12}):policy\/.+$/, 'managed policy ARN');
      const reference = boundary.CustomerManagedPolicyReference === undefined ? undefined : readReference(context, boundary.CustomerManagedPolicyReference, `${at}.PermissionsBoundary.CustomerManagedPolicyReference`);
      if ((managed === undefined) === (reference === undefined)) {
        problems.add(`${at}.PermissionsBoundary`, 'a permissions boundary is either ManagedPolicyArn or CustomerManagedPolicyReference', 'ValidationException');
      } else {
        permissionsBoundary = managed ? { managedPolicyArn: managed } : { customerManagedPolicyReference: reference! };
      }
    }
  }
  if (!arn || !name) return undefined;
  return {
    arn,
    name,
    description: read.optionalString(described.Description, `${at}.PermissionSet.Description`) ?? '',
    sessionDuration,
    relayState: read.optionalString(described.RelayState, `${at}.PermissionSet.RelayState`) || null,
    managedPolicyArns,
    customerManagedPolicies,
    inlinePolicy,
    permissionsBoundary,
  };
}
