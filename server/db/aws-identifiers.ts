import 'server-only';

import { randomInt } from 'node:crypto';

// AWS identifier formats (Organizations API reference, "Id" patterns) and the AWS-managed policies that AWS
// itself creates and attaches. Generated ids use the same alphabets and lengths AWS uses.

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** "o-" + 10 lower-case letters or digits (pattern ^o-[a-z0-9]{10,32}$). */
export function newOrganizationAwsId(): string {
  return `o-${randomString(LOWER_ALNUM, 10)}`;
}

/** "r-" + 4 lower-case letters or digits (pattern ^r-[0-9a-z]{4,32}$). */
export function newRootAwsId(): string {
  return `r-${randomString(LOWER_ALNUM, 4)}`;
}

/** "ou-" + the root's suffix + "-" + 8 lower-case letters or digits (pattern ^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$). */
export function newOuAwsId(rootAwsId: string): string {
  return `ou-${rootAwsId.replace(/^r-/, '')}-${randomString(LOWER_ALNUM, 8)}`;
}

/** "p-" + 8 lower-case letters or digits (pattern ^p-[0-9a-zA-Z_]{8,128}$). */
export function newPolicyAwsId(): string {
  return `p-${randomString(LOWER_ALNUM, 8)}`;
}

/** A 12-digit account id that does not start with 0 (AWS ids may, but it reads better). */
export function newAccountId(): string {
  return `${randomInt(1, 10)}${randomString('0123456789', 11)}`;
}

/** FullAWSAccess: the SCP AWS attaches to the root, every OU and every account when SCPs are enabled. */
export const FULL_AWS_ACCESS = {
  awsId: 'p-FullAWSAccess',
  name: 'FullAWSAccess',
  description: 'Allows access to every operation',
  content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 4),
} as const;

/** RCPFullAWSAccess: the RCP AWS attaches everywhere when RCPs are enabled; it cannot be detached. */
export const RCP_FULL_AWS_ACCESS = {
  awsId: 'p-RCPFullAWSAccess',
  name: 'RCPFullAWSAccess',
  description: 'Allows access to every operation',
  content: JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
    null,
    4,
  ),
} as const;

/** ARN of an AWS-managed IAM policy. */
export function awsManagedPolicyArn(name: string): string {
  return `arn:aws:iam::aws:policy/${name}`;
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * An IAM unique id: the four-letter prefix of its kind and 17 upper-case characters (reference_identifiers.html,
 * "Unique identifiers": AIDA users, AGPA groups, AROA roles, ANPA managed policies).
 */
export function newIamUniqueId(prefix: 'AIDA' | 'AGPA' | 'AROA' | 'ANPA'): string {
  return `${prefix}${randomString(UPPER_ALNUM, 17)}`;
}

const LOWER_HEX = '0123456789abcdef';

/**
 * IAM Identity Center identifiers (sso-admin API reference patterns): instance ARNs
 * arn:aws:sso:::instance/ssoins-[a-zA-Z0-9-.]{16}, identity store ids d-[0-9a-f]{10}, permission set ARNs
 * arn:aws:sso:::permissionSet/ssoins-…/ps-[a-zA-Z0-9-./]{16}.
 */
export function newSsoInstanceIds(): { instanceArn: string; identityStoreId: string } {
  return { instanceArn: `arn:aws:sso:::instance/ssoins-${randomString(LOWER_HEX, 16)}`, identityStoreId: `d-${randomString(LOWER_HEX, 10)}` };
}

/** A permission set ARN of an instance. */
export function newPermissionSetArn(instanceArn: string): string {
  return `arn:aws:sso:::permissionSet/${instanceArn.slice(instanceArn.lastIndexOf('/') + 1)}/ps-${randomString(LOWER_HEX, 16)}`;
}

/** An identity store UserId, GroupId or MembershipId: ten hex characters, a dash and a UUID, as the identity store gives them. */
export function newIdentityStoreId(): string {
  const hex = (n: number) => randomString(LOWER_HEX, n);
  return `${hex(10)}-${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[randomInt(4)]}${hex(3)}-${hex(12)}`;
}
