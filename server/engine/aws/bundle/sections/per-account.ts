// A top-level bundle key holding one entry per account ({ "<account id>": <output run in that account> }), as
// OtherOrganizations and S3AccountPublicAccessBlocks do: the key read, each account id checked, each entry read, and an
// entry for an account the design does not hold reported and ignored.
import type { BundleReadContext } from '../context';
import type { InterchangeAccount } from '../model';
import { ACCOUNT_ID } from '../identifiers';

/**
 * Reads `top[key]` entry by entry: `readEntry` turns an entry into a value (undefined, with a problem recorded, when it
 * cannot), and `apply` keeps it on the design's account of that id.
 */
export function readPerAccount<T>(
  context: BundleReadContext,
  key: string,
  readEntry: (entry: unknown, path: string) => T | undefined,
  apply: (account: InterchangeAccount, value: T, path: string) => void,
): void {
  const { top, read, design, warnings } = context;
  const value = top[key];
  if (value === undefined || value === null) return;
  const entries = read.object(value, `$.${key}`);
  if (!entries) return;
  for (const [accountKey, entry] of Object.entries(entries)) {
    const path = `$.${key}["${accountKey}"]`;
    const accountId = read.id(accountKey, path, ACCOUNT_ID, '12-digit account id');
    const entryValue = readEntry(entry, path);
    if (!accountId || entryValue === undefined) continue;
    const account = design.accounts.find((candidate) => candidate.accountId === accountId);
    if (!account) warnings.push(`${path}: account ${accountId} is not in the design (no IAM data, resource or membership names it); ignored`);
    else apply(account, entryValue, path);
  }
}
