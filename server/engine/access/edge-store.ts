// The access graph's edges, stored compactly. A 100,000-role design has some 280,000 edges that differ only in their
// two ends: every edge an administrator class has into OrganizationAccountAccessRole in 5,000 accounts carries the
// same decision, conditions, supplied context, statement positions and session limit. So an edge is kept as three
// integers (its source node, its target, and the shape it shares with its look-alikes) in typed arrays, and becomes
// an AssumeEdge object only when read. Each target's edges lie in one contiguous segment, in the order they were
// added; replacing a target's edges appends a new segment and leaves the old one as garbage, reclaimed by compaction.
// The store is a ReadonlyMap from target to its edges, so readers see the same `incoming` map as before.

import type { ContextEntry } from '../types';
import { SegmentTable } from './segment-table';
import type { AssumeEdge, EdgeCondition, EdgeStatement } from './types';

/** Everything of an edge but its two ends: shared by every edge alike. */
interface EdgeShape {
  action: AssumeEdge['action'];
  decision: AssumeEdge['decision'];
  conditions: EdgeCondition[];
  suppliedContext: ContextEntry[];
  /** Statement positions and Sids of the target's trust policy ("TARGET/trust-policy"). */
  statements: readonly { statementIndex: number; sid?: string }[];
  chained: boolean;
  maxSessionSeconds: number;
  evaluated: boolean;
}

/** The shape of the edges from one trust statement's service or identity provider, with what tells it apart. */
interface StatementShape {
  action: AssumeEdge['action'];
  statementIndex: number;
  sid: string | undefined;
  maxSessionSeconds: number;
  shape: number;
}

const INITIAL_CAPACITY = 1024;
/** Compaction runs when garbage entries exceed both this count and the live entries. */
const COMPACT_AFTER = 4096;

/** The trust-policy id every shaped edge's statements name: the target role's. */
function trustPolicyId(target: string): string {
  return `${target}/trust-policy`;
}

/** Numbers for node ids, given in order of first use (the graph's index numbers every principal as it indexes it). */
export class NodeNumbers {
  /** Node ids by number. */
  readonly ids: string[] = [];
  private readonly numbers = new Map<string, number>();

  /** The node's number, given on first use. */
  number(id: string): number {
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = this.ids.length;
      this.ids.push(id);
      this.numbers.set(id, number);
    }
    return number;
  }

  /** The node's number, when it has one. */
  find(id: string): number | undefined {
    return this.numbers.get(id);
  }
}

/** Edges by target node, three integers per edge; an AssumeEdge object is built when read. */
export class EdgeStore implements ReadonlyMap<string, readonly AssumeEdge[]> {
  private readonly nodeIds: string[];
  private readonly nodes: NodeNumbers;
  private readonly shapes: EdgeShape[] = [];
  private readonly shapeByTemplate = new WeakMap<AssumeEdge, Map<number, number>>();
  private readonly shapeByConditions = new WeakMap<EdgeCondition[], StatementShape[]>();
  /** Edges that do not follow the shared form (kept whole); a negative shape -(i + 1) points here. */
  private verbatim: AssumeEdge[] = [];
  private from = new Int32Array(INITIAL_CAPACITY);
  private shape = new Int32Array(INITIAL_CAPACITY);
  private target = new Int32Array(INITIAL_CAPACITY);
  private length = 0;
  private liveEdges = 0;
  /** Segment of each target, by its node number, in the order targets were first set. */
  private readonly segments = new SegmentTable();
  private openStart = -1;
  private outgoingIndex?: { offsets: Int32Array; positions: Int32Array };

  /** A store numbering its nodes with `nodes` (shared with the graph's index, which numbers principals up front). */
  constructor(nodes = new NodeNumbers()) {
    this.nodes = nodes;
    this.nodeIds = nodes.ids;
  }

  /** Number of targets. */
  get size(): number {
    return this.segments.size;
  }

  /** Number of edges. */
  get edgeCount(): number {
    return this.liveEdges;
  }

  /** The target's edges, built as objects; undefined when the target has no entry. */
  get(key: string): readonly AssumeEdge[] | undefined {
    const node = this.nodes.find(key);
    return node === undefined || !this.segments.has(node) ? undefined : this.edgesOf(node);
  }

  /** True when the target has an entry (possibly empty). */
  has(key: string): boolean {
    const node = this.nodes.find(key);
    return node !== undefined && this.segments.has(node);
  }

  /**
   * Where the target's edges lie (read them one by one with sourceAt and edgeAtPosition), without building them;
   * undefined when it has no entry. Valid until the store changes.
   */
  segmentOf(key: string): { start: number; count: number } | undefined {
    const node = this.nodes.find(key);
    return node === undefined || !this.segments.has(node) ? undefined : { start: this.segments.start(node), count: this.segments.count(node) };
  }

