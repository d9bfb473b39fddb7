// Typed errors the engine throws for requests it cannot evaluate. The codes are AWS's own where AWS has one
// (simulate-principal-policy answers NoSuchEntity for an unknown PolicySourceArn, InvalidInput for a malformed one).

/** Thrown when a request names a principal the world does not contain or an ARN that is no principal at all. */
export class UnknownPrincipalError extends Error {
  /** AWS error code: NoSuchEntity (well-formed but absent) or InvalidInput (not a principal ARN). */
  readonly code: 'NoSuchEntity' | 'InvalidInput';
  /** The ARN as given. */
  readonly principalArn: string;

  constructor(principalArn: string, code: 'NoSuchEntity' | 'InvalidInput', detail: string) {
    super(`${code}: principal ${principalArn} ${detail}`);
    this.name = 'UnknownPrincipalError';
    this.code = code;
    this.principalArn = principalArn;
  }
}
