// Compile a statement's Condition block into a function of the request context.
// Spec (IAM User Guide):
// - reference_policies_elements_condition_operators.html: per-operator comparison; a key that is not present
//   makes the condition false, except for negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...) which
//   are then true; ...IfExists is true when the key is absent; Null "true" means the key is absent.
// - reference_policies_condition-logic-multiple-context-keys-or-values.html: clauses AND together, keys within an
//   operator AND, the values of one key OR; for a negated operator the values combine as NOR (the request value
//   must match none of them).
// - reference_policies_condition-single-vs-multi-valued-context-keys.html: ForAllValues is true when every request
//   value matches (and when the key is absent or has no values); ForAnyValue is true when at least one request
//   value matches (false when the key is absent). With a negated base operator the negation applies per request
//   value: ForAllValues:StringNotEquals means no request value equals any policy value.
//
// Choices where the pages are silent, stated so the trace and the tests can say why:
// - A plain operator (no set prefix) against a key that carries several values is false, negated or not. The
//   single-vs-multivalued page says multivalued keys "require a condition set operator"; a plain StringEquals on
//   aws:CalledVia with two services in the chain was observed to deny (boogy/iam-policy-validator PR #161), and
//   cloud-copilot's simulator answers the same. A list-typed key with exactly one value compares like a single value.
// - A key present with an empty value list counts as absent everywhere (the multivalued examples page: a Null
//   check guards against "missing context keys or context keys with empty values").
// - A set operator over a single-valued key treats it as a set of one (the page warns this can be over-permissive,
//   which only makes sense if it is evaluated that way).
// - A request value that does not parse for its family (a non-number for Numeric*, a non-date for Date*, a
//   non-address for IpAddress, non-base64 for BinaryEquals) matches no policy value: positive operators are false,
//   negated ones true. A policy value that does not parse matches nothing (the validator reports it).
// - A policy value whose variable has no value and no default matches nothing ("there is no equal or like value").
// - Null ignores a ForAllValues:/ForAnyValue: prefix (it only tests presence); NullIfExists is unknown.
// - An unknown operator compiles to a function that returns false; it never throws.

import type { ConditionClause, RequestContext } from '../types';
import { compileResourcePattern, type ResourceMatcher } from '../match/arn';
import { compileIpMatcher } from '../match/ip';
import { compileEscapedGlob, compileGlob, matchEscapedGlob, type GlobMatcher } from '../match/wildcard';
import { compileTemplate, POLICY_VARIABLES_VERSION, variablesEnabled, type CompiledTemplate } from '../variables';
import { parseConditionOperator, type BaseOperator, type ParsedConditionOperator } from './operators';
import { decodeBinaryValue, parseBooleanValue, parseDateValue, parseNumericValue, parseRequestDate } from './values';

/** A compiled condition: true when it holds for the request context. */
export type CompiledCondition = (ctx: RequestContext) => boolean;

/** Options for compiling a Condition block. */
export interface ConditionCompileOptions {
  /** The policy document's Version; policy variables are substituted only for "2012-10-17". */
  policyVersion?: string;
}

/** One compiled clause, for the trace: which clause, how its operator parsed, and whether it holds. */
export interface CompiledClause {
  /** The clause as parsed from the policy. */
  clause: ConditionClause;
  /** The parsed operator; undefined when the operator is unknown (the clause then never holds). */
  operator?: ParsedConditionOperator;
  /** True when the clause holds for the request context. */
  holds: CompiledCondition;
}

/** Does one request value match at least one policy value under the operator's positive comparison? */
type ValueMatcher = (requestValue: string, ctx: RequestContext) => boolean;

const ALWAYS_TRUE: CompiledCondition = () => true;
const ALWAYS_FALSE: CompiledCondition = () => false;
const NEVER: ValueMatcher = () => false;

/** Split policy values into plain text fixed at compile time and templates that depend on the request. */
function splitTemplates(values: readonly string[], variables: boolean) {
  const constants: string[] = [];
  const dynamic: CompiledTemplate[] = [];
  for (const value of values) {
    if (!variables || !value.includes('${')) {
      constants.push(value);
      continue;
    }
    const template = compileTemplate(value);
    if (template.dynamic) dynamic.push(template);
    else constants.push(template.constantText as string);
  }
  return { constants, dynamic };
}

