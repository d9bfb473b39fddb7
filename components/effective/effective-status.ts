// From the engine's answers (through the API) to the colours and words of the effective view. Pure.
import type { DiagramStatus } from '../org-graph/export';

/** The legend's wording per status; "conditional" is the engine's conditionDependent. */
export const EFFECTIVE_STATUS_LABELS: Readonly<Record<DiagramStatus, string>> = {
  allowed: 'Allowed',
  explicitDeny: 'Explicit deny',
  implicitDeny: 'Implicit deny',
  conditional: 'Depends on conditions',
};

/** What each status means, for the legend's tooltips. */
export const EFFECTIVE_STATUS_HINTS: Readonly<Record<DiagramStatus, string>> = {
  allowed: 'Every required policy allows the request and no Deny applies.',
  explicitDeny: 'A Deny statement matches the request: nothing can override it.',
  implicitDeny: 'No policy that must allow the request does so.',
  conditional: 'A key the request did not carry (and AWS does not set itself) can change the answer: supply it to settle it.',
};

/** The colour of one account: "depends on conditions" when a key the request did not carry can change the decision. */
export function statusOf(result: { decision: 'allowed' | 'explicitDeny' | 'implicitDeny'; conditionDependent: boolean }): DiagramStatus {
  return result.conditionDependent ? 'conditional' : result.decision;
}

/** The decision in words, plus the condition note when one applies: "Explicit deny · depends on conditions". */
export function decisionWords(result: { decision: 'allowed' | 'explicitDeny' | 'implicitDeny'; conditionDependent: boolean }): string {
  const base = EFFECTIVE_STATUS_LABELS[result.decision];
  return result.conditionDependent ? `${base} · depends on conditions` : base;
}
