// Who is calling: resolve a principal ARN to its IAM entity, its identity-based policies, its permissions
// boundary, and the request-context keys AWS derives for it (reference_policies_condition-keys.html).
// A role ARN means "a session of that role", as the IAM policy simulator treats it.

import type { AccountIam, ContextEntry, IamRole, IamUser, PolicySource, Tag } from '../types';
import type { CompiledDocument, CompiledPolicy, PrincipalIdentity } from './compiled-types';
import { UnknownPrincipalError } from './errors';
import type { OrgIndex } from './org-chain';
import { PolicySet } from './policy-set';

/** The session name used when the request names a role rather than one of its sessions. */
export const DEFAULT_SESSION_NAME = 'lzsim-session';

/** Path prefix of service-linked roles: SCPs and RCPs do not restrict them. */
const SERVICE_LINKED_PATH = '/aws-service-role/';

/** The identity-based policies and boundary evaluated for a request: the caller's, or another entity's (CallerArn). */
export interface IdentityPolicySource {
  /** Identity-based policies: inline and attached, and for users those of their groups. */
  identityPolicies: readonly CompiledPolicy[];
  /** The identity-based policies as an evaluation group. */
  identitySet: PolicySet;
  /** The permissions boundary, when one is set. */
  boundary?: CompiledPolicy;
  /** The boundary as an evaluation group. */
  boundarySet?: PolicySet;
  /** Trace note for the boundary layer. */
  boundaryNote?: string;
  /** Remarks for the trace (policies referenced but absent from the world). */
  notes: readonly string[];
}

/** A caller resolved against the world. */
export interface ResolvedPrincipal extends IdentityPolicySource {
  /** User, a role session, an account's root user, or an AWS service principal (cloudtrail.amazonaws.com). */
  kind: 'user' | 'role-session' | 'root' | 'service';
  /** The caller's account; empty for an AWS service principal, which belongs to no account. */
  accountId: string;
  /** aws:PrincipalArn: the user ARN, the role ARN (with its path) for a session, or the account root ARN; a service principal's name. */
  principalArn: string;
  /** The identities used for Principal / NotPrincipal matching. */
  identity: PrincipalIdentity;
  /** True for service-linked roles (path /aws-service-role/). */
  serviceLinked: boolean;
  /** Identity-based policies: inline and attached, and for users those of their groups. */
  identityPolicies: readonly CompiledPolicy[];
  /** The identity-based policies as an evaluation group. */
  identitySet: PolicySet;
  /** The permissions boundary, when one is set. */
  boundary?: CompiledPolicy;
  /** The boundary as an evaluation group. */
  boundarySet?: PolicySet;
  /** Trace note for the boundary layer. */
  boundaryNote?: string;
  /** Context keys AWS derives for this principal. */
  derivedContext: readonly ContextEntry[];
  /** Remarks for the trace (policies referenced but absent from the world). */
  notes: readonly string[];
}

/** How principal resolution reaches compiled policies and managed-policy documents. */
export interface PolicyLookup {
  /** Compile (or reuse) a named policy. */
  compile(id: string, name: string, document: PolicySource, kind: 'IDENTITY' | 'TRUST'): CompiledPolicy;
  /** Find a managed policy by ARN, preferring the given account's copy. */
  findManaged(arn: string, accountId: string): { name: string; document: PolicySource } | undefined;
  /** The compiled document a policy of this id would have (compile's `document`), without naming a policy. */
  document(id: string, document: PolicySource, kind: 'IDENTITY' | 'TRUST'): CompiledDocument;
}

/**
 * What the access graph reads of a user or role to group it with others (its kind, identity, and the documents of its
 * identity policies and boundary), found as resolvePrincipal finds it but without naming a compiled policy per
 * principal or deriving its context: the graph groups tens of thousands of principals and evaluates a few hundred.
 */
export interface PrincipalOutline {
  /** As ResolvedPrincipal.kind. */
  kind: 'user' | 'role-session';
  /** As ResolvedPrincipal.accountId. */
  accountId: string;
  /** As ResolvedPrincipal.identity (equal content, not the same object). */
  identity: PrincipalIdentity;
  /** As ResolvedPrincipal.serviceLinked. */
  serviceLinked: boolean;
  /** The documents of ResolvedPrincipal.identityPolicies, in order. */
  identityDocuments: readonly CompiledDocument[];
  /** The document of ResolvedPrincipal.boundary, when one is set. */
  boundaryDocument?: CompiledDocument;
}

