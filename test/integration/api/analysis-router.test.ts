// analysis.* and catalog.* through createCaller on the real migrated test database and the seeded sample design
// (server/db/sample-landing-zone.ts: DenyLeaveOrganization on the root, DenyOutsideAllowedRegions on Workloads).
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { getDesignByName } from '@/server/db/designs';
import { DENY_LEAVE_ORGANIZATION_SCP, MANAGEMENT_ACCOUNT_ID, REGION_DENY_SCP, SAMPLE_DESIGN_NAME, sampleAccount } from '@/server/db/sample-landing-zone';
import { seedSampleLandingZone } from '@/server/db/seed';
import { createTestDb } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
let designId: string;
const paymentsProd = sampleAccount('paymentsProd').accountId;

beforeAll(async () => {
  const seeded = await seedSampleLandingZone(db);
  designId = seeded?.id ?? (await getDesignByName(db, SAMPLE_DESIGN_NAME))!.id;
});
afterAll(async () => {
  await db.$disconnect();
});

const isTrpcError = (code: string, awsCode?: string) => (error: unknown) =>
  error instanceof TRPCError && error.code === code && (awsCode === undefined || (error.cause as { awsCode?: string } | undefined)?.awsCode === awsCode);

describe('analysis.scpMatrix', () => {
  it('denies organizations:LeaveOrganization by the root SCP, naming the policy, level and statement', async () => {
    const matrix = await api.analysis.scpMatrix({ designId, accountId: paymentsProd, services: ['organizations'] });
    expect(matrix.appliesScps).toBe(true);
    expect(matrix.levels.map((level) => level.kind)).toEqual(['root', 'ou', 'ou', 'account']);
    const [service] = matrix.services;
    expect(service.service).toBe('organizations');
    expect(service.allowed + service.denied + service.deniedExcept + service.allowedExcept + service.conditional).toBe(service.total);
    const leave = service.actions.find((row) => row.action === 'organizations:LeaveOrganization');
    expect(leave).toMatchObject({
      decision: 'denied',
      deniedBy: { kind: 'explicitDeny', policyId: DENY_LEAVE_ORGANIZATION_SCP.awsId, policyName: DENY_LEAVE_ORGANIZATION_SCP.name, statementIndex: 0, sid: 'DenyLeaveOrganization', level: { kind: 'root' } },
    });
  });

  it('reports regional actions under the region-deny SCP as conditional on aws:RequestedRegion; a region outside leaves the admin exemption', async () => {
    const open = await api.analysis.scpMatrix({ designId, accountId: paymentsProd, services: ['ec2'] });
    const run = open.services[0].actions.find((row) => row.action === 'ec2:RunInstances');
    expect(run?.decision).toBe('conditional');
    expect(run?.dependsOn?.conditionKeys.map((key) => key.toLowerCase())).toContain('aws:requestedregion');

    const outside = await api.analysis.scpMatrix({
      designId, accountId: paymentsProd, services: ['ec2'], context: [{ key: 'aws:RequestedRegion', values: ['us-east-1'], type: 'string' }],
    });
    const runOutside = outside.services[0].actions.find((row) => row.action === 'ec2:RunInstances');
    // The admin-role exemption reads aws:PrincipalARN, fixed for each principal: not a condition of the account but
    // "denied except for principals matching" the pattern.
    expect(runOutside).toMatchObject({
      decision: 'deniedExcept',
      deniedBy: { kind: 'explicitDeny', policyName: REGION_DENY_SCP.name, sid: 'DenyAllOutsideAllowedRegions' },
      exceptions: [{ principals: 'aws:PrincipalARN like arn:aws:iam::*:role/LandingZoneAdmin', policyName: REGION_DENY_SCP.name }],
    });
    expect(outside.totals.conditional).toBeLessThan(open.totals.conditional);
  });

  it('resolves the matrix for a chosen principal: the admin role is exempt outside the allowed regions, other roles are not', async () => {
    const context = [{ key: 'aws:RequestedRegion', values: ['us-east-1'], type: 'string' as const }];
    const admin = await api.analysis.scpMatrix({ designId, accountId: paymentsProd, services: ['ec2'], context, principalArn: `arn:aws:iam::${paymentsProd}:role/LandingZoneAdmin` });
    expect(admin.principalArn).toBe(`arn:aws:iam::${paymentsProd}:role/LandingZoneAdmin`);
    expect(admin.services[0].actions.find((row) => row.action === 'ec2:RunInstances')?.decision).toBe('allowed');
    const other = await api.analysis.scpMatrix({ designId, accountId: paymentsProd, services: ['ec2'], context, principalArn: `arn:aws:iam::${paymentsProd}:role/OrganizationAccountAccessRole` });
    expect(other.services[0].actions.find((row) => row.action === 'ec2:RunInstances')?.decision).toBe('denied');
    expect(other.totals.deniedExcept).toBe(0);
    await expect(api.analysis.scpMatrix({ designId, accountId: paymentsProd, services: ['ec2'], principalArn: `arn:aws:iam::${paymentsProd}:role/NoSuchRole` }))
      .rejects.toSatisfy(isTrpcError('NOT_FOUND', 'NoSuchEntity'));
  });

  it('answers counts only, for every catalogued service, without includeActions', async () => {
    const summary = await api.analysis.scpMatrix({ designId, accountId: paymentsProd, includeActions: false });
    expect(summary.services.length).toBeGreaterThan(400);
    expect(summary.services.every((service) => service.actions.length === 0)).toBe(true);
    const organizations = summary.services.find((service) => service.service === 'organizations')!;
    const full = await api.analysis.scpMatrix({ designId, accountId: paymentsProd, services: ['organizations'] });
    expect(organizations).toEqual({ ...full.services[0], actions: [] });
    expect(summary.totals.total).toBe(summary.services.reduce((sum, service) => sum + service.total, 0));
  });

  it('says SCPs do not apply to the management account', async () => {
    const matrix = await api.analysis.scpMatrix({ designId, accountId: MANAGEMENT_ACCOUNT_ID, services: ['s3'] });
    expect(matrix.appliesScps).toBe(false);
    expect(matrix.note).toMatch(/management account/);
    expect(matrix.totals.denied).toBe(0);
    expect(matrix.totals.allowed).toBe(matrix.totals.total);
  });

  it('refuses an unknown account with AccountNotFoundException and an unknown service with InvalidInputException', async () => {
    await expect(api.analysis.scpMatrix({ designId, accountId: '000000000000' })).rejects.toSatisfy(isTrpcError('NOT_FOUND', 'AccountNotFoundException'));
    await expect(api.analysis.scpMatrix({ designId, accountId: paymentsProd, services: ['nosuchservice'] })).rejects.toSatisfy(isTrpcError('BAD_REQUEST', 'InvalidInputException'));
    await expect(api.analysis.scpMatrix({ designId, accountId: '12' })).rejects.toSatisfy(isTrpcError('BAD_REQUEST'));
  });
});

