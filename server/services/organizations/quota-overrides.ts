import 'server-only';
import type { Db } from '../../db/client';
import type { QuotaOverrides } from '../../schemas/organizations';
import { effectiveQuotas, runMutation, type EffectiveQuotas, type MutationBase } from './mutation';

// Per-design quota overrides (AWS raises quotas on request, and AWS changes its defaults): stored on the Design,
// recorded in the history like any edit, so they can be undone.

/** Sets (or, with null, clears) the design's quota overrides; returns the quotas now in force. */
export async function setQuotaOverrides(db: Db, input: MutationBase & { overrides: QuotaOverrides | null }) {
  return runMutation(db, 'setQuotaOverrides', input, async (scope): Promise<{ quotas: EffectiveQuotas }> => {
    await scope.writer.update('design', scope.context.designId, { quotaOverrides: input.overrides ?? null });
    return { quotas: effectiveQuotas(input.overrides) };
  });
}
