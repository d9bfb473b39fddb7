// Reads an "AWS export bundle" (the AWS CLI's own output shapes gathered in one JSON document) into a World.
// Shapes: organizations describe-organization / list-roots / list-organizational-units-for-parent /
// list-accounts (+ ParentId) / describe-policy + list-targets-for-policy, and per account
// iam get-account-authorization-details. Policy documents in authorization details are JSON objects (CLI output)
// or URL-encoded strings (raw API output): both are accepted.

import type {
  Account, AccountIam, AuthzPolicyType, IamGroup, IamRole, IamUser, InlinePolicy, ManagedPolicy, OrgPolicy,
  OrgUnit, Organization, PolicySource, ResourcePolicy, Tag, World,
} from '../types';
import { decodePolicyText, isUrlEncodedPolicy } from '../policy/decode';
import { InputChecker, isPlainObject, type InputError } from './json-checks';

/** The result of reading a bundle: a World plus warnings, or every shape error found. */
export type BundleResult =
  | { ok: true; world: World; warnings: string[] }
  | { ok: false; errors: InputError[] };

/** Organizations policy types the engine evaluates; the management policy types are kept elsewhere. */
const AUTHZ_POLICY_TYPES: Record<string, AuthzPolicyType> = {
  SERVICE_CONTROL_POLICY: 'SCP',
  RESOURCE_CONTROL_POLICY: 'RCP',
};

/** Read an AWS export bundle into the engine's World, validating shapes and cross references. */
export function bundleToWorld(bundle: unknown): BundleResult {
  const check = new InputChecker();
  const warnings: string[] = [];
  const root = check.object(bundle, '$');
  if (!root) return { ok: false, errors: check.errors };

  const organization = readOrganization(root, check);
  const orgUnits: OrgUnit[] = [];
  const knownTargets = new Map<string, 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT'>();

  const roots = check.optionalArray(root.Roots, '$.Roots');
  if (organization && roots.length !== 1) {
    check.fail('$.Roots', `an organization has exactly one root, found ${roots.length}`);
  }
  if (!organization && roots.length > 0) check.fail('$.Organization', 'is required when Roots are given');
  roots.forEach((value, i) => {
    const path = `$.Roots[${i}]`;
    const item = check.object(value, path);
    if (!item) return;
    const id = check.string(item.Id, `${path}.Id`);
    if (!id) return;
    orgUnits.push({ id, name: check.optionalString(item.Name, `${path}.Name`) ?? 'Root' });
    knownTargets.set(id, 'ROOT');
    if (organization) organization.enabledPolicyTypes = readEnabledPolicyTypes(item.PolicyTypes, `${path}.PolicyTypes`, check);
  });

  const ous = check.optionalArray(root.OrganizationalUnits, '$.OrganizationalUnits');
  const ouParents: { id: string; parentId: string; path: string }[] = [];
  ous.forEach((value, i) => {
    const path = `$.OrganizationalUnits[${i}]`;
    const item = check.object(value, path);
    if (!item) return;
    const id = check.string(item.Id, `${path}.Id`);
    const parentId = check.string(item.ParentId, `${path}.ParentId`);
    if (!id || !parentId) return;
    if (knownTargets.has(id)) check.fail(`${path}.Id`, `duplicate id "${id}"`);
    orgUnits.push({ id, name: check.optionalString(item.Name, `${path}.Name`) ?? id, parentId });
    knownTargets.set(id, 'ORGANIZATIONAL_UNIT');
    ouParents.push({ id, parentId, path: `${path}.ParentId` });
  });
  for (const { parentId, path } of ouParents) {
    const kind = knownTargets.get(parentId);
    if (kind !== 'ROOT' && kind !== 'ORGANIZATIONAL_UNIT') check.fail(path, `parent "${parentId}" is neither the root nor a known OU`);
  }
  checkOuCycles(orgUnits, ouParents, check);

  const accounts: Account[] = [];
  const accountIds = new Set<string>();
  check.optionalArray(root.Accounts, '$.Accounts').forEach((value, i) => {
    const path = `$.Accounts[${i}]`;
    const item = check.object(value, path);
    if (!item) return;
    const id = check.accountId(item.Id, `${path}.Id`);
    // Without an organization, accounts are standalone and have no parent.
    const parentId = organization ? check.string(item.ParentId, `${path}.ParentId`) : check.optionalString(item.ParentId, `${path}.ParentId`);
    if (!id) return;
    if (accountIds.has(id)) check.fail(`${path}.Id`, `duplicate account "${id}"`);
    if (parentId) {
      const kind = knownTargets.get(parentId);
      if (kind !== 'ROOT' && kind !== 'ORGANIZATIONAL_UNIT') check.fail(`${path}.ParentId`, `parent "${parentId}" is neither the root nor a known OU`);
    }
    accounts.push({ id, name: check.optionalString(item.Name, `${path}.Name`), parentId });
    accountIds.add(id);
    knownTargets.set(id, 'ACCOUNT');
  });
  if (organization && accountIds.size > 0 && !accountIds.has(organization.managementAccountId)) {
    check.fail('$.Organization.MasterAccountId', `management account "${organization.managementAccountId}" is not in $.Accounts`);
  }

  const { policies, attachments } = readOrgPolicies(root.Policies, knownTargets, check, warnings);

  if (organization) {
    for (const [typeName, type] of Object.entries(AUTHZ_POLICY_TYPES)) {
      const count = policies.filter((policy) => policy.type === type).length;
      if (count > 0 && !organization.enabledPolicyTypes.includes(type)) {
        warnings.push(`${typeName} is not enabled in $.Roots[0].PolicyTypes: the ${count} ${type}${count === 1 ? '' : 's'} in the bundle take no effect`);
      }
    }
  }

  const iam: Record<string, AccountIam> = {};
  const details = root.AuthorizationDetails;
  if (details !== undefined && details !== null) {
    const byAccount = check.object(details, '$.AuthorizationDetails');
    for (const [accountId, value] of Object.entries(byAccount ?? {})) {
      const path = `$.AuthorizationDetails["${accountId}"]`;
      if (!check.accountId(accountId, path)) continue;
      const accountIam = readAuthorizationDetails(value, path, accountId, check, warnings);
      if (!accountIam) continue;
      iam[accountId] = accountIam;
      // An account with IAM data but no place in the organization is a real principal outside the zone of trust.
      if (!accountIds.has(accountId)) {
        accounts.push({ id: accountId });
        accountIds.add(accountId);
      }
    }
  }

  const resourcePolicies = readResourcePolicies(root.ResourcePolicies, check);
  const resourceTags = readResourceTags(root.ResourceTags, check);

  if (check.errors.length > 0) return { ok: false, errors: check.errors };
  const world: World = { organization, orgUnits, accounts, policies, attachments, iam, resourcePolicies };
  if (resourceTags) world.resourceTags = resourceTags;
  return { ok: true, world, warnings };
}

