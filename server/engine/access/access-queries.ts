// Questions asked of the access graph: who can reach role R (directly or through role chains), what can principal P
// reach, and who can do action A on resource R across every account, each answer with its path. Paths are found by
// breadth-first search, so each principal gets its shortest path (fewest hops); every hop after a role session is role
// chaining, which caps the new session at one hour and carries transitive session tags
// (id_roles_terms-and-concepts.html "Role chaining", id_session-tags.html "Chaining roles with session tags").

import type { AuthzRequest, ContextEntry } from '../types';
import { allEdges, outgoingEdges, type AccessGraph } from './access-graph';
import { CHAINED_SESSION_SECONDS } from './assume-edges';
import { evaluateWithWitness } from './conditional-evaluation';
import { isSessionTagKey } from './edge-conditions';
import { identityMayAllow } from './identity-prefilter';
import { accountOfPrincipal } from './trust-targets';
import type { AccessPath, AssumeEdge, PathHop, WhoCanAnswer } from './types';

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
}

/** The result of a "who can do" question. */
export interface WhoCanResult {
  /** One answer per principal that can do it, directly first, then by hop count. */
  answers: WhoCanAnswer[];
  /** Principals whose own request the engine evaluated. */
  evaluated: number;
}

/**
 * Who can do action A on resource R: every principal the engine allows (or allows given context it could supply),
 * then everyone who can reach one of those roles through assume-role chains. Each answer carries its path and the
 * engine's result for the last hop (the request itself, made by the role at the end of the path).
 */
export function whoCanDo(graph: AccessGraph, query: WhoCanQuery): WhoCanResult {
  const compiled = graph.compiled;
  const actionLower = query.action.toLowerCase();
  // Same account, a resource-side policy can grant alone; across accounts the identity side must allow too
  // (reference_policies_evaluation-logic-cross-account.html): elsewhere, no identity Allow means no access.
  const resourceAccount = query.resourceAccount ?? accountOfPrincipal(query.resource) ?? compiled.resourcePolicyFor(query.resource)?.accountId;
  const resourceSide = compiled.resourcePolicyFor(query.resource) !== undefined || compiled.role(query.resource) !== undefined;
  const direct = new Map<string, WhoCanAnswer>();
  let evaluated = 0;
  for (const [arn, principal] of graph.index.principals) {
    if (!(resourceSide && principal.accountId === resourceAccount)) {
      if (!identityMayAllow(graph.extended.iam[principal.accountId], principal.entity, actionLower, query.resource)) continue;
    }
    const request: AuthzRequest = {
      principalArn: arn, action: query.action, resource: query.resource, context: query.context ?? [],
      ...(query.resourceAccount ? { resourceAccount: query.resourceAccount } : {}),
    };
    evaluated += 1;
    const outcome = evaluateWithWitness(compiled, request);
    if (outcome.decision === 'denied') continue;
    direct.set(arn, {
      principal: arn, actingPrincipal: arn, decision: outcome.decision,
      path: pathOf(arn, arn, []), lastHop: outcome.result, suppliedContext: outcome.supplied,
    });
  }

  // Chains: who can reach a role that can do it. Searching backwards from all of them at once gives each principal
  // its shortest route to any of them.
  const roles = [...direct.keys()].filter((arn) => graph.index.roles.has(arn));
  const towards = searchBackwards(graph, roles, query.maxHops ?? DEFAULT_MAX_HOPS);
  const answers = [...direct.values()];
  for (const node of towards.keys()) {
    if (direct.has(node)) continue;
    const edges = edgesTowards(towards, node);
    const acting = edges[edges.length - 1].to;
    const last = direct.get(acting)!;
    const path = pathOf(node, acting, edges);
    answers.push({
      principal: node, actingPrincipal: acting,
      decision: path.conditional || last.decision === 'conditional' ? 'conditional' : 'allowed',
      path, lastHop: last.lastHop, suppliedContext: last.suppliedContext,
    });
  }
  answers.sort((a, b) => a.path.hopCount - b.path.hopCount || a.principal.localeCompare(b.principal));
  return { answers, evaluated };
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
  return paths.sort((a, b) => a.hopCount - b.hopCount || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** Every edge whose source or target lies in one of the accounts (both ends when `both`), for filtered views. */
export function edgesTouchingAccounts(graph: AccessGraph, accountIds: ReadonlySet<string>): AssumeEdge[] {
  return allEdges(graph).filter((edge) => {
    const from = graph.nodes.get(edge.from)?.accountId;
    const to = graph.nodes.get(edge.to)?.accountId;
    return (from !== undefined && accountIds.has(from)) || (to !== undefined && accountIds.has(to));
  });
}
