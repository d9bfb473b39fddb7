// Share-edge labels on the live canvas never cover a card or another label: each goes to the first free spot on its
// own curve (React Flow's bezier between right-side handles), else off it, else in a row under the tree.
import { describe, expect, it } from 'vitest';
import { LABEL_HEIGHT, labelSize, placeShareLabels, pointOnCurve, type LabelledCurve, type Rect } from '@/components/ram/share-label-placement';

const card = (x: number, y: number, width = 220, height = 88): Rect => ({ x, y, width, height });
const boxOf = (label: string, at: { x: number; y: number }): Rect => {
  const size = labelSize(label);
  return { x: at.x - size.width / 2, y: at.y - size.height / 2, ...size };
};
const apart = (a: Rect, b: Rect) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

describe('share label placement', () => {
  it('follows React Flow\'s bezier: ends at the handles, middle between them', () => {
    const curve: LabelledCurve = { id: 'e', label: 'x', source: { x: 0, y: 0, side: 'right' }, target: { x: 400, y: 200, side: 'left' } };
    expect(pointOnCurve(curve, 0)).toEqual({ x: 0, y: 0 });
    expect(pointOnCurve(curve, 1)).toEqual({ x: 400, y: 200 });
    expect(pointOnCurve(curve, 0.5)).toEqual({ x: 200, y: 100 });
  });

  it('moves a label off a card its curve crosses, and keeps labels of parallel edges apart', () => {
    // A row of accounts under one OU; the owner (first) shares with the OU card above and two siblings to the right:
    // the curves' middles fall on the cards between them.
    const cards = [card(0, 300), card(260, 300), card(520, 300), card(780, 300), card(260, 100, 220, 72)];
    const owner = { x: 220, y: 344, side: 'right' as const };
    const curves: LabelledCurve[] = [
      { id: 'to-ou', label: 'RAM shared-subnets', source: owner, target: { x: 480, y: 136, side: 'right' } },
      { id: 'to-3', label: 'RAM shared-tgw', source: owner, target: { x: 740, y: 344, side: 'right' } },
      { id: 'to-4', label: 'RAM shared-tgw · SCPs stop 1/1', source: owner, target: { x: 1000, y: 344, side: 'right' } },
      { id: 'to-4b', label: 'RAM resolver-rules', source: owner, target: { x: 1000, y: 344, side: 'right' } },
    ];
    // Without placement the middle of "to-3" lies on the card at x 520.
    expect(apart(boxOf('RAM shared-tgw', pointOnCurve(curves[1], 0.5)), cards[2])).toBe(false);
    const spots = placeShareLabels(curves, cards);
    const boxes = curves.map((c) => boxOf(c.label, spots.get(c.id)!));
    for (const box of boxes) for (const c of cards) expect(apart(box, c), JSON.stringify({ box, c })).toBe(true);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(apart(boxes[i], boxes[j])).toBe(true);
  });

  it('puts a label with no free spot near its curve in a row under the tree', () => {
    // A curve buried in a wall of cards.
    const cards = Array.from({ length: 12 }, (_, row) => card(0, row * 40, 1000, 40));
    const curves: LabelledCurve[] = [{ id: 'buried', label: 'RAM inside', source: { x: 100, y: 200, side: 'right' }, target: { x: 300, y: 220, side: 'right' } }];
    const spot = placeShareLabels(curves, cards).get('buried')!;
    expect(spot.y - LABEL_HEIGHT / 2).toBeGreaterThanOrEqual(12 * 40);
  });
});
