// Answers to the access questions, computed from a design's access graph: the (filtered) graph, one edge's trust
// statement and trace, who-can and reachability. No database and no request state: the engine worker runs them
// (engine-tasks.ts) next to the graph it keeps, and access-service.ts sends the questions there.
import 'server-only';

import type { z } from 'zod';
import {
  allEdges, explainEdge, outsideAccessTo, whatCanPrincipalReach, whoCanDo, whoCanReachRole,
  type AccessGraph, type AccessNode, type AccessPath, type AssumeEdge,
} from '../../engine';
import {
  ACCESS_GRAPH_EDGE_LIMIT, WHO_CAN_ANSWER_LIMIT,
  type AccessEdgeDetailDto, type AccessEdgeDto, type AccessGraphDto, type AccessNodeDto, type accessEdgeInputSchema,
  type accessGraphInputSchema, type reachInputSchema, type reachOutputSchema, type whoCanInputSchema, type WhoCanDto,
} from '../../schemas/access';

/** The access graph filter (account ids, OU, principal text). */
export type AccessGraphQuery = Omit<z.input<typeof accessGraphInputSchema>, 'designId'>;
/** Which edge. */
export type AccessEdgeQuery = Omit<z.input<typeof accessEdgeInputSchema>, 'designId'>;
/** A who-can question. */
export type WhoCanQuery = Omit<z.output<typeof whoCanInputSchema>, 'designId'>;
/** A reachability question. */
export type ReachQuery = Omit<z.output<typeof reachInputSchema>, 'designId'>;
/** The reachability answer. */
export type ReachAnswer = z.output<typeof reachOutputSchema>;

