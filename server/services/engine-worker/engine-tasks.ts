// The engine work that runs in worker threads, as plain data both sides share: what the request thread sends
// (engine-workers.ts) and what the worker computes (worker-main.ts). Results are plain data, copied back.
import 'server-only';

import {
  effectivePermissions, evaluate, InvalidSessionTagsError, scpActionMatrix, UnknownPrincipalError,
  type AuthzRequest, type CompiledWorld, type ContextEntry, type EffectivePermissions, type EvaluationResult, type ScpActionMatrix, type ScpActionMatrixOptions, type World,
} from '../../engine';
import { getIamDataCatalog } from '../../catalog/iam-data-source';
import type { AccessEdgeDetailDto, AccessGraphDto, WhoCanDto } from '../../schemas/access';
import {
  edgeAnswer, graphAnswer, reachAnswer, whoCanAnswer,
  type AccessEdgeQuery, type AccessGraphQuery, type ReachAnswer, type ReachQuery, type WhoCanQuery,
} from '../access/access-answers';
import { AccessGraphStore } from '../access/access-graph-store';
import { heatmapRows, type HeatmapOutcome, type HeatmapTaskInput } from '../impact/heatmap-rows';
import type { DesignRows } from '../../db/history';
import type { InterchangeDesign } from '../../db/import-export-model';
import type { ImpactPreviewResult } from '../../schemas/impact';
import { renderPlan, type RenderedPlan } from '../plan/render-plan';
import { designRevisionImpactWork, revisionImpactWork, type DesignRevisionImpactInput } from '../impact/revision-impact-work';
import { designPreviewWork, previewWork, type DesignPreviewTaskInput, type PreviewOutcome, type PreviewTaskInput } from '../impact/preview-work';

/** A worker's reply code when it no longer holds the world of the requested revision (the sender then sends it). */
export const WORLD_MISSING = 'WorldMissing';

/** One entry of a batch: the decision, or why the request could not be evaluated (an unknown principal). */
export type BatchEntry = { ok: true; result: EvaluationResult } | { ok: false; error: { code: string; message: string } };

/** A unit of engine work, evaluated against one design's world. */
export type EngineTask =
  | { kind: 'simulateBatch'; requests: AuthzRequest[] }
  | { kind: 'acrossAccounts'; requests: AuthzRequest[] }
  | { kind: 'scpMatrix'; accountId: string; options: ScpActionMatrixOptions }
  | { kind: 'orgHeatmap'; input: HeatmapTaskInput }
  | { kind: 'impactPreview'; input: PreviewTaskInput }
  | { kind: 'designPreview'; input: DesignPreviewTaskInput }
  | { kind: 'migrationPlan'; input: { live: InterchangeDesign; design: InterchangeDesign; names: { from: string; to: string }; region?: string } }
  | { kind: 'revisionImpact'; input: { from: DesignRows; to: DesignRows; region?: string; maxActions: number } }
  | { kind: 'designRevisionImpact'; input: DesignRevisionImpactInput }
  | { kind: 'principalPermissions'; principalArn: string; context: ContextEntry[]; services?: string[]; countsOnly: boolean }
  | { kind: 'accessGraph'; query: AccessGraphQuery }
  | { kind: 'accessEdge'; query: AccessEdgeQuery }
  | { kind: 'whoCan'; query: WhoCanQuery }
  | { kind: 'reach'; query: ReachQuery };

/** What each kind of task returns. */
export interface EngineTaskResults {
  simulateBatch: BatchEntry[];
  acrossAccounts: AcrossAccountsEntry[];
  scpMatrix: ScpActionMatrix;
  orgHeatmap: HeatmapOutcome;
  impactPreview: PreviewOutcome;
  designPreview: PreviewOutcome;
  migrationPlan: RenderedPlan;
  revisionImpact: Omit<ImpactPreviewResult, 'revision'>;
  designRevisionImpact: Omit<ImpactPreviewResult, 'revision'>;
  principalPermissions: EffectivePermissions;
  accessGraph: AccessGraphDto;
  accessEdge: AccessEdgeDetailDto;
  whoCan: WhoCanDto;
  reach: ReachAnswer;
}

/** The message a worker receives: the task, the design it is about, and the world when the worker lacks it. */
export interface EngineTaskMessage {
  designId: string;
  revision: number;
  /** Sent only to a worker that has not compiled this revision yet. */
  world?: World;
  task: EngineTask;
}

