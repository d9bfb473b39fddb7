// The migration plan: the ordered Organizations and IAM calls that turn a live organization into a design.
//
// Order. The calls (plan-calls.ts) are tried in the model (apply-plan-call.ts) one step at a time, in their preferred
// rank (tighten first, loosen last): at each step the first call that AWS accepts in the current state and that
// grants nothing outside the union of what the live organization and the design allow is taken. A call AWS would
// refuse now (the last SCP detach, an OU that still holds accounts, a role that still has policies) waits; a call
// that would widen access waits for one that does not; when only widening calls remain, the first is taken and the
// step says what it widens. Calls that AWS refuses in every state the plan reaches are returned as unplaced.
//
// Impact. Every step that can change a decision is judged with the impact code of the what-if preview: the
// org-wide matrix before and after (SCP and RCP chains, every catalogued action) and the users and roles that
// gain or lose actions (`evaluate`, resource "*"). IAM steps change no matrix cell: their principals are judged
// on the actions the documents involved name. A (principal, action) allowed after a step must be allowed in the
// live organization or in the design; an account cell likewise, on the "allowed" and on the "possibly allowed"
// (not denied outright) level. An IAM step must also open no assume-role path that neither side has, nor give a
// principal through a role it may assume actions neither side gives it (assume-paths.ts): a trust-policy change and
// the permissions of the role it opens are ordered so that no caller holds the role's old or new permissions in
// between. A step that opens a direct path must also open no role chain (A assumes B, which assumes C) that neither
// side has.

import type { Catalog } from '../../catalog/types';
import type { ContextEntry, World } from '../../types';
import { compileWorld, type CompiledWorld } from '../../world/compile-world';
import type { InterchangeDesign } from '../../aws/bundle/model';
import { designToWorld } from '../../aws/bundle';
import { managementChanges } from '../impact/design-change';
import { applyOrganizationsCalls, type OrganizationsCallName } from '../impact/organizations-calls';
import { allowed, identityFlips } from '../impact/identity-flips';
import { previewImpact } from '../impact/preview-impact';
import { actionIndexOf, type ActionIndex } from '../org-matrix/action-index';
import { andNot, countBits, emptyBits, forEachBit, not, or, orInto, type Bitset } from '../org-matrix/bitset';
import { buildOrgMatrix, categoryAt, type ChainCells, type OrgMatrix } from '../org-matrix/org-matrix';
import { applyPlanCall, type PlanCallError } from './apply-plan-call';
import { assumePathWidening, ChainGraphs, chainWidening, organizationsAssumeWidening, type AssumePathSetup } from './assume-paths';
import { diffForPlan, type CandidateCall } from './plan-calls';
import type { MigrationPlan, PlanCall, PlanStep, PrincipalChange, StepImpact, Widening } from './types';

/** Organizations calls that can change an account's effective tag, backup or AI opt-out policy. */
const MANAGEMENT_CALLS = new Set(['AttachPolicy', 'DetachPolicy', 'UpdatePolicy', 'EnablePolicyType', 'DisablePolicyType', 'MoveAccount', 'CreateAccount']);

/** Options of buildMigrationPlan. */
export interface MigrationPlanOptions {
  /** Request context assumed for every judgement (e.g. aws:RequestedRegion). */
  context?: ContextEntry[];
  /** Evaluations spent per step on principals; 40,000 by default. */
  maxEvaluationsPerStep?: number;
  /** Widening calls tried per step before the first of them is taken; 12 by default. */
  maxTrialsPerStep?: number;
  /** Actions listed per principal and step (counts are complete); 50 by default. */
  maxActionsListed?: number;
}

interface State {
  design: InterchangeDesign;
  compiled: CompiledWorld;
  matrix: OrgMatrix;
}

interface Judged {
  state: State;
  impact: StepImpact;
  widens: Widening[];
}

