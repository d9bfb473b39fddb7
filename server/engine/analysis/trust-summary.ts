// Who can assume a role, read from its trust policy: each Allow (and Deny) statement's principals, classified
// (an account, a role, a user, an AWS service, a federated identity provider, anyone), and the conditions that
// guard the assumption called out by purpose: ExternalId (the confused-deputy defence for third parties,
// id_roles_create_for-user_externalid.html), MFA (aws:MultiFactorAuthPresent / Age), organization membership
// (aws:PrincipalOrgID / PrincipalOrgPaths) and the calling service's source (aws:SourceAccount / SourceArn,
// confused-deputy.html). Naming an account ("arn:aws:iam::111122223333:root" or "111122223333") trusts the account
// and delegates to its IAM policies (id_roles_terms-and-concepts.html).
import { parsePolicy } from '../policy/parse';
import { parseSessionArn } from '../world/principals';
import type { ConditionClause, Effect, Finding, PolicySource, PrincipalBlock, Statement } from '../types';

/** What a trusted principal is. */
export type TrustedPrincipalKind =
  | 'anyone' | 'account' | 'role' | 'assumed-role' | 'user' | 'service' | 'federated' | 'canonical-user' | 'unique-id' | 'other';

/** One principal named by a trust policy statement. */
export interface TrustedPrincipal {
  /** The principal type key ("AWS", "Service", ...), or "*" for the bare wildcard. */
  type: string;
  /** The value as written. */
  value: string;
  /** What it is. */
  kind: TrustedPrincipalKind;
  /** The 12-digit account the principal belongs to, when the value names one. */
  accountId?: string;
  /** A sentence for people, e.g. "any principal in account 111122223333 that its IAM policies allow". */
  description: string;
}

/** The purpose a condition serves in a trust policy. */
export type TrustGuardKind = 'external-id' | 'mfa' | 'organization' | 'source' | 'other';

/** A condition clause of a trust statement, classified. */
export interface TrustGuard {
  /** Why the condition is there. */
  kind: TrustGuardKind;
  /** Operator as written. */
  operator: string;
  /** Key as written. */
  key: string;
  /** Values. */
  values: string[];
}

/** One statement of a trust policy as people read it. */
export interface TrustStatement {
  /** Zero-based statement index. */
  statementIndex: number;
  /** The Sid, when present. */
  sid?: string;
  /** Allow grants the assumption; Deny takes it away. */
  effect: Effect;
  /** The actions (or, with `notAction`, the actions excluded). */
  actions: string[];
  /** True when the statement used NotAction. */
  notAction: boolean;
  /** The principals named. */
  principals: TrustedPrincipal[];
  /** True when the statement used NotPrincipal (it applies to everyone except the principals listed). */
  notPrincipal: boolean;
  /** Its conditions, classified. */
  guards: TrustGuard[];
  /** True for an Allow to anyone ("*") with no condition: any AWS principal could assume the role. */
  openToAnyone: boolean;
}

/** A role's trust policy summarised: who can assume it and under which conditions. */
export interface TrustSummary {
  /** False when the document has a grammar error (the statements are then empty). */
  valid: boolean;
  /** The parser's findings (errors when invalid). */
  findings: Finding[];
  /** Every statement, in document order. */
  statements: TrustStatement[];
}

const ACCOUNT_ID = /^\d{12}$/;
const IAM_ARN = /^arn:[^:]+:iam::(\d{12}|aws):(root|role\/.+|user\/.+|federated-user\/.+)$/;
const UNIQUE_ID = /^A[A-Z]{3}[A-Z0-9]{12,}$/;

const GUARD_KEYS: Readonly<Record<string, TrustGuardKind>> = {
  'sts:externalid': 'external-id',
  'aws:multifactorauthpresent': 'mfa',
  'aws:multifactorauthage': 'mfa',
  'aws:principalorgid': 'organization',
  'aws:principalorgpaths': 'organization',
  'aws:sourceorgid': 'organization',
  'aws:sourceorgpaths': 'organization',
  'aws:sourceaccount': 'source',
  'aws:sourcearn': 'source',
};

/** Summarise a role trust policy: who may assume the role and which conditions guard it. Never throws. */
export function summarizeTrust(trustPolicy: PolicySource): TrustSummary {
  const { document, findings } = parsePolicy(trustPolicy);
  if (!document) return { valid: false, findings, statements: [] };
  return { valid: true, findings, statements: document.statements.map(summarizeStatement) };
}

function summarizeStatement(statement: Statement): TrustStatement {
  const block = statement.principal ?? statement.notPrincipal;
  const principals = block ? principalsOf(block) : [];
  const guards = statement.conditions.map(classifyCondition);
  return {
    statementIndex: statement.index,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    effect: statement.effect,
    actions: statement.action ?? statement.notAction ?? [],
    notAction: statement.notAction !== undefined,
    principals,
    notPrincipal: statement.notPrincipal !== undefined,
    guards,
    openToAnyone: statement.effect === 'Allow' && statement.notPrincipal === undefined && guards.length === 0 &&
      principals.some((p) => p.kind === 'anyone'),
  };
}

function principalsOf(block: PrincipalBlock): TrustedPrincipal[] {
  if (block === '*') return [describePrincipal('*', '*')];
  return Object.entries(block).flatMap(([type, values]) => (values ?? []).map((value) => describePrincipal(type, value)));
}

/** Classify one principal value of a type. */
export function describePrincipal(type: string, value: string): TrustedPrincipal {
  if (value === '*') return { type, value, kind: 'anyone', description: 'anyone: every AWS principal, in any account' };
  if (type === 'Service') return { type, value, kind: 'service', description: `the AWS service ${value}` };
  if (type === 'Federated') return { type, value, kind: 'federated', description: `users signed in through the identity provider ${value}` };
  if (type === 'CanonicalUser') return { type, value, kind: 'canonical-user', description: `the canonical user ${value}` };
  if (ACCOUNT_ID.test(value)) return accountPrincipal(type, value, value);
  const iam = IAM_ARN.exec(value);
  if (iam) {
    const [, accountId, resource] = iam;
    if (resource === 'root') return accountPrincipal(type, value, accountId);
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    if (resource.startsWith('role/')) return { type, value, kind: 'role', accountId, description: `the role ${name} in account ${accountId}` };
    if (resource.startsWith('user/')) return { type, value, kind: 'user', accountId, description: `the IAM user ${name} in account ${accountId}` };
    return { type, value, kind: 'other', accountId, description: `the federated user ${name} in account ${accountId}` };
  }
  const sts = parseSessionArn(value);
  // Only a session of that name matches (reference_policies_elements_principal.html#principal-role-session).
  if (sts) return { type, value, kind: 'assumed-role', accountId: sts.accountId, description: `the session named ${sts.sessionName} of the role ${sts.roleName} in account ${sts.accountId}` };
  if (UNIQUE_ID.test(value)) {
    return { type, value, kind: 'unique-id', description: `a deleted user or role (IAM shows its unique id ${value} instead of its ARN)` };
  }
  return { type, value, kind: 'other', description: value };
}

function accountPrincipal(type: string, value: string, accountId: string): TrustedPrincipal {
  return {
    type, value, kind: 'account', accountId,
    description: `any principal in account ${accountId} that its own IAM policies allow to assume the role`,
  };
}

function classifyCondition(clause: ConditionClause): TrustGuard {
  return {
    kind: GUARD_KEYS[clause.key.toLowerCase()] ?? 'other',
    operator: clause.operator,
    key: clause.key,
    values: clause.values,
  };
}
