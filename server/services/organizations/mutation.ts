import 'server-only';
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from '../../db/aws-identifiers';
import type { Db, Prisma, PrismaClient } from '../../db/client';
import type { OrganizationsPolicyTypeDto } from '../../db/dto';
import { appendChanges, appendChangesAndSetRevision, lockDesignRevision, rowKey, type NewChange } from '../../db/history';
import { invertChanges, RecordingWriter, type RowChange, type RowData } from '../../db/org-mutations';
import * as queries from '../../db/org-mutations-queries';
import type { AccountRowDto, MutationContextDto, TargetColumn } from '../../db/org-mutations-queries';
import { accountOfRow, readAccountsByRef, rowColumnUpdates, writeRowColumns, type RowColumns, type RowUpdate } from '../../db/row-edits';
import {
  DEFAULT_IAM_QUOTAS,
  DEFAULT_IDENTITY_CENTER_QUOTAS,
  DEFAULT_ORGANIZATION_QUOTAS,
  DEFAULT_POLICY_QUOTAS,
  DEFAULT_RAM_QUOTAS,
  type IamQuotas,
  type IdentityCenterQuotas,
  type OrganizationQuotas,
  type OrgPolicyTypeName,
  type PolicyQuotas,
  type RamQuotas,
} from '../../engine/quotas';
import { quotaOverridesSchema, type QuotaOverrides } from '../../schemas/organizations';
import { currentAuthor } from '../auth/actor';
import { designNotFound } from '../domain-error';
import { summarizeChange, summaryReadsNames } from '../history/summarize-change';
import { awsError, notFound, staleRevision } from './aws-errors';

// The frame every Organizations edit runs in: a transaction that takes the design row's lock, checks the edit's
// revision (optimistic concurrency), checks AWS's rules, writes through a RecordingWriter and appends the change to
// the history. Any error rolls the edit back, its revision included.
//
// Edits of one design wait for each other on that lock. Under many concurrent editors, one transaction per edit
// spent most of each request queueing for the lock and for a pooled connection (50 editors: p95 1.7 s at 38
// edits/s). So edits of a design that arrive while one of its transactions runs wait in this process's queue and
// then go in together, in arrival order, in one transaction ("group commit"): each is judged on the design as the
// edits before it left it, and gets its own revision, history entry and result.

/** What every edit's input carries. */
export interface MutationBase {
  designId: string;
  expectedRevision: number;
  /** Who made the change, when known (kept in the history). */
  author?: string;
}

/** The quotas in force for a design: AWS's defaults with the design's overrides. */
export interface EffectiveQuotas {
  organization: OrganizationQuotas;
  policySizes: PolicyQuotas;
  iam: IamQuotas;
  ram: RamQuotas;
  identityCenter: IdentityCenterQuotas;
}

/** What an operation's body receives. */
export interface OperationScope {
  /** The transaction: read through it so reads see the operation's own writes. */
  db: Db;
  /** Every write goes through it, so the history records it. */
  writer: RecordingWriter;
  /** The design's organization and root as they were when the edit started. */
  context: MutationContextDto;
  quotas: EffectiveQuotas;
  /** The revision this edit produces. */
  revision: number;
  /** For undo and redo: the revision of the change being reverted or re-applied (kept on the history entry). */
  history: { targetRevision?: number };
}

/** Reads the stored overrides (validated: a hand-edited row must fail loudly) over the defaults. */
export function effectiveQuotas(stored: unknown): EffectiveQuotas {
  let overrides: QuotaOverrides = {};
  if (stored !== null && stored !== undefined) {
    const parsed = quotaOverridesSchema.safeParse(stored);
    if (!parsed.success) {
      throw new Error(`The design's quotaOverrides column does not match the quota overrides schema: ${parsed.error.message}`);
    }
    overrides = parsed.data;
  }
  const org = overrides.organization ?? {};
  return {
    organization: {
      ...DEFAULT_ORGANIZATION_QUOTAS,
      ...(org.maxOuDepth !== undefined ? { maxOuDepth: org.maxOuDepth } : {}),
      ...(org.maxOusPerOrganization !== undefined ? { maxOusPerOrganization: org.maxOusPerOrganization } : {}),
      ...(org.defaultMaxAccounts !== undefined ? { defaultMaxAccounts: org.defaultMaxAccounts } : {}),
      maxPoliciesAttachedPerTarget: { ...DEFAULT_ORGANIZATION_QUOTAS.maxPoliciesAttachedPerTarget, ...org.maxPoliciesAttachedPerTarget },
      maxPoliciesPerOrganization: { ...DEFAULT_ORGANIZATION_QUOTAS.maxPoliciesPerOrganization, ...org.maxPoliciesPerOrganization },
    },
    policySizes: { ...DEFAULT_POLICY_QUOTAS, ...overrides.policySizes },
    iam: { ...DEFAULT_IAM_QUOTAS, ...overrides.iam },
    ram: { ...DEFAULT_RAM_QUOTAS, ...overrides.ram },
    identityCenter: { ...DEFAULT_IDENTITY_CENTER_QUOTAS, ...overrides.identityCenter },
  };
}

