// The access graph's output pinned on a generated organization: every edge with every field, every node, and the
// who-can answers of a few questions (with their paths, supplied context and last-hop decision), before and after an
// edit. The digests were taken from the engine before the performance work of issue 9 (per-class and per-signature
// sharing, compact edges, incremental updates): any optimisation must leave them unchanged. When an intended change
// of the engine's decisions moves them, check the diff of `describeGraph` against the previous engine and take the
// new digests.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allEdges, buildAccessGraph, updateAccessGraph, whoCanDo, whoCanReachRole, type AccessGraph, type AssumeEdge } from '@/server/engine';
import { accountId, syntheticAccessWorld, withEditedTrust } from '../../../bench/synthetic-access-org';

const REGION = [{ key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' as const }];

function edgeText(edge: AssumeEdge): string {
  return JSON.stringify([
    edge.id, edge.from, edge.to, edge.action, edge.decision, edge.conditions, edge.suppliedContext, edge.trustStatements,
    edge.chained, edge.maxSessionSeconds, edge.evaluated,
  ]);
}

/** Every edge and node of the graph, one line each, sorted. */
function describeGraph(graph: AccessGraph): string[] {
  const lines = allEdges(graph).map(edgeText);
  for (const node of graph.nodes.values()) lines.push(JSON.stringify(['node', node.id, node.kind, node.name, node.accountId ?? null, node.inOrganization, node.arn ?? null]));
  return lines.sort();
}

/** The answers of a few who-can questions, and who can reach one role, one line each. */
function describeWhoCan(graph: AccessGraph, accounts: number, probeRole: string): string[] {
  const queries = [
    { action: 's3:GetObject', resource: `arn:aws:s3:::data-${accountId(accounts - 3)}/reports/2026.csv`, context: REGION, maxChainPaths: 400 },
    { action: 'ec2:TerminateInstances', resource: `arn:aws:ec2:eu-west-1:${accountId(accounts - 1)}:instance/i-0123456789abcdef0`, context: REGION },
    { action: 'dynamodb:PutItem', resource: `arn:aws:dynamodb:eu-west-1:${accountId(9)}:table/app-10`, context: REGION, maxChainPaths: 400 },
    { action: 'iam:CreateUser', resource: `arn:aws:iam::${accountId(4)}:user/x`, context: [] },
  ];
  const lines: string[] = [];
  for (const query of queries) {
    const result = whoCanDo(graph, query);
    lines.push(JSON.stringify([query.action, result.answers.length, result.evaluated, result.truncated]));
    for (const answer of result.answers) {
      lines.push(JSON.stringify([
        query.action, answer.principal, answer.actingPrincipal, answer.decision, answer.suppliedContext, answer.lastHop.decision,
        answer.path.hops.map((hop) => [hop.edge.id, hop.maxSessionSeconds, hop.transitiveTagKeys]),
      ]));
    }
  }
  for (const path of whoCanReachRole(graph, probeRole)) lines.push(JSON.stringify(['reach', path.from, path.hops.map((hop) => hop.edge.id)]));
  return lines;
}

const digest = (lines: readonly string[]) => createHash('sha256').update(lines.join('\n')).digest('hex');

describe('access graph output on a generated organization (pinned)', { timeout: 120_000 }, () => {
  const accounts = 40;
  const { world, probeRole } = syntheticAccessWorld(accounts);

  it('builds the same graph and answers the same who-can questions', () => {
    const graph = buildAccessGraph(world);
    expect(digest(describeGraph(graph))).toBe(GRAPH_DIGEST);
    expect(digest(describeWhoCan(graph, accounts, probeRole))).toBe(WHO_CAN_DIGEST);
  });

  it('gives the same graph after an incremental trust edit', () => {
    const edited = withEditedTrust(world, probeRole, JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId(7)}:root` }, Action: 'sts:AssumeRole' }],
    }));
    const updated = updateAccessGraph(buildAccessGraph(world), edited);
    expect(digest(describeGraph(updated))).toBe(EDITED_DIGEST);
    expect(digest(describeWhoCan(updated, accounts, probeRole))).toBe(EDITED_WHO_CAN_DIGEST);
  });
});

// Retaken December 2026 when same-account "*" trust stopped needing an identity permission (STS AssumeRole API
// reference, Permissions): the graph then differed from the previous digest by exactly 75 added edges, each from a
// principal of a role's own account without an identity Allow for sts:AssumeRole into a role whose trust names "*";
// with those edges left out the graph hashed to the previous digest (4a6e1d1d…).
const GRAPH_DIGEST = '7b94424624bd3ea2cf98b31fda87a4e0804e52a18a617a123f09b26b0b3150eb';
const WHO_CAN_DIGEST = 'c9af83bab652417a32deecfdcab554f911af2183c068fe3b39085e8f8781c2b9';
const EDITED_DIGEST = 'f63d031e0e12b790dde2616bdfc477faaed5369e3bc42335c0f66ea3b37e53a3';
const EDITED_WHO_CAN_DIGEST = '17fe6697152770adfe9a69952e47a59b14c92c7dd88c7cf90f1c16da30b59db0';
