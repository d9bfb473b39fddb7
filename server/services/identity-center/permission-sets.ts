import 'server-only';
import { newPermissionSetArn } from '../../db/aws-identifiers';
import type { Db } from '../../db/client';
import * as iamQueries from '../../db/iam-queries';
import * as icQueries from '../../db/identity-center';
import type { PermissionSetRowDto } from '../../db/identity-center';
import { sessionDurationProblem } from '../../engine/identity-center/session-duration';
import type { CustomerManagedPolicyReference } from '../../engine/identity-center/types';
import { locateFindings } from '../../engine/policy/finding-positions';
import type { Finding } from '../../engine/types';
import type { IdentityCenterEditResult } from '../../schemas/identity-center';
import type { ValidatePolicyOutput } from '../../schemas/policy-library';
import { runMutation, type MutationBase, type OperationScope } from '../organizations/mutation';
import { validatePolicyDocument } from '../policy-validation';
import {
  conflictException,
  IDENTITY_CENTER_QUOTAS,
  permissionSetEntity,
  requireInstance,
  requirePermissionSet,
  resourceNotFound,
  serviceQuotaExceeded,
  validationException,
} from './common';

// Permission sets and their policies (sso-admin API: CreatePermissionSet, UpdatePermissionSet, DeletePermissionSet,
// Attach/DetachManagedPolicy…, Attach/DetachCustomerManagedPolicyReference…, Put/DeleteInlinePolicy…,
// Put/DeletePermissionsBoundary…). AWS-managed policies must be ones the design holds (as for IAM's AttachRolePolicy
// here); customer-managed references are names resolved in each account when the role is created, so any name is
// accepted and a missing policy shows up as a failed provisioning of that account. The inline policy is checked by
// the engine as an identity policy, with Identity Center's own size limits.

type PermissionSetInput = MutationBase & { permissionSetArn: string };

/** Runs an edit of one existing permission set and returns it as the result entity. */
function editPermissionSet(
  db: Db,
  operation: string,
  input: PermissionSetInput,
  apply: (scope: OperationScope, permissionSet: PermissionSetRowDto) => Promise<Finding[] | void>,
): Promise<IdentityCenterEditResult> {
  return runMutation(db, operation, input, async (scope) => {
    const instance = await requireInstance(scope);
    const permissionSet = await requirePermissionSet(scope, instance, input.permissionSetArn);
    const warnings = (await apply(scope, permissionSet)) ?? [];
    return { entity: permissionSetEntity(permissionSet), warnings };
  });
}

function requireSessionDuration(duration: string | undefined): void {
  const problem = duration === undefined ? undefined : sessionDurationProblem(duration);
  if (problem) throw validationException(problem);
}

/** CreatePermissionSet: name unique in the instance, at most the instance's permission set quota. */
export async function createPermissionSet(
  db: Db, input: MutationBase & { name: string; description?: string; sessionDuration?: string; relayState?: string },
): Promise<IdentityCenterEditResult> {
  return runMutation(db, 'createPermissionSet', input, async (scope) => {
    const instance = await requireInstance(scope);
    requireSessionDuration(input.sessionDuration);
    const existing = await icQueries.findPermissionSet(scope.db, instance.id, input.name);
    if (existing) throw conflictException(`A permission set named ${existing.name} already exists in instance ${instance.instanceArn}.`);
    const count = await icQueries.countPermissionSets(scope.db, instance.id);
    // Adjustable: the design's raised value when it has one (the quotas page).
    const quota = scope.quotas.identityCenter.maxPermissionSets;
    if (count >= quota) throw serviceQuotaExceeded('Number of permission sets allowed in IAM Identity Center', quota);
    const arn = newPermissionSetArn(instance.instanceArn);
    await scope.writer.create('permissionSet', {
      instanceId: instance.id,
      permissionSetArn: arn,
      name: input.name,
      description: input.description ?? '',
      sessionDuration: input.sessionDuration ?? 'PT1H',
      relayState: input.relayState ?? null,
    });
    return { entity: permissionSetEntity({ permissionSetArn: arn, name: input.name }), warnings: [] };
  });
}

