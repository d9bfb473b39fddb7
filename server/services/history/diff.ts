import 'server-only';
import type { Db } from '../../db/client';
import { getDesign } from '../../db/designs';
import { applyChangesInMemory, getPayloadsNewestFirst, loadDesignRows, type DesignRows } from '../../db/history';
import type { RowData } from '../../db/org-mutations';
import { designNotFound, DomainError } from '../domain-error';

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

/** What an IAM change is about. */
export type IamChangeKind = 'role' | 'user' | 'group' | 'managedPolicy' | 'inlinePolicy' | 'attachment' | 'membership';

/** A change to IAM in one account (or to an AWS-managed policy, which belongs to none). */
export interface IamChange {
  /** The account, when the entity belongs to one. */
  account: DiffEntity | null;
  kind: IamChangeKind;
  change: 'added' | 'removed' | 'changed';
  /** The entity as a person reads it: "role Deploy", "inline policy Ops of role Deploy", "ReadOnlyAccess → role Audit". */
  name: string;
  /** For changes: what changed, e.g. "trust policy", "max session duration 3600 s → 7200 s", "default version v1 → v2". */
  details: string[];
  /** Statement-level changes of the document that changed (trust policy, inline policy, default version). */
  statements: StatementChange[];
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
  /** IAM changes, by account and entity. */
  iam: IamChange[];
}

/** The rows of a design as of `revision` (current rows with the inverses of later changes applied). */
async function rowsAt(db: Db, designId: string, revision: number, current: { revision: number; rows: DesignRows }): Promise<DesignRows> {
  const rows: DesignRows = Object.fromEntries(Object.entries(current.rows).map(([kind, table]) => [kind, new Map(table)])) as DesignRows;
  for (const { payload } of await getPayloadsNewestFirst(db, designId, revision, current.revision)) {
    applyChangesInMemory(rows, payload.inverse.changes);
  }
  return rows;
}

/**
 * The rows of a design at two revisions, read consistently (the revision is read before and after the rows: a
 * concurrent edit in between would mix two states, so the read is retried).
 */
export async function rowsAtRevisions(db: Db, designId: string, fromRevision: number, toRevision: number): Promise<{ from: DesignRows; to: DesignRows; revision: number }> {
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
    return { from, to, revision: before.revision };
  }
  throw new DomainError('CONFLICT', 'The design kept changing while the diff was computed; try again.', { awsCode: 'ConcurrentModificationException' });
}

/** The diff between two revisions of a design (either order; from is the older state you compare against). */
export async function diffRevisions(db: Db, designId: string, fromRevision: number, toRevision: number): Promise<DesignDiff> {
  const { from, to } = await rowsAtRevisions(db, designId, fromRevision, toRevision);
  return { fromRevision, toRevision, ...compareRows(from, to) };
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
    iam: compareIam(from, to),
    featureSet: featureFrom !== featureTo ? { from: featureFrom, to: featureTo } : null,
    policyTypes: { enabled: [...typesTo].filter((t) => !typesFrom.has(t)).sort(), disabled: [...typesFrom].filter((t) => !typesTo.has(t)).sort() },
    ous,
    accounts,
    policies,
    attachments,
  };
}

