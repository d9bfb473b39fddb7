// Condition operator names: the set-operator prefix, the base operator, the IfExists suffix.
// Spec: IAM User Guide, reference_policies_elements_condition_operators.html (the operator list, IfExists, Null)
// and reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues / ForAnyValue).

/** The operator families; each compares request values in its own way. */
export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

/** How a base operator compares one request value with one policy value. */
export type Comparison =
  | 'equals' | 'equalsIgnoreCase' | 'like' | 'lessThan' | 'lessThanEquals' | 'greaterThan' | 'greaterThanEquals'
  | 'inRange' | 'exists';

/** The set operators for multivalued keys. */
export type SetOperator = 'ForAllValues' | 'ForAnyValue';

/** A base operator as AWS names it, with its meaning. */
export interface BaseOperator {
  /** Canonical name, e.g. "StringNotEquals". */
  name: string;
  /** Its family. */
  family: OperatorFamily;
  /** The positive comparison; a negated operator is true when this comparison fails for every policy value. */
  comparison: Comparison;
  /** True for the negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...). */
  negated: boolean;
  /** True when policy variables are substituted in its values (string, ARN and Bool operators). */
  acceptsVariables: boolean;
}

function op(
  name: string,
  family: OperatorFamily,
  comparison: Comparison,
  negated = false,
  acceptsVariables = family === 'string' || family === 'arn' || family === 'bool',
): BaseOperator {
  return { name, family, comparison, negated, acceptsVariables };
}

/** Every base operator AWS defines, keyed by lower-cased name. */
export const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map(
  [
    op('StringEquals', 'string', 'equals'),
    op('StringNotEquals', 'string', 'equals', true),
    op('StringEqualsIgnoreCase', 'string', 'equalsIgnoreCase'),
    op('StringNotEqualsIgnoreCase', 'string', 'equalsIgnoreCase', true),
    op('StringLike', 'string', 'like'),
    op('StringNotLike', 'string', 'like', true),
    op('NumericEquals', 'numeric', 'equals'),
    op('NumericNotEquals', 'numeric', 'equals', true),
    op('NumericLessThan', 'numeric', 'lessThan'),
    op('NumericLessThanEquals', 'numeric', 'lessThanEquals'),
    op('NumericGreaterThan', 'numeric', 'greaterThan'),
    op('NumericGreaterThanEquals', 'numeric', 'greaterThanEquals'),
    op('DateEquals', 'date', 'equals'),
    op('DateNotEquals', 'date', 'equals', true),
    op('DateLessThan', 'date', 'lessThan'),
    op('DateLessThanEquals', 'date', 'lessThanEquals'),
    op('DateGreaterThan', 'date', 'greaterThan'),
    op('DateGreaterThanEquals', 'date', 'greaterThanEquals'),
    op('Bool', 'bool', 'equals'),
    op('BinaryEquals', 'binary', 'equals'),
    op('IpAddress', 'ip', 'inRange'),
    op('NotIpAddress', 'ip', 'inRange', true),
    // ArnEquals and ArnLike behave identically: both accept wildcards in each segment.
    op('ArnEquals', 'arn', 'like'),
    op('ArnLike', 'arn', 'like'),
    op('ArnNotEquals', 'arn', 'like', true),
    op('ArnNotLike', 'arn', 'like', true),
    op('Null', 'null', 'exists'),
  ].map((base) => [base.name.toLowerCase(), base]),
);

/** A condition operator split into its parts. */
export interface ParsedConditionOperator {
  /** The operator as written. */
  operator: string;
  /** ForAllValues / ForAnyValue, when present. */
  setOperator?: SetOperator;
  /** The base operator. */
  base: BaseOperator;
  /** True with the ...IfExists suffix. */
  ifExists: boolean;
}

const SET_OPERATORS: ReadonlyMap<string, SetOperator> = new Map([
  ['forallvalues', 'ForAllValues'],
  ['foranyvalue', 'ForAnyValue'],
]);

/**
 * Parse an operator such as "ForAnyValue:StringLikeIfExists" (names compare case-insensitively). Undefined for an
 * unknown operator, an unknown prefix, or NullIfExists (IAM Access Analyzer rejects it: "Null with if exists").
 */
export function parseConditionOperator(operator: string): ParsedConditionOperator | undefined {
  let rest = operator.trim();
  let setOperator: SetOperator | undefined;
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    setOperator = SET_OPERATORS.get(rest.slice(0, colon).toLowerCase());
    if (setOperator === undefined) return undefined;
    rest = rest.slice(colon + 1);
  }
  let lowered = rest.toLowerCase();
  let ifExists = false;
  if (lowered.endsWith('ifexists')) {
    ifExists = true;
    lowered = lowered.slice(0, -'ifexists'.length);
  }
  const base = BASE_OPERATORS.get(lowered);
  if (base === undefined) return undefined;
  if (base.family === 'null' && ifExists) return undefined;
  return { operator, setOperator, base, ifExists };
}