function readOrganization(root: Record<string, unknown>, check: InputChecker): Organization | undefined {
  if (root.Organization === undefined || root.Organization === null) return undefined;
  const org = check.object(root.Organization, '$.Organization');
  if (!org) return undefined;
  const id = check.string(org.Id, '$.Organization.Id');
  const managementAccountId = check.accountId(org.MasterAccountId, '$.Organization.MasterAccountId');
  const featureSet = org.FeatureSet ?? 'ALL';
  if (featureSet !== 'ALL' && featureSet !== 'CONSOLIDATED_BILLING') {
    check.fail('$.Organization.FeatureSet', `expected "ALL" or "CONSOLIDATED_BILLING", got ${JSON.stringify(featureSet)}`);
  }
  if (!id || !managementAccountId) return undefined;
  return {
    id,
    managementAccountId,
    featureSet: featureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL',
    enabledPolicyTypes: [],
  };
}

function readEnabledPolicyTypes(value: unknown, path: string, check: InputChecker): AuthzPolicyType[] {
  const enabled: AuthzPolicyType[] = [];
  check.optionalArray(value, path).forEach((entry, i) => {
    const item = check.object(entry, `${path}[${i}]`);
    if (!item) return;
    const type = check.string(item.Type, `${path}[${i}].Type`);
    const status = item.Status ?? 'ENABLED';
    // PENDING_ENABLE is not yet in force; PENDING_DISABLE still is until AWS finishes disabling.
    if (type && AUTHZ_POLICY_TYPES[type] && (status === 'ENABLED' || status === 'PENDING_DISABLE')) enabled.push(AUTHZ_POLICY_TYPES[type]);
  });
  return enabled;
}

