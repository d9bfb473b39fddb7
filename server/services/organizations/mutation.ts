import 'server-only';
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from '../../db/aws-identifiers';
import type { Db, Prisma, PrismaClient } from '../../db/client';
import type { OrganizationsPolicyTypeDto } from '../../db/dto';
import { appendChange, claimNextRevision, claimRevision, readRevision, rowKey, rowsChangedSince } from '../../db/history';
import { invertChanges, RecordingWriter } from '../../db/org-mutations';
import * as queries from '../../db/org-mutations-queries';
import type { MutationContextDto, TargetColumn } from '../../db/org-mutations-queries';
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
import { summarizeChange } from '../history/summarize-change';
import { awsError, notFound, staleRevision } from './aws-errors';

// The frame every Organizations edit runs in: one transaction that claims the next revision (optimistic
// concurrency), checks AWS's rules, writes through a RecordingWriter and appends the change to the history.
// Any error rolls everything back, the revision included.

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
  const strict = STRICT_OPERATIONS.has(operation);
  if ('$transaction' in db) {
    // What one read can refuse is refused before a transaction waits for the design row's lock.
    const current = await readRevision(db, input.designId);
    if (current === null) throw designNotFound(input.designId);
    if (current < input.expectedRevision || (strict && current !== input.expectedRevision)) {
      throw staleRevision(input.designId, input.expectedRevision, current);
    }
  }
  return inEditTransaction(db, async (tx) => {
    const claimed = strict
      ? await claimRevision(tx, input.designId, input.expectedRevision)
      : await claimNextRevision(tx, input.designId, input.expectedRevision);
    if ('reason' in claimed) {
      if (claimed.reason === 'not-found') throw designNotFound(input.designId);
      throw staleRevision(input.designId, input.expectedRevision, claimed.currentRevision);
    }
    const context = await queries.loadMutationContext(tx, input.designId);
    if (!context) {
      throw awsError('NOT_FOUND', 'AWSOrganizationsNotInUseException', `Design ${input.designId} has no organization to edit.`);
    }
    const writer = new RecordingWriter(tx);
    const history: { targetRevision?: number } = {};
    const result = await apply({ db: tx, writer, context, quotas: effectiveQuotas(context.quotaOverrides), revision: claimed.revision, history });
    const previous = claimed.revision - 1;
    if (previous > input.expectedRevision) await refuseOverlap(tx, input, previous, writer);
    const { designId, expectedRevision: _expected, author, ...rest } = input;
    void _expected;
    const summary = history.targetRevision === undefined ? await summarizeChange(tx, operation, rest, writer.changes) : null;
    await appendChange(tx, {
      designId,
      revision: claimed.revision,
      operation,
      // The request's signed-in user (or the person at the machine), else what the caller passed.
      author: currentAuthor() ?? author,
      targetRevision: history.targetRevision,
      payload: {
        forward: { input: rest, changes: writer.changes },
        inverse: { changes: invertChanges(writer.changes) },
        ...(summary ? { summary } : {}),
      },
    });
    return { ...result, revision: claimed.revision };
  });
}

/**
 * An edit based on an older revision writes a row that a change since then wrote: the editor did not see that change,
 * so saving would overwrite it (a lost update). Refuse it; the transaction rolls back.
 */
async function refuseOverlap(tx: Db, input: MutationBase, current: number, writer: RecordingWriter): Promise<void> {
  if (writer.changes.length === 0) return;
  const changed = await rowsChangedSince(tx, input.designId, input.expectedRevision, current);
  if (writer.changes.some((change) => changed.has(rowKey(change)))) {
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
