// Shapes of compiled policies: every element turned into a matcher once, so evaluation never parses JSON or
// builds a regular expression. A compiled document is shared between worlds when its text is unchanged.

import type { ConditionClause, Effect, Finding, MatchedStatement, PolicyKind, RequestContext } from '../types';

/**
 * How a resource-side Allow names the caller, which decides whether it may stand alone (see the reasons rule in
 * test/fixtures/engine/README.md and access_policies_boundaries.html):
 * - direct: names the user ARN, the role-session ARN, or "*" (not capped by boundaries or session policies);
 * - role: names the role ARN of the caller's session (capped by the boundary and session policy);
 * - account: names the caller's account, which only delegates to that account's IAM policies.
 */
export type GrantKind = 'direct' | 'role' | 'account';

/** The identities a caller presents to Principal / NotPrincipal matching. */
export interface PrincipalIdentity {
  /** The caller's account id. */
  accountId: string;
  /** The IAM user ARN, for users. */
  userArn?: string;
  /** The role ARN, for role sessions. */
  roleArn?: string;
  /** The assumed-role session ARN, for role sessions. */
  sessionArn?: string;
  /** The unique id of the user (AIDA...) or role (AROA...), which policies show in place of a deleted principal's ARN. */
  uniqueId?: string;
  /** True when the user or role has a permissions boundary (NotPrincipal in a Deny then never exempts it). */
  hasPermissionsBoundary?: boolean;
  /** The service principal's name, for an AWS service calling (accountId is then empty). */
  servicePrincipal?: string;
}

/** Principal / NotPrincipal matcher: the grant kind when the statement applies to the caller, else undefined. */
export type PrincipalMatcher = (identity: PrincipalIdentity) => GrantKind | undefined;

/** A statement with every element compiled. */
export interface CompiledStatement {
  /** Position in the Statement array. */
  index: number;
  /** Sid, when present. */
  sid?: string;
  /** Effect. */
  effect: Effect;
  /** Where the statement starts in the policy text, when known. */
  position?: { line: number; column: number };
  /** True when the action (already lower-cased) is covered by Action / NotAction. */
  matchesAction: (actionLower: string) => boolean;
  /** True when the resource is covered by Resource / NotResource (policy variables resolved from ctx). */
  matchesResource: (resource: string, context: RequestContext) => boolean;
  /** Principal / NotPrincipal matcher; undefined when the statement has neither (identity-based policies, SCPs). */
  matchesPrincipal?: PrincipalMatcher;
  /** The Condition block; undefined when the statement has none. */
  condition?: (context: RequestContext) => boolean;
  /** True when the statement covers every resource (Resource "*") and every caller (no Principal, or "*"): its match depends on the action alone. */
  actionOnly: boolean;
  /**
   * What `matchesResource` answers for every resource, when that does not depend on the resource (no Resource or
   * NotResource, "*" in Resource, "*" in NotResource); undefined when it does. Lets callers share work across resources.
   */
  fixedResourceMatch?: boolean;
  /** The Condition clauses as parsed, for explanations (evaluation uses `condition`). */
  conditionClauses: readonly ConditionClause[];
  /** The Version of the document the statement belongs to (policy variables need 2012-10-17). */
  policyVersion?: string;
  /** Lower-cased keys the Condition reads (clause keys, then policy variables in its values), for MissingContextValues. */
  conditionKeys: readonly string[];
  /** The same keys as written, for reporting. */
  conditionKeysAsWritten: readonly string[];
  /**
   * Which evaluations of `condition` read every key of `conditionKeys` (so that no absent read means every key is
   * present): 'always' (one key, read first), 'when-holds' (every clause is evaluated when the block holds, and no
   * policy variable adds a key), or undefined (a key may go unread).
   */
  conditionReadsEveryKey?: 'always' | 'when-holds';
  /** Lower-cased keys of the policy variables in Resource / NotResource; absent when there are none. */
  resourceVariableKeys?: readonly string[];
  /** The same keys as written, for reporting. */
  resourceVariableKeysAsWritten?: readonly string[];
}

/** A compiled policy document, shared between worlds and between policies with the same text. */
export interface CompiledDocument {
  /** The kind it was compiled as. */
  kind: PolicyKind;
  /** Statements in document order; empty when the document could not be parsed. */
  statements: readonly CompiledStatement[];
  /** Parse findings (errors mean AWS would have rejected the document: it then contributes no statements). */
  findings: readonly Finding[];
  /** Statements that can match an action of the given lower-cased service prefix, in document order. */
  statementsForService: (serviceLower: string) => readonly CompiledStatement[];
  /** Statements whose Action / NotAction covers the lower-cased action, in document order. Cached per action. */
  statementsForAction: (actionLower: string, serviceLower: string) => readonly CompiledStatement[];
}

/** A named policy in the world pointing at its compiled document. */
export interface CompiledPolicy {
  /** Policy id (SCP id, managed policy ARN, "user/NAME/inline/POLICY", resource ARN, ...). */
  id: string;
  /** Display name. */
  name: string;
  /** The compiled document. */
  document: CompiledDocument;
  /** One frozen trace record per statement (by statement index), shared by every result that cites it. */
  records: readonly MatchedStatement[];
}
