// The policy editor's API through createCaller on a real database: policy.validate (engine findings placed on
// their line), policy.list (the library with targets), account.details (IAM, trust, effective management
// policies) and the typed history.revisions / history.diff the history panel reads.
// AWS pages: Organizations orgs_manage_policies_scps_syntax.html (no Principal in SCPs), orgs_reference_limits.html
// (SCP size 10,240 characters, whitespace counted), IAM id_roles_create_for-user_externalid.html.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { SAMPLE_DESIGN_NAME, sampleAccount } from '@/server/db/sample-landing-zone';
import { seedSampleLandingZone } from '@/server/db/seed';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));

afterAll(async () => {
  await db.$disconnect();
});

const DENY_S3 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DenyS3', Effect: 'Deny', Action: 's3:*', Resource: '*' }] }, null, 2);

describe('policy.validate', () => {
  it('accepts a valid SCP and reports its size against the SCP quota', async () => {
    const result = await api.policy.validate({ type: 'SERVICE_CONTROL_POLICY', content: DENY_S3 });
    expect(result.rejected).toBe(false);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.size).toEqual({ characters: DENY_S3.length, quota: 10_240 });
  });

  it('places a JSON syntax error on its line and column', async () => {
    const broken = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Deny",, "Action": "*"}\n  ]\n}';
    const result = await api.policy.validate({ type: 'SERVICE_CONTROL_POLICY', content: broken });
    expect(result.rejected).toBe(true);
    expect(result.findings[0]).toMatchObject({ code: 'MALFORMED_JSON', severity: 'error', line: 4, column: 23 });
  });

  it('places an SCP Principal error on the Principal line', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Deny",\n    "Principal": "*",\n    "Action": "s3:*",\n    "Resource": "*"\n  }\n}';
    const result = await api.policy.validate({ type: 'SERVICE_CONTROL_POLICY', content: text });
    const principal = result.findings.find((f) => f.path === '$.Statement.Principal');
    expect(principal, JSON.stringify(result.findings)).toMatchObject({ severity: 'error', line: 5 });
  });

  it('applies the design\'s own size quota when a design is named', async () => {
    const design = await api.design.create({ name: uniqueName('validate quota') });
    await api.organization.setQuotaOverrides({ designId: design.id, expectedRevision: design.revision, overrides: { policySizes: { SERVICE_CONTROL_POLICY: 100 } } });
    const result = await api.policy.validate({ designId: design.id, type: 'SERVICE_CONTROL_POLICY', content: DENY_S3 });
    expect(result.size.quota).toBe(100);
    expect(result.rejected).toBe(true);
    expect(result.findings.some((f) => f.severity === 'error' && f.path === '$')).toBe(true);
  });

  it('validates management policies with the management grammar', async () => {
    const result = await api.policy.validate({
      type: 'AISERVICES_OPT_OUT_POLICY',
      content: '{\n  "services": {\n    "default": {\n      "opt_out_policy": { "@@assign": "sometimes" }\n    }\n  }\n}',
    });
    expect(result.rejected).toBe(true);
    expect(result.findings.find((f) => f.severity === 'error')?.line).toBe(4);
    expect(result.size.quota).toBe(2_500);
  });

  it('answers NOT_FOUND for an unknown design', async () => {
    await expect(api.policy.validate({ designId: 'no-such-design', type: 'SERVICE_CONTROL_POLICY', content: DENY_S3 })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'NOT_FOUND',
    );
  });
});

describe('policy.list, and the history of a policy edit', () => {
  it('lists FullAWSAccess as AWS-managed on the root and the management account, then a new SCP where it was attached', async () => {
    const design = await api.design.create({ name: uniqueName('library') });
    const tree = await api.org.tree({ designId: design.id });
    const before = await api.policy.list({ designId: design.id });
    expect(before.enabledTypes).toContain('SERVICE_CONTROL_POLICY');
    const full = before.policies.find((p) => p.awsId === 'p-FullAWSAccess');
    expect(full).toMatchObject({ type: 'SERVICE_CONTROL_POLICY', awsManaged: true });
    expect(full?.targets.map((t) => t.kind).sort()).toEqual(['account', 'root']);

    const created = await api.policy.create({
      designId: design.id, expectedRevision: before.revision, type: 'SERVICE_CONTROL_POLICY', name: 'DenyS3', content: DENY_S3,
    });
    const policyId = (created.policy as { id: string }).id;
    const attached = await api.policy.attach({ designId: design.id, expectedRevision: created.revision, policyId, targetId: tree.root!.id });
    const after = await api.policy.list({ designId: design.id });
    expect(after.revision).toBe(attached.revision);
    expect(after.policies.find((p) => p.id === policyId)?.targets).toEqual([{ id: tree.root!.id, awsId: tree.root!.awsId, name: 'Root', kind: 'root' }]);

    const history = await api.history.revisions({ designId: design.id });
    expect(history.revisions.slice(0, 2).map((r) => r.operation)).toEqual(['attachPolicy', 'createPolicy']);
    expect(history.revisions[0].createdAt).toBeInstanceOf(Date);
    expect(history.canUndo).toBe(true);

    const diff = await api.history.diff({ designId: design.id, fromRevision: before.revision, toRevision: attached.revision });
    expect(diff.policies.added).toEqual([expect.objectContaining({ name: 'DenyS3', type: 'SERVICE_CONTROL_POLICY' })]);
    expect(diff.attachments.added).toEqual([
      expect.objectContaining({ policy: expect.objectContaining({ name: 'DenyS3' }), target: expect.objectContaining({ kind: 'root' }) }),
    ]);
  });
});

