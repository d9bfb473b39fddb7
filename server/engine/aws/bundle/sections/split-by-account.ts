// One get-account-authorization-details output may hold entries of several accounts: tools that gather many
// accounts into one file (cloudsplaining's example data mixes two) append each account's lists. Every user, group,
// role and customer-managed policy belongs to the account its ARN names
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns); AWS-managed
// policies (account "aws") exist once and stay with the file's own account. Entries keep their JSON paths in the file.
import { ACCOUNT_ID } from '../identifiers';
import type { Json } from '../shape-reader';

/** The four entry lists of get-account-authorization-details. */
export const DETAIL_LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** Which list an entry comes from. */
export type DetailList = (typeof DETAIL_LISTS)[number];

/** The entries of one account, each list holding the entries' original JSON paths beside them. */
export interface AccountDetailsView {
  /** The account the entries' ARNs name. */
  accountId: string;
  /** A details object holding only this account's entries. */
  details: Json;
  /** The entry's path in the input, for an index into one of this view's lists. */
  locate(list: DetailList, index: number): string;
}

/** The 12-digit account an entry's Arn names, or undefined (no ARN, AWS-managed, or not an IAM ARN: read as today). */
function arnAccount(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const arn = (entry as Json).Arn;
  if (typeof arn !== 'string') return undefined;
  const fields = arn.split(':');
  return fields.length >= 6 && fields[0] === 'arn' && fields[2] === 'iam' && ACCOUNT_ID.test(fields[4]) ? fields[4] : undefined;
}

/**
 * Splits one account's details by the accounts their ARNs name. `fileAccount` is the account the file is given for
 * (undefined for a bare file: then the account naming the most entries holds the AWS-managed listings and the
 * entries whose ARN names none). Entries naming an account in `ownFiles` (accounts whose own file the input holds)
 * stay with the file's account, to be refused there as before: that account's own file says what it holds. Returns
 * one view when every entry names the file's account, as before.
 */
export function splitByArnAccount(details: Json, path: string, fileAccount: string | undefined, ownFiles: ReadonlySet<string> = new Set()): AccountDetailsView[] {
  const counts = new Map<string, number>();
  for (const list of DETAIL_LISTS) {
    const entries = details[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const account = arnAccount(entry);
      if (account && (account === fileAccount || !ownFiles.has(account))) counts.set(account, (counts.get(account) ?? 0) + 1);
    }
  }
  const home = fileAccount ?? [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
  const whole = (accountId: string): AccountDetailsView => ({ accountId, details, locate: (list, index) => `${path}.${list}[${index}]` });
  // A file naming only its own account, or whose entries name none of its account (a mislabelled file: refused
  // entry by entry as before), is read whole.
  if (home === undefined) return [];
  if (counts.size === 0 || (counts.size === 1 && counts.has(home)) || !counts.has(home)) return [whole(home)];

  const accounts = [home, ...[...counts.keys()].filter((a) => a !== home).sort()];
  const views = new Map(accounts.map((accountId) => [accountId, { accountId, details: { ...details } as Json, paths: new Map<DetailList, string[]>() }]));
  for (const list of DETAIL_LISTS) {
    const entries = details[list];
    if (!Array.isArray(entries)) {
      // Shape problems are reported once, by the home account's reader.
      for (const view of views.values()) if (view.accountId !== home) delete view.details[list];
      continue;
    }
    for (const view of views.values()) {
      view.details[list] = [];
      view.paths.set(list, []);
    }
    entries.forEach((entry, index) => {
      const view = views.get(arnAccount(entry) ?? home) ?? views.get(home)!;
      (view.details[list] as unknown[]).push(entry);
      view.paths.get(list)!.push(`${path}.${list}[${index}]`);
    });
  }
  return [...views.values()].map(({ accountId, details: own, paths }) => ({
    accountId,
    details: own,
    locate: (list, index) => paths.get(list)?.[index] ?? `${path}.${list}[${index}]`,
  }));
}
