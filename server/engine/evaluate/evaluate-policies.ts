// Run a set of compiled policies against one request: which statements match, whether any Allow / Deny
// matched, and (for resource-side policies) how the best matching Allow names the caller.

import type { MatchedStatement, RequestContext } from '../types';
import type { LayeredContext } from '../world/request-context';
import type { CompiledStatement, GrantKind, PrincipalIdentity } from '../world/compiled-types';
import type { PolicySet } from '../world/policy-set';

/** The request, prepared once for all layers. */
export interface PreparedRequest {
  /** Lower-cased service prefix of the action. */
  service: string;
  /** Lower-cased action. */
  actionLower: string;
  /** Resource ARN or "*". */
  resource: string;
  /** The request context (it counts the reads that found no entry). */
  context: LayeredContext;
  /** The caller's identities for Principal matching. */
  identity: PrincipalIdentity;
  /**
   * Statements whose outcome may hang on a key the context lacks (created when the first one is found); the
   * condition-dependence analysis decides afterwards, off the hot path, whether any of them can change the decision.
   */
  undecided?: UndecidedStatement[];
}

/**
 * A statement that covered the request's action (and principal) and either read a condition key absent from the
 * context, or missed the resource while its Resource holds a policy variable.
 */
export interface UndecidedStatement {
  /** The group it was evaluated in. */
  set: PolicySet;
  /** The statement. */
  statement: CompiledStatement;
  /** Its trace record (one per named policy and statement: the same statement everywhere it is evaluated). */
  record: MatchedStatement;
  /** For a resource-side Allow: how it names the caller. */
  grant?: GrantKind;
  /** Whether it applied with the context as given. */
  holds: boolean;
  /** True when the Resource did not match and names policy variables (the condition was not evaluated). */
  viaResource: boolean;
}

/** What a set of policies concluded for a request. */
export interface PoliciesVerdict {
  /** A matching Allow statement exists. */
  allow: boolean;
  /** A matching Deny statement exists. */
  deny: boolean;
  /** For policies with Principal elements: the strongest way a matching Allow names the caller. */
  grant?: GrantKind;
  /** Matching statements, allows and denies, in policy then document order (frozen when shared between requests). */
  matched: MatchedStatement[];
  /** Statements that applied but whose Condition did not hold; undefined when none. */
  conditionNotMet?: MatchedStatement[];
}

const GRANT_RANK: Record<GrantKind, number> = { account: 1, role: 2, direct: 3 };
const NO_MATCHES: readonly MatchedStatement[] = Object.freeze([]);

/** A fresh verdict object to pass to evaluatePolicies as `into`. */
export function newVerdict(): PoliciesVerdict {
  return { allow: false, deny: false, grant: undefined, matched: [], conditionNotMet: undefined };
}

/**
 * Evaluate a group of policies against the request. Statements come from the group's per-action cache.
 * `into` lets a caller that evaluates many groups in a row (SCP levels) reuse one verdict object. With `without`,
 * those statements are left out and nothing is noted as undecided (the condition-dependence analysis asks this way
 * what a group concludes from its settled statements alone).
 */
export function evaluatePolicies(set: PolicySet, request: PreparedRequest, into: PoliciesVerdict = newVerdict(), without?: ReadonlySet<MatchedStatement>): PoliciesVerdict {
  const slice = set.sliceFor(request.actionLower, request.service);
  // Statements that match on the action alone contribute the same outcome to every request: start from it.
  const fixed = slice.fixed;
  let allow = fixed.allow;
  let deny = fixed.deny;
  let grant: GrantKind | undefined = fixed.grant;
  // Copy-on-write: most levels only match their FullAWSAccess-style statements, so the trace shares that frozen list
  // (and the frozen empty one) until this request adds a match of its own. Saves an array per level per decision.
  let matched: readonly MatchedStatement[] = fixed.records.length === 0 ? NO_MATCHES : fixed.records;
  let ownsMatched = false;
  // Copy-on-write as well: usually one statement at most misses its condition, and shares its one-record list.
  let conditionNotMet: readonly MatchedStatement[] | undefined;
  let ownsConditionNotMet = false;
  const refs = slice.refs;
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i];
    const { statement, record } = ref;
    let statementGrant: GrantKind | undefined;
    if (statement.matchesPrincipal !== undefined) {
      statementGrant = statement.matchesPrincipal(request.identity);
      if (statementGrant === undefined) continue;
    }
    if (!statement.matchesResource(request.resource, request.context)) {
      // A policy variable with no value matches nothing: supplying its key might make the statement apply.
      if (statement.resourceVariableKeys !== undefined && without === undefined && readsAbsentKey(statement.resourceVariableKeys, request.context)) {
        (request.undecided ??= []).push({ set, statement, record, grant: statementGrant, holds: false, viaResource: true });
      }
      continue;
    }
    if (statement.condition !== undefined) {
      const context = request.context;
      const absentBefore = context.absentReads;
      const holds = statement.condition(context);
      // An absent read shows an absent key; without one, the keys the block may have left unread are checked.
      const readsEvery = statement.conditionReadsEveryKey;
      if (context.absentReads !== absentBefore
        || (readsEvery !== 'always' && (readsEvery !== 'when-holds' || !holds) && readsAbsentKey(statement.conditionKeys, context))) {
        if (without !== undefined) {
          if (without.has(record)) continue;
        } else {
          (request.undecided ??= []).push({ set, statement, record, grant: statementGrant, holds, viaResource: false });
        }
      }
      if (!holds) {
        if (conditionNotMet === undefined) {
          conditionNotMet = ref.alone;
        } else {
          if (!ownsConditionNotMet) {
            conditionNotMet = copyOf(conditionNotMet);
            ownsConditionNotMet = true;
          }
          (conditionNotMet as MatchedStatement[]).push(record);
        }
        continue;
      }
    }
    if (ownsMatched) {
      (matched as MatchedStatement[]).push(record);
    } else if (matched.length === 0) {
      matched = ref.alone;
    } else {
      matched = copyOf(matched);
      (matched as MatchedStatement[]).push(record);
      ownsMatched = true;
    }
    if (statement.effect === 'Deny') {
      deny = true;
    } else {
      allow = true;
      if (statementGrant !== undefined && (grant === undefined || GRANT_RANK[statementGrant] > GRANT_RANK[grant])) grant = statementGrant;
    }
  }
  into.allow = allow;
  into.deny = deny;
  into.grant = grant;
  // Shared lists are frozen: a consumer that tried to change one would fail loudly instead of corrupting the cache.
  into.matched = matched as MatchedStatement[];
  into.conditionNotMet = conditionNotMet as MatchedStatement[] | undefined;
  return into;
}

/** A fresh array with the same items: slice() of a frozen array takes V8's slow path. */
function copyOf(list: readonly MatchedStatement[]): MatchedStatement[] {
  const copy: MatchedStatement[] = [];
  for (let i = 0; i < list.length; i++) copy.push(list[i]);
  return copy;
}

function readsAbsentKey(keys: readonly string[], context: RequestContext): boolean {
  for (let k = 0; k < keys.length; k++) if (!context.has(keys[k])) return true;
  return false;
}
