// The org-wide matrix as a heatmap (impact.heatmap): computed in an engine worker thread within the time budget
// (heatmap-rows.ts), since the first matrix of a large design takes a noticeable share of a second.
import 'server-only';

import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { heatmapInputSchema, HeatmapResult } from '../../schemas/impact';
import { DomainError } from '../domain-error';
import { engineWorkers, type EngineWorkers } from '../engine-worker/engine-workers';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';

type HeatmapInput = z.input<typeof heatmapInputSchema>;

/** What to do when a matrix needs more than the budget (the TIMEOUT error's advice). */
export const MATRIX_OVER_BUDGET = 'The design is too large for the engine budget: raise LZSIM_ENGINE_BUDGET_MS (milliseconds) on the server.';

/** Rows × services of the design's org-wide matrix. */
export async function orgHeatmap(
  db: Db,
  input: HeatmapInput,
  cache: CompiledWorldCache = compiledWorldCache(),
  workers: EngineWorkers = engineWorkers(),
): Promise<HeatmapResult> {
  const design = await cache.get(db, input.designId);
  const outcome = await workers.run(design, {
    kind: 'orgHeatmap',
    input: {
      rows: input.rows ?? 'account',
      ...(input.region ? { region: input.region } : {}),
      ...(input.services ? { services: input.services } : {}),
      ...(input.action ? { action: input.action } : {}),
      ...(input.columns !== undefined ? { columns: input.columns } : {}),
      ...(input.offset ? { offset: input.offset } : {}),
      ...(input.limit !== undefined ? { limit: input.limit } : {}),
    },
  }, `The org-wide permission matrix of ${design.compiled.world.accounts.length.toLocaleString('en')} accounts`, MATRIX_OVER_BUDGET);
  if (!outcome.ok) throw new DomainError('INVALID_INPUT', outcome.error.message, { awsCode: 'InvalidInputException', field: outcome.error.field });
  return { revision: design.revision, ...outcome.value };
}
