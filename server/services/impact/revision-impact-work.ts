// The history diff's impact ("what did this change do?"), run in an engine worker thread: the Organizations part of
// the design at each of two revisions (rebuilt from the history's rows, IAM as it is now) compiled and compared as a
// preview compares before and after, and the effective management policies (tag, backup, AI opt-out) of each
// account at both revisions compared. Plain data in and out.
import 'server-only';

import { getIamDataCatalog } from '../../catalog/iam-data-source';
import { compileWorld, previewImpact, type CompiledWorld } from '../../engine';
import type { DesignRows } from '../../db/history';
import type { ImpactPreviewResult } from '../../schemas/impact';
import { managementChanges, previewDesignChange } from '../../engine/analysis/impact/design-change';
import type { InterchangeDesign } from '../../db/import-export-model';
import { managementDesignAtRevision, organizationAtRevision } from '../history/organization-at-revision';
import { regionContext } from './matrix-cache';
import { impactFigures, startingFrom, type CurrentDesign } from './preview-work';

/** The flips between the two revisions' organizations, without the revision (the request thread adds it). */
export function revisionImpactWork(current: CompiledWorld, input: { from: DesignRows; to: DesignRows; region?: string; maxActions: number }): Omit<ImpactPreviewResult, 'revision'> {
  const before = compileWorld(organizationAtRevision(current.world, input.from), current);
  const after = compileWorld(organizationAtRevision(current.world, input.to), before);
  const preview = previewImpact(before, after, getIamDataCatalog(), { context: regionContext(input.region), maxActions: input.maxActions });
  const management = managementChanges(managementDesignAtRevision(input.from), managementDesignAtRevision(input.to));
  return impactFigures(preview, [], { management, resources: [] });
}

/** The question of a history impact on whole designs: the design read at each of the two revisions. */
export interface DesignRevisionImpactInput {
  /** The design at the older side of the comparison (the "before"). */
  from: InterchangeDesign;
  /** The design at the other revision (the "after"). */
  to: InterchangeDesign;
  /** aws:RequestedRegion to assume. */
  region?: string;
  /** Flipped actions listed per group of accounts. */
  maxActions: number;
}

/**
 * What going from one revision's design to the other's did, judged as the preview of IAM, Control Tower and RAM calls
 * judges it. With the design this thread holds (its current revision), the older design is compiled from its compiled
 * world and its matrix built from the one kept for it: only what differs between them is compiled or recomputed.
 */
export function designRevisionImpactWork(input: DesignRevisionImpactInput, current?: CurrentDesign): Omit<ImpactPreviewResult, 'revision'> {
  const impact = previewDesignChange(input.from, input.to, getIamDataCatalog(), { context: regionContext(input.region), maxActions: input.maxActions, ...startingFrom(input.from, current, input.region) });
  return impactFigures(impact.preview, [], impact);
}
