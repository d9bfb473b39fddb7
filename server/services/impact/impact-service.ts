// What-if impact of a pending change to a design: preview (the engine applies the calls to a copy of the compiled
// world and compares the org-wide matrices; nothing is saved) and apply (the same calls written through the
// Organizations services, each one a revision in the history, as if made one after the other in the editor).
import 'server-only';

import type { z } from 'zod';
import type { Db } from '../../db/client';
import { getIamDataCatalog } from '../../catalog/iam-data-source';
import { applyOrganizationsCalls, compileWorld, previewImpact, type CallError, type OrganizationsCall } from '../../engine';
import type { impactApplyInputSchema, impactPreviewInputSchema, ImpactPreviewResult } from '../../schemas/impact';
import type { EditablePolicyType } from '../../schemas/organizations';
import { DomainError } from '../domain-error';
import {
  attachPolicy, createOrganizationalUnit, createPolicy, deleteOrganizationalUnit, deletePolicy, detachPolicy, moveAccount, renameOrganizationalUnit, updatePolicy,
} from '../organizations';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';
import { designMatrix, regionContext } from './matrix-cache';

type PreviewInput = z.input<typeof impactPreviewInputSchema>;
type ApplyInput = z.infer<typeof impactApplyInputSchema>;

function asCalls(calls: PreviewInput['calls']): OrganizationsCall[] {
  return calls.map((call, i) => ({ operation: call.operation, input: call.input, path: `calls[${i}].${call.operation}` }));
}

function refused(error: CallError): DomainError {
  const field = error.path.replace(/^calls\[(\d+)\]\.\w+\.?/, 'calls.$1.input.').replace(/\.$/, '');
  return new DomainError(error.awsCode === 'PolicyNotFoundException' || error.awsCode?.endsWith('NotFoundException') ? 'NOT_FOUND' : 'CONSTRAINT_VIOLATION',
    `${error.path}: ${error.message}`, { awsCode: error.awsCode ?? 'InvalidInputException', ...(error.awsReason ? { awsReason: error.awsReason } : {}), field });
}

/** Previews the calls on the design: flipped cells by service and account, and the principals that gain or lose actions. */
export async function previewChange(db: Db, input: PreviewInput, cache: CompiledWorldCache = compiledWorldCache()): Promise<ImpactPreviewResult> {
  const design = await cache.get(db, input.designId);
  const calls = asCalls(input.calls);
  const applied = applyOrganizationsCalls(design.compiled.world, calls);
  if (!applied.ok) throw refused(applied.error);
  const catalog = getIamDataCatalog();
  const context = regionContext(input.region);
  const beforeMatrix = designMatrix(design, input.region);

  const after = compileWorld(applied.value.world, design.compiled);
  const preview = previewImpact(design.compiled, after, catalog, { context, beforeMatrix, maxActions: input.maxActions ?? 300 });
  const nameOf = (accountId: string) => preview.after.account(accountId)?.accountName;
  return {
    revision: design.revision,
    created: applied.value.created,
    changedCells: preview.diff.changedCells,
    changedAccounts: preview.diff.changedAccounts,
    services: preview.diff.services,
    groups: preview.diff.transitions.map((transition) => ({
      side: transition.side,
      accounts: transition.accountIds.map((accountId) => {
        const accountName = nameOf(accountId);
        return { accountId, ...(accountName !== undefined ? { accountName } : {}) };
      }),
      services: transition.services,
      actions: transition.actions,
      actionsLeftOut: transition.actionsLeftOut,
    })),
    principals: preview.principals,
    principalsTruncated: preview.principalsTruncated,
  };
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
