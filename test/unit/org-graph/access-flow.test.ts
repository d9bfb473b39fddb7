// toAccessFlow: principals inside account boxes inside OU boxes, edges styled by their conditions, folded accounts.
import { describe, expect, it } from 'vitest';
import { edgeLabel, edgeStyleKind, toAccessFlow, type AccessAccount } from '@/components/access/access-flow';
import type { AccessEdgeDto, AccessNodeDto } from '@/server/schemas/access';

const accounts: AccessAccount[] = [
  { accountId: '111111111111', name: 'Shared', inOrganization: true, ouPath: [{ id: 'r-1', name: 'Root' }, { id: 'ou-1', name: 'Infra' }] },
  { accountId: '222222222222', name: 'Prod', inOrganization: true, ouPath: [{ id: 'r-1', name: 'Root' }, { id: 'ou-2', name: 'Workloads' }, { id: 'ou-3', name: 'Prod' }] },
];
const nodes: AccessNodeDto[] = [
  { id: 'arn:aws:iam::111111111111:role/Pipeline', kind: 'role', name: 'Pipeline', accountId: '111111111111', inOrganization: true },
  { id: 'arn:aws:iam::222222222222:role/Deploy', kind: 'role', name: 'Deploy', accountId: '222222222222', inOrganization: true },
  { id: 'arn:aws:iam::333333333333:role/lzsim-external/AnyPrincipal', kind: 'external-account', name: 'Account 333333333333', accountId: '333333333333', inOrganization: false },
  { id: 'service:codebuild.amazonaws.com', kind: 'service', name: 'codebuild.amazonaws.com', inOrganization: false },
];
const edge = (from: string, to: string, conditions: AccessEdgeDto['conditions'] = [], chained = false): AccessEdgeDto => ({
  id: `${from} -> ${to}`, from, to, action: 'sts:AssumeRole', decision: conditions.some((c) => c.mustSupply) ? 'conditional' : 'allowed', conditions, chained, maxSessionSeconds: 3600, evaluated: true,
});
const edges = [
  edge(nodes[0].id, nodes[1].id, [], true),
  edge(nodes[2].id, nodes[1].id, [{ kind: 'externalId', key: 'sts:ExternalId', values: ['x'], mustSupply: true }]),
  edge(nodes[3].id, nodes[0].id),
];

describe('toAccessFlow', () => {
  it('nests cards in account boxes and account boxes in OU boxes (the root is not a box)', () => {
    const flow = toAccessFlow(nodes, edges, accounts, { folded: new Set(), highlighted: new Set() });
    const byId = new Map(flow.nodes.map((node) => [node.id, node]));
    expect(byId.get(nodes[1].id)?.parentId).toBe('account:222222222222');
    expect(byId.get('account:222222222222')?.parentId).toBe('ou:ou-3');
    expect(byId.get('ou:ou-3')?.parentId).toBe('ou:ou-2');
    expect(byId.get('ou:ou-2')?.parentId).toBeUndefined();
    expect(byId.get('account:333333333333')?.data).toMatchObject({ kind: 'outside' });
    expect(byId.get('service:codebuild.amazonaws.com')?.parentId).toBeUndefined();
    // Parents come before their children, as React Flow requires.
    const order = flow.nodes.map((node) => node.id);
    for (const node of flow.nodes) if (node.parentId) expect(order.indexOf(node.parentId)).toBeLessThan(order.indexOf(node.id));
  });

  it('styles edges by the condition they need, dashed when conditional', () => {
    const flow = toAccessFlow(nodes, edges, accounts, { folded: new Set(), highlighted: new Set([edges[0].id]) });
    const external = flow.edges.find((candidate) => candidate.source === nodes[2].id)!;
    expect(external.className).toContain('access-edge--externalId');
    expect(external.className).toContain('access-edge--conditional');
    expect(external.label).toBe('ExternalId');
    expect(flow.edges.find((candidate) => candidate.source === nodes[0].id)?.className).toContain('access-edge--highlighted');
    expect(edgeStyleKind(edges[0])).toBe('chained');
    expect(edgeLabel(edge('a', 'b', [{ kind: 'mfaAge', key: 'aws:MultiFactorAuthAge', values: ['3599'], mustSupply: true }]))).toBe('MFA age ≤ 3599 s');
  });

  it('folds an account into one box and redirects its edges', () => {
    const flow = toAccessFlow(nodes, edges, accounts, { folded: new Set(['222222222222']), highlighted: new Set() });
    expect(flow.nodes.some((node) => node.id === nodes[1].id)).toBe(false);
    expect(flow.edges.filter((candidate) => candidate.target === 'account:222222222222')).toHaveLength(2);
  });
});
