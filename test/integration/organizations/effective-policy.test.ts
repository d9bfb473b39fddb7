// Effective management policies through the engine's computeEffectivePolicy (inheritance operators as in
// orgs_manage_policies_inheritance_mgmt.html) and SCP/RCP chains per level (orgs_manage_policies_scps_evaluation.html).
import { afterAll, describe, expect, it } from 'vitest';
import { effectivePolicies, effectivePolicy, rcpChain, scpChain } from '../../../server/services/effective-policy';
import {
  attachPolicy,
  createAccount,
  createOrganizationalUnit,
  createPolicy,
  enablePolicyType,
  setQuotaOverrides,
} from '../../../server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

describe('effective policies and chains', () => {
  it('merges tag policies down root > OU > account and lists SCP/RCP levels', async () => {
    const d = await newDesign(db, 'effective');
    const rev = new Revision();
    const base = () => rev.base(d.designId);
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 100 } } }));
    const { ou } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Prod' }));
    const { account } = rev.took(await createAccount(db, { ...base(), accountName: 'App', email: `app-${d.designId}@example.com`, parentId: ou.id }));
    rev.took(await enablePolicyType(db, { ...base(), type: 'TAG_POLICY' }));
    const rootTags = rev.took(await createPolicy(db, {
      ...base(), type: 'TAG_POLICY', name: 'Root',
      content: JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['100', '200'] } } } }),
    })).policy;
    const ouTags = rev.took(await createPolicy(db, {
      ...base(), type: 'TAG_POLICY', name: 'Prod',
      content: JSON.stringify({ tags: { costcenter: { tag_value: { '@@append': ['300'] } } } }),
    })).policy;
    rev.took(await attachPolicy(db, { ...base(), policyId: rootTags.id, targetId: d.rootId }));
    rev.took(await attachPolicy(db, { ...base(), policyId: ouTags.id, targetId: ou.id }));

    const effective = await effectivePolicy(db, d.designId, account.accountId, 'TAG_POLICY');
    expect(effective.levels.map((l) => l.kind)).toEqual(['root', 'ou', 'account']);
    expect(effective.result.ok).toBe(true);
    if (effective.result.ok) {
      expect(effective.result.effective).toEqual({ tags: { costcenter: { tag_key: 'CostCenter', tag_value: ['100', '200', '300'] } } });
    }
    const none = await effectivePolicy(db, d.designId, account.id, 'BACKUP_POLICY');
    expect(none.result).toMatchObject({ ok: false, reason: 'not-found' });

    const scps = await scpChain(db, d.designId, account.id);
    expect(scps.applies).toBe(true);
    expect(scps.levels.map((l) => [l.kind, l.policies.map((p) => p.name)])).toEqual([
      ['root', ['FullAWSAccess']], ['ou', ['FullAWSAccess']], ['account', ['FullAWSAccess']],
    ]);
    const management = await scpChain(db, d.designId, d.managementAccountId);
    expect(management).toMatchObject({ applies: false, enabled: true });
    const rcps = await rcpChain(db, d.designId, ou.awsId);
    expect(rcps).toMatchObject({ enabled: false, applies: false });
    expect(rcps.levels.map((l) => l.kind)).toEqual(['root', 'ou']);
    await expectAwsError(scpChain(db, d.designId, 'ou-none-00000000'), 'TargetNotFoundException');

    // Several types at once (the account panel's three, read in one pass over the path): each chain holds only its
    // own type's policies (FullAWSAccess, an SCP, is attached at every level and must not appear) and each answer
    // is the one asked for alone.
    rev.took(await enablePolicyType(db, { ...base(), type: 'BACKUP_POLICY' }));
    const backup = rev.took(await createPolicy(db, {
      ...base(), type: 'BACKUP_POLICY', name: 'Daily',
      content: JSON.stringify({ plans: { daily: { regions: { '@@assign': ['us-east-1'] }, rules: { every_day: { target_backup_vault_name: { '@@assign': 'Default' } } } } } }),
    })).policy;
    rev.took(await attachPolicy(db, { ...base(), policyId: backup.id, targetId: account.id }));
    const together = await effectivePolicies(db, d.designId, account.accountId, ['TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY']);
    expect(together.map((entry) => [entry.type, entry.levels.map((l) => l.policies.map((p) => p.name))])).toEqual([
      ['TAG_POLICY', [['Root'], ['Prod'], []]],
      ['BACKUP_POLICY', [[], [], ['Daily']]],
      ['AISERVICES_OPT_OUT_POLICY', [[], [], []]],
    ]);
    for (const entry of together) {
      expect(entry).toEqual(await effectivePolicy(db, d.designId, account.accountId, entry.type));
    }
  });
});