/** Membership test for a fixed set of strings, with a direct comparison for the common single value. */
function compileMembership(values: readonly string[]): (candidate: string) => boolean {
  if (values.length === 0) return () => false;
  if (values.length === 1) {
    const only = values[0];
    return (candidate) => candidate === only;
  }
  if (values.length === 2) {
    // Two values (two regions, two principals) are common; comparing both beats hashing the candidate for a Set.
    const [first, second] = values;
    return (candidate) => candidate === first || candidate === second;
  }
  const set = new Set(values);
  return (candidate) => set.has(candidate);
}

function compileStringEquals(values: readonly string[], variables: boolean, ignoreCase: boolean): ValueMatcher {
  const { constants, dynamic } = splitTemplates(values, variables);
  const fold = ignoreCase ? (text: string) => text.toLowerCase() : (text: string) => text;
  const isConstant = compileMembership(constants.map(fold));
  if (dynamic.length === 0) {
    return ignoreCase ? (value) => isConstant(value.toLowerCase()) : isConstant;
  }
  return (value, ctx) => {
    const folded = fold(value);
    if (isConstant(folded)) return true;
    for (let i = 0; i < dynamic.length; i++) {
      const substituted = dynamic[i].toText(ctx);
      if (substituted !== undefined && fold(substituted) === folded) return true;
    }
    return false;
  };
}

function compileStringLike(values: readonly string[], variables: boolean): ValueMatcher {
  const fixed: GlobMatcher[] = [];
  const dynamic: CompiledTemplate[] = [];
  for (const value of values) {
    if (!variables || !value.includes('${')) {
      fixed.push(compileGlob(value));
      continue;
    }
    const template = compileTemplate(value);
    if (template.dynamic) dynamic.push(template);
    else fixed.push(compileEscapedGlob(template.constantGlob as string));
  }
  return (value, ctx) => {
    for (let i = 0; i < fixed.length; i++) if (fixed[i](value)) return true;
    for (let i = 0; i < dynamic.length; i++) {
      const glob = dynamic[i].toGlob(ctx);
      if (glob !== undefined && matchEscapedGlob(glob, value)) return true;
    }
    return false;
  };
}

/** Numeric and date comparisons share one shape: parse both sides to numbers, then compare. */
function compileOrdered(
  values: readonly string[],
  parse: (text: string) => number | undefined,
  parseRequest: (text: string) => number | undefined,
  comparison: BaseOperator['comparison'],
): ValueMatcher {
  const targets = values.map(parse).filter((target): target is number => target !== undefined);
  if (targets.length === 0) return NEVER;
  const compare = ORDERED_COMPARISONS[comparison];
  return (value) => {
    const parsed = parseRequest(value);
    if (parsed === undefined) return false;
    for (let i = 0; i < targets.length; i++) if (compare(parsed, targets[i])) return true;
    return false;
  };
}

const ORDERED_COMPARISONS: Record<string, (request: number, policy: number) => boolean> = {
  equals: (request, policy) => request === policy,
  lessThan: (request, policy) => request < policy,
  lessThanEquals: (request, policy) => request <= policy,
  greaterThan: (request, policy) => request > policy,
  greaterThanEquals: (request, policy) => request >= policy,
};

function compileBool(values: readonly string[], variables: boolean): ValueMatcher {
  const { constants, dynamic } = splitTemplates(values, variables);
  const accepted = new Set(constants.map(parseBooleanValue));
  return (value, ctx) => {
    const parsed = parseBooleanValue(value);
    if (parsed === undefined) return false;
    if (accepted.has(parsed)) return true;
    for (let i = 0; i < dynamic.length; i++) {
      const substituted = dynamic[i].toText(ctx);
      if (substituted !== undefined && parseBooleanValue(substituted) === parsed) return true;
    }
    return false;
  };
}

function compileBinary(values: readonly string[]): ValueMatcher {
  const decoded = values.map(decodeBinaryValue).filter((bytes): bytes is string => bytes !== undefined);
  if (decoded.length === 0) return NEVER;
  const isMember = compileMembership(decoded);
  return (value) => {
    const bytes = decodeBinaryValue(value);
    return bytes !== undefined && isMember(bytes);
  };
}

function compileArn(values: readonly string[], variables: boolean): ValueMatcher {
  const version = variables ? POLICY_VARIABLES_VERSION : undefined;
  const matchers: ResourceMatcher[] = values.map((value) => compileResourcePattern(value, version));
  return (value, ctx) => {
    for (let i = 0; i < matchers.length; i++) if (matchers[i](value, ctx)) return true;
    return false;
  };
}

