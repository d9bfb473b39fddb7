// Which values a Principal or NotPrincipal entry may hold, per principal type. AWS refuses a policy naming anything
// else ("Invalid principal in policy", MalformedPolicyDocument), so the validator reports these as errors.
// Source: IAM User Guide, reference_policies_elements_principal.html: accounts (12-digit id or
// arn:PARTITION:iam::ACCOUNT:root), IAM users and roles (arn:...:iam::ACCOUNT:user/NAME, role/NAME, with paths),
// assumed-role sessions (arn:...:sts::ACCOUNT:assumed-role/ROLE/SESSION), STS federated users
// (arn:...:sts::ACCOUNT:federated-user/NAME), service principals ("service-name.amazonaws.com"), web identity and
// SAML providers for Federated, canonical user ids for CanonicalUser. The page says twice "You cannot use a wildcard
// to match part of a principal name or ARN": "*" is accepted only on its own, as "Principal": "*" or {"AWS": "*"}.
import type { PrincipalType } from '../types';

/**
 * The ARN partitions (aws-arns-and-namespaces.html; isolated and sovereign partitions as the AWS SDKs list them).
 * A principal ARN in any other partition names nothing AWS can authenticate.
 */
export const AWS_PARTITIONS: readonly string[] = Object.freeze([
  'aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc',
]);

const PARTITIONS = new Set(AWS_PARTITIONS);
const ACCOUNT_ID = /^\d{12}$/;
// IAM user, role and session names: letters, digits and + = , . @ _ - (reference_iam-quotas.html).
const IAM_NAME = /^[\w+=,.@-]+$/;
// When the user or role a trust policy names is deleted, IAM shows its unique id instead of the ARN
// (reference_identifiers.html#identifiers-unique-ids): AIDA for users, AROA for roles.
const DELETED_PRINCIPAL_ID = /^A(?:IDA|ROA)[A-Z0-9]{12,}$/;
const OTHER_UNIQUE_ID = /^A[A-Z]{3}[A-Z0-9]{12,}$/;
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;
const CANONICAL_USER_ID = /^[0-9a-f]{64}$/i;

const WILDCARD_ADVICE =
  'AWS accepts "*" only on its own ("Principal": "*" or {"AWS": "*"}); to match many principals use "*" with a Condition on aws:PrincipalArn or aws:PrincipalAccount';

/** The pieces of an ARN, split at the first five colons. */
interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/**
 * Why AWS refuses this value of a Principal or NotPrincipal entry of the given type; undefined when it is accepted.
 * The message names the value and says what AWS accepts instead.
 */
export function describeInvalidPrincipal(type: PrincipalType, value: string): string | undefined {
  if (type === 'AWS' && value === '*') return undefined;
  if (/[*?]/.test(value)) {
    return `"${value}" uses a wildcard inside a principal: ${WILDCARD_ADVICE}.`;
  }
  switch (type) {
    case 'AWS': return describeInvalidAwsPrincipal(value);
    case 'Service': return describeInvalidServicePrincipal(value);
    case 'Federated': return describeInvalidFederatedPrincipal(value);
    case 'CanonicalUser':
      return CANONICAL_USER_ID.test(value)
        ? undefined
        : `"${value}" is not a canonical user id: CanonicalUser takes the 64-character hexadecimal id of an AWS account.`;
  }
}

function describeInvalidAwsPrincipal(value: string): string | undefined {
  const accepted = 'use "*", a 12-digit account id, or the ARN of an account root, IAM user, IAM role, assumed-role session or federated user';
  if (/^\d+$/.test(value)) {
    return ACCOUNT_ID.test(value) ? undefined : `"${value}" is not an AWS account id: account ids have exactly 12 digits.`;
  }
  if (DELETED_PRINCIPAL_ID.test(value)) return undefined;
  if (OTHER_UNIQUE_ID.test(value)) {
    return `"${value}" is not the unique id of an IAM user (AIDA...) or role (AROA...); ${accepted}.`;
  }
  if (!value.startsWith('arn:')) return `"${value}" is not a valid AWS principal: ${accepted}.`;

  const arn = splitArn(value);
  const problem = arn ? describeArnFrame(value, arn, ['iam', 'sts']) : `"${value}" is not a complete ARN`;
  if (problem) return `${problem}; ${accepted}.`;
  const { service, resource } = arn!;
  if (service === 'iam') {
    if (resource === 'root') return undefined;
    const match = /^(user|role)\/(?:.+\/)?([^/]*)$/.exec(resource);
    if (!match) {
      return `"${value}" is not an account root, user or role ARN (groups, policies and instance profiles cannot be principals); ${accepted}.`;
    }
    return IAM_NAME.test(match[2]!) ? undefined : invalidName(value, match[1]!);
  }
  const session = /^assumed-role\/([^/]*)\/([^/]*)$/.exec(resource);
  if (session) {
    if (!IAM_NAME.test(session[1]!)) return invalidName(value, 'role');
    return IAM_NAME.test(session[2]!) ? undefined : invalidName(value, 'session');
  }
  const federated = /^federated-user\/([^/]*)$/.exec(resource);
  if (federated) return IAM_NAME.test(federated[1]!) ? undefined : invalidName(value, 'federated user');
  // A session ARN written with the role's path is left to describeUnmatchablePrincipal: the page gives no evidence
  // that AWS refuses it, only that STS never issues such an ARN.
  if (/^assumed-role\/.+\/[^/]+$/.test(resource)) return undefined;
  return `"${value}" is not an assumed-role session ARN (sts::ACCOUNT:assumed-role/ROLE/SESSION, without the role's path) or a federated user ARN; ${accepted}.`;
}

