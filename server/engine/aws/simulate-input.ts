// Reads the input of `aws iam simulate-principal-policy --cli-input-json` into engine requests, one per
// (action, resource) pair as the simulator does. Extensions the engine needs: PolicySourceArn may be an
// assumed-role session ARN or an account root ARN, SessionPolicy carries a session policy (JSON text), and
// SessionTags (AssumeRole's Tags) and RoleChain (the earlier AssumeRole calls, each with Tags and TransitiveTagKeys)
// describe the session's tags.

import type { AuthzRequest, ContextEntry, ContextValueType, RoleChainHop, Tag } from '../types';
import { hasResourceSidePolicy } from '../evaluate/evaluate';
import type { CompiledWorld } from '../world/compile-world';
import type { UnknownPrincipalError } from '../world/errors';
import { resolveSessionTags } from '../world/session-tags';
import { isServicePrincipalName } from '../world/principals';
import { ACCOUNT_ID, InputChecker, isPlainObject, type InputError } from './json-checks';

/**
 * The result of reading a simulate input: requests, or every problem found. `callerRequired` marks a PolicySourceArn
 * that is not a caller by itself (a role without CallerArn): AWS then refuses any request a resource-based policy
 * decides, which only the world can tell (see callerArnRequiredError).
 */
export type SimulateInputResult = { ok: true; requests: AuthzRequest[]; callerRequired?: true } | { ok: false; errors: InputError[] };

/** AWS's sentence for a CallerArn that is not an IAM user (API_SimulatePrincipalPolicy.html, CallerArn). */
export const CALLER_ARN_USER_ONLY =
  'You can specify only the ARN of an IAM user. You cannot specify the ARN of an assumed role, federated user, or a service principal.';

/** AWS's sentence for a missing CallerArn (API_SimulatePrincipalPolicy.html, CallerArn). */
export const CALLER_ARN_REQUIRED =
  'CallerArn is required if you include a ResourcePolicy and the PolicySourceArn is not the ARN for an IAM user. This is required so that the resource-based policy\'s Principal element has a value to use in evaluating the policy.';

const USER_ARN = /^arn:[^:]+:iam::\d{12}:user\/.+$/;
const GROUP_ARN = /^arn:[^:]+:iam::\d{12}:group\/.+$/;
const ROLE_ARN_PARTS = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const SESSION_ARN_PARTS = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

const CONTEXT_TYPES: readonly ContextValueType[] = [
  'string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList',
  'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList',
];

/** Parameters of simulate-principal-policy that only page the output: accepted and ignored. */
const PAGING_KEYS = new Set(['MaxItems', 'Marker']);
const SUPPORTED_KEYS = new Set([
  'PolicySourceArn', 'ActionNames', 'ResourceArns', 'ContextEntries', 'CallerArn', 'ResourceOwner', 'SessionPolicy',
  'SessionTags', 'RoleChain', 'ServicePrincipal', ...PAGING_KEYS,
]);
/** Real simulator parameters whose content belongs in the bundle here: rejected with a pointer to it. */
const BUNDLE_KEYS: Record<string, string> = {
  PolicyInputList: 'attach the policies to the principal in the bundle\'s AuthorizationDetails',
  PermissionsBoundaryPolicyInputList: 'set the PermissionsBoundary of the principal in the bundle',
  ResourcePolicy: 'add it to the bundle\'s ResourcePolicies',
  ResourceHandlingOption: 'the engine evaluates each resource ARN on its own',
};

