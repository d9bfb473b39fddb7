// Pending changes written as AWS Organizations API calls in their own request shapes, applied to a copy of a World
// so their impact can be previewed without saving anything. A change file is a JSON array of single-key objects,
// `[{ "AttachPolicy": { "PolicyId": "p-...", "TargetId": "ou-..." } }, ...]` (one object alone is accepted too).
// Each call is checked as Organizations checks it (API reference, "Errors" of each action; quotas from
// orgs_reference_limits.html) and a refused call names AWS's exception and reason, with the JSON path.
// A policy or OU created earlier in the same file has no id yet: later calls may name it by its Name.

import { parsePolicy } from '../../policy/parse';
import { DEFAULT_ORGANIZATION_QUOTAS } from '../../quotas';
import type { AuthzPolicyType, OrgPolicy, World } from '../../types';

/** The operations a change file may hold. */
export const ORGANIZATIONS_CALLS = [
  'AttachPolicy', 'DetachPolicy', 'UpdatePolicy', 'CreatePolicy', 'DeletePolicy', 'MoveAccount',
  'CreateOrganizationalUnit', 'UpdateOrganizationalUnit', 'DeleteOrganizationalUnit',
] as const;

/** One operation's name. */
export type OrganizationsCallName = (typeof ORGANIZATIONS_CALLS)[number];

/** One call as read from the file. */
export interface OrganizationsCall {
  /** The operation. */
  operation: OrganizationsCallName;
  /** Its request, in AWS's shape. */
  input: Record<string, unknown>;
  /** JSONPath of the call in the file ("$[2]"). */
  path: string;
}

/** A call AWS would refuse, or a file that is not a list of calls. */
export interface CallError {
  /** JSONPath of the offending element ("$[1].AttachPolicy.TargetId"). */
  path: string;
  /** AWS's exception name, when AWS has one. */
  awsCode?: string;
  /** AWS's reason (ConstraintViolationException, InvalidInputException), when it has one. */
  awsReason?: string;
  /** What is wrong, for people. */
  message: string;
}

/** Result of reading or applying calls. */
export type CallsResult<T> = { ok: true; value: T } | { ok: false; error: CallError };

const POLICY_TYPES: Record<string, AuthzPolicyType> = { SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP' };
const TYPE_NAMES: Record<AuthzPolicyType, string> = { SCP: 'SERVICE_CONTROL_POLICY', RCP: 'RESOURCE_CONTROL_POLICY' };

/** Reads a change file's JSON into calls, or the first shape error with its JSON path. */
export function readOrganizationsCalls(json: unknown): CallsResult<OrganizationsCall[]> {
  const entries = Array.isArray(json) ? json : [json];
  const calls: OrganizationsCall[] = [];
  for (let i = 0; i < entries.length; i++) {
    const path = Array.isArray(json) ? `$[${i}]` : '$';
    const entry = entries[i] as unknown;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return fail(path, `expected an object naming one operation, e.g. {"AttachPolicy": {"PolicyId": "p-...", "TargetId": "ou-..."}}`);
    }
    const keys = Object.keys(entry);
    if (keys.length !== 1) return fail(path, `expected exactly one operation per object, found ${keys.length === 0 ? 'none' : keys.join(', ')}`);
    const operation = keys[0];
    if (!(ORGANIZATIONS_CALLS as readonly string[]).includes(operation)) {
      return fail(`${path}.${operation}`, `unknown operation "${operation}"; supported: ${ORGANIZATIONS_CALLS.join(', ')}`);
    }
    const input = (entry as Record<string, unknown>)[operation];
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(`${path}.${operation}`, 'expected the request object of the operation');
    calls.push({ operation: operation as OrganizationsCallName, input: input as Record<string, unknown>, path: `${path}.${operation}` });
  }
  return { ok: true, value: calls };
}

/** What applying the calls created, so people (and later calls) can refer to the new ids. */
export interface AppliedCalls {
  /** The world after every call. */
  world: World;
  /** Ids given to created policies and OUs, by name. */
  created: { kind: 'policy' | 'ou'; name: string; id: string }[];
}

/**
 * Applies the calls in order to a copy of the world (the given world is not modified). Stops at the first call
 * Organizations would refuse.
 */
