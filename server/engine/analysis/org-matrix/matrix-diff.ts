// What a change does to the org-wide matrix: the (account, action) cells whose category differs between two
// matrices (before and after a pending change). Accounts that went from the same chain to the same chain flip the
// same cells, so each distinct (before, after) pair of chains is diffed once, as bitsets, and lists its accounts.

import type { ActionIndex } from './action-index';
import { forEachBit, hasBit, type Bitset } from './bitset';
import { categoryAt, type CellCategory, type ChainCells, type OrgMatrix } from './org-matrix';

/** Which side of the matrix: the SCP chain (principals of the account) or the RCP chain (its resources). */
export type MatrixSide = 'scp' | 'rcp';

/** One action whose category changes. */
export interface ActionFlip {
  /** Canonical "service:Action". */
  action: string;
  /** The category before. */
  before: CellCategory;
  /** The category after. */
  after: CellCategory;
}

/** Counts of flipped cells for one service. */
export interface ServiceFlips {
  /** Service prefix. */
  service: string;
  /** Cells that become allowed (from any other category). */
  becameAllowed: number;
  /** Cells that become denied (explicit deny or no allow) from a category that was not denied. */
  becameDenied: number;
  /** Every cell whose category changes (the two above included). */
  changed: number;
}

/** Accounts whose chain went from one state to another, and what flipped for each of them. */
export interface ChainTransition {
  /** The side. */
  side: MatrixSide;
  /** The accounts (all flip the same cells). */
  accountIds: string[];
  /** Flips per service, for one account. */
  services: ServiceFlips[];
  /** The flipped actions, catalogue order, at most `maxActions` of them. */
  actions: ActionFlip[];
  /** Flipped actions left out of `actions`. */
  actionsLeftOut: number;
}

/** The difference between two matrices. */
export interface OrgMatrixDiff {
  /** Distinct chain transitions with at least one flipped cell. */
  transitions: ChainTransition[];
  /** Accounts with at least one flipped cell. */
  changedAccounts: number;
  /** Flipped cells over every account and both sides. */
  changedCells: number;
  /** Flipped cells by service over every account (each account counted). */
  services: ServiceFlips[];
  /** Accounts only in the matrix after (created or moved in) or only before. */
  addedAccounts: string[];
  /** Accounts only in the matrix before. */
  removedAccounts: string[];
}

/** Options of diffOrgMatrices. */
export interface DiffOptions {
  /** Flipped actions listed per transition (counts are always complete); 500 by default. */
  maxActions?: number;
}

/** The cells that differ between two matrices over the same catalogue. */
export function diffOrgMatrices(before: OrgMatrix, after: OrgMatrix, options: DiffOptions = {}): OrgMatrixDiff {
  if (before.index !== after.index) throw new Error('diffOrgMatrices: the matrices use different catalogues');
  const maxActions = options.maxActions ?? 500;
  const transitions = new Map<string, ChainTransition>();
  const changedAccounts = new Set<string>();
  const totals = new Map<string, ServiceFlips>();
  let changedCells = 0;
  const addedAccounts: string[] = [];

  for (const account of after.accounts) {
    const previous = before.account(account.accountId);
    if (!previous) {
      addedAccounts.push(account.accountId);
      continue;
    }
    for (const side of ['scp', 'rcp'] as const) {
      const from = previous[side];
      const to = account[side];
      if (from === to) continue;
      const key = `${side}:${side === 'scp' ? previous.scpChainKey : previous.rcpChainKey}>${side === 'scp' ? account.scpChainKey : account.rcpChainKey}`;
      let transition = transitions.get(key);
      if (!transition) {
        transition = transitionOf(side, from, to, after.index, maxActions);
        transitions.set(key, transition);
      }
      if (transition.services.length === 0) continue;
      transition.accountIds.push(account.accountId);
      changedAccounts.add(account.accountId);
      for (const flips of transition.services) {
        changedCells += flips.changed;
        const total = totals.get(flips.service) ?? { service: flips.service, becameAllowed: 0, becameDenied: 0, changed: 0 };
        total.becameAllowed += flips.becameAllowed;
        total.becameDenied += flips.becameDenied;
        total.changed += flips.changed;
        totals.set(flips.service, total);
      }
    }
  }
  const afterIds = new Set(after.accounts.map((account) => account.accountId));
  return {
    transitions: [...transitions.values()].filter((transition) => transition.accountIds.length > 0),
    changedAccounts: changedAccounts.size,
    changedCells,
    services: [...totals.values()].sort((a, b) => b.changed - a.changed || a.service.localeCompare(b.service)),
    addedAccounts,
    removedAccounts: before.accounts.filter((account) => !afterIds.has(account.accountId)).map((account) => account.accountId),
  };
}

/** Scratch space for one transition's changed actions (reused: a diff allocates no bitsets). */
let changedScratch: Bitset | undefined;

/**
 * The actions whose category differs, in one pass over the words; true when there is one. The categories partition
 * the actions, so an action changed category exactly when some category gained it.
 */
function changedActions(from: ChainCells, to: ChainCells, changed: Bitset): boolean {
  const { allowed, explicitDeny, noAllow, deniedExcept, allowedExcept, conditional } = to;
  let any = 0;
  for (let i = 0; i < changed.length; i++) {
    const word = (allowed[i] & ~from.allowed[i]) | (explicitDeny[i] & ~from.explicitDeny[i]) | (noAllow[i] & ~from.noAllow[i])
      | (deniedExcept[i] & ~from.deniedExcept[i]) | (allowedExcept[i] & ~from.allowedExcept[i]) | (conditional[i] & ~from.conditional[i]);
    changed[i] = word;
    any |= word;
  }
  return any !== 0;
}

function isDenied(cells: ChainCells, actionIndex: number): boolean {
  return hasBit(cells.explicitDeny, actionIndex) || hasBit(cells.noAllow, actionIndex);
}

function transitionOf(side: MatrixSide, from: ChainCells, to: ChainCells, index: ActionIndex, maxActions: number): ChainTransition {
  const words = from.allowed.length;
  if (changedScratch === undefined || changedScratch.length !== words) changedScratch = new Uint32Array(words);
  const changed = changedScratch;
  const transition: ChainTransition = { side, accountIds: [], services: [], actions: [], actionsLeftOut: 0 };
  if (!changedActions(from, to, changed)) return transition;
  // Flips are usually few: visit them one by one rather than counting every service's range.
  const byService = new Map<number, ServiceFlips>();
  forEachBit(changed, (actionIndex) => {
    const serviceIndex = index.serviceOfAction[actionIndex];
    let flips = byService.get(serviceIndex);
    if (!flips) {
      flips = { service: index.services[serviceIndex].service, becameAllowed: 0, becameDenied: 0, changed: 0 };
      byService.set(serviceIndex, flips);
    }
    flips.changed++;
    if (hasBit(to.allowed, actionIndex)) flips.becameAllowed++;
    else if (isDenied(to, actionIndex) && !isDenied(from, actionIndex)) flips.becameDenied++;
    if (transition.actions.length >= maxActions) {
      transition.actionsLeftOut++;
      return;
    }
    transition.actions.push({ action: index.actions[actionIndex].id, before: categoryAt(from, actionIndex), after: categoryAt(to, actionIndex) });
  });
  transition.services = [...byService.values()];
  return transition;
}
