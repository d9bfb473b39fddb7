// Does the decision hang on a context key the request did not supply? AWS evaluates a request with the keys it
// carries: an absent key makes positive operators false, negated operators and ...IfExists true, Null "true" true,
// ForAllValues true and ForAnyValue false (reference_policies_elements_condition_operators.html,
// reference_policies_condition-single-vs-multi-valued-context-keys.html). The decision the engine reports is that
// one. This module answers the follow-up question people ask: could some value of a missing key change it? The keys
// that could are the result's MissingContextValues (the simulate-principal-policy field), and the decision "depends
// on conditions" exactly when there is one.
//
// Off the hot path: evaluatePolicies only notes the statements that read an absent key; this runs when it noted any.
//
// The reasoning, over the policy groups that `decide` combines (reference_policies_evaluation-logic.html):
// 1. Keys AWS sets itself (aws:PrincipalArn, PrincipalAccount, PrincipalOrgID, PrincipalOrgPaths, PrincipalTag/*,
//    PrincipalType, username, userid, PrincipalIsAWSService, ResourceAccount, ResourceOrgID, ResourceOrgPaths, and
//    ResourceTag/* of a resource the world tags) are settled even when absent: AWS would leave them out too. So is
//    another service's own key on a request to this one (ram:AllowsExternalPrincipals on account:EnableRegion;
//    request-context.ts, isForeignServiceKey). Only the other absent keys ("open" keys) can vary.
// 2. Each statement that reads an open key can take the value it has now (the key stays absent) or, when a clause
//    on the key can come out differently with the key present, the other value. A clause with the key present can
//    be true when some request value matches (or, negated, misses) its policy values, and false when one misses (or
//    matches); StringLike "*" matches every value, Numeric*/Date*/Ip*/Binary* values that do not parse match none.
// 3. Statements are treated as independent of each other (two statements reading one key are not forced to agree),
//    which can only add decisions, never hide one. Given that, explicit deny is reachable when a Deny can apply, and
//    without any Deny `decide` is monotone in the Allows, so "every open Allow on" and "every open Allow off" give
//    the best and worst remaining decisions.
// 4. A key is listed when varying it alone can change the decision for some values of the others: it can flip a
//    statement's Condition (the statement's other clauses can hold) and that statement is pivotal (a Deny when every
//    other Deny can be off; an Allow that turns the decision into allowed under some setting of the other Allows).

import {
  compileConditionClauses, decodeBinaryValue, parseBooleanValue, parseConditionOperator, parseDateValue, parseNumericValue, variablesEnabled,
  type CompiledCondition,
} from '../condition';
import { parseCidr } from '../match/ip';
import type { ServiceVerdict } from '../service-rules/match';
import type { ConditionClause, Decision, MatchedStatement, RequestContext } from '../types';
import { variableKeysIn } from '../world/compile-policy';
import type { CompiledStatement, GrantKind } from '../world/compiled-types';
import type { PolicySet } from '../world/policy-set';
import { isForeignServiceKey, isSettledContextKey, type SettledResource } from '../world/request-context';
import { decide, type ResourceSide } from './decide';
import { evaluatePolicies, newVerdict, type PoliciesVerdict, type PreparedRequest, type UndecidedStatement } from './evaluate-policies';

/** What one policy group concluded, and the group itself when it holds statements that can be re-run. */
export interface GroupOutcome {
  /** The group's policies; absent for fixed outcomes (the root user's identity). */
  set?: PolicySet;
  /** A matching Allow. */
  allow: boolean;
  /** A matching Deny. */
  deny: boolean;
  /** The strongest way a matching resource-side Allow names the caller. */
  grant?: GrantKind;
}