export function applyOrganizationsCalls(world: World, calls: readonly OrganizationsCall[]): CallsResult<AppliedCalls> {
  const state: World = {
    ...world,
    orgUnits: world.orgUnits.map((unit) => ({ ...unit })),
    accounts: world.accounts.map((account) => ({ ...account })),
    policies: world.policies.map((policy) => ({ ...policy })),
    attachments: world.attachments.map((attachment) => ({ ...attachment })),
  };
  const created: AppliedCalls['created'] = [];
  for (const call of calls) {
    const error = applyOne(state, call, created);
    if (error) return { ok: false, error };
  }
  return { ok: true, value: { world: state, created } };
}

function fail<T>(path: string, message: string, awsCode?: string, awsReason?: string): CallsResult<T> {
  return { ok: false, error: { path, message, ...(awsCode ? { awsCode } : {}), ...(awsReason ? { awsReason } : {}) } };
}

function error(path: string, awsCode: string, message: string, awsReason?: string): CallError {
  return { path, awsCode, message, ...(awsReason ? { awsReason } : {}) };
}

/** A required string field of the request, or an InvalidInputException naming it. */
function field(call: OrganizationsCall, name: string, problems: CallError[]): string {
  const value = call.input[name];
  if (typeof value !== 'string' || value.length === 0) {
    problems.push(error(`${call.path}.${name}`, 'InvalidInputException', `${name} is required and must be a non-empty string`, 'INVALID_INPUT'));
    return '';
  }
  return value;
}

