import 'server-only';
import { awsManagedPolicyArn, newAccountId, newIamUniqueId } from '../../db/aws-identifiers';
import type { Db } from '../../db/client';
import type { TagDto } from '../../db/dto';
import { tagsToJson } from '../../db/json-values';
import * as queries from '../../db/org-mutations-queries';
import type { AccountRowDto } from '../../db/org-mutations-queries';
import { ADMINISTRATOR_ACCESS_DOCUMENT, trustAccount } from '../../db/sample-landing-zone';
import { awsError, conflict, constraintViolation, notFound } from './aws-errors';
import {
  attachDefaultPolicies,
  detachEverything,
  requireParent,
  runAccountEdit,
  runMutation,
  type MutationBase,
  type OperationScope,
} from './mutation';
import { ORG_ID } from '../../engine/aws/bundle/identifiers';
import type { S3PublicAccessBlock } from '../../engine/types';
import { effectivePolicies, organizationPublicAccessBlockIn } from '../effective-policy';
import { mergeTags } from './tags';
import { toAccountView } from './views';

// Accounts: CreateAccount, InviteAccountToOrganization with AcceptHandshake / DeclineHandshake, MoveAccount and
// RemoveAccountFromOrganization.
//
// Account creation (orgs_manage_accounts_create.html, orgs_manage_accounts_access.html): AWS creates the role
// OrganizationAccountAccessRole (or the RoleName given) in the new account, with the AdministratorAccess managed
// policy attached and a trust policy that trusts the management account (Principal
// arn:aws:iam::<management-account-id>:root, Action sts:AssumeRole). Invited accounts get no such role.

/** The role CreateAccount creates when no RoleName is given. */
export const DEFAULT_ACCESS_ROLE_NAME = 'OrganizationAccountAccessRole';

async function requireAccount(scope: OperationScope, ref: string): Promise<AccountRowDto> {
  return existingAccount(await queries.findAccount(scope.db, scope.context.designId, ref), ref);
}

function existingAccount(account: AccountRowDto | null, ref: string): AccountRowDto {
  if (!account) throw notFound('AccountNotFoundException', `There is no account "${ref}" in this design.`);
  return account;
}

function requireMember(account: AccountRowDto): void {
  if (!account.parentRootId && !account.parentOuId) {
    throw notFound('AccountNotFoundException', `Account ${account.accountId} is not a member of this organization.`);
  }
}

async function requireAccountQuota(scope: OperationScope, awsCode: string): Promise<void> {
  const { defaultMaxAccounts } = scope.quotas.organization;
  const count = await queries.countOrganizationAccounts(scope.db, scope.context.designId);
  if (count >= defaultMaxAccounts) {
    const message =
      `The organization already has ${count} accounts (members and pending invitations); its account quota is ` +
      `${defaultMaxAccounts}. Raise the quota (AWS: Service Quotas; here: the design's Quotas page).`;
    throw awsCode === 'ConstraintViolationException'
      ? constraintViolation('ACCOUNT_NUMBER_LIMIT_EXCEEDED', message)
      : awsError('CONSTRAINT_VIOLATION', awsCode, message, 'ACCOUNT_NUMBER_LIMIT_EXCEEDED');
  }
}

/** The design's AWS-managed AdministratorAccess policy, created (v1, default) when the design lacks it. */
export async function ensureAdministratorAccess(scope: OperationScope): Promise<string> {
  const arn = awsManagedPolicyArn('AdministratorAccess');
  const existing = await queries.findAwsManagedIamPolicy(scope.db, scope.context.designId, arn);
  if (existing) return existing.id;
  const policy = await scope.writer.create('iamManagedPolicy', {
    designId: scope.context.designId,
    scope: 'AWS',
    arn,
    name: 'AdministratorAccess',
    description: 'Provides full access to AWS services and resources.',
  });
  await scope.writer.create('iamManagedPolicyVersion', { policyId: policy.id, versionId: 'v1', document: ADMINISTRATOR_ACCESS_DOCUMENT, isDefault: true });
  return policy.id;
}

/**
 * CreateAccount: a new member account (JoinedMethod CREATED, status ACTIVE) under the root or the given parent, with
 * its access role for the management account, and FullAWSAccess / RCPFullAWSAccess attached as AWS does.
 */
