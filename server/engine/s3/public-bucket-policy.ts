// When Amazon S3 calls a bucket policy "public", as S3 Block Public Access reads it (Amazon S3 User Guide,
// access-control-block-public-access.html#access-control-block-public-access-policy-status, "The meaning of public"):
// S3 starts from "public" and calls the policy non-public only when every Allow statement grants to fixed values (no
// wildcard, no policy variable) of an AWS principal, user, role or service principal (e.g. aws:PrincipalOrgID), of a
// set of CIDRs in aws:SourceIp (no broader than /8 for IPv4 or /32 for IPv6), or of aws:SourceArn, aws:SourceVpc,
// aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, s3:x-amz-server-side-encryption-aws-kms-key-id, aws:userid
// (outside the pattern "AROLEID:*"), s3:DataAccessPointArn (whose access point name may be a wildcard when the account
// is fixed) or s3:DataAccessPointAccount. A Federated principal is public (the page's graph.facebook.com example).
//
// Read here as AWS's examples show: a statement is non-public when its Principal names fixed principals, or when one
// of its condition clauses pins one of those keys with an operator that needs the key present and equal to a value
// (StringEquals, StringLike or ArnLike without a wildcard, ArnEquals, IpAddress; ForAnyValue: allowed; not IfExists,
// ForAllValues: or a negated operator, which an absent key satisfies). "An AWS principal ... (e.g. aws:PrincipalOrgID)"
// is read as the keys that name the principal: aws:PrincipalOrgID, aws:PrincipalAccount and aws:PrincipalArn.

import { parseConditionOperator } from '../policy/condition-operators';
import { parseCidr } from '../match/ip';
import type { ConditionClause, PolicyDocument, Statement } from '../types';

/** Condition keys (lower-cased) that pin a statement to fixed callers or sources when given fixed values. */
const FIXING_KEYS: ReadonlySet<string> = new Set([
  'aws:principalorgid', 'aws:principalaccount', 'aws:principalarn',
  'aws:sourceip', 'aws:sourcearn', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceowner', 'aws:sourceaccount',
  's3:x-amz-server-side-encryption-aws-kms-key-id', 'aws:userid', 's3:dataaccesspointarn', 's3:dataaccesspointaccount',
]);

/** Operators that hold only when the key is present and equal to (or inside) one of the values. */
const PINNING_OPERATORS: ReadonlySet<string> = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike', 'IpAddress']);

/** The widest CIDR prefixes S3 still calls fixed: "/8 for IPv4 and /32 for IPv6". */
const WIDEST_PREFIX = { 4: 8, 6: 32 } as const;

/** Why a bucket policy is public: the Allow statements that are, by index and Sid. */
export interface PublicBucketPolicy {
  /** The public Allow statements, in document order. */
  statements: { index: number; sid?: string }[];
}

/** The statements that make a bucket policy public, or undefined when S3 would call it non-public. */
export function publicBucketPolicy(document: PolicyDocument): PublicBucketPolicy | undefined {
  const statements = document.statements.filter((statement) => statement.effect === 'Allow' && isPublicStatement(statement));
  if (statements.length === 0) return undefined;
  // An empty Sid ("Sid": "", as several of AWS's examples write it) names nothing.
  return { statements: statements.map((statement) => (statement.sid ? { index: statement.index, sid: statement.sid } : { index: statement.index })) };
}

/** True when an Allow statement grants to a caller S3 cannot call fixed. */
function isPublicStatement(statement: Statement): boolean {
  // NotPrincipal with Allow grants to everyone but the principals it names.
  if (statement.notPrincipal !== undefined) return !statement.conditions.some(pinsCaller);
  if (statement.principal !== undefined && namesFixedPrincipals(statement.principal)) return false;
  return !statement.conditions.some(pinsCaller);
}

/** True when the Principal element names only fixed AWS principals, services or canonical users. */
function namesFixedPrincipals(principal: NonNullable<Statement['principal']>): boolean {
  if (principal === '*') return false;
  if ((principal.Federated?.length ?? 0) > 0) return false;
  const values = [...(principal.AWS ?? []), ...(principal.Service ?? []), ...(principal.CanonicalUser ?? [])];
  return values.length > 0 && values.every((value) => value !== '*' && isFixedValue(value));
}

/** True when the clause pins one of the fixing keys to fixed values. */
function pinsCaller(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  if (!FIXING_KEYS.has(key)) return false;
  const operator = parseConditionOperator(clause.operator);
  if (!operator || operator.ifExists || operator.negated || operator.setOperator === 'ForAllValues' || !PINNING_OPERATORS.has(operator.base)) return false;
  if (clause.values.length === 0) return false;
  if (key === 'aws:sourceip') return operator.base === 'IpAddress' && clause.values.every(isNarrowCidr);
  if (operator.base === 'IpAddress') return false;
  if (key === 's3:dataaccesspointarn') return clause.values.every(isFixedAccessPointArn);
  return clause.values.every(isFixedValue);
}

/** A value with no wildcard and no policy variable. */
function isFixedValue(value: string): boolean {
  return !/[*?]/.test(value) && !value.includes('${');
}

/** A CIDR no broader than /8 (IPv4) or /32 (IPv6). */
function isNarrowCidr(value: string): boolean {
  const range = parseCidr(value);
  return range !== undefined && range.prefixLength >= WIDEST_PREFIX[range.version];
}

/** An access point ARN whose account is fixed; the access point name may be a wildcard. */
function isFixedAccessPointArn(value: string): boolean {
  const match = /^arn:[^:]+:s3:([^:]*):(\d{12}):accesspoint\/(.*)$/.exec(value);
  if (!match) return isFixedValue(value);
  return isFixedValue(match[1]) && !value.includes('${');
}