/** Runs `work` in a transaction (Prisma's interactive transaction on a client; the caller's on a transaction). */
async function inEditTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if ('$transaction' in db) {
    // Generous timeout: enabling SCPs on a 5,000-account organization writes one attachment per target.
    return (db as PrismaClient).$transaction((tx: Prisma.TransactionClient) => work(tx), { maxWait: 10_000, timeout: 60_000 });
  }
  return work(db);
}

/** Edits that act on "the latest change": only valid on the revision the user saw, so any later change refuses them. */
const STRICT_OPERATIONS = new Set(['undo', 'redo']);

/** Row kinds that feed the mutation context: an edit writing one makes the next edit of a batch read it again. */
const CONTEXT_KINDS = new Set<RowChange['kind']>(['design', 'organization', 'root', 'rootPolicyType']);

/** At most this many queued edits go into one transaction (one slow edit delays the others of its batch); 64 lets a
 * burst of 50 editors run as two batches (the first edit alone, then the 49 queued behind it), not three. */
const MAX_BATCH = 64;

/**
 * An edit that writes columns of one account it finds by reference (a rename), judged on that account and the
 * context alone: it reads nothing else, so the edits of this kind in a batch read their accounts in one query and
 * are written in one statement (server/db/row-edits.ts) instead of three queries each.
 */
export interface AccountEdit<T extends object> {
  /** The account's row id or 12-digit id, as the caller gave it. */
  ref: string;
  /** Checks AWS's rules on the account as the edits before it left it (null: no such account) and says what to write. */
  columns: (account: AccountRowDto | null, context: MutationContextDto) => RowColumns<'account'>;
  /** The edit's result, from the account's row as written. */
  result: (row: RowData) => T;
}

/** One edit waiting for its design's transaction: a general operation, or an account edit. */
interface QueuedEdit {
  operation: string;
  input: MutationBase;
  body: { apply: (scope: OperationScope) => Promise<object> } | { accountEdit: AccountEdit<object> };
  /** Read when the request arrived: the batch runs in another request's async context. */
  author: string | undefined;
  resolve: (value: object & { revision: number }) => void;
  reject: (error: unknown) => void;
}

/** How one edit of a batch ended. */
type EditOutcome = { ok: true; value: object & { revision: number } } | { ok: false; error: unknown };

/** An edit failed after writing (or the database refused a statement): the batch must roll back and go edit by edit. */
class BatchSpoiled extends Error {}

/** Per client, per design: the edits waiting and whether a batch is running. */
const queues = new WeakMap<object, Map<string, { waiting: QueuedEdit[]; running: boolean }>>();

/**
 * Applies one edit as AWS would apply one API call: in turn with the others on the design (the design row's lock),
 * every AWS rule checked against the design as it is now. An edit based on an older revision than the current one
 * still goes in when no change since that revision wrote a row it writes (two editors renaming two accounts do not
 * conflict, as two AWS calls do not); when one did, it is refused with CONFLICT ConcurrentModificationException and
 * nothing is saved, so an update is never lost. Undo and redo need the current revision. Loads the organization,
 * runs `apply`, records { forward: { input, changes }, inverse } as the change of the new revision. Returns the
 * operation's result with the new revision.
 */
export async function runMutation<T extends object>(
  db: Db,
  operation: string,
  input: MutationBase,
  apply: (scope: OperationScope) => Promise<T>,
): Promise<T & { revision: number }> {
  return enqueue(db, operation, input, { apply });
}

/**
 * runMutation for an edit that only writes columns of one account: the same frame (lock, revision and overlap
 * checks, AWS's rules on the account as it is now, history entry, the same errors), cheaper in a batch.
 */