/** Read a simulate-principal-policy input document into engine requests. */
export function simulateInputToRequests(input: unknown): SimulateInputResult {
  const check = new InputChecker();
  const root = check.object(input, '$');
  if (!root) return { ok: false, errors: check.errors };

  for (const key of Object.keys(root)) {
    if (SUPPORTED_KEYS.has(key)) continue;
    if (BUNDLE_KEYS[key]) check.fail(`$.${key}`, `is not supported: ${BUNDLE_KEYS[key]}`);
    else check.fail(`$.${key}`, `unknown parameter; expected one of ${[...SUPPORTED_KEYS].filter((k) => !PAGING_KEYS.has(k)).join(', ')}`);
  }

  // lzsim extension: ServicePrincipal ("cloudtrail.amazonaws.com") in place of PolicySourceArn makes an AWS service the
  // caller, which resource-based policies alone grant (the simulator itself evaluates IAM principals only).
  const byService = root.ServicePrincipal !== undefined;
  const sourceArn = byService ? undefined : check.string(root.PolicySourceArn, '$.PolicySourceArn');
  if (sourceArn && !sourceArn.startsWith('arn:')) check.fail('$.PolicySourceArn', `"${sourceArn}" is not an ARN`);
  const caller = byService ? { principalArn: readServicePrincipal(root, check) } : readCaller(root.CallerArn, sourceArn, check);
  const principalArn = caller.principalArn;

  const actions: string[] = [];
  const actionList = check.array(root.ActionNames, '$.ActionNames');
  if (actionList && actionList.length === 0) check.fail('$.ActionNames', 'needs at least one action');
  actionList?.forEach((value, i) => {
    const action = check.string(value, `$.ActionNames[${i}]`);
    if (action === undefined) return;
    if (!/^[A-Za-z0-9-]+:[A-Za-z0-9_.-]+$/.test(action)) check.fail(`$.ActionNames[${i}]`, `"${action}" is not an action name of the form service:Action (no wildcards)`);
    else actions.push(action);
  });

  let resources = ['*'];
  if (root.ResourceArns !== undefined) {
    const list = check.array(root.ResourceArns, '$.ResourceArns');
    if (list && list.length === 0) check.fail('$.ResourceArns', 'needs at least one ARN when given (omit it for "*")');
    resources = [];
    list?.forEach((value, i) => {
      const arn = check.string(value, `$.ResourceArns[${i}]`);
      if (arn === undefined) return;
      if (arn !== '*' && !arn.startsWith('arn:')) check.fail(`$.ResourceArns[${i}]`, `"${arn}" is not an ARN or "*"`);
      else resources.push(arn);
    });
  }

  const resourceAccount = readResourceOwner(root.ResourceOwner, check);
  const context = readContextEntries(root.ContextEntries, check);

  let sessionPolicy: string | undefined;
  if (root.SessionPolicy !== undefined) {
    if (typeof root.SessionPolicy === 'string') sessionPolicy = root.SessionPolicy;
    else if (isPlainObject(root.SessionPolicy)) sessionPolicy = JSON.stringify(root.SessionPolicy);
    else check.fail('$.SessionPolicy', 'expected the session policy as a JSON string');
  }

  const tags = readSessionTags(root, principalArn, check);

  if (check.errors.length > 0 || !principalArn) return { ok: false, errors: check.errors };
  const requests: AuthzRequest[] = [];
  for (const action of actions) {
    for (const resource of resources) {
      const request: AuthzRequest = { principalArn, action, resource, context };
      if (caller.policySourceArn) request.policySourceArn = caller.policySourceArn;
      if (resourceAccount) request.resourceAccount = resourceAccount;
      if (sessionPolicy !== undefined) request.sessionPolicy = sessionPolicy;
      if (tags.sessionTags) request.sessionTags = tags.sessionTags;
      if (tags.roleChain) request.roleChain = tags.roleChain;
      requests.push(request);
    }
  }
  return caller.required ? { ok: true, requests, callerRequired: true } : { ok: true, requests };
}

/**
 * AWS's refusal when PolicySourceArn is a role without CallerArn and a resource-based policy (the resource's policy, a
 * trust policy, a key policy) takes part in one of the requests; undefined when the input may be evaluated.
 */
export function callerArnRequiredError(world: CompiledWorld, input: Extract<SimulateInputResult, { ok: true }>): InputError | undefined {
  // A role the world does not hold is NoSuchEntity, which evaluation reports first.
  if (!input.callerRequired || !world.role(input.requests[0]?.principalArn ?? '')) return undefined;
  const decided = input.requests.find((request) => hasResourceSidePolicy(world, request.action, request.resource));
  if (!decided) return undefined;
  return {
    path: '$.CallerArn',
    message: `InvalidInput: ${CALLER_ARN_REQUIRED} ${decided.action} on ${decided.resource} is decided with a resource-based policy and ` +
      'PolicySourceArn is a role: give CallerArn, an IAM user or a session of this role (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION).',
  };
}

/** The input field that named a principal the world does not hold: the caller (CallerArn) or the policy source. */
export function unknownPrincipalPath(request: AuthzRequest, error: UnknownPrincipalError): '$.CallerArn' | '$.PolicySourceArn' {
  return request.policySourceArn !== undefined && error.principalArn === request.principalArn ? '$.CallerArn' : '$.PolicySourceArn';
}

/**
 * CallerArn as API_SimulatePrincipalPolicy.html documents it: absent, it defaults to PolicySourceArn when that is a
 * user; an IAM user ARN other than the source calls with the source's policies ("as if Bob had David's policies");
 * any other principal type is refused. lzsim extension: a session of the role named in PolicySourceArn
 * ("arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION") means that session, as PolicySourceArn = that session would.
 */