function describeInvalidServicePrincipal(value: string): string | undefined {
  return HOST_NAME.test(value)
    ? undefined
    : `"${value}" is not a service principal: AWS services are named by their service principal, such as "ec2.amazonaws.com".`;
}

function describeInvalidFederatedPrincipal(value: string): string | undefined {
  const accepted = 'Federated takes a web identity provider such as "accounts.google.com" or "cognito-identity.amazonaws.com", or the ARN of an IAM SAML or OIDC provider';
  if (!value.startsWith('arn:')) {
    return HOST_NAME.test(value) ? undefined : `"${value}" is not an identity provider: ${accepted}.`;
  }
  const arn = splitArn(value);
  const problem = arn ? describeArnFrame(value, arn, ['iam']) : `"${value}" is not a complete ARN`;
  if (problem) return `${problem}; ${accepted}.`;
  if (/^saml-provider\/[\w.-]+$/.test(arn!.resource) || /^oidc-provider\/[^/\s]+(?:\/[^\s]*)?$/.test(arn!.resource)) {
    return undefined;
  }
  return `"${value}" is not a saml-provider/NAME or oidc-provider/HOST ARN; ${accepted}.`;
}

/** Split an ARN into its fields; undefined when it has fewer than six. */
function splitArn(value: string): ArnParts | undefined {
  const fields = value.split(':');
  if (fields.length < 6) return undefined;
  const [, partition, service, region, account] = fields as [string, string, string, string, string];
  return { partition, service, region, account, resource: fields.slice(5).join(':') };
}

/** What is wrong with the partition, service, region and account of a principal ARN; undefined when nothing. */
function describeArnFrame(value: string, arn: ArnParts, services: readonly string[]): string | undefined {
  if (!PARTITIONS.has(arn.partition)) {
    return `"${value}" has an unknown partition "${arn.partition}" (known: ${AWS_PARTITIONS.join(', ')})`;
  }
  if (!services.includes(arn.service)) {
    return `"${value}" is not ${services.map((s) => `an ${s.toUpperCase()}`).join(' or ')} ARN (service "${arn.service}")`;
  }
  if (arn.region !== '') return `"${value}" has a region ("${arn.region}"), but ${arn.service.toUpperCase()} principal ARNs have none`;
  if (!ACCOUNT_ID.test(arn.account)) return `"${value}" does not name a 12-digit account id (found "${arn.account}")`;
  return undefined;
}

function invalidName(value: string, what: string): string {
  return `"${value}" has an invalid ${what} name: names use letters, digits and + = , . @ _ -.`;
}

/**
 * Why a value AWS accepts can still never match a caller; undefined when it can. STS names a session
 * arn:...:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION, without the role's path (reference_identifiers.html), so a
 * session ARN written with the path names no session.
 */
export function describeUnmatchablePrincipal(type: PrincipalType, value: string): string | undefined {
  if (type !== 'AWS' || describeInvalidPrincipal(type, value) !== undefined) return undefined;
  const session = /^arn:[^:]+:sts::\d{12}:assumed-role\/(.+)\/([^/]+)$/.exec(value);
  if (!session || !session[1]!.includes('/')) return undefined;
  const roleName = session[1]!.slice(session[1]!.lastIndexOf('/') + 1);
  return `"${value}" names no session: STS session ARNs carry the role name without its path (assumed-role/${roleName}/${session[2]}).`;
}