/** Evaluate each request; an unknown principal or session tags AWS would refuse fail only their own entry. */
export function runSimulateBatch(compiled: CompiledWorld, requests: readonly AuthzRequest[]): BatchEntry[] {
  return requests.map((request): BatchEntry => {
    try {
      return { ok: true, result: evaluate(compiled, request) };
    } catch (error) {
      if (error instanceof UnknownPrincipalError) return { ok: false, error: { code: error.code, message: error.message } };
      if (error instanceof InvalidSessionTagsError) return { ok: false, error: { code: 'InvalidInput', message: error.message } };
      throw error;
    }
  });
}

/**
 * One account's answer to an across-accounts request: the decision without its trace (5,000 traces copied back from
 * the worker cost more than evaluating them), or why there is none.
 */
export type AcrossAccountsEntry =
  | { ok: true; decision: EvaluationResult['decision']; reasons: EvaluationResult['reasons']; summary: string; conditionDependent: boolean; missingContextValues: string[] }
  | { ok: false; unknownPrincipal: true }
  | { ok: false; unknownPrincipal: false; sessionTags: string };

/** Evaluate the same request for each account's principal; an unknown principal fails only its own entry. */
export function runAcrossAccounts(compiled: CompiledWorld, requests: readonly AuthzRequest[]): AcrossAccountsEntry[] {
  return requests.map((request): AcrossAccountsEntry => {
    try {
      const result = evaluate(compiled, request);
      return {
        ok: true, decision: result.decision, reasons: result.reasons, summary: result.summary,
        conditionDependent: result.conditionDependent, missingContextValues: result.missingContextValues,
      };
    } catch (error) {
      if (error instanceof UnknownPrincipalError) return { ok: false, unknownPrincipal: true };
      if (error instanceof InvalidSessionTagsError) return { ok: false, unknownPrincipal: false, sessionTags: error.message };
      throw error;
    }
  });
}

/** The design a task is about: the org-wide matrix tasks keep the last matrix per design and build the next from it. */
export interface TaskDesign {
  designId: string;
  revision: number;
  compiled: CompiledWorld;
}

// The access graphs this thread built (one worker's, or the request thread's when a task runs in process).
const accessGraphs = new AccessGraphStore();

/** Run one task against a design's compiled world. */
export function runEngineTask(design: TaskDesign, task: EngineTask): EngineTaskResults[EngineTask['kind']] {
  const { compiled } = design;
  switch (task.kind) {
    case 'simulateBatch':
      return runSimulateBatch(compiled, task.requests);
    case 'acrossAccounts':
      return runAcrossAccounts(compiled, task.requests);
    case 'scpMatrix':
      return scpActionMatrix(compiled, task.accountId, getIamDataCatalog(), task.options);
    case 'orgHeatmap':
      return heatmapRows(design, task.input);
    case 'impactPreview':
      return previewWork(design, task.input);
    case 'designPreview':
      return designPreviewWork(task.input, design);
    case 'migrationPlan':
      return renderPlan(task.input.live, task.input.design, task.input.names, task.input.region);
    case 'revisionImpact':
      return revisionImpactWork(compiled, task.input);
    case 'designRevisionImpact':
      return designRevisionImpactWork(task.input, design);
    case 'principalPermissions': {
      const permissions = effectivePermissions(compiled, task.principalArn, getIamDataCatalog(), task.context, task.services);
      if (!task.countsOnly) return permissions;
      // An administrator may perform some 22,000 actions: the overview sends counts, each service's actions on request.
      return { ...permissions, services: permissions.services.map((service) => ({ ...service, levels: service.levels.map((level) => ({ ...level, actions: [] })) })) };
    }
    case 'accessGraph':
      return graphAnswer(accessGraphs.graphFor(design.designId, design.revision, compiled).graph, design.revision, task.query);
    case 'accessEdge':
      return edgeAnswer(accessGraphs.graphFor(design.designId, design.revision, compiled).graph, task.query);
    case 'whoCan':
      return whoCanAnswer(accessGraphs.graphFor(design.designId, design.revision, compiled).graph, design.revision, task.query);
    case 'reach':
      return reachAnswer(accessGraphs.graphFor(design.designId, design.revision, compiled).graph, design.revision, task.query);
  }
}