function readCaller(value: unknown, sourceArn: string | undefined, check: InputChecker): { principalArn?: string; policySourceArn?: string; required?: true } {
  // CallerArn equal to a user source is the same request; equal to a role or group it is a non-user CallerArn, refused below.
  if (value === undefined || (value === sourceArn && USER_ARN.test(sourceArn))) {
    // A role alone is evaluated as a session of it, but AWS needs CallerArn when a resource policy decides.
    if (sourceArn && ROLE_ARN_PARTS.test(sourceArn)) return { principalArn: sourceArn, required: true };
    if (sourceArn && GROUP_ARN.test(sourceArn)) {
      check.fail('$.CallerArn', `is required: PolicySourceArn is an IAM group, which never calls by itself; name the IAM user that calls with the group's policies. ${CALLER_ARN_USER_ONLY}`);
    }
    return { principalArn: sourceArn };
  }
  const callerArn = check.string(value, '$.CallerArn');
  if (callerArn === undefined || sourceArn === undefined) return {};
  if (USER_ARN.test(callerArn)) {
    if (!USER_ARN.test(sourceArn) && !GROUP_ARN.test(sourceArn) && !ROLE_ARN_PARTS.test(sourceArn)) {
      check.fail('$.PolicySourceArn', `must be the ARN of a user, group or role whose policies CallerArn ${callerArn} calls with`);
      return {};
    }
    return { principalArn: callerArn, policySourceArn: sourceArn };
  }
  const session = SESSION_ARN_PARTS.exec(callerArn);
  const role = ROLE_ARN_PARTS.exec(sourceArn);
  if (session && role && session[1] === role[1] && session[2] === role[2] && session[3] === role[3]) return { principalArn: callerArn };
  check.fail('$.CallerArn', `"${callerArn}": ${CALLER_ARN_USER_ONLY}${session ? ` (lzsim accepts an assumed-role session only when PolicySourceArn is its role${role ? `; ${sourceArn} is another role` : ''}.)` : ''}`);
  return {};
}

/** ServicePrincipal: a service principal's name, alone (no PolicySourceArn or CallerArn: a service has no IAM policies). */
function readServicePrincipal(root: Record<string, unknown>, check: InputChecker): string | undefined {
  const name = check.string(root.ServicePrincipal, '$.ServicePrincipal');
  if (name === undefined) return undefined;
  if (!isServicePrincipalName(name)) {
    check.fail('$.ServicePrincipal', `"${name}" is not an AWS service principal (a name such as "cloudtrail.amazonaws.com")`);
    return undefined;
  }
  for (const key of ['PolicySourceArn', 'CallerArn', 'SessionPolicy', 'SessionTags', 'RoleChain']) {
    if (root[key] !== undefined) check.fail(`$.${key}`, `cannot go with ServicePrincipal: an AWS service principal has no IAM policies, session or tags`);
  }
  return name;
}

/** ResourceOwner is an account ARN ("arn:aws:iam::ACCOUNT:root") in the simulator; a bare id is accepted too. */
function readResourceOwner(value: unknown, check: InputChecker): string | undefined {
  if (value === undefined) return undefined;
  const text = check.string(value, '$.ResourceOwner');
  if (text === undefined) return undefined;
  if (ACCOUNT_ID.test(text)) return text;
  const match = /^arn:[^:]+:iam::(\d{12}):root$/.exec(text);
  if (match) return match[1];
  check.fail('$.ResourceOwner', `"${text}" is neither an account ARN (arn:aws:iam::123456789012:root) nor an account id`);
  return undefined;
}

