import 'server-only';
import type { Db } from '../../db/client';
import * as queries from '../../db/org-mutations-queries';
import type { EditablePolicyType } from '../../schemas/organizations';
import { awsError, conflict } from './aws-errors';
import { ensureDefaultPolicy, isPolicyTypeEnabled, requireAllFeatures, runMutation, type MutationBase, type OperationScope } from './mutation';

// EnablePolicyType and DisablePolicyType on the root.
// - Enabling SCPs attaches FullAWSAccess to the root, every OU and every account (orgs_manage_policies_scps.html:
//   "When you enable SCPs, AWS Organizations attaches the FullAWSAccess policy to the root, every OU and account").
// - Enabling RCPs attaches RCPFullAWSAccess everywhere in the same way (orgs_manage_policies_rcps.html); it cannot
//   be detached.
// - Disabling a type detaches every policy of that type from every target, as AWS does; the policies remain.

/** EnablePolicyType on the root. */
export async function enablePolicyType(db: Db, input: MutationBase & { type: EditablePolicyType }) {
  return runMutation(db, 'enablePolicyType', input, async (scope) => {
    const { context } = scope;
    requireAllFeatures(context, `Enabling ${input.type}`);
    if (isPolicyTypeEnabled(context, input.type) || context.policyTypes.some((p) => p.type === input.type)) {
      throw conflict('PolicyTypeAlreadyEnabledException', `${input.type} is already enabled on the root.`);
    }
    const attachedTo = await enablePolicyTypeIn(scope, input.type);
    return { type: input.type, status: 'ENABLED' as const, defaultPolicyAttachedTo: attachedTo };
  });
}

/**
 * Enables a policy type on the root inside an edit (also used by Control Tower when an RCP control needs RCPs);
 * returns how many targets the default policy was attached to.
 */
export async function enablePolicyTypeIn(scope: OperationScope, type: EditablePolicyType): Promise<number> {
  const { context } = scope;
  await scope.writer.create('rootPolicyType', { rootId: context.root.id, type, status: 'ENABLED' });
  if (type !== 'SERVICE_CONTROL_POLICY' && type !== 'RESOURCE_CONTROL_POLICY') return 0;
  const policyId = await ensureDefaultPolicy(scope, type);
  const { ouIds, accountIds } = await queries.listAllTargets(scope.db, context.designId, context.root.id);
  // Attachments that survived (none after a disable, which detaches everything) are kept, not duplicated.
  const already = new Set((await queries.listPolicyAttachments(scope.db, policyId)).map((a) => a.rootId ?? a.ouId ?? a.accountId));
  const rows = [
    { rootId: context.root.id },
    ...ouIds.map((ouId) => ({ ouId })),
    ...accountIds.map((accountId) => ({ accountId })),
  ].filter((target) => !already.has(Object.values(target)[0]));
  await scope.writer.createMany('attachment', rows.map((target) => ({ policyId, ...target })));
  return rows.length;
}

/** DisablePolicyType on the root: every policy of the type is detached everywhere. */
export async function disablePolicyType(db: Db, input: MutationBase & { type: EditablePolicyType }) {
  return runMutation(db, 'disablePolicyType', input, async (scope) => {
    const { context } = scope;
    const entry = context.policyTypes.find((p) => p.type === input.type);
    if (!entry) throw awsError('CONSTRAINT_VIOLATION', 'PolicyTypeNotEnabledException', `${input.type} is not enabled on the root.`);
    const attachments = await queries.listAttachmentsOfType(scope.db, context.organization.id, input.type);
    await scope.writer.deleteMany('attachment', attachments.map((a) => a.id));
    await scope.writer.delete('rootPolicyType', entry.id);
    return { type: input.type, detached: attachments.length };
  });
}
