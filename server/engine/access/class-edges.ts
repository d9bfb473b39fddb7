// Edges into one role from a class of principals (same account, kind, policies, boundary and tags), decided once:
// the engine evaluates the first member, and the decision signature (decision-signature.ts) proves the answer holds
// for the others, and for any other (class, role) pair that asks the same question (an administrator role of the
// management account asks every account's OrganizationAccountAccessRole the same thing). When the signature cannot
// prove it (a condition reads aws:PrincipalArn, a Resource holds a policy variable), each member is evaluated alone.

import type { IamRole, RequestContext } from '../types';
import type { CompiledDocument, CompiledStatement, PrincipalIdentity } from '../world/compiled-types';
import type { CompiledWorld } from '../world/compile-world';
import { assumeEdge, edgeSessionSeconds, extraActionsFor } from './assume-edges';
import { decisionSignature, principalMatches, resourceSideReading } from './decision-signature';
import type { EdgeStore } from './edge-store';
import type { PrincipalTable } from './principal-table';
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

/**
 * What one class gets from a group of roles alike from the resource side (decision-signature.ts, resourceGroupToken),
 * by slot (the group's number, doubled, plus one for roles in the class's own account). During a full build 5,000
 * accounts' OrganizationAccountAccessRoles ask each class the same question: one signature per group instead of one
 * per role. PER_ROLE when the answer may differ between the group's roles in ways the group cannot tell (a condition
 * reads aws:ResourceAccount, a policy tells the class's members apart).
 */
export type GroupAnswers = Map<number, GroupAnswer | typeof PER_ROLE>;

/** A class's answer for one group of roles. */
export interface GroupAnswer {
  /** Statements whose Resource match depends on the role's ARN ("arn:aws:iam::*:role/PeerRole"): their matches pick the template. */
  statements: readonly CompiledStatement[];
  /** Statements with a Principal element besides the role's trust policy: how they match the class's identity picks the template too. */
  principalStatements: readonly CompiledStatement[];
  /** Actions whose signatures read the role's trust policy: how each role's own trust policy reads for the caller picks it too. */
  trustActions: readonly string[];
  /** The template by the role's and class's matches on those statements (matchKey), or PER_ROLE. */
  byMatches: Map<string, EdgeTemplate | typeof PER_ROLE>;
  /** principalMatches on principalStatements by identity (the same for every role a class asks). */
  identityMatches?: WeakMap<PrincipalIdentity, string>;
}

/** A group answer saying each role of the group must be asked on its own. */
export const PER_ROLE = 0;

/** Match patterns are bit masks: more statements than this and the role is asked on its own. */
const MAX_MATCHED_STATEMENTS = 30;

/**
 * The group answers of one group of classes alike from the principal side (decision-signature.ts,
 * principalGroupToken) and the slot of the role being computed (set per class by the caller).
 */
export interface GroupSlot {
  answers: GroupAnswers;
  slot: number;
  /** The role's compiled trust policy, once matchKey needs it: looked up once per role, not once per class asked. */
  trust?: CompiledDocument;
}

/** Distinct signatures remembered per graph (each holds one edge). */
const MEMO_LIMIT = 100_000;

/**
 * Push the edges from the members (node numbers, ARNs read from `principals`) into the role onto `out` (a store with the
 * role's segment open); returns how many (principal, role) pairs the engine evaluated. `identity` is the first member's
 * (CompiledWorld.principalOutline), when the caller holds it: the member is then resolved in full only when no group
 * answer settles the question, which in a full build is a few thousand of 210,000 (class, role) questions.
 */