export async function runAccountEdit<T extends object>(db: Db, operation: string, input: MutationBase, edit: AccountEdit<T>): Promise<T & { revision: number }> {
  return enqueue(db, operation, input, { accountEdit: edit });
}

function enqueue<T extends object>(db: Db, operation: string, input: MutationBase, body: QueuedEdit['body']): Promise<T & { revision: number }> {
  const edit = (resolve: QueuedEdit['resolve'], reject: QueuedEdit['reject']): QueuedEdit => ({
    operation,
    input,
    body,
    // The request's signed-in user (or the person at the machine), else what the caller passed.
    author: currentAuthor() ?? input.author,
    resolve,
    reject,
  });
  if (!('$transaction' in db)) {
    // Inside a caller's transaction (an import, Control Tower's set-up): run here, in that transaction.
    return new Promise<T & { revision: number }>((resolve, reject) => {
      const queued = edit(resolve as QueuedEdit['resolve'], reject);
      applyBatch(db, [queued]).then(([outcome]) => (outcome.ok ? resolve(outcome.value as T & { revision: number }) : reject(outcome.error)), reject);
    });
  }
  // No early read of the revision: the batch checks it under the lock, and each read costs every edit a query.
  return new Promise<T & { revision: number }>((resolve, reject) => {
    let byDesign = queues.get(db);
    if (!byDesign) queues.set(db, (byDesign = new Map()));
    let queue = byDesign.get(input.designId);
    if (!queue) byDesign.set(input.designId, (queue = { waiting: [], running: false }));
    queue.waiting.push(edit(resolve as QueuedEdit['resolve'], reject));
    if (!queue.running) void drain(db as PrismaClient, input.designId, queue, byDesign);
  });
}

/** Runs the design's waiting edits, a batch per transaction, until none is left. */
async function drain(db: PrismaClient, designId: string, queue: { waiting: QueuedEdit[]; running: boolean }, byDesign: Map<string, unknown>) {
  queue.running = true;
  try {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, MAX_BATCH);
      try {
        await runBatch(db, batch);
      } catch (error) {
        // runBatch settles every edit itself; this only guards against an edit left waiting for ever.
        for (const edit of batch) edit.reject(error);
      }
    }
  } finally {
    queue.running = false;
    if (queue.waiting.length === 0) byDesign.delete(designId);
  }
}

/** One transaction for the batch; if it fails (an edit spoiled it, or the commit failed), one transaction per edit, in order. */
async function runBatch(db: PrismaClient, batch: QueuedEdit[]): Promise<void> {
  if (batch.length === 1) return runAlone(db, batch[0]);
  let outcomes: EditOutcome[];
  try {
    outcomes = await inEditTransaction(db, (tx) => applyBatch(tx, batch));
  } catch {
    // Nothing of the batch was saved: each edit again on its own, so each fails only for its own reason.
    for (const edit of batch) await runAlone(db, edit);
    return;
  }
  batch.forEach((edit, index) => {
    const outcome = outcomes[index];
    if (outcome.ok) edit.resolve(outcome.value);
    else edit.reject(outcome.error);
  });
}

/** An edit in a transaction of its own: its error is its own. */
async function runAlone(db: PrismaClient, edit: QueuedEdit): Promise<void> {
  try {
    const [outcome] = await inEditTransaction(db, (tx) => applyBatch(tx, [edit]));
    if (outcome.ok) edit.resolve(outcome.value);
    else edit.reject(outcome.error);
  } catch (error) {
    edit.reject(error);
  }
}

/**
 * Applies the edits in order under the design row's lock. An edit refused before it wrote anything ends with its
 * error and the others go on; one that fails after writing spoils a batch of several (BatchSpoiled: the caller rolls
 * back and retries edit by edit) and, alone, rolls back with its own error. Account edits are checked on rows read
 * for all of them at once and written together before anything else reads the database.
 */
