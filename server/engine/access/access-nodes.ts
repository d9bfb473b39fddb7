// The nodes of an access graph. A principal's node says no more than the graph's principal table (principal-table.ts)
// and its stand-ins already hold, so it is made when read, as edges are (edge-store.ts): a 100,000-role design kept
// 100,000 node objects and a map keyed by their ARNs, which cost the cold build time, memory and collector work.
// Nodes that are not IAM principals (services, identity providers, IAM Identity Center) are few and kept as objects.

import type { StandIn } from './external-stand-ins';
import type { PrincipalTable } from './principal-table';
import type { AccessNode } from './types';

/** Every node of a graph by id: principals made from the principal table on read, the others kept. */
export class AccessNodes implements ReadonlyMap<string, AccessNode> {
  constructor(
    private readonly principals: PrincipalTable,
    private readonly standIns: ReadonlyMap<string, StandIn>,
    private readonly isMember: (accountId: string) => boolean,
    /** Nodes that are not IAM principals, by id (a graph's update patches them in place). */
    readonly others: Map<string, AccessNode> = new Map(),
  ) {}

  /** Number of nodes. */
  get size(): number {
    return this.principals.size + this.others.size;
  }

  /** The node with this id (a new object for a principal). */
  get(id: string): AccessNode | undefined {
    const number = this.principals.numberOf(id);
    return number === undefined ? this.others.get(id) : this.principalNode(number);
  }

  /** True when the graph has a node with this id. */
  has(id: string): boolean {
    return this.principals.has(id) || this.others.has(id);
  }

  /** Nodes with their ids: principals in the order they were indexed, then the others in the order they were added. */
  *entries(): MapIterator<[string, AccessNode]> {
    for (const node of this.values()) yield [node.id, node];
  }

  /** Ids, in the order of entries. */
  *keys(): MapIterator<string> {
    for (const node of this.values()) yield node.id;
  }

  /** Nodes, in the order of entries. */
  *values(): MapIterator<AccessNode> {
    for (let number = 0; number < this.principals.numberLimit; number++) {
      if (this.principals.entityAt(number) !== undefined) yield this.principalNode(number);
    }
    yield* this.others.values();
  }

  /** Nodes with their ids. */
  [Symbol.iterator](): MapIterator<[string, AccessNode]> {
    return this.entries();
  }

  /** Calls back once per node, in the order of entries. */
  forEach(callback: (node: AccessNode, id: string, map: ReadonlyMap<string, AccessNode>) => void, thisArg?: unknown): void {
    for (const node of this.values()) callback.call(thisArg, node, node.id, this);
  }

  /** A principal's node: a user or role, or the stand-in for an outside principal (its kind and a name saying so). */
  private principalNode(number: number): AccessNode {
    const entity = this.principals.entityAt(number)!;
    const accountId = this.principals.accountAt(number);
    const inOrganization = this.isMember(accountId);
    const standIn = this.standIns.get(entity.arn);
    if (!this.principals.isRoleAt(number)) {
      return { id: entity.arn, kind: standIn ? 'external-principal' : 'user', name: entity.name, accountId, inOrganization, arn: entity.arn };
    }
    const name = standIn?.kind === 'anyone' ? 'Anyone (any AWS account)' : standIn?.kind === 'external-account' ? `Account ${accountId}` : entity.name;
    return { id: entity.arn, kind: standIn?.kind ?? 'role', name, accountId, inOrganization, arn: entity.arn };
  }
}
