// Questions asked of the access graph: who can reach role R (directly or through role chains), what can principal P
// reach, and who can do action A on resource R across every account, each answer with its path. Paths are found by
// breadth-first search, so each principal gets its shortest path (fewest hops); every hop after a role session is role
// chaining, which caps the new session at one hour and carries transitive session tags
// (id_roles_terms-and-concepts.html "Role chaining", id_session-tags.html "Chaining roles with session tags").

import { evaluate, ownerInArn } from '../evaluate/evaluate';
import { parsePolicy } from '../policy/parse';
import type { AuthzRequest, ContextEntry, EvaluationResult, PolicySource } from '../types';
import type { CompiledStatement } from '../world/compiled-types';
import { allEdges, classGroupToken, classIdentity, namedRoleSession, classIdentitySketch, nonIamNodeId, outgoingEdges, type AccessGraph } from './access-graph';
import { roleSessionArn } from '../world/principals';
import { allowedServicesIn } from '../analysis/named-service-principals';
import { CHAINED_SESSION_SECONDS } from './assume-edges';
import { sameStatements } from './class-edges';
import { evaluateWithWitness, type ConditionalOutcome } from './conditional-evaluation';
import { decisionSignature, identityOf, principalMatches, resourceGrants, type ResourceGrants } from './decision-signature';
import { isSessionTagKey } from './edge-conditions';
import { sketchMayAllow } from './identity-prefilter';
import { accountOfPrincipal } from './trust-targets';
import type { AccessPath, AssumeEdge, PathHop, WhoCanAnswer } from './types';

// Orders exactly as String.prototype.localeCompare with no arguments, without building a collator per comparison
// (40,000 direct answers to sort).
const COLLATOR = new Intl.Collator();

/** Default limit on path length: five hops covers every real chain we know of and keeps searches bounded. */
export const DEFAULT_MAX_HOPS = 5;

/** Who can reach a role, directly or through chains: one shortest path per principal, nearest first. */
export function whoCanReachRole(graph: AccessGraph, roleArn: string, maxHops = DEFAULT_MAX_HOPS): AccessPath[] {
  const towards = searchBackwards(graph, [roleArn], maxHops);
  const paths: AccessPath[] = [];
  for (const node of towards.keys()) {
    const edges = edgesTowards(towards, node);
    if (edges.length > 0) paths.push(pathOf(node, roleArn, edges));
  }
  return sortPaths(paths);
}

/** Which roles a principal can reach, directly or through chains: one shortest path per role, nearest first. */
export function whatCanPrincipalReach(graph: AccessGraph, principalArn: string, maxHops = DEFAULT_MAX_HOPS): AccessPath[] {
  // Forward breadth-first search: `previous` holds, for each node reached, the edge it was reached by.
  const previous = breadthFirst([principalArn], maxHops, (node) => outgoingEdges(graph, node), (edge) => edge.to);
  const paths: AccessPath[] = [];
  for (const node of previous.keys()) {
    const edges: AssumeEdge[] = [];
    for (let step = previous.get(node); step; step = previous.get(step.from)) edges.unshift(step);
    if (edges.length > 0) paths.push(pathOf(principalArn, node, edges));
  }
  return sortPaths(paths);
}

/** Breadth-first search from `starts`: for each node reached, the edge it was first reached by (null for the starts). */
function breadthFirst(
  starts: readonly string[], maxHops: number, edgesOf: (node: string) => readonly AssumeEdge[], far: (edge: AssumeEdge) => string,
): Map<string, AssumeEdge | null> {
  const reached = new Map<string, AssumeEdge | null>(starts.map((start) => [start, null]));
  let frontier = [...starts];
  for (let depth = 0; depth < maxHops && frontier.length > 0; depth++) {
    const following: string[] = [];
    for (const node of frontier) {
      for (const edge of edgesOf(node)) {
        const next = far(edge);
        if (reached.has(next)) continue;
        reached.set(next, edge);
        following.push(next);
      }
    }
    frontier = following;
  }
  return reached;
}