async function applyBatch(tx: Db, batch: readonly QueuedEdit[]): Promise<EditOutcome[]> {
  const designId = batch[0].input.designId;
  const locked = await lockDesignRevision(tx, designId);
  if (locked === null) return batch.map(() => ({ ok: false, error: designNotFound(designId) }));
  // What changed between the oldest base revision and now, for the overlap check (later revisions are this batch's).
  const oldestBase = Math.min(...batch.map((edit) => edit.input.expectedRevision));
  // With the context the first edit reads and the accounts the account edits before the first operation read (one
  // statement: each round trip is paid by every batch).
  const headRefs = accountRefsBeforeOperation(batch);
  const start = await queries.loadMutationContextAndChanges(tx, designId, oldestBase, locked, headRefs);
  const changedRows = start.changedRows;
  const outcomes: EditOutcome[] = [];
  const history: NewChange[] = [];
  const accounts = new BatchAccounts(tx, designId);
  if (start.accounts) accounts.remember(headRefs, start.accounts);
  let current = locked;
  let context: MutationContextDto | null = start.context;
  for (const [index, edit] of batch.entries()) {
    const { input, operation, body } = edit;
    const strict = STRICT_OPERATIONS.has(operation);
    if (current < input.expectedRevision || (strict && current !== input.expectedRevision)) {
      outcomes.push({ ok: false, error: staleRevision(designId, input.expectedRevision, current) });
      continue;
    }
    // Every read below sees the account edits before it; an operation may also write accounts, so they are read again after it.
    if ('apply' in body || !context) await accounts.flush();
    if ('apply' in body) accounts.forget();
    // Undo and redo read the history: it must hold this batch's entries so far.
    if (strict) await appendChanges(tx, history.splice(0));
    context ??= await queries.loadMutationContext(tx, designId);
    if (!context) {
      outcomes.push({ ok: false, error: awsError('NOT_FOUND', 'AWSOrganizationsNotInUseException', `Design ${designId} has no organization to edit.`) });
      continue;
    }
    const revision = current + 1;
    let step: { result: object; changes: RowChange[]; targetRevision?: number };
    if ('accountEdit' in body) {
      try {
        step = await accountStep(accounts, body.accountEdit, batch.slice(index), context, (changes) => {
          if (current > input.expectedRevision) refuseOverlap(input, current, changes, changedRows);
        });
      } catch (error) {
        // Nothing was written: an account edit's write waits for the flush.
        outcomes.push({ ok: false, error });
        continue;
      }
    } else {
      const writer = new RecordingWriter(tx);
      const target: { targetRevision?: number } = {};
      try {
        const result = await body.apply({ db: tx, writer, context: structuredClone(context), quotas: effectiveQuotas(context.quotaOverrides), revision, history: target });
        if (current > input.expectedRevision) refuseOverlap(input, current, writer.changes, changedRows);
        step = { result, changes: writer.changes, targetRevision: target.targetRevision };
      } catch (error) {
        if (batch.length === 1) throw error;
        if (writer.changes.length > 0 || !(await transactionUsable(tx))) throw new BatchSpoiled();
        outcomes.push({ ok: false, error });
        continue;
      }
    }
    const { designId: _designId, expectedRevision: _expected, author: _author, ...rest } = input;
    void _designId;
    void _expected;
    void _author;
    let summary: string | null = null;
    if (step.targetRevision === undefined) {
      if (summaryReadsNames(operation)) await accounts.flush();
      summary = await summarizeChange(tx, operation, rest, step.changes);
    }
    history.push({
      designId,
      revision,
      operation,
      author: edit.author,
      targetRevision: step.targetRevision,
      payload: {
        forward: { input: rest, changes: step.changes },
        inverse: { changes: invertChanges(step.changes) },
        ...(summary ? { summary } : {}),
      },
    });
    changedRows.set(revision, step.changes.map(rowKey));
    if (step.changes.some((change) => CONTEXT_KINDS.has(change.kind) || change.id === context?.organization.managementAccountId)) context = null;
    current = revision;
    outcomes.push({ ok: true, value: { ...step.result, revision } });
  }
  // The account writes left, the history and the revision in one statement (nothing to write when every edit was refused).
  if (current !== locked) await appendChangesAndSetRevision(tx, designId, current, history, accounts.takeUpdates());
  else await accounts.flush();
  return outcomes;
}

/**
 * One account edit: the account as the batch's edits so far left it (read with those of the account edits after
 * it, up to the next operation, in one query), AWS's checks, the overlap check, then the write, kept for the flush.
 */
async function accountStep(
  accounts: BatchAccounts,
  edit: AccountEdit<object>,
  rest: readonly QueuedEdit[],
  context: MutationContextDto,
  checkOverlap: (changes: RowChange[]) => void,
): Promise<{ result: object; changes: RowChange[] }> {
  if (!accounts.knows(edit.ref)) await accounts.read(accountRefsBeforeOperation(rest));
  const before = accounts.get(edit.ref);
  const columns = edit.columns(before ? accountOfRow(before) : null, structuredClone(context));
  if (!before) throw new Error(`The account edit of "${edit.ref}" found no account and did not refuse.`);
  const after: RowData = { ...before, ...columns };
  const changes: RowChange[] = [{ kind: 'account', id: before.id, before, after }];
  checkOverlap(changes);
  accounts.write(after, columns);
  return { result: edit.result(after), changes };
}