export async function createAccount(
  db: Db,
  input: MutationBase & CreateAccountInput,
) {
  return runMutation(db, 'createAccount', input, (scope) => createAccountIn(scope, input));
}

/** What CreateAccount takes. */
export interface CreateAccountInput {
  accountName: string;
  email: string;
  parentId?: string;
  accountId?: string;
  roleName?: string;
  tags?: TagDto[];
}

/** CreateAccount's work inside an edit already running (Control Tower's set-up and Account Factory create accounts too). */
export async function createAccountIn(scope: OperationScope, input: CreateAccountInput) {
  const { context } = scope;
  const parent = await requireParent(scope.db, context, input.parentId ?? context.root.id, 'ParentNotFoundException');
  await requireAccountQuota(scope, 'ConstraintViolationException');
  if (await queries.findAccountByEmail(scope.db, context.designId, input.email)) {
    // CreateAccount is asynchronous in AWS: this surfaces as CreateAccountStatus State FAILED with this reason.
    throw conflict('CreateAccountStatusFailed', `Another account already uses the email address ${input.email}.`, 'EMAIL_ALREADY_EXISTS');
  }
  const accountId = input.accountId ?? newAccountId();
  if (await queries.findAccount(scope.db, context.designId, accountId)) {
    throw conflict('DuplicateAccountException', `Account ${accountId} already exists in this design.`);
  }
  const tags = mergeTags([], input.tags ?? []);
  const row = await scope.writer.create('account', {
    designId: context.designId,
    accountId,
    name: input.accountName,
    email: input.email,
    joinedMethod: 'CREATED',
    status: 'ACTIVE',
    joinedAt: new Date(),
    parentRootId: parent.kind === 'root' ? parent.id : null,
    parentOuId: parent.kind === 'ou' ? parent.id : null,
    tags: tagsToJson(tags),
  });
  await attachDefaultPolicies(scope, 'accountId', row.id);
  if (!context.managementAccountNumber) throw new Error('The organization has no management account to trust.');
  const role = await scope.writer.create('iamRole', {
    accountId: row.id,
    name: input.roleName ?? DEFAULT_ACCESS_ROLE_NAME,
    // A role like any other: IAM gives it a unique id and a creation date.
    roleId: newIamUniqueId('AROA'),
    createDate: new Date(),
    description: 'Created by AWS Organizations: full administration for the management account',
    trustPolicy: trustAccount(context.managementAccountNumber),
  });
  await scope.writer.create('iamPolicyAttachment', { policyId: await ensureAdministratorAccess(scope), roleId: role.id });
  return { account: toAccountView(row) };
}

/**
 * InviteAccountToOrganization: the account is recorded as INVITED with a pending handshake (status
 * INVITED_PENDING, no parent, no role) until acceptInvitation. An account the design already knows outside the
 * organization (e.g. a partner's) can be invited too.
 */
export async function inviteAccount(db: Db, input: MutationBase & { accountId: string; accountName?: string; email?: string; tags?: TagDto[] }) {
  return runMutation(db, 'inviteAccount', input, async (scope) => {
    const { context } = scope;
    const existing = await queries.findAccount(scope.db, context.designId, input.accountId);
    if (existing?.status === 'INVITED_PENDING') {
      throw conflict('DuplicateHandshakeException', `Account ${existing.accountId} already has a pending invitation.`);
    }
    if (existing && (existing.parentRootId || existing.parentOuId)) {
      throw awsError('CONSTRAINT_VIOLATION', 'HandshakeConstraintViolationException', `Account ${existing.accountId} is already a member of this organization.`, 'ALREADY_IN_AN_ORGANIZATION');
    }
    await requireAccountQuota(scope, 'HandshakeConstraintViolationException');
    if (input.email) {
      const byEmail = await queries.findAccountByEmail(scope.db, context.designId, input.email);
      if (byEmail && byEmail.id !== existing?.id) {
        throw conflict('DuplicateAccountException', `Account ${byEmail.accountId} already uses the email address ${input.email}.`);
      }
    }
    const tags = mergeTags(existing?.tags ?? [], input.tags ?? []);
    const data = {
      joinedMethod: 'INVITED',
      status: 'INVITED_PENDING',
      joinedAt: null,
      tags: tagsToJson(tags),
      ...(input.accountName ? { name: input.accountName } : {}),
      ...(input.email ? { email: input.email } : {}),
    };
    const row = existing
      ? await scope.writer.update('account', existing.id, data)
      : await scope.writer.create('account', {
          designId: context.designId,
          accountId: input.accountId,
          name: input.accountName ?? `Account ${input.accountId}`,
          email: input.email ?? null,
          ...data,
        });
    return { account: toAccountView(row) };
  });
}