/** The groups `decide` combines, as evaluate() met them. */
export interface DecisionGroups {
  /** SCP levels of the principal's account, root first; undefined when SCPs do not apply. */
  scp?: GroupOutcome[];
  /** RCP levels of the resource's account; undefined when RCPs do not apply. */
  rcp?: GroupOutcome[];
  /** Which resource-side policy kind applies. */
  resourceSide: ResourceSide;
  /** The resource-side policy; undefined when there is none. */
  resource?: GroupOutcome;
  /** Identity-based policies. */
  identity: GroupOutcome;
  /** The permissions boundary, when the principal has one. */
  boundary?: GroupOutcome;
  /** The session policy, when one applies. */
  session?: GroupOutcome;
  /** The principal's account owns the resource. */
  sameAccount: boolean;
  /** The documented service rules that applied: fixed by the request, not by its context. */
  service?: ServiceVerdict;
  /** An AWS service principal calls: the resource-side policy alone grants (decide's serviceCaller). */
  serviceCaller?: boolean;
  /** The policy of the VPC endpoint the request goes through, when it applies. */
  endpoint?: GroupOutcome;
  /** An endpoint policy's account grant reaches the caller (decide's accountGrantReachesCaller). */
  accountGrantReachesCaller?: boolean;
}

/** A statement that reads at least one open key, with what it can come out as. */
interface Candidate {
  statement: CompiledStatement;
  record: MatchedStatement;
  deny: boolean;
  grant?: GrantKind;
  holds: boolean;
  viaResource: boolean;
  /** Open keys it reads (lower-cased), with their spelling in the policy. */
  openKeys: Map<string, string>;
  /** Sets it was evaluated in. */
  sets: PolicySet[];
  /** It can apply / not apply for some values of the open keys. */
  canHold: boolean;
  canFail: boolean;
}

/** One clause with what it can come out as when its key is present with some value. */
interface ClauseShape {
  /** Lower-cased clause key. */
  key: string;
  /** Lower-cased keys of policy variables in its values. */
  variableKeys: readonly string[];
  holds: CompiledCondition;
  presentCanHold: boolean;
  presentCanFail: boolean;
}

/**
 * The open context keys (as written in the policies) whose values could change the decision; empty when the
 * decision is the same whatever values they take. `resource`: the resource's keys the world settles (its tags, an
 * IAM role's or user's boundary). `groups` is asked for only when some statement reads an open key.
 */
export function missingContextValues(
  undecided: readonly UndecidedStatement[],
  request: PreparedRequest,
  resource: SettledResource,
  groups: () => DecisionGroups,
): string[] {
  const candidates = collectCandidates(undecided, request.context, resource, request.service);
  if (candidates.length === 0) return [];
  return new Analysis(groups(), candidates, request).missingKeys();
}

/** One analysis: the candidates, the groups' settled outcomes, and decisions under settings of the candidates. */
class Analysis {
  private readonly context: RequestContext;
  /** Every open key some candidate reads. */
  private readonly open = new Set<string>();
  private readonly states: GroupStates;

  constructor(
    private readonly groups: DecisionGroups,
    private readonly candidates: readonly Candidate[],
    request: PreparedRequest,
  ) {
    this.context = request.context;
    for (const candidate of candidates) for (const key of candidate.openKeys.keys()) this.open.add(key);
    for (const candidate of candidates) this.settleRange(candidate);
    this.states = groupStates(groups, candidates, request);
  }

  missingKeys(): string[] {
    const { candidates } = this;
    if (this.states.anyDefiniteDeny) return [];
    let denyCanHold = false;
    for (const candidate of candidates) {
      if (candidate.deny && !candidate.canFail) return []; // a Deny that holds whatever the keys say
      if (candidate.deny && candidate.canHold) denyCanHold = true;
    }
    const most = this.setting('most');
    const least = this.setting('least');
    const best = this.decisionUnder(most);
    const worst = this.decisionUnder(least);
    if (best === worst && (!denyCanHold || best === 'explicitDeny')) return [];

    const current = this.setting('current');
    const keys = new Map<string, string>();
    for (let index = 0; index < candidates.length; index++) {
      const candidate = candidates[index];
      let pivotal: boolean | undefined;
      for (const [key, written] of candidate.openKeys) {
        if (keys.has(key) || !this.flipsWith(candidate, key)) continue;
        pivotal ??= candidate.deny || this.allowIsPivotal(index, [most, least, current]);
        if (pivotal) keys.set(key, written);
      }
    }
    if (keys.size === 0) {
      // The decision can change only through several keys at once: name every key of the statements that can flip.
      for (const candidate of candidates) {
        if (!(candidate.canHold && candidate.canFail)) continue;
        for (const [key, written] of candidate.openKeys) if (!keys.has(key)) keys.set(key, written);
      }
    }
    return [...keys.values()];
  }

