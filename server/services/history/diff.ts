import 'server-only';
import type { Db } from '../../db/client';
import { getDesign } from '../../db/designs';
import { applyChangesInMemory, getPayloadsNewestFirst, loadDesignRows, type DesignRows } from '../../db/history';
import type { RowData } from '../../db/org-mutations';
import { designNotFound } from '../design-service';
import { DomainError } from '../domain-error';

// Differences between two revisions of a design. The state at an older revision is rebuilt by applying the
// stored inverse row changes, newest first, to the current rows. Chosen over periodic snapshots because every
// change already stores its full before/after rows: replay is exact, needs no extra storage, and costs time in
// proportion to the number of changes between now and the older revision (each a handful of rows), which stays
// small next to loading the design itself. Snapshots every N changes would only pay off for histories of many
// thousands of edits; the replay can start from one then without changing this module's output.

/** An OU or account as the diff names it. */
export interface DiffEntity {
  id: string;
  /** "ou-…" id or 12-digit account id. */
  awsId: string;
  name: string;
}

/** A move from one parent to another (parents named; null for an account outside the organization). */
export interface DiffMove extends DiffEntity {
  from: DiffEntity | null;
  to: DiffEntity | null;
}

/** A rename. */
export interface DiffRename extends DiffEntity {
  fromName: string;
  toName: string;
}

/** A statement (SCP/RCP) or top-level element (management policies) of a policy document that differs. */
export interface StatementChange {
  /** The Sid; "#<n>" for the n-th statement without a Sid (from 0); or a top-level element's key. */
  key: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** A policy whose name, description or content differs. */
export interface PolicyChange {
  id: string;
  awsId: string;
  type: string;
  name: string;
  renamedFrom?: string;
  descriptionChanged: boolean;
  /** Statement-level changes; empty with contentChanged true when only formatting changed. */
  statements: StatementChange[];
  contentChanged: boolean;
}

/** A policy attachment, named. */
export interface DiffAttachment {
  policy: DiffEntity & { type: string };
  target: DiffEntity & { kind: 'root' | 'ou' | 'account' };
}

/** What changed between two revisions. */
export interface DesignDiff {
  fromRevision: number;
  toRevision: number;
  featureSet: { from: string; to: string } | null;
  policyTypes: { enabled: string[]; disabled: string[] };
  ous: { added: DiffEntity[]; removed: DiffEntity[]; moved: DiffMove[]; renamed: DiffRename[] };
  accounts: { added: DiffEntity[]; removed: DiffEntity[]; moved: DiffMove[]; renamed: DiffRename[]; statusChanged: (DiffEntity & { from: string; to: string })[] };
  policies: { added: (DiffEntity & { type: string })[]; removed: (DiffEntity & { type: string })[]; changed: PolicyChange[] };
  attachments: { added: DiffAttachment[]; removed: DiffAttachment[] };
}

/** The rows of a design as of `revision` (current rows with the inverses of later changes applied). */
async function rowsAt(db: Db, designId: string, revision: number, current: { revision: number; rows: DesignRows }): Promise<DesignRows> {
  const rows: DesignRows = Object.fromEntries(Object.entries(current.rows).map(([kind, table]) => [kind, new Map(table)])) as DesignRows;
  for (const { payload } of await getPayloadsNewestFirst(db, designId, revision, current.revision)) {
    applyChangesInMemory(rows, payload.inverse.changes);
  }
  return rows;
}

/** The diff between two revisions of a design (either order; from is the older state you compare against). */
export async function diffRevisions(db: Db, designId: string, fromRevision: number, toRevision: number): Promise<DesignDiff> {
  // Read the revision before and after the rows: a concurrent edit in between would mix two states, so retry.
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await getDesign(db, designId);
    if (!before) throw designNotFound(designId);
    for (const revision of [fromRevision, toRevision]) {
      if (revision > before.revision) {
        throw new DomainError('INVALID_INPUT', `Design ${designId} is at revision ${before.revision}; revision ${revision} does not exist yet.`, { field: 'toRevision' });
      }
    }
    const rows = await loadDesignRows(db, designId);
    const after = await getDesign(db, designId);
    if (!rows || !after) throw designNotFound(designId);
    if (after.revision !== before.revision) continue;
    const current = { revision: before.revision, rows };
    const [from, to] = await Promise.all([rowsAt(db, designId, fromRevision, current), rowsAt(db, designId, toRevision, current)]);
    return { fromRevision, toRevision, ...compareRows(from, to) };
  }
  throw new DomainError('CONFLICT', 'The design kept changing while the diff was computed; try again.', { awsCode: 'ConcurrentModificationException' });
}