export function classEdges(
  compiled: CompiledWorld, memo: ClassMemo, isRole: boolean, principals: PrincipalTable, numbers: readonly number[], role: IamRole, out: EdgeStore,
  group?: GroupSlot, identity?: PrincipalIdentity,
): number {
  let representative = identity === undefined ? compiled.principal(principals.arnAt(numbers[0])) : undefined;
  const caller = identity ?? representative!.identity;
  const known = groupTemplate(compiled, group, caller, role);
  if (known) {
    pushMembers(known, isRole, numbers, role, out);
    return 0;
  }
  representative ??= compiled.principal(principals.arnAt(numbers[0]));
  const found = lookUpGroupAnswer(compiled, group, caller, role);
  const share = recorder(compiled, found.group, found.answer, found.matches, caller, role);
  const signature = decisionSignature(compiled, representative, 'sts:AssumeRole', role.arn);
  if (!signature || signature.principalSpecific || !signature.portable || !signature.principalPortable) share(PER_ROLE, [], [], []);
  if (!signature) return oneByOne(compiled, isRole, principals, numbers, role, out);
  if (signature.principalSpecific) {
    // Some policy tells the members apart: each member is decided on its own, and shares its decision only with
    // requests it makes itself (the same principal named by the same statements of another role).
    let evaluations = 0;
    for (let i = 0; i < numbers.length; i++) evaluations += principalEdge(compiled, memo, principals.arnAt(numbers[i]), isRole, role, out);
    return evaluations;
  }
  let evaluations = 0;
  let statements = signature.resourceStatements;
  let principalStatements = signature.callerStatements;
  let trustActions: readonly string[] = signature.readsResourceSide ? ASSUME_ONLY : NO_ACTIONS;
  let template = memo.get(signature.key);
  if (template === undefined) {
    const edge = assumeEdge(compiled, principals.arnAt(numbers[0]), isRole, role) ?? null;
    evaluations = 1;
    const extras = new Map<string, string>();
    for (const action of edge ? extraActionsFor(edge.suppliedContext) : []) {
      const extra = decisionSignature(compiled, representative, action, role.arn, edge!.suppliedContext);
      // An extra authorization that cannot be shared makes the whole edge principal-specific.
      if (!extra || extra.principalSpecific) {
        share(PER_ROLE, [], [], []);
        return evaluations + oneByOne(compiled, isRole, principals, numbers, role, out, edge);
      }
      if (!extra.portable || !extra.principalPortable) share(PER_ROLE, [], [], []);
      statements = [...statements, ...extra.resourceStatements];
      principalStatements = [...principalStatements, ...extra.callerStatements];
      if (extra.readsResourceSide) trustActions = [...trustActions, action];
      extras.set(action, extra.key);
    }
    template = { edge, extras };
    remember(memo, signature.key, template);
  } else {
    const reading = readingWithExtras(compiled, template, principals.arnAt(numbers[0]), role, false, { statements, principalStatements, trustActions }, share);
    if (!reading) return oneByOne(compiled, isRole, principals, numbers, role, out);
    ({ statements, principalStatements, trustActions } = reading);
  }
  share(template, statements, principalStatements, trustActions);
  pushMembers(template, isRole, numbers, role, out);
  return evaluations;
}

/** Every member's edge is the template's with its own ends (the store names the role's trust policy on read). */
function pushMembers(template: EdgeTemplate, isRole: boolean, numbers: readonly number[], role: IamRole, out: EdgeStore): void {
  const edge = template.edge;
  if (!edge) return;
  const maxSessionSeconds = edgeSessionSeconds(isRole, role);
  for (let i = 0; i < numbers.length; i++) out.pushNumbered(numbers[i], edge, isRole, maxSessionSeconds, role.arn);
}

/**
 * How the answer's statements match the caller's identity (principalMatches, worked out by the caller), how the role's
 * own trust policy reads for the caller for each of the answer's trust actions (resourceSideReading), and how the
 * statements match the role's ARN (matchPattern).
 */
function matchKey(
  compiled: CompiledWorld, answer: Pick<GroupAnswer, 'statements' | 'trustActions'>, identityMatches: string, identity: PrincipalIdentity, role: IamRole, slot: GroupSlot,
): string {
  if (identityMatches === '' && answer.trustActions.length === 1 && answer.statements.length === 0) {
    // The common key (one trust reading, nothing else): one string per reading, not one per question.
    return trustKey(resourceSideReading(slot.trust ??= compiled.trustDocumentFor(role), answer.trustActions[0], identity, role.arn));
  }
  let key = identityMatches;
  if (answer.trustActions.length > 0) {
    const trust = (slot.trust ??= compiled.trustDocumentFor(role));
    for (const action of answer.trustActions) key += `|t${resourceSideReading(trust, action, identity, role.arn)}`;
  }
  return answer.statements.length === 0 ? key : `${key}|${matchPattern(answer.statements, role.arn)}`;
}