describe('policy.summaries, policy.attachedTo and policy.get: the library in parts', () => {
  it('say what policy.list says: target counts, one node\'s policies, one policy whole', async () => {
    const design = await api.design.create({ name: uniqueName('library parts') });
    const tree = await api.org.tree({ designId: design.id });
    const root = tree.root!;
    const created = await api.policy.create({
      designId: design.id, expectedRevision: design.revision, type: 'SERVICE_CONTROL_POLICY', name: 'DenyS3', content: DENY_S3,
    });
    const policyId = (created.policy as { id: string }).id;
    await api.policy.attach({ designId: design.id, expectedRevision: created.revision, policyId, targetId: root.id });
    const library = await api.policy.list({ designId: design.id });

    const summaries = await api.policy.summaries({ designId: design.id });
    expect(summaries).toMatchObject({ revision: library.revision, enabledTypes: library.enabledTypes });
    expect(summaries.policies).toEqual(library.policies.map(({ content: _content, targets, ...policy }) => ({ ...policy, targetCount: targets.length })));
    expect(summaries.policies.find((p) => p.id === policyId)).toMatchObject({ name: 'DenyS3', targetCount: 1 });

    const onRoot = await api.policy.attachedTo({ designId: design.id, targetId: root.id });
    const expected = library.policies.filter((p) => p.targets.some((t) => t.id === root.id)).map((p) => p.name);
    expect(onRoot.policies.map((p) => p.name)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['FullAWSAccess', 'DenyS3']));
    const elsewhere = tree.accounts.find((account) => !library.policies.some((p) => p.name === 'DenyS3' && p.targets.some((t) => t.id === account.id)))!;
    expect((await api.policy.attachedTo({ designId: design.id, targetId: elsewhere.id })).policies.map((p) => p.name)).not.toContain('DenyS3');

    expect(await api.policy.get({ designId: design.id, policyId })).toEqual(library.policies.find((p) => p.id === policyId));
    await expect(api.policy.get({ designId: design.id, policyId: 'no-such-policy' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('account.details', () => {
  let designId: string;

  beforeAll(async () => {
    await seedSampleLandingZone(db);
    const sample = (await api.design.list()).find((design) => design.name === SAMPLE_DESIGN_NAME);
    if (!sample) throw new Error('the sample design was not seeded');
    const copy = await api.history.branch({ designId: sample.id, newName: uniqueName('account details') });
    designId = (copy as { design: { id: string } }).design.id;
  });

  it('lists roles with who can assume them, read from their trust policies', async () => {
    const audit = sampleAccount('audit');
    const details = await api.account.details({ designId, accountId: audit.accountId });
    expect(details.account).toMatchObject({ accountId: audit.accountId, name: audit.name, inOrganization: true, isManagement: false });
    expect(details.roles.length).toBeGreaterThan(0);
    for (const role of details.roles) {
      expect(role.arn).toBe(`arn:aws:iam::${audit.accountId}:role${role.path}${role.name}`);
      expect(role.trust.valid, `${role.name}: ${JSON.stringify(role.trust.findings)}`).toBe(true);
      expect(role.trust.statements.length).toBeGreaterThan(0);
    }
    // Accounts created through Organizations get OrganizationAccountAccessRole, trusted by the management account.
    const access = details.roles.find((r) => r.name === 'OrganizationAccountAccessRole');
    const management = sampleAccount('management').accountId;
    expect(access?.trust.statements.flatMap((s) => s.principals).some((p) => p.accountId === management)).toBe(true);
  });

  it('returns the five effective management policies with their chains', async () => {
    const details = await api.account.details({ designId, accountId: sampleAccount('paymentsProd').accountId });
    expect(details.effectivePolicies.map((p) => p.type)).toEqual(['TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'S3_POLICY', 'DECLARATIVE_POLICY_EC2']);
    for (const effective of details.effectivePolicies) {
      expect(effective.levels[0].kind).toBe('root');
      expect(effective.levels.at(-1)?.kind).toBe('account');
      if (effective.status === 'ok') expect(effective.document).not.toBeNull();
      if (effective.status === 'not-found') expect(effective.errors.length).toBeGreaterThan(0);
    }
  });

  it('answers AccountNotFoundException for an unknown account', async () => {
    await expect(api.account.details({ designId, accountId: '000000000000' })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'NOT_FOUND',
    );
  });
});
