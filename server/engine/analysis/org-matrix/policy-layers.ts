// One SCP or RCP as bitsets over the action index. Each statement's Action / NotAction becomes a bitset once (NotAction
// is the complement); its reach (statement-reach.ts: always, never, only for some principals, or only under a
// request condition or on some resources) is worked out once for actions that take resources and once for those
// that do not, and the statement lands in one of the layers below. Statements that stay partial keep their keys
// and exemption patterns, so a cell can say what it depends on.

import { parsePolicy } from '../../policy/parse';
import type { PolicySource, RequestContext, Statement } from '../../types';
import type { CompiledDocument, CompiledStatement } from '../../world/compiled-types';
import type { CompiledOrgPolicy } from '../../world/compile-world';
import { statementReach, type ReachOptions, type StatementReach } from '../statement-reach';
import type { ActionIndex } from './action-index';
import { and, emptyBits, hasBit, isEmpty, setRange, union, type Bitset, type MaybeBits } from './bitset';

/**
 * How a statement applies to the actions it covers: to every request (`always`); only to some principals but to
 * those its values do not describe too (`principalAll`, e.g. a Deny unless aws:PrincipalArn is BreakGlass); only to
 * the principals its values describe (`principalSome`); or under request conditions / on some resources (`partial`).
 */
export type StatementScope = 'always' | 'principalAll' | 'principalSome' | 'partial';

/** A statement's reach over a set of actions. */
export interface StatementLayer {
  /** Allow or Deny. */
  effect: 'Allow' | 'Deny';
  /** How it applies. */
  scope: StatementScope;
  /** The actions it applies to with this scope. */
  bits: Bitset;
  /** The compiled statement (its index, Sid). */
  statement: CompiledStatement;
  /** The reach, for the keys and principal clauses a cell reports. */
  reach: StatementReach;
}

/** The unions a level needs from one policy (or a whole level: the union of its policies'). */
export interface PolicyBits {
  /** Deny statements that apply to every request. */
  deny: MaybeBits;
  /** Deny statements that apply under request conditions or on some resources. */
  partialDeny: MaybeBits;
  /** Deny statements on principal keys that also deny principals their values do not describe. */
  principalDenyOthers: MaybeBits;
  /** Every Deny statement on principal keys only. */
  principalDenyAny: MaybeBits;
  /** Allow statements that apply to every principal of the account. */
  allowEveryone: MaybeBits;
  /** Allow statements that apply under request conditions or on some resources. */
  partialAllow: MaybeBits;
  /** Allow statements that apply only to the principals their values describe. */
  principalAllow: MaybeBits;
}

/** A compiled policy's statement layers and unions. */
export interface PolicyLayers extends PolicyBits {
  /** The policy. */
  policy: CompiledOrgPolicy;
  /** Statement layers in document order (a statement may have two: for actions with and without resources). */
  layers: StatementLayer[];
}

const parsedStatements = new WeakMap<CompiledDocument, readonly Statement[]>();

/** The statements as parsed (the compiled form keeps matchers only; the reach needs Resource lists and values). */
function sourcesOf(policy: CompiledOrgPolicy, source: PolicySource): readonly Statement[] {
  let parsed = parsedStatements.get(policy.document);
  if (!parsed) {
    parsed = parsePolicy(source).document?.statements ?? [];
    parsedStatements.set(policy.document, parsed);
  }
  return parsed;
}

/** Empty unions (every set empty). */
export function emptyPolicyBits(): PolicyBits {
  return {
    deny: undefined, partialDeny: undefined, principalDenyOthers: undefined, principalDenyAny: undefined,
    allowEveryone: undefined, partialAllow: undefined, principalAllow: undefined,
  };
}

/** Adds `source`'s unions into `target` (replacing target's sets; shared bitsets are never modified). */
export function addPolicyBits(target: PolicyBits, source: PolicyBits): void {
  target.deny = union(target.deny, source.deny);
  target.partialDeny = union(target.partialDeny, source.partialDeny);
  target.principalDenyOthers = union(target.principalDenyOthers, source.principalDenyOthers);
  target.principalDenyAny = union(target.principalDenyAny, source.principalDenyAny);
  target.allowEveryone = union(target.allowEveryone, source.allowEveryone);
  target.partialAllow = union(target.partialAllow, source.partialAllow);
  target.principalAllow = union(target.principalAllow, source.principalAllow);
}

/**
 * Compiles a policy into statement layers under the given context (its document source as stored in the world).
 * `context` holds what every principal of the account shares (see org-matrix.ts); conditions on principal keys
 * become principal scopes.
 */
