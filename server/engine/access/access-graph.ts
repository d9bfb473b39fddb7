// The access graph of a design: every "P can assume R" edge the engine allows, with the conditions it needs.
// Scale comes from indexing, not from testing pairs: each role's trust policy is read once for the principals it
// names (accounts, ARNs, "*"), only those principals are candidates, and a candidate whose identity policies allow
// sts:AssumeRole nowhere is dropped before evaluation (unless the trust policy names it in its own account, where the
// trust policy alone can grant: reference_policies_evaluation-logic-cross-account.html and id_roles_terms-and-concepts.html).
// Chains are not stored: they are paths through these edges, found by the queries (access-queries.ts).
//
// After an edit, updateAccessGraph reuses every edge the edit cannot change: a changed trust policy recomputes the
// edges into its role, a changed principal (policies, boundary, tags, groups) the edges out of it; a change to the
// organization (SCPs, RCPs, the tree) recomputes everything.

import type { AccountIam, IamGroup, IamRole, IamUser, ManagedPolicy, World } from '../types';
import { compileWorld, type CompiledWorld } from '../world/compile-world';
import type { PrincipalIdentity } from '../world/compiled-types';
import { parseSessionArn } from '../world/principals';
import { AccessNodes } from './access-nodes';
import { assumeEdge, pushNonIamEdge } from './assume-edges';
import { classEdges, principalEdge, type ClassMemo, type GroupAnswers, type GroupSlot } from './class-edges';
import { principalGroupToken, resourceGroupToken } from './decision-signature';
import { EdgeStore, NodeNumbers } from './edge-store';
import { refreshExternalStandIns, withExternalStandIns, type StandIn } from './external-stand-ins';
import { identityCenterGraph, isIdentityCenterEdge } from './identity-center-edges';
import { identityMayAllow, identityMayNameAction, identitySketch, sketchMayAllowAction, type IdentitySketch } from './identity-prefilter';
import { PrincipalTable, type PrincipalEntry, type RoleView } from './principal-table';
import { accountOfPrincipal, trustPolicyShape, trustTargetsOf, type NonIamTarget, type TrustTargets } from './trust-targets';
import type { AccessNode, AssumeEdge } from './types';

/** The access graph of a world, with what updateAccessGraph needs to reuse it. */
export interface AccessGraph {
  /** The design's world, as given. */
  world: World;
  /** The world with stand-ins for outside principals (what `compiled` was compiled from). */
  extended: World;
  /** The world with stand-ins for outside principals, compiled: evaluate requests of the graph against this one. */
  compiled: CompiledWorld;
  /** Every node by id. */
  nodes: ReadonlyMap<string, AccessNode>;
  /** Edges into each role, by role ARN (stored compactly; each read builds the edge objects). */
  incoming: EdgeStore;
  /** Stand-ins for outside principals, by ARN. */
  standIns: ReadonlyMap<string, StandIn>;
  /** Figures for benchmarks and the UI. */
  stats: AccessGraphStats;
  /** Internal indexes reused by updates and queries. */
  readonly index: GraphIndex;
}

/** Counts describing how a graph was computed. */
export interface AccessGraphStats {
  /** Roles whose incoming edges were computed (all of them for a full build). */
  rolesComputed: number;
  /** (principal, role) pairs the trust index proposed. */
  candidatePairs: number;
  /** Pairs evaluated by the engine (after dropping principals that may assume nothing). */
  evaluations: number;
  /** Edges in the graph. */
  edges: number;
  /** True when the graph was rebuilt from scratch. */
  full: boolean;
}

/** Lookup structures of a graph (principals by account and ARN, roles, which roles trust what). */
export interface GraphIndex {
  /** IAM principals (users and roles, stand-ins included) by node number (nodeNumbers holds their ARNs). */
  principals: PrincipalTable;
  /** Roles by ARN: a view of `principals`. */
  roles: RoleView;
  /**
   * Roles by account and name (assumed-role session ARNs name the role without its path). Made when a trust policy
   * first names a session, then kept up to date: few designs name sessions, and 100,000 keys cost memory and time.
   */
  rolesByName?: Map<string, IamRole>;
  /** Roles whose trust policy names the account, by account. */
  trustingAccount: Map<string, Set<string>>;
  /** Roles whose trust policy names the ARN, by ARN. */
  trustingArn: Map<string, Set<string>>;
  /** Roles whose trust policy names "*". */
  trustingAnyone: Set<string>;
  /** Whether a principal's identity policies may allow sts:AssumeRole at all, by ARN (filled lazily). */
  mayAssume: Map<string, boolean>;
  /** Targets of the IAM Identity Center edges in the graph (replaced as a whole when the model changes). */
  identityCenterTargets: Set<string>;
  /** Classes by account. */
  classesByAccount: Map<string, PrincipalClass[]>;
  /** Classes that may assume some role (for "*" trust policies); undefined until first needed. */
  assumerClasses?: PrincipalClass[];
  /** Edge templates by decision signature, shared by every class and role that asks the same question. */
  memo: ClassMemo;
  /** Node numbers shared with the edge store (principals are numbered as they are indexed). */
  nodeNumbers: NodeNumbers;
  /** Numbers of the classes' principalGroupTokens (classGroupToken), made on first use. */
  groupTokens?: Map<string, number>;
}

/**
 * Principals of one account that evaluate() cannot tell apart unless a policy names one of them or reads its ARN:
 * same kind, attached and inline policy texts, groups, boundary, tags and service-linked path. The graph asks the
 * engine once per class (and, through decision signatures, once per class of equivalent questions).
 */