function readContextEntries(value: unknown, check: InputChecker): ContextEntry[] {
  const entries: ContextEntry[] = [];
  const seen = new Set<string>();
  check.optionalArray(value, '$.ContextEntries').forEach((entry, i) => {
    const path = `$.ContextEntries[${i}]`;
    const item = check.object(entry, path);
    if (!item) return;
    const key = check.string(item.ContextKeyName, `${path}.ContextKeyName`);
    const type = item.ContextKeyType;
    if (typeof type !== 'string' || !CONTEXT_TYPES.includes(type as ContextValueType)) {
      check.fail(`${path}.ContextKeyType`, `expected one of ${CONTEXT_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
    }
    const values = check.array(item.ContextKeyValues, `${path}.ContextKeyValues`);
    const strings: string[] = [];
    values?.forEach((raw, v) => {
      // The CLI passes every value as a string; numbers and booleans in hand-written JSON mean the same.
      if (typeof raw === 'string') strings.push(raw);
      else if (typeof raw === 'number' || typeof raw === 'boolean') strings.push(String(raw));
      else check.fail(`${path}.ContextKeyValues[${v}]`, `expected a string, got ${JSON.stringify(raw)}`);
    });
    const single = typeof type === 'string' && !type.endsWith('List');
    // A list-typed key may be an empty set (ForAllValues over it is true); a single-valued key needs its value.
    if (values && values.length === 0 && single) check.fail(`${path}.ContextKeyValues`, `${type} needs one value`);
    if (single && strings.length > 1) check.fail(`${path}.ContextKeyValues`, `${type} takes one value; use ${type}List for several`);
    if (!key) return;
    if (seen.has(key.toLowerCase())) check.fail(`${path}.ContextKeyName`, `"${key}" is given twice (keys are case-insensitive)`);
    seen.add(key.toLowerCase());
    entries.push({ key, values: strings, type: type as ContextValueType });
  });
  return entries;
}

const ROLE_OR_SESSION_ARN = /^arn:[^:]+:(?:iam::\d{12}:role\/|sts::\d{12}:assumed-role\/)/;

/**
 * SessionTags ([{Key, Value}], as AssumeRole's Tags) and RoleChain ([{RoleArn, Tags, TransitiveTagKeys}], the earlier
 * AssumeRole calls, oldest first). They describe a role session, so PolicySourceArn must be a role or a session, and
 * a chain AWS would refuse (a tag with the key of an inherited transitive tag, too many tags) is an error here.
 */
function readSessionTags(root: Record<string, unknown>, principalArn: string | undefined, check: InputChecker): { sessionTags?: Tag[]; roleChain?: RoleChainHop[] } {
  if (root.SessionTags === undefined && root.RoleChain === undefined) return {};
  if (principalArn && !ROLE_OR_SESSION_ARN.test(principalArn)) {
    check.fail(root.SessionTags !== undefined ? '$.SessionTags' : '$.RoleChain', 'session tags belong to a role session: PolicySourceArn must be a role or an assumed-role session ARN');
  }
  const sessionTags = root.SessionTags === undefined ? undefined : readTags(root.SessionTags, '$.SessionTags', check);
  let roleChain: RoleChainHop[] | undefined;
  if (root.RoleChain !== undefined) {
    roleChain = [];
    check.array(root.RoleChain, '$.RoleChain')?.forEach((value, i) => {
      const path = `$.RoleChain[${i}]`;
      const hop = check.object(value, path);
      if (!hop) return;
      for (const key of Object.keys(hop)) {
        if (key !== 'RoleArn' && key !== 'Tags' && key !== 'TransitiveTagKeys') check.fail(`${path}.${key}`, 'unknown field; expected RoleArn, Tags, TransitiveTagKeys');
      }
      const roleArn = check.string(hop.RoleArn, `${path}.RoleArn`);
      if (roleArn && !/^arn:[^:]+:iam::\d{12}:role\//.test(roleArn)) check.fail(`${path}.RoleArn`, `"${roleArn}" is not a role ARN`);
      const transitiveTagKeys: string[] = [];
      check.optionalArray(hop.TransitiveTagKeys, `${path}.TransitiveTagKeys`).forEach((key, k) => {
        const text = check.string(key, `${path}.TransitiveTagKeys[${k}]`);
        if (text !== undefined) transitiveTagKeys.push(text);
      });
      roleChain!.push({ roleArn: roleArn ?? '', tags: hop.Tags === undefined ? [] : readTags(hop.Tags, `${path}.Tags`, check), transitiveTagKeys });
    });
  }
  if (check.errors.length === 0) {
    const resolved = resolveSessionTags(sessionTags, roleChain);
    if (!resolved.ok) check.fail(resolved.hop === 'session' ? '$.SessionTags' : `$.RoleChain[${resolved.hop}].${resolved.field}`, resolved.message);
  }
  return { sessionTags, roleChain };
}

function readTags(value: unknown, path: string, check: InputChecker): Tag[] {
  const tags: Tag[] = [];
  check.array(value, path)?.forEach((item, i) => {
    const tag = check.object(item, `${path}[${i}]`);
    if (!tag) return;
    const key = check.string(tag.Key, `${path}[${i}].Key`);
    // A tag value may be empty (0 to 256 characters).
    const tagValue = typeof tag.Value === 'string' ? tag.Value : undefined;
    if (tagValue === undefined) check.fail(`${path}[${i}].Value`, tag.Value === undefined ? 'is required' : 'expected a string');
    if (key !== undefined && tagValue !== undefined) tags.push({ key, value: tagValue });
  });
  return tags;
}