const USER_ARN = /^arn:([^:]+):iam::(\d{12}):user\/(.+)$/;
const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(.+)$/;
const SESSION_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const ROOT_ARN = /^arn:([^:]+):iam::(\d{12}):root$/;
const GROUP_ARN = /^arn:[^:]+:iam::\d{12}:group\//;
const GROUP_ARN_PARTS = /^arn:[^:]+:iam::(\d{12}):group\//;

/** The parts of an assumed-role session ARN (arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION), or undefined. */
export function parseSessionArn(value: string): { partition: string; accountId: string; roleName: string; sessionName: string } | undefined {
  const match = SESSION_ARN.exec(value);
  return match ? { partition: match[1], accountId: match[2], roleName: match[3], sessionName: match[4] } : undefined;
}

/** The ARN of a role's session of that name (session ARNs name the role without its path); undefined for a non-role ARN. */
export function roleSessionArn(roleArn: string, sessionName: string): string | undefined {
  const match = ROLE_ARN.exec(roleArn);
  return match ? `arn:${match[1]}:sts::${match[2]}:assumed-role/${match[3].slice(match[3].lastIndexOf('/') + 1)}/${sessionName}` : undefined;
}

/**
 * The policies of a user, role or group ARN, for evaluating another caller with them (simulate-principal-policy's
 * PolicySourceArn with CallerArn). Groups have no boundary (access_policies_boundaries.html: users and roles only).
 */
export function resolvePolicySource(sourceArn: string, iam: Readonly<Record<string, AccountIam>>, org: OrgIndex, lookup: PolicyLookup): IdentityPolicySource {
  const group = GROUP_ARN_PARTS.exec(sourceArn);
  if (!group) return resolvePrincipal(sourceArn, iam, org, lookup);
  const accountId = group[1];
  const match = iam[accountId]?.groups.find((candidate) => candidate.arn === sourceArn);
  if (!match) throw new UnknownPrincipalError(sourceArn, 'NoSuchEntity', `is not a group in account ${accountId}'s authorization details`);
  const notes: string[] = [];
  const policies: CompiledPolicy[] = match.inlinePolicies.map((inline) => lookup.compile(`group/${match.name}/inline/${inline.name}`, inline.name, inline.document, 'IDENTITY'));
  policies.push(...managedPolicies(match.attachedPolicyArns, accountId, lookup, compilerOf(lookup), notes));
  return { ...identityFields(dedupe(policies)), notes };
}

/** Resolve a principal ARN; throws UnknownPrincipalError when the world holds no such principal. */
export function resolvePrincipal(principalArn: string, iam: Readonly<Record<string, AccountIam>>, org: OrgIndex, lookup: PolicyLookup): ResolvedPrincipal {
  const found = userOrRole(principalArn, iam);
  if (found?.user) return resolveUser(found.user, found.accountId, iam[found.accountId], org, lookup);
  if (found?.role) return resolveRoleSession(found.role, found.partition, found.accountId, DEFAULT_SESSION_NAME, org, lookup);
  let match = SESSION_ARN.exec(principalArn);
  if (match) {
    const [, partition, accountId, roleName, sessionName] = match;
    // Role names are unique within an account whatever their path, and session ARNs omit the path.
    const role = iam[accountId]?.roles.find((candidate) => candidate.name === roleName);
    if (!role) throw new UnknownPrincipalError(principalArn, 'NoSuchEntity', `names role "${roleName}", which is not in account ${accountId}'s authorization details`);
    return resolveRoleSession(role, partition, accountId, sessionName, org, lookup);
  }
  match = ROOT_ARN.exec(principalArn);
  if (match) {
    const accountId = match[2];
    if (!org.isKnownAccount(accountId)) throw new UnknownPrincipalError(principalArn, 'NoSuchEntity', `is the root user of account ${accountId}, which is found nowhere in the world`);
    return resolveRoot(principalArn, accountId, org);
  }
  if (GROUP_ARN.test(principalArn)) {
    // The simulator accepts a group to test its policies alone; a group never sends a request, so name a member.
    throw new UnknownPrincipalError(principalArn, 'InvalidInput', 'is an IAM group, which cannot make requests: name one of its users');
  }
  if (isServicePrincipalName(principalArn)) return resolveServicePrincipal(principalArn);
  throw new UnknownPrincipalError(principalArn, 'InvalidInput', 'is not an IAM user, role, assumed-role session or account root ARN, nor an AWS service principal (cloudtrail.amazonaws.com)');
}

/** An AWS service principal's name, as Principal {"Service": ...} names it: "cloudtrail.amazonaws.com", "logs.eu-west-1.amazonaws.com". */
const SERVICE_PRINCIPAL_NAME = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*\.amazonaws\.com(\.cn)?$/;