/** matchKey's key for one trust reading alone, by reading number (bounded: a new string when dropped is still equal). */
const trustKeys = new Map<number, string>();

function trustKey(reading: number): string {
  let key = trustKeys.get(reading);
  if (key === undefined) {
    key = `|t${reading}`;
    if (trustKeys.size >= 10_000) trustKeys.clear();
    trustKeys.set(reading, key);
  }
  return key;
}

const ASSUME_ONLY: readonly string[] = ['sts:AssumeRole'];
const NO_ACTIONS: readonly string[] = [];

/** principalMatches of the answer's statements with a Principal element, worked out once per identity. */
function identityMatchesOf(answer: GroupAnswer, identity: PrincipalIdentity): string {
  if (answer.principalStatements.length === 0) return '';
  answer.identityMatches ??= new WeakMap();
  let matches = answer.identityMatches.get(identity);
  if (matches === undefined) {
    matches = principalMatches(answer.principalStatements, identity);
    answer.identityMatches.set(identity, matches);
  }
  return matches;
}

/** A bit per statement: whether its Resource matches the ARN. */
function matchPattern(statements: readonly CompiledStatement[], arn: string): number {
  let pattern = 0;
  for (let i = 0; i < statements.length; i++) if (statements[i].matchesResource(arn, EMPTY_CONTEXT)) pattern |= 1 << i;
  return pattern;
}

/** True when both lists hold the same statements in the same order. */
export function sameStatements(a: readonly CompiledStatement[], b: readonly CompiledStatement[]): boolean {
  return a.length === b.length && a.every((statement, i) => statement === b[i]);
}

const EMPTY_CONTEXT: RequestContext = new Map();

/**
 * Push the edge from one principal into the role onto `out` (a principal the trust policy names, or a member its
 * class cannot answer for); returns 1 when the engine evaluated the pair, 0 when an equivalent request's decision was
 * reused. A decision that holds for this principal alone is remembered under its ARN, so the same principal named by
 * the trust policies of 5,000 roles is still evaluated once per distinct question.
 */
export function principalEdge(
  compiled: CompiledWorld, memo: ClassMemo, from: string, isRole: boolean, role: IamRole, out: EdgeStore, group?: GroupSlot,
): number {
  const principal = compiled.principal(from);
  const known = groupTemplate(compiled, group, principal.identity, role);
  if (known) {
    pushFromTemplate(known, from, isRole, role, out);
    return 0;
  }
  const found = lookUpGroupAnswer(compiled, group, principal.identity, role);
  // The answers are this principal's alone (its own GroupSlot): a principal-specific signature may be shared.
  const share = recorder(compiled, found.group, found.answer, found.matches, principal.identity, role);
  const signature = decisionSignature(compiled, principal, 'sts:AssumeRole', role.arn);
  if (!signature || !signature.portable) share(PER_ROLE, [], [], []);
  if (!signature) return alone(compiled, from, isRole, role, out);
  const key = signature.principalSpecific ? `${signature.key}|${from}` : signature.key;
  let statements = signature.resourceStatements;
  let principalStatements = signature.callerStatements;
  let trustActions: readonly string[] = signature.readsResourceSide ? ASSUME_ONLY : NO_ACTIONS;
  const template = memo.get(key);
  if (template === undefined) {
    const edge = assumeEdge(compiled, from, isRole, role) ?? null;
    if (edge) out.pushEdge(edge);
    const extras = new Map<string, string>();
    for (const action of edge ? extraActionsFor(edge.suppliedContext) : []) {
      const extra = decisionSignature(compiled, principal, action, role.arn, edge!.suppliedContext);
      if (!extra) {
        share(PER_ROLE, [], [], []);
        return 1;
      }
      if (!extra.portable) share(PER_ROLE, [], [], []);
      statements = [...statements, ...extra.resourceStatements];
      principalStatements = [...principalStatements, ...extra.callerStatements];
      if (extra.readsResourceSide) trustActions = [...trustActions, action];
      extras.set(action, extra.principalSpecific ? `${extra.key}|${from}` : extra.key);
    }
    const made = { edge, extras };
    remember(memo, key, made);
    share(made, statements, principalStatements, trustActions);
    return 1;
  }
  const reading = readingWithExtras(compiled, template, from, role, true, { statements, principalStatements, trustActions }, share);
  if (!reading) return alone(compiled, from, isRole, role, out);
  ({ statements, principalStatements, trustActions } = reading);
  share(template, statements, principalStatements, trustActions);
  pushFromTemplate(template, from, isRole, role, out);
  return 0;
}

