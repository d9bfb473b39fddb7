import 'server-only';
import type { Db } from '../../db/client';
import { getDesign } from '../../db/designs';
import * as iamQueries from '../../db/iam-queries';
import * as icQueries from '../../db/identity-center';
import * as queries from '../../db/org-mutations-queries';
import type { IdentityCenterView } from '../../schemas/identity-center';
import { designNotFound } from '../domain-error';
import { compiledWorldCache } from '../simulation/compiled-world-cache';

// What the Identity Center panel shows: the instance, its users and groups, the permission sets with their policies,
// the assignments, and for each (permission set, account) the role IAM Identity Center creates there, read from the
// design's World (the same roles simulate and the access graph see).

const EMPTY: Omit<IdentityCenterView, 'instance'> = { users: [], groups: [], permissionSets: [], assignments: [], awsManagedPolicies: [], provisioning: [] };

/** The Identity Center panel's data for a design (instance null while Identity Center is not enabled). */
export async function identityCenterView(db: Db, designId: string): Promise<IdentityCenterView> {
  const context = await queries.loadMutationContext(db, designId);
  if (!context) {
    if (!(await getDesign(db, designId))) throw designNotFound(designId);
    return { instance: null, ...EMPTY };
  }
  const instance = await icQueries.findInstance(db, designId);
  if (!instance) return { instance: null, ...EMPTY };
  const [users, groups, memberships, permissionSets, assignments, delegated, accounts, awsManagedPolicies, compiled] = await Promise.all([
    icQueries.listUsers(db, instance.id),
    icQueries.listGroups(db, instance.id),
    icQueries.listMemberships(db, instance.id),
    icQueries.listPermissionSets(db, instance.id),
    icQueries.listAssignments(db, instance.id),
    queries.listDelegatedAdmins(db, context.organization.id),
    icQueries.listAccountNames(db, designId),
    iamQueries.listAwsManagedPolicies(db, designId),
    compiledWorldCache().get(db, designId),
  ]);
  const accountName = new Map(accounts.map((a) => [a.accountId, a.name]));
  const accountIdOfRow = new Map(accounts.map((a) => [a.id, a.accountId]));
  const userById = new Map(users.map((u) => [u.userId, u]));
  const groupById = new Map(groups.map((g) => [g.groupId, g]));
  const permissionSetByArn = new Map(permissionSets.map((ps) => [ps.permissionSetArn, ps]));
  const delegatedSso = delegated.filter((d) => d.servicePrincipal === 'sso.amazonaws.com');
  return {
    instance: {
      instanceArn: instance.instanceArn,
      identityStoreId: instance.identityStoreId,
      name: instance.name,
      region: instance.region,
      owner: { accountId: instance.ownerAccountId, name: accountName.get(instance.ownerAccountId) ?? '' },
      delegatedAdministrators: delegatedSso.map((d) => {
        const accountId = accountIdOfRow.get(d.accountId) ?? d.accountId;
        return { accountId, name: accountName.get(accountId) ?? '' };
      }),
    },
    users: users.map((u) => ({
      userId: u.userId,
      userName: u.userName,
      displayName: u.displayName,
      email: u.email,
      groups: memberships.filter((m) => m.userId === u.userId).map((m) => groupById.get(m.groupId)?.displayName ?? m.groupId),
    })),
    groups: groups.map((g) => ({
      groupId: g.groupId,
      displayName: g.displayName,
      description: g.description,
      members: memberships.filter((m) => m.groupId === g.groupId).map((m) => userById.get(m.userId)?.userName ?? m.userId),
    })),
    permissionSets: permissionSets.map(icQueries.permissionSetFields),
    assignments: assignments.map((a) => ({
      permissionSetArn: a.permissionSetArn,
      permissionSetName: permissionSetByArn.get(a.permissionSetArn)?.name ?? a.permissionSetArn,
      accountId: a.accountId,
      accountName: accountName.get(a.accountId) ?? '',
      principalType: a.principalType,
      principalId: a.principalId,
      principalName: a.principalType === 'USER' ? (userById.get(a.principalId)?.userName ?? a.principalId) : (groupById.get(a.principalId)?.displayName ?? a.principalId),
    })),
    awsManagedPolicies,
    provisioning: (compiled.compiled.world.identityCenter?.provisioning ?? []).map((p) => ({ ...p })),
  };
}
