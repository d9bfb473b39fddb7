import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import type { PrismaClient } from '../../../server/db/client';
import { loadOrgTree } from '../../../server/db/org-tree';
import { ImportRejectedError } from '../../../server/services/interchange/import-problems';
import { exportDesign, importBundle } from '../../../server/services/interchange/interchange-service';
import { attachPolicy, createAccount, createOrganizationalUnit, createPolicy } from '../../../server/services/organizations';
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
    const broken = clone(sample) as { Accounts: Record<string, unknown>[]; Policies: { PolicySummary: { Id: string }; Targets: { TargetId: string }[] }[] };
    const template = broken.Accounts[1];
    for (let i = broken.Accounts.length; i < 45; i += 1) {
      const id = String(200000000000 + i);
      broken.Accounts.push({ ...template, Id: id, Email: `extra${i}@example.com`, Name: `extra-${i}` });
      // As AWS does for every new account while SCPs and RCPs are enabled.
      for (const policy of broken.Policies.filter((p) => p.PolicySummary.Id === 'p-FullAWSAccess' || p.PolicySummary.Id === 'p-RCPFullAWSAccess')) policy.Targets.push({ TargetId: id });
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
    const deep = clone(sample) as { OrganizationalUnits: Record<string, unknown>[]; Policies: { PolicySummary: { Id: string }; Targets: { TargetId: string }[] }[] };
    const addOu = (id: string, name: string, parentId: string) => {
      deep.OrganizationalUnits.push({ Id: id, Name: name, ParentId: parentId });
      for (const policy of deep.Policies.filter((p) => p.PolicySummary.Id === 'p-FullAWSAccess' || p.PolicySummary.Id === 'p-RCPFullAWSAccess')) policy.Targets.push({ TargetId: id });
    };
    let parent = 'r-lz7a';
    for (let level = 1; level <= 6; level += 1) {
      const id = `ou-lz7a-deep000${level}`;
      addOu(id, `Deep ${level}`, parent);
      parent = id;
    }
    addOu('ou-lz7a-dupename', 'Security', 'r-lz7a');
    const error = (await importBundle(db, deep).catch((e: unknown) => e)) as ImportRejectedError;
    expect(error.problems.map((p) => [p.awsCode, p.awsReason ?? null])).toEqual([
      ['ConstraintViolationException', 'OU_DEPTH_LIMIT_EXCEEDED'],
      ['DuplicateOrganizationalUnitException', null],
    ]);
  });

  it('enforces the attachment quotas: at least one SCP everywhere while SCPs are enabled, at most ten per target', async () => {
    const missing = clone(sample) as { Policies: { PolicySummary: { Id: string }; Targets: { TargetId: string }[] }[] };
    const full = missing.Policies.find((p) => p.PolicySummary.Id === 'p-FullAWSAccess')!;
    full.Targets = full.Targets.filter((t) => t.TargetId !== '100000000007');
    const error = (await importBundle(db, missing).catch((e: unknown) => e)) as ImportRejectedError;
    expect(error.problems).toEqual([expect.objectContaining({ awsCode: 'ConstraintViolationException', awsReason: 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED' })]);
    expect(error.problems[0].message).toContain('100000000007');

    const crowded = clone(sample) as { Policies: Record<string, unknown>[] };
    for (let i = 0; i < 10; i += 1) {
      crowded.Policies.push({
        PolicySummary: { Id: `p-crowded${i}0`, Name: `Crowded${i}`, Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false },
        Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: `s3:Put${i}*`, Resource: '*' }] }),
        Targets: [{ TargetId: 'ou-lz7a-sandbox1' }],
      });
    }
    const tooMany = (await importBundle(db, crowded).catch((e: unknown) => e)) as ImportRejectedError;
    expect(tooMany.problems.map((p) => p.awsReason)).toEqual(['MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED']);
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

describe('interchange procedures', () => {
  it('import and export through the tRPC caller; an invalid bundle is BAD_REQUEST with AWS\'s code', async () => {
    const caller = createCaller(createInnerContext({ db }));
    const report = await caller.interchange.importBundle({ document: sample, name: uniqueName('trpc import') });
    expect(report.counts.organizationalUnits).toBe(6);
    const exported = await caller.interchange.export({ designId: report.designId, format: 'terraform' });
    expect(exported.fileName).toMatch(/\.tf\.json$/);
    expect(JSON.parse(exported.content).resource.aws_organizations_organizational_unit).toBeDefined();

    const broken = clone(sample) as { Accounts: { ParentId: string }[] };
    broken.Accounts[2].ParentId = 'ou-lz7a-nowhere00';
    const error = await caller.interchange.importBundle({ document: broken }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('$.Accounts[2].ParentId') });
    await expect(caller.interchange.export({ designId: 'no-such-design', format: 'bundle' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('round trip after editing', () => {
  it('a design edited through the Organizations operations exports and re-imports identically', async () => {
    const { designId } = await importBundle(db, sample, { name: uniqueName('edited round trip') });
    const tree = (await loadOrgTree(db, designId))!;
    let revision = tree.design.revision;
    const workloads = tree.ous.find((ou) => ou.name === 'Workloads')!;
    await createOrganizationalUnit(db, { designId, expectedRevision: revision++, parentId: workloads.id, name: 'Analytics', tags: [{ key: 'team', value: 'data' }] });
    const analyticsRowId = (await loadOrgTree(db, designId))!.ous.find((ou) => ou.name === 'Analytics')!.id;
    await createAccount(db, { designId, expectedRevision: revision++, accountName: 'analytics-prod', email: 'analytics@lz7.example.com', parentId: analyticsRowId });
    await createPolicy(db, {
      designId, expectedRevision: revision++, type: 'SERVICE_CONTROL_POLICY', name: 'DenyRedshiftPublic', description: 'No public clusters',
      content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'redshift:ModifyCluster', Resource: '*', Condition: { Bool: { 'redshift:PubliclyAccessible': 'true' } } }] }),
    });
    const edited = (await loadOrgTree(db, designId))!;
    const policy = edited.policies.find((p) => p.name === 'DenyRedshiftPublic')!;
    const analytics = edited.ous.find((ou) => ou.name === 'Analytics')!;
    await attachPolicy(db, { designId, expectedRevision: revision++, policyId: policy.id, targetId: analytics.id });

    const exported1 = (await exportDesign(db, designId, 'bundle')).document;
    const second = await importBundle(db, JSON.parse(JSON.stringify(exported1)), { name: uniqueName('edited round trip 2') });
    expect((await exportDesign(db, second.designId, 'bundle')).document).toEqual(exported1);
    const accounts = exported1.Accounts as { Name: string; ParentId: string }[];
    expect(accounts.find((a) => a.Name === 'analytics-prod')?.ParentId).toBe(analytics.awsId);
    const details = exported1.AuthorizationDetails as Record<string, { RoleDetailList: { RoleName: string }[] }>;
    const created = (exported1.Accounts as { Id: string; Name: string }[]).find((a) => a.Name === 'analytics-prod')!;
    // CreateAccount adds OrganizationAccountAccessRole; it travels with the export.
    expect(details[created.Id]?.RoleDetailList.map((r) => r.RoleName)).toContain('OrganizationAccountAccessRole');
  });
});

// Issue 14, hole 7: automatic names ("Imported o-…", "… (2)") are proposals, retried when another import wins.
describe('concurrent imports without a name', () => {
  it('all 20 succeed, each under its own automatic name', async () => {
    const reports = await Promise.allSettled(Array.from({ length: 20 }, () => importBundle(db, clone(sample))));
    const failures = reports.filter((report) => report.status === 'rejected').map((report) => String((report as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const names = reports.map((report) => (report as PromiseFulfilledResult<{ name: string }>).value.name);
    expect(new Set(names).size).toBe(20);
    for (const name of names) expect(name).toMatch(/^Imported o-\w+( \(\d+\))?$/);
  });
});
