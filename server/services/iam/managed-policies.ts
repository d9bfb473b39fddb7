import 'server-only';
import { newIamUniqueId } from '../../db/aws-identifiers';
import type { Db } from '../../db/client';
import type { TagDto } from '../../db/dto';
import * as iamQueries from '../../db/iam-queries';
import { tagsToJson } from '../../db/json-values';
import type { IamEditResult } from '../../schemas/iam';
import { runMutation } from '../organizations/mutation';
import { deleteConflict, entityAlreadyExists, iamEntityArn, limitExceeded, mergeIamTags, noSuchEntity, requireIamAccount, requireValidIamDocument } from './common';
import { requireCustomerManagedPolicy } from './managed-policy-refs';
import type { IamEditBase } from './roles';

// Customer-managed policies and their versions: CreatePolicy, DeletePolicy, CreatePolicyVersion,
// DeletePolicyVersion and SetDefaultPolicyVersion (IAM API reference; policies_managed-versioning.html). A policy
// keeps at most VersionsPerPolicy versions (5 by default) and exactly one default version, the one that takes
// effect; documents are checked by the engine as IDENTITY policies against the managed policy size (6,144
// characters, whitespace not counted). AWS-managed policies cannot be changed.

const policyEntity = (name: string, arn: string) => ({ type: 'policy' as const, name, arn });

/** CreatePolicy: a customer-managed policy whose document becomes version v1, the default. */
export async function createManagedPolicy(
  db: Db,
  input: IamEditBase & { policyName: string; path?: string; description?: string; policyDocument: string; tags?: TagDto[] },
): Promise<IamEditResult> {
  return runMutation(db, 'createIamPolicy', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const path = input.path ?? '/';
    const existing = await iamQueries.findManagedPolicyByName(scope.db, account.id, input.policyName);
    if (existing) throw entityAlreadyExists(`A policy called ${input.policyName} already exists in account ${account.accountId}. Duplicate names are not allowed.`);
    const { policies } = await iamQueries.countAccountIam(scope.db, account.id);
    const max = scope.quotas.iam.maxCustomerManagedPoliciesPerAccount;
    if (policies >= max) throw limitExceeded(`Cannot exceed quota for PoliciesPerAccount: ${max}.`);
    const warnings = requireValidIamDocument('managed', input.policyDocument, scope.quotas);
    const tags = mergeIamTags([], input.tags ?? [], scope.quotas);
    const arn = iamEntityArn(account.accountId, 'policy', path, input.policyName);
    const policy = await scope.writer.create('iamManagedPolicy', {
      designId: scope.context.designId,
      accountId: account.id,
      scope: 'LOCAL',
      arn,
      name: input.policyName,
      path,
      policyId: newIamUniqueId('ANPA'),
      description: input.description ?? '',
      tags: tagsToJson(tags),
    });
    await scope.writer.create('iamManagedPolicyVersion', { policyId: policy.id, versionId: 'v1', document: input.policyDocument, isDefault: true });
    return { entity: policyEntity(input.policyName, arn), versionId: 'v1', warnings };
  });
}

/**
 * DeletePolicy: refused while the policy is attached to a user, group or role, used as a permissions boundary,
 * or has versions other than the default (DeleteConflict); the default version goes with the policy.
 */
export async function deleteManagedPolicy(db: Db, input: IamEditBase & { policyArn: string }): Promise<IamEditResult> {
  return runMutation(db, 'deleteIamPolicy', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const policy = await requireCustomerManagedPolicy(scope, account, input.policyArn);
    const uses = await iamQueries.managedPolicyUses(scope.db, policy.id);
    if (uses.attachments.length > 0) {
      throw deleteConflict(`Cannot delete a policy attached to entities: ${policy.name} is attached to ${uses.attachments.join(', ')}. Detach it first.`);
    }
    if (uses.boundaries.length > 0) {
      throw deleteConflict(`Cannot delete a policy used as a permissions boundary: ${policy.name} bounds ${uses.boundaries.join(', ')}.`);
    }
    const versions = await iamQueries.listPolicyVersions(scope.db, policy.id);
    const others = versions.filter((v) => !v.isDefault);
    if (others.length > 0) {
      throw deleteConflict(`Cannot delete a policy with versions other than the default: delete ${others.map((v) => v.versionId).join(', ')} of ${policy.name} first.`);
    }
    await scope.writer.deleteMany('iamManagedPolicyVersion', versions.map((v) => v.id));
    await scope.writer.delete('iamManagedPolicy', policy.id);
    return { entity: policyEntity(policy.name, policy.arn), warnings: [] };
  });
}