  /** Every Deny off; the Allows all on where they can be ("most"), all off where they can be ("least"), or as now. */
  private setting(kind: 'most' | 'least' | 'current'): boolean[] {
    const applies: boolean[] = new Array<boolean>(this.candidates.length);
    for (let i = 0; i < this.candidates.length; i++) {
      const candidate = this.candidates[i];
      applies[i] = !candidate.deny && (kind === 'most' ? candidate.canHold : kind === 'least' ? !candidate.canFail : candidate.holds);
    }
    return applies;
  }

  /** An Allow is pivotal when, with the other candidates as in one of the settings, it alone makes the request allowed. */
  private allowIsPivotal(index: number, settings: readonly boolean[][]): boolean {
    for (const setting of settings) {
      const on = setting.slice();
      on[index] = true;
      if (this.decisionUnder(on) !== 'allowed') continue;
      on[index] = false;
      if (this.decisionUnder(on) !== 'allowed') return true;
    }
    return false;
  }

  private decisionUnder(applies: readonly boolean[]): Decision {
    return decisionOf(this.groups, this.states, this.candidates, applies);
  }

  private isOpen(key: string): boolean {
    return this.open.has(key);
  }

  /** What the candidate can come out as when every open key varies. */
  private settleRange(candidate: Candidate): void {
    const block = this.blockRange(candidate.statement, undefined, false);
    if (candidate.viaResource) {
      // It missed the resource for want of a variable's key: with the key it may match, if its Condition can hold.
      candidate.canHold = block.canHold;
      candidate.canFail = true;
      return;
    }
    candidate.canHold = candidate.holds || block.canHold;
    candidate.canFail = !candidate.holds || block.canFail;
  }

  /** Can `key` alone flip the statement (its clauses on other keys able to hold, those on `key` able to go both ways)? */
  private flipsWith(candidate: Candidate, key: string): boolean {
    if (candidate.viaResource) return this.blockRange(candidate.statement, undefined, false).canHold;
    if (!this.blockRange(candidate.statement, key, false).canHold) return false;
    const own = this.blockRange(candidate.statement, key, true);
    return own.canHold && own.canFail;
  }

  /**
   * Whether the Condition block can hold and can fail when the open keys vary. With `key`, only the clauses that read
   * it (`reading` true) or only the others (`reading` false).
   */
  private blockRange(statement: CompiledStatement, key: string | undefined, reading: boolean): { canHold: boolean; canFail: boolean } {
    let canHold = true;
    let canFail = false;
    for (const shape of clauseShapes(statement)) {
      if (key !== undefined && (shape.key === key || shape.variableKeys.includes(key)) !== reading) continue;
      const now = shape.holds(this.context);
      let holds = now;
      let fails = !now;
      if (this.isOpen(shape.key)) {
        holds ||= shape.presentCanHold;
        fails ||= shape.presentCanFail;
      } else if (this.context.has(shape.key) && shape.variableKeys.some((variable) => this.open.has(variable))) {
        // The clause's own key is known: an open policy variable in its values can still change the comparison.
        holds = fails = true;
      }
      canHold &&= holds;
      canFail ||= fails;
    }
    return { canHold, canFail };
  }
}

