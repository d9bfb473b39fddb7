// The org-wide matrix as a heatmap: rows (accounts, or OUs summing the accounts below them) × services, each cell the
// number of the service's actions that are allowed, denied, or in between, with the SCP and RCP sides combined as a
// principal of the account meets them on the account's own resources. The browser only draws these numbers.
// Runs in an engine worker thread (engine-worker/engine-tasks.ts): plain data in and out, input errors as data.
import 'server-only';

import { categoryAt, combineSides, countRange, type CellCategory, type ChainCells } from '../../engine';
import type { HeatmapResult } from '../../schemas/impact';
import type { CompiledDesign } from '../simulation/compiled-world-cache';
import { designMatrix } from './matrix-cache';

/** The heatmap's question, as the worker receives it (defaults applied). */
export interface HeatmapTaskInput {
  /** One row per account, or per OU and the root. */
  rows: 'account' | 'ou';
  /** aws:RequestedRegion to assume. */
  region?: string;
  /** Only these services as columns. */
  services?: string[];
  /** An action to search. */
  action?: string;
  /** Only the N most restricted services as columns (the rest on request). */
  columns?: number;
  /** First row sent (rows are paged: 5,000 account rows × hundreds of services is tens of MB of JSON). */
  offset?: number;
  /** Rows sent at most. */
  limit?: number;
}

/** The heatmap without its revision (the request thread adds it), or the input the catalogue does not know. */
export type HeatmapOutcome = { ok: true; value: Omit<HeatmapResult, 'revision'> } | { ok: false; error: { message: string; field: 'services' | 'action' } };

/** Restrictiveness of a category, for an OU row whose accounts differ on the searched action. */
const SEVERITY: Record<CellCategory, number> = { allowed: 0, allowedExcept: 1, deniedExcept: 2, conditional: 3, noAllow: 4, explicitDeny: 5 };

/** Rows × services of the design's org-wide matrix (built from the last one this thread kept for the design). */
export function heatmapRows(design: Pick<CompiledDesign, 'designId' | 'revision' | 'compiled'>, input: HeatmapTaskInput): HeatmapOutcome {
  const matrix = designMatrix(design, input.region);
  const { index } = matrix;
  // Accounts with the same two chains have the same row: each distinct pair is combined and counted once.
  const combined = new Map<string, { cells: ChainCells; counts?: [number, number, number][] }>();
  const chainsOf = (accountId: string) => {
    const account = matrix.account(accountId)!;
    const key = `${account.scpChainKey}/${account.rcpChainKey}`;
    let entry = combined.get(key);
    if (!entry) {
      entry = { cells: account.rcpChainKey === 0 ? account.scp : combineSides(account.scp, account.rcp, index.size) };
      combined.set(key, entry);
    }
    return entry;
  };
  const cellsOf = (accountId: string): ChainCells => chainsOf(accountId).cells;

  let ranges = index.services;
  if (input.services) {
    const unknown = input.services.filter((service) => !index.serviceRange(service));
    if (unknown.length > 0) return { ok: false, error: { message: `unknown service prefix ${unknown.join(', ')}: not in the IAM action catalogue`, field: 'services' } };
    ranges = input.services.map((service) => index.serviceRange(service)!);
  } else {
    // Columns worth a look: services some account does not fully have, the most restricted first (the actions not
    // allowed, summed over the member accounts; counted once per distinct pair of chains, weighted by its accounts).
    const distinct = new Map<ChainCells, number>();
    for (const account of matrix.accounts) {
      if (!design.compiled.org.isMember(account.accountId)) continue;
      const cells = cellsOf(account.accountId);
      distinct.set(cells, (distinct.get(cells) ?? 0) + 1);
    }
    const restricted = new Map(ranges.map((range) => {
      let sum = 0;
      for (const [cells, accounts] of distinct) sum += (range.to - range.from - countRange(cells.allowed, range.from, range.to)) * accounts;
      return [range, sum] as const;
    }));
    ranges = ranges.filter((range) => restricted.get(range)! > 0)
      .sort((a, b) => restricted.get(b)! - restricted.get(a)! || a.service.localeCompare(b.service));
  }
  const restrictedServices = ranges.length;
  if (input.columns !== undefined && !input.services) ranges = ranges.slice(0, input.columns);
  const actionIndex = input.action ? index.indexOf(input.action) : undefined;
  if (input.action && actionIndex === undefined) {
    return { ok: false, error: { message: `"${input.action}" is not an action of the IAM catalogue`, field: 'action' } };
  }

  type Row = HeatmapResult['rows'][number];
  const accountRow = (accountId: string): Row => {
    const account = matrix.account(accountId)!;
    const entry = chainsOf(accountId);
    const { cells } = entry;
    entry.counts ??= ranges.map((range) => {
      const allowed = countRange(cells.allowed, range.from, range.to);
      const denied = countRange(cells.explicitDeny, range.from, range.to) + countRange(cells.noAllow, range.from, range.to);
      return [allowed, denied, range.to - range.from - allowed - denied] as [number, number, number];
    });
    return {
      id: accountId, name: account.accountName ?? accountId, kind: 'account', accounts: 1,
      ...(account.scpNote ? { note: account.scpNote } : {}),
      cells: entry.counts,
      ...(actionIndex !== undefined ? { action: categoryAt(cells, actionIndex) } : {}),
    };
  };
  // Accounts outside the organization (named by policies only) have no chain: not rows of the org's matrix.
  const members = design.compiled.world.accounts.filter((account) => matrix.account(account.id) && design.compiled.org.isMember(account.id));
  let rows: Row[];
  let totalRows: number;
  const offset = Math.max(0, input.offset ?? 0);
  const page = <T>(all: T[]): T[] => all.slice(offset, input.limit === undefined ? undefined : offset + input.limit);
  if (input.rows === 'ou') {
    // One pass over the accounts, adding each row into the root and every OU above it.
    const totals = new Map(design.compiled.world.orgUnits.map((unit) => [unit.id, { accounts: 0, sums: ranges.map(() => [0, 0, 0] as [number, number, number]), worst: undefined as CellCategory | undefined }]));
    for (const account of members) {
      const row = accountRow(account.id);
      for (const ancestorId of design.compiled.org.placement(account.id)?.ancestorIds ?? []) {
        const total = totals.get(ancestorId);
        if (!total) continue;
        total.accounts++;
        row.cells.forEach((cell, i) => { for (let k = 0; k < 3; k++) total.sums[i][k] += cell[k]; });
        if (row.action && (total.worst === undefined || SEVERITY[row.action] > SEVERITY[total.worst])) total.worst = row.action;
      }
    }
    rows = design.compiled.world.orgUnits.map((unit) => {
      const { accounts, sums, worst } = totals.get(unit.id)!;
      return { id: unit.id, name: unit.name, kind: unit.parentId === undefined ? 'root' as const : 'ou' as const, accounts, cells: sums, ...(worst ? { action: worst } : {}) };
    });
    totalRows = rows.length;
    rows = page(rows);
  } else {
    // Account rows are counted only for the page sent.
    totalRows = members.length;
    rows = page(members).map((account) => accountRow(account.id));
  }
  return {
    ok: true,
    value: {
      services: ranges.map((range) => ({ service: range.service, actions: range.to - range.from })),
      restrictedServices,
      totalRows,
      offset,
      rows,
      ...(actionIndex !== undefined ? { action: index.actions[actionIndex].id } : {}),
      distinctChains: matrix.stats.distinctScpChains,
    },
  };
}

