// Policies and attachments: API_CreatePolicy.html, API_UpdatePolicy.html, API_DeletePolicy.html,
// API_AttachPolicy.html, API_DetachPolicy.html, API_EnablePolicyType.html, API_DisablePolicyType.html;
// orgs_manage_policies_scps.html (FullAWSAccess attached everywhere when SCPs are enabled, every entity keeps
// one SCP), orgs_manage_policies_rcps.html (RCPFullAWSAccess attached everywhere, cannot be detached),
// orgs_reference_limits.html (sizes and attachments per target).
import { afterAll, describe, expect, it } from 'vitest';
import {
  attachPolicy,
  createAccount,
  createOrganizationalUnit,
  createPolicy,
  deletePolicy,
  detachPolicy,
  disablePolicyType,
  enablePolicyType,
  setQuotaOverrides,
  updatePolicy,
} from '../../../server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

const scp = (sid: string, action = 's3:DeleteBucket') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Deny', Action: action, Resource: '*' }] });
const rcp = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyOutside', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }],
});
const tagPolicy = JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['100', '200'] } } } });
// A partial backup policy (plans without a vault) is valid on its own: AWS checks completeness on the merged
// effective policy (orgs_manage_policies_backup_syntax.html); the example is from test/fixtures/management/backup-policies.json.
const partialBackup = JSON.stringify({ plans: { PII_Backup_Plan: { regions: { '@@assign': ['us-east-1'] }, rules: { Hourly: { schedule_expression: { '@@assign': 'cron(0 5/1 ? * * *)' } } } } } });
const optOut = JSON.stringify({ services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } });

async function setup() {
  const d = await newDesign(db, 'policies');
  const rev = new Revision();
  rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { defaultMaxAccounts: 100 } } }));
  const base = () => rev.base(d.designId);
  return { d, rev, base };
}

const fullAwsAccess = async (designId: string) =>
  db.organizationPolicy.findFirstOrThrow({ where: { organization: { designId }, awsId: 'p-FullAWSAccess' }, select: { id: true } });