/** Backward search: for each node that reaches one of the targets, the edge that leads one hop closer. */
function searchBackwards(graph: AccessGraph, targets: readonly string[], maxHops: number): Map<string, AssumeEdge | null> {
  return breadthFirst(targets, maxHops, (node) => graph.incoming.get(node) ?? [], (edge) => edge.from);
}

/** The edges from a node to the target it was found from, in path order. */
function edgesTowards(towards: ReadonlyMap<string, AssumeEdge | null>, node: string): AssumeEdge[] {
  const edges: AssumeEdge[] = [];
  for (let step = towards.get(node); step; step = towards.get(step.to)) edges.push(step);
  return edges;
}

/** A "who can do" question. */
export interface WhoCanQuery {
  /** The action, e.g. "s3:GetObject". */
  action: string;
  /** The resource ARN. */
  resource: string;
  /** The resource's account when the ARN does not say (S3). */
  resourceAccount?: string;
  /** Context the caller fixes for the final request (region, source IP, ...). */
  context?: ContextEntry[];
  /** Longest chain to follow. */
  maxHops?: number;
  /** Most chain paths to return (every path up to it, fewest hops first); DEFAULT_MAX_CHAIN_PATHS when left out. */
  maxChainPaths?: number;
}

/** Default cap on the chain paths of one who-can answer: every path is listed up to it, fewest hops first. */
export const DEFAULT_MAX_CHAIN_PATHS = 2_000;

/** The result of a "who can do" question. */
export interface WhoCanResult {
  /** One answer per principal that can do it directly, then one per chain path (fewest hops first). */
  answers: WhoCanAnswer[];
  /** Principals whose own request was decided (by the engine, or by sharing the decision of an equivalent request). */
  evaluated: number;
  /** Requests the engine actually evaluated (one per class of equivalent requests). */
  engineEvaluations: number;
  /** True when more chain paths exist than maxChainPaths: the answers list the first ones by hop count. */
  truncated: boolean;
}

/**
 * Who can do action A on resource R: every principal the engine allows (or allows given context it could supply),
 * then every path by which some principal reaches one of those roles through assume-role chains (all simple paths
 * up to maxHops, fewest hops first, capped at maxChainPaths). Each answer carries its path and the engine's result
 * for the last hop (the request itself, made by the principal at the end of the path).
 *
 * Principals come by class (same account, kind, policies, boundary, tags): the identity prefilter runs once per
 * class, and the engine evaluates one request per decision signature (decision-signature.ts). A member whose own
 * request could differ (a Principal element or a condition naming it) is evaluated on its own. Each member's own
 * trace is computed when its lastHop is first read.
 */
