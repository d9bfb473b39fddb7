// The access view's layout worker: elkjs's bundle takes a worker's onmessage for its own dispatcher when loaded in
// one; the worker module must take it back and answer a layout request with positioned cards and placed labels.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toAccessFlow, type AccessAccount } from '@/components/access/access-flow';
import type { AccessLayoutReply, AccessLayoutRequest } from '@/components/access/access-layout-protocol';
import type { AccessNodeDto } from '@/server/schemas/access';

const accounts: AccessAccount[] = [{ accountId: '111111111111', name: 'Shared', inOrganization: true, ouPath: [{ id: 'r-1', name: 'Root' }, { id: 'ou-1', name: 'Infra' }] }];
const nodes: AccessNodeDto[] = ['Pipeline', 'Deploy'].map((name) => ({ id: `arn:aws:iam::111111111111:role/${name}`, kind: 'role', name, accountId: '111111111111', inOrganization: true }));

describe('access-layout.worker', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('answers a request with the laid-out flow, after a stage message, even though elkjs loaded in the same scope', async () => {
    const replies: AccessLayoutReply[] = [];
    const scope: { onmessage: ((event: { data: AccessLayoutRequest }) => void) | null; postMessage: (reply: AccessLayoutReply) => void } = { onmessage: null, postMessage: (reply) => replies.push(reply) };
    // A worker's global scope: `self` and no `document` (what elkjs looks for).
    vi.stubGlobal('self', scope);
    await import('@/components/access/access-layout.worker');
    const flow = toAccessFlow(nodes, [{ id: 'e1', from: nodes[0].id, to: nodes[1].id, action: 'sts:AssumeRole', decision: 'allowed', conditions: [], chained: true, maxSessionSeconds: 3600, evaluated: true }], accounts, { folded: new Set(), highlighted: new Set() });
    scope.onmessage!({ data: { id: 7, nodes: flow.nodes, edges: flow.edges } });
    await vi.waitFor(() => expect(replies.length).toBe(2), { timeout: 5_000 });
    expect(replies[0]).toEqual({ id: 7, stage: 'edges' });
    const done = replies[1];
    if (!('nodes' in done)) throw new Error(`no layout: ${JSON.stringify(done)}`);
    const [pipeline, deploy] = nodes.map((node) => done.nodes.find((entry) => entry.id === node.id)!);
    // Layered left to right inside the account box: the role assumed sits right of the one assuming it.
    expect(deploy.position.x).toBeGreaterThan(pipeline.position.x + (pipeline.width ?? 0));
    expect(done.edges.map((edge) => edge.id)).toEqual(['e1']);
  });
});
