import { describe, expect, it } from 'vitest';
import { MAX_TILE_SIDE, tilePlan } from '@/components/export/rasterize-svg';

describe('PNG tile plan', () => {
  it('draws a small diagram sharper, in one picture', () => {
    const plan = tilePlan(1200, 800);
    expect(plan.scale).toBe(2);
    expect([plan.rows, plan.columns, plan.width, plan.height]).toEqual([1, 1, 2400, 1600]);
  });

  it('never draws below one unit per pixel, and splits what one bitmap cannot hold into even tiles', () => {
    const plan = tilePlan(33_000, 900);
    expect(plan.scale).toBe(1);
    expect([plan.rows, plan.columns]).toEqual([1, 3]);
    expect(plan.tileWidth).toBeLessThanOrEqual(MAX_TILE_SIDE);
    expect(plan.tileWidth * plan.columns).toBeGreaterThanOrEqual(33_000);
    const tall = tilePlan(5_000, 30_000);
    expect([tall.rows, tall.columns, tall.scale]).toEqual([3, 1, 1]);
  });
});
