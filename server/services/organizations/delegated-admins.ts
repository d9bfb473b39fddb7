import 'server-only';
import type { Db } from '../../db/client';
import * as queries from '../../db/org-mutations-queries';
import { conflict, constraintViolation, invalidInput, notFound } from './aws-errors';
import { DELEGATED_ADMIN_SERVICES } from './delegated-admin-services';
import { runMutation, type MutationBase, type OperationScope } from './mutation';

// RegisterDelegatedAdministrator / DeregisterDelegatedAdministrator and the trusted access they need
// (EnableAWSServiceAccess / DisableAWSServiceAccess). Errors as in the Organizations API reference:
// AccountAlreadyRegisteredException, AccountNotRegisteredException, ConstraintViolationException with
// CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR, SERVICE_ACCESS_NOT_ENABLED,
// MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED, ORGANIZATION_NOT_IN_ALL_FEATURES_MODE,
// DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE.

const SERVICE_PRINCIPAL = /^[\w+=,.@-]*$/;

function requireAllFeaturesMode(scope: OperationScope): void {
  if (scope.context.organization.featureSet !== 'ALL') {
    throw constraintViolation('ORGANIZATION_NOT_IN_ALL_FEATURES_MODE', 'Trusted access and delegated administrators need all features enabled.');
  }
}

function requireSupportedService(servicePrincipal: string): number {
  const max = DELEGATED_ADMIN_SERVICES[servicePrincipal];
  if (max === undefined) {
    throw invalidInput('UNRECOGNIZED_SERVICE_PRINCIPAL', `${servicePrincipal} does not support delegated administrators (or is not a known service principal).`);
  }
  return max;
}

/** EnableAWSServiceAccess: trusts a service to work across the organization. */
export async function enableAwsServiceAccess(db: Db, input: MutationBase & { servicePrincipal: string }) {
  return runMutation(db, 'enableAwsServiceAccess', input, async (scope) => {
    requireAllFeaturesMode(scope);
    if (!SERVICE_PRINCIPAL.test(input.servicePrincipal)) throw invalidInput('INVALID_PATTERN', `"${input.servicePrincipal}" is not a service principal.`);
    const enabled = await queries.listServiceAccess(scope.db, scope.context.organization.id);
    // AWS accepts a repeated enable without error; nothing changes then.
    if (!enabled.some((s) => s.servicePrincipal === input.servicePrincipal)) {
      await scope.writer.create('serviceAccess', { organizationId: scope.context.organization.id, servicePrincipal: input.servicePrincipal });
    }
    return { servicePrincipal: input.servicePrincipal, enabled: true };
  });
}

/** DisableAWSServiceAccess: refused while the service still has a delegated administrator. */
export async function disableAwsServiceAccess(db: Db, input: MutationBase & { servicePrincipal: string }) {
  return runMutation(db, 'disableAwsServiceAccess', input, async (scope) => {
    const { organization } = scope.context;
    const delegations = (await queries.listDelegatedAdmins(scope.db, organization.id)).filter((d) => d.servicePrincipal === input.servicePrincipal);
    if (delegations.length > 0) {
      throw constraintViolation('DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE', `Deregister the delegated administrator(s) of ${input.servicePrincipal} first.`);
    }
    const entry = (await queries.listServiceAccess(scope.db, organization.id)).find((s) => s.servicePrincipal === input.servicePrincipal);
    if (entry) await scope.writer.delete('serviceAccess', entry.id);
    return { servicePrincipal: input.servicePrincipal, enabled: false };
  });
}

/** RegisterDelegatedAdministrator: a member account administers a service for the organization. */
export async function registerDelegatedAdministrator(db: Db, input: MutationBase & { accountId: string; servicePrincipal: string }) {
  return runMutation(db, 'registerDelegatedAdministrator', input, async (scope) => {
    const { context } = scope;
    const account = await queries.findAccount(scope.db, context.designId, input.accountId);
    if (!account || (!account.parentRootId && !account.parentOuId)) {
      throw notFound('AccountNotFoundException', `There is no member account "${input.accountId}" in this organization.`);
    }
    if (account.id === context.organization.managementAccountId) {
      throw constraintViolation('CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR', 'Only a member account can be a delegated administrator, not the management account.');
    }
    requireAllFeaturesMode(scope);
    const max = requireSupportedService(input.servicePrincipal);
    if (account.status !== 'ACTIVE') {
      throw constraintViolation('CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR', `Account ${account.accountId} is ${account.status}, not ACTIVE.`);
    }
    const access = await queries.listServiceAccess(scope.db, context.organization.id);
    if (!access.some((s) => s.servicePrincipal === input.servicePrincipal)) {
      throw constraintViolation('SERVICE_ACCESS_NOT_ENABLED', `Enable trusted access for ${input.servicePrincipal} before registering a delegated administrator.`);
    }
    const delegations = (await queries.listDelegatedAdmins(scope.db, context.organization.id)).filter((d) => d.servicePrincipal === input.servicePrincipal);
    if (delegations.some((d) => d.accountId === account.id)) {
      throw conflict('AccountAlreadyRegisteredException', `Account ${account.accountId} is already a delegated administrator for ${input.servicePrincipal}.`);
    }
    if (delegations.length >= max) {
      throw constraintViolation(
        'MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED',
        `${input.servicePrincipal} accepts at most ${max} delegated administrator(s); deregister one first.`,
      );
    }
    const row = await scope.writer.create('delegatedAdmin', {
      organizationId: context.organization.id,
      accountId: account.id,
      servicePrincipal: input.servicePrincipal,
    });
    return { delegatedAdministrator: { id: row.id, accountId: account.accountId, servicePrincipal: input.servicePrincipal } };
  });
}

/** DeregisterDelegatedAdministrator. */
export async function deregisterDelegatedAdministrator(db: Db, input: MutationBase & { accountId: string; servicePrincipal: string }) {
  return runMutation(db, 'deregisterDelegatedAdministrator', input, async (scope) => {
    const { context } = scope;
    const account = await queries.findAccount(scope.db, context.designId, input.accountId);
    if (!account) throw notFound('AccountNotFoundException', `There is no account "${input.accountId}" in this design.`);
    const registration = (await queries.listDelegatedAdmins(scope.db, context.organization.id, account.id)).find(
      (d) => d.servicePrincipal === input.servicePrincipal,
    );
    if (!registration) {
      throw notFound('AccountNotRegisteredException', `Account ${account.accountId} is not a delegated administrator for ${input.servicePrincipal}.`);
    }
    await scope.writer.delete('delegatedAdmin', registration.id);
    return { accountId: account.accountId, servicePrincipal: input.servicePrincipal };
  });
}
