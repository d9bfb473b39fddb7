// The sample organization's export bundle (test/fixtures/bundles/sample-org.json) for tests that add a principal or a
// resource to it before importing: read afresh each time, so every test changes its own copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of the sample bundle these tests change; the rest is passed through as read. */
export interface SampleOrgBundle extends Record<string, unknown> {
  Organization: { Id: string; MasterAccountId: string };
  Accounts: { Id: string; ParentId?: string }[];
  Policies: { PolicySummary: { Name: string }; Content: string }[];
  AuthorizationDetails: Record<string, { UserDetailList: unknown[]; GroupDetailList: unknown[]; RoleDetailList: unknown[]; Policies: unknown[] }>;
  ResourcePolicies: Record<string, unknown>[];
}

/** A fresh copy of the sample organization's bundle. */
export function sampleOrgBundle(): SampleOrgBundle {
  return JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/bundles/sample-org.json'), 'utf8')) as SampleOrgBundle;
}

/**
 * Adds an IAM user (in get-account-authorization-details' shape) with one inline policy allowing `actions` on every
 * resource, to the account's entry (created when the account has none). Returns the user's ARN.
 */
export function addUserAllowing(bundle: SampleOrgBundle, accountId: string, user: { name: string; id: string }, actions: string[]): string {
  const arn = `arn:aws:iam::${accountId}:user/${user.name}`;
  const details = (bundle.AuthorizationDetails[accountId] ??= { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] });
  details.UserDetailList.push({
    Path: '/', UserName: user.name, UserId: user.id, Arn: arn, CreateDate: '2026-01-05T10:00:00Z',
    UserPolicyList: [{ PolicyName: 'allowed', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } }],
    GroupList: [], AttachedManagedPolicies: [], Tags: [],
  });
  return arn;
}

/** The sample's member accounts other than the management account, in file order. */
export function sampleMemberAccounts(bundle: SampleOrgBundle): string[] {
  return bundle.Accounts.filter((account) => account.ParentId && account.Id !== bundle.Organization.MasterAccountId).map((account) => account.Id);
}

/**
 * The sample organization with a public website bucket in each of two member accounts (site-of-owner, site-of-other:
 * Principal "*" may GetObject) and a user "reader" allowed s3:GetObject in a third.
 */
export function sampleOrgWithPublicBuckets(): { bundle: SampleOrgBundle; owner: string; other: string; reader: string } {
  const bundle = sampleOrgBundle();
  const [owner, other, reader] = sampleMemberAccounts(bundle);
  addUserAllowing(bundle, reader, { name: 'reader', id: 'AIDAREADERUSERX7K2MZQ' }, ['s3:GetObject']);
  const website = (bucket: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] });
  bundle.ResourcePolicies.push(
    { ResourceArn: 'arn:aws:s3:::site-of-owner', AccountId: owner, Policy: website('site-of-owner') },
    { ResourceArn: 'arn:aws:s3:::site-of-other', AccountId: other, Policy: website('site-of-other') },
  );
  return { bundle, owner, other, reader };
}
