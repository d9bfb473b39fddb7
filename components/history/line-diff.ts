// A line diff for the side-by-side statement view: which lines of the old and new text differ. Pure; texts are a
// statement's pretty-printed JSON (tens of lines), so the quadratic longest-common-subsequence table is cheap.

/** One row of a side-by-side diff: a line on the left, the right, or both. */
export interface DiffRow {
  left?: { number: number; text: string };
  right?: { number: number; text: string };
  /** same: unchanged; changed: a line replaced by another; removed: only on the left; added: only on the right. */
  kind: 'same' | 'changed' | 'removed' | 'added';
}

/**
 * Aligns two texts line by line (longest common subsequence): unchanged lines side by side, and within each run
 * of differing lines the removed ones paired with the added ones, so a replaced line sits beside its replacement.
 */
export function diffLines(before: string, after: string): DiffRow[] {
  return pairReplacements(alignLines(before, after));
}

function alignLines(before: string, after: string): DiffRow[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      rows.push({ kind: 'same', left: { number: i + 1, text: a[i] }, right: { number: j + 1, text: b[j] } });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      rows.push({ kind: 'added', right: { number: j + 1, text: b[j] } });
      j++;
    } else {
      rows.push({ kind: 'removed', left: { number: i + 1, text: a[i] } });
      i++;
    }
  }
  return rows;
}

function pairReplacements(rows: DiffRow[]): DiffRow[] {
  const paired: DiffRow[] = [];
  let index = 0;
  while (index < rows.length) {
    if (rows[index].kind === 'same') {
      paired.push(rows[index++]);
      continue;
    }
    const removed: DiffRow[] = [];
    const added: DiffRow[] = [];
    for (; index < rows.length && rows[index].kind !== 'same'; index++) (rows[index].kind === 'removed' ? removed : added).push(rows[index]);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const left = removed[k]?.left;
      const right = added[k]?.right;
      paired.push({ kind: left && right ? 'changed' : left ? 'removed' : 'added', ...(left ? { left } : {}), ...(right ? { right } : {}) });
    }
  }
  return paired;
}

/** Pretty JSON of a statement or element value; "" when it is absent (added or removed). */
export function prettyJson(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}