describe('createPolicy / updatePolicy / deletePolicy', () => {
  it('creates every editable type, validated by the engine', async () => {
    const { d, rev, base } = await setup();
    const created = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'DenyDelete', content: scp('DenyDelete') }));
    expect(created.policy).toMatchObject({ type: 'SERVICE_CONTROL_POLICY', name: 'DenyDelete', awsManaged: false });
    expect(created.policy.awsId).toMatch(/^p-[a-z0-9]{8}$/);
    rev.took(await createPolicy(db, { ...base(), type: 'RESOURCE_CONTROL_POLICY', name: 'Perimeter', content: rcp }));
    rev.took(await createPolicy(db, { ...base(), type: 'TAG_POLICY', name: 'CostCenter', content: tagPolicy }));
    rev.took(await createPolicy(db, { ...base(), type: 'AISERVICES_OPT_OUT_POLICY', name: 'OptOut', content: optOut }));
    rev.took(await createPolicy(db, { ...base(), type: 'BACKUP_POLICY', name: 'Backups', content: partialBackup }));
    expect(await db.organizationPolicy.count({ where: { organization: { designId: d.designId }, awsManaged: false } })).toBe(5);
  });

  it('refuses malformed documents with MalformedPolicyDocumentException and too large ones with POLICY_CONTENT_LIMIT_EXCEEDED', async () => {
    const { rev, base } = await setup();
    await expectAwsError(createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Bad', content: '{"Statement": [' }), 'MalformedPolicyDocumentException');
    const withPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] });
    await expectAwsError(createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Bad', content: withPrincipal }), 'MalformedPolicyDocumentException');
    await expectAwsError(createPolicy(db, { ...base(), type: 'AISERVICES_OPT_OUT_POLICY', name: 'Bad', content: '{"services": {"default": {"opt_out_policy": {"@@assign": "maybe"}}}}' }), 'MalformedPolicyDocumentException');
    const padded = scp('Big').replace('{', `{${' '.repeat(10_300)}`);
    await expectAwsError(createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Big', content: padded }), 'ConstraintViolationException', 'POLICY_CONTENT_LIMIT_EXCEEDED');
    // The same document fits once the design raises its SCP size quota.
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 100 }, policySizes: { SERVICE_CONTROL_POLICY: 20_000 } } }));
    rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Big', content: padded }));
  });

  it('refuses duplicate names per type, and the policy count quota', async () => {
    const { rev, base } = await setup();
    rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Same', content: scp('A') }));
    await expectAwsError(createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Same', content: scp('B') }), 'DuplicatePolicyException');
    rev.took(await createPolicy(db, { ...base(), type: 'TAG_POLICY', name: 'Same', content: tagPolicy }));
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { maxPoliciesPerOrganization: { TAG_POLICY: 1 } } } }));
    await expectAwsError(createPolicy(db, { ...base(), type: 'TAG_POLICY', name: 'Other', content: tagPolicy }), 'ConstraintViolationException', 'POLICY_NUMBER_LIMIT_EXCEEDED');
  });

  it('updates customer policies, refuses AWS-managed ones (IMMUTABLE_POLICY) and deleting attached ones (PolicyInUseException)', async () => {
    const { d, rev, base } = await setup();
    const { policy } = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'P', content: scp('A') }));
    const updated = rev.took(await updatePolicy(db, { ...base(), policyId: policy.awsId, name: 'P2', content: scp('A', 's3:PutObject') }));
    expect(updated.policy).toMatchObject({ name: 'P2', content: scp('A', 's3:PutObject') });
    await expectAwsError(updatePolicy(db, { ...base(), policyId: policy.id, content: 'nope' }), 'MalformedPolicyDocumentException');
    await expectAwsError(updatePolicy(db, { ...base(), policyId: 'p-FullAWSAccess', name: 'Mine' }), 'InvalidInputException', 'IMMUTABLE_POLICY');
    await expectAwsError(deletePolicy(db, { ...base(), policyId: 'p-FullAWSAccess' }), 'InvalidInputException', 'IMMUTABLE_POLICY');
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.id, targetId: d.rootId }));
    await expectAwsError(deletePolicy(db, { ...base(), policyId: policy.id }), 'PolicyInUseException');
    rev.took(await detachPolicy(db, { ...base(), policyId: policy.id, targetId: d.rootAwsId }));
    rev.took(await deletePolicy(db, { ...base(), policyId: policy.id }));
    await expectAwsError(deletePolicy(db, { ...base(), policyId: policy.id }), 'PolicyNotFoundException');
  });
});

describe('attachPolicy / detachPolicy', () => {
  it('attaches, refuses duplicates, unknown targets, disabled types and the per-target maximum', async () => {
    const { d, rev, base } = await setup();
    const { ou } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Prod' }));
    const { policy } = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'P0', content: scp('A') }));
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.awsId, targetId: ou.awsId }));
    await expectAwsError(attachPolicy(db, { ...base(), policyId: policy.id, targetId: ou.id }), 'DuplicatePolicyAttachmentException');
    await expectAwsError(attachPolicy(db, { ...base(), policyId: policy.id, targetId: 'ou-none-00000000' }), 'TargetNotFoundException');
    await expectAwsError(attachPolicy(db, { ...base(), policyId: 'p-nothere1', targetId: ou.id }), 'PolicyNotFoundException');
    const tag = rev.took(await createPolicy(db, { ...base(), type: 'TAG_POLICY', name: 'T', content: tagPolicy })).policy;
    await expectAwsError(attachPolicy(db, { ...base(), policyId: tag.id, targetId: ou.id }), 'PolicyTypeNotEnabledException');
    // FullAWSAccess + P0 are attached: 8 more reach the default maximum of 10.
    for (let i = 1; i <= 8; i++) {
      const extra = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: `P${i}`, content: scp(`S${i}`) })).policy;
      rev.took(await attachPolicy(db, { ...base(), policyId: extra.id, targetId: ou.id }));
    }
    const eleventh = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'P9', content: scp('S9') })).policy;
    await expectAwsError(attachPolicy(db, { ...base(), policyId: eleventh.id, targetId: ou.id }), 'ConstraintViolationException', 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
  });

  it('keeps at least one SCP per target while SCPs are enabled (MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED)', async () => {
    const { d, rev, base } = await setup();
    const full = await fullAwsAccess(d.designId);
    await expectAwsError(detachPolicy(db, { ...base(), policyId: full.id, targetId: d.rootId }), 'ConstraintViolationException', 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
    const { policy } = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Allow', content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }));
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.id, targetId: d.rootId }));
    rev.took(await detachPolicy(db, { ...base(), policyId: full.id, targetId: d.rootId }));
    await expectAwsError(detachPolicy(db, { ...base(), policyId: full.id, targetId: d.rootId }), 'PolicyNotAttachedException');
  });
});

