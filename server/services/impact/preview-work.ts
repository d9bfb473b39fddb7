// The matrix half of impact.preview, run in an engine worker thread (engine-worker/engine-tasks.ts): apply the calls
// to a copy of the compiled world, build the matrix after from the one this thread keeps for the design, diff them
// and judge the principals. Plain data in and out; a call AWS would refuse comes back as data too.
import 'server-only';

import { getIamDataCatalog } from '../../catalog/iam-data-source';
import { applyOrganizationsCalls, buildOrgMatrix, compileWorld, previewImpact, type CallsResult, type ImpactPreview, type OrganizationsCall } from '../../engine';
import { applyChangeCalls, previewDesignChange, type ChangeCall, type DesignChangeImpact, type DesignChangeOptions } from '../../engine/analysis/impact/design-change';
import { designToWorld } from '../../engine/aws/bundle';
import type { InterchangeDesign } from '../../engine/aws/bundle/model';
import type { ImpactPreviewResult } from '../../schemas/impact';
import type { CompiledDesign } from '../simulation/compiled-world-cache';
import { designMatrix, regionContext } from './matrix-cache';

/** The preview's question, as the worker receives it. */
export interface PreviewTaskInput {
  /** The calls, each with the JSON path its errors name. */
  calls: OrganizationsCall[];
  /** aws:RequestedRegion to assume. */
  region?: string;
  /** Flipped actions listed per group of accounts. */
  maxActions: number;
}

/** The preview without its revision (the request thread adds it), or the call AWS would refuse. */
export type PreviewOutcome = CallsResult<Omit<ImpactPreviewResult, 'revision'>>;

/** Flipped cells by service and account, and the principals that gain or lose actions, if the calls were made. */
export function previewWork(design: Pick<CompiledDesign, 'designId' | 'revision' | 'compiled'>, input: PreviewTaskInput): PreviewOutcome {
  const applied = applyOrganizationsCalls(design.compiled.world, input.calls);
  if (!applied.ok) return applied;
  const beforeMatrix = designMatrix(design, input.region);
  const after = compileWorld(applied.value.world, design.compiled);
  const preview = previewImpact(design.compiled, after, getIamDataCatalog(), { context: regionContext(input.region), beforeMatrix, maxActions: input.maxActions });
  return { ok: true, value: impactFigures(preview, applied.value.created) };
}

/** The question of a preview on the whole design (IAM, Control Tower, RAM or management-policy calls). */
export interface DesignPreviewTaskInput {
  /** The design as the interchange model (read on the request thread). */
  model: InterchangeDesign;
  /** The calls. */
  calls: ChangeCall[];
  /** aws:RequestedRegion to assume. */
  region?: string;
  /** Flipped actions listed per group of accounts. */
  maxActions: number;
}

/** The design a worker holds at its current revision. */
export type CurrentDesign = Pick<CompiledDesign, 'designId' | 'revision' | 'compiled'>;

/** previewDesignChange's "before" compiled world and matrix, built from the current revision's (nothing when there is none). */
export function startingFrom(before: InterchangeDesign, current: CurrentDesign | undefined, region: string | undefined): Pick<DesignChangeOptions, 'beforeCompiled' | 'beforeMatrix'> {
  if (!current) return {};
  const beforeCompiled = compileWorld(designToWorld(before), current.compiled);
  const beforeMatrix = buildOrgMatrix(beforeCompiled, getIamDataCatalog(), { context: regionContext(region) }, designMatrix(current, region));
  return { beforeCompiled, beforeMatrix };
}

/**
 * Any kind of call previewed on the interchange model: matrix flips, principals, effective management policies, shared
 * resources; with the design the worker holds, the model's world and matrix are built from its compiled world and matrix.
 */
export function designPreviewWork(input: DesignPreviewTaskInput, current?: CurrentDesign): PreviewOutcome {
  const applied = applyChangeCalls(input.model, input.calls);
  if (!applied.ok) return applied;
  const impact = previewDesignChange(input.model, applied.value, getIamDataCatalog(), { context: regionContext(input.region), maxActions: input.maxActions, ...startingFrom(input.model, current, input.region) });
  const created = input.calls.flatMap((call) => (call.api === 'organizations' && (call.operation === 'CreatePolicy' || call.operation === 'CreateOrganizationalUnit')
    ? [{ kind: call.operation === 'CreatePolicy' ? 'policy' as const : 'ou' as const, name: String(call.input.Name), id: String(call.input.Name) }] : []));
  return { ok: true, value: impactFigures(impact.preview, created, impact) };
}

/** A preview as the API returns it, without the revision: flips by service and by group of accounts (named), and the principals. */
export function impactFigures(preview: ImpactPreview, created: ImpactPreviewResult['created'], more?: Pick<DesignChangeImpact, 'management' | 'resources'>): Omit<ImpactPreviewResult, 'revision'> {
  const nameOf = (accountId: string) => preview.after.account(accountId)?.accountName ?? preview.before.account(accountId)?.accountName;
  return {
    created,
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
    management: more?.management ?? [],
    resources: more?.resources ?? [],
  };
}