export interface PrincipalClass {
  /** The account of every member. */
  accountId: string;
  /** True for roles (their sessions chain). */
  isRole: boolean;
  /** The first member (every member has its policies, boundary and tags). */
  entity: IamRole | IamUser;
  /**
   * The members' node numbers (NodeNumbers of the graph's edge store), in the account's order; their ARNs are read from
   * the index's PrincipalTable (arnAt), not kept in a second array per class.
   */
  numbers: number[];
  /** Whether the members' identity policies may allow sts:AssumeRole at all (filled lazily). */
  mayAssume?: boolean;
  /** True when some member has a unique id (AROA..., AIDA...) a trust policy could name it by. */
  hasUniqueIds: boolean;
  /** The members' identity policies sketched (filled when the graph or who-can's pre-filter first needs them). */
  identitySketch?: IdentitySketch;
  /** The number of what decision signatures read of the members besides their identity (classGroupToken), once asked. */
  groupToken?: number;
  /** The last walk of edgesInto over several class lists that met the class (0: none), so that each takes it once. */
  visit: number;
  /**
   * The first member's identity (classIdentity), made on first use and kept like groupToken: an update rebuilds the
   * classes of the accounts it changes, and the others' members are the same. The graph matches it once per role the
   * class may enter, and resolves the member in full only for the few questions no earlier answer settles.
   */
  identity: PrincipalIdentity | undefined;
}

/** Build the access graph of a world. Pass the previous graph's compiled world to reuse compiled policies. */
export function buildAccessGraph(world: World, previousCompiled?: CompiledWorld): AccessGraph {
  const { world: extended, standIns } = withExternalStandIns(world);
  const compiled = compileWorld(extended, previousCompiled);
  const { index, roleTargets } = buildIndex(extended);
  // The roles by node number (the edge store's, shared with the index): each role's edges are stored by its number.
  const roleNumbers = index.principals.roleNumbers();
  const nodes = new AccessNodes(index.principals, standIns, membership(compiled));
  // Indexed loops over the 100,000 roles: this function runs once per build, and its for-of loops left an iterator
  // result per role for the collector.
  for (let i = 0; i < roleNumbers.length; i++) addNonIamNodes(nodes.others, compiled, roleTargets[i]);
  const stats: AccessGraphStats = { rolesComputed: 0, candidatePairs: 0, evaluations: 0, edges: 0, full: true };
  const incoming = new EdgeStore(index.nodeNumbers);
  // Kept for this build only: an update recomputes a handful of roles, each on its own.
  const groups = new RoleGroups(compiled, index);
  for (let i = 0; i < roleNumbers.length; i++) {
    const role = index.principals.entityAt(roleNumbers[i]) as IamRole;
    if (standIns.has(role.arn)) continue;
    edgesInto(compiled, extended, index, role, stats, nodes.others, incoming, groups, roleNumbers[i], roleTargets[i]);
  }
  applyIdentityCenter(world, compiled, nodes, incoming, index, false);
  stats.edges = incoming.edgeCount;
  return { world, extended, compiled, nodes, incoming, standIns, stats, index };
}

/**
 * The graph of `world`, reusing `previous` where the edit between them cannot change an edge. `previous` is consumed:
 * its indexes and edge lists are patched in place (a 100,000-role graph is too big to copy per edit), so only the
 * returned graph may be used afterwards. Falls back to a full build when the organization half changed (SCPs, RCPs,
 * attachments, the tree) or the set of outside principals changed.
 */
export function updateAccessGraph(previous: AccessGraph, world: World): AccessGraph {
  if (!sameOrganization(previous.world, world)) return buildAccessGraph(world, previous.compiled);
  const changes = diffIam(previous.world, world);
  // One edit touches one account: its trust policies name the same outsiders as before, and the compiled world keeps
  // every other account's principals (compileWorld's changedIamAccounts).
  const { world: extended, standIns } = refreshExternalStandIns(previous, world, changes.touched) ?? withExternalStandIns(world);
  if (!sameKeys(standIns, previous.standIns)) return buildAccessGraph(world, previous.compiled);
  // The previous graph (and so its compiled world, which no one else holds) is consumed: its lookups are handed over.
  const compiled = compileWorld(extended, previous.compiled, changes.touched, true);
  const index = previous.index;
  // Principal nodes follow the index; the services, identity providers and Identity Center nodes are handed over.
  const nodes = new AccessNodes(index.principals, standIns, membership(compiled), (previous.nodes as AccessNodes).others);
  const incoming = previous.incoming;

  // Patch the index account by account; roles and principals of untouched accounts keep their entries.
  for (const accountId of changes.accounts) {
    const before = previous.extended.iam[accountId];
    if (before) removeAccountFromIndex(index, accountId, before);
    const after = extended.iam[accountId];
    if (after) {
      addAccountToIndex(index, accountId, after);
      for (const role of after.roles) {
        const targets = trustTargetsOf(role);
        indexTrust(index, role, targets);
        addNonIamNodes(nodes.others, compiled, targets);
      }
    }
  }
  for (const arn of changes.principals) index.mayAssume.delete(arn);
  index.assumerClasses = undefined;

  const stats: AccessGraphStats = { rolesComputed: 0, candidatePairs: 0, evaluations: 0, edges: 0, full: false };
  for (const arn of changes.trusts) {
    const role = index.principals.role(arn);
    if (!role) incoming.delete(arn);
    else if (!standIns.has(arn)) edgesInto(compiled, extended, index, role, stats, nodes.others, incoming);
  }
  // Edges out of changed principals, into roles whose trust was not recomputed above: drop the old ones (the principal
  // may have lost access or disappeared), then evaluate the roles that could let it in.
  for (const principalArn of changes.principals) {
    for (const roleArn of [...incoming.keys()]) {
      if (changes.trusts.has(roleArn) || !incoming.hasEdgeFrom(roleArn, principalArn)) continue;
      incoming.open();
      incoming.pushExistingExcept(roleArn, principalArn);
      incoming.close(roleArn);
    }
    const principal = index.principals.get(principalArn);
    if (!principal) continue;
    for (const roleArn of rolesTrusting(index, principal)) {
      if (changes.trusts.has(roleArn) || standIns.has(roleArn) || roleArn === principalArn) continue;
      const role = index.principals.role(roleArn);
      if (!role) continue;
      stats.candidatePairs += 1;
      if (!mayBeCandidate(extended, index, principal, role)) continue;
      incoming.open();
      incoming.pushExisting(roleArn);
      stats.evaluations += namedPrincipalEdges(compiled, index, principal, role, incoming);
      incoming.close(roleArn);
    }
  }
  if (previous.world.identityCenter || world.identityCenter) applyIdentityCenter(world, compiled, nodes, incoming, index, true);
  stats.edges = incoming.edgeCount;
  // The previous graph must not be used any more: make misuse loud rather than subtly wrong.
  (previous as { incoming: EdgeStore }).incoming = CONSUMED;
  return { world, extended, compiled, nodes, incoming, standIns, stats, index };
}

