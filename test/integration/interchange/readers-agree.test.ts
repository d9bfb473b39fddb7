// Simulate and import read bundles with the one bundle reader (server/engine/aws/bundle), so they must accept and
// refuse exactly the same bundles, naming the same first problem. Each variant changes one thing of the sample
// bundle (test/fixtures/bundles/sample-org.json) the way a real or hand-made export could.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../server/cli/cli-error';
import { simulateCommand } from '../../../server/cli/commands/simulate';
import type { PrismaClient } from '../../../server/db/client';
import { ImportRejectedError } from '../../../server/services/interchange/import-problems';
import { exportDesign, importBundle } from '../../../server/services/interchange/interchange-service';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const fixtures = new URL('../../fixtures/bundles/', import.meta.url);
const sample = JSON.parse(readFileSync(new URL('sample-org.json', fixtures), 'utf8')) as Record<string, unknown>;
const request = readFileSync(new URL('sample-request.json', fixtures), 'utf8');

// Variants poke deep into AWS-shaped JSON; typing every path would add nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

/** A document of `characters` characters (whitespace excluded) that IAM accepts in every other respect. */
function paddedIdentityPolicy(characters: number): Record<string, unknown> {
  const base = { Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
  const length = JSON.stringify(base).length;
  return { ...base, Statement: [{ ...base.Statement[0], Sid: 'S'.repeat(characters - length + 1) }] };
}

const variants: { name: string; doc: string; change: (bundle: LooseJson) => void; accepted: boolean }[] = [
  { name: 'the sample as exported', doc: 'https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html', change: () => {}, accepted: true },
  {
    name: 'an AWS-managed policy of 20,000 characters',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
    change: (b) => { b.AuthorizationDetails['100000000005'].Policies[0].PolicyVersionList[0].Document = paddedIdentityPolicy(20_000); },
    accepted: true,
  },
  {
    name: 'a customer-managed policy of 6,145 characters',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
    change: (b) => { b.AuthorizationDetails['100000000005'].Policies[2].PolicyVersionList[0].Document = paddedIdentityPolicy(6_145); },
    accepted: false,
  },
  {
    name: 'an SCP with a Principal',
    doc: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html',
    change: (b) => { b.Policies[2].Content = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] }); },
    accepted: false,
  },
  {
    name: 'an account under a missing OU',
    doc: 'https://docs.aws.amazon.com/organizations/latest/APIReference/API_MoveAccount.html',
    change: (b) => { b.Accounts[3].ParentId = 'ou-lz7a-missing99'; },
    accepted: false,
  },
  {
    name: 'an account State AWS does not have',
    doc: 'https://docs.aws.amazon.com/organizations/latest/APIReference/API_Account.html',
    change: (b) => { b.Accounts[2].State = 'RETIRED'; },
    accepted: false,
  },
  {
    name: 'a bucket policy naming principals with a wildcard inside an ARN',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    change: (b) => {
      b.ResourcePolicies[0].Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::lz7-payments-data/*' }] });
    },
    accepted: false,
  },
  {
    name: 'a role whose RoleLastUsed date is not a timestamp',
    doc: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html',
    change: (b) => { b.AuthorizationDetails['100000000005'].RoleDetailList[0].RoleLastUsed = { LastUsedDate: 'last week', Region: 'eu-west-1' }; },
    accepted: false,
  },
  {
    name: 'a top-level key that is not part of the bundle (a warning)',
    doc: 'https://docs.aws.amazon.com/cli/latest/reference/organizations/list-accounts.html',
    change: (b) => { b.Acounts = []; },
    accepted: true,
  },
];

let db: PrismaClient;
let scratch: string;
beforeAll(() => {
  db = createTestDb();
  scratch = mkdtempSync(join(tmpdir(), 'lzsim-readers-agree-'));
  writeFileSync(join(scratch, 'request.json'), request);
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(scratch, { recursive: true, force: true });
});

/** The simulate command's verdict: accepted, or the first problem's JSON path it names. */
async function simulateVerdict(bundle: unknown): Promise<{ accepted: boolean; firstPath?: string }> {
  writeFileSync(join(scratch, 'bundle.json'), JSON.stringify(bundle));
  const io = { cwd: scratch, stdout: () => {}, stderr: () => {}, readStdin: async () => '' };
  try {
    await simulateCommand.run(['--bundle', 'bundle.json', '--cli-input-json', 'request.json'], io);
    return { accepted: true };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { accepted: false, firstPath: /^bundle\.json: (\S+):/.exec(error.message)?.[1] };
  }
}

/** The import's verdict: accepted, or the first problem's JSON path. */
async function importVerdict(bundle: unknown): Promise<{ accepted: boolean; firstPath?: string }> {
  try {
    await importBundle(db, bundle, { name: uniqueName('readers agree') });
    return { accepted: true };
  } catch (error) {
    if (!(error instanceof ImportRejectedError)) throw error;
    return { accepted: false, firstPath: error.problems[0].path };
  }
}

describe('simulate and import accept and refuse the same bundles', () => {
  for (const variant of variants) {
    it(variant.name, async () => {
      const bundle = structuredClone(sample) as LooseJson;
      variant.change(bundle);
      const simulated = await simulateVerdict(bundle);
      const imported = await importVerdict(bundle);
      expect(simulated.accepted, variant.doc).toBe(variant.accepted);
      expect(imported).toEqual(simulated);
    });
  }
});

describe('the exported bundle', () => {
  it('writes accounts\' State as the current AWS CLI does (Status was retired on 9 September 2026)', async () => {
    const report = await importBundle(db, sample, { name: uniqueName('state') });
    const { document } = await exportDesign(db, report.designId, 'bundle');
    for (const account of document.Accounts as Record<string, unknown>[]) {
      expect(account.State).toBe('ACTIVE');
      expect(account).not.toHaveProperty('Status');
    }
  });
});