async function requirePendingInvitation(scope: OperationScope, ref: string): Promise<AccountRowDto> {
  const account = await requireAccount(scope, ref);
  if (account.status !== 'INVITED_PENDING') {
    throw notFound('HandshakeNotFoundException', `Account ${account.accountId} has no pending invitation to this organization.`);
  }
  return account;
}

/** AcceptHandshake for an invitation: the account joins under the root (ACTIVE), with the default policies attached. */
export async function acceptInvitation(db: Db, input: MutationBase & { accountId: string }) {
  return runMutation(db, 'acceptInvitation', input, async (scope) => {
    const account = await requirePendingInvitation(scope, input.accountId);
    const row = await scope.writer.update('account', account.id, {
      status: 'ACTIVE',
      joinedAt: new Date(),
      parentRootId: scope.context.root.id,
      parentOuId: null,
    });
    await attachDefaultPolicies(scope, 'accountId', account.id);
    return { account: toAccountView(row) };
  });
}

/**
 * DeclineHandshake for an invitation: the account stays outside the organization, as a standalone (ACTIVE)
 * account the design knows about, so its IAM data is kept.
 */
export async function declineInvitation(db: Db, input: MutationBase & { accountId: string }) {
  return runMutation(db, 'declineInvitation', input, async (scope) => {
    const account = await requirePendingInvitation(scope, input.accountId);
    const row = await scope.writer.update('account', account.id, { status: 'ACTIVE' });
    return { account: toAccountView(row) };
  });
}

/**
 * PutAccountName (AWS Account Management API, called from the management account for a member): renames an
 * account of the organization. Names need not be unique; the 1-50 character limit is checked by the input schema.
 */
export async function renameAccount(db: Db, input: MutationBase & { accountId: string; accountName: string }) {
  return runAccountEdit(db, 'renameAccount', input, {
    ref: input.accountId,
    columns: (account) => {
      requireMember(existingAccount(account, input.accountId));
      return { name: input.accountName };
    },
    result: (row) => ({ account: toAccountView(row) }),
  });
}

/** MoveAccount: from its source parent to another root or OU of the organization. */
export async function moveAccount(db: Db, input: MutationBase & { accountId: string; sourceParentId?: string; destinationParentId: string }) {
  return runMutation(db, 'moveAccount', input, (scope) => moveAccountIn(scope, input));
}

/** MoveAccount's work inside an edit already running (Control Tower's set-up moves chosen accounts into the Security OU). */
export async function moveAccountIn(scope: OperationScope, input: { accountId: string; sourceParentId?: string; destinationParentId: string }) {
  const { context } = scope;
  const account = await requireAccount(scope, input.accountId);
  requireMember(account);
  const currentParentId = account.parentOuId ?? account.parentRootId;
  if (input.sourceParentId !== undefined) {
    const source = await requireParent(scope.db, context, input.sourceParentId, 'SourceParentNotFoundException');
    if (source.id !== currentParentId) {
      throw notFound('AccountNotFoundException', `Account ${account.accountId} is not in the source parent "${input.sourceParentId}".`);
    }
  }
  const destination = await requireParent(scope.db, context, input.destinationParentId, 'DestinationParentNotFoundException');
  if (destination.id === currentParentId) {
    throw conflict('DuplicateAccountException', `Account ${account.accountId} is already in "${destination.name}".`);
  }
  const row = await scope.writer.update('account', account.id, {
    parentRootId: destination.kind === 'root' ? destination.id : null,
    parentOuId: destination.kind === 'ou' ? destination.id : null,
  });
  return { account: toAccountView(row) };
}

/**
 * RemoveAccountFromOrganization: the account leaves (its policy attachments go) and stays in the design as a
 * standalone account with its IAM data. Refused for the management account and for delegated administrators.
 * Out of scope, stated rather than modelled: AWS also requires a standalone account to have its own payment
 * method, support plan, contact information and accepted customer agreement (ACCOUNT_CANNOT_LEAVE_WITHOUT_EULA,
 * ..._WITHOUT_PHONE_VERIFICATION), and a created account must be at least 7 days old (WAIT_PERIOD_ACTIVE).
 */