/**
 * CreatePolicyVersion: a new version (the next number after the highest kept), made the default when
 * setAsDefault is true. LimitExceeded when the policy already has VersionsPerPolicy versions.
 */
export async function createPolicyVersion(db: Db, input: IamEditBase & { policyArn: string; policyDocument: string; setAsDefault?: boolean }): Promise<IamEditResult> {
  return runMutation(db, 'createPolicyVersion', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const policy = await requireCustomerManagedPolicy(scope, account, input.policyArn);
    const versions = await iamQueries.listPolicyVersions(scope.db, policy.id);
    const max = scope.quotas.iam.maxVersionsPerPolicy;
    if (versions.length >= max) {
      throw limitExceeded(`A managed policy can have up to ${max} versions (${policy.name} has ${versions.length}). Before you create a new version, you must delete an existing version.`);
    }
    const warnings = requireValidIamDocument('managed', input.policyDocument, scope.quotas);
    const versionId = `v${Math.max(0, ...versions.map((v) => iamQueries.versionNumber(v.versionId))) + 1}`;
    if (input.setAsDefault) {
      // One default per policy (a partial unique index): the old default steps down before the new one is written.
      for (const v of versions.filter((v) => v.isDefault)) await scope.writer.update('iamManagedPolicyVersion', v.id, { isDefault: false });
    }
    await scope.writer.create('iamManagedPolicyVersion', { policyId: policy.id, versionId, document: input.policyDocument, isDefault: input.setAsDefault === true });
    return { entity: policyEntity(policy.name, policy.arn), versionId, warnings };
  });
}

async function requireVersion(db: Db, policy: { id: string; name: string }, versionId: string) {
  const versions = await iamQueries.listPolicyVersions(db, policy.id);
  const version = versions.find((v) => v.versionId === versionId);
  if (!version) throw noSuchEntity(`Policy ${policy.name} version ${versionId} does not exist or is not attachable.`);
  return { version, versions };
}

/** SetDefaultPolicyVersion: the version that takes effect from now on. */
export async function setDefaultPolicyVersion(db: Db, input: IamEditBase & { policyArn: string; versionId: string }): Promise<IamEditResult> {
  return runMutation(db, 'setDefaultPolicyVersion', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const policy = await requireCustomerManagedPolicy(scope, account, input.policyArn);
    const { version, versions } = await requireVersion(scope.db, policy, input.versionId);
    if (!version.isDefault) {
      for (const v of versions.filter((v) => v.isDefault)) await scope.writer.update('iamManagedPolicyVersion', v.id, { isDefault: false });
      await scope.writer.update('iamManagedPolicyVersion', version.id, { isDefault: true });
    }
    return { entity: policyEntity(policy.name, policy.arn), versionId: version.versionId, warnings: [] };
  });
}

/** DeletePolicyVersion: any version but the default (DeleteConflict: "Cannot delete the default version of a policy"). */
export async function deletePolicyVersion(db: Db, input: IamEditBase & { policyArn: string; versionId: string }): Promise<IamEditResult> {
  return runMutation(db, 'deletePolicyVersion', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const policy = await requireCustomerManagedPolicy(scope, account, input.policyArn);
    const { version } = await requireVersion(scope.db, policy, input.versionId);
    if (version.isDefault) throw deleteConflict(`Cannot delete the default version of a policy: make another version of ${policy.name} the default first, or delete the policy.`);
    await scope.writer.delete('iamManagedPolicyVersion', version.id);
    return { entity: policyEntity(policy.name, policy.arn), versionId: version.versionId, warnings: [] };
  });
}
