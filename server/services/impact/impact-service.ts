// What-if impact of a pending change to a design: preview (the engine applies the calls to a copy of the compiled
// world and compares the org-wide matrices; nothing is saved) and apply (the same calls written through the
// Organizations services, each one a revision in the history, as if made one after the other in the editor).
import 'server-only';

import type { z } from 'zod';
import type { Db, PrismaClient } from '../../db/client';
import { kindsChangedBetween, readDesignsAtRevisions } from '../../db/design-at-revision';
import type { EntityKind } from '../../db/org-mutations';
import { applyOrganizationsCalls, type CallError, type OrganizationsCall, type World } from '../../engine';
import { applyChangeCalls, type ChangeCall } from '../../engine/analysis/impact/design-change';
import { IMPACT_OPERATIONS, type impactApplyInputSchema, type impactPreviewInputSchema, type ImpactPreviewResult, type revisionImpactInputSchema } from '../../schemas/impact';
import { disableControl, enableControl } from '../control-tower/landing-zone';
import { readDesign } from '../interchange/interchange-service';
import { replayPlanCall } from '../plan/plan-service';
import { associateResourceShare, createResourceShare, disassociateResourceShare } from '../ram';
import { rowsAtRevisions } from '../history/diff';
import type { EditablePolicyType } from '../../schemas/organizations';
import { designNotFound, DomainError } from '../domain-error';
import {
  attachPolicy, createOrganizationalUnit, createPolicy, deleteOrganizationalUnit, deletePolicy, detachPolicy, moveAccount, renameOrganizationalUnit, updatePolicy,
} from '../organizations';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';
import { engineWorkers, type EngineWorkers } from '../engine-worker/engine-workers';
import { MATRIX_OVER_BUDGET } from './heatmap';

type PreviewInput = z.input<typeof impactPreviewInputSchema>;
type ApplyInput = z.infer<typeof impactApplyInputSchema>;
type RevisionImpactInput = z.input<typeof revisionImpactInputSchema>;

function asCalls(calls: PreviewInput['calls']): OrganizationsCall[] {
  return calls.map((call, i) => ({ operation: call.operation as OrganizationsCall['operation'], input: call.input, path: `calls[${i}].${call.operation}` }));
}

function asChangeCalls(calls: PreviewInput['calls']): ChangeCall[] {
  return calls.map((call, i) => ({ api: call.api ?? 'organizations', operation: call.operation, ...(call.accountId ? { accountId: call.accountId } : {}), input: call.input, path: `calls[${i}].${call.operation}` }));
}

/**
 * True when the calls are SCP and RCP Organizations calls the compiled world answers alone (the fast path: the matrix
 * the worker keeps for the design is reused). IAM, Control Tower, RAM and management-policy calls are previewed on
 * the whole design instead.
 */
function onlyAuthorizationCalls(world: World, calls: PreviewInput['calls']): boolean {
  const created = new Set<string>();
  const known = (id: unknown) => typeof id === 'string' && (created.has(id) || world.policies.some((policy) => policy.id === id));
  return calls.every((call) => {
    if ((call.api ?? 'organizations') !== 'organizations' || !(IMPACT_OPERATIONS as readonly string[]).includes(call.operation)) return false;
    if (call.operation === 'CreatePolicy') {
      if (call.input.Type !== 'SERVICE_CONTROL_POLICY' && call.input.Type !== 'RESOURCE_CONTROL_POLICY') return false;
      created.add(String(call.input.Name));
    }
    return call.input.PolicyId === undefined || known(call.input.PolicyId);
  });
}

function refused(error: CallError): DomainError {
  const field = error.path.replace(/^calls\[(\d+)\]\.\w+\.?/, 'calls.$1.input.').replace(/\.$/, '');
  return new DomainError(error.awsCode === 'PolicyNotFoundException' || error.awsCode?.endsWith('NotFoundException') ? 'NOT_FOUND' : 'CONSTRAINT_VIOLATION',
    `${error.path}: ${error.message}`, { awsCode: error.awsCode ?? 'InvalidInputException', ...(error.awsReason ? { awsReason: error.awsReason } : {}), field });
}

/**
 * Previews the calls on the design: flipped cells by service and account, and the principals that gain or lose
 * actions. The matrices are built in an engine worker thread within the time budget (a TIMEOUT DomainError over it).
 */