/** Statements that read an open key, one per trace record, with the groups they were evaluated in. */
function collectCandidates(undecided: readonly UndecidedStatement[], context: RequestContext, resource: SettledResource, service: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const entry of undecided) {
    const existing = candidates.find((candidate) => candidate.record === entry.record);
    if (existing) {
      if (!existing.sets.includes(entry.set)) existing.sets.push(entry.set);
      continue;
    }
    const { statement } = entry;
    const lower = entry.viaResource ? statement.resourceVariableKeys! : statement.conditionKeys;
    const written = entry.viaResource ? statement.resourceVariableKeysAsWritten! : statement.conditionKeysAsWritten;
    let openKeys: Map<string, string> | undefined;
    for (let k = 0; k < lower.length; k++) {
      // Absent and settled: a key the world settles, or another service's own key that no request to this one carries.
      if (!context.has(lower[k]) && !isSettledContextKey(lower[k], resource) && !isForeignServiceKey(lower[k], service)) {
        (openKeys ??= new Map()).set(lower[k], written[k]);
      }
    }
    if (openKeys === undefined) continue;
    candidates.push({
      statement, record: entry.record, deny: statement.effect === 'Deny', grant: entry.grant, holds: entry.holds,
      viaResource: entry.viaResource, openKeys, sets: [entry.set], canHold: entry.holds, canFail: !entry.holds,
    });
  }
  return candidates;
}

interface GroupState {
  /** The group's verdict from its settled statements alone. */
  settled: PoliciesVerdict;
  /** Indexes of the candidates evaluated in this group. */
  members: readonly number[];
}

interface GroupStates {
  scp?: GroupState[];
  rcp?: GroupState[];
  resource?: GroupState;
  identity: GroupState;
  boundary?: GroupState;
  session?: GroupState;
  endpoint?: GroupState;
  anyDefiniteDeny: boolean;
}

const NO_MEMBERS: readonly number[] = Object.freeze([]);
const NO_MATCHES: MatchedStatement[] = [];

/** Each group's outcome from its settled statements alone (groups holding candidates are re-run without them). */
function groupStates(groups: DecisionGroups, candidates: readonly Candidate[], request: PreparedRequest): GroupStates {
  const without = new Set<MatchedStatement>();
  for (const candidate of candidates) without.add(candidate.record);
  const states: GroupStates = {
    scp: groups.scp?.map((outcome) => groupState(outcome, candidates, request, without)),
    rcp: groups.rcp?.map((outcome) => groupState(outcome, candidates, request, without)),
    resource: groups.resource && groupState(groups.resource, candidates, request, without),
    identity: groupState(groups.identity, candidates, request, without),
    boundary: groups.boundary && groupState(groups.boundary, candidates, request, without),
    session: groups.session && groupState(groups.session, candidates, request, without),
    endpoint: groups.endpoint && groupState(groups.endpoint, candidates, request, without),
    anyDefiniteDeny: false,
  };
  const denies = (state: GroupState | undefined) => state?.settled.deny === true;
  states.anyDefiniteDeny = (states.scp?.some(denies) ?? false) || (states.rcp?.some(denies) ?? false)
    || denies(states.resource) || denies(states.identity) || denies(states.boundary) || denies(states.session)
    || denies(states.endpoint);
  return states;
}

function groupState(outcome: GroupOutcome, candidates: readonly Candidate[], request: PreparedRequest, without: ReadonlySet<MatchedStatement>): GroupState {
  let members: number[] | undefined;
  const set = outcome.set;
  if (set !== undefined) {
    for (let i = 0; i < candidates.length; i++) if (candidates[i].sets.includes(set)) (members ??= []).push(i);
  }
  if (members === undefined) return { settled: { allow: outcome.allow, deny: outcome.deny, grant: outcome.grant, matched: NO_MATCHES }, members: NO_MEMBERS };
  const verdict = evaluatePolicies(set!, request, newVerdict(), without);
  return { settled: { allow: verdict.allow, deny: verdict.deny, grant: verdict.grant, matched: NO_MATCHES }, members };
}

const GRANT_RANK: Record<GrantKind, number> = { account: 1, role: 2, direct: 3 };
const NOT_APPLICABLE = Object.freeze({ applies: false, deny: false, missingAllow: false });

/** The verdict of one group when each candidate applies as `applies` says and every settled statement as it did. */
function verdictOf(state: GroupState, candidates: readonly Candidate[], applies: readonly boolean[]): PoliciesVerdict {
  const members = state.members;
  let verdict = state.settled;
  for (let m = 0; m < members.length; m++) {
    const index = members[m];
    if (!applies[index]) continue;
    if (verdict === state.settled) verdict = { ...verdict };
    const candidate = candidates[index];
    if (candidate.deny) verdict.deny = true;
    else {
      verdict.allow = true;
      const grant = verdict.grant;
      if (candidate.grant !== undefined && (grant === undefined || GRANT_RANK[candidate.grant] > GRANT_RANK[grant])) verdict.grant = candidate.grant;
    }
  }
  return verdict;
}

