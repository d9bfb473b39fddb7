// What-if impact of a pending change to a design: preview (the engine applies the calls to a copy of the compiled
// world and compares the org-wide matrices; nothing is saved) and apply (the same calls written through the
// Organizations services, each one a revision in the history, as if made one after the other in the editor).
import 'server-only';

import type { z } from 'zod';
import type { Db } from '../../db/client';
import { getIamDataCatalog } from '../../catalog/iam-data-source';
import { applyOrganizationsCalls, compileWorld, previewImpact, type CallError, type OrganizationsCall } from '../../engine';
import type { impactApplyInputSchema, impactPreviewInputSchema, ImpactPreviewResult, revisionImpactInputSchema } from '../../schemas/impact';
import { rowsAtRevisions } from '../history/diff';
import { organizationAtRevision } from '../history/organization-at-revision';
import type { EditablePolicyType } from '../../schemas/organizations';
import { DomainError } from '../domain-error';
import {
  attachPolicy, createOrganizationalUnit, createPolicy, deleteOrganizationalUnit, deletePolicy, detachPolicy, moveAccount, renameOrganizationalUnit, updatePolicy,
} from '../organizations';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';
import { engineWorkers, type EngineWorkers } from '../engine-worker/engine-workers';
import { MATRIX_OVER_BUDGET } from './heatmap';
import { regionContext } from './matrix-cache';
import { impactFigures } from './preview-work';

type PreviewInput = z.input<typeof impactPreviewInputSchema>;
type ApplyInput = z.infer<typeof impactApplyInputSchema>;
type RevisionImpactInput = z.input<typeof revisionImpactInputSchema>;

function asCalls(calls: PreviewInput['calls']): OrganizationsCall[] {
  return calls.map((call, i) => ({ operation: call.operation, input: call.input, path: `calls[${i}].${call.operation}` }));
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
  const outcome = await workers.run(design, {
    kind: 'impactPreview',
    input: { calls: asCalls(input.calls), ...(input.region ? { region: input.region } : {}), maxActions: input.maxActions ?? 300 },
  }, `The impact preview of ${input.calls.length} call${input.calls.length === 1 ? '' : 's'} on ${design.compiled.world.accounts.length.toLocaleString('en')} accounts`, MATRIX_OVER_BUDGET);
  if (!outcome.ok) throw refused(outcome.error);
  return { revision: design.revision, ...outcome.value };
}

/**
 * What the changes between two revisions did ("what did this change do?"): the Organizations part of the design at
 * each revision (rebuilt from the history's rows, IAM as it is now) compared as a preview compares before and after.
 */
export async function revisionImpact(db: Db, input: RevisionImpactInput, cache: CompiledWorldCache = compiledWorldCache()): Promise<ImpactPreviewResult> {
  const { from, to } = await rowsAtRevisions(db, input.designId, input.fromRevision, input.toRevision);
  const design = await cache.get(db, input.designId);
  const before = compileWorld(organizationAtRevision(design.compiled.world, from), design.compiled);
  const after = compileWorld(organizationAtRevision(design.compiled.world, to), before);
  const preview = previewImpact(before, after, getIamDataCatalog(), { context: regionContext(input.region), maxActions: input.maxActions ?? 300 });
  return { revision: design.revision, ...impactFigures(preview, []) };
}

/**
 * Applies the calls through the Organizations services, in order, each as one revision. They are first checked on a
 * copy (as preview does), so a call AWS would refuse writes nothing.
 */
export async function applyChange(db: Db, input: ApplyInput, cache: CompiledWorldCache = compiledWorldCache()): Promise<{ revision: number; applied: number }> {
  const design = await cache.get(db, input.designId);
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