/** True for an AWS service principal's name (a caller the engine evaluates through resource-based policies alone). */
export function isServicePrincipalName(value: string): boolean {
  return SERVICE_PRINCIPAL_NAME.test(value);
}

/**
 * An AWS service principal calling on its own (reference_policies_elements_principal.html#principal-services): it
 * belongs to no account and has no identity-based policies, so a resource-based policy that names it must grant the
 * request. AWS sets aws:PrincipalIsAWSService and aws:PrincipalServiceName for it, and none of the keys of an
 * account's principals (reference_policies_condition-keys.html).
 */
function resolveServicePrincipal(name: string): ResolvedPrincipal {
  return {
    kind: 'service',
    accountId: '',
    principalArn: name,
    identity: { accountId: '', servicePrincipal: name },
    serviceLinked: false,
    ...identityFields([]),
    derivedContext: [
      { key: 'aws:PrincipalIsAWSService', values: ['true'], type: 'boolean' },
      entry('aws:PrincipalServiceName', name),
    ],
    notes: [],
  };
}

/** The user or role an IAM user or role ARN names (as resolvePrincipal finds it); undefined for other ARNs; throws when absent. */
function userOrRole(principalArn: string, iam: Readonly<Record<string, AccountIam>>): { accountId: string; partition: string; user?: IamUser; role?: IamRole } | undefined {
  let match = USER_ARN.exec(principalArn);
  if (match) {
    const accountId = match[2];
    const user = iam[accountId]?.users.find((candidate) => candidate.arn === principalArn);
    if (!user) throw new UnknownPrincipalError(principalArn, 'NoSuchEntity', `is not a user in account ${accountId}'s authorization details`);
    return { accountId, partition: match[1], user };
  }
  match = ROLE_ARN.exec(principalArn);
  if (match) {
    const accountId = match[2];
    const role = iam[accountId]?.roles.find((candidate) => candidate.arn === principalArn);
    if (!role) throw new UnknownPrincipalError(principalArn, 'NoSuchEntity', `is not a role in account ${accountId}'s authorization details`);
    return { accountId, partition: match[1], role };
  }
  return undefined;
}

/** The outline of a user or role ARN (a role as its default session, like resolvePrincipal); throws UnknownPrincipalError otherwise. */
export function outlinePrincipal(principalArn: string, iam: Readonly<Record<string, AccountIam>>, lookup: PolicyLookup): PrincipalOutline {
  const found = userOrRole(principalArn, iam);
  if (!found) throw new UnknownPrincipalError(principalArn, 'InvalidInput', 'is not an IAM user or role ARN');
  const { accountId } = found;
  const document = (id: string, _name: string, source: PolicySource) => ({ id, document: lookup.document(id, source, 'IDENTITY') });
  const listed = found.user
    ? userPolicies(found.user, accountId, iam[accountId], lookup, document, [])
    : rolePolicies(found.role!, accountId, lookup, document, []);
  const entity = found.user ?? found.role!;
  const boundary = boundaryOf(entity.permissionsBoundaryArn, accountId, lookup, document, []);
  return {
    kind: found.user ? 'user' : 'role-session',
    accountId,
    identity: found.user ? userIdentity(found.user, accountId) : roleIdentity(found.role!, found.partition, accountId, DEFAULT_SESSION_NAME),
    serviceLinked: found.role !== undefined && found.role.path.startsWith(SERVICE_LINKED_PATH),
    identityDocuments: dedupe(listed).map((policy) => policy.document),
    ...(boundary ? { boundaryDocument: boundary.document } : {}),
  };
}

/** Makes the policy a resolution lists: a compiled policy (resolvePrincipal), or only its document (outlinePrincipal). */
type PolicyMaker<T> = (id: string, name: string, document: PolicySource) => T;

function userIdentity(user: IamUser, accountId: string): PrincipalIdentity {
  return { accountId, userArn: user.arn, uniqueId: user.userId, hasPermissionsBoundary: user.permissionsBoundaryArn !== undefined };
}

function roleIdentity(role: IamRole, partition: string, accountId: string, sessionName: string): PrincipalIdentity {
  const sessionArn = `arn:${partition}:sts::${accountId}:assumed-role/${role.name}/${sessionName}`;
  return { accountId, roleArn: role.arn, sessionArn, uniqueId: role.roleId, hasPermissionsBoundary: role.permissionsBoundaryArn !== undefined };
}