export async function previewChange(
  db: Db,
  input: PreviewInput,
  cache: CompiledWorldCache = compiledWorldCache(),
  workers: EngineWorkers = engineWorkers(),
): Promise<ImpactPreviewResult> {
  const design = await cache.get(db, input.designId);
  const what = `The impact preview of ${input.calls.length} call${input.calls.length === 1 ? '' : 's'} on ${design.compiled.world.accounts.length.toLocaleString('en')} accounts`;
  const common = { ...(input.region ? { region: input.region } : {}), maxActions: input.maxActions ?? 300 };
  const outcome = onlyAuthorizationCalls(design.compiled.world, input.calls)
    ? await workers.run(design, { kind: 'impactPreview', input: { calls: asCalls(input.calls), ...common } }, what, MATRIX_OVER_BUDGET)
    : await workers.run(design, { kind: 'designPreview', input: { model: (await readDesign(db, input.designId)).design, calls: asChangeCalls(input.calls), ...common } }, what, MATRIX_OVER_BUDGET);
  if (!outcome.ok) throw refused(outcome.error);
  return { revision: design.revision, ...outcome.value };
}

/** Row kinds whose changes the Organizations fast path of revisionImpact rebuilds from the history's rows. */
const ORGANIZATIONS_KINDS: ReadonlySet<EntityKind> = new Set(['design', 'organization', 'root', 'rootPolicyType', 'ou', 'account', 'policy', 'attachment', 'delegatedAdmin', 'serviceAccess']);

/**
 * What the changes between two revisions did ("what did this change do?"), compared as a preview compares before and
 * after. When only Organizations rows changed, the organization at each revision is rebuilt from the history's rows
 * on the compiled world the worker keeps (fast on large designs). When IAM, Control Tower, RAM or Identity Center
 * rows changed too, the whole design is read at both revisions (readDesignsAtRevisions) and compared as the preview
 * of such calls compares the design with the calls applied: flipped cells, principals whose identity documents
 * changed, shared-resource use and effective management policies.
 */
export async function revisionImpact(
  db: Db,
  input: RevisionImpactInput,
  cache: CompiledWorldCache = compiledWorldCache(),
  workers: EngineWorkers = engineWorkers(),
): Promise<ImpactPreviewResult> {
  const design = await cache.get(db, input.designId);
  const what = `The impact of revisions ${input.fromRevision} → ${input.toRevision} on ${design.compiled.world.accounts.length.toLocaleString('en')} accounts`;
  const common = { ...(input.region ? { region: input.region } : {}), maxActions: input.maxActions ?? 300 };
  const kinds = await kindsChangedBetween(db, input.designId, Math.min(input.fromRevision, input.toRevision), Math.max(input.fromRevision, input.toRevision));
  if ([...kinds].some((kind) => !ORGANIZATIONS_KINDS.has(kind))) {
    if (!('$transaction' in db)) throw new Error('revisionImpact reads older revisions in a transaction of its own: call it with the client, not inside a transaction.');
    const read = await readDesignsAtRevisions(db as PrismaClient, input.designId, [input.fromRevision, input.toRevision]);
    if (!read.ok) {
      if (read.reason === 'not-found') throw designNotFound(input.designId);
      throw new DomainError('INVALID_INPUT', `Design ${input.designId} is at revision ${read.current}; revision ${read.revision} does not exist yet.`, { field: 'toRevision' });
    }
    const value = await workers.run(design, {
      kind: 'designRevisionImpact',
      input: { from: read.value.designs.get(input.fromRevision)!, to: read.value.designs.get(input.toRevision)!, ...common },
    }, what, MATRIX_OVER_BUDGET);
    return { revision: design.revision, ...value };
  }
  const { from, to } = await rowsAtRevisions(db, input.designId, input.fromRevision, input.toRevision);
  // Two matrices of the whole organization: in an engine worker, within the time budget.
  const value = await workers.run(design, { kind: 'revisionImpact', input: { from, to, ...common } }, what, MATRIX_OVER_BUDGET);
  return { revision: design.revision, ...value };
}

/**
 * Applies the calls through the Organizations services, in order, each as one revision. They are first checked on a
 * copy (as preview does), so a call AWS would refuse writes nothing.
 */
