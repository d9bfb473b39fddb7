// One get-account-authorization-details file holding entries of two accounts (as cloudsplaining's own example data
// does) imports on the real database through every import path: `lzsim import` of the bare file, the API's
// importFile, and a CLI folder holding it as one account's file. Each entry lands in the account its ARN names
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns), the AWS-managed
// policy is stored once, and a cross-account group membership is refused with nothing written.
// Fixture: test/fixtures/authorization-details/two-accounts.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import { importCommand } from '../../../server/cli/commands/import';
import type { PrismaClient } from '../../../server/db/client';
import { exportDesign, importBundle, importCliFolder, readDesign } from '../../../server/services/interchange/interchange-service';
import { createTestDb, testDatabaseUrl, uniqueName } from '../../support/db-test-client';
import { expectSameDesign } from '../../support/same-design';

const A = '200000000001';
const B = '012345678901';
const fixturePath = new URL('../../fixtures/authorization-details/two-accounts.json', import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const twoAccounts = () => JSON.parse(readFileSync(fixturePath, 'utf8')) as Record<string, any>;

let db: PrismaClient;
let scratch: string;
beforeAll(() => {
  db = createTestDb();
  scratch = mkdtempSync(join(tmpdir(), 'lzsim-several-accounts-'));
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `lzsim import` in-process on the test database. */
async function lzsimImport(args: string[]) {
  let stdout = '';
  let stderr = '';
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = testDatabaseUrl();
  try {
    const code = await importCommand.run(args, { cwd: scratch, stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, readStdin: async () => '' })
      .catch((error: unknown) => { stderr += `${(error as Error).message}\n`; return 2; });
    return { code, stdout, stderr };
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

describe('an authorization-details file of two accounts', () => {
  it('lzsim import places each entry in its account, stores AWS-managed policies once and prints one warning line', async () => {
    writeFileSync(join(scratch, 'two-accounts.json'), readFileSync(fixturePath));
    const name = uniqueName('two accounts');
    const result = await lzsimImport(['two-accounts.json', '--name', name]);
    expect(result.code, result.stderr).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('lzsim: warning:'));
    expect(warnings).toEqual([
      `lzsim: warning: $: the file holds 2 accounts, each entry placed in the account its ARN names (${B}: 1 users, 1 groups, 1 roles, 1 customer-managed policies; ${A}: 1 users, 1 groups, 1 roles, 1 customer-managed policies); AWS-managed policies are shared`,
    ]);
    expect(result.stderr).toMatch(/ 2 accounts, .*2 iamUsers, 2 iamGroups, 2 iamRoles, 3 iamManagedPolicies/);

    const { design } = await readDesign(db, result.stdout.trim());
    expect(design.accounts.map((a) => a.accountId).sort()).toEqual([B, A]);
    expect(design.iam[A].users.map((u) => [u.name, u.userId, u.groups])).toEqual([['operator', 'AIDA0OPERATOR000001', ['operators']]]);
    expect(design.iam[B].users.map((u) => [u.name, u.userId, u.groups])).toEqual([['operator', 'AIDA0OPERATOR000002', ['readers']]]);
    expect(design.iam[B].roles.map((r) => [r.name, r.attachedPolicyArns])).toEqual([['auditor', [`arn:aws:iam::${B}:policy/ReadBilling`]]]);
    expect(design.managedPolicies.map((p) => [p.arn, p.scope, p.accountId, p.versions.length]).sort()).toEqual([
      [`arn:aws:iam::${B}:policy/ReadBilling`, 'LOCAL', B, 2],
      [`arn:aws:iam::${A}:policy/OperateQueues`, 'LOCAL', A, 1],
      ['arn:aws:iam::aws:policy/AWSDenyAll', 'AWS', null, 1],
    ]);

    // The API's import and a folder holding the file as one account's give the same design; so does its export.
    const caller = createCaller(createInnerContext({ db }));
    const viaApi = await caller.interchange.importFile({ document: twoAccounts(), fileName: 'two-accounts.json', name: uniqueName('two accounts api') });
    expect(viaApi.warnings).toEqual([expect.stringContaining('the file holds 2 accounts')]);
    const folder = join(scratch, 'folder');
    mkdirSync(join(folder, 'authorization-details'), { recursive: true });
    writeFileSync(join(folder, 'authorization-details', `${A}.json`), readFileSync(fixturePath));
    const viaFolder = await importCliFolder(db, folder, { name: uniqueName('two accounts folder') });
    const { document } = await exportDesign(db, viaApi.designId, 'bundle');
    expect(Object.keys(document.AuthorizationDetails as object).sort()).toEqual([B, A]);
    const reimported = await importBundle(db, document, { name: uniqueName('two accounts again') });
    for (const other of [viaApi, viaFolder, reimported]) expectSameDesign((await readDesign(db, other.designId)).design, design);
  });

  it('refuses a user in the other account\'s group, naming the JSON path, and writes nothing', async () => {
    const input = twoAccounts();
    input.UserDetailList[1].GroupList = ['operators'];
    writeFileSync(join(scratch, 'cross-account.json'), JSON.stringify(input));
    const name = uniqueName('cross account');
    const result = await lzsimImport(['cross-account.json', '--name', name]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`lzsim: cross-account.json: $.UserDetailList[1].GroupList[0]: NoSuchEntity: group "operators" is a group of account ${A}; a user of account ${B} can only belong to its own account's groups`);
    expect(await db.design.count({ where: { name } })).toBe(0);
  });
});
