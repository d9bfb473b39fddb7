// Run a set of compiled policies against one request: which statements match, whether any Allow / Deny
// matched, and (for resource-side policies) how the best matching Allow names the caller.

import type { MatchedStatement, RequestContext } from '../types';
import type { CompiledPolicy, GrantKind, PrincipalIdentity } from '../world/compiled-types';

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
  /** Condition keys read by matching statements but absent from the context (filled as layers run). */
  missingContextKeys: Set<string>;
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
}

const GRANT_RANK: Record<GrantKind, number> = { account: 1, role: 2, direct: 3 };

/** Evaluate policies against the request. Statements are looked up by the action's service prefix only. */
export function evaluatePolicies(policies: readonly CompiledPolicy[], request: PreparedRequest): PoliciesVerdict {
  const verdict: PoliciesVerdict = { allow: false, deny: false, matched: [], conditionDependent: false };
  for (const policy of policies) {
    const statements = policy.document.statementsForService(request.service);
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i];
      if (!statement.matchesAction(request.actionLower)) continue;
      let grant: GrantKind | undefined;
      if (statement.matchesPrincipal) {
        grant = statement.matchesPrincipal(request.identity);
        if (grant === undefined) continue;
      }
      if (!statement.matchesResource(request.resource, request.context)) continue;
      if (statement.condition) {
        verdict.conditionDependent = true;
        const keys = statement.conditionKeys;
        for (let k = 0; k < keys.length; k++) {
          if (!request.context.has(keys[k])) request.missingContextKeys.add(statement.conditionKeysAsWritten[k]);
        }
        if (!statement.condition(request.context)) continue;
      }
      verdict.matched.push({
        policyId: policy.id,
        policyName: policy.name,
        statementIndex: statement.index,
        ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
        effect: statement.effect,
      });
      if (statement.effect === 'Deny') {
        verdict.deny = true;
      } else {
        verdict.allow = true;
        if (grant !== undefined && (verdict.grant === undefined || GRANT_RANK[grant] > GRANT_RANK[verdict.grant])) verdict.grant = grant;
      }
    }
  }
  return verdict;
}
