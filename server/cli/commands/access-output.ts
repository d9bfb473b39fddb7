// How the access commands (who-can, access-graph, findings) print paths and edges: for people, one line per hop with
// the conditions it needs; as JSON, in PascalCase as the AWS CLI prints its own shapes.
import type { AccessGraph } from '../../engine/access/access-graph';
import type { AccessPath, AssumeEdge, EdgeCondition } from '../../engine/access/types';

/** A node as people read it: "role/Name (account 111122223333)". */
export function describeNode(graph: AccessGraph, id: string): string {
  const node = graph.nodes.get(id);
  if (!node) return id;
  switch (node.kind) {
    case 'service': return `service ${node.name}`;
    case 'federated': return `identity provider ${node.name}`;
    case 'identity-center-user': return `Identity Center user ${node.name}`;
    case 'identity-center-group': return `Identity Center group ${node.name}`;
    case 'permission-set': return `permission set ${node.name} in account ${node.accountId}`;
    case 'anyone': return 'anyone (any AWS account)';
    case 'external-account': return `account ${node.accountId} (outside the organization)`;
    default: {
      const kind = node.kind === 'user' ? 'user' : 'role';
      const outside = node.inOrganization ? '' : ', outside the organization';
      return `${kind}/${node.name} (${node.accountId}${outside})`;
    }
  }
}

/** The conditions of an edge for people: "[ExternalId=abc, MFA]". */
export function describeConditions(conditions: readonly EdgeCondition[]): string {
  if (conditions.length === 0) return '';
  const words = conditions.map((condition) => {
    switch (condition.kind) {
      case 'externalId': return `ExternalId=${condition.values.join('|')}`;
      case 'mfa': return 'MFA';
      case 'mfaAge': return `MFA age ${condition.values.join('|')}s`;
      case 'organization': return `${condition.key}=${condition.values.join('|')}`;
      case 'sourceIdentity': return 'SourceIdentity';
      case 'sessionName': return `caller's session named ${condition.values.join('|')}`;
      case 'sessionTags': return condition.key.toLowerCase().startsWith('aws:principaltag/')
        ? `caller's session tagged ${condition.key.slice('aws:PrincipalTag/'.length)}=${condition.values.join('|')}`
        : `session tag ${condition.key}=${condition.values.join('|')}`;
      default: return `${condition.key}=${condition.values.join('|')}`;
    }
  });
  return ` [${words.join(', ')}]`;
}

/** One line per hop of a path. */
export function describePath(graph: AccessGraph, path: AccessPath, indent: string): string[] {
  return path.hops.map((hop) => {
    const limits = hop.edge.chained ? ` (chained: session <= ${hop.maxSessionSeconds / 3600} h)` : '';
    return `${indent}${hop.hop}. ${describeNode(graph, hop.edge.from)} -> ${describeNode(graph, hop.edge.to)}${describeConditions(hop.edge.conditions)}${limits}`;
  });
}

/** An edge in the JSON output. */
export function edgeJson(edge: AssumeEdge) {
  return {
    From: edge.from,
    To: edge.to,
    Action: edge.action,
    Decision: edge.decision,
    Conditions: edge.conditions.map((condition) => ({ Kind: condition.kind, Key: condition.key, Values: condition.values, MustSupply: condition.mustSupply })),
    TrustStatements: edge.trustStatements.map((statement) => ({ PolicyId: statement.policyId, StatementIndex: statement.statementIndex, ...(statement.sid ? { Sid: statement.sid } : {}) })),
    Chained: edge.chained,
    MaxSessionSeconds: edge.maxSessionSeconds,
    EvaluatedByEngine: edge.evaluated,
  };
}

/** A path in the JSON output. */
export function pathJson(path: AccessPath) {
  return {
    From: path.from,
    To: path.to,
    HopCount: path.hopCount,
    Conditional: path.conditional,
    Hops: path.hops.map((hop) => ({ Hop: hop.hop, MaxSessionSeconds: hop.maxSessionSeconds, TransitiveTagKeys: hop.transitiveTagKeys, Edge: edgeJson(hop.edge) })),
  };
}