/** The accounts the account edits at the head of `edits` name, up to the first operation (which may change accounts). */
function accountRefsBeforeOperation(edits: readonly QueuedEdit[]): string[] {
  const refs: string[] = [];
  for (const edit of edits) {
    if (!('accountEdit' in edit.body)) break;
    refs.push(edit.body.accountEdit.ref);
  }
  return refs;
}

/** The accounts a batch's account edits read, as the edits so far left them, and the columns waiting to be written. */
class BatchAccounts {
  /** By row id and by 12-digit id: the row's id, or null when the design has no such account. */
  private readonly ids = new Map<string, string | null>();
  private readonly rows = new Map<string, RowData>();
  private pending: { id: string; columns: RowColumns<'account'> }[] = [];

  constructor(private readonly tx: Db, private readonly designId: string) {}

  /** True when `ref` was read (found or not) since the last operation. */
  knows(ref: string): boolean {
    return this.ids.has(ref);
  }

  /** Reads the accounts `refs` name, in one query. */
  async read(refs: readonly string[]): Promise<void> {
    const wanted = refs.filter((ref) => !this.ids.has(ref));
    this.remember(wanted, await readAccountsByRef(this.tx, this.designId, wanted));
  }

  /** Keeps `rows`, the accounts `refs` name as read (a ref without a row names no account), unless known already. */
  remember(refs: readonly string[], rows: readonly RowData[]): void {
    for (const row of rows) {
      if (this.rows.has(row.id)) continue;
      this.rows.set(row.id, row);
      this.ids.set(row.id, row.id);
      this.ids.set(row.accountId as string, row.id);
    }
    for (const ref of refs) if (!this.ids.has(ref)) this.ids.set(ref, null);
  }

  /** The account `ref` names as the edits so far left it; null when there is none. */
  get(ref: string): RowData | null {
    const id = this.ids.get(ref);
    return id ? this.rows.get(id)! : null;
  }

  /** Keeps an edit's write for the flush; later reads see it. */
  write(after: RowData, columns: RowColumns<'account'>): void {
    this.rows.set(after.id, after);
    this.pending.push({ id: after.id, columns });
  }

  /** Writes what the account edits changed (one statement per set of columns). */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await writeRowColumns(this.tx, 'account', this.takePending());
  }

  /** The UPDATEs of what the account edits changed, for the caller's statement to run (they count as written). */
  takeUpdates(): RowUpdate[] {
    return this.pending.length === 0 ? [] : rowColumnUpdates('account', this.takePending());
  }

  private takePending(): { id: string; columns: RowColumns<'account'> }[] {
    const pending = this.pending;
    this.pending = [];
    return pending;
  }

  /** Drops what was read: an operation is about to run and may change accounts. */
  forget(): void {
    this.ids.clear();
    this.rows.clear();
  }
}