  /** The source node id of the edge at a position of a segment (segmentOf). */
  sourceAt(position: number): string {
    return this.nodeIds[this.from[position]];
  }

  /** The edge at a position of the target's segment (segmentOf), built as an object. */
  edgeAtPosition(position: number, key: string): AssumeEdge {
    return this.edgeAt(position, key);
  }

  /** Number of edges into the target. */
  countInto(key: string): number {
    const node = this.nodes.find(key);
    return node === undefined ? 0 : this.segments.count(node);
  }

  /** Replace the target's edges with `edges` (any form). */
  set(key: string, edges: readonly AssumeEdge[]): this {
    this.open();
    for (const edge of edges) this.pushEdge(edge);
    this.close(key);
    return this;
  }

  /** Remove the target and its edges. */
  delete(key: string): boolean {
    const node = this.nodes.find(key);
    if (node === undefined || !this.segments.has(node)) return false;
    this.liveEdges -= this.segments.count(node);
    this.segments.delete(node);
    this.changed();
    return true;
  }

  /** Edges pushed since open() (0 when no segment is open). */
  get pendingCount(): number {
    return this.openStart === -1 ? 0 : this.length - this.openStart;
  }

  /** Start collecting a target's edges (pushFrom / pushEdge), to be stored by close(). One at a time. */
  open(): void {
    if (this.openStart !== -1) throw new Error('EdgeStore: a segment is already open');
    this.openStart = this.length;
  }

  /** Store the edges pushed since open() as the target's edges, replacing any it had. */
  close(key: string): void {
    this.closeNumbered(this.nodeNumber(key));
  }

  /**
   * close() for a target already numbered by the store's NodeNumbers (a full build walks its roles by number: a lookup
   * in the map of 100,000 ARNs per role was some 100 ms of a cold build).
   */
  closeNumbered(target: number): void {
    const start = this.openStart;
    this.openStart = -1;
    const count = this.length - start;
    for (let i = start; i < this.length; i++) this.target[i] = target;
    this.liveEdges += count - this.segments.count(target);
    this.segments.set(target, start, count);
    this.changed();
  }

  /** Push the target's current edges again (to extend them before close()). */
  pushExisting(key: string): void {
    const node = this.nodes.find(key);
    if (node === undefined || !this.segments.has(node)) return;
    const start = this.segments.start(node);
    const count = this.segments.count(node);
    for (let i = 0; i < count; i++) this.append(this.from[start + i], this.shape[start + i]);
  }

  /** Push the target's current edges except those from `fromId`; returns how many were left out. */
  pushExistingExcept(key: string, fromId: string): number {
    const node = this.nodes.find(key);
    const skip = this.nodes.find(fromId);
    let left = 0;
    if (node === undefined || !this.segments.has(node)) return left;
    const start = this.segments.start(node);
    const count = this.segments.count(node);
    for (let i = 0; i < count; i++) {
      const position = start + i;
      if (this.from[position] === skip) left += 1;
      else this.append(this.from[position], this.shape[position]);
    }
    return left;
  }

  /** True when some edge into the target comes from the node. */
  hasEdgeFrom(key: string, fromId: string): boolean {
    const node = this.nodes.find(key);
    const from = this.nodes.find(fromId);
    if (node === undefined || from === undefined || !this.segments.has(node)) return false;
    const start = this.segments.start(node);
    const count = this.segments.count(node);
    for (let i = 0; i < count; i++) if (this.from[start + i] === from) return true;
    return false;
  }

  /**
   * Push an edge from `fromId` shaped like `template` (an edge into any role, whose statements name that role's trust
   * policy), into the target being collected, with the given chaining and session limit.
   */
  pushFrom(fromId: string, template: AssumeEdge, chained: boolean, maxSessionSeconds: number, target: string): void {
    this.pushNumbered(this.nodeNumber(fromId), template, chained, maxSessionSeconds, target);
  }

  /** pushFrom for a source already numbered by the store's NodeNumbers. */
  pushNumbered(from: number, template: AssumeEdge, chained: boolean, maxSessionSeconds: number, target: string): void {
    const shape = this.shapeOfTemplate(template, chained, maxSessionSeconds);
    if (shape === -1) {
      const fromId = this.nodeIds[from];
      const trustStatements = template.to === target ? template.trustStatements : template.trustStatements.map((statement) => ({ ...statement, policyId: trustPolicyId(target) }));
      this.pushEdge({ ...template, id: `${fromId} -> ${target}`, from: fromId, to: target, trustStatements, chained, maxSessionSeconds });
      return;
    }
    this.append(from, shape);
  }

