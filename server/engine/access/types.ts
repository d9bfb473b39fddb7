// The access graph's data model: who (a principal of the design, an account or principal outside it, an AWS
// service, an identity provider) can assume which role, under which conditions. Plain data, safe to serialise.

import type { ContextEntry, EvaluationResult, MatchedStatement } from '../types';

/**
 * What a node of the access graph is:
 * - user, role: IAM principals the design describes (a role acts through its sessions);
 * - external-account: "any principal of account X that its own IAM policies allow", for an account the design names
 *   in a trust policy but does not describe;
 * - external-principal: a role or user the design names in another account it does not describe;
 * - anyone: any AWS principal of any account ("Principal": "*");
 * - service: an AWS service principal ("ec2.amazonaws.com");
 * - federated: a SAML or OIDC identity provider (IAM Identity Center roles trust the account's SAML provider);
 * - identity-center-user, identity-center-group: users and groups of the IAM Identity Center identity store;
 * - permission-set: an IAM Identity Center permission set as provisioned to one account (it leads to the role there).
 */
export type AccessNodeKind =
  | 'user' | 'role' | 'external-account' | 'external-principal' | 'anyone' | 'service' | 'federated'
  | 'identity-center-user' | 'identity-center-group' | 'permission-set';

/** One node of the access graph. */
export interface AccessNode {
  /** Stable id: the principal ARN for IAM principals and stand-ins, "service:NAME" or "federated:VALUE" otherwise. */
  id: string;
  /** What it is. */
  kind: AccessNodeKind;
  /** Display name (role or user name, account id, service name). */
  name: string;
  /** The owning account, when there is one. */
  accountId?: string;
  /** True when the owning account is a member of the organization (the zone of trust). */
  inOrganization: boolean;
  /** For IAM principals: the ARN used as aws:PrincipalArn (roles with their path). */
  arn?: string;
}

/** The purpose a condition serves on an edge. */
export type EdgeConditionKind =
  | 'externalId' | 'mfa' | 'mfaAge' | 'organization' | 'sourceIdentity' | 'sessionTags' | 'sessionName' | 'source' | 'other';

/** A condition an edge needs, read from what the engine found undecided (or, for organization keys, decided). */
export interface EdgeCondition {
  /** Why the condition is there. */
  kind: EdgeConditionKind;
  /** The condition key as written in the policy ("Principal" for sessionName: the Principal element names the session). */
  key: string;
  /** For undecided keys: the values the engine supplied to make the request succeed; for decided ones the policy's values. */
  values: string[];
  /** True when the request must supply the key (the engine found it undecided); false when AWS derives it. */
  mustSupply: boolean;
}

/** A trust-policy statement an edge rests on. */
export interface EdgeStatement {
  /** Policy id (the trust policy of the role: "ROLE-ARN/trust-policy"). */
  policyId: string;
  /** Zero-based statement index. */
  statementIndex: number;
  /** Sid, when present. */
  sid?: string;
}

/** "from can assume to": one edge of the access graph. */
export interface AssumeEdge {
  /** Stable id: "FROM -> TO". */
  id: string;
  /** Source node id. */
  from: string;
  /** The role ARN assumed. */
  to: string;
  /**
   * The STS action the edge uses; for IAM Identity Center's own hops, what links them: a group membership
   * (identitystore:GroupMembership) or an account assignment (sso:AccountAssignment).
   */
  action: 'sts:AssumeRole' | 'sts:AssumeRoleWithSAML' | 'sts:AssumeRoleWithWebIdentity' | 'identitystore:GroupMembership' | 'sso:AccountAssignment';
  /** allowed: the engine allows it with no extra context; conditional: only with the context in `conditions`. */
  decision: 'allowed' | 'conditional';
  /** The conditions the edge needs (empty for a plain allow). */
  conditions: EdgeCondition[];
  /** The context the engine supplied for a conditional edge (replayed to show its trace). */
  suppliedContext: ContextEntry[];
  /** The Allow statements of the role's trust policy that matched. */
  trustStatements: EdgeStatement[];
  /** True when the source is a role session: the new session is role chaining (one hour at most). */
  chained: boolean;
  /** The longest session the edge can give, in seconds (3,600 when chained; the role's MaxSessionDuration otherwise). */
  maxSessionSeconds: number;
  /** False for service and federated edges, which the trust policy alone decides (no IAM identity to evaluate). */
  evaluated: boolean;
  /**
   * For a trust policy that names one session of the source role (arn:aws:sts::ACCOUNT:assumed-role/ROLE/NAME): the
   * session name the source's session must have. The edge is evaluated, and replayed, as that session.
   */
  callerSessionName?: string;
}

/** One hop of a path, with the chaining limits that apply to the session it creates. */
export interface PathHop {
  /** The edge taken. */
  edge: AssumeEdge;
  /** 1 for the first hop. */
  hop: number;
  /** Longest session after this hop, in seconds: a chained hop (source is a role session) gives one hour at most. */
  maxSessionSeconds: number;
  /** Session tags set at earlier hops that can be transitive and so carried into this session (sts:TransitiveTagKeys). */
  transitiveTagKeys: string[];
}

/** A path through the graph: the hops in order, from the first principal to the last role. */
export interface AccessPath {
  /** The principal at the start. */
  from: string;
  /** The role at the end. */
  to: string;
  /** The hops; empty when the principal acts directly. */
  hops: PathHop[];
  /** Number of hops. */
  hopCount: number;
  /** True when some hop is conditional. */
  conditional: boolean;
}

/** The answer to "who can do action A on resource R" for one principal. */
export interface WhoCanAnswer {
  /** The principal at the start of the path. */
  principal: string;
  /** The principal that makes the final request (the start itself, or the last role of the path). */
  actingPrincipal: string;
  /** allowed, or conditional when the last request or some hop needs context the caller must supply. */
  decision: 'allowed' | 'conditional';
  /** The path from `principal` to `actingPrincipal`. */
  path: AccessPath;
  /** The engine's result for the last hop (the request itself, made by the acting principal). */
  lastHop: EvaluationResult;
  /** The context supplied for a conditional last request. */
  suppliedContext: ContextEntry[];
  /**
   * When the resource's policy lets in one session of the acting role by name (arn:aws:sts::A:assumed-role/ROLE/NAME):
   * that name. The last request is made, and traced, by that session; the answer is conditional on it.
   */
  callerSessionName?: string;
}

/** The matched trust statement and trace of an edge, for the UI's edge panel. */
export interface EdgeExplanation {
  /** The edge. */
  edge: AssumeEdge;
  /** The engine's result for the assumption, with the supplied context. */
  result?: EvaluationResult;
  /** The trust policy's statements that matched, as trace records. */
  statements: MatchedStatement[];
}
