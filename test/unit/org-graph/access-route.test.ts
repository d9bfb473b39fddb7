// Edge routes of the access view: orthogonal, from the source card's right side to the target card's left side, and
// never through a card (or a box's name), whatever the layout: columns of cards in accounts, packed folded accounts.
import { describe, expect, it } from 'vitest';
import { cardBoxes, gridOfAccount, LAYERED_UP_TO, nameBoxes, placeEdgeLabels, routeAccessFlow, toAccessFlow, type AccessAccount } from '@/components/access/access-flow';
import { layoutAccessFlow } from '@/components/access/access-layout-elk';
import { pointOnRoute, routeEdges, routePath, ROUTE_CLEARANCE, type RouteBox, type RoutePoint, type RouteRequest } from '@/components/access/access-route';
import { LANE_SPACING, nudgeRoutes } from '@/components/access/route-nudge';
import type { AccessEdgeDto, AccessNodeDto } from '@/server/schemas/access';

/** True when the axis-aligned segment a–b runs through the inside of the box (touching its border is not). */
function crosses(a: RoutePoint, b: RoutePoint, box: RouteBox): boolean {
  const [left, right] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [top, bottom] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return left < box.x + box.width && right > box.x && top < box.y + box.height && bottom > box.y;
}

/** Every check a route must pass: its ends on the cards' sides, straight runs only, no card or wall crossed. */
function expectClear(route: RoutePoint[] | undefined, source: RouteBox, target: RouteBox, obstacles: readonly RouteBox[]): void {
  expect(route).toBeDefined();
  const points = route!;
  // It starts on the source's right side and ends on the target's left side (edges sharing a lane a few px apart).
  const [first, last] = [points[0], points[points.length - 1]];
  expect(first.x).toBe(source.x + source.width);
  expect(first.y).toBeGreaterThan(source.y);
  expect(first.y).toBeLessThan(source.y + source.height);
  expect(last.x).toBe(target.x);
  expect(last.y).toBeGreaterThan(target.y);
  expect(last.y).toBeLessThan(target.y + target.height);
  for (let k = 1; k < points.length; k++) {
    const [a, b] = [points[k - 1], points[k]];
    expect(a.x === b.x || a.y === b.y, `segment ${k} is not horizontal or vertical`).toBe(true);
    for (const box of obstacles) expect(crosses(a, b, box), `segment ${k} (${JSON.stringify([a, b])}) crosses ${JSON.stringify(box)}`).toBe(false);
  }
  // It leaves the source to the right and enters the target from the left.
  expect(points[1].x).toBeGreaterThan(points[0].x);
  expect(points[points.length - 2].x).toBeLessThan(points[points.length - 1].x);
}

/** Pairs of straight runs of two different routes drawn one on the other: collinear (under 1 px apart) and overlapping. */
function sharedRuns(routes: ReadonlyMap<string, RoutePoint[]>): string[] {
  const runs: { id: string; horizontal: boolean; lane: number; low: number; high: number }[] = [];
  for (const [id, points] of routes) {
    for (let k = 1; k < points.length; k++) {
      const [a, b] = [points[k - 1], points[k]];
      const horizontal = a.y === b.y;
      const [p, q] = horizontal ? [a.x, b.x] : [a.y, b.y];
      runs.push({ id, horizontal, lane: horizontal ? a.y : a.x, low: Math.min(p, q), high: Math.max(p, q) });
    }
  }
  runs.sort((a, b) => a.lane - b.lane);
  const shared: string[] = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length && runs[j].lane - runs[i].lane < 1; j++) {
      const [r, s] = [runs[i], runs[j]];
      if (r.id !== s.id && r.horizontal === s.horizontal && Math.min(r.high, s.high) - Math.max(r.low, s.low) > 0) shared.push(`${r.id} / ${s.id} at ${r.lane}`);
    }
  }
  return shared;
}

/** How many times a route crosses another (a horizontal run through a vertical one, away from both runs' ends). */
function crossings(routes: ReadonlyMap<string, RoutePoint[]>): number {
  const runs = [...routes.entries()].flatMap(([id, points]) => points.slice(1).map((b, k) => ({ id, a: points[k], b })));
  let count = 0;
  for (const h of runs.filter((run) => run.a.y === run.b.y)) {
    for (const v of runs.filter((run) => run.a.x === run.b.x && run.a.y !== run.b.y)) {
      if (h.id === v.id) continue;
      const [left, right, top, bottom] = [Math.min(h.a.x, h.b.x), Math.max(h.a.x, h.b.x), Math.min(v.a.y, v.b.y), Math.max(v.a.y, v.b.y)];
      if (v.a.x > left && v.a.x < right && h.a.y > top && h.a.y < bottom) count += 1;
    }
  }
  return count;
}