/** A user's identity-based policies in evaluation order: inline, attached, then each group's inline and attached. */
function userPolicies<T>(user: IamUser, accountId: string, accountIam: AccountIam, lookup: PolicyLookup, make: PolicyMaker<T>, notes: string[]): T[] {
  const policies: T[] = [];
  for (const inline of user.inlinePolicies) policies.push(make(`user/${user.name}/inline/${inline.name}`, inline.name, inline.document));
  policies.push(...managedPolicies(user.attachedPolicyArns, accountId, lookup, make, notes));
  for (const groupName of user.groups) {
    const group = accountIam.groups.find((candidate) => candidate.name === groupName);
    if (!group) {
      notes.push(`group ${groupName} is not in the world: ignored`);
      continue;
    }
    for (const inline of group.inlinePolicies) policies.push(make(`group/${group.name}/inline/${inline.name}`, inline.name, inline.document));
    policies.push(...managedPolicies(group.attachedPolicyArns, accountId, lookup, make, notes));
  }
  return policies;
}

/** A role's identity-based policies in evaluation order: inline, then attached. */
function rolePolicies<T>(role: IamRole, accountId: string, lookup: PolicyLookup, make: PolicyMaker<T>, notes: string[]): T[] {
  const policies: T[] = [];
  for (const inline of role.inlinePolicies) policies.push(make(`role/${role.name}/inline/${inline.name}`, inline.name, inline.document));
  policies.push(...managedPolicies(role.attachedPolicyArns, accountId, lookup, make, notes));
  return policies;
}

function entry(key: string, value: string): ContextEntry {
  return { key, values: [value], type: 'string' };
}

function commonContext(accountId: string, principalArn: string, principalType: string, userId: string, org: OrgIndex, tags: readonly Tag[]): ContextEntry[] {
  // The entries every principal of an account has alike are made once per account and shared (read-only, like every
  // context entry): a large design's access graph resolves tens of thousands of principals, 5 of whose 7 entries
  // would otherwise be copies.
  const shared = accountEntries(accountId, principalType, org);
  const result: ContextEntry[] = [entry('aws:PrincipalArn', principalArn), shared[0], shared[1], entry('aws:userid', userId)];
  for (let i = 2; i < shared.length; i++) result.push(shared[i]);
  for (const tag of tags) result.push(entry(`aws:PrincipalTag/${tag.key}`, tag.value));
  // Kept by every resolved principal: an exact-size copy rather than the array the pushes grew (room for 23 entries).
  return result.slice();
}

const sharedEntries = new WeakMap<OrgIndex, Map<string, readonly ContextEntry[]>>();

/**
 * aws:PrincipalAccount, aws:PrincipalType, aws:PrincipalIsAWSService and, in an organization, aws:PrincipalOrgID and
 * (in this one) aws:PrincipalOrgPaths of a principal of the account, in that order: one list per account and principal type.
 */
function accountEntries(accountId: string, principalType: string, org: OrgIndex): readonly ContextEntry[] {
  let byAccount = sharedEntries.get(org);
  if (byAccount === undefined) {
    byAccount = new Map();
    sharedEntries.set(org, byAccount);
  }
  const key = `${principalType}:${accountId}`;
  let entries = byAccount.get(key);
  if (entries === undefined) {
    const list: ContextEntry[] = [
      entry('aws:PrincipalAccount', accountId),
      entry('aws:PrincipalType', principalType),
      { key: 'aws:PrincipalIsAWSService', values: ['false'], type: 'boolean' },
    ];
    // Another organization's principals carry its id; its paths are not known here (the world holds only this tree).
    const organization = org.organizationOf(accountId);
    if (organization) {
      list.push(entry('aws:PrincipalOrgID', organization.id));
      if (organization.orgPath !== undefined) list.push({ key: 'aws:PrincipalOrgPaths', values: [organization.orgPath], type: 'stringList' });
    }
    entries = list;
    byAccount.set(key, entries);
  }
  return entries;
}

function managedPolicies<T>(arns: readonly string[], accountId: string, lookup: PolicyLookup, make: PolicyMaker<T>, notes: string[]): T[] {
  const result: T[] = [];
  for (const arn of arns) {
    const managed = lookup.findManaged(arn, accountId);
    if (managed) result.push(make(arn, managed.name, managed.document));
    else notes.push(`managed policy ${arn} is not in the world: ignored`);
  }
  return result;
}

function boundaryFields(arn: string | undefined, accountId: string, lookup: PolicyLookup, notes: string[]): { boundary?: CompiledPolicy; boundarySet?: PolicySet; boundaryNote?: string } {
  const boundary = boundaryOf(arn, accountId, lookup, compilerOf(lookup), notes);
  return boundary ? { boundary, boundarySet: sharedPolicySet([boundary]), boundaryNote: `permissions boundary ${boundary.name} (${boundary.id})` } : {};
}

