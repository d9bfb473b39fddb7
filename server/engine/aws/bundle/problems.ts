// Problems found while reading a bundle. Reading is all or nothing: every problem is collected first (so people fix
// a file in one go), and a bundle with any problem gives no model at all.

/** One problem in a bundle, located by JSONPath and named with AWS's exception when AWS has one. */
export interface BundleProblem {
  /** JSONPath of the offending element, e.g. "$.Accounts[39].ParentId". */
  path: string;
  /** What is wrong, for people. */
  message: string;
  /** AWS's exception name (MalformedPolicyDocumentException, ...) or InvalidInputException for shape errors. */
  awsCode: string;
  /** AWS's reason, for ConstraintViolationException. */
  awsReason?: string;
}

/** Collects problems in document order. */
export class ProblemCollector {
  /** Problems recorded so far. */
  readonly problems: BundleProblem[] = [];

  /** Record a problem. */
  add(path: string, message: string, awsCode = 'InvalidInputException', awsReason?: string): void {
    this.problems.push({ path, message, awsCode, ...(awsReason ? { awsReason } : {}) });
  }
}