describe('routeEdges', () => {
  const card = (x: number, y: number): RouteBox => ({ x, y, width: 200, height: 44 });

  it('goes around a card standing between the two ends', () => {
    const cards = new Map([['a', card(0, 100)], ['wall', card(300, 90)], ['b', card(600, 100)]]);
    const { routes, unrouted } = routeEdges(cards, [{ id: 'e', source: 'a', target: 'b' }]);
    expect(unrouted).toBe(0);
    expectClear(routes.get('e'), cards.get('a')!, cards.get('b')!, [...cards.values()]);
    // It bends around the wall instead of running straight through it.
    expect(routes.get('e')!.length).toBeGreaterThan(2);
  });

  it('reaches a card above the source in the same column by going round the column', () => {
    const column = [0, 1, 2, 3].map((row) => card(0, row * 58));
    const cards = new Map(column.map((box, row) => [`r${row}`, box]));
    const { routes } = routeEdges(cards, [{ id: 'up', source: 'r3', target: 'r0' }, { id: 'down', source: 'r0', target: 'r2' }]);
    for (const [id, source, target] of [['up', 'r3', 'r0'], ['down', 'r0', 'r2']] as const) {
      const route = routes.get(id);
      expectClear(route, cards.get(source)!, cards.get(target)!, column);
      // It comes down (or up) a lane left of the column, at least the clearance away from it.
      expect(route!.some((point) => point.x <= -ROUTE_CLEARANCE)).toBe(true);
    }
  });

  it('keeps off walls (box names) as it keeps off cards', () => {
    const cards = new Map([['a', card(0, 100)], ['b', card(600, 100)]]);
    const name: RouteBox = { x: 250, y: 60, width: 300, height: 120 };
    const { routes } = routeEdges(cards, [{ id: 'e', source: 'a', target: 'b' }], [name]);
    expectClear(routes.get('e'), cards.get('a')!, cards.get('b')!, [...cards.values(), name]);
  });

  it('counts an edge it cannot route: a target walled in by cards closer than the clearance', () => {
    const target = card(500, 500);
    const cards = new Map([
      ['a', card(0, 0)], ['b', target],
      ['left', { x: 480, y: 440, width: 12, height: 170 }], ['top', { x: 480, y: 440, width: 240, height: 52 }],
      ['right', { x: 708, y: 440, width: 12, height: 170 }], ['bottom', { x: 480, y: 552, width: 240, height: 58 }],
    ]);
    const { routes, unrouted } = routeEdges(cards, [{ id: 'e', source: 'a', target: 'b' }, { id: 'lost', source: 'a', target: 'nowhere' }]);
    expect(routes.has('e')).toBe(false);
    expect(unrouted).toBe(2);
  });
});

describe('nudgeRoutes', () => {
  const card = (x: number, y: number): RouteBox => ({ x, y, width: 200, height: 44 });
  /** Routes the edges (which must share a lane), sets them apart, and checks no run is shared and nothing crosses. */
  const routedApart = (cards: ReadonlyMap<string, RouteBox>, edges: RouteRequest[]) => {
    const { routes } = routeEdges(cards, edges);
    expect(sharedRuns(routes)).not.toEqual([]);
    const ends = new Map(edges.map((edge) => [edge.id, { source: cards.get(edge.source)!, target: cards.get(edge.target)! }]));
    const nudged = nudgeRoutes(routes, ends, [...cards.values()]);
    expect(sharedRuns(nudged)).toEqual([]);
    expect(crossings(nudged)).toBe(0);
    return nudged;
  };

  it('sets two edges leaving one card apart, the one turning up above the one turning down, without a crossing', () => {
    // Named so that alphabetical order would put the wrong one on top.
    const cards = new Map([['a', card(0, 100)], ['up', card(600, 0)], ['down', card(600, 200)]]);
    const edges = [{ id: 'z-to-up', source: 'a', target: 'up' }, { id: 'a-to-down', source: 'a', target: 'down' }];
    const nudged = routedApart(cards, edges);
    const [up, down] = [nudged.get('z-to-up')!, nudged.get('a-to-down')!];
    expect(down[0].y - up[0].y).toBe(LANE_SPACING);
    for (const edge of edges) expectClear(nudged.get(edge.id), cards.get(edge.source)!, cards.get(edge.target)!, [...cards.values()]);
  });

  it('keeps a bundle in order round its bends: three edges from one card down to three cards cross nowhere', () => {
    // The nearest target's edge turns off first, so it runs on the inside of the bundle; names sort the other way.
    const cards = new Map([['a', card(0, 0)], ['near', card(600, 150)], ['middle', card(600, 250)], ['far', card(600, 350)]]);
    const edges = [{ id: 'a-far', source: 'a', target: 'far' }, { id: 'b-middle', source: 'a', target: 'middle' }, { id: 'c-near', source: 'a', target: 'near' }];
    routedApart(cards, edges);
  });

  it('keeps a route no other shares as it is', () => {
    const cards = new Map([['a', card(0, 100)], ['b', card(600, 300)]]);
    const { routes } = routeEdges(cards, [{ id: 'e', source: 'a', target: 'b' }]);
    const nudged = nudgeRoutes(routes, new Map([['e', { source: cards.get('a')!, target: cards.get('b')! }]]), [...cards.values()]);
    expect(nudged.get('e')).toEqual(routes.get('e'));
  });
});

