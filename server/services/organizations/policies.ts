import 'server-only';
import { newPolicyAwsId } from '../../db/aws-identifiers';
import type { Db } from '../../db/client';
import type { OrganizationsPolicyTypeDto, TagDto } from '../../db/dto';
import { tagsToJson } from '../../db/json-values';
import * as queries from '../../db/org-mutations-queries';
import type { PolicyRowDto } from '../../db/org-mutations-queries';
import type { Finding } from '../../engine/types';
import type { EditablePolicyType } from '../../schemas/organizations';
import { validatePolicyDocument, type PolicyValidationType } from '../policy-validation';
import { awsError, conflict, constraintViolation, invalidInput, notFound } from './aws-errors';
import { isQuotaPolicyType, requireAllFeatures, runMutation, type EffectiveQuotas, type MutationBase, type OperationScope } from './mutation';
import { mergeTags } from './tags';
import { toPolicyView } from './views';

// CreatePolicy, UpdatePolicy and DeletePolicy for every editable type. Documents are checked by validatePolicyDocument
// (the one validator the editor and `lzsim validate-policy` share) against the design's size quotas. AWS-managed policies (FullAWSAccess, RCPFullAWSAccess) cannot be changed or
// deleted: InvalidInputException with reason IMMUTABLE_POLICY.

const SIZE_FINDINGS = new Set(['POLICY_SIZE_EXCEEDED', 'POLICY_CONTENT_LIMIT_EXCEEDED']);

const VALIDATION_TYPES: Partial<Record<OrganizationsPolicyTypeDto, PolicyValidationType>> = {
  SERVICE_CONTROL_POLICY: 'SCP',
  RESOURCE_CONTROL_POLICY: 'RCP',
  TAG_POLICY: 'TAG_POLICY',
  BACKUP_POLICY: 'BACKUP_POLICY',
  AISERVICES_OPT_OUT_POLICY: 'AISERVICES_OPT_OUT_POLICY',
  S3_POLICY: 'S3_POLICY',
  DECLARATIVE_POLICY_EC2: 'DECLARATIVE_POLICY_EC2',
};

/** The engine's findings for a document of a type, with the design's size quotas. */
export function validatePolicyContent(type: OrganizationsPolicyTypeDto, content: string, quotas: EffectiveQuotas): Finding[] {
  const validationType = VALIDATION_TYPES[type];
  if (!validationType) {
    throw invalidInput('INVALID_ENUM', `The designer cannot validate ${type} documents yet; use SCP, RCP, tag, backup, AI opt-out, Amazon S3 or EC2 policies.`);
  }
  return validatePolicyDocument(validationType, content, { quotas: quotas.policySizes });
}

/** Throws AWS's error for a document AWS would refuse: too large, or malformed. */
function requireValidContent(type: OrganizationsPolicyTypeDto, content: string, quotas: EffectiveQuotas): Finding[] {
  const findings = validatePolicyContent(type, content, quotas);
  const errors = findings.filter((f) => f.severity === 'error');
  const size = errors.find((f) => SIZE_FINDINGS.has(f.code));
  if (size) throw constraintViolation('POLICY_CONTENT_LIMIT_EXCEEDED', size.message);
  if (errors.length > 0) {
    const details = errors.slice(0, 5).map((f) => `${f.path}: ${f.message}`).join(' ');
    throw awsError('INVALID_INPUT', 'MalformedPolicyDocumentException', `The policy document is not valid for ${type}. ${details}`);
  }
  return findings.filter((f) => f.severity !== 'error');
}

/** The policy of the organization by row id or "p-…" id, or PolicyNotFoundException. */
export async function requirePolicy(scope: OperationScope, ref: string): Promise<PolicyRowDto> {
  const policy = await queries.findPolicy(scope.db, scope.context.organization.id, ref);
  if (!policy) throw notFound('PolicyNotFoundException', `There is no policy "${ref}" in this organization.`);
  return policy;
}

/** Policies of a type stay unique by name. */
async function requireUniqueName(scope: OperationScope, type: OrganizationsPolicyTypeDto, name: string, exceptId?: string): Promise<void> {
  const existing = await queries.findPolicyByName(scope.db, scope.context.organization.id, type, name);
  if (existing && existing.id !== exceptId) throw conflict('DuplicatePolicyException', `A ${type} named "${name}" already exists.`);
}

function requireCustomerManaged(policy: PolicyRowDto): void {
  if (policy.awsManaged) {
    throw invalidInput('IMMUTABLE_POLICY', `${policy.name} is managed by AWS and cannot be modified or deleted; you can only attach and detach it.`);
  }
}

/** CreatePolicy: a customer-managed policy, checked by the engine's validator; warnings come back with it. */
export async function createPolicy(
  db: Db,
  input: MutationBase & { type: EditablePolicyType; name: string; description?: string; content: string; tags?: TagDto[] },
) {
  return runMutation(db, 'createPolicy', input, async (scope) => {
    requireAllFeatures(scope.context, `Creating a ${input.type}`);
    const warnings = requireValidContent(input.type, input.content, scope.quotas);
    await requireUniqueName(scope, input.type, input.name);
    if (isQuotaPolicyType(input.type)) {
      const max = scope.quotas.organization.maxPoliciesPerOrganization[input.type];
      const count = await queries.countPolicies(scope.db, scope.context.organization.id, input.type);
      if (count >= max) throw constraintViolation('POLICY_NUMBER_LIMIT_EXCEEDED', `An organization can have at most ${max} policies of type ${input.type}.`);
    }
    const tags = mergeTags([], input.tags ?? []);
    const row = await scope.writer.create('policy', {
      organizationId: scope.context.organization.id,
      awsId: newPolicyAwsId(),
      type: input.type,
      name: input.name,
      description: input.description ?? '',
      content: input.content,
      awsManaged: false,
      tags: tagsToJson(tags),
    });
    return { policy: toPolicyView(row), warnings };
  });
}

/** UpdatePolicy: name, description and/or content of a customer-managed policy. */
export async function updatePolicy(db: Db, input: MutationBase & { policyId: string; name?: string; description?: string; content?: string }) {
  return runMutation(db, 'updatePolicy', input, async (scope) => {
    const policy = await requirePolicy(scope, input.policyId);
    requireCustomerManaged(policy);
    const warnings = input.content !== undefined ? requireValidContent(policy.type, input.content, scope.quotas) : [];
    if (input.name !== undefined) await requireUniqueName(scope, policy.type, input.name, policy.id);
    const row = await scope.writer.update('policy', policy.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.content !== undefined ? { content: input.content } : {}),
    });
    return { policy: toPolicyView(row), warnings };
  });
}

/** DeletePolicy: only a customer-managed policy that is attached nowhere (PolicyInUseException otherwise). */
export async function deletePolicy(db: Db, input: MutationBase & { policyId: string }) {
  return runMutation(db, 'deletePolicy', input, async (scope) => {
    const policy = await requirePolicy(scope, input.policyId);
    requireCustomerManaged(policy);
    const attachments = await queries.listPolicyAttachments(scope.db, policy.id);
    if (attachments.length > 0) {
      throw conflict('PolicyInUseException', `Policy "${policy.name}" is still attached to ${attachments.length} target(s): detach it first.`);
    }
    await scope.writer.delete('policy', policy.id);
    return { policyId: policy.id, awsId: policy.awsId };
  });
}

