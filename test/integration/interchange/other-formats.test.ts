import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../server/db/client';
import { loadOrgTree } from '../../../server/db/org-tree';
import { loadWorld } from '../../../server/db/world';
import { compileWorld, evaluate } from '../../../server/engine';
import { ImportRejectedError } from '../../../server/services/interchange/import-problems';
import { exportDesign, importBundle, importCliFiles, importCliFolder, importDocument, importOrgDesigner } from '../../../server/services/interchange/interchange-service';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(fixture(path), 'utf8')) as Record<string, unknown>;

let db: PrismaClient;
beforeAll(() => {
  db = createTestDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe('raw AWS CLI folder import', () => {
  it('imports test/fixtures/aws-cli/sample-org into the same design as the equivalent bundle', async () => {
    const fromFolder = await importCliFolder(db, fixture('aws-cli/sample-org'), { name: uniqueName('cli folder') });
    const fromBundle = await importBundle(db, readJson('bundles/sample-org.json'), { name: uniqueName('cli bundle') });
    expect(fromFolder.counts).toEqual(fromBundle.counts);
    expect((await exportDesign(db, fromFolder.designId, 'bundle')).document).toEqual((await exportDesign(db, fromBundle.designId, 'bundle')).document);
  });

  it('imports the same folder sent as files (a zip unpacked by the browser), under its parent folder, into the same design', async () => {
    const root = fixture('aws-cli');
    const files: Record<string, string> = {};
    const walk = (relative: string) => {
      for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
        const path = `${relative}/${entry.name}`;
        if (entry.isDirectory()) walk(path);
        else files[path] = readFileSync(join(root, path), 'utf8');
      }
    };
    walk('sample-org');
    const fromFiles = await importCliFiles(db, files, { name: uniqueName('cli files') });
    const fromFolder = await importCliFolder(db, fixture('aws-cli/sample-org'), { name: uniqueName('cli folder again') });
    expect((await exportDesign(db, fromFiles.designId, 'bundle')).document).toEqual((await exportDesign(db, fromFolder.designId, 'bundle')).document);
    const { 'sample-org/list-roots.json': _dropped, ...missing } = files;
    void _dropped;
    const error = (await importCliFiles(db, missing).catch((e: unknown) => e)) as ImportRejectedError;
    expect(error.problems.map((p) => p.path)).toEqual(['list-roots.json']);
  });

  it('importDocument tells an aws-org-designer export from a bundle, as the CLI does', async () => {
    const designer = await importDocument(db, readJson('org-designer/acme-landing-zone.json'), { name: uniqueName('detect designer') });
    const bundle = await importDocument(db, readJson('bundles/sample-org.json'), { name: uniqueName('detect bundle') });
    expect(designer.counts.accounts).toBeGreaterThan(0);
    expect(bundle.counts).toEqual((await importBundle(db, readJson('bundles/sample-org.json'), { name: uniqueName('detect bundle 2') })).counts);
  });

  it('names the missing file and imports nothing', async () => {
    const before = await db.design.count();
    const error = (await importCliFolder(db, fixture('aws-cli')).catch((e: unknown) => e)) as ImportRejectedError;
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error.problems.map((p) => p.path)).toEqual(['describe-organization.json', 'authorization-details/']);
    expect(await db.design.count()).toBe(before);
  });
});

describe('aws-org-designer import', () => {
  const exported = readJson('org-designer/acme-landing-zone.json');

  it('maps nodes, policies and attachments into a design, as AWS would hold them', async () => {
    const report = await importOrgDesigner(db, exported, { name: uniqueName('org designer') });
    const tree = (await loadOrgTree(db, report.designId))!;
    expect(tree.ous.map((ou) => ou.name).sort()).toEqual(['Dev', 'Prod', 'Sandbox', 'Security', 'Workloads']);
    // Five accounts of the designer plus the management account the designer does not model.
    expect(tree.accounts.map((a) => a.name).sort()).toEqual(['Audit', 'Log Archive', 'Management account', 'Sandbox 1', 'Shop Dev', 'Shop Prod']);
    expect(tree.accounts.find((a) => a.isManagementAccount)?.name).toBe('Management account');
    const prod = tree.ous.find((ou) => ou.name === 'Prod')!;
    expect(tree.ous.find((ou) => ou.id === prod.parentOuId)?.name).toBe('Workloads');
    // The "{}" placeholder is not importable; the others keep their names, FullAWSAccess keeps AWS's id.
    expect(tree.policies.map((p) => p.name).sort()).toEqual(['DenyLeaveOrganization', 'FullAWSAccess', 'OrgOnlyS3', 'RCPFullAWSAccess', 'SandboxNoNetworkChanges']);
    expect(tree.policies.find((p) => p.name === 'FullAWSAccess')).toMatchObject({ awsId: 'p-FullAWSAccess', awsManaged: true });
    expect(report.warnings.some((w) => w.includes('ToBeWritten'))).toBe(true);
    // An attachment marked inheritedFrom is not a direct attachment.
    const denyLeave = tree.policies.find((p) => p.name === 'DenyLeaveOrganization')!;
    expect(tree.attachments.filter((a) => a.policyId === denyLeave.id).map((a) => a.targetKind)).toEqual(['root']);

    // FullAWSAccess everywhere (as AWS attaches it), so the sandbox SCP is what decides there.
    const world = compileWorld((await loadWorld(db, report.designId))!);
    const sandboxAccount = tree.accounts.find((a) => a.name === 'Sandbox 1')!.accountId;
    const prodAccount = tree.accounts.find((a) => a.name === 'Shop Prod')!.accountId;
    const ask = (accountId: string) => evaluate(world, { principalArn: `arn:aws:iam::${accountId}:root`, action: 'ec2:CreateVpc', resource: '*', context: [] }).decision;
    expect(ask(sandboxAccount)).toBe('explicitDeny');
    expect(ask(prodAccount)).toBe('allowed');
  });

  it('imports the same file with the same AWS ids every time', async () => {
    const first = await importOrgDesigner(db, exported, { name: uniqueName('org designer a') });
    const second = await importOrgDesigner(db, exported, { name: uniqueName('org designer b') });
    expect((await exportDesign(db, second.designId, 'bundle')).document).toEqual((await exportDesign(db, first.designId, 'bundle')).document);
  });

  it('refuses an unknown format version with a clear error and imports nothing', async () => {
    const before = await db.design.count();
    const error = (await importOrgDesigner(db, { ...exported, version: '2.0.0' }).catch((e: unknown) => e)) as ImportRejectedError;
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error.problems[0]).toMatchObject({ path: '$.version' });
    expect(error.message).toContain('"2.0.0"');
    expect(error.message).toContain('1.0.0');
    expect(await db.design.count()).toBe(before);
  });

  it('refuses a policy document AWS would refuse, naming the policy', async () => {
    const broken = structuredClone(exported) as { policies: Record<string, { content: string }> };
    broken.policies.scp_sandbox.content = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'ec2:*', Resource: '*' }] });
    const error = (await importOrgDesigner(db, broken).catch((e: unknown) => e)) as ImportRejectedError;
    expect(error.awsCode).toBe('MalformedPolicyDocumentException');
    expect(error.message).toContain('SandboxNoNetworkChanges');
  });
});