/** The template's edge from this principal into the role (the template's own when it was made for this very pair). */
function pushFromTemplate(template: EdgeTemplate, from: string, isRole: boolean, role: IamRole, out: EdgeStore): void {
  const edge = template.edge;
  if (!edge) return;
  if (from === edge.from && role.arn === edge.to) out.pushEdge(edge);
  else out.pushFrom(from, edge, isRole, edgeSessionSeconds(isRole, role), role.arn);
}

/**
 * Records what a question found for the rest of its group (GroupAnswers): the template under the role's and the
 * caller's matches, or PER_ROLE when the answer cannot be shared. Only the first finding counts (a later one would say
 * the question can be shared when an earlier one said not). A no-op without a group slot.
 */
/**
 * A group's answer for this caller and role: the edge template already decided for how the caller's Principal and
 * the role's Resource statements match (`template`), or what a new decision is recorded under. `group` is dropped
 * when the group or this match was found to need per-role answers.
 */
/**
 * The template a group answer already holds for this caller and role (lookUpGroupAnswer's `template`), found without
 * building its result: most of a full build's 210,000 (class, role) questions end here.
 */
function groupTemplate(compiled: CompiledWorld, group: GroupSlot | undefined, identity: PrincipalIdentity, role: IamRole): EdgeTemplate | undefined {
  const answer = group?.answers.get(group.slot);
  if (answer === undefined || answer === PER_ROLE) return undefined;
  const shared = answer.byMatches.get(matchKey(compiled, answer, identityMatchesOf(answer, identity), identity, role, group!));
  return shared === PER_ROLE ? undefined : shared;
}

function lookUpGroupAnswer(compiled: CompiledWorld, group: GroupSlot | undefined, identity: PrincipalIdentity, role: IamRole): {
  template?: EdgeTemplate;
  group: GroupSlot | undefined;
  answer: GroupAnswer | typeof PER_ROLE | undefined;
  matches: string;
} {
  const answer = group?.answers.get(group.slot);
  if (answer === undefined) return { group, answer, matches: '' };
  if (answer === PER_ROLE) return { group: undefined, answer, matches: '' };
  const matches = matchKey(compiled, answer, identityMatchesOf(answer, identity), identity, role, group!);
  const shared = answer.byMatches.get(matches);
  if (shared === PER_ROLE) return { group: undefined, answer, matches };
  return { template: shared, group, answer, matches };
}

function recorder(compiled: CompiledWorld, group: GroupSlot | undefined, answer: GroupAnswer | typeof PER_ROLE | undefined, matches: string, identity: PrincipalIdentity, role: IamRole) {
  const known = answer === PER_ROLE ? undefined : answer;
  return (template: EdgeTemplate | typeof PER_ROLE, statements: readonly CompiledStatement[], principalStatements: readonly CompiledStatement[], trustActions: readonly string[]): void => {
    if (!group) return;
    if (template === PER_ROLE || statements.length > MAX_MATCHED_STATEMENTS) {
      if (known === undefined) group.answers.set(group.slot, PER_ROLE);
      else known.byMatches.set(matches, PER_ROLE);
    } else if (known === undefined) {
      const key = matchKey(compiled, { statements, trustActions }, principalMatches(principalStatements, identity), identity, role, group);
      group.answers.set(group.slot, { statements, principalStatements, trustActions, byMatches: new Map([[key, template]]) });
    } else {
      // The same callers and roles read the same statements; anything else and these matches are asked role by role.
      const same = sameStatements(known.statements, statements) && sameStatements(known.principalStatements, principalStatements)
        && known.trustActions.join() === trustActions.join();
      known.byMatches.set(matches, same ? template : PER_ROLE);
    }
    group = undefined;
  };
}