describe('enablePolicyType / disablePolicyType', () => {
  it('enabling RCPs attaches RCPFullAWSAccess everywhere, and it cannot be detached', async () => {
    const { d, rev, base } = await setup();
    const { ou } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Prod' }));
    const { account } = rev.took(await createAccount(db, { ...base(), accountName: 'App', email: `app-${d.designId}@example.com`, parentId: ou.id }));
    const enabled = rev.took(await enablePolicyType(db, { ...base(), type: 'RESOURCE_CONTROL_POLICY' }));
    // Root, the OU, the management account and the new account.
    expect(enabled.defaultPolicyAttachedTo).toBe(4);
    const rcpFull = await db.organizationPolicy.findFirstOrThrow({ where: { organization: { designId: d.designId }, awsId: 'p-RCPFullAWSAccess' }, select: { id: true, awsManaged: true } });
    expect(rcpFull.awsManaged).toBe(true);
    expect(await db.policyAttachment.count({ where: { policyId: rcpFull.id } })).toBe(4);
    await expectAwsError(detachPolicy(db, { ...base(), policyId: rcpFull.id, targetId: account.id }), 'ConstraintViolationException', 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
    await expectAwsError(enablePolicyType(db, { ...base(), type: 'RESOURCE_CONTROL_POLICY' }), 'PolicyTypeAlreadyEnabledException');
    // A new OU gets both defaults.
    const second = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Dev' })).ou;
    expect(await db.policyAttachment.count({ where: { ouId: second.id } })).toBe(2);
  });

  it('disabling a type detaches all its policies; enabling SCPs again attaches FullAWSAccess everywhere', async () => {
    const { d, rev, base } = await setup();
    const { ou } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Prod' }));
    const { policy } = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Deny', content: scp('D') }));
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.id, targetId: ou.id }));
    const disabled = rev.took(await disablePolicyType(db, { ...base(), type: 'SERVICE_CONTROL_POLICY' }));
    expect(disabled.detached).toBe(4); // FullAWSAccess on root, OU and management account, Deny on the OU
    expect(await db.policyAttachment.count({ where: { policy: { organization: { designId: d.designId }, type: 'SERVICE_CONTROL_POLICY' } } })).toBe(0);
    await expectAwsError(attachPolicy(db, { ...base(), policyId: policy.id, targetId: ou.id }), 'PolicyTypeNotEnabledException');
    await expectAwsError(disablePolicyType(db, { ...base(), type: 'SERVICE_CONTROL_POLICY' }), 'PolicyTypeNotEnabledException');
    const enabled = rev.took(await enablePolicyType(db, { ...base(), type: 'SERVICE_CONTROL_POLICY' }));
    expect(enabled.defaultPolicyAttachedTo).toBe(3);
    rev.took(await enablePolicyType(db, { ...base(), type: 'TAG_POLICY' }));
    const tag = rev.took(await createPolicy(db, { ...base(), type: 'TAG_POLICY', name: 'T', content: tagPolicy })).policy;
    rev.took(await attachPolicy(db, { ...base(), policyId: tag.id, targetId: ou.id }));
    // Management policies have no minimum: the only tag policy can be detached.
    rev.took(await detachPolicy(db, { ...base(), policyId: tag.id, targetId: ou.id }));
  });
});
