import 'server-only';
import { newSsoInstanceIds } from '../../db/aws-identifiers';
import type { Db } from '../../db/client';
import * as icQueries from '../../db/identity-center';
import * as queries from '../../db/org-mutations-queries';
import type { IdentityCenterEditResult } from '../../schemas/identity-center';
import { requireAllFeatures, runMutation, type MutationBase, type OperationScope } from '../organizations/mutation';
import { conflictException } from './common';

// Enabling IAM Identity Center for the organization (the console's "Enable"; CreateInstance is the API for account
// instances). AWS creates the organization instance in the management account and enables trusted access for
// sso.amazonaws.com (organizations/latest/userguide/services-that-can-integrate-sso.html); a delegated administrator
// for sso.amazonaws.com can then administer it. One organization instance per organization.

const SSO_SERVICE_PRINCIPAL = 'sso.amazonaws.com';

/** Enables IAM Identity Center: the organization instance in the management account, in `region` (us-east-1 by default). */
export async function enableIdentityCenter(db: Db, input: MutationBase & { name?: string; region?: string }): Promise<IdentityCenterEditResult> {
  return runMutation(db, 'enableIdentityCenter', input, (scope) => enableIdentityCenterIn(scope, input));
}

/** enableIdentityCenter inside an edit already running (Control Tower's set-up enables it with the landing zone). */
export async function enableIdentityCenterIn(scope: OperationScope, input: { name?: string; region?: string }) {
  requireAllFeatures(scope.context, 'IAM Identity Center');
  const existing = await icQueries.findInstance(scope.db, scope.context.designId);
  if (existing) throw conflictException(`The organization already has an IAM Identity Center instance (${existing.instanceArn}): an organization has one.`);
  const management = await queries.findAccount(scope.db, scope.context.designId, scope.context.organization.managementAccountId ?? '');
  if (!management) throw new Error(`Design ${scope.context.designId} has no management account.`);
  const access = await queries.listServiceAccess(scope.db, scope.context.organization.id);
  if (!access.some((entry) => entry.servicePrincipal === SSO_SERVICE_PRINCIPAL)) {
    await scope.writer.create('serviceAccess', { organizationId: scope.context.organization.id, servicePrincipal: SSO_SERVICE_PRINCIPAL });
  }
  const ids = newSsoInstanceIds();
  await scope.writer.create('identityCenterInstance', {
    designId: scope.context.designId,
    ...ids,
    name: input.name ?? '',
    region: input.region ?? 'us-east-1',
    ownerAccountId: management.id,
  });
  return { entity: { type: 'instance' as const, id: ids.instanceArn, name: input.name ?? '' }, warnings: [] };
}