  /** Push an edge from a service or identity provider decided by one trust statement (see nonIamEdge). */
  pushStatementEdge(
    fromId: string, action: AssumeEdge['action'], conditions: EdgeCondition[], statementIndex: number, sid: string | undefined, maxSessionSeconds: number,
  ): void {
    // A list per conditions object (one per trust statement), searched in turn: nearly always one entry, and no key
    // string built per edge (70,000 service roles).
    let known = this.shapeByConditions.get(conditions);
    if (!known) {
      known = [];
      this.shapeByConditions.set(conditions, known);
    }
    let shape: number | undefined;
    for (const entry of known) {
      if (entry.action === action && entry.statementIndex === statementIndex && entry.sid === sid && entry.maxSessionSeconds === maxSessionSeconds) {
        shape = entry.shape;
        break;
      }
    }
    if (shape === undefined) {
      shape = this.addShape({
        action, decision: conditions.length === 0 ? 'allowed' : 'conditional', conditions, suppliedContext: [],
        statements: [{ statementIndex, ...(sid !== undefined ? { sid } : {}) }], chained: false, maxSessionSeconds, evaluated: false,
      });
      known.push({ action, statementIndex, sid, maxSessionSeconds, shape });
    }
    this.append(this.nodeNumber(fromId), shape);
  }

  /** Push any edge: shaped when it follows the shared form, kept whole otherwise. */
  pushEdge(edge: AssumeEdge): void {
    const shape = edge.id === `${edge.from} -> ${edge.to}` ? this.shapeOfTemplate(edge, edge.chained, edge.maxSessionSeconds) : -1;
    if (shape === -1) {
      this.verbatim.push(edge);
      this.append(this.nodeNumber(edge.from), -this.verbatim.length);
    } else this.append(this.nodeNumber(edge.from), shape);
  }

  /** Edges out of a node, in the order of the targets and of each target's edges (indexed on first use). */
  outgoing(nodeId: string): AssumeEdge[] {
    const from = this.nodes.find(nodeId);
    if (from === undefined) return [];
    const index = (this.outgoingIndex ??= this.indexOutgoing());
    if (from + 1 >= index.offsets.length) return [];
    const edges: AssumeEdge[] = [];
    for (let i = index.offsets[from]; i < index.offsets[from + 1]; i++) {
      const position = index.positions[i];
      edges.push(this.edgeAt(position, this.nodeIds[this.target[position]]));
    }
    return edges;
  }

  /** Every edge, target by target. */
  allEdges(): AssumeEdge[] {
    const edges: AssumeEdge[] = [];
    for (const node of this.segments.nodes()) {
      const key = this.nodeIds[node];
      const start = this.segments.start(node);
      const count = this.segments.count(node);
      for (let i = 0; i < count; i++) edges.push(this.edgeAt(start + i, key));
    }
    return edges;
  }

  /** Bytes held by the typed arrays (for the benchmark). */
  get arrayBytes(): number {
    return this.from.byteLength + this.shape.byteLength + this.target.byteLength;
  }

  /** Distinct edge shapes (for the benchmark). */
  get shapeCount(): number {
    return this.shapes.length;
  }

  /** Targets, in the order they were first set. */
  *keys(): MapIterator<string> {
    for (const node of this.segments.nodes()) yield this.nodeIds[node];
  }

  /** Each target's edges, built as objects. */
  *values(): MapIterator<readonly AssumeEdge[]> {
    for (const node of this.segments.nodes()) yield this.edgesOf(node);
  }

  /** Targets with their edges. */
  *entries(): MapIterator<[string, readonly AssumeEdge[]]> {
    for (const node of this.segments.nodes()) yield [this.nodeIds[node], this.edgesOf(node)];
  }

  /** Targets with their edges. */
  [Symbol.iterator](): MapIterator<[string, readonly AssumeEdge[]]> {
    return this.entries();
  }

  /** Calls back once per target with its edges. */
  forEach(callback: (value: readonly AssumeEdge[], key: string, map: ReadonlyMap<string, readonly AssumeEdge[]>) => void, thisArg?: unknown): void {
    for (const node of this.segments.list()) callback.call(thisArg, this.edgesOf(node), this.nodeIds[node], this);
  }

  /** The edges of a node with a segment, built as objects. */
  private edgesOf(node: number): AssumeEdge[] {
    const key = this.nodeIds[node];
    const start = this.segments.start(node);
    const edges: AssumeEdge[] = new Array(this.segments.count(node));
    for (let i = 0; i < edges.length; i++) edges[i] = this.edgeAt(start + i, key);
    return edges;
  }

