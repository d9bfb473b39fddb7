// S3 Block Public Access settings. S3AccountPublicAccessBlocks: { "<account id>": <output> }, where <output> is what
// `aws s3control get-public-access-block --account-id <id>` prints ({"PublicAccessBlockConfiguration": {...}}); a
// bucket's own settings sit on its ResourcePolicies entry as PublicAccessBlockConfiguration, as `aws s3api
// get-public-access-block --bucket <name>` prints them. Each of the four settings is a boolean, false when absent
// (API_PublicAccessBlockConfiguration.html). Read after the sections that add accounts.
import type { S3PublicAccessBlock } from '../../../types';
import type { BundleSection } from '../context';
import type { ShapeReader } from '../shape-reader';
import { ACCOUNT_ID } from '../identifiers';

/** The bundle key of the accounts' Block Public Access settings. */
export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS_KEY = 'S3AccountPublicAccessBlocks';

const SETTINGS = [
  ['BlockPublicAcls', 'blockPublicAcls'], ['IgnorePublicAcls', 'ignorePublicAcls'],
  ['BlockPublicPolicy', 'blockPublicPolicy'], ['RestrictPublicBuckets', 'restrictPublicBuckets'],
] as const;

/** A PublicAccessBlockConfiguration object read into the engine's settings; undefined (with a problem) when malformed. */
export function readPublicAccessBlock(read: ShapeReader, value: unknown, path: string): S3PublicAccessBlock | undefined {
  const configuration = read.object(value, path);
  if (!configuration) return undefined;
  const settings: S3PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
  let valid = true;
  for (const [awsName, name] of SETTINGS) {
    const setting = configuration[awsName];
    if (setting === undefined || setting === null) continue;
    if (typeof setting !== 'boolean') {
      read.problems.add(`${path}.${awsName}`, `expected true or false, got ${JSON.stringify(setting)}`, 'InvalidRequest');
      valid = false;
      continue;
    }
    settings[name] = setting;
  }
  return valid ? settings : undefined;
}

/** The accounts' S3 Block Public Access settings. */
export const s3PublicAccessBlocksSection: BundleSection = {
  keys: [S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS_KEY],
  read({ top, read, design, warnings }) {
    const value = top[S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS_KEY];
    if (value === undefined || value === null) return;
    const entries = read.object(value, `$.${S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS_KEY}`);
    if (!entries) return;
    for (const [accountKey, entry] of Object.entries(entries)) {
      const path = `$.${S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS_KEY}["${accountKey}"]`;
      const accountId = read.id(accountKey, path, ACCOUNT_ID, '12-digit account id');
      const output = read.object(entry, path);
      const settings = output ? readPublicAccessBlock(read, output.PublicAccessBlockConfiguration, `${path}.PublicAccessBlockConfiguration`) : undefined;
      if (!accountId || !settings) continue;
      const account = design.accounts.find((candidate) => candidate.accountId === accountId);
      if (!account) warnings.push(`${path}: account ${accountId} is not in the design; ignored`);
      else account.s3PublicAccessBlock = settings;
    }
  },
};
