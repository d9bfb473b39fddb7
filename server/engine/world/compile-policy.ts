// Compile a policy document once into matchers (actions, resources, principals, conditions) and an index of
// statements by service prefix, so evaluating a request touches only the statements of its own service.

import { compileConditionBlock, parseConditionOperator, parseTemplate, variablesEnabled } from '../condition';
import { compileResourcePattern } from '../match/arn';
import type { JsonNode } from '../policy/json-ast';
import { parsePolicy } from '../policy/parse';
import type { ControlOrigin, PolicyKind, PolicySource, RequestContext, Statement } from '../types';
import { ANY_SERVICE, compileActionList, servicePrefixesOf } from './action-matcher';
import type { CompiledDocument, CompiledPolicy, CompiledStatement } from './compiled-types';
import { compileNotPrincipal, compilePrincipal } from './principal-matcher';

const NEVER = (): boolean => false;

/** The text used as a document's cache key: the JSON text as stored, or a stable rendering of an object. */
export function documentKey(kind: PolicyKind, source: PolicySource): string {
  return `${kind}\n${typeof source === 'string' ? source : JSON.stringify(source)}`;
}

/** Compile a policy document. Unparseable documents compile to no statements (their findings say why). */
export function compileDocument(source: PolicySource, kind: PolicyKind): CompiledDocument {
  const parsed = parsePolicy(source);
  const document = parsed.document;
  const positions = statementPositions(parsed.tree, typeof source === 'string');
  const statements = document ? document.statements.map((statement) => compileStatement(statement, document.version, positions[statement.index])) : [];
  let byService: Map<string, CompiledStatement[]> | undefined;
  let anyService: CompiledStatement[] | undefined;
  statements.forEach((compiled, i) => {
    const source = document!.statements[i];
    for (const service of servicePrefixesOf(source.action, source.notAction)) {
      if (service === ANY_SERVICE) {
        (anyService ??= []).push(compiled);
        continue;
      }
      byService ??= new Map();
      const list = byService.get(service);
      if (list) list.push(compiled);
      else byService.set(service, [compiled]);
    }
  });
  return new StatementIndex(kind, statements, parsed.findings, byService, anyService);
}

/**
 * A compiled document with its statements indexed by service, and the per-service and per-action lists cached on
 * first use. A class rather than an object of closures, with the caches made when first asked: a large design's
 * access graph compiles some 25,000 documents and asks most of them nothing, where each held two empty maps, two
 * closures and their context (about 0.5 KB).
 */
class StatementIndex implements CompiledDocument {
  private serviceCache?: Map<string, readonly CompiledStatement[]>;
  // Bounded by the number of distinct actions ever evaluated (the IAM catalogue has about 22,000).
  private actionCache?: Map<string, readonly CompiledStatement[]>;

  constructor(
    readonly kind: PolicyKind,
    readonly statements: readonly CompiledStatement[],
    readonly findings: CompiledDocument['findings'],
    private readonly byService: ReadonlyMap<string, CompiledStatement[]> | undefined,
    private readonly anyService: readonly CompiledStatement[] | undefined,
  ) {}

  statementsForService(serviceLower: string): readonly CompiledStatement[] {
    const cached = this.serviceCache?.get(serviceLower);
    if (cached) return cached;
    const specific = this.byService?.get(serviceLower) ?? [];
    // Keep document order: the trace lists statements as the author wrote them.
    const merged = this.anyService === undefined ? specific : [...specific, ...this.anyService].sort((a, b) => a.index - b.index);
    (this.serviceCache ??= new Map()).set(serviceLower, merged);
    return merged;
  }

  statementsForAction(actionLower: string, serviceLower: string): readonly CompiledStatement[] {
    let cached = this.actionCache?.get(actionLower);
    if (cached === undefined) {
      const candidates = this.statementsForService(serviceLower);
      cached = candidates.length === 0 ? EMPTY : candidates.filter((statement) => statement.matchesAction(actionLower));
      if (cached.length === 0) cached = EMPTY;
      (this.actionCache ??= new Map()).set(actionLower, cached);
    }
    return cached;
  }
}

const EMPTY: readonly CompiledStatement[] = Object.freeze([]);

/** Wrap a compiled document as a named policy, with its frozen trace records (naming a statement's Control Tower control when known). */
export function namedPolicy(id: string, name: string, document: CompiledDocument, statementControls?: readonly (ControlOrigin | null)[]): CompiledPolicy {
  const records = document.statements.map((statement) => Object.freeze({
    policyId: id,
    policyName: name,
    statementIndex: statement.index,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    effect: statement.effect,
    ...(statement.position ? { position: statement.position } : {}),
    ...(statementControls?.[statement.index] ? { control: statementControls[statement.index]! } : {}),
  }));
  return { id, name, document, records };
}

/** Start positions of the statements in the policy text (only text sources have positions). */
function statementPositions(tree: JsonNode | undefined, fromText: boolean): ({ line: number; column: number } | undefined)[] {
  if (!fromText || tree?.kind !== 'object') return [];
  const member = tree.members.find((candidate) => candidate.key === 'Statement');
  if (!member) return [];
  const nodes = member.value.kind === 'array' ? member.value.items : [member.value];
  return nodes.map((node) => (node.position ? { line: node.position.line, column: node.position.column } : undefined));
}

