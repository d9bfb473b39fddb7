// Run a set of compiled policies against one request: which statements match, whether any Allow / Deny
// matched, and (for resource-side policies) how the best matching Allow names the caller.

import type { MatchedStatement, RequestContext } from '../types';
import type { GrantKind, PrincipalIdentity } from '../world/compiled-types';
import type { PolicySet } from '../world/policy-set';

/** The request, prepared once for all layers. */
export interface PreparedRequest {
  /** Lower-cased service prefix of the action. */
  service: string;
  /** Lower-cased action. */
  actionLower: string;
  /** Resource ARN or "*". */
  resource: string;
  /** The request context. */
  context: RequestContext;
  /** The caller's identities for Principal matching. */
  identity: PrincipalIdentity;
  /** Condition keys read by matching statements but absent from the context (created when the first one is found). */
  missingContextKeys?: Set<string>;
}

/** What a set of policies concluded for a request. */
export interface PoliciesVerdict {
  /** A matching Allow statement exists. */
  allow: boolean;
  /** A matching Deny statement exists. */
  deny: boolean;
  /** For policies with Principal elements: the strongest way a matching Allow names the caller. */
  grant?: GrantKind;
  /** Matching statements, allows and denies, in policy then document order. */
  matched: MatchedStatement[];
  /** True when a statement whose conditions were evaluated took part. */
  conditionDependent: boolean;
  /** Statements that applied but whose Condition did not hold; undefined when none. */
  conditionNotMet?: MatchedStatement[];
}

const GRANT_RANK: Record<GrantKind, number> = { account: 1, role: 2, direct: 3 };
const NO_MATCHES: MatchedStatement[] = [];

/** A fresh verdict object to pass to evaluatePolicies as `into`. */
export function newVerdict(): PoliciesVerdict {
  return { allow: false, deny: false, grant: undefined, matched: [], conditionDependent: false, conditionNotMet: undefined };
}

/**
 * Evaluate a group of policies against the request. Statements come from the group's per-action cache.
 * `into` lets a caller that evaluates many groups in a row (SCP levels) reuse one verdict object.
 */
export function evaluatePolicies(set: PolicySet, request: PreparedRequest, into: PoliciesVerdict = newVerdict()): PoliciesVerdict {
  const slice = set.sliceFor(request.actionLower, request.service);
  // Statements that match on the action alone contribute the same outcome to every request: start from it.
  const fixed = slice.fixed;
  let allow = fixed.allow;
  let deny = fixed.deny;
  let grant: GrantKind | undefined = fixed.grant;
  let matched = fixed.records.length === 0 ? NO_MATCHES : fixed.records.slice();
  let conditionDependent = false;
  let conditionNotMet: MatchedStatement[] | undefined;
  const refs = slice.refs;
  for (let i = 0; i < refs.length; i++) {
    const { statement, record } = refs[i];
    let statementGrant: GrantKind | undefined;
    if (statement.matchesPrincipal !== undefined) {
      statementGrant = statement.matchesPrincipal(request.identity);
      if (statementGrant === undefined) continue;
    }
    if (!statement.matchesResource(request.resource, request.context)) continue;
    if (statement.condition !== undefined) {
      conditionDependent = true;
      const keys = statement.conditionKeys;
      for (let k = 0; k < keys.length; k++) {
        if (!request.context.has(keys[k])) (request.missingContextKeys ??= new Set()).add(statement.conditionKeysAsWritten[k]);
      }
      if (!statement.condition(request.context)) {
        (conditionNotMet ??= []).push(record);
        continue;
      }
    }
    if (matched === NO_MATCHES) matched = [];
    matched.push(record);
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
  into.matched = matched === NO_MATCHES ? [] : matched;
  into.conditionDependent = conditionDependent;
  into.conditionNotMet = conditionNotMet;
  return into;
}