function boundaryOf<T>(arn: string | undefined, accountId: string, lookup: PolicyLookup, make: PolicyMaker<T>, notes: string[]): T | undefined {
  if (!arn) return undefined;
  const managed = lookup.findManaged(arn, accountId);
  if (managed) return make(arn, managed.name, managed.document);
  // A boundary that cannot be read allows nothing: the safe reading of a boundary we cannot see.
  notes.push(`permissions boundary ${arn} is not in the world: treated as allowing nothing`);
  return make(arn, arn, { Version: '2012-10-17', Statement: [] });
}

/** The PolicyMaker of a resolution: each policy compiled and named. */
function compilerOf(lookup: PolicyLookup): PolicyMaker<CompiledPolicy> {
  return (id, name, document) => lookup.compile(id, name, document, 'IDENTITY');
}

function resolveUser(user: IamUser, accountId: string, accountIam: AccountIam, org: OrgIndex, lookup: PolicyLookup): ResolvedPrincipal {
  const notes: string[] = [];
  const policies = userPolicies(user, accountId, accountIam, lookup, compilerOf(lookup), notes);
  const derived = commonContext(accountId, user.arn, 'User', user.userId ?? user.name, org, user.tags);
  derived.push(entry('aws:username', user.name));
  return {
    kind: 'user',
    accountId,
    principalArn: user.arn,
    identity: userIdentity(user, accountId),
    serviceLinked: false,
    ...identityFields(dedupe(policies)),
    ...boundaryFields(user.permissionsBoundaryArn, accountId, lookup, notes),
    derivedContext: derived,
    notes,
  };
}

function resolveRoleSession(role: IamRole, partition: string, accountId: string, sessionName: string, org: OrgIndex, lookup: PolicyLookup): ResolvedPrincipal {
  const notes: string[] = [];
  const policies = rolePolicies(role, accountId, lookup, compilerOf(lookup), notes);
  // aws:userid of a role session is "ROLE-UNIQUE-ID:session-name"; without a RoleId the role name stands in.
  const derived = commonContext(accountId, role.arn, 'AssumedRole', `${role.roleId ?? role.name}:${sessionName}`, org, role.tags);
  return {
    kind: 'role-session',
    accountId,
    principalArn: role.arn,
    identity: roleIdentity(role, partition, accountId, sessionName),
    serviceLinked: role.path.startsWith(SERVICE_LINKED_PATH),
    ...identityFields(dedupe(policies)),
    ...boundaryFields(role.permissionsBoundaryArn, accountId, lookup, notes),
    derivedContext: derived,
    notes,
  };
}

function resolveRoot(principalArn: string, accountId: string, org: OrgIndex): ResolvedPrincipal {
  return {
    kind: 'root',
    accountId,
    principalArn,
    identity: { accountId },
    serviceLinked: false,
    ...identityFields([]),
    derivedContext: commonContext(accountId, principalArn, 'Account', accountId, org, []),
    notes: [],
  };
}

/** Policy sets by their policies, in order: a trie over the compiled policy objects. */
interface SetTrieNode {
  set?: PolicySet;
  next?: WeakMap<CompiledPolicy, SetTrieNode>;
}
const setTrie: SetTrieNode = {};

/**
 * One PolicySet per list of compiled policies: principals with the same policies (an administrator role in each of
 * 5,000 accounts) share it, and with it its per-action statement slices. A set holds nothing about who uses it.
 */
function sharedPolicySet(policies: readonly CompiledPolicy[]): PolicySet {
  let node = setTrie;
  for (const policy of policies) {
    node.next ??= new WeakMap();
    let child = node.next.get(policy);
    if (!child) {
      child = {};
      node.next.set(policy, child);
    }
    node = child;
  }
  node.set ??= new PolicySet([...policies]);
  return node.set;
}

function identityFields(policies: CompiledPolicy[]): { identityPolicies: CompiledPolicy[]; identitySet: PolicySet } {
  return { identityPolicies: policies, identitySet: sharedPolicySet(policies) };
}

/** A managed policy attached both to a user and to one of its groups is still one policy. */
function dedupe<T extends { id: string }>(policies: T[]): T[] {
  // Nothing attached twice (the usual case): an exact-size copy, kept by every resolved principal, instead of a
  // filtered list grown by pushes (room for 17 entries).
  if (new Set(policies.map((policy) => policy.id)).size === policies.length) return policies.slice();
  const seen = new Set<string>();
  return policies.filter((policy) => {
    if (seen.has(policy.id)) return false;
    seen.add(policy.id);
    return true;
  });
}
