// React Flow's onlyRenderVisibleElements judges an edge by the span of its two cards (isEdgeVisible in
// @xyflow/system); the access view draws the routed edges that rule leaves out while part of their route is in view.
import { describe, expect, it } from 'vitest';
import { edgesBeyondTheirCards, viewRectOf, type FlowRect } from '../../../components/access/route-culling';

const cards: Record<string, FlowRect> = {
  a: { x: 0, y: 300, width: 200, height: 44 },
  b: { x: 400, y: 300, width: 200, height: 44 },
};
const cardBox = (id: string) => cards[id];
// From a's right side up over a row of cards (y = 100) and down into b's left side.
const detour = { id: 'a→b', source: 'a', target: 'b', route: [{ x: 200, y: 322 }, { x: 260, y: 322 }, { x: 260, y: 100 }, { x: 380, y: 100 }, { x: 380, y: 322 }, { x: 400, y: 322 }] };
const straight = { id: 'a→b straight', source: 'a', target: 'b', route: [{ x: 200, y: 322 }, { x: 400, y: 322 }] };

describe('edgesBeyondTheirCards', () => {
  it('returns an edge whose cards are out of view when its detour is in view', () => {
    // The view shows y 0..250 only: both cards (y 300..344) are below it, the lane at y = 100 is in it.
    expect(edgesBeyondTheirCards([detour, straight], cardBox, { x: 0, y: 0, width: 800, height: 250 }).map((edge) => edge.id)).toEqual(['a→b']);
  });

  it('leaves edges React Flow draws itself (their cards\' span is in view) and edges wholly out of view', () => {
    expect(edgesBeyondTheirCards([detour, straight], cardBox, { x: 0, y: 200, width: 800, height: 400 })).toEqual([]);
    expect(edgesBeyondTheirCards([detour], cardBox, { x: 0, y: -500, width: 800, height: 400 })).toEqual([]);
    expect(edgesBeyondTheirCards([detour], cardBox, { x: 1000, y: 0, width: 800, height: 250 })).toEqual([]);
  });

  it('counts a vertical segment crossing the view although none of its bends is in view', () => {
    // The view is a band x 250..270, y 150..200: only the vertical run at x = 260 passes through it.
    expect(edgesBeyondTheirCards([detour], cardBox, { x: 250, y: 150, width: 20, height: 50 }).map((edge) => edge.id)).toEqual(['a→b']);
  });

  it('skips edges without a route or with a card React Flow does not know', () => {
    expect(edgesBeyondTheirCards([{ id: 'curve', source: 'a', target: 'b' }, { ...detour, target: 'gone' }], cardBox, { x: 0, y: 0, width: 800, height: 250 })).toEqual([]);
  });

  it('reads the view from React Flow\'s transform and the pane size', () => {
    expect(viewRectOf([-100, 50, 2], 800, 600)).toEqual({ x: 50, y: -25, width: 400, height: 300 });
  });
});
