// IAM Identity Center through the bundle and the folder of AWS CLI outputs: a design edited through the services
// exports in the CLI's shapes (sso-admin list-instances, describe-permission-set, list-managed-policies-in-permission-set,
// list-customer-managed-policy-references-in-permission-set, get-inline-policy-for-permission-set,
// get-permissions-boundary-for-permission-set, list-account-assignments; identitystore list-users, list-groups,
// list-group-memberships: https://docs.aws.amazon.com/cli/latest/reference/sso-admin/ and .../identitystore/), imports
// back identically, and a bundle that breaks the APIs' rules is refused with their exception names.
import { afterAll, describe, expect, it } from 'vitest';
import { readAwsBundle } from '../../../server/engine';
import * as ic from '../../../server/services/identity-center';
import { identityCenterFromCliFiles, identityCenterToCliFiles } from '../../../server/services/interchange/identity-center-cli-files';
import { exportDesign, importBundle } from '../../../server/services/interchange/interchange-service';
import { createAccount } from '../../../server/services/organizations';
import { createTestDb, uniqueName } from '../../support/db-test-client';

// Bundles are untyped JSON: the tests walk them as such.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
import { newDesign, Revision } from '../organizations/helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

const WORKLOAD = '210987654321';
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

async function designWithIdentityCenter() {
  const d = await newDesign(db, 'ic interchange');
  const rev = new Revision();
  const base = () => rev.base(d.designId);
  rev.took(await createAccount(db, { ...base(), accountName: 'Workload', email: `w-${d.designId}@example.com`, accountId: WORKLOAD }));
  rev.took(await ic.enableIdentityCenter(db, { ...base(), name: 'corp', region: 'eu-west-1' }));
  rev.took(await ic.createIdentityStoreUser(db, { ...base(), userName: 'alice', displayName: 'Alice', givenName: 'Alice', familyName: 'Moreau', email: 'alice@example.com' }));
  rev.took(await ic.createIdentityStoreUser(db, { ...base(), userName: 'bob', displayName: 'Bob' }));
  rev.took(await ic.createIdentityStoreGroup(db, { ...base(), displayName: 'Developers', description: 'Builders' }));
  rev.took(await ic.createGroupMembership(db, { ...base(), groupId: 'Developers', userId: 'bob' }));
  rev.took(await ic.createPermissionSet(db, { ...base(), name: 'AdministratorAccess', sessionDuration: 'PT4H', relayState: 'https://console.aws.amazon.com/' }));
  rev.took(await ic.attachManagedPolicyToPermissionSet(db, { ...base(), permissionSetArn: 'AdministratorAccess', managedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  rev.took(await ic.createPermissionSet(db, { ...base(), name: 'Developer', description: 'Build and run' }));
  rev.took(await ic.putInlinePolicyToPermissionSet(db, { ...base(), permissionSetArn: 'Developer', inlinePolicy: doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]) }));
  rev.took(await ic.attachCustomerManagedPolicyReference(db, { ...base(), permissionSetArn: 'Developer', customerManagedPolicyReference: { name: 'TeamAccess', path: '/teams/' } }));
  rev.took(await ic.putPermissionsBoundaryToPermissionSet(db, { ...base(), permissionSetArn: 'Developer', customerManagedPolicyReference: { name: 'DevBoundary', path: '/' } }));
  rev.took(await ic.createAccountAssignment(db, { ...base(), permissionSetArn: 'AdministratorAccess', targetId: WORKLOAD, principalType: 'USER', principalId: 'alice' }));
  rev.took(await ic.createAccountAssignment(db, { ...base(), permissionSetArn: 'Developer', targetId: WORKLOAD, principalType: 'GROUP', principalId: 'Developers' }));
  return d;
}

describe('IAM Identity Center interchange', () => {
  it('exports in the CLI shapes and round-trips identically through import; the folder of CLI outputs carries the same section', async () => {
    const d = await designWithIdentityCenter();
    const exported1 = (await exportDesign(db, d.designId, 'bundle')).document as Record<string, unknown>;
    const section = exported1.IdentityCenter as Loose;
    expect(section.Region).toBe('eu-west-1');
    expect(section.Instances[0]).toMatchObject({ OwnerAccountId: d.managementAccountId, Name: 'corp', Status: 'ACTIVE' });
    const developer = section.PermissionSets.find((ps: Loose) => ps.PermissionSet.Name === 'Developer');
    expect(developer).toMatchObject({
      CustomerManagedPolicyReferences: [{ Name: 'TeamAccess', Path: '/teams/' }],
      PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'DevBoundary', Path: '/' } },
      AttachedManagedPolicies: [],
    });
    expect(JSON.parse(developer.InlinePolicy).Statement[0].Action).toBe('s3:*');
    expect(section.Users.find((u: { UserName: string }) => u.UserName === 'alice')).toMatchObject({ Name: { GivenName: 'Alice', FamilyName: 'Moreau' }, Emails: [{ Value: 'alice@example.com', Primary: true }] });
    expect(section.GroupMemberships[0]).toMatchObject({ MemberId: { UserId: expect.any(String) } });
    expect(section.AccountAssignments).toHaveLength(2);

    const second = await importBundle(db, JSON.parse(JSON.stringify(exported1)), { name: uniqueName('ic round trip') });
    const exported2 = (await exportDesign(db, second.designId, 'bundle')).document;
    expect(exported2).toEqual(exported1);
    expect((await ic.identityCenterView(db, second.designId)).provisioning.map((p) => p.status).sort()).toEqual(['FAILED', 'SUCCEEDED']);

    // Folder of CLI outputs: the section becomes one file per command (and per permission set), and reads back equal.
    const files = identityCenterToCliFiles(section);
    expect(Object.keys(files)).toEqual(expect.arrayContaining([
      'identity-center/list-instances.json', 'identity-center/list-permission-sets.json', 'identity-center/list-users.json',
      'identity-center/list-groups.json', 'identity-center/region.txt',
    ]));
    const read = (relative: string) => (files[relative] === undefined ? undefined : JSON.parse(files[relative]));
    const list = (folder: string) => Object.keys(files).filter((f) => f.startsWith(`${folder}/`)).map((f) => f.slice(folder.length + 1)).sort();
    const fromFiles = identityCenterFromCliFiles(read, list, (relative) => files[relative]);
    const rebuilt = readAwsBundle({ ...exported1, IdentityCenter: fromFiles });
    const original = readAwsBundle(exported1);
    expect(rebuilt.ok && original.ok).toBe(true);
    if (rebuilt.ok && original.ok) expect(rebuilt.design.identityCenter).toEqual(original.design.identityCenter);
  });

  it('refuses what the APIs refuse, naming the JSON path and the exception', async () => {
    const d = await designWithIdentityCenter();
    const bundle = (await exportDesign(db, d.designId, 'bundle')).document as Loose;
    const broken = JSON.parse(JSON.stringify(bundle));
    broken.IdentityCenter.PermissionSets[1].PermissionSet.Name = broken.IdentityCenter.PermissionSets[0].PermissionSet.Name.toLowerCase();
    broken.IdentityCenter.PermissionSets[0].PermissionSet.SessionDuration = 'PT13H';
    broken.IdentityCenter.AccountAssignments[0].AccountId = '999999999999';
    const result = readAwsBundle(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual(expect.arrayContaining([
        expect.objectContaining({ path: '$.IdentityCenter.PermissionSets[0].PermissionSet.SessionDuration', awsCode: 'ValidationException' }),
        expect.objectContaining({ path: '$.IdentityCenter.PermissionSets[1]', awsCode: 'ConflictException' }),
        expect.objectContaining({ path: '$.IdentityCenter.AccountAssignments[0].AccountId', awsCode: 'ValidationException' }),
      ]));
    }
  });

  it('applies the raised Identity Center quotas of LzsimQuotaOverrides on import, as the live instance did (limits.html)', async () => {
    const d = await designWithIdentityCenter();
    const bundle = (await exportDesign(db, d.designId, 'bundle')).document as Loose;
    // 2,001 permission sets, 251 of them provisioned to the workload account: over both default quotas (2,000 and 250).
    const template = bundle.IdentityCenter.PermissionSets[1];
    const suffix = template.PermissionSet.PermissionSetArn.split('/')[1];
    const many = JSON.parse(JSON.stringify(bundle));
    many.IdentityCenter.PermissionSets = Array.from({ length: 2001 }, (_, i) => {
      const copy = JSON.parse(JSON.stringify(template));
      copy.PermissionSet.Name = `Team${i}`;
      copy.PermissionSet.PermissionSetArn = `arn:aws:sso:::permissionSet/${suffix}/ps-${i.toString(16).padStart(16, '0')}`;
      return copy;
    });
    many.IdentityCenter.AccountAssignments = many.IdentityCenter.PermissionSets.slice(0, 251).map((set: Loose) => ({
      AccountId: WORKLOAD, PermissionSetArn: set.PermissionSet.PermissionSetArn, PrincipalType: 'USER', PrincipalId: bundle.IdentityCenter.Users[0].UserId,
    }));
    const refused = readAwsBundle(many);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.problems).toEqual(expect.arrayContaining([
        expect.objectContaining({ path: '$.IdentityCenter.PermissionSets', awsCode: 'ServiceQuotaExceededException', message: expect.stringContaining('2001 permission sets, more than the quota of 2000') }),
        expect.objectContaining({ path: '$.IdentityCenter.AccountAssignments', awsCode: 'ServiceQuotaExceededException', message: expect.stringContaining(`account ${WORKLOAD} has 251 permission sets provisioned, more than the quota of 250`) }),
      ]));
    }

    many.LzsimQuotaOverrides = { identityCenter: { maxPermissionSets: 2500, maxProvisionedPermissionSetsPerAccount: 300 } };
    const accepted = readAwsBundle(many);
    expect(accepted.ok ? [] : accepted.problems).toEqual([]);
    const imported = await importBundle(db, many, { name: uniqueName('ic raised quotas') });
    const exported = (await exportDesign(db, imported.designId, 'bundle')).document as Loose;
    expect(exported.LzsimQuotaOverrides).toEqual({ identityCenter: { maxPermissionSets: 2500, maxProvisionedPermissionSetsPerAccount: 300 } });
    expect(exported.IdentityCenter.PermissionSets).toHaveLength(2001);
  }, 240_000);
});
