// Applies one Organizations or IAM call of a migration plan to the bundle model, as AWS would, or says which error
// AWS would answer. The plan's scheduler tries calls in this model to find an order AWS accepts: a call refused now
// (detaching the last SCP of a target, deleting an OU that still holds accounts, deleting a role with policies) waits
// until the calls before it make it valid. Rules and error names are the APIs' own (Organizations API reference,
// "Errors" of each action; IAM API reference; quotas from orgs_reference_limits.html and reference_iam-quotas.html).
// The model is never modified: the result shares every part the call did not touch.

import { DEFAULT_ORGANIZATION_QUOTAS } from '../../quotas';
import type { Tag } from '../../types';
import type {
  InterchangeAccountIam, InterchangeDesign, InterchangeGroup, InterchangeManagedPolicy, InterchangePolicy, InterchangeRole, InterchangeUser, OrganizationsPolicyType,
} from '../../aws/bundle/model';
import type { PlanCall } from './types';

/** An error AWS would answer to the call. */
export interface PlanCallError {
  /** AWS's exception or error code. */
  awsCode: string;
  /** Its reason, when AWS gives one (ConstraintViolationException). */
  awsReason?: string;
  /** What is wrong. */
  message: string;
}

/** The model after the call, or AWS's error. */
export type ApplyResult = { ok: true; design: InterchangeDesign } | { ok: false; error: PlanCallError };

/** The AWS-managed default policy of each authorization type (AWS attaches it to every root, OU and account). */
export const DEFAULT_POLICIES: Readonly<Partial<Record<OrganizationsPolicyType, { name: string; id: string }>>> = {
  SERVICE_CONTROL_POLICY: { name: 'FullAWSAccess', id: 'p-FullAWSAccess' },
  RESOURCE_CONTROL_POLICY: { name: 'RCPFullAWSAccess', id: 'p-RCPFullAWSAccess' },
};

const DEFAULT_CONTENT: Readonly<Record<string, string>> = {
  FullAWSAccess: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  RCPFullAWSAccess: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
};

const refused = (awsCode: string, message: string, awsReason?: string): ApplyResult => ({ ok: false, error: { awsCode, message, ...(awsReason ? { awsReason } : {}) } });

const str = (input: Record<string, unknown>, key: string): string => (typeof input[key] === 'string' ? (input[key] as string) : '');
const tagsOf = (value: unknown): Tag[] => (Array.isArray(value) ? value.map((tag) => ({ key: String((tag as { Key: unknown }).Key), value: String((tag as { Value: unknown }).Value ?? '') })) : []);

function mergeTags(tags: readonly Tag[], added: readonly Tag[]): Tag[] {
  const result = tags.filter((tag) => !added.some((entry) => entry.key === tag.key));
  return [...result, ...added];
}

function enabledTypes(design: InterchangeDesign): Set<string> {
  return new Set((design.root?.policyTypes ?? []).filter((entry) => entry.status === 'ENABLED').map((entry) => entry.type));
}

/** True when the id names the root, an OU or an account in the organization. */
function targetExists(design: InterchangeDesign, id: string): boolean {
  return design.root?.awsId === id || design.ous.some((ou) => ou.awsId === id) || design.accounts.some((account) => account.accountId === id && account.parentId !== null);
}

function depthOf(design: InterchangeDesign, parentId: string): number {
  let depth = 0;
  for (let ou = design.ous.find((entry) => entry.awsId === parentId); ou; ou = design.ous.find((entry) => entry.awsId === ou!.parentId)) depth++;
  return depth;
}

function replacePolicy(design: InterchangeDesign, policy: InterchangePolicy, next: InterchangePolicy | null): InterchangeDesign {
  return { ...design, policies: next ? design.policies.map((entry) => (entry === policy ? next : entry)) : design.policies.filter((entry) => entry !== policy) };
}

