// Migration plans between designs, and the replay of a plan through the back end. The plan itself is the engine's
// (buildMigrationPlan): this reads both sides into the interchange model, gives the engine the IAM catalogue and the
// assumed Region, and renders the plan as a script and as Terraform. The replay sends each call of a plan to the
// same Organizations and IAM services the API uses, one revision each, mapping the placeholders of new OUs, policies
// and accounts to the ids the services give them: replaying a plan on the imported live organization gives the design.
import 'server-only';

import type { Db } from '../../db/client';
import type { PlanCall } from '../../engine/analysis/migration-plan/types';
import type { EditablePolicyType } from '../../schemas/organizations';
import type { TagDto } from '../../db/dto';
import type { Actor } from '../auth/actor';
import { requireDesignAccess } from '../auth/design-access';
import { DomainError } from '../domain-error';
import { readDesign } from '../interchange/interchange-service';
import * as iam from '../iam';
import * as organizations from '../organizations';
import { MATRIX_OVER_BUDGET } from '../impact/heatmap';
import { engineWorkers, type EngineWorkers } from '../engine-worker/engine-workers';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';
import type { RenderedPlan } from './render-plan';

export { renderPlan, type RenderedPlan } from './render-plan';

/**
 * The plan from the live organization stored as one design (an import) to another design (`designId`). The caller's
 * access to the target is checked by the API; its access to the live design is checked here (read).
 */
