import 'server-only';
import * as icQueries from '../../db/identity-center';
import type { IdentityCenterInstanceRowDto, PermissionSetRowDto } from '../../db/identity-center';
import { DEFAULT_IDENTITY_CENTER_QUOTAS, IDENTITY_CENTER_QUOTAS_DOC } from '../../engine/quotas';
import type { DomainError } from '../domain-error';
import { awsError } from '../organizations/aws-errors';
import type { OperationScope } from '../organizations/mutation';

// What every IAM Identity Center edit shares: its API's error names (sso-admin and identitystore API references,
// "Errors" of each action: ConflictException, ValidationException, ServiceQuotaExceededException,
// ResourceNotFoundException) and the lookups of the instance and its permission sets.

/** ResourceNotFoundException: the instance, permission set, user, group, membership or assignment does not exist. */
export const resourceNotFound = (message: string): DomainError => awsError('NOT_FOUND', 'ResourceNotFoundException', message);
/** ConflictException: a name already taken, or a deletion while something still depends on the entity. */
export const conflictException = (message: string, reason?: string): DomainError => awsError('CONFLICT', 'ConflictException', message, reason);
/** ValidationException: a value the API refuses (duration range, inline policy size or grammar, wrong target). */
export const validationException = (message: string): DomainError => awsError('INVALID_INPUT', 'ValidationException', message);
/** ServiceQuotaExceededException naming the quota and the page that documents it. */
export const serviceQuotaExceeded = (quota: string, value: number): DomainError =>
  awsError('CONSTRAINT_VIOLATION', 'ServiceQuotaExceededException', `The request exceeds the quota "${quota}" (${value.toLocaleString('en-US')}; ${IDENTITY_CENTER_QUOTAS_DOC}).`);

/** AWS's fixed Identity Center quotas (the adjustable ones are read from the design: scope.quotas.identityCenter). */
export const IDENTITY_CENTER_QUOTAS = DEFAULT_IDENTITY_CENTER_QUOTAS;

/** The design's instance, or ResourceNotFoundException when IAM Identity Center is not enabled. */
export async function requireInstance(scope: OperationScope): Promise<IdentityCenterInstanceRowDto> {
  const instance = await icQueries.findInstance(scope.db, scope.context.designId);
  if (!instance) throw resourceNotFound('IAM Identity Center is not enabled in this organization: enable it first.');
  return instance;
}

/** A permission set of the instance by ARN or name, or ResourceNotFoundException. */
export async function requirePermissionSet(scope: OperationScope, instance: IdentityCenterInstanceRowDto, ref: string): Promise<PermissionSetRowDto> {
  const permissionSet = await icQueries.findPermissionSet(scope.db, instance.id, ref);
  if (!permissionSet) throw resourceNotFound(`Permission set ${ref} does not exist in instance ${instance.instanceArn}.`);
  return permissionSet;
}

/** The result entity of a permission set edit. */
export function permissionSetEntity(permissionSet: Pick<PermissionSetRowDto, 'permissionSetArn' | 'name'>) {
  return { type: 'permissionSet' as const, id: permissionSet.permissionSetArn, name: permissionSet.name };
}