/** Attaches the enabled default policies to a new target, as AWS does for every new OU and account. */
function withDefaultAttachments(design: InterchangeDesign, targetId: string): InterchangeDesign {
  const enabled = enabledTypes(design);
  return {
    ...design,
    policies: design.policies.map((policy) => (policy.awsManaged && DEFAULT_POLICIES[policy.type]?.name === policy.name && enabled.has(policy.type)
      ? { ...policy, targetIds: [...policy.targetIds, targetId] } : policy)),
  };
}

/** Applies one call to the model; the model itself is never modified. */
export function applyPlanCall(design: InterchangeDesign, call: PlanCall): ApplyResult {
  return call.api === 'iam' ? applyIamCall(design, call) : applyOrganizationsCall(design, call);
}

function applyOrganizationsCall(design: InterchangeDesign, call: PlanCall): ApplyResult {
  const { input } = call;
  const root = design.root;
  if (!root || !design.organization) return refused('AWSOrganizationsNotInUseException', 'the live side has no organization');
  switch (call.operation) {
    case 'EnablePolicyType': {
      const type = str(input, 'PolicyType') as OrganizationsPolicyType;
      if (enabledTypes(design).has(type)) return refused('PolicyTypeAlreadyEnabledException', `${type} is already enabled`);
      let next: InterchangeDesign = { ...design, root: { ...root, policyTypes: [...root.policyTypes.filter((entry) => entry.type !== type), { type, status: 'ENABLED' }] } };
      const managed = DEFAULT_POLICIES[type];
      if (managed) {
        // AWS attaches the default policy to the root, every OU and every account when the type is enabled.
        const everything = [root.awsId, ...design.ous.map((ou) => ou.awsId), ...design.accounts.filter((account) => account.parentId !== null).map((account) => account.accountId)];
        const existing = next.policies.find((policy) => policy.awsManaged && policy.name === managed.name);
        const policy: InterchangePolicy = existing
          ? { ...existing, targetIds: everything }
          : { awsId: managed.id, type, name: managed.name, description: `Default ${managed.name}`, content: DEFAULT_CONTENT[managed.name], awsManaged: true, tags: [], targetIds: everything };
        next = existing ? replacePolicy(next, existing, policy) : { ...next, policies: [...next.policies, policy] };
      }
      return { ok: true, design: next };
    }
    case 'DisablePolicyType': {
      const type = str(input, 'PolicyType');
      if (!enabledTypes(design).has(type)) return refused('PolicyTypeNotEnabledException', `${type} is not enabled`);
      // Disabling detaches every policy of the type.
      return {
        ok: true,
        design: {
          ...design,
          root: { ...root, policyTypes: root.policyTypes.filter((entry) => entry.type !== type) },
          policies: design.policies.map((policy) => (policy.type === type ? { ...policy, targetIds: [] } : policy)),
        },
      };
    }
    case 'CreatePolicy': {
      const type = str(input, 'Type') as OrganizationsPolicyType;
      const name = str(input, 'Name');
      if (!enabledTypes(design).has(type) && DEFAULT_POLICIES[type]) {
        // CreatePolicy works with the type disabled; attaching then needs it enabled. Nothing to refuse here.
      }
      if (design.policies.some((policy) => policy.type === type && policy.name === name)) return refused('DuplicatePolicyException', `a ${type} named ${name} exists already`);
      const max = DEFAULT_ORGANIZATION_QUOTAS.maxPoliciesPerOrganization[type as 'SERVICE_CONTROL_POLICY'];
      if (max !== undefined && design.policies.filter((policy) => policy.type === type).length >= max) {
        return refused('ConstraintViolationException', `the organization already has ${max} policies of type ${type}`, 'POLICY_NUMBER_LIMIT_EXCEEDED');
      }
      const policy: InterchangePolicy = {
        awsId: call.creates?.placeholder ?? name, type, name, description: str(input, 'Description'), content: str(input, 'Content'),
        awsManaged: false, tags: tagsOf(input.Tags), targetIds: [],
      };
      return { ok: true, design: { ...design, policies: [...design.policies, policy] } };
    }
    case 'UpdatePolicy': {
      const policy = design.policies.find((entry) => entry.awsId === str(input, 'PolicyId'));
      if (!policy) return refused('PolicyNotFoundException', `no policy ${str(input, 'PolicyId')}`);
      if (policy.awsManaged) return refused('PolicyChangesInProgressException', `${policy.name} is AWS-managed and cannot be changed`);
      const name = typeof input.Name === 'string' ? input.Name : policy.name;
      if (name !== policy.name && design.policies.some((entry) => entry !== policy && entry.type === policy.type && entry.name === name)) {
        return refused('DuplicatePolicyException', `a ${policy.type} named ${name} exists already`);
      }
      return {
        ok: true,
        design: replacePolicy(design, policy, {
          ...policy, name,
          ...(typeof input.Description === 'string' ? { description: input.Description } : {}),
          ...(typeof input.Content === 'string' ? { content: input.Content } : {}),
        }),
      };
    }
    case 'DeletePolicy': {
      const policy = design.policies.find((entry) => entry.awsId === str(input, 'PolicyId'));
      if (!policy) return refused('PolicyNotFoundException', `no policy ${str(input, 'PolicyId')}`);
      if (policy.targetIds.length > 0) return refused('PolicyInUseException', `${policy.name} is still attached to ${policy.targetIds.join(', ')}`);
      return { ok: true, design: replacePolicy(design, policy, null) };
    }
    case 'AttachPolicy':
    case 'DetachPolicy': {
      const policy = design.policies.find((entry) => entry.awsId === str(input, 'PolicyId'));
      const targetId = str(input, 'TargetId');
      if (!policy) return refused('PolicyNotFoundException', `no policy ${str(input, 'PolicyId')}`);
      if (!targetExists(design, targetId)) return refused('TargetNotFoundException', `no root, OU or member account ${targetId}`);
      const sameType = design.policies.filter((entry) => entry.type === policy.type && entry.targetIds.includes(targetId));
      if (call.operation === 'AttachPolicy') {
        if (!enabledTypes(design).has(policy.type)) return refused('PolicyTypeNotEnabledException', `${policy.type} is not enabled on the root`);
        if (policy.targetIds.includes(targetId)) return refused('DuplicatePolicyAttachmentException', `${policy.name} is already attached to ${targetId}`);
        const max = DEFAULT_ORGANIZATION_QUOTAS.maxPoliciesAttachedPerTarget[policy.type as 'SERVICE_CONTROL_POLICY'];
        if (max !== undefined && sameType.length >= max) {
          return refused('ConstraintViolationException', `${targetId} already has ${sameType.length} ${policy.type} attached (quota ${max})`, 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
        }
        return { ok: true, design: replacePolicy(design, policy, { ...policy, targetIds: [...policy.targetIds, targetId] }) };
      }
      if (!policy.targetIds.includes(targetId)) return refused('PolicyNotAttachedException', `${policy.name} is not attached to ${targetId}`);
      if (policy.awsManaged && policy.name === 'RCPFullAWSAccess') {
        return refused('ConstraintViolationException', 'RCPFullAWSAccess cannot be detached', 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
      }
      // orgs_manage_policies_scps_attach.html: a target keeps at least one SCP (and one RCP) while the type is enabled.
      if (DEFAULT_POLICIES[policy.type] && sameType.length <= 1) {
        return refused('ConstraintViolationException', `${policy.name} is the last ${policy.type} on ${targetId}`, 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
      }
      return { ok: true, design: replacePolicy(design, policy, { ...policy, targetIds: policy.targetIds.filter((id) => id !== targetId) }) };
    }
    case 'CreateOrganizationalUnit': {
      const parentId = str(input, 'ParentId');
      const name = str(input, 'Name');
      if (parentId !== root.awsId && !design.ous.some((ou) => ou.awsId === parentId)) return refused('ParentNotFoundException', `no root or OU ${parentId}`);
      if (depthOf(design, parentId) + 1 > DEFAULT_ORGANIZATION_QUOTAS.maxOuDepth) {
        return refused('ConstraintViolationException', `an OU under ${parentId} would be ${depthOf(design, parentId) + 1} levels deep`, 'OU_DEPTH_LIMIT_EXCEEDED');
      }
      if (design.ous.length >= DEFAULT_ORGANIZATION_QUOTAS.maxOusPerOrganization) return refused('ConstraintViolationException', 'too many OUs', 'OU_NUMBER_LIMIT_EXCEEDED');
      if (design.ous.some((ou) => ou.parentId === parentId && ou.name === name)) return refused('DuplicateOrganizationalUnitException', `${parentId} already has an OU named ${name}`);
      const id = call.creates?.placeholder ?? name;
      return { ok: true, design: withDefaultAttachments({ ...design, ous: [...design.ous, { awsId: id, name, parentId, tags: tagsOf(input.Tags) }] }, id) };
    }
    case 'UpdateOrganizationalUnit': {
      const ou = design.ous.find((entry) => entry.awsId === str(input, 'OrganizationalUnitId'));
      if (!ou) return refused('OrganizationalUnitNotFoundException', `no OU ${str(input, 'OrganizationalUnitId')}`);
      const name = str(input, 'Name');
      if (design.ous.some((entry) => entry !== ou && entry.parentId === ou.parentId && entry.name === name)) return refused('DuplicateOrganizationalUnitException', `${ou.parentId} already has an OU named ${name}`);
      return { ok: true, design: { ...design, ous: design.ous.map((entry) => (entry === ou ? { ...ou, name } : entry)) } };
    }
    case 'DeleteOrganizationalUnit': {
      const id = str(input, 'OrganizationalUnitId');
      if (!design.ous.some((entry) => entry.awsId === id)) return refused('OrganizationalUnitNotFoundException', `no OU ${id}`);
      if (design.ous.some((entry) => entry.parentId === id) || design.accounts.some((account) => account.parentId === id)) {
        return refused('OrganizationalUnitNotEmptyException', `${id} still holds OUs or accounts`);
      }
      // Deleting an OU detaches its policies.
      return {
        ok: true,
        design: {
          ...design,
          ous: design.ous.filter((entry) => entry.awsId !== id),
          policies: design.policies.map((policy) => (policy.targetIds.includes(id) ? { ...policy, targetIds: policy.targetIds.filter((target) => target !== id) } : policy)),
        },
      };
    }
    case 'MoveAccount': {
      const account = design.accounts.find((entry) => entry.accountId === str(input, 'AccountId') && entry.parentId !== null);
      if (!account) return refused('AccountNotFoundException', `no member account ${str(input, 'AccountId')}`);
      if (account.parentId !== str(input, 'SourceParentId')) return refused('SourceParentNotFoundException', `${account.accountId} is not in ${str(input, 'SourceParentId')}`);
      const destination = str(input, 'DestinationParentId');
      if (destination !== root.awsId && !design.ous.some((ou) => ou.awsId === destination)) return refused('DestinationParentNotFoundException', `no root or OU ${destination}`);
      if (destination === account.parentId) return refused('DuplicateAccountException', `${account.accountId} is already in ${destination}`);
      return { ok: true, design: { ...design, accounts: design.accounts.map((entry) => (entry === account ? { ...account, parentId: destination } : entry)) } };
    }
    case 'CreateAccount': {
      const email = str(input, 'Email');
      if (design.accounts.some((account) => account.email === email)) return refused('CreateAccountStatus.FAILED', `an account with email ${email} exists already`, 'EMAIL_ALREADY_EXISTS');
      const id = call.creates?.placeholder ?? email;
      const account = { accountId: id, name: str(input, 'AccountName'), email, joinedMethod: 'CREATED' as const, status: 'ACTIVE' as const, joinedAt: null, parentId: root.awsId, tags: tagsOf(input.Tags) };
      return { ok: true, design: withDefaultAttachments({ ...design, accounts: [...design.accounts, account] }, id) };
    }
    case 'RemoveAccountFromOrganization': {
      const account = design.accounts.find((entry) => entry.accountId === str(input, 'AccountId') && entry.parentId !== null);
      if (!account) return refused('AccountNotFoundException', `no member account ${str(input, 'AccountId')}`);
      if (account.accountId === design.organization.managementAccountId) return refused('ConstraintViolationException', 'the management account cannot leave', 'MASTER_ACCOUNT_MISSING_BUSINESS_LICENSE');
      return {
        ok: true,
        design: {
          ...design,
          accounts: design.accounts.map((entry) => (entry === account ? { ...account, parentId: null } : entry)),
          policies: design.policies.map((policy) => (policy.targetIds.includes(account.accountId) ? { ...policy, targetIds: policy.targetIds.filter((id) => id !== account.accountId) } : policy)),
        },
      };
    }
    case 'PutAccountName': {
      const account = design.accounts.find((entry) => entry.accountId === str(input, 'AccountId'));
      if (!account) return refused('ResourceNotFoundException', `no account ${str(input, 'AccountId')}`);
      return { ok: true, design: { ...design, accounts: design.accounts.map((entry) => (entry === account ? { ...account, name: str(input, 'AccountName') } : entry)) } };
    }
    case 'TagResource':
    case 'UntagResource': {
      const id = str(input, 'ResourceId');
      const edit = (tags: readonly Tag[]) => (call.operation === 'TagResource' ? mergeTags(tags, tagsOf(input.Tags)) : tags.filter((tag) => !(input.TagKeys as string[]).includes(tag.key)));
      if (root.awsId === id) return { ok: true, design: { ...design, root: { ...root, tags: edit(root.tags) } } };
      if (design.ous.some((ou) => ou.awsId === id)) return { ok: true, design: { ...design, ous: design.ous.map((ou) => (ou.awsId === id ? { ...ou, tags: edit(ou.tags) } : ou)) } };
      if (design.accounts.some((account) => account.accountId === id)) {
        return { ok: true, design: { ...design, accounts: design.accounts.map((account) => (account.accountId === id ? { ...account, tags: edit(account.tags) } : account)) } };
      }
      const policy = design.policies.find((entry) => entry.awsId === id);
      if (policy) return { ok: true, design: replacePolicy(design, policy, { ...policy, tags: edit(policy.tags) }) };
      return refused('TargetNotFoundException', `no root, OU, account or policy ${id}`);
    }
    case 'EnableAWSServiceAccess':
    case 'DisableAWSServiceAccess': {
      const principal = str(input, 'ServicePrincipal');
      const current = design.organization.serviceAccessPrincipals;
      const serviceAccessPrincipals = call.operation === 'EnableAWSServiceAccess' ? [...new Set([...current, principal])].sort() : current.filter((entry) => entry !== principal);
      return { ok: true, design: { ...design, organization: { ...design.organization, serviceAccessPrincipals } } };
    }
    case 'RegisterDelegatedAdministrator':
    case 'DeregisterDelegatedAdministrator': {
      const accountId = str(input, 'AccountId');
      const servicePrincipal = str(input, 'ServicePrincipal');
      const exists = design.delegatedAdministrators.some((entry) => entry.accountId === accountId && entry.servicePrincipal === servicePrincipal);
      if (call.operation === 'RegisterDelegatedAdministrator') {
        if (exists) return refused('AccountAlreadyRegisteredException', `${accountId} is already a delegated administrator for ${servicePrincipal}`);
        if (!design.organization.serviceAccessPrincipals.includes(servicePrincipal)) return refused('ConstraintViolationException', `trusted access for ${servicePrincipal} is not enabled`, 'SERVICE_ACCESS_NOT_ENABLED');
        return { ok: true, design: { ...design, delegatedAdministrators: [...design.delegatedAdministrators, { accountId, servicePrincipal }] } };
      }
      if (!exists) return refused('AccountNotRegisteredException', `${accountId} is not a delegated administrator for ${servicePrincipal}`);
      return { ok: true, design: { ...design, delegatedAdministrators: design.delegatedAdministrators.filter((entry) => !(entry.accountId === accountId && entry.servicePrincipal === servicePrincipal)) } };
    }
  }
  return refused('InvalidInputException', `unknown operation ${call.operation}`);
}

// ---- IAM ------------------------------------------------------------------------------------------------------

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
type Principal = InterchangeRole | InterchangeUser | InterchangeGroup;
type PrincipalKind = 'roles' | 'users' | 'groups';
const KIND_OF: Record<string, PrincipalKind> = { Role: 'roles', User: 'users', Group: 'groups' };
const NAME_KEY: Record<PrincipalKind, string> = { roles: 'RoleName', users: 'UserName', groups: 'GroupName' };

/** Every principal (user, group, role) in any account that has the managed policy attached or as its boundary. */
function policyInUse(design: InterchangeDesign, arn: string): boolean {
  return Object.values(design.iam).some((iam) => [...iam.users, ...iam.groups, ...iam.roles].some((principal) =>
    principal.attachedPolicyArns.includes(arn) || ('permissionsBoundaryArn' in principal && principal.permissionsBoundaryArn === arn)));
}

function applyIamCall(design: InterchangeDesign, call: PlanCall): ApplyResult {
  const { input } = call;
  const accountId = call.accountId ?? '';
  if (!design.accounts.some((account) => account.accountId === accountId)) return refused('NoSuchEntity', `no account ${accountId}`);
  const iam: InterchangeAccountIam = design.iam[accountId] ?? { users: [], groups: [], roles: [] };
  const withIam = (next: InterchangeAccountIam): InterchangeDesign => ({ ...design, iam: { ...design.iam, [accountId]: next } });
  const managed = (arn: string) => design.managedPolicies.find((policy) => policy.arn === arn);
  const operation = call.operation;

  // Managed policies (CreatePolicy, CreatePolicyVersion, DeletePolicyVersion, DeletePolicy).
  if (operation === 'CreatePolicy') {
    const path = str(input, 'Path') || '/';
    const arn = `arn:aws:iam::${accountId}:policy${path}${str(input, 'PolicyName')}`;
    if (design.managedPolicies.some((policy) => policy.accountId === accountId && same(policy.name, str(input, 'PolicyName')))) return refused('EntityAlreadyExists', `a policy called ${str(input, 'PolicyName')} already exists`);
    const policy: InterchangeManagedPolicy = {
      arn, name: str(input, 'PolicyName'), path, policyId: null, description: str(input, 'Description'), scope: 'LOCAL', accountId,
      versions: [{ versionId: 'v1', document: str(input, 'PolicyDocument'), isDefault: true, createDate: null }],
    };
    return { ok: true, design: { ...design, managedPolicies: [...design.managedPolicies, policy] } };
  }
  if (operation === 'CreatePolicyVersion' || operation === 'DeletePolicyVersion' || operation === 'DeletePolicy') {
    const policy = managed(str(input, 'PolicyArn'));
    if (!policy || policy.scope !== 'LOCAL') return refused('NoSuchEntity', `no customer-managed policy ${str(input, 'PolicyArn')}`);
    let versions = policy.versions;
    if (operation === 'CreatePolicyVersion') {
      // reference_iam-quotas.html: at most 5 versions of a managed policy.
      if (versions.length >= 5) return refused('LimitExceeded', `${policy.name} already has 5 versions: delete one first`);
      const next = `v${Math.max(0, ...versions.map((version) => Number(version.versionId.slice(1)) || 0)) + 1}`;
      const setAsDefault = input.SetAsDefault === true;
      versions = [...versions.map((version) => (setAsDefault ? { ...version, isDefault: false } : version)), { versionId: next, document: str(input, 'PolicyDocument'), isDefault: setAsDefault, createDate: null }];
    } else if (operation === 'DeletePolicyVersion') {
      const version = versions.find((entry) => entry.versionId === str(input, 'VersionId'));
      if (!version) return refused('NoSuchEntity', `no version ${str(input, 'VersionId')}`);
      if (version.isDefault) return refused('DeleteConflict', 'Cannot delete the default version of a policy.');
      versions = versions.filter((entry) => entry !== version);
    } else {
      if (policyInUse(design, policy.arn)) return refused('DeleteConflict', `${policy.name} is still attached or used as a permissions boundary`);
      if (versions.length > 1) return refused('DeleteConflict', `${policy.name} still has non-default versions`);
      return { ok: true, design: { ...design, managedPolicies: design.managedPolicies.filter((entry) => entry !== policy) } };
    }
    return { ok: true, design: { ...design, managedPolicies: design.managedPolicies.map((entry) => (entry === policy ? { ...policy, versions } : entry)) } };
  }

  // Principal operations: <Verb><Role|User|Group><Rest>.
  const match = /^(Create|Delete|Update|Put|Attach|Detach|Tag|Untag)(Role|User|Group)(Policy|PermissionsBoundary)?$/.exec(operation)
    ?? /^(UpdateAssumeRolePolicy)$/.exec(operation) ?? /^(AddUserToGroup|RemoveUserFromGroup)$/.exec(operation);
  if (!match) return refused('InvalidInput', `unknown IAM operation ${operation}`);
  if (operation === 'AddUserToGroup' || operation === 'RemoveUserFromGroup') {
    const user = iam.users.find((entry) => same(entry.name, str(input, 'UserName')));
    const group = iam.groups.find((entry) => same(entry.name, str(input, 'GroupName')));
    if (!user || !group) return refused('NoSuchEntity', `no user ${str(input, 'UserName')} or group ${str(input, 'GroupName')}`);
    const groups = operation === 'AddUserToGroup' ? [...new Set([...user.groups, group.name])].sort() : user.groups.filter((name) => !same(name, group.name));
    return { ok: true, design: withIam({ ...iam, users: iam.users.map((entry) => (entry === user ? { ...user, groups } : entry)) }) };
  }
  const kind: PrincipalKind = operation === 'UpdateAssumeRolePolicy' ? 'roles' : KIND_OF[match[2]];
  const verb = operation === 'UpdateAssumeRolePolicy' ? 'UpdateAssumeRolePolicy' : `${match[1]}${match[3] ?? ''}`;
  const name = str(input, NAME_KEY[kind]);
  const list = iam[kind] as Principal[];
  const principal = list.find((entry) => same(entry.name, name));
  const replace = (next: Principal | null): ApplyResult => ({
    ok: true,
    design: withIam({ ...iam, [kind]: next ? list.map((entry) => (entry === principal ? next : entry)) : list.filter((entry) => entry !== principal) }),
  });
  if (verb === 'Create') {
    if (principal) return refused('EntityAlreadyExists', `${match[2]} with name ${name} already exists.`);
    const path = str(input, 'Path') || '/';
    const boundary = typeof input.PermissionsBoundary === 'string' ? input.PermissionsBoundary : null;
    if (boundary && !managed(boundary)) return refused('NoSuchEntity', `no policy ${boundary}`);
    const base = { name, path, attachedPolicyArns: [], inlinePolicies: [] };
    const created: Principal = kind === 'roles'
      ? { ...base, roleId: null, createDate: null, trustPolicy: str(input, 'AssumeRolePolicyDocument'), instanceProfiles: [], lastUsed: { lastUsedDate: null, region: null },
        maxSessionDuration: typeof input.MaxSessionDuration === 'number' ? input.MaxSessionDuration : null, permissionsBoundaryArn: boundary, tags: tagsOf(input.Tags) }
      : kind === 'users'
        ? { ...base, userId: null, groups: [], permissionsBoundaryArn: boundary, tags: tagsOf(input.Tags) }
        : { ...base, groupId: null };
    return { ok: true, design: withIam({ ...iam, [kind]: [...list, created] }) };
  }
  if (!principal) return refused('NoSuchEntity', `The ${match[2] ?? 'Role'} with name ${name} cannot be found.`);
  switch (verb) {
    case 'Delete': {
      if (principal.attachedPolicyArns.length > 0 || principal.inlinePolicies.length > 0) return refused('DeleteConflict', `${name} must have its policies detached and deleted first`);
      if (kind === 'groups' && iam.users.some((user) => user.groups.some((group) => same(group, name)))) return refused('DeleteConflict', `group ${name} still has members`);
      if (kind === 'users' && (principal as InterchangeUser).groups.length > 0) return refused('DeleteConflict', `user ${name} is still in groups`);
      return replace(null);
    }
    case 'Update':
      return replace({ ...(principal as InterchangeRole), ...(typeof input.MaxSessionDuration === 'number' ? { maxSessionDuration: input.MaxSessionDuration } : {}) });
    case 'UpdateAssumeRolePolicy':
      return replace({ ...(principal as InterchangeRole), trustPolicy: str(input, 'PolicyDocument') });
    case 'PutPolicy':
      return replace({ ...principal, inlinePolicies: [...principal.inlinePolicies.filter((entry) => entry.name !== str(input, 'PolicyName')), { name: str(input, 'PolicyName'), document: str(input, 'PolicyDocument') }] });
    case 'DeletePolicy':
      if (!principal.inlinePolicies.some((entry) => entry.name === str(input, 'PolicyName'))) return refused('NoSuchEntity', `no inline policy ${str(input, 'PolicyName')} on ${name}`);
      return replace({ ...principal, inlinePolicies: principal.inlinePolicies.filter((entry) => entry.name !== str(input, 'PolicyName')) });
    case 'AttachPolicy': {
      const arn = str(input, 'PolicyArn');
      if (!managed(arn)) return refused('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
      if (principal.attachedPolicyArns.includes(arn)) return { ok: true, design };
      if (principal.attachedPolicyArns.length >= 10) return refused('LimitExceeded', `Cannot exceed quota for PoliciesPerRole: 10.`);
      return replace({ ...principal, attachedPolicyArns: [...principal.attachedPolicyArns, arn].sort() });
    }
    case 'DetachPolicy': {
      const arn = str(input, 'PolicyArn');
      if (!principal.attachedPolicyArns.includes(arn)) return refused('NoSuchEntity', `Policy ${arn} was not found.`);
      return replace({ ...principal, attachedPolicyArns: principal.attachedPolicyArns.filter((entry) => entry !== arn) });
    }
    case 'PutPermissionsBoundary': {
      const arn = str(input, 'PermissionsBoundary');
      if (!managed(arn)) return refused('NoSuchEntity', `Policy ${arn} does not exist.`);
      return replace({ ...(principal as InterchangeRole), permissionsBoundaryArn: arn });
    }
    case 'DeletePermissionsBoundary':
      return replace({ ...(principal as InterchangeRole), permissionsBoundaryArn: null });
    case 'Tag':
      return replace({ ...(principal as InterchangeRole), tags: mergeTags((principal as InterchangeRole).tags, tagsOf(input.Tags)) });
    case 'Untag':
      return replace({ ...(principal as InterchangeRole), tags: (principal as InterchangeRole).tags.filter((tag) => !(input.TagKeys as string[]).includes(tag.key)) });
  }
  return refused('InvalidInput', `unknown IAM operation ${operation}`);
}