/** The ordered calls that turn `live` into `design`, each with its impact and any access it would widen. */
export function buildMigrationPlan(live: InterchangeDesign, design: InterchangeDesign, catalog: Catalog, options: MigrationPlanOptions = {}): MigrationPlan {
  const context = options.context ?? [];
  const index = actionIndexOf(catalog);
  const diff = diffForPlan(live, design);
  const liveWorld = compileWorld(designToWorld(live));
  const designWorld = compileWorld(designToWorld(design));
  const liveMatrix = buildOrgMatrix(liveWorld, catalog, { context });
  const designMatrix = buildOrgMatrix(designWorld, catalog, { context }, liveMatrix);
  const designAccountOf = new Map([...diff.accountIds].map(([designId, liveId]) => [liveId, designId]));
  const judge = new StepJudge({ catalog, index, context, liveWorld, designWorld, liveMatrix, designMatrix, designAccountOf, options });

  let state: State = { design: live, compiled: liveWorld, matrix: liveMatrix };
  const remaining: CandidateCall[] = [...diff.calls].sort((a, b) => a.rank - b.rank);
  const steps: PlanStep[] = [];
  const firstRefusal = new Map<CandidateCall, PlanCallError>();
  const deferred = new Set<CandidateCall>();
  const maxTrials = options.maxTrialsPerStep ?? 12;

  while (remaining.length > 0) {
    let chosen: { candidate: CandidateCall; judged?: Judged; design: InterchangeDesign } | undefined;
    let fallback: typeof chosen;
    let trials = 0;
    for (const candidate of remaining) {
      const applied = applyPlanCall(state.design, candidate.call);
      if (!applied.ok) {
        if (!firstRefusal.has(candidate)) firstRefusal.set(candidate, applied.error);
        continue;
      }
      if (candidate.effect === 'none') {
        chosen = { candidate, design: applied.design };
        break;
      }
      if (fallback && trials >= maxTrials) break;
      trials++;
      const judged = judge.judge(state, applied.design, candidate.call);
      if (judged.widens.length === 0) {
        chosen = { candidate, judged, design: applied.design };
        break;
      }
      deferred.add(candidate);
      fallback ??= { candidate, judged, design: applied.design };
    }
    chosen ??= fallback;
    if (!chosen) break;
    const { candidate, judged } = chosen;
    remaining.splice(remaining.indexOf(candidate), 1);
    const designBefore = state.design;
    state = judged?.state ?? { ...state, design: chosen.design };
    const refusal = firstRefusal.get(candidate);
    const widens = judged?.widens ?? [];
    const note = widens.length > 0
      ? 'No order the plan tried avoids this: the step allows something that neither the live organization nor the design allows (see widens).'
      : refusal
        ? `Placed after the calls that make it valid: earlier AWS would have refused it (${refusal.awsCode}${refusal.awsReason ? ` ${refusal.awsReason}` : ''}: ${refusal.message}).`
        : deferred.has(candidate) ? 'Placed later: earlier it would have widened access.' : undefined;
    const management = MANAGEMENT_CALLS.has(candidate.call.operation) && candidate.call.api === 'organizations' ? managementChanges(designBefore, chosen.design) : [];
    steps.push({
      ...candidate.call, index: steps.length + 1, ...(judged ? { impact: judged.impact } : {}), ...(management.length > 0 ? { managementChanges: management } : {}), widens, ...(note ? { note } : {}),
    });
  }

  const unplaced = remaining.map((candidate) => {
    const result = applyPlanCall(state.design, candidate.call);
    const error = result.ok ? { awsCode: 'NotPlaced', message: 'the plan stopped before it' } : result.error;
    return { ...candidate.call, awsCode: error.awsCode, message: `${error.awsReason ? `${error.awsReason}: ` : ''}${error.message}` };
  });
  return {
    steps,
    matches: diff.matches,
    created: steps.filter((step) => step.creates).map((step) => ({ placeholder: step.creates!.placeholder, kind: step.creates!.kind, step: step.index, name: nameOf(step) })),
    unplaced,
    warnings: diff.warnings,
    wideningSteps: steps.filter((step) => step.widens.length > 0).length,
    organizationId: live.organization?.awsId ?? null,
  };
}

function nameOf(call: PlanCall): string {
  const { input } = call;
  return String(input.Name ?? input.AccountName ?? input.PolicyName ?? '');
}

interface JudgeSetup {
  catalog: Catalog;
  index: ActionIndex;
  context: ContextEntry[];
  liveWorld: CompiledWorld;
  designWorld: CompiledWorld;
  liveMatrix: OrgMatrix;
  designMatrix: OrgMatrix;
  /** Live (or placeholder) account id → design account id. */
  designAccountOf: Map<string, string>;
  options: MigrationPlanOptions;
}

/** Judges one step: its impact, and what it allows beyond the union of live and design. */
class StepJudge {
  private readonly listed: number;
  private readonly budgetPerStep: number;

  private readonly assume: AssumePathSetup;
  private readonly chains = new ChainGraphs();

