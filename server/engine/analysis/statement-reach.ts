// How far one SCP statement reaches when the question is "may principals of this account call action X at all?"
// rather than one concrete request. A statement either always applies (Resource "*", no condition or a condition
// the supplied context settles as true), never applies (a condition settled false, NotResource "*"), or applies
// only sometimes: to specific resources, under a condition on a key the request supplies (aws:RequestedRegion), or
// only to some principals of the account (a condition on aws:PrincipalArn, aws:PrincipalTag/*, ...: fixed for each
// principal, so not "conditional" for the account but an exemption pattern).
//
// Matching itself is the evaluator's: the compiled statement's matchesResource and its Condition clauses compiled
// by the condition engine decide; this module only decides which questions can be answered without a request.

import { compileConditionClauses, parseBooleanValue, parseConditionOperator, variablesEnabled } from '../condition';
import type { CompiledStatement } from '../world/compiled-types';
import { variableKeysIn } from '../world/compile-policy';
import type { ConditionClause, RequestContext, Statement } from '../types';
import { isForeignServiceKey, isServicePrincipalKey } from '../world/request-context';

/** Whether a statement applies to every request for an action it covers, to none, or only to some. */
export type Reach = 'always' | 'never' | 'sometimes';

/** A statement's reach with what makes it partial, for the "depends on" column. */
export interface StatementReach {
  /** Always, never, or sometimes. */
  reach: Reach;
  /** Condition keys (as written) the request supplies and the context did not: set when they make it partial. */
  undecidedKeys?: readonly string[];
  /** True when the statement covers only some resources. */
  resourceSpecific?: boolean;
  /**
   * Clauses on keys fixed for each principal (aws:PrincipalArn, aws:PrincipalTag/*, ...), when no principal is
   * chosen and every other clause holds: the statement applies exactly to the principals these clauses hold for.
   */
  principalClauses?: readonly ConditionClause[];
  /** With principalClauses: whether they hold for a principal that matches none of their values (untagged). */
  holdsForOtherPrincipals?: boolean;
}

/** How the analysis treats the keys that describe the principal. */
export interface ReachOptions {
  /** True when no principal is chosen: conditions on principal keys become exemption patterns. */
  anyPrincipal: boolean;
  /**
   * The service of the actions asked about: another service's own keys are then absent, not undecided (AWS never
   * sets them on this service's requests; isForeignServiceKey). Undefined: every absent key is undecided.
   */
  service?: string;
}

const ALWAYS: StatementReach = Object.freeze({ reach: 'always' });
const NEVER: StatementReach = Object.freeze({ reach: 'never' });

/**
 * Keys fixed for each principal of an account, which AWS sets from the authenticated principal
 * (reference_policies_condition-keys.html): its ARN, type, unique id, user name and tags.
 */
export function isPrincipalKey(keyLower: string): boolean {
  return PRINCIPAL_KEYS.has(keyLower) || keyLower.startsWith('aws:principaltag/');
}

const PRINCIPAL_KEYS: ReadonlySet<string> = new Set(['aws:principalarn', 'aws:principaltype', 'aws:userid', 'aws:username']);

/**
 * The reach of a compiled statement, given its parsed source (for the Resource / NotResource lists and the
 * condition values) and the context the caller fixed.
 * `actionTakesResources` is false for actions the catalogue lists without resource types: AWS only ever
 * requests those on "*", so the evaluator's resource matcher settles the resource part exactly.
 */