export async function applyChange(db: Db, input: ApplyInput, cache: CompiledWorldCache = compiledWorldCache()): Promise<{ revision: number; applied: number }> {
  const design = await cache.get(db, input.designId);
  if (!onlyAuthorizationCalls(design.compiled.world, input.calls)) return applyDesignChange(db, input);
  const calls = asCalls(input.calls);
  const checked = applyOrganizationsCalls(design.compiled.world, calls);
  if (!checked.ok) throw refused(checked.error);
  let revision = input.expectedRevision;
  const createdIds = new Map<string, string>();
  const ref = (value: unknown) => createdIds.get(String(value)) ?? String(value);
  for (const { operation, input: call } of calls) {
    const base = { designId: input.designId, expectedRevision: revision };
    let result: { revision: number };
    switch (operation) {
      case 'AttachPolicy':
        result = await attachPolicy(db, { ...base, policyId: ref(call.PolicyId), targetId: ref(call.TargetId) });
        break;
      case 'DetachPolicy':
        result = await detachPolicy(db, { ...base, policyId: ref(call.PolicyId), targetId: ref(call.TargetId) });
        break;
      case 'UpdatePolicy':
        result = await updatePolicy(db, {
          ...base, policyId: ref(call.PolicyId),
          ...(typeof call.Name === 'string' ? { name: call.Name } : {}),
          ...(typeof call.Description === 'string' ? { description: call.Description } : {}),
          ...(typeof call.Content === 'string' ? { content: call.Content } : {}),
        });
        break;
      case 'CreatePolicy': {
        const created = await createPolicy(db, {
          ...base, type: call.Type as EditablePolicyType, name: String(call.Name), content: String(call.Content),
          ...(typeof call.Description === 'string' ? { description: call.Description } : {}),
        });
        createdIds.set(String(call.Name), created.policy.awsId);
        result = created;
        break;
      }
      case 'DeletePolicy':
        result = await deletePolicy(db, { ...base, policyId: ref(call.PolicyId) });
        break;
      case 'MoveAccount':
        result = await moveAccount(db, { ...base, accountId: String(call.AccountId), sourceParentId: ref(call.SourceParentId), destinationParentId: ref(call.DestinationParentId) });
        break;
      case 'CreateOrganizationalUnit': {
        const created = await createOrganizationalUnit(db, { ...base, parentId: ref(call.ParentId), name: String(call.Name) });
        createdIds.set(String(call.Name), created.ou.awsId);
        result = created;
        break;
      }
      case 'UpdateOrganizationalUnit':
        result = await renameOrganizationalUnit(db, { ...base, ouId: ref(call.OrganizationalUnitId), name: String(call.Name) });
        break;
      case 'DeleteOrganizationalUnit':
        result = await deleteOrganizationalUnit(db, { ...base, ouId: ref(call.OrganizationalUnitId) });
        break;
    }
    revision = result.revision;
  }
  return { revision, applied: calls.length };
}

/**
 * Applies calls of any API: checked first on the interchange model (as the preview does, so a call AWS would refuse
 * writes nothing), then written one revision each: Organizations and IAM calls through the services the migration
 * plan's replay uses, Control Tower's through EnableControl / DisableControl, RAM's through CreateResourceShare and
 * Associate / DisassociateResourceShare.
 */
async function applyDesignChange(db: Db, input: ApplyInput): Promise<{ revision: number; applied: number }> {
  const calls = asChangeCalls(input.calls);
  const checked = applyChangeCalls((await readDesign(db, input.designId)).design, calls);
  if (!checked.ok) throw refused(checked.error);
  let revision = input.expectedRevision;
  const createdIds = new Map<string, string>();
  for (const call of calls) {
    const base = { designId: input.designId, expectedRevision: revision };
    const list = (key: string) => (Array.isArray(call.input[key]) ? (call.input[key] as unknown[]).map(String) : undefined);
    if (call.api === 'controltower') {
      const control = { ...base, controlIdentifier: String(call.input.controlIdentifier), targetIdentifier: String(call.input.targetIdentifier) };
      const parameters = Array.isArray(call.input.parameters) ? (call.input.parameters as { key: string; value: unknown }[]) : undefined;
      revision = (call.operation === 'EnableControl' ? await enableControl(db, { ...control, ...(parameters ? { parameters } : {}) }) : await disableControl(db, control)).revision;
    } else if (call.api === 'ram') {
      if (call.operation === 'CreateResourceShare') {
        revision = (await createResourceShare(db, {
          ...base, ownerAccountId: String(call.accountId), name: String(call.input.name).trim(), resourceArns: list('resourceArns'), principals: list('principals'),
          ...(typeof call.input.region === 'string' ? { region: call.input.region } : {}),
          ...(typeof call.input.allowExternalPrincipals === 'boolean' ? { allowExternalPrincipals: call.input.allowExternalPrincipals } : {}),
        })).revision;
      } else {
        const share = { ...base, resourceShareArn: String(call.input.resourceShareArn), resourceArns: list('resourceArns'), principals: list('principals') };
        revision = (call.operation === 'AssociateResourceShare' ? await associateResourceShare(db, share) : await disassociateResourceShare(db, share)).revision;
      }
    } else {
      const input_ = Object.fromEntries(Object.entries(call.input).map(([key, value]) => [key, typeof value === 'string' ? createdIds.get(value) ?? value : value]));
      const creates = call.api === 'organizations' && (call.operation === 'CreatePolicy' || call.operation === 'CreateOrganizationalUnit')
        ? { creates: { kind: call.operation === 'CreatePolicy' ? 'policy' as const : 'ou' as const, placeholder: String(call.input.Name) } } : {};
      const replayed = await replayPlanCall(db, { ...base, call: { api: call.api, operation: call.operation, ...(call.accountId ? { accountId: call.accountId } : {}), input: input_, summary: '', ...creates } });
      if (replayed.createdId && creates.creates) createdIds.set(creates.creates.placeholder, replayed.createdId);
      revision = replayed.revision;
    }
  }
  return { revision, applied: calls.length };
}
