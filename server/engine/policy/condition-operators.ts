// The condition operators IAM accepts, as grammar data: name, the type its values must have, and which
// modifiers apply. Source: IAM User Guide, reference_policies_elements_condition_operators.html and
// reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues / ForAnyValue).

/** The type an operator's values must parse as. */
export type ConditionValueType = 'string' | 'numeric' | 'date' | 'boolean' | 'binary' | 'ip' | 'arn' | 'null';

/** A set operator prefix for multivalued context keys. */
export type SetOperator = 'ForAllValues' | 'ForAnyValue';

/** A condition operator split into its parts. */
export interface ParsedConditionOperator {
  /** The ForAllValues:/ForAnyValue: prefix, when present. */
  setOperator?: SetOperator;
  /** The base operator, e.g. "StringLike" (no prefix, no IfExists). */
  base: string;
  /** True when the operator ends in IfExists. */
  ifExists: boolean;
  /** The type its values must have. */
  valueType: ConditionValueType;
  /** True for negated operators (StringNotEquals, NotIpAddress, ...): a missing key makes them true. */
  negated: boolean;
}

/** Every base condition operator IAM accepts, with its value type and whether it is a negation. */
export const BASE_CONDITION_OPERATORS: Readonly<Record<string, { valueType: ConditionValueType; negated: boolean }>> = {
  StringEquals: { valueType: 'string', negated: false },
  StringNotEquals: { valueType: 'string', negated: true },
  StringEqualsIgnoreCase: { valueType: 'string', negated: false },
  StringNotEqualsIgnoreCase: { valueType: 'string', negated: true },
  StringLike: { valueType: 'string', negated: false },
  StringNotLike: { valueType: 'string', negated: true },
  NumericEquals: { valueType: 'numeric', negated: false },
  NumericNotEquals: { valueType: 'numeric', negated: true },
  NumericLessThan: { valueType: 'numeric', negated: false },
  NumericLessThanEquals: { valueType: 'numeric', negated: false },
  NumericGreaterThan: { valueType: 'numeric', negated: false },
  NumericGreaterThanEquals: { valueType: 'numeric', negated: false },
  DateEquals: { valueType: 'date', negated: false },
  DateNotEquals: { valueType: 'date', negated: true },
  DateLessThan: { valueType: 'date', negated: false },
  DateLessThanEquals: { valueType: 'date', negated: false },
  DateGreaterThan: { valueType: 'date', negated: false },
  DateGreaterThanEquals: { valueType: 'date', negated: false },
  Bool: { valueType: 'boolean', negated: false },
  BinaryEquals: { valueType: 'binary', negated: false },
  IpAddress: { valueType: 'ip', negated: false },
  NotIpAddress: { valueType: 'ip', negated: true },
  ArnEquals: { valueType: 'arn', negated: false },
  ArnLike: { valueType: 'arn', negated: false },
  ArnNotEquals: { valueType: 'arn', negated: true },
  ArnNotLike: { valueType: 'arn', negated: true },
  Null: { valueType: 'null', negated: false },
};

const BASE_BY_LOWER = new Map(Object.keys(BASE_CONDITION_OPERATORS).map((name) => [name.toLowerCase(), name]));

/** Split an operator such as "ForAnyValue:StringLikeIfExists"; undefined when IAM would reject it. */
export function parseConditionOperator(operator: string): ParsedConditionOperator | undefined {
  let rest = operator;
  let setOperator: SetOperator | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    if (prefix !== 'ForAllValues' && prefix !== 'ForAnyValue') return undefined;
    setOperator = prefix;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const entry = BASE_CONDITION_OPERATORS[rest];
  if (!entry || !Object.hasOwn(BASE_CONDITION_OPERATORS, rest)) return undefined;
  // Null tests for the key's presence, so "if it exists" is meaningless and IAM rejects NullIfExists.
  if (rest === 'Null' && ifExists) return undefined;
  return { setOperator, base: rest, ifExists, valueType: entry.valueType, negated: entry.negated };
}

/** For an operator IAM rejects, the correctly spelled operator when the mistake is only letter case. */
export function suggestConditionOperator(operator: string): string | undefined {
  const parts = operator.split(':');
  const baseWritten = parts[parts.length - 1];
  const ifExists = /ifexists$/i.test(baseWritten);
  const baseLower = (ifExists ? baseWritten.slice(0, -8) : baseWritten).toLowerCase();
  const base = BASE_BY_LOWER.get(baseLower);
  if (!base) return undefined;
  let prefix = '';
  if (parts.length === 2) {
    const lower = parts[0].toLowerCase();
    if (lower === 'forallvalues') prefix = 'ForAllValues:';
    else if (lower === 'foranyvalue') prefix = 'ForAnyValue:';
    else return undefined;
  } else if (parts.length > 2) return undefined;
  const suggestion = `${prefix}${base}${ifExists ? 'IfExists' : ''}`;
  return parseConditionOperator(suggestion) && suggestion !== operator ? suggestion : undefined;
}