describe('catalog.actions', () => {
  it('completes an action prefix case-insensitively, sorted, at most the limit', async () => {
    const result = await api.catalog.actions({ prefix: 'S3:getobj' });
    expect(result.actions.length).toBeGreaterThan(1);
    expect(result.actions[0].action).toBe('s3:GetObject');
    for (const row of result.actions) expect(row.action.toLowerCase().startsWith('s3:getobj')).toBe(true);
    const names = result.actions.map((row) => row.action);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('lists an exact service first for a bare word and truncates at the limit', async () => {
    const result = await api.catalog.actions({ prefix: 's3', limit: 5 });
    expect(result.actions).toHaveLength(5);
    expect(result.truncated).toBe(true);
    for (const row of result.actions) expect(row.action.startsWith('s3:')).toBe(true);
  });

  it('answers nothing for an empty prefix or an unknown service', async () => {
    expect(await api.catalog.actions({ prefix: '' })).toEqual({ actions: [], truncated: false });
    expect(await api.catalog.actions({ prefix: 'nosuchservice:Get' })).toEqual({ actions: [], truncated: false });
  });
});

describe('analysis.principals', () => {
  it('lists the IAM users and roles of every account, each simulatable', async () => {
    const { principals } = await api.analysis.principals({ designId });
    expect(principals.length).toBeGreaterThan(5);
    const role = principals.find((p) => p.kind === 'role' && p.accountId === paymentsProd && p.name === 'OrganizationAccountAccessRole');
    expect(role).toMatchObject({ arn: `arn:aws:iam::${paymentsProd}:role/OrganizationAccountAccessRole`, accountName: 'Payments Prod', serviceLinked: false });
    const simulated = await api.simulation.simulate({ designId, request: { principalArn: role!.arn, action: 'organizations:LeaveOrganization', resource: '*', context: [] } });
    expect(simulated.result.decision).toBe('explicitDeny');
  });

  it('answers a search a page at a time with the total that matched, and narrows to one account and kind', async () => {
    const { principals: all } = await api.analysis.principals({ designId });
    const roles = all.filter((p) => p.kind === 'role' && p.name === 'OrganizationAccountAccessRole');
    expect(roles.length).toBeGreaterThan(2);
    // Every word must appear (any case) in the name, the ARN or the account's name.
    const page = await api.analysis.principals({ designId, query: 'organizationaccountaccess ROLE', limit: 2 });
    expect(page.total).toBe(roles.length);
    expect(page.principals.map((p) => p.arn)).toEqual(roles.slice(0, 2).map((p) => p.arn));
    const byAccountName = await api.analysis.principals({ designId, query: 'payments prod organizationaccountaccessrole' });
    expect(byAccountName.principals.map((p) => p.accountId)).toContain(paymentsProd);
    expect(byAccountName.principals.every((p) => /payments/i.test(p.accountName ?? '') && /prod/i.test(`${p.accountName} ${p.arn}`))).toBe(true);
    expect(byAccountName.total).toBeLessThan(roles.length);
    const oneAccount = await api.analysis.principals({ designId, accountId: paymentsProd, kind: 'role' });
    expect(oneAccount.principals.length).toBe(all.filter((p) => p.accountId === paymentsProd && p.kind === 'role').length);
    expect(oneAccount.principals.every((p) => p.accountId === paymentsProd && p.kind === 'role')).toBe(true);
    expect((await api.analysis.principals({ designId, query: 'no-such-principal-anywhere' })).total).toBe(0);
    await expect(api.analysis.principals({ designId, accountId: '12345' })).rejects.toThrow(/12 digits/);
  });

  it('lists role names by how many accounts have them, without service-linked roles', async () => {
    const { principals: all } = await api.analysis.principals({ designId });
    const accountsWith = (name: string) => new Set(all.filter((p) => p.kind === 'role' && p.name === name).map((p) => p.accountId)).size;
    const { names, total } = await api.analysis.principalNames({ designId, kind: 'role', limit: 500 });
    expect(total).toBe(names.length);
    expect(names[0]).toEqual({ name: names[0].name, accounts: accountsWith(names[0].name) });
    expect(names.find((entry) => entry.name === 'OrganizationAccountAccessRole')?.accounts).toBe(accountsWith('OrganizationAccountAccessRole'));
    for (let index = 1; index < names.length; index++) expect(names[index - 1].accounts).toBeGreaterThanOrEqual(names[index].accounts);
    const serviceLinked = all.filter((p) => p.serviceLinked).map((p) => p.name);
    expect(names.filter((entry) => serviceLinked.includes(entry.name) && !all.some((p) => p.name === entry.name && !p.serviceLinked))).toEqual([]);
    const searched = await api.analysis.principalNames({ designId, kind: 'role', query: 'accountaccess', limit: 1 });
    expect(searched.names.map((entry) => entry.name)).toEqual(['OrganizationAccountAccessRole']);
  });
});

describe('analysis.servicePrincipals', () => {
  it('lists the AWS services the design\'s policies name, searched by name: the log bucket names CloudTrail', async () => {
    const { services, total } = await api.analysis.servicePrincipals({ designId, limit: 200 });
    expect(total).toBe(services.length);
    // The organization trail's bucket policy names CloudTrail in two statements: one policy.
    expect(services.find((service) => service.name === 'cloudtrail.amazonaws.com')).toEqual({ name: 'cloudtrail.amazonaws.com', policies: 1 });
    for (let index = 1; index < services.length; index++) expect(services[index - 1].policies).toBeGreaterThanOrEqual(services[index].policies);
    const searched = await api.analysis.servicePrincipals({ designId, query: 'CLOUDTRAIL' });
    expect(searched.services.map((service) => service.name)).toEqual(['cloudtrail.amazonaws.com']);
    // Every service listed can be simulated as the caller.
    const answer = await api.simulation.simulate({ designId, request: { principalArn: searched.services[0].name, action: 's3:GetBucketAcl', resource: 'arn:aws:s3:::no-such-bucket', context: [] } });
    expect(answer.result.decision).toBe('implicitDeny');
  });
});

describe('analysis.policySource', () => {
  it('returns an SCP with the line range of each statement', async () => {
    const source = await api.analysis.policySource({ designId, policyId: REGION_DENY_SCP.awsId });
    expect(source).toMatchObject({ name: REGION_DENY_SCP.name, kind: 'SCP', text: REGION_DENY_SCP.content });
    expect(source.statements).toHaveLength(1);
    const lines = source.text.split('\n');
    const [range] = source.statements;
    expect(lines[range.startLine - 1].trim()).toBe('{');
    expect(lines.slice(range.startLine - 1, range.endLine).join('\n')).toContain('DenyAllOutsideAllowedRegions');
    expect(lines[range.endLine - 1].trim()).toBe('}');
    expect(range.endLine).toBe(lines.length - 2);
  });

  it('finds the policies a trace names: identity, from the principal account', async () => {
    const simulated = await api.simulation.simulate({
      designId,
      request: { principalArn: `arn:aws:iam::${paymentsProd}:role/OrganizationAccountAccessRole`, action: 's3:ListAllMyBuckets', resource: '*', context: [] },
    });
    const identity = simulated.result.trace.find((step) => step.layer === 'identity' && step.matched.length > 0);
    expect(identity).toBeDefined();
    const matched = identity!.matched[0];
    const source = await api.analysis.policySource({ designId, policyId: matched.policyId, accountId: paymentsProd });
    expect(source.kind).toBe('IDENTITY');
    expect(source.statements.some((range) => range.index === matched.statementIndex)).toBe(true);
  });

  it('answers NOT_FOUND with NoSuchEntity for a policy the design does not have', async () => {
    await expect(api.analysis.policySource({ designId, policyId: 'p-doesnotexist' })).rejects.toSatisfy(isTrpcError('NOT_FOUND', 'NoSuchEntity'));
  });
});