/** A question names something the graph does not hold; `field` is the input field, `awsCode` AWS's error where it has one. */
export class AccessNotFoundError extends Error {
  override readonly name = 'AccessNotFoundError';
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/** The access graph, or the part of it touching the chosen accounts, OU or principals. */
export function graphAnswer(graph: AccessGraph, revision: number, input: AccessGraphQuery): AccessGraphDto {
  const accountFilter = accountsInScope(graph, input);
  const text = input.principal?.toLowerCase();
  const matchesText = (id: string) => {
    const node = graph.nodes.get(id);
    return id.toLowerCase().includes(text!) || (node?.name.toLowerCase().includes(text!) ?? false);
  };
  const edges = allEdges(graph).filter((edge) => {
    if (accountFilter) {
      const from = graph.nodes.get(edge.from)?.accountId;
      const to = graph.nodes.get(edge.to)?.accountId;
      if (!(from !== undefined && accountFilter.has(from)) && !(to !== undefined && accountFilter.has(to))) return false;
    }
    return text === undefined || text === '' || matchesText(edge.from) || matchesText(edge.to);
  });
  edges.sort((a, b) => a.id.localeCompare(b.id));
  const kept = edges.slice(0, ACCESS_GRAPH_EDGE_LIMIT);
  const nodeIds = new Set(kept.flatMap((edge) => [edge.from, edge.to]));
  const nodes = [...nodeIds].map((id) => graph.nodes.get(id)).filter((node): node is AccessNode => node !== undefined).map(nodeDto);
  return { revision, nodes, edges: kept.map(edgeDto), accounts: accountsOf(graph, nodes), totalEdges: edges.length, truncated: edges.length > kept.length };
}

/** One edge: the role's trust policy, the statements it rests on, and the engine's trace replayed with its context. */
export function edgeAnswer(graph: AccessGraph, input: AccessEdgeQuery): AccessEdgeDetailDto {
  const edge = findEdge(graph, input.edgeId);
  // IAM Identity Center's membership and assignment hops end at a group or a permission set: no trust policy there.
  const role = graph.compiled.role(edge.to);
  const result = explainEdge(graph.compiled, edge);
  return {
    edge: edgeDto(edge),
    trustPolicy: !role ? '' : typeof role.trustPolicy === 'string' ? role.trustPolicy : JSON.stringify(role.trustPolicy, null, 2),
    statementIndexes: edge.trustStatements.map((statement) => statement.statementIndex),
    ...(result ? { result } : {}),
    suppliedContext: edge.suppliedContext,
  };
}

/** Who can do the action on the resource, directly or through every role chain (fewest hops first, at most WHO_CAN_ANSWER_LIMIT answers). */
export function whoCanAnswer(graph: AccessGraph, revision: number, input: WhoCanQuery): WhoCanDto {
  const result = whoCanDo(graph, {
    action: input.action,
    resource: input.resource,
    maxHops: input.maxHops,
    context: input.region ? [{ key: 'aws:RequestedRegion', values: [input.region], type: 'string' }] : [],
    ...(input.resourceAccount ? { resourceAccount: input.resourceAccount } : {}),
  });
  // Direct answers come first and can number tens of thousands: keep room for the chain paths, the part people follow.
  const direct = result.answers.filter((answer) => answer.path.hopCount === 0);
  const chains = result.answers.filter((answer) => answer.path.hopCount > 0);
  const keptDirect = direct.slice(0, WHO_CAN_ANSWER_LIMIT - Math.min(chains.length, WHO_CAN_ANSWER_LIMIT / 2));
  const answers = [...keptDirect, ...chains.slice(0, WHO_CAN_ANSWER_LIMIT - keptDirect.length)];
  const nodeIds = new Set(answers.flatMap((answer) => [answer.principal, answer.actingPrincipal, ...answer.path.hops.flatMap((hop) => [hop.edge.from, hop.edge.to])]));
  return {
    revision,
    answers: answers.map((answer) => ({ ...answer, path: pathDto(answer.path) })),
    nodes: [...nodeIds].map((id) => graph.nodes.get(id)).filter((node): node is AccessNode => node !== undefined).map(nodeDto),
    totalAnswers: result.answers.length,
    directAnswers: direct.length,
    chainPaths: chains.length,
    chainPathsTruncated: result.truncated,
    evaluated: result.evaluated,
    outside: outsideAccessTo(graph.compiled, input.action, input.resource, { analyzedAt: new Date().toISOString() }),
  };
}

/** Who can reach a role, or what a principal can reach, with one shortest path each. */
export function reachAnswer(graph: AccessGraph, revision: number, input: ReachQuery): ReachAnswer {
  if (!graph.nodes.has(input.arn)) throw new AccessNotFoundError(`${input.arn} is not a principal or role of this design.`, 'NoSuchEntity');
  const paths = input.direction === 'to' ? whoCanReachRole(graph, input.arn, input.maxHops) : whatCanPrincipalReach(graph, input.arn, input.maxHops);
  const kept = paths.slice(0, WHO_CAN_ANSWER_LIMIT);
  const nodeIds = new Set([input.arn, ...kept.flatMap((path) => path.hops.flatMap((hop) => [hop.edge.from, hop.edge.to]))]);
  const nodes = [...nodeIds].map((id) => graph.nodes.get(id)).filter((node): node is AccessNode => node !== undefined).map(nodeDto);
  return { revision, paths: kept.map(pathDto), nodes, totalPaths: paths.length };
}

function findEdge(graph: AccessGraph, edgeId: string): AssumeEdge {
  const to = edgeId.slice(edgeId.lastIndexOf(' -> ') + 4);
  const edge = (graph.incoming.get(to) ?? []).find((candidate) => candidate.id === edgeId);
  if (!edge) throw new AccessNotFoundError(`There is no edge "${edgeId}" in this design's access graph.`, 'NoSuchEdge');
  return edge;
}

/** Accounts under the chosen OU or in the chosen list; undefined when neither filter is set. */
function accountsInScope(graph: AccessGraph, input: AccessGraphQuery): Set<string> | undefined {
  if (!input.accountIds?.length && !input.ouId) return undefined;
  const accounts = new Set(input.accountIds ?? []);
  if (input.ouId) {
    for (const account of graph.world.accounts) {
      const placement = graph.compiled.org.placement(account.id);
      if (placement?.ancestorIds.includes(input.ouId)) accounts.add(account.id);
    }
  }
  return accounts;
}

function accountsOf(graph: AccessGraph, nodes: readonly AccessNodeDto[]) {
  const ids = [...new Set(nodes.map((node) => node.accountId).filter((id): id is string => id !== undefined))].sort();
  const units = new Map(graph.world.orgUnits.map((unit) => [unit.id, unit.name]));
  return ids.map((accountId) => {
    const placement = graph.compiled.org.placement(accountId);
    return {
      accountId,
      name: graph.compiled.org.accountName(accountId) ?? accountId,
      inOrganization: placement !== undefined,
      ouPath: (placement?.ancestorIds ?? []).map((id) => ({ id, name: units.get(id) ?? id })),
    };
  });
}

function nodeDto(node: AccessNode): AccessNodeDto {
  return { id: node.id, kind: node.kind, name: node.name, ...(node.accountId ? { accountId: node.accountId } : {}), inOrganization: node.inOrganization };
}

function edgeDto(edge: AssumeEdge): AccessEdgeDto {
  return {
    id: edge.id, from: edge.from, to: edge.to, action: edge.action, decision: edge.decision, conditions: edge.conditions,
    chained: edge.chained, maxSessionSeconds: edge.maxSessionSeconds, evaluated: edge.evaluated,
  };
}

function pathDto(path: AccessPath) {
  return {
    from: path.from, to: path.to, hopCount: path.hopCount, conditional: path.conditional,
    hops: path.hops.map((hop) => ({ hop: hop.hop, maxSessionSeconds: hop.maxSessionSeconds, transitiveTagKeys: hop.transitiveTagKeys, edge: edgeDto(hop.edge) })),
  };
}
