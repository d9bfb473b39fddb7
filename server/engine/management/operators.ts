// The inheritance operators of management policies and the child control vocabulary.
// Spec: docs.aws.amazon.com/organizations/latest/userguide/policy-operators.html (formerly the
// "Inheritance operators" section of orgs_manage_policies_inheritance_mgmt.html).
import { type ValueOperator } from './types';

/** The value-setting operators in a fixed order (used to list allowed sets). */
export const VALUE_OPERATORS: readonly ValueOperator[] = ['@@assign', '@@append', '@@remove'];

/** The child control operator key. */
export const CHILD_CONTROL_OPERATOR = '@@operators_allowed_for_child_policies';

/** Every operator key a management policy may contain. */
export const KNOWN_OPERATORS: readonly string[] = [...VALUE_OPERATORS, CHILD_CONTROL_OPERATOR];

/** Values of @@operators_allowed_for_child_policies that stand for a whole set. */
export const CHILD_CONTROL_ALL = '@@all';
/** The value that forbids every value-setting operator in child policies. */
export const CHILD_CONTROL_NONE = '@@none';

/** True when a policy key is an operator (starts with "@@"), known or not. */
export function isOperatorKey(key: string): boolean {
  return key.startsWith('@@');
}

/** True when the string is one of the three value-setting operators. */
export function isValueOperator(value: string): value is ValueOperator {
  return (VALUE_OPERATORS as readonly string[]).includes(value);
}

/** The set of operators a child control list allows: @@all is all three, @@none is none. */
export function allowedOperatorsOf(list: readonly string[]): Set<ValueOperator> {
  if (list.includes(CHILD_CONTROL_ALL)) return new Set(VALUE_OPERATORS);
  return new Set(list.filter(isValueOperator));
}

/** Intersect two allowed-operator sets (restrictions combine by intersection, at one level and down the tree). */
export function intersectOperators(a: ReadonlySet<ValueOperator>, b: ReadonlySet<ValueOperator>): Set<ValueOperator> {
  return new Set([...a].filter((operator) => b.has(operator)));
}

/** The allowed set in the fixed order, for output. */
export function sortedOperators(set: ReadonlySet<ValueOperator>): ValueOperator[] {
  return VALUE_OPERATORS.filter((operator) => set.has(operator));
}
