// What a pending change does, before it is saved: the org-wide matrix of the world before and after (built from the
// "before" matrix, so only chains the change touches are recomputed), the cells that flip, and for every principal
// (IAM users and roles) of an account with flipped cells, the flipped actions it gains or loses, judged by `evaluate`
// with its identity policies, boundary, SCPs and RCPs: "Deploy in Payments loses ec2:RunInstances".

import type { Catalog } from '../../catalog/types';
import { evaluate } from '../../evaluate/evaluate';
import type { ContextEntry } from '../../types';
import type { CompiledWorld } from '../../world/compile-world';
import { diffOrgMatrices, type OrgMatrixDiff } from '../org-matrix/matrix-diff';
import { buildOrgMatrix, type OrgMatrix } from '../org-matrix/org-matrix';

/** The actions one principal gains or loses. */
export interface PrincipalFlips {
  /** aws:PrincipalArn of the user or role. */
  principalArn: string;
  /** Its account. */
  accountId: string;
  /** Actions allowed after the change and not before (resource "*", the assumed context). */
  gained: string[];
  /** Actions allowed before the change and not after. */
  lost: string[];
}

/** Options of previewImpact. */
export interface ImpactOptions {
  /** Request context assumed for every cell and principal (e.g. aws:RequestedRegion = eu-central-1). */
  context?: ContextEntry[];
  /** The matrix of `before`, when the caller keeps one (saves building it). */
  beforeMatrix?: OrgMatrix;
  /** Flipped actions listed per chain transition; 500 by default. */
  maxActions?: number;
  /** Evaluations spent on principals at most (two per principal and flipped action); 200,000 by default. */
  maxEvaluations?: number;
}

/** The impact of a change. */
export interface ImpactPreview {
  /** The matrix before. */
  before: OrgMatrix;
  /** The matrix after. */
  after: OrgMatrix;
  /** Flipped cells. */
  diff: OrgMatrixDiff;
  /** Principals that gain or lose an action, sorted by ARN. */
  principals: PrincipalFlips[];
  /** True when principals were left unjudged because maxEvaluations ran out. */
  principalsTruncated: boolean;
}

/** Previews the impact of going from `before` to `after` (two compiled worlds of the same design). */
export function previewImpact(before: CompiledWorld, after: CompiledWorld, catalog: Catalog, options: ImpactOptions = {}): ImpactPreview {
  const context = options.context ?? [];
  const beforeMatrix = options.beforeMatrix ?? buildOrgMatrix(before, catalog, { context });
  const afterMatrix = buildOrgMatrix(after, catalog, { context }, beforeMatrix);
  const diff = diffOrgMatrices(beforeMatrix, afterMatrix, { maxActions: options.maxActions });
  let budget = options.maxEvaluations ?? 200_000;
  let truncated = false;
  const byPrincipal = new Map<string, PrincipalFlips>();
  for (const transition of diff.transitions) {
    for (const accountId of transition.accountIds) {
      const existedBefore = new Set(principalsOf(before, accountId));
      for (const principalArn of principalsOf(after, accountId)) {
        if (!existedBefore.has(principalArn)) continue;
        for (const { action } of transition.actions) {
          if (budget <= 0) {
            truncated = true;
            break;
          }
          budget -= 2;
          const request = { principalArn, action, resource: '*', context };
          const was = evaluate(before, request).decision === 'allowed';
          const is = evaluate(after, request).decision === 'allowed';
          if (was === is) continue;
          let flips = byPrincipal.get(principalArn);
          if (!flips) {
            flips = { principalArn, accountId, gained: [], lost: [] };
            byPrincipal.set(principalArn, flips);
          }
          if (!flips[is ? 'gained' : 'lost'].includes(action)) flips[is ? 'gained' : 'lost'].push(action);
        }
      }
    }
  }
  return {
    before: beforeMatrix, after: afterMatrix, diff,
    principals: [...byPrincipal.values()].sort((a, b) => a.principalArn.localeCompare(b.principalArn)),
    principalsTruncated: truncated,
  };
}

/** The IAM users and roles of an account (service-linked roles included: SCPs skip them, so they never flip). */
function principalsOf(world: CompiledWorld, accountId: string): string[] {
  const iam = world.world.iam[accountId];
  if (!iam) return [];
  return [...iam.users.map((user) => user.arn), ...iam.roles.map((role) => role.arn)];
}