export function whoCanDo(graph: AccessGraph, query: WhoCanQuery): WhoCanResult {
  const compiled = graph.compiled;
  const actionLower = query.action.toLowerCase();
  const context = query.context ?? [];
  // Same account, a resource-side policy can grant alone; across accounts the identity side must allow too
  // (reference_policies_evaluation-logic-cross-account.html): elsewhere, no identity Allow means no access.
  const resourceAccount = query.resourceAccount ?? accountOfPrincipal(query.resource) ?? compiled.resourcePolicyFor(query.resource)?.accountId;
  const resourceSide = compiled.resourcePolicyFor(query.resource) !== undefined || compiled.role(query.resource) !== undefined;
  const requestOf = (arn: string, extra: readonly ContextEntry[] = []): AuthzRequest => ({
    principalArn: arn, action: query.action, resource: query.resource, context: extra.length === 0 ? context : [...context, ...extra],
    ...(query.resourceAccount ? { resourceAccount: query.resourceAccount } : {}),
  });
  const direct = new Map<string, WhoCanAnswer>();
  const outcomes = new Map<string, SharedOutcome>();
  let evaluated = 0;
  let engineEvaluations = 0;
  const decideAlone = (arn: string) => {
    evaluated += 1;
    engineEvaluations += 1;
    const outcome = evaluateWithWitness(compiled, requestOf(arn));
    if (outcome.decision !== 'denied') direct.set(arn, directAnswer(arn, outcome.decision, outcome.supplied, () => outcome.result));
  };

  // Classes alike from the principal side (same policies, SCP chain, membership, tags: principalGroupToken) whose
  // identities match the policies' Principal elements alike share one signature when it reads nothing else of the
  // caller (principalPortable): 5,000 accounts' ReadOnly roles ask the bucket one question instead of 5,000. Only when
  // the resource's account does not depend on the caller (an ARN with an account, a policy, or resourceAccount given).
  const groupable = query.resourceAccount !== undefined || compiled.resourcePolicyFor(query.resource)?.accountId !== undefined
    || (query.resource !== '*' && ownerInArn(query.resource) !== undefined);
  // By class group number, doubled, plus one for classes in the resource's account.
  const groups = new Map<number, ClassGroupAnswers>();
  let signedAccount: string | undefined;
  for (const classes of graph.index.classesByAccount.values()) {
    for (const principalClass of classes) {
      if (!(resourceSide && principalClass.accountId === resourceAccount)) {
        if (!sketchMayAllow(classIdentitySketch(graph.extended, graph.index, principalClass), actionLower, query.resource)) continue;
      }
      const principals = graph.index.principals;
      const numbers = principalClass.numbers;
      const first = principals.arnAt(numbers[0]);
      // The first member is resolved in full only when no group answer settles the class (most classes of a large
      // design share their group's answer): its identity is all the group needs.
      const identity = classIdentity(compiled, graph.index, principalClass);
      const groupKey = groupable && signedAccount !== undefined
        ? classGroupToken(compiled, graph.index, principalClass) * 2 + (principalClass.accountId === signedAccount ? 1 : 0)
        : undefined;
      const group = groupKey === undefined ? undefined : groups.get(groupKey);
      const matches = group === undefined ? undefined : principalMatches(group.statements, identity);
      const known = group === undefined ? undefined : group.byMatches.get(matches!);
      let decided: ClassDecision | typeof SEPARATE | undefined = known === ASK_EACH ? undefined : known;
      if (decided === undefined) {
        const representative = compiled.principal(first);
        const signature = decisionSignature(compiled, representative, query.action, query.resource, context, query.resourceAccount);
        decided = SEPARATE;
        if (signature && !signature.principalSpecific) {
          let evaluatedFor = outcomes.get(signature.key);
          if (!evaluatedFor) {
            engineEvaluations += 1;
            const outcome = evaluateWithWitness(compiled, requestOf(first));
            // A member's own trace names its own policies and context: computed when first read, with the same supplied
            // context (the shared result is the trace of the principal it was evaluated for, maybe of another class).
            // One function per evaluation, which each answer sharing it keeps, rather than a closure per answer.
            const evaluatedPrincipal = first;
            const traceOf = (arn: string) => (arn === evaluatedPrincipal ? outcome.result : evaluate(compiled, requestOf(arn, outcome.supplied)));
            evaluatedFor = { outcome, principal: first, traceOf };
            outcomes.set(signature.key, evaluatedFor);
          }
          decided = { ...evaluatedFor, grants: resourceGrants(compiled, representative, query.action, query.resource, query.resourceAccount) };
        }
        signedAccount ??= signature?.resourceAccount;
        if (groupable && signedAccount !== undefined && known === undefined) {
          const key = groupKey ?? classGroupToken(compiled, graph.index, principalClass) * 2 + (principalClass.accountId === signedAccount ? 1 : 0);
          const shareable = signature !== undefined && !signature.principalSpecific && signature.principalPortable;
          const answers = group ?? groups.get(key);
          if (!answers) {
            const statements = shareable ? signature.principalStatements : [];
            groups.set(key, { statements, byMatches: new Map([[principalMatches(statements, identity), shareable ? decided : ASK_EACH]]) });
          } else if (matches !== undefined) {
            answers.byMatches.set(matches, shareable && sameStatements(answers.statements, signature.principalStatements) ? decided : ASK_EACH);
          }
        }
      }
      if (decided === SEPARATE) {
        for (let i = 0; i < numbers.length; i++) decideAlone(principals.arnAt(numbers[i]));
        continue;
      }
      const shared = decided.outcome;
      const { grants, traceOf } = decided;
      for (let i = 0; i < numbers.length; i++) {
        const arn = principals.arnAt(numbers[i]);
        // A resource-side Principal element that tells this member apart from the representative: decide it alone.
        if (arn !== first && grants.mayDiffer) {
          // Read by node number: no entry object per member (a question may ask this of 40,000 members).
          const member = numbers[i];
          if (grants.differsFor(identityOf(principals.accountAt(member), principals.isRoleAt(member), principals.entityAt(member)!))) {
            decideAlone(arn);
            continue;
          }
        }
        evaluated += 1;
        if (shared.decision === 'denied') continue;
        direct.set(arn, directAnswer(arn, shared.decision, shared.supplied, traceOf));
      }
    }
  }

  // A resource-side policy may name one session of a role: only a session of that name gets in
  // (reference_policies_elements_principal.html#principal-role-session), which the role's sessions decided above lack.
  for (const { roleArn, sessionName } of namedSessionsOn(graph, query.resource)) {
    if (direct.has(roleArn)) continue;
    evaluated += 1;
    engineEvaluations += 1;
    const outcome = evaluateWithWitness(compiled, requestOf(roleSessionArn(roleArn, sessionName)!));
    if (outcome.decision !== 'denied') direct.set(roleArn, directAnswer(roleArn, 'conditional', outcome.supplied, () => outcome.result, sessionName));
  }

  // An AWS service a resource-side policy names (Principal {"Service": ...}) is a caller too: the policy alone grants it
  // (reference_policies_elements_principal.html#principal-services). Its answer is usually conditional on the keys the
  // service sends (aws:SourceArn, aws:SourceAccount), which the witness supplies.
  for (const service of namedServicesOn(graph, query.resource)) {
    evaluated += 1;
    engineEvaluations += 1;
    const outcome = evaluateWithWitness(compiled, requestOf(service));
    // Named as the graph names its service nodes ("service:cloudtrail.amazonaws.com"), as who-can-reach answers do.
    const node = nonIamNodeId(service, 'service');
    if (outcome.decision !== 'denied') direct.set(node, directAnswer(node, outcome.decision, outcome.supplied, () => outcome.result));
  }

  const { paths, truncated } = chainPaths(graph, [...direct.keys()].filter((arn) => graph.index.roles.has(arn)), query.maxHops ?? DEFAULT_MAX_HOPS, query.maxChainPaths ?? DEFAULT_MAX_CHAIN_PATHS);
  const answers = [...direct.values()].sort((a, b) => COLLATOR.compare(a.principal, b.principal));
  for (const path of paths) {
    const last = direct.get(path.to)!;
    answers.push({
      principal: path.from, actingPrincipal: path.to,
      decision: path.conditional || last.decision === 'conditional' ? 'conditional' : 'allowed',
      path, get lastHop() { return last.lastHop; }, suppliedContext: last.suppliedContext,
      ...(last.callerSessionName !== undefined ? { callerSessionName: last.callerSessionName } : {}),
    });
  }
  return { answers, evaluated, engineEvaluations, truncated };
}