function compileStatement(statement: Statement, policyVersion: string | undefined, position: { line: number; column: number } | undefined): CompiledStatement {
  const matchesAction = statement.action
    ? compileActionList(statement.action)
    : statement.notAction
      ? negate(compileActionList(statement.notAction))
      : NEVER;
  const matchesResource = compileResources(statement, policyVersion);
  const conditionKeysAsWritten = conditionKeysRead(statement, policyVersion);
  const resourceVariableKeys = variablesEnabled(policyVersion) ? variableKeysIn(statement.resource ?? statement.notResource ?? []) : [];
  const coversEveryResource = statement.resource?.includes('*') === true || (!statement.resource && !statement.notResource);
  const principal = statement.principal;
  const coversEveryCaller = principal === undefined
    ? statement.notPrincipal === undefined
    : principal === '*' || principal.AWS?.includes('*') === true;
  return {
    index: statement.index,
    sid: statement.sid,
    effect: statement.effect,
    ...(position ? { position } : {}),
    matchesAction,
    matchesResource,
    matchesPrincipal: statement.principal
      ? compilePrincipal(statement.principal)
      : statement.notPrincipal
        ? compileNotPrincipal(statement.notPrincipal)
        : undefined,
    condition: statement.conditions.length > 0 ? compileConditionBlock(statement.conditions, { policyVersion }) : undefined,
    actionOnly: coversEveryResource && coversEveryCaller && statement.conditions.length === 0,
    ...fixedResourceMatchOf(statement),
    conditionClauses: statement.conditions,
    policyVersion,
    conditionKeys: conditionKeysAsWritten.map((key) => key.toLowerCase()),
    conditionKeysAsWritten,
    ...readsEveryKey(statement, conditionKeysAsWritten.length),
    ...(resourceVariableKeys.length > 0
      ? { resourceVariableKeys: resourceVariableKeys.map((key) => key.toLowerCase()), resourceVariableKeysAsWritten: resourceVariableKeys }
      : {}),
  };
}

/**
 * The keys a Condition block reads, as first written: each clause's key, then the keys of the policy variables in
 * the values of operators that substitute them (String*, Arn*, Bool; reference_policies_variables.html).
 */
function conditionKeysRead(statement: Statement, policyVersion: string | undefined): string[] {
  const keys = new Map<string, string>();
  for (const clause of statement.conditions) if (!keys.has(clause.key.toLowerCase())) keys.set(clause.key.toLowerCase(), clause.key);
  if (variablesEnabled(policyVersion)) {
    for (const clause of statement.conditions) {
      if (!parseConditionOperator(clause.operator)?.base.acceptsVariables) continue;
      for (const key of variableKeysIn(clause.values)) if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
    }
  }
  return [...keys.values()];
}

/**
 * When evaluating the Condition block is sure to read every key it names (see CompiledStatement.conditionReadsEveryKey):
 * each clause with a known operator reads its own key before anything else, and the block stops at the first clause
 * that fails. Lets evaluatePolicies learn whether a key is absent from the reads themselves.
 */
function readsEveryKey(statement: Statement, keyCount: number): Pick<CompiledStatement, 'conditionReadsEveryKey'> {
  const clauses = statement.conditions;
  if (clauses.length === 0 || !clauses.every((clause) => parseConditionOperator(clause.operator) !== undefined)) return {};
  if (keyCount === 1) return { conditionReadsEveryKey: 'always' };
  const clauseKeys = new Set(clauses.map((clause) => clause.key.toLowerCase()));
  return clauseKeys.size === keyCount ? { conditionReadsEveryKey: 'when-holds' } : {};
}

/** The context keys named by policy variables in some strings, as written, without repeats. */
export function variableKeysIn(values: readonly string[]): string[] {
  const keys = new Map<string, string>();
  for (const value of values) {
    if (!value.includes('${')) continue;
    for (const part of parseTemplate(value)) if (part.kind === 'variable' && !keys.has(part.key)) keys.set(part.key, part.name);
  }
  return [...keys.values()];
}

function negate(predicate: (action: string) => boolean): (action: string) => boolean {
  return (action) => !predicate(action);
}

/** The constant answer of compileResources' matcher, when it has one (see CompiledStatement.fixedResourceMatch). */
function fixedResourceMatchOf(statement: Statement): Pick<CompiledStatement, 'fixedResourceMatch'> {
  if (!statement.resource && !statement.notResource) return { fixedResourceMatch: true };
  if ((statement.resource ?? statement.notResource)!.includes('*')) return { fixedResourceMatch: statement.resource !== undefined };
  return {};
}

function compileResources(statement: Statement, policyVersion: string | undefined): CompiledStatement['matchesResource'] {
  // Trust policies and some resource policies omit Resource: the statement then covers the resource it is attached to.
  if (!statement.resource && !statement.notResource) return () => true;
  const patterns = (statement.resource ?? statement.notResource)!;
  if (patterns.includes('*')) return statement.resource ? () => true : () => false;
  const matchers = patterns.map((pattern) => compileResourcePattern(pattern, policyVersion));
  const anyMatches = matchers.length === 1
    ? matchers[0]
    : (resource: string, context: RequestContext) => {
        for (let i = 0; i < matchers.length; i++) if (matchers[i](resource, context)) return true;
        return false;
      };
  if (statement.resource) return anyMatches;
  return (resource, context) => !anyMatches(resource, context);
}