/** UpdatePermissionSet: description, session duration and relay state (the name cannot change, as in AWS). */
export async function updatePermissionSet(
  db: Db, input: PermissionSetInput & { description?: string; sessionDuration?: string; relayState?: string },
): Promise<IdentityCenterEditResult> {
  return editPermissionSet(db, 'updatePermissionSet', input, async (scope, permissionSet) => {
    requireSessionDuration(input.sessionDuration);
    await scope.writer.update('permissionSet', permissionSet.id, {
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.sessionDuration !== undefined ? { sessionDuration: input.sessionDuration } : {}),
      ...(input.relayState !== undefined ? { relayState: input.relayState } : {}),
    });
  });
}

/** DeletePermissionSet: refused (ConflictException) while accounts still have assignments of it. */
export async function deletePermissionSet(db: Db, input: PermissionSetInput): Promise<IdentityCenterEditResult> {
  return editPermissionSet(db, 'deletePermissionSet', input, async (scope, permissionSet) => {
    const assigned = await icQueries.listAssignedAccountIds(scope.db, permissionSet.id);
    if (assigned.length > 0) {
      const accounts = assigned.join(', ');
      throw conflictException(`Permission set ${permissionSet.name} is provisioned to account(s) ${accounts}: delete its account assignments first.`);
    }
    await scope.writer.delete('permissionSet', permissionSet.id);
  });
}

function requireRoomForPolicy(permissionSet: PermissionSetRowDto): void {
  const count = permissionSet.managedPolicyArns.length + permissionSet.customerManagedPolicies.length;
  if (count >= IDENTITY_CENTER_QUOTAS.maxManagedPoliciesPerPermissionSet) {
    throw serviceQuotaExceeded('Number of AWS managed and customer managed policies per permission set', IDENTITY_CENTER_QUOTAS.maxManagedPoliciesPerPermissionSet);
  }
}

/** An AWS-managed policy the design holds, or ValidationException / ResourceNotFoundException. */
async function requireAwsManagedPolicy(scope: OperationScope, arn: string): Promise<void> {
  if (!arn.includes(':iam::aws:policy/')) {
    throw validationException(`${arn} is not an AWS managed policy: attach a customer managed policy by name and path (AttachCustomerManagedPolicyReferenceToPermissionSet).`);
  }
  const policy = await iamQueries.findManagedPolicyByArn(scope.db, scope.context.designId, arn);
  if (!policy) {
    throw resourceNotFound(`Policy ${arn} is not one the design holds: import it with an account's authorization details (the design holds only the AWS managed policies it was given).`);
  }
}

/** AttachManagedPolicyToPermissionSet: an AWS-managed policy, once, within the 20-policy quota. */
export async function attachManagedPolicyToPermissionSet(db: Db, input: PermissionSetInput & { managedPolicyArn: string }): Promise<IdentityCenterEditResult> {
  return editPermissionSet(db, 'attachManagedPolicyToPermissionSet', input, async (scope, permissionSet) => {
    await requireAwsManagedPolicy(scope, input.managedPolicyArn);
    if (permissionSet.managedPolicyArns.includes(input.managedPolicyArn)) {
      throw conflictException(`Policy ${input.managedPolicyArn} is already attached to permission set ${permissionSet.name}.`);
    }
    requireRoomForPolicy(permissionSet);
    await scope.writer.update('permissionSet', permissionSet.id, { managedPolicyArns: [...permissionSet.managedPolicyArns, input.managedPolicyArn] });
  });
}

/** DetachManagedPolicyFromPermissionSet. */
export async function detachManagedPolicyFromPermissionSet(db: Db, input: PermissionSetInput & { managedPolicyArn: string }): Promise<IdentityCenterEditResult> {
  return editPermissionSet(db, 'detachManagedPolicyFromPermissionSet', input, async (scope, permissionSet) => {
    if (!permissionSet.managedPolicyArns.includes(input.managedPolicyArn)) {
      throw resourceNotFound(`Policy ${input.managedPolicyArn} is not attached to permission set ${permissionSet.name}.`);
    }
    await scope.writer.update('permissionSet', permissionSet.id, { managedPolicyArns: permissionSet.managedPolicyArns.filter((arn) => arn !== input.managedPolicyArn) });
  });
}