function checkOuCycles(orgUnits: OrgUnit[], ouParents: { id: string; path: string }[], check: InputChecker): void {
  const parentOf = new Map(orgUnits.map((unit) => [unit.id, unit.parentId]));
  for (const { id, path } of ouParents) {
    const seen = new Set<string>([id]);
    let cursor = parentOf.get(id);
    while (cursor !== undefined) {
      if (seen.has(cursor)) {
        check.fail(path, `OU "${id}" is its own ancestor`);
        break;
      }
      seen.add(cursor);
      cursor = parentOf.get(cursor);
    }
  }
}

function readOrgPolicies(
  value: unknown,
  knownTargets: Map<string, string>,
  check: InputChecker,
  warnings: string[],
): { policies: OrgPolicy[]; attachments: { policyId: string; targetId: string }[] } {
  const policies: OrgPolicy[] = [];
  const attachments: { policyId: string; targetId: string }[] = [];
  const ignoredTypes = new Map<string, number>();
  check.optionalArray(value, '$.Policies').forEach((entry, i) => {
    const path = `$.Policies[${i}]`;
    const item = check.object(entry, path);
    if (!item) return;
    const summary = check.object(item.PolicySummary, `${path}.PolicySummary`);
    if (!summary) return;
    const id = check.string(summary.Id, `${path}.PolicySummary.Id`);
    const typeName = check.string(summary.Type, `${path}.PolicySummary.Type`);
    if (!id || !typeName) return;
    const type = AUTHZ_POLICY_TYPES[typeName];
    if (!type) {
      // Tag, backup, AI opt-out and other management policies grant nothing: the engine ignores them.
      ignoredTypes.set(typeName, (ignoredTypes.get(typeName) ?? 0) + 1);
      return;
    }
    const content = item.Content;
    if (typeof content !== 'string' && !isPlainObject(content)) {
      check.fail(`${path}.Content`, 'expected the policy document as a JSON string');
      return;
    }
    policies.push({
      id,
      name: check.optionalString(summary.Name, `${path}.PolicySummary.Name`) ?? id,
      type,
      document: content,
      awsManaged: summary.AwsManaged === true,
    });
    check.optionalArray(item.Targets, `${path}.Targets`).forEach((targetEntry, t) => {
      const targetPath = `${path}.Targets[${t}]`;
      const target = check.object(targetEntry, targetPath);
      if (!target) return;
      const targetId = check.string(target.TargetId, `${targetPath}.TargetId`);
      if (!targetId) return;
      if (!knownTargets.has(targetId)) {
        check.fail(`${targetPath}.TargetId`, `target "${targetId}" is not the root, a known OU or a known account`);
        return;
      }
      attachments.push({ policyId: id, targetId });
    });
  });
  for (const [typeName, count] of ignoredTypes) {
    warnings.push(`${count} ${typeName} polic${count === 1 ? 'y' : 'ies'} ignored: management policies grant no permissions`);
  }
  return { policies, attachments };
}

/** A document from authorization details: a JSON object, JSON text, or URL-encoded JSON text. */
function readDocument(value: unknown, path: string, check: InputChecker): PolicySource | undefined {
  if (isPlainObject(value)) return value;
  if (typeof value !== 'string' || value.trim().length === 0) {
    check.fail(path, 'expected a policy document (a JSON object or URL-encoded JSON text)');
    return undefined;
  }
  if (value.trim().startsWith('{')) return value;
  if (!isUrlEncodedPolicy(value)) {
    check.fail(path, 'is neither a JSON object nor URL-encoded JSON text');
    return undefined;
  }
  try {
    return decodePolicyText(value);
  } catch (error) {
    check.fail(path, (error as Error).message);
    return undefined;
  }
}

function readTags(value: unknown, path: string, check: InputChecker): Tag[] {
  const tags: Tag[] = [];
  check.optionalArray(value, path).forEach((entry, i) => {
    const item = check.object(entry, `${path}[${i}]`);
    if (!item) return;
    const key = check.string(item.Key, `${path}[${i}].Key`);
    const tagValue = typeof item.Value === 'string' ? item.Value : check.string(item.Value, `${path}[${i}].Value`);
    if (key !== undefined && tagValue !== undefined) tags.push({ key, value: tagValue });
  });
  return tags;
}

function readInlinePolicies(value: unknown, path: string, check: InputChecker): InlinePolicy[] {
  const inline: InlinePolicy[] = [];
  check.optionalArray(value, path).forEach((entry, i) => {
    const item = check.object(entry, `${path}[${i}]`);
    if (!item) return;
    const name = check.string(item.PolicyName, `${path}[${i}].PolicyName`);
    const document = readDocument(item.PolicyDocument, `${path}[${i}].PolicyDocument`, check);
    if (name && document !== undefined) inline.push({ name, document });
  });
  return inline;
}

