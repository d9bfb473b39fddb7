import 'server-only';
import type { Db } from '../../db/client';
import * as queries from '../../db/org-mutations-queries';
import { RCP_FULL_AWS_ACCESS } from '../../db/aws-identifiers';
import { awsError, conflict, constraintViolation, notFound } from './aws-errors';
import { findTarget, isPolicyTypeEnabled, isQuotaPolicyType, runMutation, type MutationBase, type OperationScope } from './mutation';
import { requirePolicy } from './policies';

// AttachPolicy and DetachPolicy. Quotas per target come from server/engine/quotas.ts with the design's
// overrides: MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED above the maximum, MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED
// when a detach would leave a target without an SCP while SCPs are enabled (orgs_manage_policies_scps.html: every
// root, OU and account must have at least one SCP attached) and for RCPFullAWSAccess, which cannot be detached
// (orgs_manage_policies_rcps.html).

/** AttachPolicy: a policy to the root, an OU or a member account. */
export async function attachPolicy(db: Db, input: MutationBase & { policyId: string; targetId: string }) {
  return runMutation(db, 'attachPolicy', input, (scope) => attachIn(scope, input.policyId, input.targetId));
}

/** AttachPolicy's checks and write inside an edit's scope (one history entry may hold several). */
async function attachIn(scope: OperationScope, policyId: string, targetId: string) {
  const policy = await requirePolicy(scope, policyId);
  const target = await findTarget(scope.db, scope.context, targetId);
  if (!target) throw notFound('TargetNotFoundException', `There is no root, OU or member account "${targetId}" in this organization.`);
  if (!isPolicyTypeEnabled(scope.context, policy.type)) {
    throw awsError('CONSTRAINT_VIOLATION', 'PolicyTypeNotEnabledException', `${policy.type} is not enabled on the root: enable the policy type before attaching "${policy.name}".`);
  }
  const attached = await queries.listTargetAttachments(scope.db, target.column, target.id, policy.type);
  if (attached.some((a) => a.policyId === policy.id)) {
    throw conflict('DuplicatePolicyAttachmentException', `Policy "${policy.name}" is already attached to ${target.kind} "${target.name}".`);
  }
  if (isQuotaPolicyType(policy.type)) {
    const max = scope.quotas.organization.maxPoliciesAttachedPerTarget[policy.type];
    if (attached.length >= max) {
      throw constraintViolation(
        'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
        `${target.kind} "${target.name}" already has ${attached.length} ${policy.type} attachments; at most ${max} are allowed.`,
      );
    }
  }
  const row = await scope.writer.create('attachment', { policyId: policy.id, [target.column]: target.id });
  return { attachment: { id: row.id, policyId: policy.id, targetKind: target.kind, targetId: target.id } };
}

/** DetachPolicy: removes one attachment, keeping the minimum AWS requires. */
export async function detachPolicy(db: Db, input: MutationBase & { policyId: string; targetId: string }) {
  return runMutation(db, 'detachPolicy', input, (scope) => detachIn(scope, input.policyId, input.targetId));
}

/** DetachPolicy's checks and write inside an edit's scope. */
async function detachIn(scope: OperationScope, policyId: string, targetId: string) {
  const policy = await requirePolicy(scope, policyId);
  const target = await findTarget(scope.db, scope.context, targetId);
  if (!target) throw notFound('TargetNotFoundException', `There is no root, OU or member account "${targetId}" in this organization.`);
  const attached = await queries.listTargetAttachments(scope.db, target.column, target.id, policy.type);
  const attachment = attached.find((a) => a.policyId === policy.id);
  if (!attachment) throw notFound('PolicyNotAttachedException', `Policy "${policy.name}" is not attached to ${target.kind} "${target.name}".`);
  if (policy.awsManaged && policy.awsId === RCP_FULL_AWS_ACCESS.awsId) {
    throw constraintViolation('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', 'RCPFullAWSAccess is always attached to every root, OU and account and cannot be detached.');
  }
  const min = isQuotaPolicyType(policy.type) ? scope.quotas.organization.minPoliciesAttachedPerTarget[policy.type] ?? 0 : 0;
  if (isPolicyTypeEnabled(scope.context, policy.type) && attached.length - 1 < min) {
    throw constraintViolation(
      'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      `${target.kind} "${target.name}" must keep at least ${min} ${policy.type} attached while the type is enabled: attach another one before detaching "${policy.name}".`,
    );
  }
  await scope.writer.delete('attachment', attachment.id);
  return { attachmentId: attachment.id };
}

/**
 * The staging workflow's last step: a policy tried on a staging target is attached to the production target and
 * detached from the staging one, as one edit (one history entry, one undo). AttachPolicy's checks run first (quota
 * on production), then DetachPolicy's (the minimum on staging); either refusal leaves both as they were.
 */
export async function promotePolicy(db: Db, input: MutationBase & { policyId: string; stagingTargetId: string; productionTargetId: string }) {
  if (input.stagingTargetId === input.productionTargetId) {
    throw awsError('INVALID_INPUT', 'InvalidInputException', 'The staging and production targets are the same: promote from one target to another.');
  }
  return runMutation(db, 'promotePolicy', input, async (scope) => {
    const attached = await attachIn(scope, input.policyId, input.productionTargetId);
    const detached = await detachIn(scope, input.policyId, input.stagingTargetId);
    return { attachment: attached.attachment, detachedAttachmentId: detached.attachmentId };
  });
}
