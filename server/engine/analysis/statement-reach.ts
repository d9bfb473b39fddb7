// How far one SCP statement reaches when the question is "may principals of this account call action X at all?"
// rather than one concrete request. A statement either always applies (Resource "*", no condition or a condition
// the supplied context settles as true), never applies (a condition settled false, NotResource "*"), or applies
// only sometimes: to specific resources, or under a condition that depends on the request.
//
// Matching itself is the evaluator's: the compiled statement's matchesResource and condition functions decide;
// this module only decides which questions can be answered without a concrete request.

import type { CompiledStatement } from '../world/compiled-types';
import type { RequestContext, Statement } from '../types';

/** Whether a statement applies to every request for an action it covers, to none, or only to some. */
export type Reach = 'always' | 'never' | 'sometimes';

/** A statement's reach with what makes it partial, for the "depends on" column. */
export interface StatementReach {
  /** Always, never, or sometimes. */
  reach: Reach;
  /** Condition keys (as written) whose values the context did not supply; set when a condition makes it partial. */
  undecidedKeys?: readonly string[];
  /** True when the statement covers only some resources. */
  resourceSpecific?: boolean;
}

const ALWAYS: StatementReach = Object.freeze({ reach: 'always' });
const NEVER: StatementReach = Object.freeze({ reach: 'never' });

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
  if (compiled.condition !== undefined) {
    const missing = compiled.conditionKeys
      .map((key, i) => (context.has(key) ? undefined : compiled.conditionKeysAsWritten[i]))
      .filter((key): key is string => key !== undefined);
    // A policy variable in a condition value reads a key of the caller's own (e.g. ${aws:PrincipalTag/team}):
    // it changes with the principal even when the clause's own key is fixed.
    const readsVariables = source.conditions.some((clause) => clause.values.some((value) => value.includes('${')));
    if (missing.length > 0 || readsVariables) {
      undecidedKeys = missing.length > 0 ? missing : source.conditions.map((clause) => clause.key);
    } else if (!compiled.condition(context)) {
      return NEVER;
    }
  }

  if (!resourceSpecific && undecidedKeys === undefined) return ALWAYS;
  const result: StatementReach = { reach: 'sometimes' };
  if (undecidedKeys) result.undecidedKeys = undecidedKeys;
  if (resourceSpecific) result.resourceSpecific = true;
  return result;
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