/** The resource-side documents of a resource: its resource-based (or key) policy, and for a role its trust policy. */
function resourceSideSources(graph: AccessGraph, resource: string): PolicySource[] {
  const sources: PolicySource[] = [];
  const policyArn = graph.compiled.resourcePolicyFor(resource)?.id;
  const policy = policyArn === undefined ? undefined : graph.extended.resourcePolicies.find((candidate) => candidate.resourceArn === policyArn);
  if (policy) sources.push(policy.document);
  const role = graph.compiled.role(resource);
  if (role) sources.push(role.trustPolicy);
  return sources;
}

/** The AWS services the resource-side documents' Allow statements name (Principal {"Service": ...}), in order. */
function namedServicesOn(graph: AccessGraph, resource: string): string[] {
  return [...new Set(resourceSideSources(graph, resource).flatMap((source) => [...allowedServicesIn(source)]))];
}

/** The design's roles whose sessions the resource's policy (or, for a role, its trust policy) names one by one, with the names. */
function namedSessionsOn(graph: AccessGraph, resource: string): { roleArn: string; sessionName: string }[] {
  const sources = resourceSideSources(graph, resource);
  const found: { roleArn: string; sessionName: string }[] = [];
  for (const source of sources) {
    for (const statement of parsePolicy(source).document?.statements ?? []) {
      if (statement.effect !== 'Allow' || !statement.principal || statement.principal === '*') continue;
      for (const value of statement.principal.AWS ?? []) {
        const named = namedRoleSession(graph, value);
        if (named && !found.some((entry) => entry.roleArn === named.roleArn && entry.sessionName === named.sessionName)) found.push(named);
      }
    }
  }
  return found;
}