const sameReference = (a: CustomerManagedPolicyReference, b: CustomerManagedPolicyReference) => a.name === b.name && a.path === b.path;

/** AttachCustomerManagedPolicyReferenceToPermissionSet: a name and path, once, within the 20-policy quota. */
export async function attachCustomerManagedPolicyReference(
  db: Db, input: PermissionSetInput & { customerManagedPolicyReference: CustomerManagedPolicyReference },
): Promise<IdentityCenterEditResult> {
  return editPermissionSet(db, 'attachCustomerManagedPolicyReference', input, async (scope, permissionSet) => {
    const reference = input.customerManagedPolicyReference;
    if (permissionSet.customerManagedPolicies.some((r) => sameReference(r, reference))) {
      throw conflictException(`Customer managed policy ${reference.path}${reference.name} is already attached to permission set ${permissionSet.name}.`);
    }
    requireRoomForPolicy(permissionSet);
    await scope.writer.update('permissionSet', permissionSet.id, { customerManagedPolicies: [...permissionSet.customerManagedPolicies, reference] });
  });
}

/** DetachCustomerManagedPolicyReferenceFromPermissionSet. */
export async function detachCustomerManagedPolicyReference(
  db: Db, input: PermissionSetInput & { customerManagedPolicyReference: CustomerManagedPolicyReference },
): Promise<IdentityCenterEditResult> {
  return editPermissionSet(db, 'detachCustomerManagedPolicyReference', input, async (scope, permissionSet) => {
    const reference = input.customerManagedPolicyReference;
    if (!permissionSet.customerManagedPolicies.some((r) => sameReference(r, reference))) {
      throw resourceNotFound(`Customer managed policy ${reference.path}${reference.name} is not attached to permission set ${permissionSet.name}.`);
    }
    await scope.writer.update('permissionSet', permissionSet.id, {
      customerManagedPolicies: permissionSet.customerManagedPolicies.filter((r) => !sameReference(r, reference)),
    });
  });
}

/**
 * Every finding on an inline policy as PutInlinePolicyToPermissionSet checks it, placed in the text: AWS's sizes
 * (at most 32,768 bytes and 10,240 non-whitespace characters, limits.html) as POLICY_SIZE_EXCEEDED errors, and the
 * engine's validator for an identity policy (the policy lands in each account as the role's inline policy).
 */
export function permissionSetInlinePolicyFindings(document: string): Finding[] {
  const sizeFindings: Finding[] = [];
  const bytes = new TextEncoder().encode(document).length;
  if (bytes > IDENTITY_CENTER_QUOTAS.maxInlinePolicyBytes) {
    sizeFindings.push({ code: 'POLICY_SIZE_EXCEEDED', severity: 'error', path: '$', message: `The inline policy is ${bytes.toLocaleString('en-US')} bytes; a permission set's inline policy holds at most ${IDENTITY_CENTER_QUOTAS.maxInlinePolicyBytes.toLocaleString('en-US')}.` });
  }
  const nonWhitespace = inlinePolicyCharacters(document);
  if (nonWhitespace > IDENTITY_CENTER_QUOTAS.maxInlinePolicyNonWhitespace) {
    sizeFindings.push({ code: 'POLICY_SIZE_EXCEEDED', severity: 'error', path: '$', message: `The inline policy has ${nonWhitespace.toLocaleString('en-US')} non-whitespace characters; at most ${IDENTITY_CENTER_QUOTAS.maxInlinePolicyNonWhitespace.toLocaleString('en-US')} are allowed.` });
  }
  // The IAM role-inline size quota is not the one that applies here: Identity Center's own limits replace it.
  const grammar = locateFindings(document, validatePolicyDocument('IDENTITY', document, { identityContainer: 'role-inline' })).filter((f) => f.code !== 'POLICY_SIZE_EXCEEDED');
  return [...sizeFindings, ...grammar];
}

/** Characters of an inline policy counted against Identity Center's 10,240 (whitespace not counted). */
function inlinePolicyCharacters(document: string): number {
  return [...document.replace(/\s/g, '')].length;
}

