// The sliced exports (what the editor runs, giving the page turns) draw exactly what the one-piece ones draw, and
// the pause yields only once a slice has used its budget.
import { describe, expect, it } from 'vitest';
import { compactLayout, compactLayoutSliced } from '@/components/org-graph/compact-layout';
import { slicePause, toPdf, toSvg, toSvgSliced } from '@/components/org-graph/export';
import { toFlow } from '@/components/org-graph/to-flow';
import type { OrgTree } from '@/server/schemas/org';
import { sampleDiagram } from './sample-diagram';

const none = { scp: 0, rcp: 0 };
const tree: OrgTree = {
  designId: 'd', organizationId: null, managementAccountId: null, policyCount: 0,
  root: { id: 'r', awsId: 'r-1', name: 'Root', policyCounts: none, attachedPolicies: [] },
  orgUnits: Array.from({ length: 30 }, (_, index) => ({ id: `ou${index}`, awsId: `ou-${index}`, name: `OU ${index}`, parentId: 'r', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 })),
  accounts: Array.from({ length: 300 }, (_, index) => {
    const id = String(100000000000 + index);
    return { id, accountId: id, name: `a${index}`, email: null, status: 'ACTIVE' as const, parentId: `ou${index % 30}`, isManagement: false, policyCounts: none, attachedPolicies: [] };
  }),
};

describe('sliced exports', () => {
  it('draw the same SVG, the same PDF and the same sheet layout as the one-piece functions, pausing along the way', async () => {
    let pauses = 0;
    const pause = () => {
      pauses += 1;
      return Promise.resolve();
    };
    const model = sampleDiagram();
    expect(Buffer.concat(await toSvgSliced(model, { pause })).toString('utf8')).toBe(toSvg(model));
    expect(Buffer.from(await toPdf(model, { compress: false, pause })).toString('latin1')).toBe(Buffer.from(await toPdf(model, { compress: false })).toString('latin1'));
    const flow = toFlow(tree);
    const before = pauses;
    const sliced = await compactLayoutSliced(flow.nodes, flow.edges, pause);
    expect(pauses).toBeGreaterThan(before);
    const whole = compactLayout(flow.nodes, flow.edges);
    expect([...sliced.positions]).toEqual([...whole.positions]);
    expect([...sliced.routes]).toEqual([...whole.routes]);
  });

  it('yields to the event loop only after the slice budget is spent', async () => {
    const pause = slicePause(20);
    let ticked = false;
    setTimeout(() => (ticked = true), 0);
    await pause();
    expect(ticked).toBe(false);
    const start = performance.now();
    while (performance.now() - start < 25) { /* spend the budget */ }
    await pause();
    expect(ticked).toBe(true);
  });
});
