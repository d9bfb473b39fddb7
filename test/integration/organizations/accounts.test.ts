// Account operations: API_CreateAccount.html and orgs_manage_accounts_access.html (OrganizationAccountAccessRole
// with AdministratorAccess, trusted by the management account), API_InviteAccountToOrganization.html,
// API_AcceptHandshake.html / API_DeclineHandshake.html, API_MoveAccount.html, API_RemoveAccountFromOrganization.html.
import { afterAll, describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  createAccount,
  createOrganizationalUnit,
  declineInvitation,
  enableAwsServiceAccess,
  inviteAccount,
  moveAccount,
  registerDelegatedAdministrator,
  removeAccount,
  setQuotaOverrides,
} from '../../../server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

async function setup(maxAccounts = 100) {
  const d = await newDesign(db, 'accounts');
  const rev = new Revision();
  rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { defaultMaxAccounts: maxAccounts } } }));
  const email = (name: string) => `${name}-${d.designId}@example.com`;
  return { d, rev, email };
}

describe('createAccount', () => {
  it('creates an ACTIVE CREATED account with OrganizationAccountAccessRole trusted by the management account', async () => {
    const { d, rev, email } = await setup();
    const { account } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Dev', email: email('dev'), accountId: '111122223333' }));
    expect(account).toMatchObject({ accountId: '111122223333', joinedMethod: 'CREATED', status: 'ACTIVE', parentId: d.rootId });
    const role = await db.iamRole.findFirstOrThrow({
      where: { accountId: account.id, name: 'OrganizationAccountAccessRole' },
      select: { trustPolicy: true, attachments: { select: { policy: { select: { arn: true } } } } },
    });
    expect(JSON.parse(role.trustPolicy).Statement).toEqual([
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${d.managementAccountId}:root` }, Action: 'sts:AssumeRole' },
    ]);
    expect(role.attachments.map((a) => a.policy.arn)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    const scps = await db.policyAttachment.findMany({ where: { accountId: account.id }, select: { policy: { select: { name: true } } } });
    expect(scps.map((a) => a.policy.name)).toEqual(['FullAWSAccess']);
  });

  it('puts the account in the given OU and reuses the AdministratorAccess policy', async () => {
    const { d, rev, email } = await setup();
    const { ou } = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'Sandbox' }));
    rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'A', email: email('a'), parentId: ou.awsId }));
    const b = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'B', email: email('b'), parentId: ou.id, roleName: 'AdminRole' }));
    expect(b.account.parentId).toBe(ou.id);
    expect(await db.iamManagedPolicy.count({ where: { designId: d.designId, name: 'AdministratorAccess' } })).toBe(1);
    expect(await db.iamRole.count({ where: { accountId: b.account.id, name: 'AdminRole' } })).toBe(1);
  });

  it('refuses a taken email, a taken account id and the account quota', async () => {
    const { d, rev, email } = await setup(3);
    rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'A', email: email('a'), accountId: '222233334444' }));
    await expectAwsError(createAccount(db, { ...rev.base(d.designId), accountName: 'B', email: email('a') }), 'CreateAccountStatusFailed', 'EMAIL_ALREADY_EXISTS');
    await expectAwsError(createAccount(db, { ...rev.base(d.designId), accountName: 'B', email: email('b'), accountId: '222233334444' }), 'DuplicateAccountException');
    rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'C', email: email('c') }));
    // Management, A and C: the quota of 3 is reached.
    await expectAwsError(createAccount(db, { ...rev.base(d.designId), accountName: 'D', email: email('d') }), 'ConstraintViolationException', 'ACCOUNT_NUMBER_LIMIT_EXCEEDED');
  });
});

describe('invitations', () => {
  it('invites (pending, no parent, no role), then accept puts the account under the root with FullAWSAccess', async () => {
    const { d, rev } = await setup();
    const invited = rev.took(await inviteAccount(db, { ...rev.base(d.designId), accountId: '333344445555', accountName: 'Partner' }));
    expect(invited.account).toMatchObject({ joinedMethod: 'INVITED', status: 'INVITED_PENDING', parentId: null });
    await expectAwsError(inviteAccount(db, { ...rev.base(d.designId), accountId: '333344445555' }), 'DuplicateHandshakeException');
    const accepted = rev.took(await acceptInvitation(db, { ...rev.base(d.designId), accountId: '333344445555' }));
    expect(accepted.account).toMatchObject({ status: 'ACTIVE', parentId: d.rootId, joinedMethod: 'INVITED' });
    expect(await db.iamRole.count({ where: { accountId: invited.account.id } })).toBe(0);
    expect(await db.policyAttachment.count({ where: { accountId: invited.account.id } })).toBe(1);
    await expectAwsError(acceptInvitation(db, { ...rev.base(d.designId), accountId: '333344445555' }), 'HandshakeNotFoundException');
    await expectAwsError(inviteAccount(db, { ...rev.base(d.designId), accountId: '333344445555' }), 'HandshakeConstraintViolationException', 'ALREADY_IN_AN_ORGANIZATION');
  });

  it('decline leaves the account outside the organization', async () => {
    const { d, rev } = await setup();
    rev.took(await inviteAccount(db, { ...rev.base(d.designId), accountId: '444455556666' }));
    const declined = rev.took(await declineInvitation(db, { ...rev.base(d.designId), accountId: '444455556666' }));
    expect(declined.account).toMatchObject({ status: 'ACTIVE', parentId: null });
    await expectAwsError(moveAccount(db, { ...rev.base(d.designId), accountId: '444455556666', destinationParentId: d.rootId }), 'AccountNotFoundException');
  });

  it('counts pending invitations against the account quota (HandshakeConstraintViolationException)', async () => {
    const { d, rev } = await setup(2);
    rev.took(await inviteAccount(db, { ...rev.base(d.designId), accountId: '555566667777' }));
    await expectAwsError(inviteAccount(db, { ...rev.base(d.designId), accountId: '555566667778' }), 'HandshakeConstraintViolationException', 'ACCOUNT_NUMBER_LIMIT_EXCEEDED');
  });
});

describe('moveAccount', () => {
  it('moves between parents and checks source, destination and duplicates', async () => {
    const { d, rev, email } = await setup();
    const { ou } = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'Prod' }));
    const { account } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'App', email: email('app') }));
    await expectAwsError(moveAccount(db, { ...rev.base(d.designId), accountId: account.accountId, sourceParentId: 'ou-none-00000000', destinationParentId: ou.id }), 'SourceParentNotFoundException');
    await expectAwsError(moveAccount(db, { ...rev.base(d.designId), accountId: account.accountId, sourceParentId: ou.id, destinationParentId: d.rootId }), 'AccountNotFoundException');
    await expectAwsError(moveAccount(db, { ...rev.base(d.designId), accountId: account.accountId, destinationParentId: 'ou-none-00000000' }), 'DestinationParentNotFoundException');
    await expectAwsError(moveAccount(db, { ...rev.base(d.designId), accountId: '999999999999', destinationParentId: ou.id }), 'AccountNotFoundException');
    const moved = rev.took(await moveAccount(db, { ...rev.base(d.designId), accountId: account.accountId, sourceParentId: d.rootAwsId, destinationParentId: ou.awsId }));
    expect(moved.account.parentId).toBe(ou.id);
    await expectAwsError(moveAccount(db, { ...rev.base(d.designId), accountId: account.id, destinationParentId: ou.id }), 'DuplicateAccountException');
  });
});

describe('removeAccount', () => {
  it('refuses the management account and delegated administrators; removal detaches policies and keeps the row', async () => {
    const { d, rev, email } = await setup();
    await expectAwsError(removeAccount(db, { ...rev.base(d.designId), accountId: d.managementAccountId }), 'ConstraintViolationException', 'ACCOUNT_CANNOT_LEAVE_ORGANIZATION');
    const { account } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Sec', email: email('sec') }));
    rev.took(await enableAwsServiceAccess(db, { ...rev.base(d.designId), servicePrincipal: 'guardduty.amazonaws.com' }));
    rev.took(await registerDelegatedAdministrator(db, { ...rev.base(d.designId), accountId: account.id, servicePrincipal: 'guardduty.amazonaws.com' }));
    await expectAwsError(removeAccount(db, { ...rev.base(d.designId), accountId: account.id }), 'ConstraintViolationException', 'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG');
    const { account: other } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Other', email: email('other') }));
    const removed = rev.took(await removeAccount(db, { ...rev.base(d.designId), accountId: other.accountId }));
    expect(removed.account.parentId).toBeNull();
    expect(await db.policyAttachment.count({ where: { accountId: other.id } })).toBe(0);
    expect(await db.account.count({ where: { id: other.id } })).toBe(1);
    await expectAwsError(removeAccount(db, { ...rev.base(d.designId), accountId: other.id }), 'AccountNotFoundException');
  });
});