describe('routePath and pointOnRoute', () => {
  const route = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 50 }, { x: 200, y: 50 }];

  it('draws straight runs with rounded bends, from the first point to the last', () => {
    const path = routePath(route);
    expect(path.startsWith('M 0 0 L 92 0 Q 100 0 100 8')).toBe(true);
    expect(path.endsWith('L 200 50')).toBe(true);
    expect(path.match(/Q/g)).toHaveLength(2);
  });

  it('finds the point at a share of the length', () => {
    expect(pointOnRoute(route, 0)).toEqual({ x: 0, y: 0 });
    expect(pointOnRoute(route, 0.5)).toEqual({ x: 100, y: 25 });
    expect(pointOnRoute(route, 1)).toEqual({ x: 200, y: 50 });
  });
});

describe('the access view with hundreds of roles', () => {
  // 24 accounts of 10 roles in four OUs: a ring of role 0s, role 1 of each account into role 2 of the next, role 3
  // into role 4 of its own account, and the pipeline of account 0 into role 5 of every account.
  const accounts: AccessAccount[] = [];
  const nodes: AccessNodeDto[] = [];
  const edges: AccessEdgeDto[] = [];
  const id = (a: number) => String(300000000000 + a);
  const role = (a: number, r: number) => `arn:aws:iam::${id(a)}:role/R${r}`;
  const edge = (from: string, to: string, conditions: AccessEdgeDto['conditions'] = []): AccessEdgeDto => ({
    id: `${from} -> ${to}`, from, to, action: 'sts:AssumeRole', decision: conditions.length > 0 ? 'conditional' : 'allowed', conditions, chained: false, maxSessionSeconds: 3600, evaluated: true,
  });
  for (let a = 0; a < 24; a++) {
    accounts.push({ accountId: id(a), name: `workload-${a}`, inOrganization: true, ouPath: [{ id: 'r-1', name: 'Root' }, { id: `ou-${a % 4}`, name: `Team ${a % 4}` }] });
    for (let r = 0; r < 10; r++) nodes.push({ id: role(a, r), kind: 'role', name: `R${r}`, accountId: id(a), inOrganization: true });
  }
  const mfa = [{ kind: 'mfa' as const, key: 'aws:MultiFactorAuthPresent', values: ['true'], mustSupply: true }];
  for (let a = 0; a < 24; a++) {
    edges.push(edge(role(a, 0), role((a + 1) % 24, 0), mfa), edge(role(a, 1), role((a + 1) % 24, 2)), edge(role(a, 3), role(a, 4)), edge(role(0, 9), role(a, 5)));
  }

  it('lays 240 open cards out as columns inside their accounts, accounts packed by OU, nothing overlapping', async () => {
    expect(nodes.length).toBeGreaterThan(LAYERED_UP_TO);
    const flow = toAccessFlow(nodes, edges, accounts, { folded: new Set(), highlighted: new Set() });
    const positioned = await layoutAccessFlow(flow.nodes, flow.edges);
    const cards = [...cardBoxes(positioned).values()];
    expect(cards).toHaveLength(240);
    for (let i = 0; i < cards.length; i++) {
      for (let j = i + 1; j < cards.length; j++) expect(crosses({ x: cards[i].x, y: cards[i].y }, { x: cards[i].x + cards[i].width, y: cards[i].y + cards[i].height }, cards[j])).toBe(false);
    }
    // Each card inside its account's box, below the account's name.
    const boxes = new Map(positioned.map((node) => [node.id, node]));
    for (const node of positioned.filter((entry) => entry.type === 'principal')) {
      const parent = boxes.get(node.parentId!)!;
      expect(node.position.x).toBeGreaterThan(0);
      expect(node.position.y).toBeGreaterThanOrEqual(30);
      expect(node.position.x + (node.width ?? 0)).toBeLessThan(parent.width ?? 0);
      expect(node.position.y + (node.height ?? 0)).toBeLessThan(parent.height ?? 0);
    }
  });

  it('routes every edge around every card and every box name: open, folded, and six open accounts laid out in layers', async () => {
    const six = nodes.filter((node) => Number(node.accountId!.slice(-2)) < 6);
    const sixEdges = edges.filter((entry) => six.some((node) => node.id === entry.from) && six.some((node) => node.id === entry.to));
    expect(six.length).toBeLessThanOrEqual(LAYERED_UP_TO);
    const views = [[nodes, edges, new Set<string>()], [nodes, edges, new Set(accounts.map((account) => account.accountId))], [six, sixEdges, new Set<string>()]] as const;
    for (const [shown, shownEdges, folded] of views) {
      const flow = toAccessFlow(shown, shownEdges, accounts, { folded, highlighted: new Set() });
      const positioned = await layoutAccessFlow(flow.nodes, flow.edges);
      const routed = routeAccessFlow(positioned, flow.edges);
      const cards = cardBoxes(positioned);
      const obstacles = [...cards.values(), ...nameBoxes(positioned)];
      expect(routed.length).toBeGreaterThan(20);
      for (const entry of routed) expectClear(entry.data?.route, cards.get(entry.source)!, cards.get(entry.target)!, obstacles);
    }
  });

  it('sets apart the edges that share a lane, folded and unfolded: no two run one on the other', async () => {
    for (const folded of [new Set<string>(), new Set(accounts.map((account) => account.accountId))]) {
      const flow = toAccessFlow(nodes, edges, accounts, { folded, highlighted: new Set() });
      const positioned = await layoutAccessFlow(flow.nodes, flow.edges);
      const routed = routeAccessFlow(positioned, flow.edges);
      const routes = new Map(routed.flatMap((entry) => (entry.data?.route ? [[entry.id, entry.data.route] as const] : [])));
      expect(routes.size).toBe(routed.length);
      expect(sharedRuns(routes)).toEqual([]);
      console.log(`${folded.size === 0 ? 'unfolded' : 'folded'}: ${routes.size} routes, ${crossings(routes)} crossings`);
    }
  });

  it('draws a label once per lane it shares: the same text is not repeated nearby, and no label sits on a card', async () => {
    const flow = toAccessFlow(nodes, edges, accounts, { folded: new Set(), highlighted: new Set() });
    const positioned = await layoutAccessFlow(flow.nodes, flow.edges);
    const placed = placeEdgeLabels(positioned, routeAccessFlow(positioned, flow.edges));
    const drawn = placed.filter((entry) => entry.label && !entry.data?.labelHidden);
    expect(drawn.length).toBeGreaterThan(0);
    const at = drawn.map((entry) => pointOnRoute(entry.data!.route!, entry.data!.labelAt ?? 0.5));
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) expect(Math.abs(at[i].x - at[j].x) >= 160 || Math.abs(at[i].y - at[j].y) >= 160).toBe(true);
      for (const box of cardBoxes(positioned).values()) expect(crosses(at[i], at[i], box)).toBe(false);
    }
  });
});

describe('gridOfAccount', () => {
  it('fills columns top to bottom, cards edges come into on the left and cards edges leave from on the right', () => {
    const flow = toAccessFlow(
      Array.from({ length: 10 }, (_, r) => ({ id: `r${r}`, kind: 'role' as const, name: `R${r}`, accountId: '111111111111', inOrganization: true })),
      [], [{ accountId: '111111111111', name: 'Shared', inOrganization: true, ouPath: [] }], { folded: new Set(), highlighted: new Set() },
    );
    const cards = flow.nodes.filter((node) => node.type === 'principal');
    const grid = gridOfAccount(cards, 'Shared · 111111111111', new Map([['r7', 3], ['r2', -2]]));
    const xs = [...new Set([...grid.positions.values()].map((position) => position.x))];
    expect(xs).toHaveLength(2);
    expect(grid.positions.get('r2')).toEqual({ x: xs[0], y: 34 });
    expect(grid.positions.get('r7')?.x).toBe(xs[1]);
    expect(grid.width).toBeGreaterThan(xs[1] + 200);
  });
});
