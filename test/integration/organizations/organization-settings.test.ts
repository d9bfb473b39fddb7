// Feature set (orgs_manage_org_support-all-features.html, API_EnableAllFeatures.html), delegated administrators
// (API_RegisterDelegatedAdministrator.html, API_EnableAWSServiceAccess.html) and tags (API_TagResource.html,
// API_UntagResource.html; 50 tags per resource in orgs_reference_limits.html).
import { afterAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganizationalUnit,
  createPolicy,
  deregisterDelegatedAdministrator,
  disableAwsServiceAccess,
  enableAllFeatures,
  enableAwsServiceAccess,
  enablePolicyType,
  inviteAccount,
  acceptInvitation,
  registerDelegatedAdministrator,
  describeDesignQuotas,
  setQuotaOverrides,
  setServiceQuota,
  tagResource,
  untagResource,
} from '../../../server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

async function setup() {
  const d = await newDesign(db, 'settings');
  const rev = new Revision();
  rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { defaultMaxAccounts: 100 } } }));
  return { d, rev, base: () => rev.base(d.designId) };
}

describe('enableAllFeatures', () => {
  it('switches consolidated billing to all features once, naming the invited accounts that must approve', async () => {
    const { d, rev, base } = await setup();
    await db.organization.update({ where: { designId: d.designId }, data: { featureSet: 'CONSOLIDATED_BILLING' } });
    rev.took(await inviteAccount(db, { ...base(), accountId: '123412341234' }));
    rev.took(await acceptInvitation(db, { ...base(), accountId: '123412341234' }));
    await expectAwsError(enablePolicyType(db, { ...base(), type: 'TAG_POLICY' }), 'PolicyTypeNotAvailableForOrganizationException');
    await expectAwsError(createPolicy(db, { ...base(), type: 'TAG_POLICY', name: 'T', content: '{"tags":{}}' }), 'PolicyTypeNotAvailableForOrganizationException');
    await expectAwsError(enableAwsServiceAccess(db, { ...base(), servicePrincipal: 'guardduty.amazonaws.com' }), 'ConstraintViolationException', 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE');
    const result = rev.took(await enableAllFeatures(db, base()));
    expect(result).toMatchObject({ featureSet: 'ALL', accountsThatMustApprove: ['123412341234'] });
    await expectAwsError(enableAllFeatures(db, base()), 'HandshakeConstraintViolationException', 'ORGANIZATION_ALREADY_HAS_ALL_FEATURES');
    rev.took(await enablePolicyType(db, { ...base(), type: 'TAG_POLICY' }));
  });
});

describe('delegated administrators', () => {
  it('registers a member account for a supported service with trusted access, and enforces AWS rules', async () => {
    const { d, rev, base } = await setup();
    const { account } = rev.took(await createAccount(db, { ...base(), accountName: 'Security', email: `sec-${d.designId}@example.com` }));
    const { account: other } = rev.took(await createAccount(db, { ...base(), accountName: 'Other', email: `other-${d.designId}@example.com` }));
    const service = 'securityhub.amazonaws.com';
    await expectAwsError(registerDelegatedAdministrator(db, { ...base(), accountId: d.managementAccountId, servicePrincipal: service }), 'ConstraintViolationException', 'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR');
    await expectAwsError(registerDelegatedAdministrator(db, { ...base(), accountId: account.id, servicePrincipal: 'ram.amazonaws.com' }), 'InvalidInputException', 'UNRECOGNIZED_SERVICE_PRINCIPAL');
    await expectAwsError(registerDelegatedAdministrator(db, { ...base(), accountId: account.id, servicePrincipal: service }), 'ConstraintViolationException', 'SERVICE_ACCESS_NOT_ENABLED');
    await expectAwsError(registerDelegatedAdministrator(db, { ...base(), accountId: '000011112222', servicePrincipal: service }), 'AccountNotFoundException');
    rev.took(await enableAwsServiceAccess(db, { ...base(), servicePrincipal: service }));
    const registered = rev.took(await registerDelegatedAdministrator(db, { ...base(), accountId: account.accountId, servicePrincipal: service }));
    expect(registered.delegatedAdministrator).toMatchObject({ accountId: account.accountId, servicePrincipal: service });
    await expectAwsError(registerDelegatedAdministrator(db, { ...base(), accountId: account.id, servicePrincipal: service }), 'AccountAlreadyRegisteredException');
    await expectAwsError(registerDelegatedAdministrator(db, { ...base(), accountId: other.id, servicePrincipal: service }), 'ConstraintViolationException', 'MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED');
    await expectAwsError(disableAwsServiceAccess(db, { ...base(), servicePrincipal: service }), 'ConstraintViolationException', 'DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE');
    rev.took(await deregisterDelegatedAdministrator(db, { ...base(), accountId: account.id, servicePrincipal: service }));
    await expectAwsError(deregisterDelegatedAdministrator(db, { ...base(), accountId: account.id, servicePrincipal: service }), 'AccountNotRegisteredException');
    rev.took(await disableAwsServiceAccess(db, { ...base(), servicePrincipal: service }));
  });
});

describe('tags', () => {
  it('tags the root, OUs, accounts and policies; merges and removes by key', async () => {
    const { d, rev, base } = await setup();
    const { ou } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Prod', tags: [{ key: 'env', value: 'prod' }] }));
    expect(ou.tags).toEqual([{ key: 'env', value: 'prod' }]);
    const tagged = rev.took(await tagResource(db, { ...base(), resourceId: ou.awsId, tags: [{ key: 'env', value: 'production' }, { key: 'team', value: 'core' }] }));
    expect(tagged.tags).toEqual([{ key: 'env', value: 'production' }, { key: 'team', value: 'core' }]);
    rev.took(await tagResource(db, { ...base(), resourceId: d.rootAwsId, tags: [{ key: 'owner', value: 'platform' }] }));
    rev.took(await tagResource(db, { ...base(), resourceId: d.managementAccountId, tags: [{ key: 'owner', value: 'finance' }] }));
    rev.took(await tagResource(db, { ...base(), resourceId: 'p-FullAWSAccess', tags: [{ key: 'kind', value: 'default' }] }));
    const untagged = rev.took(await untagResource(db, { ...base(), resourceId: ou.id, tagKeys: ['env', 'absent'] }));
    expect(untagged.tags).toEqual([{ key: 'team', value: 'core' }]);
    const root = await db.root.findUniqueOrThrow({ where: { id: d.rootId }, select: { tags: true } });
    expect(root.tags).toEqual([{ key: 'owner', value: 'platform' }]);
  });

  it('refuses reserved keys, bad lengths, characters outside AWS\'s pattern, duplicate keys, unknown resources and more than 50 tags', async () => {
    const { d, rev, base } = await setup();
    await expectAwsError(tagResource(db, { ...base(), resourceId: d.rootId, tags: [{ key: 'aws:owner', value: 'x' }] }), 'InvalidInputException', 'INVALID_SYSTEM_TAGS_PARAMETER');
    await expectAwsError(tagResource(db, { ...base(), resourceId: d.rootId, tags: [{ key: 'k'.repeat(129), value: 'x' }] }), 'InvalidInputException', 'MAX_LENGTH_EXCEEDED');
    await expectAwsError(tagResource(db, { ...base(), resourceId: d.rootId, tags: [{ key: 'k', value: 'v'.repeat(257) }] }), 'InvalidInputException', 'MAX_LENGTH_EXCEEDED');
    await expectAwsError(tagResource(db, { ...base(), resourceId: d.rootId, tags: [{ key: '', value: 'v' }] }), 'InvalidInputException', 'MIN_LENGTH_EXCEEDED');
    await expectAwsError(tagResource(db, { ...base(), resourceId: d.rootId, tags: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }), 'InvalidInputException', 'DUPLICATE_TAG_KEY');
    await expectAwsError(tagResource(db, { ...base(), resourceId: 'ou-none-00000000', tags: [{ key: 'a', value: '1' }] }), 'TargetNotFoundException');
    // Tag: Key and Value pattern ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$, https://docs.aws.amazon.com/organizations/latest/APIReference/API_Tag.html
    for (const tag of [{ key: '${file("/etc/passwd")}', value: 'x' }, { key: 'team', value: '{{resolve:ssm:/p}}' }, { key: 'cost', value: '%{ if }' }, { key: 'a;b', value: '' }]) {
      await expectAwsError(tagResource(db, { ...base(), resourceId: d.rootId, tags: [tag] }), 'InvalidInputException', 'INVALID_PATTERN');
    }
    await expectAwsError(createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Tagged', tags: [{ key: 'x', value: '<b>' }] }), 'InvalidInputException', 'INVALID_PATTERN');
    rev.took(await tagResource(db, { ...base(), resourceId: d.rootId, tags: [{ key: 'Équipe kostenstelle:名前', value: 'a.b/c=d+e-f@g_h 42' }] }));
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await expectAwsError(tagResource(db, { ...base(), resourceId: d.rootId, tags }), 'ConstraintViolationException', 'MAX_TAG_LIMIT_EXCEEDED');
  });
});

// Service Quotas (RequestServiceQuotaIncrease) for the quotas a customer may raise: orgs_reference_limits.html gives
// accounts 10 by default, up to 10,000; reference_iam-quotas.html gives a role trust policy 2,048 up to 4,096.
describe('setServiceQuota and the quotas page', () => {
  it('lists defaults, usage and maxima, raises an adjustable quota so an account can be added, and refuses the rest', async () => {
    const d = await newDesign(db, 'quotas');
    const rev = new Revision();
    const base = () => rev.base(d.designId);
    const before = await describeDesignQuotas(db, d.designId);
    const accounts = before.quotas.find((quota) => quota.key === 'organization.defaultMaxAccounts')!;
    expect(accounts).toMatchObject({ defaultValue: 10, value: 10, used: 1, adjustable: true, maximum: 10_000, raised: false });
    expect(before.quotas.find((quota) => quota.key === 'organization.maxOuDepth')).toMatchObject({ adjustable: false, used: 0 });
    expect(before.policyTypes).toEqual([{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }]);

    for (let index = 0; index < 9; index++) {
      rev.took(await createAccount(db, { ...base(), accountName: `A${index}`, email: `a${index}-${d.designId}@example.com` }));
    }
    await expectAwsError(createAccount(db, { ...base(), accountName: 'Eleventh', email: `x-${d.designId}@example.com` }), 'ConstraintViolationException', 'ACCOUNT_NUMBER_LIMIT_EXCEEDED');
    await expectAwsError(setServiceQuota(db, { ...base(), quotaKey: 'organization.defaultMaxAccounts', value: 10_001 }), 'IllegalArgumentException');
    await expectAwsError(setServiceQuota(db, { ...base(), quotaKey: 'organization.defaultMaxAccounts', value: 5 }), 'IllegalArgumentException');
    await expectAwsError(setServiceQuota(db, { ...base(), quotaKey: 'organization.maxOuDepth', value: 6 }), 'IllegalArgumentException');
    await expectAwsError(setServiceQuota(db, { ...base(), quotaKey: 'organization.nothing', value: 6 }), 'NoSuchResourceException');
    const raised = rev.took(await setServiceQuota(db, { ...base(), quotaKey: 'organization.defaultMaxAccounts', value: 20 }));
    expect(raised.quota).toEqual({ key: 'organization.defaultMaxAccounts', name: 'Accounts in the organization', value: 20, raised: true });
    rev.took(await createAccount(db, { ...base(), accountName: 'Eleventh', email: `x-${d.designId}@example.com` }));
    rev.took(await setServiceQuota(db, { ...base(), quotaKey: 'policySizes.IAM_ROLE_TRUST_POLICY', value: 4_096 }));
    expect((await db.design.findUniqueOrThrow({ where: { id: d.designId } })).quotaOverrides).toEqual({
      organization: { defaultMaxAccounts: 20 }, policySizes: { IAM_ROLE_TRUST_POLICY: 4_096 },
    });

    // Back to the default only while the design fits it.
    await expectAwsError(setServiceQuota(db, { ...base(), quotaKey: 'organization.defaultMaxAccounts', value: null }), 'IllegalArgumentException');
    rev.took(await setServiceQuota(db, { ...base(), quotaKey: 'policySizes.IAM_ROLE_TRUST_POLICY', value: null }));
    const after = await describeDesignQuotas(db, d.designId);
    expect(after.quotas.find((quota) => quota.key === 'organization.defaultMaxAccounts')).toMatchObject({ value: 20, used: 11, raised: true });
    expect(after.quotas.find((quota) => quota.key === 'policySizes.IAM_ROLE_TRUST_POLICY')).toMatchObject({ value: 2_048, raised: false });
    expect(after.quotas.find((quota) => quota.key === 'organization.maxPoliciesAttachedPerTarget.SERVICE_CONTROL_POLICY')!.used).toBe(1);
  });
});