/** A draft inline policy checked as the save would check it, without saving (the panel's editor shows the findings). */
export function validatePermissionSetInlinePolicy(document: string): ValidatePolicyOutput {
  const findings = permissionSetInlinePolicyFindings(document);
  return {
    findings,
    rejected: findings.some((f) => f.severity === 'error'),
    size: { characters: inlinePolicyCharacters(document), quota: IDENTITY_CENTER_QUOTAS.maxInlinePolicyNonWhitespace },
  };
}

/**
 * The inline policy as PutInlinePolicyToPermissionSet checks it: any error (size or grammar) is a
 * ValidationException naming the first problems; warnings and suggestions are returned.
 */
export function checkPermissionSetInlinePolicy(document: string): Finding[] {
  const findings = permissionSetInlinePolicyFindings(document);
  const errors = findings.filter((f) => f.severity === 'error');
  const size = errors.find((f) => f.code === 'POLICY_SIZE_EXCEEDED');
  if (size) throw validationException(size.message);
  if (errors.length > 0) {
    const where = (f: Finding) => (f.line !== undefined ? `line ${f.line}: ` : `${f.path}: `);
    throw validationException(`The inline policy is not a valid policy document. ${errors.slice(0, 5).map((f) => `${where(f)}${f.message}`).join(' ')}`);
  }
  return findings.filter((f) => f.severity !== 'error');
}

/** PutInlinePolicyToPermissionSet: replaces the one inline policy. */
export async function putInlinePolicyToPermissionSet(db: Db, input: PermissionSetInput & { inlinePolicy: string }): Promise<IdentityCenterEditResult> {
  return editPermissionSet(db, 'putInlinePolicyToPermissionSet', input, async (scope, permissionSet) => {
    const warnings = checkPermissionSetInlinePolicy(input.inlinePolicy);
    await scope.writer.update('permissionSet', permissionSet.id, { inlinePolicy: input.inlinePolicy });
    return warnings;
  });
}

/** DeleteInlinePolicyFromPermissionSet. */
export async function deleteInlinePolicyFromPermissionSet(db: Db, input: PermissionSetInput): Promise<IdentityCenterEditResult> {
  return editPermissionSet(db, 'deleteInlinePolicyFromPermissionSet', input, async (scope, permissionSet) => {
    if (permissionSet.inlinePolicy === null) throw resourceNotFound(`Permission set ${permissionSet.name} has no inline policy.`);
    await scope.writer.update('permissionSet', permissionSet.id, { inlinePolicy: null });
  });
}

/** PutPermissionsBoundaryToPermissionSet: an AWS-managed policy or a customer-managed reference (replaces the previous one). */
export async function putPermissionsBoundaryToPermissionSet(
  db: Db, input: PermissionSetInput & { managedPolicyArn?: string; customerManagedPolicyReference?: CustomerManagedPolicyReference },
): Promise<IdentityCenterEditResult> {
  return editPermissionSet(db, 'putPermissionsBoundaryToPermissionSet', input, async (scope, permissionSet) => {
    if ((input.managedPolicyArn === undefined) === (input.customerManagedPolicyReference === undefined)) {
      throw validationException('A permissions boundary is either a managed policy ARN or a customer managed policy reference.');
    }
    if (input.managedPolicyArn) await requireAwsManagedPolicy(scope, input.managedPolicyArn);
    await scope.writer.update('permissionSet', permissionSet.id, icQueries.boundaryColumns(input));
  });
}

/** DeletePermissionsBoundaryFromPermissionSet. */
export async function deletePermissionsBoundaryFromPermissionSet(db: Db, input: PermissionSetInput): Promise<IdentityCenterEditResult> {
  return editPermissionSet(db, 'deletePermissionsBoundaryFromPermissionSet', input, async (scope, permissionSet) => {
    if (!permissionSet.boundaryManagedPolicyArn && !permissionSet.boundaryCustomerPolicyName) {
      throw resourceNotFound(`Permission set ${permissionSet.name} has no permissions boundary.`);
    }
    await scope.writer.update('permissionSet', permissionSet.id, icQueries.boundaryColumns(null));
  });
}
