// A freshly loaded world shares nothing with the previous one, even when one trust policy is all that changed: every
// account's IAM object is new, so the incremental paths (compileWorld's changedIamAccounts, updateAccessGraph's
// diff) would see 5,000 changed accounts. shareUnchanged puts the previous world's objects back wherever the content
// is equal, so that identity (===) again means "unchanged" and an edit costs what it touches.

import type { World } from '../types';

/**
 * `world`, with each top-level part and each account's IAM object replaced by the previous world's when their
 * contents are equal (plain data compared deeply). `world` itself is not modified.
 */
export function shareUnchanged(world: World, previous: World | undefined): World {
  if (!previous || previous === world) return world;
  const shared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(world)) {
    const before = (previous as unknown as Record<string, unknown>)[key];
    shared[key] = key === 'iam' ? value : sameData(before, value) ? before : value;
  }
  const iam: World['iam'] = {};
  let allShared = Object.keys(previous.iam).length === Object.keys(world.iam).length;
  for (const [accountId, accountIam] of Object.entries(world.iam)) {
    const before = previous.iam[accountId];
    if (before !== undefined && sameData(before, accountIam)) iam[accountId] = before;
    else {
      iam[accountId] = accountIam;
      allShared = false;
    }
  }
  shared.iam = allShared ? previous.iam : iam;
  return shared as unknown as World;
}

/** Deep equality of plain data (objects, arrays, strings, numbers, booleans, null); key order does not matter. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Own keys counted and looked up with for-in rather than listed with Object.keys: a 5,000-account world holds some
  // 700,000 objects, and two key arrays per object were 35 MB of garbage per reload.
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  let keysA = 0;
  for (const key in recordA) {
    if (!Object.prototype.hasOwnProperty.call(recordA, key)) continue;
    keysA += 1;
    if (!Object.prototype.hasOwnProperty.call(recordB, key) || !sameData(recordA[key], recordB[key])) return false;
  }
  let keysB = 0;
  for (const key in recordB) if (Object.prototype.hasOwnProperty.call(recordB, key)) keysB += 1;
  return keysA === keysB;
}
