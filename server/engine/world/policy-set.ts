// A group of policies evaluated together (one SCP level, a principal's identity policies, a boundary, a resource
// policy). It caches, per action, the flat list of statements whose Action covers it, so a request does one map
// lookup per group instead of one per policy and never re-tests action patterns it has seen.

import type { MatchedStatement } from '../types';
import type { CompiledPolicy, CompiledStatement, GrantKind } from './compiled-types';

/** A statement together with the trace record naming its policy. */
export interface StatementRef {
  /** The compiled statement. */
  statement: CompiledStatement;
  /** The shared, frozen trace record for it. */
  record: MatchedStatement;
}

/** What a group holds for one action: its statements, and when they all depend on the action alone, their verdict. */
export interface ActionSlice {
  /** Statements whose Action / NotAction covers the action. */
  refs: readonly StatementRef[];
  /** Set when every statement matches on the action alone: the group's outcome is then the same for every request. */
  fixed?: { allow: boolean; deny: boolean; grant?: GrantKind; records: readonly MatchedStatement[] };
}

const NONE: ActionSlice = Object.freeze({ refs: Object.freeze([]), fixed: Object.freeze({ allow: false, deny: false, records: Object.freeze([]) }) });

/** Policies evaluated as one group, with a per-action statement cache. */
export class PolicySet {
  private readonly byAction = new Map<string, ActionSlice>();

  constructor(
    /** The policies, in evaluation (and trace) order. */
    readonly policies: readonly CompiledPolicy[],
  ) {}

  /** The statements of every policy whose Action / NotAction covers the lower-cased action. Cached per action. */
  sliceFor(actionLower: string, serviceLower: string): ActionSlice {
    let slice = this.byAction.get(actionLower);
    if (slice === undefined) {
      const refs: StatementRef[] = [];
      for (const policy of this.policies) {
        for (const statement of policy.document.statementsForAction(actionLower, serviceLower)) {
          refs.push({ statement, record: policy.records[statement.index] });
        }
      }
      if (refs.length === 0) slice = NONE;
      else if (refs.every((ref) => ref.statement.actionOnly)) {
        // FullAWSAccess-style levels: the verdict cannot change between requests for this action.
        const fixed = {
          allow: refs.some((ref) => ref.statement.effect === 'Allow'),
          deny: refs.some((ref) => ref.statement.effect === 'Deny'),
          // An action-only Allow with a Principal names "*": a direct grant. Without a Principal it grants nothing
          // on the resource side (identity-based policies, where the grant kind is not used).
          grant: refs.some((ref) => ref.statement.effect === 'Allow' && ref.statement.matchesPrincipal !== undefined) ? 'direct' as const : undefined,
          records: refs.map((ref) => ref.record),
        };
        slice = { refs, fixed };
      } else slice = { refs };
      this.byAction.set(actionLower, slice);
    }
    return slice;
  }
}
