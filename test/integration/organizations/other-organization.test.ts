// An account outside the organization placed in another organization (a partner's), on the real migrated test
// database: the bundle's OtherOrganizations section imports it, account.setOtherOrganization changes it with history
// and undo, the World carries it (aws:PrincipalOrgID of the partner's principals), and export writes it back.
// AWS: reference_policies_condition-keys.html#condition-keys-principalorgid ("included in the request context only if
// the principal is a member of an organization").
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { createTestDb } from '../../support/db-test-client';
import { addUserAllowing, sampleMemberAccounts, sampleOrgBundle, type SampleOrgBundle } from '../../support/sample-org-bundle';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
afterAll(async () => {
  await db.$disconnect();
});

const PARTNER_ACCOUNT = '777700001111';
const PARTNER_ORG = 'o-p4rtn3r9x2';
const BUCKET = 'arn:aws:s3:::shared-with-partner';

/**
 * The sample organization plus a partner account with one user, and a bucket of a member open to both organizations;
 * the sample's data perimeter RCP lets the partner's organization in too.
 */
function bundleWithPartner(otherOrganizations?: Record<string, unknown>): SampleOrgBundle {
  const bundle = sampleOrgBundle();
  const orgId = bundle.Organization.Id;
  const member = sampleMemberAccounts(bundle)[0];
  addUserAllowing(bundle, PARTNER_ACCOUNT, { name: 'analyst', id: 'AIDAP7PARTNERANLST4QZ' }, ['s3:GetObject']);
  const policy = { Version: '2012-10-17', Statement: [{ Sid: 'BothOrganizations', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringEquals: { 'aws:PrincipalOrgID': [orgId, PARTNER_ORG] } } }] };
  bundle.ResourcePolicies.push({ ResourceArn: BUCKET, AccountId: member, Policy: JSON.stringify(policy) });
  const perimeter = bundle.Policies.find((entry) => entry.PolicySummary.Name === 'DataPerimeter')!;
  perimeter.Content = perimeter.Content.replace(`"aws:PrincipalOrgID":"${orgId}"`, `"aws:PrincipalOrgID":["${orgId}","${PARTNER_ORG}"]`);
  if (otherOrganizations) bundle.OtherOrganizations = otherOrganizations;
  return bundle;
}

const request = { principalArn: `arn:aws:iam::${PARTNER_ACCOUNT}:user/analyst`, action: 's3:GetObject', resource: `${BUCKET}/report.csv`, context: [] };

describe('accounts of another organization', () => {
  it('imports OtherOrganizations (describe-organization output), decides with it, and exports it back', async () => {
    const { designId } = await api.interchange.importBundle({ document: bundleWithPartner({ [PARTNER_ACCOUNT]: { Organization: { Id: PARTNER_ORG, FeatureSet: 'ALL' } } }), name: `partner org ${Date.now()}` });
    expect((await api.account.outside({ designId })).accounts).toContainEqual(expect.objectContaining({ accountId: PARTNER_ACCOUNT, otherOrganizationId: PARTNER_ORG }));
    expect((await api.account.details({ designId, accountId: PARTNER_ACCOUNT })).account.otherOrganizationId).toBe(PARTNER_ORG);
    const { result } = await api.simulation.simulate({ designId, request });
    expect(result.decision).toBe('allowed');
    expect(result.context).toContainEqual(expect.objectContaining({ key: 'aws:PrincipalOrgID', values: [PARTNER_ORG] }));
    const exported = await api.interchange.export({ designId, format: 'bundle' });
    expect(JSON.parse(exported.content).OtherOrganizations).toEqual({ [PARTNER_ACCOUNT]: PARTNER_ORG });
  });

  it('sets and clears the other organization with history and undo; refuses members, bad ids and this organization', async () => {
    const { designId } = await api.interchange.importBundle({ document: bundleWithPartner(), name: `partner org edit ${Date.now()}` });
    const design = await api.design.get({ designId });
    let revision = design.revision;
    // Outside any organization the design knows of, the partner has no aws:PrincipalOrgID: the perimeter RCP denies.
    expect((await api.simulation.simulate({ designId, request })).result).toMatchObject({ decision: 'explicitDeny', reasons: ['rcp-deny'] });

    const set = await api.account.setOtherOrganization({ designId, expectedRevision: revision, accountId: PARTNER_ACCOUNT, organizationId: PARTNER_ORG });
    revision = set.revision;
    expect((await api.simulation.simulate({ designId, request })).result.decision).toBe('allowed');
    const revisions = await api.history.revisions({ designId });
    expect(revisions.revisions.find((entry) => entry.revision === revision)).toMatchObject({ operation: 'setAccountOtherOrganization', summary: `Place account ${PARTNER_ACCOUNT} in organization ${PARTNER_ORG}` });

    const undone = await api.history.undo({ designId, expectedRevision: revision });
    revision = undone.revision;
    expect((await api.account.details({ designId, accountId: PARTNER_ACCOUNT })).account.otherOrganizationId).toBeNull();
    expect((await api.simulation.simulate({ designId, request })).result.decision).toBe('explicitDeny');

    const tree = await api.org.tree({ designId });
    const member = tree.accounts.find((account) => account.parentId !== null)!;
    await expect(api.account.setOtherOrganization({ designId, expectedRevision: revision, accountId: member.accountId, organizationId: PARTNER_ORG }))
      .rejects.toMatchObject({ cause: { awsCode: 'InvalidInputException' }, message: expect.stringMatching(/is a member of this organization/) });
    await expect(api.account.setOtherOrganization({ designId, expectedRevision: revision, accountId: PARTNER_ACCOUNT, organizationId: 'o-TOOSHORT' }))
      .rejects.toMatchObject({ cause: { awsCode: 'InvalidInputException' }, message: expect.stringMatching(/"o-TOOSHORT" is not an organization id/) });
    await expect(api.account.setOtherOrganization({ designId, expectedRevision: revision, accountId: PARTNER_ACCOUNT, organizationId: tree.organizationId! }))
      .rejects.toMatchObject({ cause: { awsCode: 'InvalidInputException' }, message: expect.stringMatching(/is this organization/) });
    await expect(api.account.setOtherOrganization({ designId, expectedRevision: revision, accountId: '999999999999', organizationId: PARTNER_ORG }))
      .rejects.toMatchObject({ cause: { awsCode: 'AccountNotFoundException' } });
    // Nothing was saved by the refused edits.
    expect((await api.design.get({ designId })).revision).toBe(revision);
  });

  it('refuses a bundle placing a member in another organization, or an outside account in this one', async () => {
    const bundle = bundleWithPartner();
    const orgId = bundle.Organization.Id;
    const member = bundle.Accounts[1].Id;
    await expect(api.interchange.importBundle({ document: bundleWithPartner({ [member]: PARTNER_ORG }), name: `bad partner ${Date.now()}` }))
      .rejects.toMatchObject({ message: expect.stringMatching(/is a member of this organization/) });
    await expect(api.interchange.importBundle({ document: bundleWithPartner({ [PARTNER_ACCOUNT]: orgId }), name: `bad partner ${Date.now()}` }))
      .rejects.toMatchObject({ message: expect.stringMatching(/is this organization's id/) });
    await expect(api.interchange.importBundle({ document: bundleWithPartner({ [PARTNER_ACCOUNT]: 'o-BAD' }), name: `bad partner ${Date.now()}` }))
      .rejects.toMatchObject({ message: expect.stringMatching(/OtherOrganizations/) });
  });
});