export function compilePolicyLayers(policy: CompiledOrgPolicy, documentSource: PolicySource, index: ActionIndex, context: RequestContext): PolicyLayers {
  const result: PolicyLayers = { policy, layers: [], ...emptyPolicyBits() };
  const compiledStatements = policy.document.statements;
  if (compiledStatements.length === 0) return result;
  const sources = sourcesOf(policy, documentSource);
  compiledStatements.forEach((statement, i) => {
    const source = sources[i];
    const covered = source.action !== undefined
      ? index.listBits(source.action)
      : source.notAction !== undefined ? index.notListBits(source.notAction) : undefined;
    if (covered === undefined || isEmpty(covered)) return;
    const withResources = statementReach(statement, source, context, true);
    const withoutResources = statementReach(statement, source, context, false);
    if (readsServiceKeys(withResources) || readsServiceKeys(withoutResources)) {
      // A service's own key is absent from other services' requests: the reach is worked out per service.
      for (const { bits, options } of serviceGroups(statement, source, context, index, covered)) {
        addStatement(result, statement, statementReach(statement, source, context, true, options),
          statementReach(statement, source, context, false, options), bits, index);
      }
      return;
    }
    addStatement(result, statement, withResources, withoutResources, covered, index);
  });
  return result;
}

/** Adds a statement's layers over `bits`: one when its reach is the same with and without resources, else two. */
function addStatement(
  result: PolicyLayers, statement: CompiledStatement, withResources: StatementReach, withoutResources: StatementReach, bits: Bitset, index: ActionIndex,
): void {
  const sameScope = scopeOf(withResources) === scopeOf(withoutResources) && sameKeys(withResources, withoutResources);
  if (sameScope) {
    addLayer(result, statement, withResources, bits);
  } else {
    const split = index.splitByResources(bits);
    addLayer(result, statement, withResources, split.withResources);
    addLayer(result, statement, withoutResources, split.withoutResources);
  }
}

/** True when an undecided key is a service's own (not aws:), which other services' requests never carry. */
function readsServiceKeys(reach: StatementReach): boolean {
  return reach.undecidedKeys?.some((key) => !key.toLowerCase().startsWith('aws:')) === true;
}

/**
 * The covered actions grouped by the keys still undecided for their service: services whose requests can carry the
 * same of the statement's keys share one group, so a statement on ram:AllowsExternalPrincipals under Action "*"
 * makes two groups (RAM, and every other service).
 */
function serviceGroups(
  statement: CompiledStatement, source: Statement, context: RequestContext, index: ActionIndex, covered: Bitset,
): { bits: Bitset; options: ReachOptions }[] {
  const groups = new Map<string, { bits: Bitset; options: ReachOptions }>();
  for (const range of index.services) {
    if (!rangeIntersects(covered, range.from, range.to)) continue;
    const options: ReachOptions = { anyPrincipal: true, service: range.service };
    const reach = statementReach(statement, source, context, true, options);
    const key = (reach.undecidedKeys ?? []).join('\n');
    let group = groups.get(key);
    if (!group) {
      group = { bits: emptyBits(index.size), options };
      groups.set(key, group);
    }
    setRange(group.bits, range.from, range.to);
  }
  return [...groups.values()].map(({ bits, options }) => ({ bits: and(bits, covered), options }));
}

function rangeIntersects(bits: Bitset, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (hasBit(bits, i)) return true;
  return false;
}

/** The reach as a scope, or undefined when the statement never applies. */
export function scopeOf(reach: StatementReach): StatementScope | undefined {
  if (reach.reach === 'never') return undefined;
  if (reach.reach === 'always') return 'always';
  const byPrincipalOnly = reach.principalClauses !== undefined && reach.undecidedKeys === undefined && !reach.resourceSpecific;
  if (!byPrincipalOnly) return 'partial';
  return reach.holdsForOtherPrincipals ? 'principalAll' : 'principalSome';
}

function sameKeys(a: StatementReach, b: StatementReach): boolean {
  return a.resourceSpecific === b.resourceSpecific && (a.undecidedKeys ?? []).join('\n') === (b.undecidedKeys ?? []).join('\n');
}

function addLayer(result: PolicyLayers, statement: CompiledStatement, reach: StatementReach, bits: Bitset): void {
  const scope = scopeOf(reach);
  if (scope === undefined || isEmpty(bits)) return;
  result.layers.push({ effect: statement.effect, scope, bits, statement, reach });
  if (statement.effect === 'Deny') {
    if (scope === 'always') result.deny = union(result.deny, bits);
    else if (scope === 'partial') result.partialDeny = union(result.partialDeny, bits);
    else {
      result.principalDenyAny = union(result.principalDenyAny, bits);
      if (scope === 'principalAll') result.principalDenyOthers = union(result.principalDenyOthers, bits);
    }
  } else if (scope === 'always' || scope === 'principalAll') {
    result.allowEveryone = union(result.allowEveryone, bits);
  } else if (scope === 'partial') {
    result.partialAllow = union(result.partialAllow, bits);
  } else {
    result.principalAllow = union(result.principalAllow, bits);
  }
}
