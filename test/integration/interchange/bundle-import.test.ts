import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../server/db/client';
import { loadOrgTree } from '../../../server/db/org-tree';
import { ImportRejectedError } from '../../../server/services/interchange/import-problems';
import { exportDesign, importBundle } from '../../../server/services/interchange/interchange-service';
import { createTestDb, uniqueName } from '../../support/db-test-client';

// The sample bundle: test/fixtures/bundles/sample-org.json (shapes of the AWS CLI's Organizations and IAM outputs).
const sample = JSON.parse(readFileSync(new URL('../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

let db: PrismaClient;
beforeAll(() => {
  db = createTestDb();
});
afterAll(async () => {
  await db.$disconnect();
});

async function designCount(): Promise<number> {
  return db.design.count();
}

describe('importBundle', () => {
  it('imports the sample bundle into a new design and reports the counts', async () => {
    const report = await importBundle(db, sample, { name: uniqueName('sample import') });
    const input = sample as { OrganizationalUnits: unknown[]; Accounts: unknown[]; Policies: { Targets: unknown[] }[] };
    expect(report.counts.organizationalUnits).toBe(input.OrganizationalUnits.length);
    expect(report.counts.policies).toBe(input.Policies.length);
    expect(report.counts.policyAttachments).toBe(input.Policies.reduce((n, p) => n + p.Targets.length, 0));
    // Member accounts plus accounts known only from authorization details or resource policies (a partner's).
    expect(report.counts.accounts).toBeGreaterThanOrEqual(input.Accounts.length);
    expect(report.counts.iamUsers + report.counts.iamRoles).toBeGreaterThan(0);

    const tree = await loadOrgTree(db, report.designId);
    expect(tree?.organization?.awsId).toBe('o-lz7example1');
    expect(tree?.ous).toHaveLength(input.OrganizationalUnits.length);
    expect(tree?.accounts.find((a) => a.isManagementAccount)?.accountId).toBe('100000000001');
    expect(tree?.policies.map((p) => p.type)).toContain('TAG_POLICY');
  });

  it('imports nothing when the 40th account references a missing parent', async () => {
    const broken = clone(sample) as { Accounts: Record<string, unknown>[]; Roots: { Id: string }[] };
    const template = broken.Accounts[1];
    for (let i = broken.Accounts.length; i < 45; i += 1) {
      broken.Accounts.push({ ...template, Id: String(200000000000 + i), Email: `extra${i}@example.com`, Name: `extra-${i}` });
    }
    broken.Accounts[39].ParentId = 'ou-lz7a-missing99';
    const before = await designCount();
    const error = await importBundle(db, broken, { name: uniqueName('broken') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    const rejected = error as ImportRejectedError;
    expect(rejected.problems).toEqual([
      expect.objectContaining({ path: '$.Accounts[39].ParentId', awsCode: 'ParentNotFoundException' }),
    ]);
    expect(rejected.message).toContain('nothing was written');
    expect(await designCount()).toBe(before);
  });

  it('names the malformed policy with MalformedPolicyDocumentException', async () => {
    const broken = clone(sample) as { Policies: { PolicySummary: { Id: string; Name: string }; Content: string }[] };
    const scp = broken.Policies.find((p) => p.PolicySummary.Id === 'p-k2ztr8pa')!;
    scp.Content = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] });
    const before = await designCount();
    const error = (await importBundle(db, broken).catch((e: unknown) => e)) as ImportRejectedError;
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error.awsCode).toBe('MalformedPolicyDocumentException');
    expect(error.problems[0].message).toContain('p-k2ztr8pa');
    expect(error.problems[0].message).toContain('ProtectSecurityBaseline');
    expect(await designCount()).toBe(before);
  });

  it('refuses OUs nested deeper than five levels and duplicate sibling names, with AWS codes', async () => {
    const deep = clone(sample) as { OrganizationalUnits: Record<string, unknown>[] };
    let parent = 'r-lz7a';
    for (let level = 1; level <= 6; level += 1) {
      const id = `ou-lz7a-deep000${level}`;
      deep.OrganizationalUnits.push({ Id: id, Name: `Deep ${level}`, ParentId: parent });
      parent = id;
    }
    deep.OrganizationalUnits.push({ Id: 'ou-lz7a-dupename', Name: 'Security', ParentId: 'r-lz7a' });
    const error = (await importBundle(db, deep).catch((e: unknown) => e)) as ImportRejectedError;
    expect(error.problems.map((p) => [p.awsCode, p.awsReason ?? null])).toEqual([
      ['ConstraintViolationException', 'OU_DEPTH_LIMIT_EXCEEDED'],
      ['DuplicateOrganizationalUnitException', null],
    ]);
  });

  it('accepts URL-encoded documents in authorization details (raw IAM API output)', async () => {
    const encoded = clone(sample) as { AuthorizationDetails: Record<string, { GroupDetailList: { GroupPolicyList: { PolicyDocument: unknown }[] }[] }> };
    const group = encoded.AuthorizationDetails['100000000001'].GroupDetailList[0];
    const document = group.GroupPolicyList[0].PolicyDocument;
    group.GroupPolicyList[0].PolicyDocument = encodeURIComponent(JSON.stringify(document));
    const report = await importBundle(db, encoded, { name: uniqueName('encoded') });
    const { document: bundle } = await exportDesign(db, report.designId, 'bundle');
    const exported = (bundle.AuthorizationDetails as typeof encoded.AuthorizationDetails)['100000000001'].GroupDetailList[0];
    expect(JSON.parse(exported.GroupPolicyList[0].PolicyDocument as string)).toEqual(document);
  });
});

describe('bundle round trip', () => {
  it('import -> export -> import gives an identical design', async () => {
    const first = await importBundle(db, sample, { name: uniqueName('round trip 1') });
    const exported1 = (await exportDesign(db, first.designId, 'bundle')).document;
    const second = await importBundle(db, JSON.parse(JSON.stringify(exported1)), { name: uniqueName('round trip 2') });
    const exported2 = (await exportDesign(db, second.designId, 'bundle')).document;
    expect(second.counts).toEqual(first.counts);
    expect(exported2).toEqual(exported1);
    // The export carries what the input had: every account, OU, policy and attachment.
    expect((exported1.Policies as unknown[]).length).toBe((sample.Policies as unknown[]).length);
    expect(exported1.Organization).toMatchObject({ Id: 'o-lz7example1', MasterAccountId: '100000000001' });
  });
});