const str = (row: RowData | undefined, key: string): string => String(row?.[key] ?? '');

/** Compares two states of a design (pure). */
export function compareRows(from: DesignRows, to: DesignRows): Omit<DesignDiff, 'fromRevision' | 'toRevision'> {
  const rootOf = (rows: DesignRows) => [...rows.root.values()][0];
  const parentEntity = (rows: DesignRows, ouId: unknown, rootId: unknown): DiffEntity | null => {
    if (typeof ouId === 'string') {
      const ou = rows.ou.get(ouId);
      return { id: ouId, awsId: str(ou, 'awsId'), name: str(ou, 'name') };
    }
    if (typeof rootId === 'string') {
      const root = rows.root.get(rootId);
      return { id: rootId, awsId: str(root, 'awsId'), name: str(root, 'name') };
    }
    return null;
  };
  const ouEntity = (row: RowData): DiffEntity => ({ id: row.id, awsId: str(row, 'awsId'), name: str(row, 'name') });
  const accountEntity = (row: RowData): DiffEntity => ({ id: row.id, awsId: str(row, 'accountId'), name: str(row, 'name') });

  const ous: DesignDiff['ous'] = { added: [], removed: [], moved: [], renamed: [] };
  const rootFrom = rootOf(from)?.id;
  const rootTo = rootOf(to)?.id;
  for (const [id, row] of to.ou) {
    const old = from.ou.get(id);
    if (!old) { ous.added.push(ouEntity(row)); continue; }
    if (old.parentOuId !== row.parentOuId) {
      ous.moved.push({ ...ouEntity(row), from: parentEntity(from, old.parentOuId, rootFrom), to: parentEntity(to, row.parentOuId, rootTo) });
    }
    if (old.name !== row.name) ous.renamed.push({ ...ouEntity(row), fromName: str(old, 'name'), toName: str(row, 'name') });
  }
  for (const [id, row] of from.ou) if (!to.ou.has(id)) ous.removed.push(ouEntity(row));

  const accounts: DesignDiff['accounts'] = { added: [], removed: [], moved: [], renamed: [], statusChanged: [] };
  for (const [id, row] of to.account) {
    const old = from.account.get(id);
    if (!old) { accounts.added.push(accountEntity(row)); continue; }
    if (old.parentOuId !== row.parentOuId || old.parentRootId !== row.parentRootId) {
      accounts.moved.push({ ...accountEntity(row), from: parentEntity(from, old.parentOuId, old.parentRootId), to: parentEntity(to, row.parentOuId, row.parentRootId) });
    }
    if (old.name !== row.name) accounts.renamed.push({ ...accountEntity(row), fromName: str(old, 'name'), toName: str(row, 'name') });
    if (old.status !== row.status) accounts.statusChanged.push({ ...accountEntity(row), from: str(old, 'status'), to: str(row, 'status') });
  }
  for (const [id, row] of from.account) if (!to.account.has(id)) accounts.removed.push(accountEntity(row));

  const policyEntity = (row: RowData) => ({ id: row.id, awsId: str(row, 'awsId'), name: str(row, 'name'), type: str(row, 'type') });
  const policies: DesignDiff['policies'] = { added: [], removed: [], changed: [] };
  for (const [id, row] of to.policy) {
    const old = from.policy.get(id);
    if (!old) { policies.added.push(policyEntity(row)); continue; }
    const contentChanged = old.content !== row.content;
    const descriptionChanged = old.description !== row.description;
    if (!contentChanged && !descriptionChanged && old.name === row.name) continue;
    policies.changed.push({
      ...policyEntity(row),
      ...(old.name !== row.name ? { renamedFrom: str(old, 'name') } : {}),
      descriptionChanged,
      contentChanged,
      statements: contentChanged ? diffStatements(str(old, 'content'), str(row, 'content')) : [],
    });
  }
  for (const [id, row] of from.policy) if (!to.policy.has(id)) policies.removed.push(policyEntity(row));

  const attachmentsOf = (rows: DesignRows) => {
    const out = new Map<string, DiffAttachment>();
    for (const row of rows.attachment.values()) {
      const policy = rows.policy.get(String(row.policyId));
      const target: DiffAttachment['target'] = row.rootId
        ? { kind: 'root', ...(parentEntity(rows, null, row.rootId) as DiffEntity) }
        : row.ouId
          ? { kind: 'ou', ...ouEntity(rows.ou.get(String(row.ouId)) ?? ({ id: String(row.ouId) } as RowData)) }
          : { kind: 'account', ...accountEntity(rows.account.get(String(row.accountId)) ?? ({ id: String(row.accountId) } as RowData)) };
      out.set(`${row.policyId}|${target.kind}|${target.id}`, {
        policy: policy ? policyEntity(policy) : { id: String(row.policyId), awsId: '', name: '', type: '' },
        target,
      });
    }
    return out;
  };
  const attachFrom = attachmentsOf(from);
  const attachTo = attachmentsOf(to);
  const attachments: DesignDiff['attachments'] = {
    added: [...attachTo].filter(([key]) => !attachFrom.has(key)).map(([, value]) => value),
    removed: [...attachFrom].filter(([key]) => !attachTo.has(key)).map(([, value]) => value),
  };

  const typesOf = (rows: DesignRows) => new Set([...rows.rootPolicyType.values()].filter((r) => r.status === 'ENABLED').map((r) => String(r.type)));
  const typesFrom = typesOf(from);
  const typesTo = typesOf(to);
  const featureFrom = str([...from.organization.values()][0], 'featureSet');
  const featureTo = str([...to.organization.values()][0], 'featureSet');

  return {
    featureSet: featureFrom !== featureTo ? { from: featureFrom, to: featureTo } : null,
    policyTypes: { enabled: [...typesTo].filter((t) => !typesFrom.has(t)).sort(), disabled: [...typesFrom].filter((t) => !typesTo.has(t)).sort() },
    ous,
    accounts,
    policies,
    attachments,
  };
}

