// Edges into one role from a class of principals (same account, kind, policies, boundary and tags), decided once:
// the engine evaluates the first member, and the decision signature (decision-signature.ts) proves the answer holds
// for the others, and for any other (class, role) pair that asks the same question (an administrator role of the
// management account asks every account's OrganizationAccountAccessRole the same thing). When the signature cannot
// prove it (a condition reads aws:PrincipalArn, a Resource holds a policy variable), each member is evaluated alone.

import type { IamRole } from '../types';
import type { CompiledWorld } from '../world/compile-world';
import { assumeEdge, edgeSessionSeconds, extraActionsFor } from './assume-edges';
import { decisionSignature } from './decision-signature';
import type { EdgeStore } from './edge-store';
import type { AssumeEdge } from './types';

/** An edge decided for one class and role, reused for every question with the same signature. */
export interface EdgeTemplate {
  /** The edge as computed for the first member (null: denied whatever the context). */
  edge: AssumeEdge | null;
  /** Signatures of the extra authorizations (sts:TagSession, ...) the edge needed, by action. */
  extras: ReadonlyMap<string, string>;
}

/** Edge templates by decision signature. */
export type ClassMemo = Map<string, EdgeTemplate>;

/** Distinct signatures remembered per graph (each holds one edge). */
const MEMO_LIMIT = 100_000;

/**
 * Push the edges from the members into the role onto `out` (a store with the role's segment open); returns how many
 * (principal, role) pairs the engine evaluated.
 */
export function classEdges(
  compiled: CompiledWorld, memo: ClassMemo, isRole: boolean, members: readonly string[], numbers: readonly number[], role: IamRole, out: EdgeStore,
): number {
  const representative = compiled.principal(members[0]);
  const signature = decisionSignature(compiled, representative, 'sts:AssumeRole', role.arn);
  if (!signature) return oneByOne(compiled, isRole, members, role, out);
  if (signature.principalSpecific) {
    // Some policy tells the members apart: each member is decided on its own, and shares its decision only with
    // requests it makes itself (the same principal named by the same statements of another role).
    let evaluations = 0;
    for (const from of members) evaluations += principalEdge(compiled, memo, from, isRole, role, out);
    return evaluations;
  }
  let evaluations = 0;
  let template = memo.get(signature.key);
  if (template === undefined) {
    const edge = assumeEdge(compiled, members[0], isRole, role) ?? null;
    evaluations = 1;
    const extras = new Map<string, string>();
    for (const action of edge ? extraActionsFor(edge.suppliedContext) : []) {
      const extra = decisionSignature(compiled, representative, action, role.arn, edge!.suppliedContext);
      // An extra authorization that cannot be shared makes the whole edge principal-specific.
      if (!extra || extra.principalSpecific) return evaluations + oneByOne(compiled, isRole, members.slice(1), role, out, edge);
      extras.set(action, extra.key);
    }
    template = { edge, extras };
    remember(memo, signature.key, template);
  } else if (template.edge && !extrasHold(compiled, template, members[0], role, false)) {
    return oneByOne(compiled, isRole, members, role, out);
  }
  const edge = template.edge;
  if (!edge) return evaluations;
  // Every member's edge is the template's with its own ends (the store names the role's trust policy on read).
  const maxSessionSeconds = edgeSessionSeconds(isRole, role);
  for (let i = 0; i < numbers.length; i++) out.pushNumbered(numbers[i], edge, isRole, maxSessionSeconds, role.arn);
  return evaluations;
}

/**
 * Push the edge from one principal into the role onto `out` (a principal the trust policy names, or a member its
 * class cannot answer for); returns 1 when the engine evaluated the pair, 0 when an equivalent request's decision was
 * reused. A decision that holds for this principal alone is remembered under its ARN, so the same principal named by
 * the trust policies of 5,000 roles is still evaluated once per distinct question.
 */
export function principalEdge(compiled: CompiledWorld, memo: ClassMemo, from: string, isRole: boolean, role: IamRole, out: EdgeStore): number {
  const principal = compiled.principal(from);
  const signature = decisionSignature(compiled, principal, 'sts:AssumeRole', role.arn);
  if (!signature) return oneByOne(compiled, isRole, [from], role, out);
  const key = signature.principalSpecific ? `${signature.key}|${from}` : signature.key;
  const template = memo.get(key);
  if (template === undefined) {
    const edge = assumeEdge(compiled, from, isRole, role) ?? null;
    if (edge) out.pushEdge(edge);
    const extras = new Map<string, string>();
    for (const action of edge ? extraActionsFor(edge.suppliedContext) : []) {
      const extra = decisionSignature(compiled, principal, action, role.arn, edge!.suppliedContext);
      if (!extra) return 1;
      extras.set(action, extra.principalSpecific ? `${extra.key}|${from}` : extra.key);
    }
    remember(memo, key, { edge, extras });
    return 1;
  }
  if (template.edge && !extrasHold(compiled, template, from, role, true)) return oneByOne(compiled, isRole, [from], role, out);
  const edge = template.edge;
  if (!edge) return 0;
  if (from === edge.from && role.arn === edge.to) out.pushEdge(edge);
  else out.pushFrom(from, edge, isRole, edgeSessionSeconds(isRole, role), role.arn);
  return 0;
}

function remember(memo: ClassMemo, key: string, template: EdgeTemplate): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, template);
}

/**
 * True when the extra authorizations the template's edge needed get the same answer for this principal. For a
 * class representative (`alone` false) the answer must also hold for every member (not principal-specific).
 */
function extrasHold(compiled: CompiledWorld, template: EdgeTemplate, from: string, role: IamRole, alone: boolean): boolean {
  if (template.extras.size === 0) return true;
  const representative = compiled.principal(from);
  for (const [action, key] of template.extras) {
    const extra = decisionSignature(compiled, representative, action, role.arn, template.edge!.suppliedContext);
    if (!extra || (extra.principalSpecific && !alone)) return false;
    if ((extra.principalSpecific ? `${extra.key}|${from}` : extra.key) !== key) return false;
  }
  return true;
}

function oneByOne(compiled: CompiledWorld, isRole: boolean, members: readonly string[], role: IamRole, out: EdgeStore, first?: AssumeEdge | null): number {
  if (first) out.pushEdge(first);
  for (const from of members) {
    const edge = assumeEdge(compiled, from, isRole, role);
    if (edge) out.pushEdge(edge);
  }
  return members.length;
}