/** Build the positive comparison of one request value against all policy values of a clause. */
function compileValueMatcher(base: BaseOperator, values: readonly string[], variables: boolean): ValueMatcher {
  switch (base.family) {
    case 'string':
      if (base.comparison === 'like') return compileStringLike(values, variables);
      return compileStringEquals(values, variables, base.comparison === 'equalsIgnoreCase');
    case 'numeric':
      return compileOrdered(values, parseNumericValue, parseNumericValue, base.comparison);
    case 'date':
      return compileOrdered(values, parseDateValue, parseRequestDate, base.comparison);
    case 'bool':
      return compileBool(values, variables);
    case 'binary':
      return compileBinary(values);
    case 'ip': {
      return compileIpMatcher(values);
    }
    case 'arn':
      return compileArn(values, variables);
    case 'null':
      return NEVER;
  }
}

/** Null: "true" holds when the key is absent (or has no values), "false" when it is present. */
function compileNull(key: string, values: readonly string[]): CompiledCondition {
  const parsed = values.map(parseBooleanValue);
  const holdsWhenAbsent = parsed.includes(true);
  const holdsWhenPresent = parsed.includes(false);
  return (ctx) => {
    const entry = ctx.get(key);
    return entry !== undefined && entry.values.length > 0 ? holdsWhenPresent : holdsWhenAbsent;
  };
}

/** Compile one clause (see the file comment for the semantics). */
export function compileConditionClause(clause: ConditionClause, options: ConditionCompileOptions = {}): CompiledClause {
  const operator = parseConditionOperator(clause.operator);
  if (operator === undefined) return { clause, holds: ALWAYS_FALSE };
  const key = clause.key.toLowerCase();
  const { base, setOperator, ifExists } = operator;
  if (base.family === 'null') return { clause, operator, holds: compileNull(key, clause.values) };

  const variables = base.acceptsVariables && variablesEnabled(options.policyVersion);
  const matches = compileValueMatcher(base, clause.values, variables);
  const negated = base.negated;
  // What the clause says when the key is absent or has no values.
  const whenAbsent = ifExists || setOperator === 'ForAllValues' ? true : setOperator === 'ForAnyValue' ? false : negated;

  let holds: CompiledCondition;
  if (setOperator === 'ForAllValues') {
    holds = (ctx) => {
      const entry = ctx.get(key);
      if (entry === undefined || entry.values.length === 0) return whenAbsent;
      const requestValues = entry.values;
      // A request value passes when it matches some policy value (positive) or none of them (negated).
      for (let i = 0; i < requestValues.length; i++) if (matches(requestValues[i], ctx) === negated) return false;
      return true;
    };
  } else if (setOperator === 'ForAnyValue') {
    holds = (ctx) => {
      const entry = ctx.get(key);
      if (entry === undefined || entry.values.length === 0) return whenAbsent;
      const requestValues = entry.values;
      for (let i = 0; i < requestValues.length; i++) if (matches(requestValues[i], ctx) !== negated) return true;
      return false;
    };
  } else {
    holds = (ctx) => {
      const entry = ctx.get(key);
      if (entry === undefined || entry.values.length === 0) return whenAbsent;
      if (entry.values.length > 1) return false;
      return matches(entry.values[0], ctx) !== negated;
    };
  }
  return { clause, operator, holds };
}

/** Compile each clause separately, so a trace can show which condition held and which failed. */
export function compileConditionClauses(
  clauses: readonly ConditionClause[],
  options: ConditionCompileOptions = {},
): CompiledClause[] {
  return clauses.map((clause) => compileConditionClause(clause, options));
}

/**
 * Compile a statement's Condition block: every clause must hold (AND). An empty block always holds.
 * Regexes, CIDRs, numbers and dates are prepared here; only policy variables are substituted per request.
 */
export function compileConditionBlock(
  clauses: readonly ConditionClause[],
  options: ConditionCompileOptions = {},
): CompiledCondition {
  if (clauses.length === 0) return ALWAYS_TRUE;
  const tests = clauses.map((clause) => compileConditionClause(clause, options).holds);
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [first, second] = tests;
    return (ctx) => first(ctx) && second(ctx);
  }
  return (ctx) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](ctx)) return false;
    return true;
  };
}
