// Where each target's edges lie in the edge store (edge-store.ts), by the target's node number: two integers per node
// in typed arrays instead of a Map from 100,000 role ARNs to 100,000 small objects, which cost a hash of each ARN
// per edit and megabytes the collector copies and traces. The targets keep the order a Map would give them: the
// order they were first set, a target set again after removal going last.

const INITIAL_CAPACITY = 1024;
const NONE = -1;

/** Each target's segment (start, count) by node number, iterable in the order targets were first set. */
export class SegmentTable {
  private starts = new Int32Array(INITIAL_CAPACITY);
  /** Edge count per node, NONE for a node without a segment. */
  private counts = new Int32Array(INITIAL_CAPACITY).fill(NONE);
  /** Each target's place in `order` (meaningful while it has a segment). */
  private places = new Int32Array(INITIAL_CAPACITY);
  /** Targets in the order they were set; entries of removed (or since re-added) targets are skipped. */
  private order: number[] = [];
  private live = 0;

  /** Number of targets with a segment. */
  get size(): number {
    return this.live;
  }

  /** True when the node has a segment (possibly empty). */
  has(node: number): boolean {
    return node < this.counts.length && this.counts[node] !== NONE;
  }

  /** The start of the node's segment (only meaningful when has(node)). */
  start(node: number): number {
    return this.starts[node];
  }

  /** The node's edge count; 0 without a segment. */
  count(node: number): number {
    return this.has(node) ? this.counts[node] : 0;
  }

  /** Give the node the segment; a node without one goes last in the order. */
  set(node: number, start: number, count: number): void {
    if (node >= this.counts.length) this.grow(node + 1);
    if (this.counts[node] === NONE) {
      if (this.order.length > 2 * INITIAL_CAPACITY && this.order.length > 2 * this.live) this.dropStale();
      this.places[node] = this.order.length;
      this.order.push(node);
      this.live += 1;
    }
    this.starts[node] = start;
    this.counts[node] = count;
  }

  /** Move the node's segment (same count). */
  move(node: number, start: number): void {
    this.starts[node] = start;
  }

  /** Remove the node's segment; false when it had none. */
  delete(node: number): boolean {
    if (!this.has(node)) return false;
    this.counts[node] = NONE;
    this.live -= 1;
    return true;
  }

  /** Nodes with a segment, in order. */
  *nodes(): Generator<number, void, undefined> {
    for (let i = 0; i < this.order.length; i++) {
      const node = this.order[i];
      if (this.counts[node] !== NONE && this.places[node] === i) yield node;
    }
  }

  /** The nodes with a segment, in order, as a list (for loops that read every segment). */
  list(): number[] {
    return [...this.nodes()];
  }

  private dropStale(): void {
    const order = this.list();
    for (let i = 0; i < order.length; i++) this.places[order[i]] = i;
    this.order = order;
  }

  private grow(needed: number): void {
    const capacity = Math.max(needed, this.counts.length * 2);
    const grown = (array: Int32Array, fill: number) => {
      const next = new Int32Array(capacity);
      if (fill !== 0) next.fill(fill, array.length);
      next.set(array);
      return next;
    };
    this.starts = grown(this.starts, 0);
    this.counts = grown(this.counts, NONE);
    this.places = grown(this.places, 0);
  }
}
