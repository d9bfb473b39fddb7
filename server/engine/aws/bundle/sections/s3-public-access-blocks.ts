// S3 Block Public Access settings. S3AccountPublicAccessBlocks: { "<account id>": <output> }, where <output> is what
// `aws s3control get-public-access-block --account-id <id>` prints ({"PublicAccessBlockConfiguration": {...}}); a
// bucket's own settings sit on its ResourcePolicies entry as PublicAccessBlockConfiguration, as `aws s3api
// get-public-access-block --bucket <name>` prints them. Each of the four settings is a boolean, false when absent
// (API_PublicAccessBlockConfiguration.html). Read after the sections that add accounts.
import type { S3PublicAccessBlock } from '../../../types';
import type { BundleSection } from '../context';
import type { ShapeReader } from '../shape-reader';
import { readPerAccount } from './per-account';

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
  read(context) {
    const { read } = context;
    readPerAccount(context, S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS_KEY, (entry, path) => {
      const output = read.object(entry, path);
      return output ? readPublicAccessBlock(read, output.PublicAccessBlockConfiguration, `${path}.PublicAccessBlockConfiguration`) : undefined;
    }, (account, settings) => {
      account.s3PublicAccessBlock = settings;
    });
  },
};
