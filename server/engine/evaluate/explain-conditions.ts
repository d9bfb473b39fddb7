// Explains, after the fact, which Condition clauses of a statement held for a request: the detail people need
// when a statement "did not apply because of its condition". Off the hot path: evaluate() records only which
// statements had a condition that did not hold; this module re-runs their clauses one by one on demand.

import { compileConditionClauses } from '../condition';
import type { AuthzRequest, ContextEntry, EvaluationResult, MatchedStatement } from '../types';
import type { CompiledPolicy } from '../world/compiled-types';
import type { CompiledWorld } from '../world/compile-world';
import { indexEntries } from '../world/request-context';

/** One condition clause of a statement and whether it held for the request. */
export interface ClauseOutcome {
  /** Operator as written, e.g. "StringNotEquals". */
  operator: string;
  /** Condition key as written. */
  key: string;
  /** The policy's values. */
  values: string[];
  /** The request's values for the key; undefined when the request context lacks it. */
  requestValues?: string[];
  /** True when the clause held. */
  held: boolean;
}

/**
 * The clauses of a statement cited in a result (matched or conditionNotMet) with their outcome for that request.
 * Undefined when the statement's policy is not one the request involved.
 */
export function explainConditions(
  world: CompiledWorld,
  request: AuthzRequest,
  result: EvaluationResult,
  cited: MatchedStatement,
): ClauseOutcome[] | undefined {
  const policy = findInvolvedPolicy(world, request, cited.policyId);
  const statement = policy?.document.statements[cited.statementIndex];
  if (!statement) return undefined;
  // The context the decision used, derived keys included, exactly as the result reports it.
  const context = indexEntries(result.context);
  const clauses = compileConditionClauses(statement.conditionClauses, { policyVersion: statement.policyVersion });
  return clauses.map(({ clause, holds }) => {
    const entry: ContextEntry | undefined = context.get(clause.key.toLowerCase());
    const outcome: ClauseOutcome = { operator: clause.operator, key: clause.key, values: clause.values, held: holds(context) };
    if (entry) outcome.requestValues = entry.values;
    return outcome;
  });
}

/** The policy with this id among those the request involved: SCPs/RCPs, the principal's, the resource side's. */
function findInvolvedPolicy(world: CompiledWorld, request: AuthzRequest, policyId: string): CompiledPolicy | undefined {
  const orgPolicy = world.orgPolicies.get(policyId);
  if (orgPolicy) return orgPolicy;
  const principal = request.policySourceArn === undefined ? world.principal(request.principalArn) : world.policySource(request.policySourceArn);
  const candidates: (CompiledPolicy | undefined)[] = [...principal.identityPolicies, principal.boundary, world.resourcePolicyFor(request.resource)];
  const role = world.role(request.resource);
  if (role) candidates.push(world.trustPolicyFor(role));
  if (request.sessionPolicy !== undefined) candidates.push(world.sessionPolicy(request.sessionPolicy));
  return candidates.find((candidate) => candidate?.id === policyId);
}
