import 'server-only';
import { DomainError, type DomainErrorKind } from '../domain-error';

// AWS RAM's own exception names (API reference, "Errors" of each action; docs.aws.amazon.com/ram/latest/APIReference/
// CommonErrors.html and each action's page), carried by DomainError so the browser sees data.awsCode.

/** RAM's exceptions this designer raises. */
export type RamErrorCode =
  | 'InvalidParameterException'
  | 'MalformedArnException'
  | 'OperationNotPermittedException'
  | 'ResourceShareLimitExceededException'
  | 'UnknownResourceException'
  | 'ResourceShareInvitationArnNotFoundException'
  | 'ResourceShareInvitationAlreadyAcceptedException'
  | 'ResourceShareInvitationAlreadyRejectedException'
  | 'ResourceShareInvitationExpiredException'
  | 'MalformedPolicyTemplateException'
  | 'InvalidPolicyException'
  | 'PermissionAlreadyExistsException'
  | 'PermissionLimitExceededException'
  | 'PermissionVersionsLimitExceededException';

const KIND: Record<RamErrorCode, DomainErrorKind> = {
  InvalidParameterException: 'INVALID_INPUT',
  MalformedArnException: 'INVALID_INPUT',
  OperationNotPermittedException: 'FORBIDDEN',
  ResourceShareLimitExceededException: 'CONSTRAINT_VIOLATION',
  UnknownResourceException: 'NOT_FOUND',
  ResourceShareInvitationArnNotFoundException: 'NOT_FOUND',
  ResourceShareInvitationAlreadyAcceptedException: 'CONFLICT',
  ResourceShareInvitationAlreadyRejectedException: 'CONFLICT',
  ResourceShareInvitationExpiredException: 'CONFLICT',
  MalformedPolicyTemplateException: 'INVALID_INPUT',
  InvalidPolicyException: 'INVALID_INPUT',
  PermissionAlreadyExistsException: 'CONFLICT',
  PermissionLimitExceededException: 'CONSTRAINT_VIOLATION',
  PermissionVersionsLimitExceededException: 'CONSTRAINT_VIOLATION',
};

/** A RAM exception with AWS's name. */
export function ramError(code: RamErrorCode, message: string): DomainError {
  return new DomainError(KIND[code], message, { awsCode: code });
}
