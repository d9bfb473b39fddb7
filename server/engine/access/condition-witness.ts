// Context values that would decide a condition one way: the "witness" the access graph supplies for the keys the
// engine found undecided (MissingContextValues). For an Allow whose condition failed only because a key was absent,
// the witness holds a value that satisfies each clause on that key; for a Deny that applied only because a key was
// absent (IfExists, negated operators, Null), a value that falsifies it. The engine then evaluates the request again
// with the witness: the decision is the engine's, the witness only proposes values.
//
// Values come from the policy's own clause values (an ExternalId equals its value, an MFA age below 3600 gets 3599),
// so an edge can say what a caller must pass. Clauses whose values hold policy variables give no witness.

import { parseConditionOperator, type ParsedConditionOperator } from '../condition';
import type { ConditionClause, ContextEntry, ContextValueType } from '../types';

/** Whether the witness should make the clause hold (an Allow) or fail (a Deny). */
export type WitnessGoal = 'satisfy' | 'falsify';

const LIST_TYPES: Record<string, ContextValueType> = {
  string: 'stringList', numeric: 'numericList', date: 'dateList', bool: 'booleanList', ip: 'ipList', binary: 'binaryList', arn: 'stringList', null: 'stringList',
};
const SINGLE_TYPES: Record<string, ContextValueType> = {
  string: 'string', numeric: 'numeric', date: 'date', bool: 'boolean', ip: 'ip', binary: 'binary', arn: 'string', null: 'string',
};

/**
 * A context entry for the clause's key that makes the clause hold ("satisfy") or fail ("falsify"), or undefined when
 * the key's absence already gives that outcome or no value can be derived from the policy.
 */
export function witnessEntry(clause: ConditionClause, goal: WitnessGoal): ContextEntry | undefined {
  const operator = parseConditionOperator(clause.operator);
  if (!operator || clause.values.length === 0) return undefined;
  if (clause.values.some((value) => value.includes('${'))) return undefined;
  const heldWhenAbsent = holdsWhenAbsent(operator, clause.values);
  if ((goal === 'satisfy') === heldWhenAbsent) return undefined;
  const value = goal === 'satisfy' ? valueThatMatches(operator, clause.values) : valueThatFails(operator, clause.values);
  if (value === undefined) return undefined;
  const family = operator.base.family;
  return {
    key: clause.key,
    values: [value],
    type: operator.setOperator ? LIST_TYPES[family] : SINGLE_TYPES[family],
  };
}

/** What the clause says when its key is absent (reference_policies_elements_condition_operators.html). */
function holdsWhenAbsent(operator: ParsedConditionOperator, values: readonly string[]): boolean {
  if (operator.base.family === 'null') return values.some((value) => value.toLowerCase() === 'true');
  if (operator.ifExists || operator.setOperator === 'ForAllValues') return true;
  if (operator.setOperator === 'ForAnyValue') return false;
  return operator.base.negated;
}

/** A request value for which the operator's outcome is true (positive: matches a value; negated: matches none). */
function valueThatMatches(operator: ParsedConditionOperator, values: readonly string[]): string | undefined {
  if (operator.base.family === 'null') return 'present';
  return operator.base.negated ? nonMatching(operator, values) : matching(operator, values[0]);
}

/** A request value for which the operator's outcome is false. */
function valueThatFails(operator: ParsedConditionOperator, values: readonly string[]): string | undefined {
  if (operator.base.family === 'null') return 'present';
  return operator.base.negated ? matching(operator, values[0]) : nonMatching(operator, values);
}

/** A value that the positive comparison accepts for `policyValue`. */
function matching(operator: ParsedConditionOperator, policyValue: string): string | undefined {
  const { family, comparison } = operator.base;
  switch (family) {
    case 'string':
    case 'arn':
      return comparison === 'like' || family === 'arn' ? policyValue.replace(/[*?]/g, 'x') : policyValue;
    case 'bool':
    case 'binary':
      return policyValue;
    case 'numeric': {
      const number = Number(policyValue);
      if (!Number.isFinite(number)) return undefined;
      return String(shiftForComparison(number, comparison, 1));
    }
    case 'date': {
      const time = Date.parse(policyValue);
      if (Number.isNaN(time)) return /^\d+$/.test(policyValue) ? String(shiftForComparison(Number(policyValue), comparison, 1)) : undefined;
      return new Date(shiftForComparison(time, comparison, 1000)).toISOString();
    }
    case 'ip':
      return policyValue.split('/')[0];
    default:
      return undefined;
  }
}

/** A value that the positive comparison rejects for every policy value. */
function nonMatching(operator: ParsedConditionOperator, values: readonly string[]): string | undefined {
  const { family, comparison } = operator.base;
  switch (family) {
    case 'bool': {
      const accepted = new Set(values.map((value) => value.toLowerCase()));
      if (!accepted.has('true')) return 'true';
      return accepted.has('false') ? undefined : 'false';
    }
    case 'numeric': {
      const numbers = values.map(Number).filter(Number.isFinite);
      if (numbers.length === 0) return '0';
      // Below every "greater" bound and above every "less" bound is outside all of them.
      if (comparison === 'lessThan' || comparison === 'lessThanEquals') return String(Math.max(...numbers) + 1);
      if (comparison === 'greaterThan' || comparison === 'greaterThanEquals') return String(Math.min(...numbers) - 1);
      return String(Math.max(...numbers) + 1);
    }
    case 'date': {
      const times = values.map((value) => Date.parse(value)).filter((time) => !Number.isNaN(time));
      if (times.length === 0) return undefined;
      const later = comparison === 'lessThan' || comparison === 'lessThanEquals' || comparison === 'equals';
      return new Date(later ? Math.max(...times) + 1000 : Math.min(...times) - 1000).toISOString();
    }
    case 'ip':
      return '192.0.2.255';
    default:
      return `lzsim-other-than-${values[0].replace(/[*?]/g, 'x')}`;
  }
}

/** The number just inside the bound: 3599 for "less than 3600", 3601 for "greater than 3600". */
function shiftForComparison(value: number, comparison: string, step: number): number {
  if (comparison === 'lessThan') return value - step;
  if (comparison === 'greaterThan') return value + step;
  return value;
}