export async function removeAccount(db: Db, input: MutationBase & { accountId: string }) {
  return runMutation(db, 'removeAccount', input, async (scope) => {
    const { context } = scope;
    const account = await requireAccount(scope, input.accountId);
    if (account.id === context.organization.managementAccountId) {
      throw constraintViolation(
        'ACCOUNT_CANNOT_LEAVE_ORGANIZATION',
        'The management account cannot be removed from its organization: remove the member accounts and delete the organization instead.',
      );
    }
    requireMember(account);
    const delegations = await queries.listDelegatedAdmins(scope.db, context.organization.id, account.id);
    if (delegations.length > 0) {
      throw constraintViolation(
        'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG',
        `Account ${account.accountId} is a delegated administrator for ${delegations.map((d) => d.servicePrincipal).join(', ')}: deregister it first.`,
      );
    }
    await detachEverything(scope, 'accountId', account.id);
    const row = await scope.writer.update('account', account.id, { parentRootId: null, parentOuId: null });
    return { account: toAccountView(row) };
  });
}

/**
 * The other organization an account outside this one is in (a partner's, or another of the company's), or null for
 * none known. Not an AWS call: it records what describe-organization says in that account, which AWS reads as the
 * account's aws:PrincipalOrgID and aws:ResourceOrgID. Refused for a member, whose organization is this one.
 */
export async function setAccountOtherOrganization(db: Db, input: MutationBase & { accountId: string; organizationId: string | null }) {
  return runMutation(db, 'setAccountOtherOrganization', input, async (scope) => {
    const account = await requireAccount(scope, input.accountId);
    const organizationId = input.organizationId === '' ? null : input.organizationId;
    if (account.parentRootId || account.parentOuId) {
      throw awsError('INVALID_INPUT', 'InvalidInputException', `Account ${account.accountId} is a member of this organization (${scope.context.organization.awsId}): its organization is this one. Only an account outside it can be in another organization.`);
    }
    if (organizationId !== null && !ORG_ID.test(organizationId)) {
      throw awsError('INVALID_INPUT', 'InvalidInputException', `"${organizationId}" is not an organization id: AWS's ids are "o-" followed by 10 to 32 lowercase letters or digits, e.g. o-a1b2c3d4e5.`);
    }
    if (organizationId !== null && organizationId === scope.context.organization.awsId) {
      throw awsError('INVALID_INPUT', 'InvalidInputException', `${organizationId} is this organization: to make account ${account.accountId} a member, invite it (InviteAccountToOrganization).`);
    }
    const row = await scope.writer.update('account', account.id, { otherOrganizationId: organizationId });
    return { account: toAccountView(row) };
  });
}

/**
 * s3control PutPublicAccessBlock (or, with null, DeletePublicAccessBlock) for one account of the design: the account's
 * S3 Block Public Access settings, which apply to every bucket it owns with the bucket's own (the most restrictive
 * combination, access-control-block-public-access.html). Members and accounts outside the organization alike.
 */
export async function putAccountPublicAccessBlock(db: Db, input: MutationBase & { accountId: string; configuration: S3PublicAccessBlock | null }) {
  return runMutation(db, 'putAccountPublicAccessBlock', input, async (scope) => {
    const account = await requireAccount(scope, input.accountId);
    // "You might get an Access Denied (403) error when the account is managed by organization-level Block Public
    // Access policies" (API_control_PutPublicAccessBlock.html): the organization's S3 policy wins.
    if (account.parentRootId || account.parentOuId) {
      const managed = organizationPublicAccessBlockIn(await effectivePolicies(scope.db, scope.context.designId, account.id, ['S3_POLICY']));
      if (managed) {
        throw awsError('FORBIDDEN', 'AccessDenied', `Account ${account.accountId}'s S3 Block Public Access is managed by the organization's S3 policy ${managed.policyName} (${managed.policyId}, attached to ${managed.targetName}), which sets "${managed.value}": change or detach that policy instead.`);
      }
    }
    // A JSON null is written as the column's SQL null by the writer (nullableJson).
    const row = await scope.writer.update('account', account.id, { s3PublicAccessBlock: input.configuration === null ? null : { ...input.configuration } });
    return { account: toAccountView(row) };
  });
}