  constructor(private readonly setup: JudgeSetup) {
    this.listed = setup.options.maxActionsListed ?? 50;
    this.budgetPerStep = setup.options.maxEvaluationsPerStep ?? 40_000;
    this.assume = { liveWorld: setup.liveWorld, designWorld: setup.designWorld, designAccountOf: setup.designAccountOf, context: setup.context, index: setup.index, listed: this.listed };
  }

  judge(before: State, design: InterchangeDesign, call: PlanCall): Judged {
    const { catalog, context } = this.setup;
    const changedIam = call.api === 'iam' && call.accountId ? new Set([call.accountId]) : undefined;
    const compiled = compileWorld(patchedWorld(before.compiled, call) ?? designToWorld(design), before.compiled, changedIam);
    let budget = this.budgetPerStep;
    let truncated = false;
    const widens: Widening[] = [];
    let matrix: OrgMatrix;
    let principals: (PrincipalChange & { gainedAll: string[] })[];
    let cells = { changedCells: 0, changedAccounts: 0, services: [] as StepImpact['services'] };
    if (call.api === 'iam') {
      matrix = buildOrgMatrix(compiled, catalog, { context }, before.matrix);
      const judged = this.iamFlips(before.compiled, compiled, call, budget);
      principals = judged.principals;
      truncated = judged.truncated;
      budget = judged.budget;
    } else {
      const preview = previewImpact(before.compiled, compiled, catalog, { context, beforeMatrix: before.matrix, maxActions: 0, maxEvaluations: budget });
      matrix = preview.after;
      truncated = preview.principalsTruncated;
      budget -= preview.principals.reduce((sum, principal) => sum + principal.gained.length + principal.lost.length, 0) * 2;
      cells = { changedCells: preview.diff.changedCells, changedAccounts: preview.diff.changedAccounts, services: preview.diff.services };
      principals = preview.principals.map((principal) => this.change(principal.principalArn, principal.accountId, principal.gained, principal.lost));
      const accounts = new Set([...preview.diff.transitions.flatMap((transition) => transition.accountIds), ...preview.diff.addedAccounts]);
      for (const accountId of accounts) widens.push(...this.cellWidening(matrix, accountId));
      // Accounts whose SCPs or RCPs now say something else about sts:AssumeRole: the assume-role paths through them.
      const assumeAccounts = new Set([...accounts].filter((accountId) => this.assumeCellChanged(before.matrix, matrix, accountId)));
      if (assumeAccounts.size > 0) {
        const paths = organizationsAssumeWidening(this.assume, before.compiled, compiled, assumeAccounts, Math.max(budget, 0));
        widens.push(...paths.widens);
        truncated ||= paths.truncated;
        budget = paths.budget;
        if (paths.opened.length > 0) {
          const chains = chainWidening(this.assume, this.chains, before.compiled, compiled, paths.opened, Math.max(budget, 0));
          widens.push(...chains.widens);
          truncated ||= chains.truncated;
          budget = chains.budget;
        }
      }
    }
    // Principal level: every action a principal gains must be allowed to it on one side or the other.
    for (const principal of principals) {
      if (principal.gainedCount === 0) continue;
      const wider: string[] = [];
      for (const action of principal.gainedAll) {
        if (budget <= 0) {
          truncated = true;
          break;
        }
        budget -= 2;
        if (!this.allowedOnEitherSide(principal.principalArn, principal.accountId, action)) wider.push(action);
      }
      if (wider.length > 0) widens.push({ accountId: principal.accountId, principalArn: principal.principalArn, actions: wider.length, sample: wider.slice(0, 5) });
    }
    // Assume-role paths the IAM step opens, and actions principals gain through the roles it changes (assume-paths.ts).
    if (call.api === 'iam' && call.accountId) {
      const roleGains = new Map(principals.filter((principal) => principal.principalArn.includes(':role/')).map((principal) => [principal.principalArn, principal.gainedAll]));
      const paths = assumePathWidening(this.assume, before.compiled, compiled, call.accountId, roleGains, Math.max(budget, 0));
      widens.push(...paths.widens);
      truncated ||= paths.truncated;
      if (paths.opened.length > 0) {
        const chains = chainWidening(this.assume, this.chains, before.compiled, compiled, paths.opened, Math.max(paths.budget, 0));
        widens.push(...chains.widens);
        truncated ||= chains.truncated;
      }
    }
    return {
      state: { design, compiled, matrix },
      impact: { ...cells, principals: principals.map(({ gainedAll: _all, ...change }) => change), principalsTruncated: truncated },
      widens,
    };
  }