function remember(memo: ClassMemo, key: string, template: EdgeTemplate): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, template);
}

/**
 * Whether the extra authorizations the template's edge needed get the same answer for this principal: undefined when
 * not; else the statements their signatures matched against the role's ARN, or PER_ROLE when a signature is not
 * portable (GroupAnswers). For a class representative (`alone` false) the answer must also hold for every member
 * (not principal-specific).
 */
function extrasHold(compiled: CompiledWorld, template: EdgeTemplate, from: string, role: IamRole, alone: boolean): ExtraStatements | typeof PER_ROLE | undefined {
  if (template.extras.size === 0) return NO_EXTRA_STATEMENTS;
  const representative = compiled.principal(from);
  let read: ExtraStatements | typeof PER_ROLE = { statements: [], principalStatements: [], trustActions: [] };
  for (const [action, key] of template.extras) {
    const extra = decisionSignature(compiled, representative, action, role.arn, template.edge!.suppliedContext);
    if (!extra || (extra.principalSpecific && !alone)) return undefined;
    if ((extra.principalSpecific ? `${extra.key}|${from}` : extra.key) !== key) return undefined;
    if (!extra.portable || !extra.principalPortable) read = PER_ROLE;
    else if (read !== PER_ROLE) {
      read.statements.push(...extra.resourceStatements);
      read.principalStatements.push(...extra.callerStatements);
      if (extra.readsResourceSide) read.trustActions.push(action);
    }
  }
  return read;
}

/** The statements the extra authorizations' signatures matched against the role's ARN and the caller's identity. */
/** What an edge's decision read: the statements of the resource side and of the caller, and the trust-policy actions. */
interface Reading {
  statements: readonly CompiledStatement[];
  principalStatements: readonly CompiledStatement[];
  trustActions: readonly string[];
}

/**
 * A remembered template reused for this principal: what the edge read, with its extra authorizations' statements added
 * (extrasHold), or undefined when the template does not hold for the principal, which must then be evaluated on its
 * own. Either of those, or extras that cannot be shared, keep the group's answer to this role per role.
 */
function readingWithExtras(
  compiled: CompiledWorld, template: EdgeTemplate, from: string, role: IamRole, alone: boolean, reading: Reading, share: ReturnType<typeof recorder>,
): Reading | undefined {
  if (!template.edge) return reading;
  const held = extrasHold(compiled, template, from, role, alone);
  if (held === undefined || held === PER_ROLE) share(PER_ROLE, [], [], []);
  if (held === undefined) return undefined;
  if (held === PER_ROLE) return reading;
  return {
    statements: [...reading.statements, ...held.statements],
    principalStatements: [...reading.principalStatements, ...held.principalStatements],
    trustActions: [...reading.trustActions, ...held.trustActions],
  };
}

interface ExtraStatements {
  statements: CompiledStatement[];
  principalStatements: CompiledStatement[];
  trustActions: string[];
}

const NO_EXTRA_STATEMENTS: ExtraStatements = Object.freeze({ statements: [], principalStatements: [], trustActions: [] }) as unknown as ExtraStatements;

/** One principal decided on its own: one engine evaluation. */
function alone(compiled: CompiledWorld, from: string, isRole: boolean, role: IamRole, out: EdgeStore): number {
  const edge = assumeEdge(compiled, from, isRole, role);
  if (edge) out.pushEdge(edge);
  return 1;
}

/** Each member decided on its own; `first` is the first member's edge when already evaluated (null: none). */
function oneByOne(
  compiled: CompiledWorld, isRole: boolean, principals: PrincipalTable, numbers: readonly number[], role: IamRole, out: EdgeStore, first?: AssumeEdge | null,
): number {
  if (first) out.pushEdge(first);
  const start = first === undefined ? 0 : 1;
  for (let i = start; i < numbers.length; i++) {
    const edge = assumeEdge(compiled, principals.arnAt(numbers[i]), isRole, role);
    if (edge) out.pushEdge(edge);
  }
  return numbers.length - start;
}