const CONSUMED = new Proxy(new EdgeStore(), {
  get() {
    throw new Error('This access graph was consumed by updateAccessGraph: use the graph it returned.');
  },
});

/** Edges out of a node, indexed on first use. */
export function outgoingEdges(graph: AccessGraph, nodeId: string): readonly AssumeEdge[] {
  return graph.incoming.outgoing(nodeId);
}

/** Every edge of the graph. */
export function allEdges(graph: AccessGraph): AssumeEdge[] {
  return graph.incoming.allEdges();
}

/**
 * The index of a world, and each role's trust targets in roles() order (the order of roleNumbers()): a full build reads
 * them three times per role, and a lookup by the policy's text compares the whole text with the cached key's, since
 * every role holds its own copy of its text (100,000 texts in a large design).
 */
function buildIndex(world: World): { index: GraphIndex; roleTargets: TrustTargets[] } {
  const nodeNumbers = new NodeNumbers();
  const principals = new PrincipalTable(nodeNumbers);
  const index: GraphIndex = {
    principals, roles: principals.roleView,
    trustingAccount: new Map(), trustingArn: new Map(), trustingAnyone: new Set(), mayAssume: new Map(),
    classesByAccount: new Map(), memo: new Map(), identityCenterTargets: new Set(), nodeNumbers,
  };
  for (const [accountId, iam] of Object.entries(world.iam)) addAccountToIndex(index, accountId, iam);
  // Trust values naming assumed-role sessions resolve to roles once every role is known.
  const roles = index.principals.roles();
  const roleTargets: TrustTargets[] = [];
  for (let i = 0; i < roles.length; i++) {
    const targets = trustTargetsOf(roles[i]);
    roleTargets.push(targets);
    indexTrust(index, roles[i], targets);
  }
  return { index, roleTargets };
}

function addAccountToIndex(index: GraphIndex, accountId: string, iam: AccountIam): void {
  for (const role of iam.roles) index.rolesByName?.set(`${accountId}/${role.name}`, role);
  const classes = new Map<string, PrincipalClass>();
  const texts = new Map<string, number>();
  const place = (entity: IamRole | IamUser, isRole: boolean) => {
    const key = classKey(entity, isRole, texts);
    let principalClass = classes.get(key);
    // Numbered here, users then roles, account by account: the order the graph walks its roles in (PrincipalTable.roles).
    const number = index.principals.add(accountId, entity, isRole);
    if (!principalClass) {
      // Made with their first member rather than empty: V8 gives an array its first push room for 17 entries, and
      // most classes (each application role of a large design) keep one member: 80,000 classes, about 20 MB.
      // Every field set here, the lazy ones too: 80,000 classes then share one layout, without a second properties
      // store for the fields filled later. The class key is not kept (classKey's map is dropped after indexing).
      principalClass = {
        accountId, isRole, entity, numbers: [number], mayAssume: undefined, hasUniqueIds: false, identitySketch: undefined,
        groupToken: undefined, visit: 0, identity: undefined,
      };
      classes.set(key, principalClass);
    } else {
      principalClass.numbers.push(number);
    }
    const uniqueId = isRole ? (entity as IamRole).roleId : (entity as IamUser).userId;
    if (uniqueId !== undefined && uniqueId !== '') principalClass.hasUniqueIds = true;
  };
  for (const user of iam.users) place(user, false);
  for (const role of iam.roles) place(role, true);
  index.classesByAccount.set(accountId, [...classes.values()]);
}

/** What evaluate() reads of a principal besides its ARN and unique id (texts numbered per account to keep keys short). */
function classKey(entity: IamRole | IamUser, isRole: boolean, texts: Map<string, number>): string {
  const textId = (text: string) => {
    let id = texts.get(text);
    if (id === undefined) {
      id = texts.size;
      texts.set(text, id);
    }
    return id;
  };
  // Built by concatenation, not by joining a list of parts: asked for each of 100,000 principals.
  let key = isRole ? 'role|' : 'user|';
  if (isRole && (entity as IamRole).path.startsWith('/aws-service-role/')) key += 'sl';
  key += `|${entity.permissionsBoundaryArn ?? ''}|${entity.attachedPolicyArns.join(',')}|`;
  for (let i = 0; i < entity.inlinePolicies.length; i++) key += `${i === 0 ? '' : ','}${textId(documentText(entity.inlinePolicies[i].document))}`;
  key += `|${entity.tags.length === 0 ? '' : textId(JSON.stringify(entity.tags))}|${'groups' in entity ? entity.groups.join(',') : ''}`;
  return key;
}