/** How a group of classes alike is decided, by how their identities match its statements with a Principal element. */
interface ClassGroupAnswers {
  statements: readonly CompiledStatement[];
  byMatches: Map<string, ClassDecision | typeof SEPARATE | typeof ASK_EACH>;
}

/** An engine outcome shared by equivalent requests, and the principal whose request it was. */
interface SharedOutcome {
  outcome: ConditionalOutcome;
  principal: string;
  /** The engine result of a member sharing the outcome (the trace its answer's lastHop shows). */
  traceOf: (arn: string) => EvaluationResult;
}

/** The shared outcome of a class's request, and how the resource side's Principal elements match its members. */
interface ClassDecision extends SharedOutcome {
  grants: ResourceGrants;
}

/** A class decided on its own, member by member. */
const SEPARATE = 0;
/** Classes of a group whose decision may differ: each asks its own signature. */
const ASK_EACH = 1;

/** A direct answer whose engine result and (empty) path are computed on first read (and kept). */
function directAnswer(
  arn: string, decision: 'allowed' | 'conditional', supplied: ContextEntry[], result: (arn: string) => EvaluationResult, callerSessionName?: string,
): WhoCanAnswer {
  // The same own, enumerable properties in the same order as an object literal with getters (spreading or printing
  // an answer reads them alike), but the getters are shared and the answer's lazy state sits in one hidden property:
  // getters written in a literal are two new closures per answer, about 870 bytes each for 40,000 direct answers.
  const answer = { principal: arn, actingPrincipal: arn, decision } as WhoCanAnswer & { [ANSWER_STATE]: DirectAnswerState };
  Object.defineProperty(answer, 'path', PATH_PROPERTY);
  answer.suppliedContext = supplied;
  Object.defineProperty(answer, 'lastHop', LAST_HOP_PROPERTY);
  if (callerSessionName !== undefined) answer.callerSessionName = callerSessionName;
  Object.defineProperty(answer, ANSWER_STATE, { value: { arn, result, path: undefined, lastHop: undefined } satisfies DirectAnswerState });
  return answer;
}

/** What a direct answer computes when first read: its path and its last hop's engine result. */
interface DirectAnswerState {
  arn: string;
  /** The engine result of `arn`'s request, asked when lastHop is first read (shared by the answers of one evaluation). */
  result: (arn: string) => EvaluationResult;
  path: AccessPath | undefined;
  lastHop: EvaluationResult | undefined;
}

const ANSWER_STATE = Symbol('direct answer state');

const stateOf = (answer: object): DirectAnswerState => (answer as { [ANSWER_STATE]: DirectAnswerState })[ANSWER_STATE];

/** Built when read: a question about an organization-wide bucket has 40,000 direct answers, most never shown. */
const PATH_PROPERTY: PropertyDescriptor = {
  enumerable: true, configurable: true,
  get(this: object) {
    const state = stateOf(this);
    state.path ??= pathOf(state.arn, state.arn, []);
    return state.path;
  },
};

const LAST_HOP_PROPERTY: PropertyDescriptor = {
  enumerable: true, configurable: true,
  get(this: object) {
    const state = stateOf(this);
    state.lastHop ??= state.result(state.arn);
    return state.lastHop;
  },
};

