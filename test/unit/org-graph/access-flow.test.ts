// toAccessFlow: principals inside account boxes inside OU boxes, edges styled by their conditions, folded accounts.
import { describe, expect, it } from 'vitest';
import {
  ACCESS_Z, defaultFolded, edgeLabel, edgeStyleKind, FOLD_ABOVE, labelBox, placeEdgeLabels, pointOnAccessEdge, toAccessFlow, type AccessAccount,
} from '@/components/access/access-flow';
import { layoutAccessFlow } from '@/components/access/access-layout-elk';
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
    expect(byId.get('account:333333333333')?.data).toMatchObject({ kind: 'outside', label: '333333333333 (outside the organization)' });
    expect(byId.get('account:222222222222')?.data).toMatchObject({ label: 'Prod · 222222222222' });
    // The server names an outside account by its id: the box says it once, not "333333333333 · 333333333333".
    const namedById = toAccessFlow(nodes, edges, [...accounts, { accountId: '333333333333', name: '333333333333', inOrganization: false, ouPath: [] }], { folded: new Set(), highlighted: new Set() });
    expect(namedById.nodes.find((node) => node.id === 'account:333333333333')?.data).toMatchObject({ label: '333333333333 (outside the organization)' });
    expect(byId.get('service:codebuild.amazonaws.com')?.parentId).toBeUndefined();
    // "Anyone" sits in a stand-in account whose id no real account has: the box names what it holds instead.
    const anyone: AccessNodeDto = { id: 'arn:aws:iam::000000000000:role/lzsim-external/AnyPrincipal', kind: 'anyone', name: 'Anyone (any AWS account)', accountId: '000000000000', inOrganization: false };
    const withAnyone = toAccessFlow([...nodes, anyone], [...edges, edge(anyone.id, nodes[1].id)], accounts, { folded: new Set(['000000000000']), highlighted: new Set() });
    expect(withAnyone.nodes.find((node) => node.id === 'account:000000000000')?.data).toMatchObject({
      kind: 'outside', label: 'Anyone', heading: { name: 'Anyone', detail: 'any AWS account' },
    });
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
    const sessionNamed = edge('a', 'b', [{ kind: 'sessionName', key: 'Principal', values: ['alice@example.com'], mustSupply: true }]);
    expect(edgeLabel(sessionNamed)).toBe('session named alice@example.com');
    expect(edgeStyleKind(sessionNamed)).toBe('sessionName');
  });

  it('stacks edges under the cards and the chosen path over them (React Flow manual z-index mode)', () => {
    const flow = toAccessFlow(nodes, edges, accounts, { folded: new Set(['222222222222']), highlighted: new Set([edges[2].id]) });
    const cards = flow.nodes.filter((node) => node.type === 'principal' || node.data.folded);
    const boxes = flow.nodes.filter((node) => node.type === 'group' && !node.data.folded);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card.zIndex).toBe(ACCESS_Z.card);
    for (const box of boxes) expect(box.zIndex ?? 0).toBeLessThan(ACCESS_Z.edge);
    const highlighted = flow.edges.filter((entry) => entry.data?.highlighted);
    expect(highlighted.map((entry) => entry.id)).toEqual([edges[2].id]);
    expect(highlighted[0].zIndex).toBeGreaterThan(ACCESS_Z.card);
    for (const entry of flow.edges.filter((item) => !item.data?.highlighted)) expect(entry.zIndex).toBeLessThan(ACCESS_Z.card);
  });

  it('folds an account into one box and redirects its edges', () => {
    const flow = toAccessFlow(nodes, edges, accounts, { folded: new Set(['222222222222']), highlighted: new Set() });
    expect(flow.nodes.some((node) => node.id === nodes[1].id)).toBe(false);
    expect(flow.edges.filter((candidate) => candidate.target === 'account:222222222222')).toHaveLength(2);
  });
});

