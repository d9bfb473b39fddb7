// Evaluate a request with the engine, and when it fails only for want of context the caller could supply, find
// that context: build a witness for the keys the engine reported missing (MissingContextValues), evaluate again,
// and keep only the supplied keys the allow actually needs. The decision is always evaluate()'s.

import { evaluate } from '../evaluate/evaluate';
import type { AuthzRequest, ConditionClause, ContextEntry, EvaluationResult, MatchedStatement } from '../types';
import type { CompiledPolicy } from '../world/compiled-types';
import type { CompiledWorld } from '../world/compile-world';
import { witnessEntry } from './condition-witness';

/** The outcome of a conditional evaluation. */
export interface ConditionalOutcome {
  /** allowed with no extra context, conditional with `supplied`, or denied. */
  decision: 'allowed' | 'conditional' | 'denied';
  /** The engine's result: with the supplied context when conditional, the plain one otherwise. */
  result: EvaluationResult;
  /** The context entries the caller must supply (empty unless conditional). */
  supplied: ContextEntry[];
}

/** Evaluate; when denied for want of context, try the witness context the policies themselves suggest. */
export function evaluateWithWitness(world: CompiledWorld, request: AuthzRequest, extraPolicies: readonly CompiledPolicy[] = []): ConditionalOutcome {
  const first = evaluate(world, request);
  if (first.decision === 'allowed') return { decision: 'allowed', result: first, supplied: [] };
  const missing = first.missingContextValues;
  if (!missing || missing.length === 0) return { decision: 'denied', result: first, supplied: [] };

  const policies = policiesOf(world, request, extraPolicies);
  const withWitness = (entries: ContextEntry[]): AuthzRequest => ({ ...request, context: [...request.context, ...entries] });
  // The same statements failing for the same missing keys (one trust policy text, many callers) need the same
  // witness: try the one found before, and fall back to the search when the engine does not allow with it.
  const memo = memoOf(world);
  const memoKey = witnessKey(first, missing, policies, world);
  const remembered = memo.get(memoKey);
  if (remembered) {
    const retry = evaluate(world, withWitness(remembered));
    if (retry.decision === 'allowed') return { decision: 'conditional', result: retry, supplied: remembered };
  }

  const witness = buildWitness(world, first, missing, policies);
  if (witness.length === 0) return { decision: 'denied', result: first, supplied: [] };
  let result = evaluate(world, withWitness(witness));
  if (result.decision !== 'allowed') return { decision: 'denied', result: first, supplied: [] };

  // Alternatives (two Allow statements, one wanting an ExternalId and one MFA) both contribute to the witness: keep
  // only the entries the allow still needs, so the edge names one sufficient set of conditions.
  let needed = witness;
  for (const entry of witness) {
    const without = needed.filter((candidate) => candidate !== entry);
    const retry = evaluate(world, withWitness(without));
    if (retry.decision === 'allowed') {
      needed = without;
      result = retry;
    }
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, needed);
  return { decision: 'conditional', result, supplied: needed };
}

const MEMO_LIMIT = 10_000;
const memos = new WeakMap<CompiledWorld, Map<string, ContextEntry[]>>();
const documentIds = new WeakMap<object, number>();
let nextDocumentId = 0;

function memoOf(world: CompiledWorld): Map<string, ContextEntry[]> {
  let memo = memos.get(world);
  if (!memo) {
    memo = new Map();
    memos.set(world, memo);
  }
  return memo;
}

/** What decides the witness: the missing keys and the statements (by compiled document, not policy name) that failed or denied. */
function witnessKey(result: EvaluationResult, missing: readonly string[], policies: ReadonlyMap<string, CompiledPolicy>, world: CompiledWorld): string {
  const parts = [missing.join('|')];
  for (const layer of result.trace) {
    for (const record of layer.conditionNotMet ?? []) parts.push(recordKey(policies, record, world));
    for (const record of layer.matched) if (record.effect === 'Deny') parts.push(recordKey(policies, record, world));
  }
  return parts.join('\n');
}

function recordKey(policies: ReadonlyMap<string, CompiledPolicy>, record: MatchedStatement, world: CompiledWorld): string {
  const document = (policies.get(record.policyId) ?? world.orgPolicies.get(record.policyId))?.document;
  if (!document) return `?${record.policyId}#${record.statementIndex}`;
  let id = documentIds.get(document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(document, id);
  }
  return `${id}#${record.statementIndex}${record.effect}`;
}

/**
 * Witness entries for the missing keys: values that satisfy the clauses of Allow statements whose condition failed,
 * and values that falsify the clauses of Deny statements that applied. The first value proposed for a key wins.
 */
function buildWitness(world: CompiledWorld, result: EvaluationResult, missing: readonly string[], policies: ReadonlyMap<string, CompiledPolicy>): ContextEntry[] {
  const missingKeys = new Set(missing.map((key) => key.toLowerCase()));
  const entries = new Map<string, ContextEntry>();
  const propose = (record: MatchedStatement, goal: 'satisfy' | 'falsify') => {
    for (const clause of clausesOf(policies, record, world)) {
      const key = clause.key.toLowerCase();
      if (!missingKeys.has(key) || entries.has(key)) continue;
      const entry = witnessEntry(clause, goal);
      if (entry) entries.set(key, entry);
    }
  };
  for (const layer of result.trace) {
    for (const record of layer.conditionNotMet ?? []) if (record.effect === 'Allow') propose(record, 'satisfy');
    for (const record of layer.matched) if (record.effect === 'Deny') propose(record, 'falsify');
  }
  return [...entries.values()];
}

/** Every policy a trace record of this request can name, by id. */
function policiesOf(world: CompiledWorld, request: AuthzRequest, extraPolicies: readonly CompiledPolicy[]): Map<string, CompiledPolicy> {
  const byId = new Map<string, CompiledPolicy>();
  const add = (policy: CompiledPolicy | undefined) => {
    if (policy) byId.set(policy.id, policy);
  };
  const principal = world.principal(request.principalArn);
  principal.identityPolicies.forEach(add);
  add(principal.boundary);
  const role = world.role(request.resource);
  if (role) add(world.trustPolicyFor(role));
  add(world.resourcePolicyFor(request.resource));
  extraPolicies.forEach(add);
  return byId;
}

function clausesOf(policies: ReadonlyMap<string, CompiledPolicy>, record: MatchedStatement, world?: CompiledWorld): readonly ConditionClause[] {
  const policy = policies.get(record.policyId) ?? world?.orgPolicies.get(record.policyId);
  return policy?.document.statements[record.statementIndex]?.conditionClauses ?? [];
}

/** The condition clauses of the statement a trace record names, looked up among the world's policies for the request. */
export function statementClauses(world: CompiledWorld, request: AuthzRequest, record: MatchedStatement): readonly ConditionClause[] {
  return clausesOf(policiesOf(world, request, []), record, world);
}
