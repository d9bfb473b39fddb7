// `lzsim access-graph --bundle FILE [--json|--mermaid]`: every "can assume" edge of an AWS export bundle, decided by
// the engine, with the conditions each one needs.
import { allEdges, buildAccessGraph, type AccessGraph } from '../../engine/access/access-graph';
import type { AccessNode } from '../../engine/access/types';
import { CliError } from '../cli-error';
import { defineCommand, requireOption } from '../command';
import { fileLabel, readBundleWorld } from '../json-input';
import { describeConditions, describeNode, edgeJson } from './access-output';

const HELP = `Usage: lzsim access-graph --bundle FILE [--json | --mermaid]

The access graph of an AWS export bundle: who can assume which role (users, roles, accounts outside the
organization, AWS services, identity providers), each edge decided by the engine (trust policy, identity
policies, boundary, SCPs, RCPs) and labelled with the conditions it needs (ExternalId, MFA and its age,
aws:PrincipalOrgID / PrincipalOrgPaths, SourceIdentity, session tags). Chained edges (a role session assuming
a role) give sessions of one hour at most.

Options:
  --bundle FILE   the AWS export bundle (required; file://PATH or - for standard input)
  --json          print {Nodes, Edges, Stats} as JSON
  --mermaid       print a Mermaid flowchart, accounts as subgraphs, conditional edges dashed
  -h, --help      show this help

Exit codes: 0 printed, 2 bad arguments, unreadable or invalid bundle.`;

/** The access-graph subcommand. */
export const accessGraphCommand = defineCommand({
  name: 'access-graph',
  summary: 'Print who can assume which role (JSON, Mermaid or text)',
  help: HELP,
  options: { bundle: { type: 'string' }, json: { type: 'boolean' }, mermaid: { type: 'boolean' } },
  async run({ values }, io) {
    requireOption('access-graph', values.bundle, '--bundle FILE');
    if (values.json && values.mermaid) throw new CliError('access-graph: choose one of --json and --mermaid');
    const { file, world, warnings } = await readBundleWorld(values.bundle, io);
    const graph = buildAccessGraph(world);
    for (const warning of [...warnings, ...graph.compiled.warnings]) io.stderr(`lzsim: ${fileLabel(file)}: warning: ${warning}\n`);
    const edges = allEdges(graph).sort((a, b) => a.to.localeCompare(b.to) || a.from.localeCompare(b.from));
    if (values.json) {
      const used = new Set(edges.flatMap((edge) => [edge.from, edge.to]));
      io.stdout(`${JSON.stringify({
        Nodes: [...graph.nodes.values()].filter((node) => used.has(node.id)).map(nodeJson),
        Edges: edges.map(edgeJson),
        Stats: { Edges: graph.stats.edges, CandidatePairs: graph.stats.candidatePairs, Evaluations: graph.stats.evaluations },
      }, null, 2)}\n`);
      return 0;
    }
    if (values.mermaid) {
      io.stdout(toMermaid(graph));
      return 0;
    }
    const lines = [`${edges.length} assume-role edge${edges.length === 1 ? '' : 's'}`];
    for (const edge of edges) {
      lines.push(`  ${edge.decision === 'allowed' ? 'allowed    ' : 'conditional'} ${describeNode(graph, edge.from)} -> ${describeNode(graph, edge.to)}${describeConditions(edge.conditions)}${edge.chained ? ' (chained)' : ''}`);
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
});

function nodeJson(node: AccessNode) {
  return { Id: node.id, Kind: node.kind, Name: node.name, ...(node.accountId ? { AccountId: node.accountId } : {}), InOrganization: node.inOrganization };
}

/** Mermaid text: one subgraph per account, conditional edges dashed with their conditions as labels. */
export function toMermaid(graph: AccessGraph): string {
  const edges = allEdges(graph);
  const used = new Set(edges.flatMap((edge) => [edge.from, edge.to]));
  const ids = new Map<string, string>();
  [...used].sort().forEach((id, i) => ids.set(id, `n${i}`));
  const quote = (text: string) => `"${text.replace(/["\\]/g, "'").replace(/[<>]/g, '')}"`;
  const lines = ['flowchart LR'];
  const byAccount = new Map<string, AccessNode[]>();
  for (const id of used) {
    const node = graph.nodes.get(id);
    if (!node) continue;
    const key = node.accountId ?? (node.kind === 'service' ? 'AWS services' : 'identity providers');
    byAccount.set(key, [...(byAccount.get(key) ?? []), node]);
  }
  [...byAccount.keys()].sort().forEach((key, i) => {
    const nodes = byAccount.get(key)!;
    const accountName = /^\d{12}$/.test(key) ? `${graph.compiled.org.accountName(key) ?? 'account'} ${key}${nodes[0].inOrganization ? '' : ' (outside)'}` : key;
    lines.push(`  subgraph a${i}[${quote(accountName)}]`);
    for (const node of nodes.sort((a, b) => a.name.localeCompare(b.name))) lines.push(`    ${ids.get(node.id)}[${quote(`${node.kind}: ${node.name}`)}]`);
    lines.push('  end');
  });
  for (const edge of edges.sort((a, b) => a.id.localeCompare(b.id))) {
    const label = describeConditions(edge.conditions).trim().replace(/^\[|\]$/g, '');
    const arrow = edge.decision === 'conditional' ? '-.->' : '-->';
    lines.push(`  ${ids.get(edge.from)} ${arrow}${label ? `|${quote(label)}|` : ''} ${ids.get(edge.to)}`);
  }
  return `${lines.join('\n')}\n`;
}

