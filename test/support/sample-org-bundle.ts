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
