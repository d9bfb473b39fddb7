import 'server-only';
import { DomainError, type DomainErrorKind } from '../domain-error';

// AWS Organizations' own exception names and reasons (API reference, "Errors" of each action and the
// ConstraintViolationException / InvalidInputException reason lists), carried by DomainError so that the API
// sends them to the browser as data.awsCode / data.awsReason.

/** An error with AWS's exception name (and reason, for the exceptions that have one). */
export function awsError(kind: DomainErrorKind, awsCode: string, message: string, awsReason?: string): DomainError {
  return new DomainError(kind, message, { awsCode, ...(awsReason ? { awsReason } : {}) });
}

/** ConstraintViolationException with its reason, e.g. OU_DEPTH_LIMIT_EXCEEDED. */
export function constraintViolation(reason: string, message: string): DomainError {
  return awsError('CONSTRAINT_VIOLATION', 'ConstraintViolationException', message, reason);
}

/** InvalidInputException with its reason, e.g. IMMUTABLE_POLICY. */
export function invalidInput(reason: string, message: string): DomainError {
  return awsError('INVALID_INPUT', 'InvalidInputException', message, reason);
}

/** A *NotFoundException (AccountNotFoundException, TargetNotFoundException, ...). */
export function notFound(awsCode: string, message: string): DomainError {
  return awsError('NOT_FOUND', awsCode, message);
}

/** A refusal because something already exists or is in the way (Duplicate*, *InUse, *NotEmpty, ...). */
export function conflict(awsCode: string, message: string, awsReason?: string): DomainError {
  return awsError('CONFLICT', awsCode, message, awsReason);
}

/** The edit was based on an older revision of the design: nothing was written. */
export function staleRevision(designId: string, expected: number, current: number): DomainError {
  return conflict(
    'ConcurrentModificationException',
    `The design changed since you loaded it (you edited revision ${expected}, it is now at revision ${current}): ` +
      `nothing was saved. Reload design ${designId} and apply your change again.`,
    'STALE_REVISION',
  );
}