/** JSON with object keys sorted, so that formatting and key order do not count as changes. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A document's comparable units: statements keyed by Sid (else "#index"), or top-level elements by key. */
function unitsOf(content: string): Map<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return new Map([['(document)', content]]);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return new Map([['(document)', parsed]]);
  const document = parsed as Record<string, unknown>;
  if ('Statement' in document) {
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    const units = new Map<string, unknown>();
    // Statements without a Sid are keyed by their position among the statements without one, so adding or
    // removing a named statement does not make every unnamed statement after it look changed.
    let unnamed = 0;
    for (const statement of statements) {
      const sid = statement && typeof statement === 'object' ? (statement as { Sid?: unknown }).Sid : undefined;
      units.set(typeof sid === 'string' && sid !== '' ? sid : `#${unnamed++}`, statement);
    }
    for (const [key, value] of Object.entries(document)) if (key !== 'Statement') units.set(key, value);
    return units;
  }
  return new Map(Object.entries(document));
}

/** Statement-level differences between two policy documents (by Sid when present, else by index among unnamed statements). */
export function diffStatements(before: string, after: string): StatementChange[] {
  const a = unitsOf(before);
  const b = unitsOf(after);
  const changes: StatementChange[] = [];
  for (const [key, value] of b) {
    if (!a.has(key)) changes.push({ key, change: 'added', after: value });
    else if (canonical(a.get(key)) !== canonical(value)) changes.push({ key, change: 'changed', before: a.get(key), after: value });
  }
  for (const [key, value] of a) if (!b.has(key)) changes.push({ key, change: 'removed', before: value });
  return changes;
}
