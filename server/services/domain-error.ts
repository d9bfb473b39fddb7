import 'server-only';

/** The broad kinds of domain failure; the API maps each to one tRPC error code. */
export type DomainErrorKind = 'NOT_FOUND' | 'CONFLICT' | 'INVALID_INPUT' | 'CONSTRAINT_VIOLATION' | 'FORBIDDEN'
  /** The work the request asked for outran its time budget (see services/engine-worker). */
  | 'TIMEOUT'
  /** Authentication is on and the request is not signed in (401). */
  | 'UNAUTHENTICATED'
  /** Too many attempts (sign-in); the message says how long to wait (429). */
  | 'RATE_LIMITED';

/** Options of a DomainError beyond its kind and message. */
export interface DomainErrorOptions {
  /** AWS's own exception name when AWS has one, e.g. "ConstraintViolationException". */
  awsCode?: string;
  /** AWS's reason for the exception, e.g. "OU_DEPTH_LIMIT_EXCEEDED". */
  awsReason?: string;
  /** The input field the failure is about (e.g. "name" for a taken design name), for forms to highlight. */
  field?: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * A failure the user can act on (not a bug): services throw it, the API turns it into a TRPCError whose
 * data carries `awsCode` / `awsReason` so the browser can show AWS's vocabulary.
 */
export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly awsCode?: string;
  readonly awsReason?: string;
  readonly field?: string;

  constructor(kind: DomainErrorKind, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.kind = kind;
    this.awsCode = options.awsCode;
    this.awsReason = options.awsReason;
    this.field = options.field;
  }
}

/** True when the value is a DomainError (also across duplicated module instances, hence the duck typing). */
export function isDomainError(value: unknown): value is DomainError {
  return (
    value instanceof DomainError ||
    (value instanceof Error && value.name === 'DomainError' && typeof (value as { kind?: unknown }).kind === 'string')
  );
}

/** The error every design-scoped read gives for an unknown design id. */
export function designNotFound(designId: string): DomainError {
  return new DomainError('NOT_FOUND', `There is no design with id "${designId}".`);
}