  private change(principalArn: string, accountId: string, gained: string[], lost: string[]): PrincipalChange & { gainedAll: string[] } {
    return { principalArn, accountId, gained: gained.slice(0, this.listed), lost: lost.slice(0, this.listed), gainedCount: gained.length, lostCount: lost.length, gainedAll: gained };
  }

  /** True when the account's sts:AssumeRole cell (SCP or RCP side) is in another category after the step. */
  private assumeCellChanged(before: OrgMatrix, after: OrgMatrix, accountId: string): boolean {
    const action = this.setup.index.indexOf('sts:AssumeRole');
    const now = after.account(accountId);
    if (action === undefined || !now) return false;
    const was = before.account(accountId);
    return !was || (['scp', 'rcp'] as const).some((side) => categoryAt(was[side], action) !== categoryAt(now[side], action));
  }

  /** Cells of one account allowed (or possibly allowed) after the step and on neither side. */
  private cellWidening(matrix: OrgMatrix, accountId: string): Widening[] {
    const { liveMatrix, designMatrix, designAccountOf, index } = this.setup;
    const after = matrix.account(accountId);
    if (!after) return [];
    const live = liveMatrix.account(accountId);
    const target = designMatrix.account(designAccountOf.get(accountId) ?? accountId);
    const found: Widening[] = [];
    for (const side of ['scp', 'rcp'] as const) {
      const sides = [live?.[side], target?.[side]].filter((cells): cells is ChainCells => cells !== undefined);
      const allowedEither = sides.reduce<Bitset>((bits, cells) => orInto(bits, cells.allowed), emptyBits(index.size));
      const possibleEither = sides.reduce<Bitset>((bits, cells) => orInto(bits, possiblyAllowed(cells, index.size)), emptyBits(index.size));
      const wider = or(andNot(after[side].allowed, allowedEither), andNot(possiblyAllowed(after[side], index.size), possibleEither));
      const count = countBits(wider);
      if (count === 0) continue;
      const sample: string[] = [];
      forEachBit(wider, (actionIndex) => {
        if (sample.length < 5) sample.push(index.actions[actionIndex].id);
      });
      found.push({ accountId, side, actions: count, sample });
    }
    return found;
  }

  private allowedOnEitherSide(principalArn: string, accountId: string, action: string): boolean {
    const { liveWorld, designWorld, designAccountOf, context } = this.setup;
    const designAccount = designAccountOf.get(accountId) ?? accountId;
    const designArn = principalArn.replace(`arn:aws:iam::${accountId}:`, `arn:aws:iam::${designAccount}:`);
    return allowed(liveWorld, principalArn, action, context) || allowed(designWorld, designArn, action, context);
  }

  /** Principals an IAM call changes: those of its account whose identity documents differ, judged on the actions they name. */
  private iamFlips(before: CompiledWorld, after: CompiledWorld, call: PlanCall, budget: number): { principals: (PrincipalChange & { gainedAll: string[] })[]; truncated: boolean; budget: number } {
    const judged = identityFlips(before, after, this.setup.index, { context: this.setup.context, accountIds: [call.accountId!], budget });
    return { ...judged, principals: judged.principals.map((principal) => this.change(principal.principalArn, principal.accountId, principal.gained, principal.lost)) };
  }
}

/** Organizations calls that change only the accounts' places, the attachments or an SCP's or RCP's document. */
const WORLD_PATCHED_CALLS: ReadonlySet<string> = new Set(['MoveAccount', 'AttachPolicy', 'DetachPolicy', 'UpdatePolicy']);

/**
 * The world after a move, attach, detach or SCP/RCP update, patched from the step's previous world (what the impact
 * preview's fast path does) instead of converting the whole design again; undefined for every other call, and for
 * calls on policy types the world does not hold (tag, backup, AI opt-out), which then take the design's conversion.
 */
function patchedWorld(before: CompiledWorld, call: PlanCall): World | undefined {
  if (call.api !== 'organizations' || !WORLD_PATCHED_CALLS.has(call.operation)) return undefined;
  const applied = applyOrganizationsCalls(before.world, [{ operation: call.operation as OrganizationsCallName, input: call.input, path: call.operation }]);
  return applied.ok ? applied.value.world : undefined;
}

/** Cells not denied outright (allowed, or allowed for some principals, contexts or resources). */
function possiblyAllowed(cells: ChainCells, size: number): Bitset {
  return not(or(cells.explicitDeny, cells.noAllow), size);
}