function readAttachedArns(value: unknown, path: string, check: InputChecker): string[] {
  const arns: string[] = [];
  check.optionalArray(value, path).forEach((entry, i) => {
    const item = check.object(entry, `${path}[${i}]`);
    const arn = item && check.string(item.PolicyArn, `${path}[${i}].PolicyArn`);
    if (arn) arns.push(arn);
  });
  return arns;
}

function readBoundaryArn(value: unknown, path: string, check: InputChecker): string | undefined {
  if (value === undefined || value === null) return undefined;
  const item = check.object(value, path);
  return item ? check.string(item.PermissionsBoundaryArn, `${path}.PermissionsBoundaryArn`) : undefined;
}

function readAuthorizationDetails(
  value: unknown,
  path: string,
  accountId: string,
  check: InputChecker,
  warnings: string[],
): AccountIam | undefined {
  const details = check.object(value, path);
  if (!details) return undefined;
  const users: IamUser[] = [];
  check.optionalArray(details.UserDetailList, `${path}.UserDetailList`).forEach((entry, i) => {
    const p = `${path}.UserDetailList[${i}]`;
    const item = check.object(entry, p);
    if (!item) return;
    const arn = checkArnInAccount(item.Arn, `${p}.Arn`, accountId, check);
    const name = check.string(item.UserName, `${p}.UserName`);
    if (!arn || !name) return;
    const groups = check.optionalArray(item.GroupList, `${p}.GroupList`).filter((group, g): group is string => {
      if (typeof group === 'string') return true;
      check.fail(`${p}.GroupList[${g}]`, 'expected a group name');
      return false;
    });
    users.push({
      arn,
      name,
      path: check.optionalString(item.Path, `${p}.Path`) ?? '/',
      userId: check.optionalString(item.UserId, `${p}.UserId`),
      groups,
      attachedPolicyArns: readAttachedArns(item.AttachedManagedPolicies, `${p}.AttachedManagedPolicies`, check),
      inlinePolicies: readInlinePolicies(item.UserPolicyList, `${p}.UserPolicyList`, check),
      permissionsBoundaryArn: readBoundaryArn(item.PermissionsBoundary, `${p}.PermissionsBoundary`, check),
      tags: readTags(item.Tags, `${p}.Tags`, check),
    });
  });

  const groups: IamGroup[] = [];
  check.optionalArray(details.GroupDetailList, `${path}.GroupDetailList`).forEach((entry, i) => {
    const p = `${path}.GroupDetailList[${i}]`;
    const item = check.object(entry, p);
    if (!item) return;
    const arn = checkArnInAccount(item.Arn, `${p}.Arn`, accountId, check);
    const name = check.string(item.GroupName, `${p}.GroupName`);
    if (!arn || !name) return;
    groups.push({
      arn,
      name,
      path: check.optionalString(item.Path, `${p}.Path`) ?? '/',
      attachedPolicyArns: readAttachedArns(item.AttachedManagedPolicies, `${p}.AttachedManagedPolicies`, check),
      inlinePolicies: readInlinePolicies(item.GroupPolicyList, `${p}.GroupPolicyList`, check),
    });
  });

  const roles: IamRole[] = [];
  check.optionalArray(details.RoleDetailList, `${path}.RoleDetailList`).forEach((entry, i) => {
    const p = `${path}.RoleDetailList[${i}]`;
    const item = check.object(entry, p);
    if (!item) return;
    const arn = checkArnInAccount(item.Arn, `${p}.Arn`, accountId, check);
    const name = check.string(item.RoleName, `${p}.RoleName`);
    const trustPolicy = readDocument(item.AssumeRolePolicyDocument, `${p}.AssumeRolePolicyDocument`, check);
    if (!arn || !name || trustPolicy === undefined) return;
    const maxSessionDuration = item.MaxSessionDuration;
    roles.push({
      arn,
      name,
      path: check.optionalString(item.Path, `${p}.Path`) ?? '/',
      roleId: check.optionalString(item.RoleId, `${p}.RoleId`),
      trustPolicy,
      attachedPolicyArns: readAttachedArns(item.AttachedManagedPolicies, `${p}.AttachedManagedPolicies`, check),
      inlinePolicies: readInlinePolicies(item.RolePolicyList, `${p}.RolePolicyList`, check),
      permissionsBoundaryArn: readBoundaryArn(item.PermissionsBoundary, `${p}.PermissionsBoundary`, check),
      tags: readTags(item.Tags, `${p}.Tags`, check),
      ...(typeof maxSessionDuration === 'number' ? { maxSessionDuration } : {}),
    });
  });

  const managedPolicies: ManagedPolicy[] = [];
  check.optionalArray(details.Policies, `${path}.Policies`).forEach((entry, i) => {
    const p = `${path}.Policies[${i}]`;
    const item = check.object(entry, p);
    if (!item) return;
    const arn = check.string(item.Arn, `${p}.Arn`);
    const name = check.string(item.PolicyName, `${p}.PolicyName`);
    const versions = check.array(item.PolicyVersionList, `${p}.PolicyVersionList`);
    if (!arn || !name || !versions) return;
    const defaultIndex = versions.findIndex((version) => isPlainObject(version) && version.IsDefaultVersion === true);
    if (defaultIndex < 0) {
      check.fail(`${p}.PolicyVersionList`, 'no version has IsDefaultVersion true');
      return;
    }
    const version = versions[defaultIndex] as Record<string, unknown>;
    const document = readDocument(version.Document, `${p}.PolicyVersionList[${defaultIndex}].Document`, check);
    if (document !== undefined) managedPolicies.push({ arn, name, document });
  });

  const knownPolicies = new Set(managedPolicies.map((policy) => policy.arn));
  const knownGroups = new Set(groups.map((group) => group.name));
  const holders: { arn: string; attachedPolicyArns: string[]; permissionsBoundaryArn?: string }[] = [...users, ...groups, ...roles];
  for (const principal of holders) {
    const boundary = principal.permissionsBoundaryArn;
    for (const arn of [...principal.attachedPolicyArns, ...(boundary ? [boundary] : [])]) {
      if (!knownPolicies.has(arn)) warnings.push(`${principal.arn}: policy ${arn} is not in ${path}.Policies; it is looked up in other accounts or ignored`);
    }
  }
  for (const user of users) {
    for (const group of user.groups) {
      if (!knownGroups.has(group)) warnings.push(`${user.arn}: group "${group}" is not in ${path}.GroupDetailList; ignored`);
    }
  }
  return { users, groups, roles, managedPolicies };
}

