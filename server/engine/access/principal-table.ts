// The IAM principals of an access graph (users and roles, stand-ins included) by node number. The graph numbers every
// principal as it indexes it (edge-store.ts, NodeNumbers), and that map already holds each principal's ARN once: the
// table keeps the entity, account and kind in arrays by that number instead of two more maps keyed by 100,000 ARNs
// (and an entry object per principal), which a large design paid for in building time, memory and collector work.

import type { IamRole, IamUser } from '../types';
import type { NodeNumbers } from './edge-store';

/** A principal of the graph: its ARN, account, kind and entity. */
export interface PrincipalEntry {
  arn: string;
  accountId: string;
  isRole: boolean;
  entity: IamRole | IamUser;
}

/** Roles by ARN, read-only. */
export interface RoleView {
  get(arn: string): IamRole | undefined;
  has(arn: string): boolean;
  values(): IterableIterator<IamRole>;
}

/** The graph's IAM principals by node number (a number whose entity is undefined is not a principal, or no longer). */
export class PrincipalTable {
  private readonly entities: (IamRole | IamUser | undefined)[] = [];
  private readonly accounts: string[] = [];
  private readonly roleFlags: boolean[] = [];
  private live = 0;

  constructor(private readonly numbers: NodeNumbers) {}

  /** Add a principal, or replace the one with its ARN; returns its node number. */
  add(accountId: string, entity: IamRole | IamUser, isRole: boolean): number {
    const number = this.numbers.number(entity.arn);
    // Other nodes (services, identity providers) may have taken numbers since the last principal: pad, never leave
    // holes, so the arrays stay dense.
    while (this.entities.length < number) {
      this.entities.push(undefined);
      this.accounts.push('');
      this.roleFlags.push(false);
    }
    if (this.entities[number] === undefined) this.live += 1;
    this.entities[number] = entity;
    this.accounts[number] = accountId;
    this.roleFlags[number] = isRole;
    return number;
  }

  /** Forget the principal with this ARN (its node number stays taken). */
  remove(arn: string): void {
    const number = this.numbers.find(arn);
    if (number === undefined || this.entities[number] === undefined) return;
    this.entities[number] = undefined;
    this.live -= 1;
  }

  /** Number of principals. */
  get size(): number {
    return this.live;
  }

  /** One past the highest node number a principal ever had (entityAt is undefined for the others). */
  get numberLimit(): number {
    return this.entities.length;
  }

  /** True when the ARN is a principal of the graph. */
  has(arn: string): boolean {
    return this.numberOf(arn) !== undefined;
  }

  /** The principal with this ARN, as an entry (made per call: asked for named principals and edits, not per class). */
  get(arn: string): PrincipalEntry | undefined {
    const number = this.numberOf(arn);
    if (number === undefined) return undefined;
    return { arn, accountId: this.accounts[number], isRole: this.roleFlags[number], entity: this.entities[number]! };
  }

  /** The role with this ARN, when the graph has it. */
  role(arn: string): IamRole | undefined {
    const number = this.numberOf(arn);
    return number !== undefined && this.roleFlags[number] ? this.entities[number] as IamRole : undefined;
  }

  /** The entity of the principal with this node number. */
  entityAt(number: number): IamRole | IamUser | undefined {
    return this.entities[number];
  }

  /** The ARN of the principal with this node number (classes keep their members by number: PrincipalClass.numbers). */
  arnAt(number: number): string {
    return this.entities[number]!.arn;
  }

  /** The account of the principal with this node number. */
  accountAt(number: number): string {
    return this.accounts[number];
  }

  /** True when the principal with this node number is a role. */
  isRoleAt(number: number): boolean {
    return this.roleFlags[number];
  }

  /** Every principal, as entries, in node-number order (for tests and tools; the graph itself reads by number). */
  *values(): IterableIterator<PrincipalEntry> {
    for (let number = 0; number < this.entities.length; number++) {
      const entity = this.entities[number];
      if (entity !== undefined) yield { arn: entity.arn, accountId: this.accounts[number], isRole: this.roleFlags[number], entity };
    }
  }

  /** The roles of the table as a read-only view by ARN (what GraphIndex.roles was when it was a map of its own). */
  readonly roleView: RoleView = {
    get: (arn) => this.role(arn),
    has: (arn) => this.role(arn) !== undefined,
    values: () => this.roles().values(),
  };

  /** Every role, in the order they were first indexed (a full build: account by account, as the world lists them). */
  roles(): IamRole[] {
    const roles: IamRole[] = [];
    for (let number = 0; number < this.entities.length; number++) {
      const entity = this.entities[number];
      if (entity !== undefined && this.roleFlags[number]) roles.push(entity as IamRole);
    }
    return roles;
  }

  /** Every role's node number, in roles() order. */
  roleNumbers(): number[] {
    const numbers: number[] = [];
    for (let number = 0; number < this.entities.length; number++) if (this.entities[number] !== undefined && this.roleFlags[number]) numbers.push(number);
    return numbers;
  }

  /** The node number of the principal with this ARN, when the graph has one. */
  numberOf(arn: string): number | undefined {
    const number = this.numbers.find(arn);
    return number !== undefined && this.entities[number] !== undefined ? number : undefined;
  }
}