export async function planBetweenDesigns(
  db: Db,
  input: { designId: string; fromDesignId: string; region?: string },
  actor?: Actor,
  cache: CompiledWorldCache = compiledWorldCache(),
  workers: EngineWorkers = engineWorkers(),
): Promise<RenderedPlan> {
  if (input.fromDesignId === input.designId) throw new DomainError('INVALID_INPUT', 'Choose two different designs: the live organization and the target.', { field: 'fromDesignId' });
  if (actor) await requireDesignAccess(db, actor, input.fromDesignId, 'read');
  const [from, to] = await Promise.all([readDesign(db, input.fromDesignId), readDesign(db, input.designId)]);
  if (!from.design.organization) throw new DomainError('INVALID_INPUT', `"${from.name}" has no organization to migrate from.`, { field: 'fromDesignId', awsCode: 'AWSOrganizationsNotInUseException' });
  if (!to.design.organization) throw new DomainError('INVALID_INPUT', `"${to.name}" has no organization to migrate to.`, { field: 'designId', awsCode: 'AWSOrganizationsNotInUseException' });
  // Each step recompiles and re-judges the organization: in an engine worker, within the time budget.
  const target = await cache.get(db, input.designId);
  return workers.run(target, {
    kind: 'migrationPlan',
    input: { live: from.design, design: to.design, names: { from: from.name, to: to.name }, ...(input.region ? { region: input.region } : {}) },
  }, `The migration plan from "${from.name}" to "${to.name}" (${to.design.accounts.length.toLocaleString('en')} accounts)`, MATRIX_OVER_BUDGET);
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const tags = (value: unknown): TagDto[] | undefined => (Array.isArray(value) ? value.map((tag) => ({ key: String((tag as { Key: unknown }).Key), value: String((tag as { Value: unknown }).Value ?? '') })) : undefined);
const PRINCIPAL = { Role: 'role', User: 'user', Group: 'group' } as const;

/**
 * Replays the plan's calls on a design through the Organizations and IAM services, in order, each one revision.
 * Stops at the first call a service refuses (earlier calls stay applied, each in the history and undoable).
 */
export async function replayPlan(db: Db, input: { designId: string; expectedRevision: number; calls: readonly PlanCall[] }): Promise<{ revision: number; applied: number }> {
  const ids = new Map<string, string>();
  const ref = (value: unknown) => ids.get(String(value)) ?? String(value);
  let revision = input.expectedRevision;
  let applied = 0;
  for (const call of input.calls) {
    const result = await replayPlanCall(db, { designId: input.designId, expectedRevision: revision, call, ref });
    if (call.creates && result.createdId) ids.set(call.creates.placeholder, result.createdId);
    revision = result.revision;
    applied++;
  }
  return { revision, applied };
}

type Base = { designId: string; expectedRevision: number };
type Replayed = { revision: number; createdId?: string };

/** One Organizations or IAM call through the services (one revision); `ref` maps placeholders to the ids given. */
export function replayPlanCall(db: Db, input: Base & { call: PlanCall; ref?: (value: unknown) => string }): Promise<Replayed> {
  const { call, designId, expectedRevision } = input;
  const ref = input.ref ?? ((value: unknown) => String(value));
  const base = { designId, expectedRevision };
  return call.api === 'iam' ? replayIam(db, { ...base, accountId: ref(call.accountId) }, call) : replayOrganizations(db, base, call, ref);
}

async function replayOrganizations(db: Db, base: Base, call: PlanCall, ref: (value: unknown) => string): Promise<Replayed> {
  const { input } = call;
  switch (call.operation) {
    case 'EnablePolicyType': return organizations.enablePolicyType(db, { ...base, type: input.PolicyType as EditablePolicyType });
    case 'DisablePolicyType': return organizations.disablePolicyType(db, { ...base, type: input.PolicyType as EditablePolicyType });
    case 'CreatePolicy': {
      const created = await organizations.createPolicy(db, {
        ...base, type: input.Type as EditablePolicyType, name: String(input.Name), content: String(input.Content), description: str(input.Description) ?? '', ...(tags(input.Tags) ? { tags: tags(input.Tags) } : {}),
      });
      return { revision: created.revision, createdId: created.policy.awsId };
    }
    case 'UpdatePolicy': return organizations.updatePolicy(db, { ...base, policyId: ref(input.PolicyId), name: str(input.Name), description: str(input.Description), content: str(input.Content) });
    case 'DeletePolicy': return organizations.deletePolicy(db, { ...base, policyId: ref(input.PolicyId) });
    case 'AttachPolicy': return organizations.attachPolicy(db, { ...base, policyId: ref(input.PolicyId), targetId: ref(input.TargetId) });
    case 'DetachPolicy': return organizations.detachPolicy(db, { ...base, policyId: ref(input.PolicyId), targetId: ref(input.TargetId) });
    case 'CreateOrganizationalUnit': {
      const created = await organizations.createOrganizationalUnit(db, { ...base, parentId: ref(input.ParentId), name: String(input.Name), ...(tags(input.Tags) ? { tags: tags(input.Tags) } : {}) });
      return { revision: created.revision, createdId: created.ou.awsId };
    }
    case 'UpdateOrganizationalUnit': return organizations.renameOrganizationalUnit(db, { ...base, ouId: ref(input.OrganizationalUnitId), name: String(input.Name) });
    case 'DeleteOrganizationalUnit': return organizations.deleteOrganizationalUnit(db, { ...base, ouId: ref(input.OrganizationalUnitId) });
    case 'MoveAccount': return organizations.moveAccount(db, { ...base, accountId: ref(input.AccountId), sourceParentId: ref(input.SourceParentId), destinationParentId: ref(input.DestinationParentId) });
    case 'CreateAccount': {
      const created = await organizations.createAccount(db, { ...base, accountName: String(input.AccountName), email: String(input.Email), ...(tags(input.Tags) ? { tags: tags(input.Tags) } : {}) });
      return { revision: created.revision, createdId: created.account.accountId };
    }
    case 'RemoveAccountFromOrganization': return organizations.removeAccount(db, { ...base, accountId: ref(input.AccountId) });
    case 'PutAccountName': return organizations.renameAccount(db, { ...base, accountId: ref(input.AccountId), accountName: String(input.AccountName) });
    case 'TagResource': return organizations.tagResource(db, { ...base, resourceId: ref(input.ResourceId), tags: tags(input.Tags) ?? [] });
    case 'UntagResource': return organizations.untagResource(db, { ...base, resourceId: ref(input.ResourceId), tagKeys: (input.TagKeys as string[]) ?? [] });
    case 'EnableAWSServiceAccess': return organizations.enableAwsServiceAccess(db, { ...base, servicePrincipal: String(input.ServicePrincipal) });
    case 'DisableAWSServiceAccess': return organizations.disableAwsServiceAccess(db, { ...base, servicePrincipal: String(input.ServicePrincipal) });
    case 'RegisterDelegatedAdministrator': return organizations.registerDelegatedAdministrator(db, { ...base, accountId: ref(input.AccountId), servicePrincipal: String(input.ServicePrincipal) });
    case 'DeregisterDelegatedAdministrator': return organizations.deregisterDelegatedAdministrator(db, { ...base, accountId: ref(input.AccountId), servicePrincipal: String(input.ServicePrincipal) });
  }
  throw new DomainError('INVALID_INPUT', `The plan holds an operation the back end does not replay: ${call.operation}.`, { awsCode: 'InvalidInputException' });
}

async function replayIam(db: Db, base: Base & { accountId: string }, call: PlanCall): Promise<Replayed> {
  const { input, operation } = call;
  switch (operation) {
    case 'CreatePolicy': return iam.createManagedPolicy(db, { ...base, policyName: String(input.PolicyName), path: str(input.Path), description: str(input.Description), policyDocument: String(input.PolicyDocument) });
    case 'CreatePolicyVersion': return iam.createPolicyVersion(db, { ...base, policyArn: String(input.PolicyArn), policyDocument: String(input.PolicyDocument), setAsDefault: input.SetAsDefault === true });
    case 'DeletePolicyVersion': return iam.deletePolicyVersion(db, { ...base, policyArn: String(input.PolicyArn), versionId: String(input.VersionId) });
    case 'DeletePolicy': return iam.deleteManagedPolicy(db, { ...base, policyArn: String(input.PolicyArn) });
    case 'CreateRole': return iam.createRole(db, {
      ...base, roleName: String(input.RoleName), path: str(input.Path), assumeRolePolicyDocument: String(input.AssumeRolePolicyDocument),
      ...(typeof input.MaxSessionDuration === 'number' ? { maxSessionDuration: input.MaxSessionDuration } : {}), permissionsBoundary: str(input.PermissionsBoundary), tags: tags(input.Tags),
    });
    case 'CreateUser': return iam.createUser(db, { ...base, userName: String(input.UserName), path: str(input.Path), permissionsBoundary: str(input.PermissionsBoundary), tags: tags(input.Tags) });
    case 'CreateGroup': return iam.createGroup(db, { ...base, groupName: String(input.GroupName), path: str(input.Path) });
    case 'DeleteRole': return iam.deleteRole(db, { ...base, roleName: String(input.RoleName) });
    case 'DeleteUser': return iam.deleteUser(db, { ...base, userName: String(input.UserName) });
    case 'DeleteGroup': return iam.deleteGroup(db, { ...base, groupName: String(input.GroupName) });
    case 'UpdateRole': return iam.updateRole(db, { ...base, roleName: String(input.RoleName), ...(typeof input.MaxSessionDuration === 'number' ? { maxSessionDuration: input.MaxSessionDuration } : {}) });
    case 'UpdateAssumeRolePolicy': return iam.updateAssumeRolePolicy(db, { ...base, roleName: String(input.RoleName), policyDocument: String(input.PolicyDocument) });
    case 'AddUserToGroup': return iam.addUserToGroup(db, { ...base, groupName: String(input.GroupName), userName: String(input.UserName) });
    case 'RemoveUserFromGroup': return iam.removeUserFromGroup(db, { ...base, groupName: String(input.GroupName), userName: String(input.UserName) });
  }
  const match = /^(Put|Delete|Attach|Detach|Tag|Untag)(Role|User|Group)(Policy|PermissionsBoundary)?$/.exec(operation);
  if (match) {
    const principalType = PRINCIPAL[match[2] as keyof typeof PRINCIPAL];
    const principalName = String(input[`${match[2]}Name`]);
    const principal = { ...base, principalType, principalName };
    switch (`${match[1]}${match[3] ?? ''}`) {
      case 'PutPolicy': return iam.putInlinePolicy(db, { ...principal, policyName: String(input.PolicyName), policyDocument: String(input.PolicyDocument) });
      case 'DeletePolicy': return iam.deleteInlinePolicy(db, { ...principal, policyName: String(input.PolicyName) });
      case 'AttachPolicy': return iam.attachPrincipalPolicy(db, { ...principal, policyArn: String(input.PolicyArn) });
      case 'DetachPolicy': return iam.detachPrincipalPolicy(db, { ...principal, policyArn: String(input.PolicyArn) });
      case 'PutPermissionsBoundary': return iam.putPermissionsBoundary(db, { ...base, principalType: principalType as 'role' | 'user', principalName, permissionsBoundary: String(input.PermissionsBoundary) });
      case 'DeletePermissionsBoundary': return iam.deletePermissionsBoundary(db, { ...base, principalType: principalType as 'role' | 'user', principalName });
      case 'Tag': return iam.tagIamResource(db, { ...base, resourceType: principalType as 'role' | 'user', resourceName: principalName, tags: tags(input.Tags) ?? [] });
      case 'Untag': return iam.untagIamResource(db, { ...base, resourceType: principalType as 'role' | 'user', resourceName: principalName, tagKeys: (input.TagKeys as string[]) ?? [] });
    }
  }
  throw new DomainError('INVALID_INPUT', `The plan holds an IAM operation the back end does not replay: ${operation}.`, { awsCode: 'InvalidInput' });
}
