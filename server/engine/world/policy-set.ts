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
  /** A frozen list holding only that record: a trace list with one entry shares it instead of allocating one. */
  alone: readonly MatchedStatement[];
}

/** The combined outcome of statements that match on the action alone. */
export interface FixedPart {
  /** One of them is an Allow. */
  allow: boolean;
  /** One of them is a Deny. */
  deny: boolean;
  /** "direct" when an Allow among them names Principal "*" (resource-side policies). */
  grant?: GrantKind;
  /** Their trace records, in policy and document order. */
  records: readonly MatchedStatement[];
}

/** What a group holds for one action: the statements to test per request, and the part that never varies. */
export interface ActionSlice {
  /** Statements whose match depends on the request (principal, resource or conditions). */
  refs: readonly StatementRef[];
  /** Statements whose match depends on the action alone (FullAWSAccess-style): their outcome, computed once. */
  fixed: FixedPart;
}

const NO_FIXED: FixedPart = Object.freeze({ allow: false, deny: false, records: Object.freeze([]) });
const NONE: ActionSlice = Object.freeze({ refs: Object.freeze([]), fixed: NO_FIXED });

/** Policies evaluated as one group, with a per-action statement cache. */
export class PolicySet {
  private readonly byAction = new Map<string, ActionSlice>();
  // The last action asked for and its slice: evaluate passes one lower-cased string instance per action spelling,
  // so a repeated action is recognised by identity before hashing it for the map.
  private lastAction?: string;
  private lastSlice: ActionSlice = NONE;

  constructor(
    /** The policies, in evaluation (and trace) order. */
    readonly policies: readonly CompiledPolicy[],
  ) {}

  /** The statements of every policy whose Action / NotAction covers the lower-cased action. Cached per action. */
  sliceFor(actionLower: string, serviceLower: string): ActionSlice {
    if (actionLower === this.lastAction) return this.lastSlice;
    let slice = this.byAction.get(actionLower);
    if (slice === undefined) {
      const refs: StatementRef[] = [];
      const fixedRefs: StatementRef[] = [];
      for (const policy of this.policies) {
        for (const statement of policy.document.statementsForAction(actionLower, serviceLower)) {
          const record = policy.records[statement.index];
          (statement.actionOnly ? fixedRefs : refs).push({ statement, record, alone: Object.freeze([record]) });
        }
      }
      slice = refs.length === 0 && fixedRefs.length === 0 ? NONE : { refs, fixed: fixedPart(fixedRefs) };
      this.byAction.set(actionLower, slice);
    }
    this.lastAction = actionLower;
    this.lastSlice = slice;
    return slice;
  }
}

function fixedPart(refs: readonly StatementRef[]): FixedPart {
  if (refs.length === 0) return NO_FIXED;
  return {
    allow: refs.some((ref) => ref.statement.effect === 'Allow'),
    deny: refs.some((ref) => ref.statement.effect === 'Deny'),
    // An action-only Allow with a Principal names "*": a direct grant. Without a Principal it grants nothing on the
    // resource side (identity-based policies, where the grant kind is not used).
    grant: refs.some((ref) => ref.statement.effect === 'Allow' && ref.statement.matchesPrincipal !== undefined) ? 'direct' : undefined,
    // Frozen: evaluatePolicies hands this very list to every request's trace (copy-on-write).
    records: Object.freeze(refs.map((ref) => ref.record)),
  };
}