/** False when the database refused a statement of the transaction (PostgreSQL then refuses every later one). */
async function transactionUsable(tx: Db): Promise<boolean> {
  try {
    await tx.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

/**
 * An edit based on an older revision writes a row that a change since then wrote: the editor did not see that change,
 * so saving would overwrite it (a lost update). Refuse it; the transaction rolls back.
 */
function refuseOverlap(input: MutationBase, current: number, changes: readonly RowChange[], changedRows: Map<number, string[]>): void {
  if (changes.length === 0) return;
  const changed = new Set<string>();
  for (let revision = input.expectedRevision + 1; revision <= current; revision++) {
    for (const key of changedRows.get(revision) ?? []) changed.add(key);
  }
  if (changes.some((change) => changed.has(rowKey(change)))) {
    throw staleRevision(input.designId, input.expectedRevision, current);
  }
}

/** A root, OU or member account that policies attach to and that has tags. */
export interface ResolvedTarget {
  kind: 'root' | 'ou' | 'account';
  /** The attachment column that points at it. */
  column: TargetColumn;
  id: string;
  awsId: string;
  name: string;
  /** For an OU: its parent OU (null under the root). */
  parentOuId: string | null;
}

/** A root, OU or member account of the design by row id or AWS id; null when there is none. */
export async function findTarget(db: Db, context: MutationContextDto, ref: string): Promise<ResolvedTarget | null> {
  if (ref === context.root.id || ref === context.root.awsId) {
    return { kind: 'root', column: 'rootId', id: context.root.id, awsId: context.root.awsId, name: context.root.name, parentOuId: null };
  }
  const ou = await queries.findOu(db, context.root.id, ref);
  if (ou) return { kind: 'ou', column: 'ouId', id: ou.id, awsId: ou.awsId, name: ou.name, parentOuId: ou.parentOuId };
  const account = await queries.findAccount(db, context.designId, ref);
  if (account && (account.parentRootId || account.parentOuId)) {
    return { kind: 'account', column: 'accountId', id: account.id, awsId: account.accountId, name: account.name, parentOuId: account.parentOuId };
  }
  return null;
}

/** A parent for an OU or account (the root or an OU), or the given *NotFoundException. */
export async function requireParent(db: Db, context: MutationContextDto, ref: string, awsCode: string): Promise<ResolvedTarget> {
  const target = await findTarget(db, context, ref);
  if (!target || target.kind === 'account') {
    throw notFound(awsCode, `There is no root or organizational unit "${ref}" in this organization.`);
  }
  return target;
}

/** True when the policy type is enabled on the root. */
export function isPolicyTypeEnabled(context: MutationContextDto, type: OrganizationsPolicyTypeDto): boolean {
  return context.policyTypes.some((entry) => entry.type === type && entry.status === 'ENABLED');
}

/** The AWS-managed default policy of SCPs or RCPs (FullAWSAccess / RCPFullAWSAccess). */
export const DEFAULT_POLICY_BY_TYPE: Partial<Record<OrganizationsPolicyTypeDto, typeof FULL_AWS_ACCESS | typeof RCP_FULL_AWS_ACCESS>> = {
  SERVICE_CONTROL_POLICY: FULL_AWS_ACCESS,
  RESOURCE_CONTROL_POLICY: RCP_FULL_AWS_ACCESS,
};

/** The row id of the AWS-managed default policy of a type, created when the organization lacks it. */
export async function ensureDefaultPolicy(scope: OperationScope, type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'): Promise<string> {
  const template = DEFAULT_POLICY_BY_TYPE[type]!;
  const existing = await queries.findPolicyByAwsId(scope.db, scope.context.organization.id, template.awsId);
  if (existing) return existing.id;
  const created = await scope.writer.create('policy', {
    organizationId: scope.context.organization.id,
    awsId: template.awsId,
    type,
    name: template.name,
    description: template.description,
    content: template.content,
    awsManaged: true,
  });
  return created.id;
}

/**
 * What AWS does for a new OU or a joining account: FullAWSAccess is attached when SCPs are enabled and
 * RCPFullAWSAccess when RCPs are (orgs_manage_policies_scps.html, orgs_manage_policies_rcps.html).
 */
export async function attachDefaultPolicies(scope: OperationScope, column: TargetColumn, targetId: string): Promise<void> {
  for (const type of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const) {
    if (!isPolicyTypeEnabled(scope.context, type)) continue;
    const policyId = await ensureDefaultPolicy(scope, type);
    await scope.writer.create('attachment', { policyId, [column]: targetId });
  }
}

/** Deletes every policy attachment of a target (before the target is deleted or leaves the organization). */
export async function detachEverything(scope: OperationScope, column: TargetColumn, targetId: string): Promise<void> {
  const attachments = await queries.listTargetAttachments(scope.db, column, targetId);
  await scope.writer.deleteMany('attachment', attachments.map((a) => a.id));
}

/** Fails with AWS's error when the organization only has consolidated billing. */
export function requireAllFeatures(context: MutationContextDto, what: string): void {
  if (context.organization.featureSet !== 'ALL') {
    throw awsError(
      'CONSTRAINT_VIOLATION',
      'PolicyTypeNotAvailableForOrganizationException',
      `${what} needs all features; this organization has consolidated billing only. Enable all features first.`,
    );
  }
}

/** True for the policy types whose quotas are listed per type in server/engine/quotas.ts. */
export function isQuotaPolicyType(type: OrganizationsPolicyTypeDto): type is OrgPolicyTypeName {
  return type in DEFAULT_ORGANIZATION_QUOTAS.maxPoliciesAttachedPerTarget;
}
