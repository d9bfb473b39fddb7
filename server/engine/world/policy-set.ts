// A group of policies evaluated together (one SCP level, a principal's identity policies, a boundary, a resource
// policy). It caches, per action, the flat list of statements whose Action covers it, so a request does one map
// lookup per group instead of one per policy and never re-tests action patterns it has seen.

import type { MatchedStatement } from '../types';
import type { CompiledPolicy, CompiledStatement } from './compiled-types';

/** A statement together with the trace record naming its policy. */
export interface StatementRef {
  /** The compiled statement. */
  statement: CompiledStatement;
  /** The shared, frozen trace record for it. */
  record: MatchedStatement;
}

const NONE: readonly StatementRef[] = Object.freeze([]);

/** Policies evaluated as one group, with a per-action statement cache. */
export class PolicySet {
  private readonly byAction = new Map<string, readonly StatementRef[]>();

  constructor(
    /** The policies, in evaluation (and trace) order. */
    readonly policies: readonly CompiledPolicy[],
  ) {}

  /** Statements of every policy whose Action / NotAction covers the lower-cased action. */
  refsFor(actionLower: string, serviceLower: string): readonly StatementRef[] {
    let refs = this.byAction.get(actionLower);
    if (refs === undefined) {
      const collected: StatementRef[] = [];
      for (const policy of this.policies) {
        for (const statement of policy.document.statementsForAction(actionLower, serviceLower)) {
          collected.push({ statement, record: policy.records[statement.index] });
        }
      }
      refs = collected.length === 0 ? NONE : collected;
      this.byAction.set(actionLower, refs);
    }
    return refs;
  }
}
