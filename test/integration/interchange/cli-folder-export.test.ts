// `lzsim export --format cli-folder` on the sample landing zone (Organizations, IAM, RAM, IAM Identity Center), run
// in-process on the run's test database: one file per AWS CLI command in the shapes the CLI prints, and `lzsim import`
// of that folder gives back a design whose bundle equals the original's. Shapes:
// https://docs.aws.amazon.com/cli/latest/reference/sso-admin/list-permission-sets.html, describe-permission-set.html,
// list-account-assignments.html; https://docs.aws.amazon.com/cli/latest/reference/identitystore/list-users.html,
// list-groups.html. The design's raised quotas travel in lzsim-quota-overrides.json (lzsim's own file).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../server/cli/command';
import { runCli } from '../../../server/cli/lzsim';
import { SAMPLE_DESIGN_NAME, SAMPLE_QUOTA_OVERRIDES } from '../../../server/db/sample-landing-zone';
import { seedSampleLandingZone } from '../../../server/db/seed';
import { exportDesign } from '../../../server/services/interchange/interchange-service';
import { createTestDb, testDatabaseUrl, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
let savedUrl: string | undefined;
let workDir: string;

function captureIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout(text: string) { io.out += text; }, stderr(text: string) { io.err += text; }, readStdin: async () => '', cwd: tmpdir() };
  return io;
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  savedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = testDatabaseUrl();
  workDir = mkdtempSync(join(tmpdir(), 'lzsim-cli-folder-'));
  await seedSampleLandingZone(db);
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  rmSync(workDir, { recursive: true, force: true });
  await db.$disconnect();
});

describe('lzsim export --format cli-folder', () => {
  it('writes the AWS CLI outputs, Identity Center included, and imports back into the same design', async () => {
    const sample = await db.design.findUniqueOrThrow({ where: { name: SAMPLE_DESIGN_NAME }, select: { id: true } });
    const folder = join(workDir, 'sample');
    const exported = captureIo();
    expect(await runCli(['export', sample.id, '--format', 'cli-folder', '--out', folder], exported)).toBe(0);
    expect(exported.err).toMatch(/Wrote \d+ files/);

    // sso-admin list-permission-sets: { PermissionSets: [arn, ...] }, one describe-permission-set per ARN.
    const ic = join(folder, 'identity-center');
    const arns = readJson(join(ic, 'list-permission-sets.json')).PermissionSets as string[];
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns) {
      expect(arn).toMatch(/^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/);
      const described = readJson(join(ic, 'describe-permission-set', `${arn.split('/').pop()}.json`)).PermissionSet as Record<string, unknown>;
      expect(described).toMatchObject({ PermissionSetArn: arn, Name: expect.any(String), SessionDuration: expect.stringMatching(/^PT/) });
    }
    // list-account-assignments: one file per (account, permission set), as the command takes both.
    const assignmentFiles = readdirSync(join(ic, 'list-account-assignments'));
    expect(assignmentFiles.length).toBeGreaterThan(0);
    for (const file of assignmentFiles) {
      const [accountId, psId] = file.replace(/\.json$/, '').split('.');
      for (const assignment of readJson(join(ic, 'list-account-assignments', file)).AccountAssignments as Record<string, unknown>[]) {
        expect(assignment).toMatchObject({ AccountId: accountId, PermissionSetArn: expect.stringMatching(new RegExp(`/${psId}$`)), PrincipalType: expect.stringMatching(/^(USER|GROUP)$/), PrincipalId: expect.any(String) });
      }
    }
    // identitystore list-users / list-groups.
    const users = readJson(join(ic, 'list-users.json')).Users as Record<string, unknown>[];
    expect(users.find((u) => u.UserName === 'alice')).toMatchObject({ UserId: expect.any(String), IdentityStoreId: expect.stringMatching(/^d-/), DisplayName: 'Alice Moreau' });
    const groups = readJson(join(ic, 'list-groups.json')).Groups as Record<string, unknown>[];
    expect(groups.map((g) => g.DisplayName)).toEqual(expect.arrayContaining(['Platform Admins', 'Developers', 'Auditors']));
    // The Organizations and IAM outputs beside them.
    expect(readJson(join(folder, 'describe-organization.json')).Organization).toMatchObject({ Id: expect.stringMatching(/^o-/) });
    expect(readdirSync(join(folder, 'authorization-details')).length).toBeGreaterThan(1);
    // lzsim's own file: the quotas the design raised (no AWS CLI command prints them), imported back onto the design.
    expect(readJson(join(folder, 'lzsim-quota-overrides.json'))).toEqual({ LzsimQuotaOverrides: SAMPLE_QUOTA_OVERRIDES });

    const imported = captureIo();
    expect(await runCli(['import', folder, '--name', uniqueName('cli folder round trip')], imported)).toBe(0);
    const original = (await exportDesign(db, sample.id, 'bundle')).document;
    const reimported = (await exportDesign(db, imported.out.trim(), 'bundle')).document;
    expect(reimported).toEqual(original);
    expect(original.LzsimQuotaOverrides).toEqual(SAMPLE_QUOTA_OVERRIDES);
    const stored = await db.design.findUniqueOrThrow({ where: { id: imported.out.trim() }, select: { quotaOverrides: true } });
    expect(stored.quotaOverrides).toEqual(SAMPLE_QUOTA_OVERRIDES);
  });

  it('refuses a folder that already holds files, and a missing --out', async () => {
    const sample = await db.design.findUniqueOrThrow({ where: { name: SAMPLE_DESIGN_NAME }, select: { id: true } });
    const used = mkdtempSync(join(workDir, 'used-'));
    writeFileSync(join(used, 'old.json'), '{}');
    const refused = captureIo();
    expect(await runCli(['export', sample.id, '--format', 'cli-folder', '--out', used], refused)).toBe(2);
    expect(refused.err).toMatch(/is not empty/);
    const noOut = captureIo();
    expect(await runCli(['export', sample.id, '--format', 'cli-folder'], noOut)).toBe(2);
    expect(noOut.err).toMatch(/needs --out DIR/);
  });
});