function chainOf(levels: readonly GroupState[] | undefined, candidates: readonly Candidate[], applies: readonly boolean[]) {
  if (levels === undefined) return NOT_APPLICABLE;
  let deny = false;
  let missingAllow = false;
  for (let l = 0; l < levels.length; l++) {
    const verdict = verdictOf(levels[l], candidates, applies);
    deny ||= verdict.deny;
    missingAllow ||= !verdict.allow;
  }
  return { applies: true, deny, missingAllow };
}

/** The decision when each candidate applies as `applies` says and every settled statement as it did. */
function decisionOf(groups: DecisionGroups, states: GroupStates, candidates: readonly Candidate[], applies: readonly boolean[]): Decision {
  return decide({
    scp: chainOf(states.scp, candidates, applies),
    rcp: chainOf(states.rcp, candidates, applies),
    identity: verdictOf(states.identity, candidates, applies),
    boundary: states.boundary && verdictOf(states.boundary, candidates, applies),
    session: states.session && verdictOf(states.session, candidates, applies),
    resourceSide: groups.resourceSide,
    resource: states.resource && verdictOf(states.resource, candidates, applies),
    sameAccount: groups.sameAccount,
    service: groups.service,
    serviceCaller: groups.serviceCaller,
    endpoint: states.endpoint && verdictOf(states.endpoint, candidates, applies),
    accountGrantReachesCaller: groups.accountGrantReachesCaller,
  }).decision;
}

const shapes = new WeakMap<CompiledStatement, readonly ClauseShape[]>();

/** The statement's clauses, compiled one by one with what each can be when its key is present. Cached. */
function clauseShapes(statement: CompiledStatement): readonly ClauseShape[] {
  let list = shapes.get(statement);
  if (list === undefined) {
    const variables = variablesEnabled(statement.policyVersion);
    list = compileConditionClauses(statement.conditionClauses, { policyVersion: statement.policyVersion }).map(({ clause, operator, holds }) => ({
      key: clause.key.toLowerCase(),
      variableKeys: variables && operator?.base.acceptsVariables ? variableKeysIn(clause.values).map((key) => key.toLowerCase()) : [],
      holds,
      ...presentRange(clause),
    }));
    shapes.set(statement, list);
  }
  return list;
}

/** What a clause can be when its key is present with some single value. */
function presentRange(clause: ConditionClause): { presentCanHold: boolean; presentCanFail: boolean } {
  const operator = parseConditionOperator(clause.operator);
  if (operator === undefined) return { presentCanHold: false, presentCanFail: true };
  const { base } = operator;
  if (base.family === 'null') {
    const holdsWhenPresent = clause.values.some((value) => parseBooleanValue(value) === false);
    return { presentCanHold: holdsWhenPresent, presentCanFail: !holdsWhenPresent };
  }
  const canMatch = clause.values.some((value) => valueCanMatch(base.family, value));
  // StringLike / ArnLike "*" match every value; otherwise some value matches none of the policy's values.
  const canMiss = !((base.comparison === 'like' || base.family === 'arn') && clause.values.includes('*'));
  return base.negated
    ? { presentCanHold: canMiss, presentCanFail: canMatch }
    : { presentCanHold: canMatch, presentCanFail: canMiss };
}

function valueCanMatch(family: string, value: string): boolean {
  if (value.includes('${')) return true;
  switch (family) {
    case 'numeric': return parseNumericValue(value) !== undefined;
    case 'date': return parseDateValue(value) !== undefined;
    case 'bool': return parseBooleanValue(value) !== undefined;
    case 'binary': return decodeBinaryValue(value) !== undefined;
    case 'ip': return parseCidr(value) !== undefined;
    default: return true;
  }
}