function checkArnInAccount(value: unknown, path: string, accountId: string, check: InputChecker): string | undefined {
  const arn = check.string(value, path);
  if (!arn) return undefined;
  const fields = arn.split(':');
  if (fields.length < 6 || fields[0] !== 'arn' || fields[2] !== 'iam') {
    check.fail(path, `"${arn}" is not an IAM ARN`);
    return undefined;
  }
  if (fields[4] !== accountId) {
    check.fail(path, `"${arn}" belongs to account ${fields[4]}, not ${accountId}`);
    return undefined;
  }
  return arn;
}

function readResourcePolicies(value: unknown, check: InputChecker): ResourcePolicy[] {
  const result: ResourcePolicy[] = [];
  check.optionalArray(value, '$.ResourcePolicies').forEach((entry, i) => {
    const path = `$.ResourcePolicies[${i}]`;
    const item = check.object(entry, path);
    if (!item) return;
    const resourceArn = check.string(item.ResourceArn, `${path}.ResourceArn`);
    if (resourceArn && !resourceArn.startsWith('arn:')) check.fail(`${path}.ResourceArn`, `"${resourceArn}" is not an ARN`);
    const document = readDocument(item.Policy, `${path}.Policy`, check);
    const accountId = item.AccountId === undefined ? undefined : check.accountId(item.AccountId, `${path}.AccountId`);
    if (!resourceArn || document === undefined) return;
    result.push({ resourceArn, document, ...(accountId ? { accountId } : {}) });
  });
  return result;
}

function readResourceTags(value: unknown, check: InputChecker): Record<string, Tag[]> | undefined {
  if (value === undefined || value === null) return undefined;
  const byArn = check.object(value, '$.ResourceTags');
  if (!byArn) return undefined;
  const result: Record<string, Tag[]> = {};
  for (const [arn, tags] of Object.entries(byArn)) result[arn] = readTags(tags, `$.ResourceTags["${arn}"]`, check);
  return result;
}