function removeAccountFromIndex(index: GraphIndex, accountId: string, iam: AccountIam): void {
  for (const user of iam.users) index.principals.remove(user.arn);
  for (const role of iam.roles) {
    index.principals.remove(role.arn);
    index.rolesByName?.delete(`${accountId}/${role.name}`);
    unindexTrust(index, role);
  }
  index.classesByAccount.delete(accountId);
  index.assumerClasses = undefined;
}

function indexTrust(index: GraphIndex, role: IamRole, targets: TrustTargets): void {
  // Indexed loops (asked for each of 100,000 roles): a for-of left iterator results until the function was optimized.
  for (let i = 0; i < targets.accounts.length; i++) addTo(index.trustingAccount, targets.accounts[i], role.arn);
  for (let i = 0; i < targets.arns.length; i++) addTo(index.trustingArn, principalArnOf(index, targets.arns[i]) ?? targets.arns[i], role.arn);
  if (targets.wildcard) {
    if (targets.wildcardAccounts) for (const account of targets.wildcardAccounts) addTo(index.trustingAccount, account, role.arn);
    else index.trustingAnyone.add(role.arn);
  }
}

function unindexTrust(index: GraphIndex, role: IamRole): void {
  const targets = trustTargetsOf(role);
  for (const account of [...targets.accounts, ...(targets.wildcardAccounts ?? [])]) index.trustingAccount.get(account)?.delete(role.arn);
  for (const arn of targets.arns) index.trustingArn.get(principalArnOf(index, arn) ?? arn)?.delete(role.arn);
  index.trustingAnyone.delete(role.arn);
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** The principal ARN a trust value names: itself, or for an assumed-role session ARN its role's ARN (with path). */
function principalArnOf(index: GraphIndex, value: string): string | undefined {
  const session = parseSessionArn(value);
  return session ? rolesByName(index).get(`${session.accountId}/${session.roleName}`)?.arn : value;
}

/** The graph's role an assumed-role session ARN names, with the session's name; undefined for any other value. */
export function namedRoleSession(graph: AccessGraph, value: string): { roleArn: string; sessionName: string } | undefined {
  const session = parseSessionArn(value);
  const role = session && rolesByName(graph.index).get(`${session.accountId}/${session.roleName}`);
  return role ? { roleArn: role.arn, sessionName: session.sessionName } : undefined;
}

/** The index's roles by account and name, made on first use. */
function rolesByName(index: GraphIndex): Map<string, IamRole> {
  if (!index.rolesByName) {
    index.rolesByName = new Map();
    for (const role of index.principals.roles()) index.rolesByName.set(`${index.principals.get(role.arn)!.accountId}/${role.name}`, role);
  }
  return index.rolesByName;
}

/** Roles whose trust policy could let the principal in (by ARN, by account, or "*"). */
function rolesTrusting(index: GraphIndex, principal: PrincipalEntry): Set<string> {
  const roles = new Set<string>(index.trustingAnyone);
  for (const arn of index.trustingArn.get(principal.arn) ?? []) roles.add(arn);
  for (const arn of index.trustingAccount.get(principal.accountId) ?? []) roles.add(arn);
  return roles;
}

/**
 * The edges into one role: candidates from its trust policy, each decided by the engine. Principals the trust
 * policy names one by one are evaluated one by one; the others come by class (every principal of a named account, or
 * every class that may assume anything for "*"), and a class is decided once (class-edges.ts).
 */
function edgesInto(
  compiled: CompiledWorld, world: World, index: GraphIndex, role: IamRole, stats: AccessGraphStats, nonIamNodes: ReadonlyMap<string, AccessNode>, edges: EdgeStore,
  groups?: RoleGroups, roleNumber = index.principals.numberOf(role.arn)!, targets = trustTargetsOf(role),
): void {
  stats.rolesComputed += 1;
  if (targets.accounts.length === 0 && targets.arns.length === 0 && !targets.wildcard) {
    // Trusted by AWS services or identity providers only (70,000 of the 100,000 roles of a large design): no IAM
    // principal is a candidate, so no candidate sets are built.
    edges.open();
    pushNonIamEdges(compiled, targets, role, nonIamNodes, edges);
    edges.closeNumbered(roleNumber);
    return;
  }
  // Most trust policies name accounts only: no set of their own.
  const named: Set<string> = targets.arns.length === 0 ? NAMED_NONE : new Set();
  for (const value of targets.arns) {
    const arn = principalArnOf(index, value);
    if (arn && index.principals.has(arn) && arn !== role.arn) named.add(arn);
  }
  // The candidate classes, as lists to walk in order (a class in two of them is taken once, where first met): no
  // set of classes per role, which for the 30,000 roles trusting an account would copy each account's class list.
  const sources: (readonly PrincipalClass[])[] = [];
  for (const account of targets.accounts) pushSource(sources, index.classesByAccount.get(account));
  if (targets.wildcard && targets.wildcardAccounts) for (const account of targets.wildcardAccounts) pushSource(sources, index.classesByAccount.get(account));
  if (targets.wildcard && !targets.wildcardAccounts) pushSource(sources, assumerClassesOf(index, world));
  // "*" names every principal directly, so in the role's own account it grants without any identity permission
  // (sts AssumeRole API reference, "Permissions"): those classes are candidates whatever their policies say.
  const roleAccount = accountOfPrincipal(role.arn) ?? '';
  const wildcardHere = wildcardGrantsIn(targets, roleAccount);
  if (wildcardHere) pushSource(sources, index.classesByAccount.get(roleAccount));

  // Roles alike from the resource side share each class's (and named principal's) answer (class-edges.ts, GroupAnswers).
  const group = groups && (sources.length > 0 || named.size > 0) ? groups.slotFor(role, roleAccount) : undefined;
  edges.open();
  for (const arn of named) {
    const principal = index.principals.get(arn)!;
    stats.candidatePairs += 1;
    if (!mayBeCandidate(world, index, principal, role)) continue;
    if (group) groups!.selectPrincipal(group, arn, principal.accountId === roleAccount);
    stats.evaluations += namedPrincipalEdges(compiled, index, principal, role, edges, group);
  }
  let trustText: string | undefined;
  const visit = sources.length > 1 ? ++visitCount : 0;
  // Indexed loops: the walk takes 600,000 classes in a full build, and a for-of here left an iterator result each.
  for (let sourceIndex = 0; sourceIndex < sources.length; sourceIndex++) {
    const classes = sources[sourceIndex];
    for (let classIndex = 0; classIndex < classes.length; classIndex++) {
      const principalClass = classes[classIndex];
      if (visit !== 0) {
        if (principalClass.visit === visit) continue;
        principalClass.visit = visit;
      }
      if (!(wildcardHere && principalClass.accountId === roleAccount) && !classMayAssume(world, index, principalClass)) {
        stats.candidatePairs += principalClass.numbers.length;
        continue;
      }
      // The role itself, and principals the trust policy names (by ARN or unique id), are decided one by one above.
      const filter = principalClass.accountId === roleAccount || named.size > 0 || principalClass.hasUniqueIds;
      trustText ??= filter ? documentText(role.trustPolicy) : undefined;
      let numbers = principalClass.numbers;
      if (filter) {
        numbers = [];
        for (let i = 0; i < principalClass.numbers.length; i++) {
          const number = principalClass.numbers[i];
          const entity = index.principals.entityAt(number)!;
          if (entity.arn === role.arn || named.has(entity.arn) || namesUniqueId(trustText!, entity, principalClass.isRole)) continue;
          numbers.push(number);
        }
      }
      stats.candidatePairs += numbers.length;
      if (numbers.length === 0) continue;
      if (group) groups!.select(group, principalClass, principalClass.accountId === roleAccount);
      // The class's identity stands for its first member; a filtered list starting elsewhere is resolved by classEdges.
      const identity = numbers[0] === principalClass.numbers[0] ? classIdentity(compiled, index, principalClass) : undefined;
      stats.evaluations += classEdges(compiled, index.memo, principalClass.isRole, index.principals, numbers, role, edges, group, identity);
    }
  }
  pushNonIamEdges(compiled, targets, role, nonIamNodes, edges);
  edges.closeNumbered(roleNumber);
}

/**
 * The edge from a principal the trust policy names (principalEdge). A role that gets none as any of its sessions may
 * still get one per session the trust policy names by name (arn:aws:sts::ACCOUNT:assumed-role/ROLE/NAME), made by a
 * session of that name. Returns the number of engine evaluations.
 */
function namedPrincipalEdges(
  compiled: CompiledWorld, index: GraphIndex, principal: PrincipalEntry, role: IamRole, edges: EdgeStore, group?: GroupSlot,
): number {
  const before = edges.pendingCount;
  let evaluations = principalEdge(compiled, index.memo, principal.arn, principal.isRole, role, edges, group);
  if (!principal.isRole || edges.pendingCount !== before) return evaluations;
  const names: string[] = [];
  for (const value of trustTargetsOf(role).arns) {
    const name = parseSessionArn(value)?.sessionName;
    if (name !== undefined && !names.includes(name) && principalArnOf(index, value) === principal.arn) names.push(name);
  }
  for (const name of names) {
    const edge = assumeEdge(compiled, principal.arn, true, role, name);
    evaluations += 1;
    if (edge) edges.pushEdge(edge);
  }
  return evaluations;
}

/** The principals named by a trust policy that names no ARN (never added to). */
const NAMED_NONE: Set<string> = new Set();

/** Numbers the walks of edgesInto over several class lists (PrincipalClass.visit). */
let visitCount = 0;

function pushSource(sources: (readonly PrincipalClass[])[], classes: readonly PrincipalClass[] | undefined): void {
  if (classes !== undefined && classes.length > 0) sources.push(classes);
}

/**
 * Groups of roles alike from the resource side (same trust policy text, same RCP chain and tags: decision-signature.ts,
 * resourceGroupToken) and of classes alike from the principal side (same policies, SCP chain and tags:
 * principalGroupToken), numbered, and each class group's answers per role group (class-edges.ts, GroupAnswers).
 */
class RoleGroups {
  private readonly roleGroups = new Map<string, number>();
  private readonly trustTexts = new Map<string, number>();
  /** By class group number (classGroupToken). */
  private readonly classGroups: GroupAnswers[] = [];
  /** By principal ARN, for principals a trust policy names. */
  private readonly principals = new Map<string, GroupAnswers>();

  constructor(private readonly compiled: CompiledWorld, private readonly index: GraphIndex) {}

  /** A slot for the role's group (its answers and slot are set per class by select). */
  slotFor(role: IamRole, roleAccount: string): GroupSlot & { group: number } {
    // Trust policies by shape (the principals they name left out: each role's own policy is read per caller when its
    // answer is looked up, class-edges.ts matchKey), numbered: 30,000 tokens holding a whole policy each would be
    // megabytes of garbage.
    const shape = trustPolicyShape(documentText(role.trustPolicy));
    let textNumber = this.trustTexts.get(shape);
    if (textNumber === undefined) {
      textNumber = this.trustTexts.size;
      this.trustTexts.set(shape, textNumber);
    }
    const token = resourceGroupToken(this.compiled, roleAccount, textNumber, role.arn);
    let group = this.roleGroups.get(token);
    if (group === undefined) {
      group = this.roleGroups.size;
      this.roleGroups.set(token, group);
    }
    return { group, answers: EMPTY_ANSWERS, slot: 0, trust: undefined };
  }

  /** Point the slot at a named principal's own answers for the role's group, on the side of the role's own account or not. */
  selectPrincipal(slot: GroupSlot & { group: number }, arn: string, sameAccount: boolean): void {
    let answers = this.principals.get(arn);
    if (!answers) {
      answers = new Map();
      this.principals.set(arn, answers);
    }
    slot.answers = answers;
    slot.slot = slot.group * 2 + (sameAccount ? 1 : 0);
  }

  /** Point the slot at the class's group's answers for the role's group, on the side of the role's own account or not. */
  select(slot: GroupSlot & { group: number }, principalClass: PrincipalClass, sameAccount: boolean): void {
    const token = principalClass.groupToken ?? classGroupToken(this.compiled, this.index, principalClass);
    slot.answers = this.classGroups[token] ??= new Map();
    slot.slot = slot.group * 2 + (sameAccount ? 1 : 0);
  }
}

const EMPTY_ANSWERS: GroupAnswers = new Map();

/** The edges from the services, then the identity providers, the trust policy names (onto the open segment). */
function pushNonIamEdges(compiled: CompiledWorld, targets: TrustTargets, role: IamRole, nodes: ReadonlyMap<string, AccessNode>, edges: EdgeStore): void {
  for (const target of targets.services) {
    const nodeId = nonIamTargetNodeId(target, 'service');
    if (nodes.has(nodeId)) pushNonIamEdge(compiled, edges, nodeId, role, target);
  }
  for (const target of targets.federated) {
    const nodeId = nonIamTargetNodeId(target, 'federated');
    if (nodes.has(nodeId)) pushNonIamEdge(compiled, edges, nodeId, role, target);
  }
}

// Node ids by target: trust targets are shared by every role with the same trust text, so 60,000 roles trusting
// lambda.amazonaws.com look up one id instead of building and hashing a new string each.
const targetNodeIds = new WeakMap<NonIamTarget, string>();

function nonIamTargetNodeId(target: NonIamTarget, kind: 'service' | 'federated'): string {
  let id = targetNodeIds.get(target);
  if (id === undefined) {
    id = nonIamNodeId(target.value, kind);
    targetNodeIds.set(target, id);
  }
  return id;
}

/** True when the trust policy names the principal by its unique id (AROA..., AIDA...): it then goes one by one. */
function namesUniqueId(trustText: string, entity: IamRole | IamUser, isRole: boolean): boolean {
  const uniqueId = isRole ? (entity as IamRole).roleId : (entity as IamUser).userId;
  return uniqueId !== undefined && uniqueId !== '' && trustText.includes(uniqueId);
}

/**
 * Whether the class's identity policies may allow sts:AssumeRole: the graph needs it for (nearly) every class when
 * some trust policy names "*". A class whose policy texts cannot name the action is answered by a scan of its texts
 * (identityMayNameAction, as mayAssume reads named principals); the others by their identity sketch, which who-can's
 * pre-filter reads too, so each of those texts is parsed once for both.
 */
function classMayAssume(world: World, index: GraphIndex, principalClass: PrincipalClass): boolean {
  principalClass.mayAssume ??= identityMayNameAction(world.iam[principalClass.accountId], principalClass.entity, 'sts:assumerole')
    && sketchMayAllowAction(classIdentitySketch(world, index, principalClass), 'sts:assumerole');
  return principalClass.mayAssume;
}

/** The class's identity policies sketched (every member has the same ones), made on first use and kept. */
export function classIdentitySketch(world: World, index: GraphIndex, principalClass: PrincipalClass): IdentitySketch {
  if (principalClass.identitySketch === undefined) principalClass.identitySketch = identitySketch(world.iam[principalClass.accountId], principalClass.entity);
  return principalClass.identitySketch;
}

/**
 * The class's principalGroupToken (its members share it) as a number, equal for equal tokens: made on first use and
 * kept (a number per class rather than a string: 80,000 classes).
 */
export function classGroupToken(compiled: CompiledWorld, index: GraphIndex, principalClass: PrincipalClass): number {
  if (principalClass.groupToken === undefined) {
    const tags = principalClass.entity.tags.length === 0 ? '' : JSON.stringify(principalClass.entity.tags);
    const outline = compiled.principalOutline(index.principals.arnAt(principalClass.numbers[0]));
    principalClass.identity ??= outline.identity;
    const token = principalGroupToken(compiled, outline, tags);
    index.groupTokens ??= new Map();
    let number = index.groupTokens.get(token);
    if (number === undefined) {
      number = index.groupTokens.size;
      index.groupTokens.set(token, number);
    }
    principalClass.groupToken = number;
  }
  return principalClass.groupToken;
}

/** The class's first member's identity, kept on the class for the next role or question it is asked about. */
export function classIdentity(compiled: CompiledWorld, index: GraphIndex, principalClass: PrincipalClass): PrincipalIdentity {
  principalClass.identity ??= compiled.principalOutline(index.principals.arnAt(principalClass.numbers[0])).identity;
  return principalClass.identity;
}

/** Classes whose identity policies may allow sts:AssumeRole: the candidates of a trust policy naming "*". */
function assumerClassesOf(index: GraphIndex, world: World): PrincipalClass[] {
  if (!index.assumerClasses) {
    index.assumerClasses = [];
    for (const classes of index.classesByAccount.values()) {
      for (const principalClass of classes) if (classMayAssume(world, index, principalClass)) index.assumerClasses.push(principalClass);
    }
  }
  return index.assumerClasses;
}

/**
 * False when the principal cannot assume the role whatever the context: its identity policies allow sts:AssumeRole
 * on nothing, and the trust policy does not name it, or "*", in its own account (the cases where the trust policy
 * alone grants). The root user never assumes roles.
 */
function mayBeCandidate(world: World, index: GraphIndex, principal: PrincipalEntry, role: IamRole): boolean {
  const roleAccount = accountOfPrincipal(role.arn);
  if (roleAccount === principal.accountId) {
    const targets = trustTargetsOf(role);
    // Naming the principal (or, for a role, one of its sessions) grants within the account without identity permission.
    if (targets.arns.some((value) => principalArnOf(index, value) === principal.arn) || wildcardGrantsIn(targets, roleAccount)) return true;
  }
  return mayAssume(world, index, principal);
}

/**
 * True when an Allow of the trust policy names "*" for principals of `accountId` (unnarrowed, or narrowed by
 * aws:PrincipalAccount to it). Like naming the principal's own ARN, and unlike naming the account (which delegates
 * to the principal's identity policies), "*" grants a principal of the role's account by itself: AWS's AssumeRole
 * reference lets a same-account user in "directly in the role's trust policy", the trust policy acting as a
 * resource-based policy, which within one account needs no identity-based policy.
 */
function wildcardGrantsIn(targets: TrustTargets, accountId: string): boolean {
  return targets.wildcard && (!targets.wildcardAccounts || targets.wildcardAccounts.includes(accountId));
}

function mayAssume(world: World, index: GraphIndex, principal: PrincipalEntry): boolean {
  let verdict = index.mayAssume.get(principal.arn);
  if (verdict === undefined) {
    verdict = identityMayAllow(world.iam[principal.accountId], principal.entity, 'sts:assumerole');
    index.mayAssume.set(principal.arn, verdict);
  }
  return verdict;
}

const IDENTITY_CENTER_NODE_KINDS: ReadonlySet<AccessNode['kind']> = new Set(['identity-center-user', 'identity-center-group', 'permission-set']);

/**
 * Replaces the IAM Identity Center nodes and edges (users, groups, permission sets in accounts) with those of `world`;
 * `replace` false when the graph holds none yet (a full build).
 */
function applyIdentityCenter(world: World, compiled: CompiledWorld, nodes: AccessNodes, incoming: EdgeStore, index: GraphIndex, replace: boolean): void {
  // A full build has none to remove; an update walks the nodes that are not principals.
  if (replace) for (const [id, node] of nodes.others) if (IDENTITY_CENTER_NODE_KINDS.has(node.kind)) nodes.others.delete(id);
  for (const key of index.identityCenterTargets) {
    const edges = incoming.get(key);
    if (!edges || !edges.some(isIdentityCenterEdge)) continue;
    const kept = edges.filter((edge) => !isIdentityCenterEdge(edge));
    if (kept.length > 0) incoming.set(key, kept);
    else incoming.delete(key);
  }
  index.identityCenterTargets.clear();
  const added = identityCenterGraph(world, (accountId) => compiled.org.isMember(accountId));
  for (const node of added.nodes) nodes.others.set(node.id, node);
  for (const [key, edges] of added.incoming) {
    incoming.open();
    incoming.pushExisting(key);
    for (const edge of edges) incoming.pushEdge(edge);
    incoming.close(key);
    index.identityCenterTargets.add(key);
  }
}

/**
 * A provider's name as IAM shows it: what follows saml-provider/ or oidc-provider/ (an OIDC provider's URL, e.g.
 * oidc.eks.REGION.amazonaws.com/id/CLUSTER, whose last segment alone names nothing), or a web identity host as written.
 */
function providerName(value: string): string {
  const provider = /:(?:saml|oidc)-provider\/(.+)$/.exec(value);
  return provider ? provider[1] : value.slice(value.lastIndexOf('/') + 1) || value;
}

/** The node id of a service or identity-provider principal. */
export function nonIamNodeId(value: string, kind: 'service' | 'federated'): string {
  return `${kind}:${value}`;
}

/** Whether an account is a member of the compiled world's organization (what a node's inOrganization says). */
function membership(compiled: CompiledWorld): (accountId: string) => boolean {
  return (accountId) => compiled.org.isMember(accountId);
}

/** The nodes of the services and identity providers a role's trust targets name, unless the graph has them. */
function addNonIamNodes(nodes: Map<string, AccessNode>, compiled: CompiledWorld, targets: TrustTargets): void {
  // Indexed (asked for each of 100,000 roles, most of them trusting one service).
  for (let i = 0; i < targets.services.length; i++) {
    const target = targets.services[i];
    const id = nonIamTargetNodeId(target, 'service');
    if (!nodes.has(id)) nodes.set(id, { id, kind: 'service', name: target.value, inOrganization: false });
  }
  for (const target of targets.federated) {
    const id = nonIamTargetNodeId(target, 'federated');
    if (nodes.has(id)) continue;
    const accountId = accountOfPrincipal(target.value);
    nodes.set(id, {
      id, kind: 'federated', name: providerName(target.value),
      ...(accountId ? { accountId } : {}), inOrganization: accountId ? compiled.org.isMember(accountId) : false,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What changed between two worlds
// ---------------------------------------------------------------------------------------------------------------

/** True when nothing SCP/RCP evaluation, membership or the VPC endpoints depend on changed. */
function sameOrganization(a: World, b: World): boolean {
  if (a === b) return true;
  const orgA = a.organization;
  const orgB = b.organization;
  if (orgA?.id !== orgB?.id || orgA?.managementAccountId !== orgB?.managementAccountId || orgA?.featureSet !== orgB?.featureSet) return false;
  if ((orgA?.enabledPolicyTypes ?? []).join() !== (orgB?.enabledPolicyTypes ?? []).join()) return false;
  return sameList(a.orgUnits, b.orgUnits, (x, y) => x.id === y.id && x.parentId === y.parentId && x.name === y.name)
    && sameList(a.accounts, b.accounts, (x, y) => x.id === y.id && x.parentId === y.parentId && x.name === y.name)
    && sameList(a.policies, b.policies, (x, y) => x.id === y.id && x.type === y.type && x.name === y.name && documentText(x.document) === documentText(y.document))
    && sameList(a.attachments, b.attachments, (x, y) => x.policyId === y.policyId && x.targetId === y.targetId)
    // An endpoint policy can stop any request that names its endpoint: a changed endpoint rebuilds the graph.
    && (a.vpcEndpoints === b.vpcEndpoints || JSON.stringify(a.vpcEndpoints ?? []) === JSON.stringify(b.vpcEndpoints ?? []));
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}

function documentText(document: unknown): string {
  return typeof document === 'string' ? document : JSON.stringify(document);
}

interface IamChanges {
  /** Accounts whose IAM data changed. */
  accounts: Set<string>;
  /** Accounts whose IAM object is not the same (a superset of `accounts`: some differences change no edge). */
  touched: Set<string>;
  /** Roles whose trust policy (or session limit) changed, or that appeared or disappeared. */
  trusts: Set<string>;
  /** Principals whose identity (policies, boundary, groups, tags) changed, or that appeared or disappeared. */
  principals: Set<string>;
}

/** Which roles' trust and which principals' identity changed between two worlds. */
function diffIam(before: World, after: World): IamChanges {
  const changes: IamChanges = { accounts: new Set(), touched: new Set(), trusts: new Set(), principals: new Set() };
  if (before.iam === after.iam) return changes;
  const accounts: string[] = [];
  for (const accountId in after.iam) if (before.iam[accountId] !== after.iam[accountId]) accounts.push(accountId);
  for (const accountId in before.iam) if (!(accountId in after.iam)) accounts.push(accountId);
  for (const accountId of accounts) {
    const a = before.iam[accountId];
    const b = after.iam[accountId];
    changes.touched.add(accountId);
    const trusts = changes.trusts.size;
    const principals = changes.principals.size;
    diffAccount(a ?? EMPTY_IAM, b ?? EMPTY_IAM, changes);
    if (changes.trusts.size !== trusts || changes.principals.size !== principals || !a || !b) changes.accounts.add(accountId);
  }
  return changes;
}

const EMPTY_IAM: AccountIam = { users: [], groups: [], roles: [], managedPolicies: [] };

function diffAccount(a: AccountIam, b: AccountIam, changes: IamChanges): void {
  const changedPolicies = changedManagedPolicies(a.managedPolicies, b.managedPolicies);
  const groupsBefore = new Map(a.groups.map((group) => [group.name, group]));
  const changedGroups = new Set<string>();
  for (const group of b.groups) {
    const old = groupsBefore.get(group.name);
    if (!old || !sameGroup(old, group) || group.attachedPolicyArns.some((arn) => changedPolicies.has(arn))) changedGroups.add(group.name);
    groupsBefore.delete(group.name);
  }
  for (const name of groupsBefore.keys()) changedGroups.add(name);

  const rolesBefore = new Map(a.roles.map((role) => [role.arn, role]));
  for (const role of b.roles) {
    const old = rolesBefore.get(role.arn);
    rolesBefore.delete(role.arn);
    if (old === role) continue;
    if (!old || documentText(old.trustPolicy) !== documentText(role.trustPolicy) || old.maxSessionDuration !== role.maxSessionDuration) changes.trusts.add(role.arn);
    if (!old || !sameIdentity(old, role, changedPolicies)) changes.principals.add(role.arn);
  }
  for (const arn of rolesBefore.keys()) {
    changes.trusts.add(arn);
    changes.principals.add(arn);
  }
  const usersBefore = new Map(a.users.map((user) => [user.arn, user]));
  for (const user of b.users) {
    const old = usersBefore.get(user.arn);
    usersBefore.delete(user.arn);
    if (old === user && !user.groups.some((group) => changedGroups.has(group))) continue;
    if (!old || !sameIdentity(old, user, changedPolicies) || old.groups.join() !== user.groups.join() || user.groups.some((group) => changedGroups.has(group))) {
      changes.principals.add(user.arn);
    }
  }
  for (const arn of usersBefore.keys()) changes.principals.add(arn);
}

function changedManagedPolicies(a: readonly ManagedPolicy[], b: readonly ManagedPolicy[]): Set<string> {
  const before = new Map(a.map((policy) => [policy.arn, documentText(policy.document)]));
  const changed = new Set<string>();
  for (const policy of b) {
    if (before.get(policy.arn) !== documentText(policy.document)) changed.add(policy.arn);
    before.delete(policy.arn);
  }
  for (const arn of before.keys()) changed.add(arn);
  return changed;
}

function sameIdentity(a: IamRole | IamUser, b: IamRole | IamUser, changedPolicies: ReadonlySet<string>): boolean {
  return a.attachedPolicyArns.join() === b.attachedPolicyArns.join()
    && !b.attachedPolicyArns.some((arn) => changedPolicies.has(arn))
    && a.permissionsBoundaryArn === b.permissionsBoundaryArn
    && (b.permissionsBoundaryArn === undefined || !changedPolicies.has(b.permissionsBoundaryArn))
    && sameList(a.inlinePolicies, b.inlinePolicies, (x, y) => x.name === y.name && documentText(x.document) === documentText(y.document))
    && sameList(a.tags, b.tags, (x, y) => x.key === y.key && x.value === y.value);
}

function sameGroup(a: IamGroup, b: IamGroup): boolean {
  return a.attachedPolicyArns.join() === b.attachedPolicyArns.join()
    && sameList(a.inlinePolicies, b.inlinePolicies, (x, y) => x.name === y.name && documentText(x.document) === documentText(y.document));
}
