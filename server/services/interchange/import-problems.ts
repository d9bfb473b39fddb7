// Problems found while validating an import, and the single error that refuses the whole import. An import is
// all or nothing: every problem is collected first (so people fix a file in one go), then nothing is written.
import 'server-only';

import { ProblemCollector, type BundleProblem } from '../../engine/aws/bundle/problems';
import { DomainError } from '../domain-error';

/** One problem in an import file, located by JSONPath and named with AWS's exception when AWS has one. */
export type ImportProblem = BundleProblem;

/** Collects problems; `file` prefixes paths when the input is a folder of several files. */
export class ProblemList extends ProblemCollector {
  /** Throws ImportRejectedError with the problems recorded so far (at least one must have been). */
  reject(source: string): never {
    throw new ImportRejectedError(source, this.problems);
  }

  /** Throws ImportRejectedError when any problem was recorded. */
  throwIfAny(source: string): void {
    if (this.problems.length > 0) throw new ImportRejectedError(source, this.problems);
  }
}

const SHOWN_PROBLEMS = 5;

/** The import was refused and nothing was written; `problems` lists everything wrong. */
export class ImportRejectedError extends DomainError {
  readonly problems: readonly ImportProblem[];

  constructor(source: string, problems: readonly ImportProblem[]) {
    const first = problems[0];
    const lines = problems.slice(0, SHOWN_PROBLEMS).map((p) => `${p.path}: ${p.awsCode}${p.awsReason ? ` (${p.awsReason})` : ''}: ${p.message}`);
    const more = problems.length > SHOWN_PROBLEMS ? ` (and ${problems.length - SHOWN_PROBLEMS} more)` : '';
    super('INVALID_INPUT', `${source} was not imported, nothing was written: ${lines.join('; ')}${more}`, {
      awsCode: first?.awsCode,
      awsReason: first?.awsReason,
    });
    this.name = 'DomainError';
    this.problems = problems;
  }
}