describe('readable with hundreds of roles', () => {
  // 24 accounts of 10 roles; in each, role 0 is assumed by role 0 of the next account (a ring) and by the pipeline.
  const many: AccessNodeDto[] = [];
  const manyEdges: AccessEdgeDto[] = [];
  const ringAccounts: AccessAccount[] = [];
  for (let a = 0; a < 24; a++) {
    const accountId = String(300000000000 + a);
    ringAccounts.push({ accountId, name: `acct-${a}`, inOrganization: true, ouPath: [{ id: 'r-1', name: 'Root' }, { id: `ou-${a % 4}`, name: `OU ${a % 4}` }] });
    for (let r = 0; r < 10; r++) many.push({ id: `arn:aws:iam::${accountId}:role/R${r}`, kind: 'role', name: `R${r}`, accountId, inOrganization: true });
  }
  for (let a = 0; a < 24; a++) {
    const next = String(300000000000 + ((a + 1) % 24));
    manyEdges.push(edge(`arn:aws:iam::${300000000000 + a}:role/R0`, `arn:aws:iam::${next}:role/R0`, [{ kind: 'externalId', key: 'sts:ExternalId', values: ['x'], mustSupply: true }]));
    manyEdges.push(edge(`arn:aws:iam::${300000000000 + a}:role/R1`, `arn:aws:iam::${next}:role/R2`));
    manyEdges.push(edge(`arn:aws:iam::${300000000000 + a}:role/R3`, `arn:aws:iam::${300000000000 + a}:role/R4`));
  }

  it('folds every account by default above FOLD_ABOVE principals, and none below', () => {
    expect(many.length).toBeGreaterThan(FOLD_ABOVE);
    expect(defaultFolded(many).size).toBe(24);
    expect(defaultFolded(many.slice(0, FOLD_ABOVE)).size).toBe(0);
    // One account over the threshold (a filter on it) stays open: folded it would be one card hiding everything.
    const oneAccount = Array.from({ length: FOLD_ABOVE + 5 }, (_, r) => ({ ...many[0], id: `arn:aws:iam::300000000000:role/Many${r}`, name: `Many${r}` }));
    expect(defaultFolded(oneAccount).size).toBe(0);
  });

  it('a folded account card says what it hides and counts the edges crossing it; edges between two folded accounts merge with a count', () => {
    const flow = toAccessFlow(many, manyEdges, ringAccounts, { folded: defaultFolded(many), highlighted: new Set() });
    expect(flow.nodes.filter((node) => node.type === 'principal')).toHaveLength(0);
    const card = flow.nodes.find((node) => node.id === 'account:300000000005')!;
    expect(card.data).toMatchObject({ folded: true, hidden: { roles: 10, others: 0, edgesIn: 2, edgesOut: 2, fromServices: 0 } });
    const merged = flow.edges.find((candidate) => candidate.source === 'account:300000000005' && candidate.target === 'account:300000000006')!;
    expect(merged.data?.count).toBe(2);
    expect(merged.label).toBe('ExternalId ×2');
    // The edge inside one account is not drawn when it is folded.
    expect(flow.edges.some((candidate) => candidate.source === candidate.target)).toBe(false);
  });

  it('places edge labels so that no two overlap, nor a label a card', async () => {
    // All folded, and all open (six accounts: elk takes seconds for hundreds of open cards).
    const six = many.filter((node) => Number(node.accountId!.slice(-2)) < 6);
    for (const [shown, folded] of [[many, defaultFolded(many)], [six, new Set<string>()]] as const) {
      const flow = toAccessFlow(shown, manyEdges.filter((candidate) => shown.some((node) => node.id === candidate.from) && shown.some((node) => node.id === candidate.to)), ringAccounts, { folded, highlighted: new Set() });
      const positioned = await layoutAccessFlow(flow.nodes, flow.edges);
      const placed = placeEdgeLabels(positioned, flow.edges);
      const absolute = (id: string): { x: number; y: number } => {
        const node = positioned.find((candidate) => candidate.id === id)!;
        const parent = node.parentId ? absolute(node.parentId) : { x: 0, y: 0 };
        return { x: parent.x + node.position.x, y: parent.y + node.position.y };
      };
      const size = (id: string) => positioned.find((candidate) => candidate.id === id)!;
      const boxes = placed.filter((candidate) => candidate.label && !candidate.data?.labelHidden).map((candidate) => {
        const source = absolute(candidate.source);
        const target = absolute(candidate.target);
        const at = pointOnAccessEdge({ x: source.x + (size(candidate.source).width ?? 0), y: source.y + (size(candidate.source).height ?? 0) / 2 }, { x: target.x, y: target.y + (size(candidate.target).height ?? 0) / 2 }, candidate.data?.labelAt ?? 0.5);
        return labelBox(String(candidate.label), at);
      });
      expect(boxes.length).toBeGreaterThan(0);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height, `labels ${i} and ${j} overlap`).toBe(false);
        }
      }
    }
  });
});