export function statementReach(
  compiled: CompiledStatement,
  source: Statement,
  context: RequestContext,
  actionTakesResources: boolean,
  options: ReachOptions = { anyPrincipal: true },
): StatementReach {
  let resourceSpecific = false;
  if (actionTakesResources) {
    const scope = resourceScope(source);
    if (scope === 'none') return NEVER;
    resourceSpecific = scope === 'some';
  } else if (!compiled.matchesResource('*', context)) {
    return NEVER;
  }

  let undecidedKeys: string[] | undefined;
  let principalClauses: ConditionClause[] | undefined;
  if (compiled.condition !== undefined) {
    const variables = variablesEnabled(compiled.policyVersion);
    for (const { clause, operator, holds } of compileConditionClauses(source.conditions, { policyVersion: compiled.policyVersion })) {
      const keys = [clause.key, ...(variables && operator?.base.acceptsVariables ? variableKeysIn(clause.values) : [])];
      const open = keys.filter((key) => {
        const lower = key.toLowerCase();
        return !context.has(lower) && !isPrincipalKey(lower) && !isServicePrincipalKey(lower)
          && !(options.service !== undefined && isForeignServiceKey(lower, options.service));
      });
      if (open.length > 0) {
        for (const key of open) if (!(undecidedKeys ??= []).includes(key)) undecidedKeys.push(key);
      } else if (options.anyPrincipal && keys.some((key) => isPrincipalKey(key.toLowerCase()))) {
        (principalClauses ??= []).push(clause);
      } else if (!holds(context)) {
        return NEVER; // settled by the context (or, for a chosen principal, by what AWS derives for it)
      }
    }
  }

  if (!resourceSpecific && undecidedKeys === undefined && principalClauses === undefined) return ALWAYS;
  const result: StatementReach = { reach: 'sometimes' };
  if (undecidedKeys) result.undecidedKeys = undecidedKeys;
  if (resourceSpecific) result.resourceSpecific = true;
  if (principalClauses) {
    result.principalClauses = principalClauses;
    result.holdsForOtherPrincipals = principalClauses.every(holdsForOtherPrincipal);
  }
  return result;
}

/**
 * What a clause on a principal key says for a principal its values do not describe: the key present with a value
 * none of them matches (aws:PrincipalArn is always present), or for aws:PrincipalTag/* the tag absent. Per the
 * condition operators page: positive operators are then false and negated ones true; for an absent tag IfExists
 * and ForAllValues are true, ForAnyValue false; Null "true" holds for an absent key only.
 */
function holdsForOtherPrincipal(clause: ConditionClause): boolean {
  const operator = parseConditionOperator(clause.operator);
  if (operator === undefined) return false;
  const absent = clause.key.toLowerCase().startsWith('aws:principaltag/');
  const { base, setOperator, ifExists } = operator;
  if (base.family === 'null') return clause.values.some((value) => parseBooleanValue(value) === absent);
  if (!absent) return base.negated;
  if (ifExists || setOperator === 'ForAllValues') return true;
  return setOperator === 'ForAnyValue' ? false : base.negated;
}

const COMPARISON_WORDS: Record<string, string> = {
  equals: '=', equalsIgnoreCase: '= (any case)', like: 'like', lessThan: '<', lessThanEquals: '<=', greaterThan: '>',
  greaterThanEquals: '>=', inRange: 'in', exists: 'present',
};

/**
 * The principals a clause holds for (`holds` true) or fails for (false), in words: "aws:PrincipalArn like
 * arn:aws:iam::*:role/BreakGlass", "aws:PrincipalTag/team not = contractors".
 */
export function describePrincipals(clause: ConditionClause, holds: boolean): string {
  const operator = parseConditionOperator(clause.operator);
  if (operator === undefined) return `${clause.key} (unknown operator ${clause.operator})`;
  if (operator.base.family === 'null') {
    const absentWhenHolds = clause.values.some((value) => parseBooleanValue(value) === true);
    return `${clause.key} ${absentWhenHolds === holds ? 'absent' : 'present'}`;
  }
  const comparison = operator.base.family === 'arn' ? 'like' : COMPARISON_WORDS[operator.base.comparison] ?? operator.base.comparison;
  const matching = holds !== operator.base.negated;
  return `${clause.key} ${matching ? '' : 'not '}${comparison} ${clause.values.join(' or ')}`;
}

/**
 * Which resources a statement names: every resource (Resource "*", or neither element, which SCPs treat as "*"),
 * none (NotResource "*"), or some (specific ARNs, patterns, or NotResource of specific ARNs).
 */
function resourceScope(source: Statement): 'all' | 'none' | 'some' {
  if (source.resource) return source.resource.includes('*') ? 'all' : 'some';
  if (source.notResource) return source.notResource.includes('*') ? 'none' : 'some';
  return 'all';
}
