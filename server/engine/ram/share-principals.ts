// The principals a RAM resource share names, as RAM reads them (API_CreateResourceShare.html, "principals"): a
// 12-digit account id, an organization ARN, an OU ARN, an IAM role or user ARN, or a service principal name.
// Pure functions: the RAM service checks AWS's rules with them, and the engine expands a share to the accounts it
// reaches.

/** What kind of principal a share names. */
export type SharePrincipalKind = 'ACCOUNT' | 'ORGANIZATION' | 'ORGANIZATIONAL_UNIT' | 'IAM_ROLE' | 'IAM_USER' | 'SERVICE';

/** A principal as RAM reads it. */
export type ParsedSharePrincipal =
  | { kind: 'ACCOUNT'; accountId: string }
  | { kind: 'ORGANIZATION'; organizationId: string; managementAccountId: string }
  | { kind: 'ORGANIZATIONAL_UNIT'; organizationId: string; ouId: string; managementAccountId: string }
  | { kind: 'IAM_ROLE' | 'IAM_USER'; accountId: string; arn: string }
  | { kind: 'SERVICE'; service: string };

/** Why a principal text cannot be read: RAM's MalformedArnException for a broken ARN, InvalidParameterException else. */
export interface SharePrincipalError {
  error: 'MalformedArnException' | 'InvalidParameterException';
  message: string;
}

const ORG_ARN = /^arn:aws[\w-]*:organizations::(\d{12}):organization\/(o-[a-z0-9]{10,32})$/;
const OU_ARN = /^arn:aws[\w-]*:organizations::(\d{12}):ou\/(o-[a-z0-9]{10,32})\/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const IAM_ARN = /^arn:aws[\w-]*:iam::(\d{12}):(role|user)\/([\w+=,.@/-]+)$/;
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/;

/** Reads one principal of a share; an error says which RAM exception AWS gives. */
export function parseSharePrincipal(text: string): ParsedSharePrincipal | SharePrincipalError {
  if (/^\d{12}$/.test(text)) return { kind: 'ACCOUNT', accountId: text };
  if (text.startsWith('arn:')) {
    const org = ORG_ARN.exec(text);
    if (org) return { kind: 'ORGANIZATION', managementAccountId: org[1], organizationId: org[2] };
    const ou = OU_ARN.exec(text);
    if (ou) return { kind: 'ORGANIZATIONAL_UNIT', managementAccountId: ou[1], organizationId: ou[2], ouId: ou[3] };
    const iam = IAM_ARN.exec(text);
    if (iam) return { kind: iam[2] === 'role' ? 'IAM_ROLE' : 'IAM_USER', accountId: iam[1], arn: text };
    return { error: 'MalformedArnException', message: `"${text}" is not an organization, OU, IAM role or IAM user ARN that RAM accepts as a principal.` };
  }
  if (SERVICE.test(text)) return { kind: 'SERVICE', service: text };
  return { error: 'InvalidParameterException', message: `"${text}" is not a principal RAM accepts: give a 12-digit account id, an organization, OU, IAM role or user ARN, or a service principal.` };
}

/** True when the parsed value is an error. */
export function isSharePrincipalError(value: ParsedSharePrincipal | SharePrincipalError): value is SharePrincipalError {
  return 'error' in value;
}

/** The organization facts recipient expansion needs. */
export interface RamOrganizationView {
  /** "o-…", or null when the design has no organization. */
  organizationId: string | null;
  /** Member accounts with the OU ids from the root down to their parent (root's direct children: []). */
  members: readonly { accountId: string; ouPath: readonly string[] }[];
}

/** One account a share reaches, and through which principal. */
export interface ShareRecipient {
  accountId: string;
  /** The principal of the share that reaches it. */
  via: string;
  viaKind: SharePrincipalKind;
  /** For IAM role or user principals: the only principal in the account the share reaches. */
  principalArn?: string;
  /** The account is not a member of the organization. */
  external: boolean;
}

/**
 * The accounts a share's associated principals reach: the organization ARN reaches every member, an OU ARN every
 * member below it (nested OUs included), an account id or IAM ARN its account. Service principals reach no account.
 * Sorted by account id, then principal; an account reached twice is listed once per principal.
 */
export function shareRecipients(principals: readonly string[], org: RamOrganizationView): ShareRecipient[] {
  const memberIds = new Set(org.members.map((m) => m.accountId));
  const out: ShareRecipient[] = [];
  for (const text of principals) {
    const parsed = parseSharePrincipal(text);
    if (isSharePrincipalError(parsed)) continue;
    switch (parsed.kind) {
      case 'ACCOUNT':
        out.push({ accountId: parsed.accountId, via: text, viaKind: 'ACCOUNT', external: !memberIds.has(parsed.accountId) });
        break;
      case 'IAM_ROLE':
      case 'IAM_USER':
        out.push({ accountId: parsed.accountId, via: text, viaKind: parsed.kind, principalArn: parsed.arn, external: !memberIds.has(parsed.accountId) });
        break;
      case 'ORGANIZATION':
        if (parsed.organizationId !== org.organizationId) break;
        for (const member of org.members) out.push({ accountId: member.accountId, via: text, viaKind: 'ORGANIZATION', external: false });
        break;
      case 'ORGANIZATIONAL_UNIT':
        if (parsed.organizationId !== org.organizationId) break;
        for (const member of org.members) {
          if (member.ouPath.includes(parsed.ouId)) out.push({ accountId: member.accountId, via: text, viaKind: 'ORGANIZATIONAL_UNIT', external: false });
        }
        break;
      case 'SERVICE':
        break;
    }
  }
  return out.sort((a, b) => (a.accountId === b.accountId ? a.via.localeCompare(b.via) : a.accountId.localeCompare(b.accountId)));
}