/** IAM differences: roles, users, groups, memberships, managed policies (default versions), inline policies, attachments. */
function compareIam(from: DesignRows, to: DesignRows): IamChange[] {
  const changes: IamChange[] = [];
  const accountOf = (rows: DesignRows, accountId: unknown): DiffEntity | null => {
    const row = typeof accountId === 'string' ? rows.account.get(accountId) ?? from.account.get(accountId) : undefined;
    return row ? { id: row.id, awsId: str(row, 'accountId'), name: str(row, 'name') } : null;
  };
  // The user, group or role a row hangs on (inline policies, attachments), named in whichever state still has it.
  const owner = (row: RowData): { label: string; account: DiffEntity | null } => {
    for (const [key, kind, table] of [['roleId', 'role', 'iamRole'], ['userId', 'user', 'iamUser'], ['groupId', 'group', 'iamGroup']] as const) {
      const id = row[key];
      if (typeof id !== 'string') continue;
      const entity = to[table].get(id) ?? from[table].get(id);
      return { label: `${kind} ${str(entity, 'name') || id}`, account: accountOf(to, entity?.accountId) };
    }
    return { label: '?', account: null };
  };
  const push = (account: DiffEntity | null, kind: IamChangeKind, change: IamChange['change'], name: string, details: string[] = [], statements: StatementChange[] = []) =>
    changes.push({ account, kind, change, name, details, statements });
  const field = (details: string[], label: string, before: unknown, after: unknown, unit = '') => {
    if (canonical(before ?? null) !== canonical(after ?? null)) details.push(`${label} ${before ?? 'none'}${unit} → ${after ?? 'none'}${unit}`);
  };
  const boundaryName = (rows: DesignRows, row: RowData | undefined) => {
    const id = row?.boundaryPolicyId;
    return typeof id === 'string' ? str(rows.iamManagedPolicy.get(id) ?? from.iamManagedPolicy.get(id), 'name') || id : (row?.permissionsBoundaryArn as string | null | undefined) ?? null;
  };

  for (const [table, kind] of [['iamRole', 'role'], ['iamUser', 'user'], ['iamGroup', 'group']] as const) {
    for (const [id, row] of to[table]) {
      const old = from[table].get(id);
      const name = `${kind} ${str(row, 'name')}`;
      if (!old) { push(accountOf(to, row.accountId), kind, 'added', name); continue; }
      const details: string[] = [];
      field(details, 'name', old.name, row.name);
      field(details, 'path', old.path, row.path);
      let statements: StatementChange[] = [];
      if (kind === 'role') {
        if (old.trustPolicy !== row.trustPolicy) {
          details.push('trust policy');
          statements = diffStatements(str(old, 'trustPolicy'), str(row, 'trustPolicy'));
        }
        field(details, 'max session duration', old.maxSessionDuration, row.maxSessionDuration, ' s');
        if (old.description !== row.description) details.push('description');
      }
      if (kind !== 'group') {
        field(details, 'permissions boundary', boundaryName(from, old), boundaryName(to, row));
        if (canonical(old.tags ?? []) !== canonical(row.tags ?? [])) details.push('tags');
      }
      if (details.length > 0) push(accountOf(to, row.accountId), kind, 'changed', name, details, statements);
    }
    for (const [id, row] of from[table]) if (!to[table].has(id)) push(accountOf(from, row.accountId), kind, 'removed', `${kind} ${str(row, 'name')}`);
  }

  for (const [id, row] of to.iamGroupMembership) {
    if (from.iamGroupMembership.has(id)) continue;
    const user = owner({ id, userId: row.userId }).label;
    const group = owner({ id, groupId: row.groupId });
    push(group.account, 'membership', 'added', `${user} in ${group.label}`);
  }
  for (const [id, row] of from.iamGroupMembership) {
    if (to.iamGroupMembership.has(id)) continue;
    const group = owner({ id, groupId: row.groupId });
    push(group.account, 'membership', 'removed', `${owner({ id, userId: row.userId }).label} in ${group.label}`);
  }

  const defaultVersion = (rows: DesignRows, policyId: string) => [...rows.iamManagedPolicyVersion.values()].find((version) => version.policyId === policyId && version.isDefault === true);
  for (const [id, row] of to.iamManagedPolicy) {
    const old = from.iamManagedPolicy.get(id);
    const name = `managed policy ${str(row, 'name')}`;
    if (!old) { push(accountOf(to, row.accountId), 'managedPolicy', 'added', name); continue; }
    const details: string[] = [];
    field(details, 'name', old.name, row.name);
    if (old.description !== row.description) details.push('description');
    const before = defaultVersion(from, id);
    const after = defaultVersion(to, id);
    let statements: StatementChange[] = [];
    if (str(before, 'versionId') !== str(after, 'versionId') || str(before, 'document') !== str(after, 'document')) {
      details.push(`default version ${str(before, 'versionId') || 'none'} → ${str(after, 'versionId') || 'none'}`);
      statements = diffStatements(str(before, 'document'), str(after, 'document'));
    }
    const versionIds = (rows: DesignRows) => new Set([...rows.iamManagedPolicyVersion.values()].filter((version) => version.policyId === id).map((version) => str(version, 'versionId')));
    const versionsBefore = versionIds(from);
    const versionsAfter = versionIds(to);
    for (const versionId of versionsAfter) if (!versionsBefore.has(versionId)) details.push(`version ${versionId} created`);
    for (const versionId of versionsBefore) if (!versionsAfter.has(versionId)) details.push(`version ${versionId} deleted`);
    if (details.length > 0) push(accountOf(to, row.accountId), 'managedPolicy', 'changed', name, details, statements);
  }
  for (const [id, row] of from.iamManagedPolicy) if (!to.iamManagedPolicy.has(id)) push(accountOf(from, row.accountId), 'managedPolicy', 'removed', `managed policy ${str(row, 'name')}`);

  for (const [id, row] of to.iamInlinePolicy) {
    const old = from.iamInlinePolicy.get(id);
    const { label, account } = owner(row);
    const name = `inline policy ${str(row, 'name')} of ${label}`;
    if (!old) push(account, 'inlinePolicy', 'added', name);
    else if (old.document !== row.document) push(account, 'inlinePolicy', 'changed', name, ['document'], diffStatements(str(old, 'document'), str(row, 'document')));
  }
  for (const [id, row] of from.iamInlinePolicy) {
    if (to.iamInlinePolicy.has(id)) continue;
    const { label, account } = owner(row);
    push(account, 'inlinePolicy', 'removed', `inline policy ${str(row, 'name')} of ${label}`);
  }

  const attachmentName = (row: RowData) => {
    const policy = to.iamManagedPolicy.get(str(row, 'policyId')) ?? from.iamManagedPolicy.get(str(row, 'policyId'));
    return `${str(policy, 'name') || str(row, 'policyId')} → ${owner(row).label}`;
  };
  for (const [id, row] of to.iamPolicyAttachment) if (!from.iamPolicyAttachment.has(id)) push(owner(row).account, 'attachment', 'added', attachmentName(row));
  for (const [id, row] of from.iamPolicyAttachment) if (!to.iamPolicyAttachment.has(id)) push(owner(row).account, 'attachment', 'removed', attachmentName(row));

  return changes.sort((a, b) => (a.account?.awsId ?? '').localeCompare(b.account?.awsId ?? '') || a.name.localeCompare(b.name));
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