/**
 * Every simple path (no principal twice) of at most maxHops edges that ends at one of the targets, fewest hops
 * first, at most `limit` of them; truncated when more exist.
 */
export function chainPaths(graph: AccessGraph, targets: readonly string[], maxHops: number, limit: number): { paths: AccessPath[]; truncated: boolean } {
  const paths: AccessPath[] = [];
  // An edge is built when it joins a path, once per question: a role's edges are walked by their sources, and a hub
  // role trusted by thousands built all of its edges for the few a capped question takes.
  const built = new Map<number, AssumeEdge>();
  const edgeAt = (position: number, node: string) => {
    let edge = built.get(position);
    if (!edge) {
      edge = graph.incoming.edgeAtPosition(position, node);
      built.set(position, edge);
    }
    return edge;
  };
  // Each partial path: the target it ends at and its edges in path order (the first edge leaves the path's start). The
  // nodes it visits are the target and each edge's source: at most maxHops + 1, compared in place (onPath) rather than
  // copied into a Set per partial path, which cost a Set for each of a question's 40,000 direct answers.
  let frontier: { target: string; edges: readonly AssumeEdge[] }[] = targets.map((target) => ({ target, edges: NO_EDGES }));
  for (let depth = 0; depth < maxHops && frontier.length > 0; depth++) {
    const following: typeof frontier = [];
    for (const partial of frontier) {
      const head = partial.edges.length === 0 ? partial.target : partial.edges[0].from;
      const segment = graph.incoming.segmentOf(head);
      if (segment === undefined) continue;
      for (let position = segment.start; position < segment.start + segment.count; position++) {
        if (onPath(partial.target, partial.edges, graph.incoming.sourceAt(position))) continue;
        if (paths.length >= limit) return { paths, truncated: true };
        const edge = edgeAt(position, head);
        const edges = [edge, ...partial.edges];
        paths.push(pathOf(edge.from, edges[edges.length - 1].to, edges));
        following.push({ target: partial.target, edges });
      }
    }
    frontier = following;
  }
  return { paths, truncated: false };
}

const NO_EDGES: readonly AssumeEdge[] = Object.freeze([]);

/** True when `node` is the path's target or the source of one of its edges (a node the path already visits). */
function onPath(target: string, edges: readonly AssumeEdge[], node: string): boolean {
  if (node === target) return true;
  for (let i = 0; i < edges.length; i++) if (edges[i].from === node) return true;
  return false;
}

/** A path with its chaining limits worked out hop by hop. */
export function pathOf(from: string, to: string, edges: readonly AssumeEdge[]): AccessPath {
  const hops: PathHop[] = [];
  const tagKeys: string[] = [];
  let conditional = false;
  edges.forEach((edge, i) => {
    conditional ||= edge.decision === 'conditional';
    hops.push({
      edge,
      hop: i + 1,
      maxSessionSeconds: edge.chained ? Math.min(CHAINED_SESSION_SECONDS, edge.maxSessionSeconds) : edge.maxSessionSeconds,
      transitiveTagKeys: [...tagKeys],
    });
    for (const condition of edge.conditions) {
      if (isSessionTagKey(condition.key) && condition.key.toLowerCase().startsWith('aws:requesttag/')) tagKeys.push(condition.key.slice('aws:RequestTag/'.length));
    }
  });
  return { from, to, hops, hopCount: hops.length, conditional };
}

function sortPaths(paths: AccessPath[]): AccessPath[] {
  return paths.sort((a, b) => a.hopCount - b.hopCount || COLLATOR.compare(a.from, b.from) || COLLATOR.compare(a.to, b.to));
}

/** Every edge whose source or target lies in one of the accounts (both ends when `both`), for filtered views. */
export function edgesTouchingAccounts(graph: AccessGraph, accountIds: ReadonlySet<string>): AssumeEdge[] {
  return allEdges(graph).filter((edge) => {
    const from = graph.nodes.get(edge.from)?.accountId;
    const to = graph.nodes.get(edge.to)?.accountId;
    return (from !== undefined && accountIds.has(from)) || (to !== undefined && accountIds.has(to));
  });
}