function applyOne(world: World, call: OrganizationsCall, created: AppliedCalls['created']): CallError | undefined {
  const problems: CallError[] = [];
  const policyOf = (raw: string) => world.policies.find((policy) => policy.id === raw)
    ?? world.policies.find((policy) => created.some((entry) => entry.kind === 'policy' && entry.name === raw && entry.id === policy.id));
  const ouIdOf = (raw: string) => created.find((entry) => entry.kind === 'ou' && entry.name === raw)?.id ?? raw;
  const targetExists = (id: string) => world.orgUnits.some((unit) => unit.id === id) || world.accounts.some((account) => account.id === id && account.parentId !== undefined);
  const depthOf = (id: string): number => {
    let depth = 0;
    for (let unit = world.orgUnits.find((entry) => entry.id === id); unit?.parentId !== undefined; unit = world.orgUnits.find((entry) => entry.id === unit!.parentId)) depth++;
    return depth;
  };
  const root = world.orgUnits.find((unit) => unit.parentId === undefined);

  switch (call.operation) {
    case 'AttachPolicy':
    case 'DetachPolicy': {
      const policyId = field(call, 'PolicyId', problems);
      const targetId = ouIdOf(field(call, 'TargetId', problems));
      if (problems.length > 0) return problems[0];
      const policy = policyOf(policyId);
      if (!policy) return error(`${call.path}.PolicyId`, 'PolicyNotFoundException', `no SCP or RCP with id ${policyId}`);
      if (!targetExists(targetId)) return error(`${call.path}.TargetId`, 'TargetNotFoundException', `no root, OU or member account with id ${targetId}`);
      const attachedHere = world.attachments.filter((attachment) => attachment.targetId === targetId && world.policies.find((entry) => entry.id === attachment.policyId)?.type === policy.type);
      const already = attachedHere.some((attachment) => attachment.policyId === policy.id);
      if (call.operation === 'AttachPolicy') {
        if (!world.organization?.enabledPolicyTypes.includes(policy.type)) return error(call.path, 'PolicyTypeNotEnabledException', `${TYPE_NAMES[policy.type]} is not enabled on the root`);
        if (already) return error(call.path, 'DuplicatePolicyAttachmentException', `${policy.id} is already attached to ${targetId}`);
        const max = DEFAULT_ORGANIZATION_QUOTAS.maxPoliciesAttachedPerTarget[TYPE_NAMES[policy.type] as 'SERVICE_CONTROL_POLICY'];
        if (attachedHere.length >= max) {
          return error(call.path, 'ConstraintViolationException', `${targetId} already has ${attachedHere.length} ${TYPE_NAMES[policy.type]} attached (quota ${max})`, 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
        }
        world.attachments.push({ policyId: policy.id, targetId });
      } else {
        if (!already) return error(call.path, 'PolicyNotAttachedException', `${policy.id} is not attached to ${targetId}`);
        if (policy.awsManaged && policy.name === 'RCPFullAWSAccess') {
          return error(call.path, 'ConstraintViolationException', 'RCPFullAWSAccess is always attached to every root, OU and account and cannot be detached', 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
        }
        // orgs_manage_policies_scps_attach.html: a target must keep at least one SCP (and one RCP) while the type is enabled.
        if (attachedHere.length <= 1) {
          return error(call.path, 'ConstraintViolationException', `${policy.id} is the last ${TYPE_NAMES[policy.type]} attached to ${targetId}: attach another one (FullAWSAccess) first`, 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
        }
        world.attachments = world.attachments.filter((attachment) => !(attachment.policyId === policy.id && attachment.targetId === targetId));
      }
      return undefined;
    }
    case 'UpdatePolicy':
    case 'CreatePolicy': {
      const isCreate = call.operation === 'CreatePolicy';
      const policyId = isCreate ? '' : field(call, 'PolicyId', problems);
      const content = call.input.Content;
      if (content !== undefined && typeof content !== 'string') problems.push(error(`${call.path}.Content`, 'InvalidInputException', 'Content must be the policy text as a string', 'INVALID_INPUT'));
      if (isCreate) {
        field(call, 'Name', problems);
        field(call, 'Content', problems);
        field(call, 'Type', problems);
      }
      if (problems.length > 0) return problems[0];
      if (typeof content === 'string' && !parsePolicy(content).document) {
        return error(`${call.path}.Content`, 'MalformedPolicyDocumentException', `the policy text is not a valid policy: ${parsePolicy(content).findings.find((finding) => finding.severity === 'error')?.message ?? 'unreadable'}`);
      }
      if (isCreate) {
        const type = POLICY_TYPES[call.input.Type as string];
        if (!type) return error(`${call.path}.Type`, 'InvalidInputException', `Type must be SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY here, got ${String(call.input.Type)}`, 'INVALID_INPUT');
        const name = call.input.Name as string;
        if (world.policies.some((policy) => policy.name === name && policy.type === type)) return error(`${call.path}.Name`, 'DuplicatePolicyException', `a ${TYPE_NAMES[type]} named ${name} already exists`);
        const id = `p-new${String(created.length + 1).padStart(5, '0')}`;
        const policy: OrgPolicy = { id, name, type, document: content as string };
        world.policies.push(policy);
        created.push({ kind: 'policy', name, id });
        return undefined;
      }
      const policy = policyOf(policyId);
      if (!policy) return error(`${call.path}.PolicyId`, 'PolicyNotFoundException', `no SCP or RCP with id ${policyId}`);
      if (policy.awsManaged) return error(call.path, 'PolicyChangesNotAllowedException', `${policy.name} is managed by AWS and cannot be changed`);
      const index = world.policies.indexOf(policy);
      world.policies[index] = { ...policy, ...(typeof content === 'string' ? { document: content } : {}), ...(typeof call.input.Name === 'string' ? { name: call.input.Name } : {}) };
      return undefined;
    }
    case 'DeletePolicy': {
      const policy = policyOf(field(call, 'PolicyId', problems));
      if (problems.length > 0) return problems[0];
      if (!policy) return error(`${call.path}.PolicyId`, 'PolicyNotFoundException', `no SCP or RCP with id ${String(call.input.PolicyId)}`);
      if (world.attachments.some((attachment) => attachment.policyId === policy.id)) return error(call.path, 'PolicyInUseException', `${policy.id} is still attached: detach it first`);
      world.policies = world.policies.filter((entry) => entry !== policy);
      return undefined;
    }
    case 'MoveAccount': {
      const accountId = field(call, 'AccountId', problems);
      const source = ouIdOf(field(call, 'SourceParentId', problems));
      const destination = ouIdOf(field(call, 'DestinationParentId', problems));
      if (problems.length > 0) return problems[0];
      const account = world.accounts.find((entry) => entry.id === accountId && entry.parentId !== undefined);
      if (!account) return error(`${call.path}.AccountId`, 'AccountNotFoundException', `no member account ${accountId}`);
      if (!world.orgUnits.some((unit) => unit.id === source)) return error(`${call.path}.SourceParentId`, 'SourceParentNotFoundException', `no root or OU ${source}`);
      if (!world.orgUnits.some((unit) => unit.id === destination)) return error(`${call.path}.DestinationParentId`, 'DestinationParentNotFoundException', `no root or OU ${destination}`);
      if (account.parentId !== source) return error(`${call.path}.SourceParentId`, 'SourceParentNotFoundException', `account ${accountId} is in ${account.parentId}, not ${source}`);
      if (source === destination) return error(call.path, 'DuplicateAccountException', `account ${accountId} is already in ${destination}`);
      account.parentId = destination;
      return undefined;
    }
    case 'CreateOrganizationalUnit': {
      const parentId = ouIdOf(field(call, 'ParentId', problems));
      const name = field(call, 'Name', problems);
      if (problems.length > 0) return problems[0];
      if (!world.orgUnits.some((unit) => unit.id === parentId)) return error(`${call.path}.ParentId`, 'ParentNotFoundException', `no root or OU ${parentId}`);
      if (depthOf(parentId) + 1 > DEFAULT_ORGANIZATION_QUOTAS.maxOuDepth) {
        return error(call.path, 'ConstraintViolationException', `an OU under ${parentId} would be ${depthOf(parentId) + 1} levels deep (at most ${DEFAULT_ORGANIZATION_QUOTAS.maxOuDepth})`, 'OU_DEPTH_LIMIT_EXCEEDED');
      }
      if (world.orgUnits.length - 1 >= DEFAULT_ORGANIZATION_QUOTAS.maxOusPerOrganization) {
        return error(call.path, 'ConstraintViolationException', `the organization already has ${world.orgUnits.length - 1} OUs`, 'OU_NUMBER_LIMIT_EXCEEDED');
      }
      if (world.orgUnits.some((unit) => unit.parentId === parentId && unit.name === name)) return error(`${call.path}.Name`, 'DuplicateOrganizationalUnitException', `${parentId} already has an OU named ${name}`);
      const rootSuffix = (root?.id ?? 'r-0000').slice(2);
      const id = `ou-${rootSuffix}-new${String(created.length + 1).padStart(5, '0')}`;
      world.orgUnits.push({ id, name, parentId });
      // AWS attaches FullAWSAccess (and RCPFullAWSAccess) to every new OU when the policy type is enabled.
      for (const managed of world.policies.filter((policy) => policy.awsManaged && (policy.name === 'FullAWSAccess' || policy.name === 'RCPFullAWSAccess'))) {
        if (world.organization?.enabledPolicyTypes.includes(managed.type)) world.attachments.push({ policyId: managed.id, targetId: id });
      }
      created.push({ kind: 'ou', name, id });
      return undefined;
    }
    case 'UpdateOrganizationalUnit': {
      const id = ouIdOf(field(call, 'OrganizationalUnitId', problems));
      if (problems.length > 0) return problems[0];
      const unit = world.orgUnits.find((entry) => entry.id === id && entry.parentId !== undefined);
      if (!unit) return error(`${call.path}.OrganizationalUnitId`, 'OrganizationalUnitNotFoundException', `no OU ${id}`);
      if (typeof call.input.Name === 'string') unit.name = call.input.Name;
      return undefined;
    }
    case 'DeleteOrganizationalUnit': {
      const id = ouIdOf(field(call, 'OrganizationalUnitId', problems));
      if (problems.length > 0) return problems[0];
      const unit = world.orgUnits.find((entry) => entry.id === id && entry.parentId !== undefined);
      if (!unit) return error(`${call.path}.OrganizationalUnitId`, 'OrganizationalUnitNotFoundException', `no OU ${id}`);
      if (world.orgUnits.some((entry) => entry.parentId === id) || world.accounts.some((account) => account.parentId === id)) {
        return error(call.path, 'OrganizationalUnitNotEmptyException', `${id} still holds OUs or accounts`);
      }
      world.orgUnits = world.orgUnits.filter((entry) => entry !== unit);
      world.attachments = world.attachments.filter((attachment) => attachment.targetId !== id);
      return undefined;
    }
  }
  return undefined;
}