  private edgeAt(position: number, key: string): AssumeEdge {
    const shapeNumber = this.shape[position];
    if (shapeNumber < 0) return this.verbatim[-shapeNumber - 1];
    const shape = this.shapes[shapeNumber];
    const from = this.nodeIds[this.from[position]];
    const policyId = trustPolicyId(key);
    const trustStatements: EdgeStatement[] = shape.statements.map((statement) => ({ policyId, ...statement }));
    return {
      id: `${from} -> ${key}`, from, to: key, action: shape.action, decision: shape.decision, conditions: shape.conditions,
      suppliedContext: shape.suppliedContext, trustStatements, chained: shape.chained, maxSessionSeconds: shape.maxSessionSeconds,
      evaluated: shape.evaluated,
    };
  }

  /** The shape of edges like `template` with this chaining and session limit; -1 when its statements name another policy. */
  private shapeOfTemplate(template: AssumeEdge, chained: boolean, maxSessionSeconds: number): number {
    let byLimits = this.shapeByTemplate.get(template);
    if (!byLimits) {
      byLimits = new Map();
      this.shapeByTemplate.set(template, byLimits);
    }
    const limits = chained ? -maxSessionSeconds - 1 : maxSessionSeconds;
    let shape = byLimits.get(limits);
    if (shape === undefined) {
      const policyId = trustPolicyId(template.to);
      const shaped = template.trustStatements.every((statement) => statement.policyId === policyId && Object.keys(statement).length === (statement.sid === undefined ? 2 : 3));
      shape = !shaped ? -1 : this.addShape({
        action: template.action, decision: template.decision, conditions: template.conditions, suppliedContext: template.suppliedContext,
        statements: template.trustStatements.map(({ statementIndex, sid }) => ({ statementIndex, ...(sid !== undefined ? { sid } : {}) })),
        chained, maxSessionSeconds, evaluated: template.evaluated,
      });
      byLimits.set(limits, shape);
    }
    return shape;
  }

  private addShape(shape: EdgeShape): number {
    this.shapes.push(shape);
    return this.shapes.length - 1;
  }

  private nodeNumber(id: string): number {
    return this.nodes.number(id);
  }

  private append(from: number, shape: number): void {
    if (this.length === this.from.length) this.grow();
    this.from[this.length] = from;
    this.shape[this.length] = shape;
    this.length += 1;
  }

  private grow(): void {
    const capacity = this.from.length * 2;
    const grown = (array: Int32Array) => {
      const next = new Int32Array(capacity);
      next.set(array);
      return next;
    };
    this.from = grown(this.from);
    this.shape = grown(this.shape);
    this.target = grown(this.target);
  }

  private changed(): void {
    this.outgoingIndex = undefined;
    if (this.openStart === -1 && this.length - this.liveEdges > Math.max(COMPACT_AFTER, this.liveEdges)) this.compact();
  }

  /** Copy the live segments to the front, in order, and drop the verbatim edges no segment holds. */
  private compact(): void {
    const from = new Int32Array(Math.max(INITIAL_CAPACITY, this.liveEdges * 2));
    const shape = new Int32Array(from.length);
    const target = new Int32Array(from.length);
    const verbatim: AssumeEdge[] = [];
    let length = 0;
    for (const node of this.segments.list()) {
      const start = length;
      const oldStart = this.segments.start(node);
      const count = this.segments.count(node);
      for (let i = 0; i < count; i++) {
        const position = oldStart + i;
        from[length] = this.from[position];
        target[length] = this.target[position];
        const shapeNumber = this.shape[position];
        if (shapeNumber < 0) {
          verbatim.push(this.verbatim[-shapeNumber - 1]);
          shape[length] = -verbatim.length;
        } else shape[length] = shapeNumber;
        length += 1;
      }
      this.segments.move(node, start);
    }
    this.from = from;
    this.shape = shape;
    this.target = target;
    this.verbatim = verbatim;
    this.length = length;
  }

  private indexOutgoing(): { offsets: Int32Array; positions: Int32Array } {
    const offsets = new Int32Array(this.nodeIds.length + 1);
    const targets = this.segments.list();
    for (const node of targets) {
      const start = this.segments.start(node);
      for (let i = 0; i < this.segments.count(node); i++) offsets[this.from[start + i] + 1] += 1;
    }
    for (let i = 1; i < offsets.length; i++) offsets[i] += offsets[i - 1];
    const next = offsets.slice(0, -1);
    const positions = new Int32Array(this.liveEdges);
    for (const node of targets) {
      const start = this.segments.start(node);
      for (let i = 0; i < this.segments.count(node); i++) {
        const position = start + i;
        positions[next[this.from[position]]++] = position;
      }
    }
    return { offsets, positions };
  }
}
