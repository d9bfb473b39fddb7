// Reads the engine's trace (as the API returns it) for the trace panel and the path highlight. Pure.
import type { z } from 'zod';
import type { evaluationResultSchema } from '@/server/schemas/simulation';

/** The engine's result for one request, as the API sends it. */
export type EvaluationResultDto = z.infer<typeof evaluationResultSchema>;
/** One step of the trace. */
export type TraceStep = EvaluationResultDto['trace'][number];

/** One level of an SCP or RCP chain (root, OU, account) and how it answered. */
export interface ChainLevel {
  /** AWS id: "r-…", "ou-…" or a 12-digit account id. */
  targetId: string;
  targetName: string;
  kind: 'root' | 'ou' | 'account';
  outcome: TraceStep['outcome'];
  /** True for the level that stopped the request (see stoppingLevel). */
  stopped: boolean;
}

/** The levels of one chain ('scp' or 'rcp'), root first, with the stopping level marked. */
export function chainLevels(trace: readonly TraceStep[], layer: 'scp' | 'rcp'): ChainLevel[] {
  const steps = trace.filter((step) => step.layer === layer && step.level !== undefined);
  const stop = stoppingIndex(steps);
  return steps.map((step, index) => ({ ...step.level!, outcome: step.outcome, stopped: index === stop }));
}

/**
 * Which level stopped the request: the first level with a matching Deny (nothing below can undo it), else the
 * first level where no statement allowed (every level must allow: orgs_manage_policies_scps_evaluation.html).
 */
function stoppingIndex(steps: readonly TraceStep[]): number {
  const deny = steps.findIndex((step) => step.outcome === 'deny');
  if (deny >= 0) return deny;
  return steps.findIndex((step) => step.outcome === 'noMatch');
}

/** True when this step is one the decision rests on: a Deny for an explicit deny, a missing Allow for an implicit deny, an Allow for an allowed request. */
export function isDecisive(step: TraceStep, decision: EvaluationResultDto['decision']): boolean {
  // A documented service rule that allowed or refused the request decided it.
  if (step.layer === 'service') return (decision === 'allowed' && step.outcome === 'allow') || (decision === 'implicitDeny' && step.outcome === 'noMatch');
  if (decision === 'explicitDeny') return step.outcome === 'deny';
  if (decision === 'implicitDeny') return step.outcome === 'noMatch';
  return step.outcome === 'allow' && step.matched.some((statement) => statement.effect === 'Allow') && (step.layer === 'identity' || step.layer === 'resource');
}

/** Layer names as the trace panel prints them. */
export const LAYER_LABELS: Readonly<Record<string, string>> = {
  scp: 'Service control policies',
  rcp: 'Resource control policies',
  resource: 'Resource-based policy',
  identity: 'Identity-based policies',
  boundary: 'Permissions boundary',
  session: 'Session policy',
  trust: 'Role trust policy',
  keyPolicy: 'KMS key policy',
  vpcEndpoint: 'VPC endpoint policy',
  service: 'Service rule',
};

/** Outcome words. */
export const OUTCOME_LABELS: Readonly<Record<TraceStep['outcome'], string>> = {
  allow: 'allows',
  deny: 'denies',
  noMatch: 'no allow',
  notApplicable: 'not applicable',
  applied: 'applied',
};
