// Edges into one role from a class of principals (same account, kind, policies, boundary and tags), decided once:
// the engine evaluates the first member, and the decision signature (decision-signature.ts) proves the answer holds
// for the others, and for any other (class, role) pair that asks the same question (an administrator role of the
// management account asks every account's OrganizationAccountAccessRole the same thing). When the signature cannot
// prove it (a condition reads aws:PrincipalArn, a Resource holds a policy variable), each member is evaluated alone.

import type { IamRole } from '../types';
import type { CompiledWorld } from '../world/compile-world';
import { assumeEdge, edgeSessionSeconds, extraActionsFor } from './assume-edges';
import { decisionSignature } from './decision-signature';
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

/** Push the edges from the members into the role onto `out`; returns how many (principal, role) pairs the engine evaluated. */
export function classEdges(compiled: CompiledWorld, memo: ClassMemo, isRole: boolean, members: readonly string[], role: IamRole, out: AssumeEdge[]): number {
  const representative = compiled.principal(members[0]);
  const signature = decisionSignature(compiled, representative, 'sts:AssumeRole', role.arn);
  if (!signature || signature.principalSpecific) return oneByOne(compiled, isRole, members, role, out);
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
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(signature.key, template);
  } else if (template.edge && !extrasHold(compiled, template, members[0], role)) {
    return oneByOne(compiled, isRole, members, role, out);
  }
  const edge = template.edge;
  if (!edge) return evaluations;
  const sameRole = edge.to === role.arn;
  const policyId = compiled.trustPolicyFor(role).id;
  const trustStatements = sameRole ? edge.trustStatements : edge.trustStatements.map((statement) => ({ ...statement, policyId }));
  const maxSessionSeconds = edgeSessionSeconds(isRole, role);
  for (const from of members) {
    out.push(from === edge.from && sameRole ? edge : {
      ...edge, id: `${from} -> ${role.arn}`, from, to: role.arn, trustStatements, chained: isRole, maxSessionSeconds,
    });
  }
  return evaluations;
}

function extrasHold(compiled: CompiledWorld, template: EdgeTemplate, from: string, role: IamRole): boolean {
  if (template.extras.size === 0) return true;
  const representative = compiled.principal(from);
  for (const [action, key] of template.extras) {
    if (decisionSignature(compiled, representative, action, role.arn, template.edge!.suppliedContext)?.key !== key) return false;
  }
  return true;
}

function oneByOne(compiled: CompiledWorld, isRole: boolean, members: readonly string[], role: IamRole, out: AssumeEdge[], first?: AssumeEdge | null): number {
  if (first) out.push(first);
  for (const from of members) {
    const edge = assumeEdge(compiled, from, isRole, role);
    if (edge) out.push(edge);
  }
  return members.length;
}
