// What an identity-policy change does to the users and roles it touches. Such a change flips no cell of the org-wide
// matrix (SCPs and RCPs are unchanged), so the principals are found directly: every user and role whose identity
// documents (inline, attached managed, boundary, and its groups' policies) differ between the two worlds, judged with
// `evaluate` before and after on every catalogued action the documents that changed name (Action, or the complement
// of NotAction), on resource "*": "Deploy in Payments gains iam:PassRole".

import { evaluate } from '../../evaluate/evaluate';
import { parsePolicy } from '../../policy/parse';
import type { AccountIam, ContextEntry, PolicySource } from '../../types';
import type { CompiledWorld } from '../../world/compile-world';
import { UnknownPrincipalError } from '../../world/errors';
import type { ActionIndex } from '../org-matrix/action-index';
import { emptyBits, forEachBit, not, orInto } from '../org-matrix/bitset';

/** The actions one principal gains or loses through a change of its identity documents (complete lists). */
export interface IdentityFlips {
  /** aws:PrincipalArn of the user or role. */
  principalArn: string;
  /** Its account. */
  accountId: string;
  /** Actions allowed after and not before (resource "*"). */
  gained: string[];
  /** Actions allowed before and not after. */
  lost: string[];
}

/** Options of identityFlips. */
export interface IdentityFlipOptions {
  /** Request context assumed. */
  context?: ContextEntry[];
  /** Only these accounts (by default every account whose IAM differs between the worlds). */
  accountIds?: Iterable<string>;
  /** Evaluations to spend at most (two per principal and action). */
  budget: number;
}

/** The principals whose identity documents differ, and what each gains or loses; `budget` is what is left. */
export function identityFlips(before: CompiledWorld, after: CompiledWorld, index: ActionIndex, options: IdentityFlipOptions): { principals: IdentityFlips[]; truncated: boolean; budget: number } {
  const context = options.context ?? [];
  const accounts = options.accountIds
    ? [...options.accountIds]
    : Object.keys(after.world.iam).filter((accountId) => after.world.iam[accountId] !== before.world.iam[accountId]);
  let budget = options.budget;
  let truncated = false;
  const principals: IdentityFlips[] = [];
  for (const accountId of accounts.sort()) {
    const was = documentsByPrincipal(before.world.iam[accountId]);
    const is = documentsByPrincipal(after.world.iam[accountId]);
    for (const [principalArn, documents] of is) {
      const previous = was.get(principalArn);
      if (!previous || signature(previous) === signature(documents)) continue;
      const gained: string[] = [];
      const lost: string[] = [];
      // Only an action some changed document names can flip: for any other action the statements that match it are
      // the same on both sides (an administrator's "*" policy, unchanged, would otherwise cost two evaluations for
      // each of the catalogue's 22,000 actions).
      for (const action of actionsNamed(index, changedDocuments(previous, documents))) {
        if (budget <= 0) {
          truncated = true;
          break;
        }
        budget -= 2;
        const allowedBefore = allowed(before, principalArn, action, context);
        const allowedAfter = allowed(after, principalArn, action, context);
        if (allowedBefore !== allowedAfter) (allowedAfter ? gained : lost).push(action);
      }
      if (gained.length > 0 || lost.length > 0) principals.push({ principalArn, accountId, gained, lost });
    }
  }
  return { principals: principals.sort((a, b) => a.principalArn.localeCompare(b.principalArn)), truncated, budget };
}

const text = (source: PolicySource) => (typeof source === 'string' ? source : JSON.stringify(source));

/** One identity document of a principal: where it comes from (kind and name) and its text. */
interface HeldDocument {
  key: string;
  document: string;
}

const signature = (documents: readonly HeldDocument[]) => documents.map((entry) => `${entry.key}\n${entry.document}`).join('\n');

/** The texts of the documents added, removed or rewritten between two states of a principal's documents. */
function changedDocuments(before: readonly HeldDocument[], after: readonly HeldDocument[]): string[] {
  const entry = (held: HeldDocument) => `${held.key}\n${held.document}`;
  const was = new Set(before.map(entry));
  const is = new Set(after.map(entry));
  return [...before.filter((held) => !is.has(entry(held))), ...after.filter((held) => !was.has(entry(held)))].map((held) => held.document);
}

/** The users and roles of one account whose identity documents differ between two states of its IAM (new ones included). */
export function principalsWithChangedDocuments(before: AccountIam | undefined, after: AccountIam | undefined): Set<string> {
  const was = documentsByPrincipal(before);
  const changed = new Set<string>();
  for (const [principalArn, documents] of documentsByPrincipal(after)) {
    const previous = was.get(principalArn);
    if (!previous || signature(previous) !== signature(documents)) changed.add(principalArn);
  }
  return changed;
}

/** The identity documents of one user or role in a world (empty when it has none there). */
export function identityDocumentsOf(iam: AccountIam | undefined, principalArn: string): string[] {
  return (documentsByPrincipal(iam).get(principalArn) ?? []).map((entry) => entry.document);
}

/** Each user's and role's identity documents, in a stable order (groups' policies included for users). */
function documentsByPrincipal(iam: AccountIam | undefined): Map<string, HeldDocument[]> {
  const result = new Map<string, HeldDocument[]>();
  if (!iam) return result;
  const managed = new Map(iam.managedPolicies.map((policy) => [policy.arn, text(policy.document)]));
  const own = (principal: { attachedPolicyArns: string[]; inlinePolicies: { name: string; document: PolicySource }[] }, prefix = ''): HeldDocument[] => [
    ...principal.attachedPolicyArns.map((arn) => ({ key: `${prefix}managed ${arn}`, document: managed.get(arn) ?? '' })),
    ...principal.inlinePolicies.map((policy) => ({ key: `${prefix}inline ${policy.name}`, document: text(policy.document) })),
  ];
  const boundary = (arn: string | undefined): HeldDocument[] => (arn ? [{ key: `boundary ${arn}`, document: managed.get(arn) ?? '' }] : []);
  for (const role of iam.roles) result.set(role.arn, [...own(role), ...boundary(role.permissionsBoundaryArn)]);
  for (const user of iam.users) {
    const groups = user.groups.flatMap((name) => {
      const group = iam.groups.find((entry) => entry.name.toLowerCase() === name.toLowerCase());
      return group ? own(group, `group ${group.name} `) : [];
    });
    result.set(user.arn, [...own(user), ...groups, ...boundary(user.permissionsBoundaryArn)]);
  }
  return result;
}

/** Every catalogued action a statement of the documents names (Action, or the complement of NotAction). */
export function actionsNamed(index: ActionIndex, documents: readonly string[]): string[] {
  const bits = emptyBits(index.size);
  for (const document of new Set(documents)) {
    for (const statement of parsePolicy(document).document?.statements ?? []) {
      if (statement.action) orInto(bits, index.listBits(statement.action));
      if (statement.notAction) orInto(bits, not(index.listBits(statement.notAction), index.size));
    }
  }
  const actions: string[] = [];
  forEachBit(bits, (actionIndex) => actions.push(index.actions[actionIndex].id));
  return actions;
}

/** True when the principal exists in the world and may perform the action on "*". */
export function allowed(world: CompiledWorld, principalArn: string, action: string, context: ContextEntry[]): boolean {
  try {
    return evaluate(world, { principalArn, action, resource: '*', context }).decision === 'allowed';
  } catch (error) {
    if (error instanceof UnknownPrincipalError) return false; // the principal exists on one side only
    throw error;
  }
}
