// A cheap "can this principal's identity policies allow action X at all?" test, used only to skip principals before
// the engine evaluates anything. It reads the Effect and Action / NotAction elements of each identity policy (inline,
// attached, and the user's groups'), cached per document text and action, without compiling the policies. It errs on
// the side of "may allow" (an unreadable document may allow): every principal it keeps is still decided by evaluate().
// Large designs need it: compiling every principal's policies just to learn that a Lambda role cannot call
// sts:AssumeRole costs more than the whole graph.

import { policyObject } from '../policy/policy-object';
import { compileActionList } from '../world/action-matcher';
import type { AccountIam, IamRole, IamUser, PolicySource } from '../types';

const CACHE_LIMIT = 200_000;
const byDocument = new Map<string, Map<string, boolean>>();
const actionLists = new Map<string, (actionLower: string) => boolean>();

/** A statement reduced to what the filter reads. */
export interface StatementSketch {
  matchesAction: (actionLower: string) => boolean;
  /** Literal prefixes of the Resource patterns (up to the first wildcard or variable); undefined for NotResource or none. */
  resourcePrefixes?: string[];
}

/**
 * Sketches by document text. Bounded well below the number of documents of a large design: a class keeps its own
 * sketch (PrincipalClass.identitySketch), so the cache only spares sketching a text shared by several classes (a
 * managed policy, an inline policy copied into several roles), and a full cache of 60,000 inline policies held their
 * entries (and the sketches of documents only combined into a class's) for as long as the process ran.
 */
const SKETCH_CACHE_LIMIT = 10_000;
const sketches = new Map<string, StatementSketch[] | null>();

/**
 * True unless no Allow statement of the document can cover the action on the resource: the action must match, and
 * the resource must start with the literal part of some Resource pattern (any glob or ARN match needs that much).
 */
export function documentMayAllowOn(document: PolicySource, actionLower: string, resource: string): boolean {
  return sketchMayAllow(documentSketch(document), actionLower, resource);
}

/** The document's Allow statements sketched, cached by text; null when it cannot be read. */
function documentSketch(document: PolicySource): StatementSketch[] | null {
  const key = typeof document === 'string' ? document : JSON.stringify(document);
  let sketch = sketches.get(key);
  if (sketch === undefined) {
    sketch = sketchOf(document);
    if (sketches.size >= SKETCH_CACHE_LIMIT) sketches.clear();
    sketches.set(key, sketch);
  }
  return sketch;
}

/** The Allow statements of a document, sketched; null when it cannot be read (then it may allow anything). */
function sketchOf(document: PolicySource): StatementSketch[] | null {
  const statements = statementsOf(document);
  if (!statements) return null;
  const result: StatementSketch[] = [];
  for (const statement of statements) {
    if (typeof statement !== 'object' || statement === null) return null;
    const fields = statement as Record<string, unknown>;
    if (fields.Effect !== 'Allow') continue;
    const action = fields.Action;
    const notAction = fields.NotAction;
    const matcher = action !== undefined ? actionMatcher(action) : notAction !== undefined ? negate(actionMatcher(notAction)) : undefined;
    if (!matcher) continue;
    const resourceElement = fields.Resource;
    if (resourceElement === undefined) result.push({ matchesAction: matcher });
    else if (typeof resourceElement === 'string') result.push({ matchesAction: matcher, resourcePrefixes: [literalPrefix(resourceElement)] });
    else {
      const prefixes = Array.isArray(resourceElement) ? resourceElement.filter((item): item is string => typeof item === 'string').map(literalPrefix) : [];
      result.push({ matchesAction: matcher, resourcePrefixes: prefixes });
    }
  }
  // Kept for every identity document of the design (60,000 inline policies in the benchmark): a copy holds exactly its
  // statements, where the array the pushes grew has room for 17.
  return result.slice();
}

function literalPrefix(pattern: string): string {
  // Three scans rather than a RegExp search: asked for each Resource of 60,000 inline policies in a large design.
  let cut = pattern.length;
  for (const stop of PREFIX_STOPS) {
    const at = pattern.indexOf(stop);
    if (at !== -1 && at < cut) cut = at;
  }
  return cut === pattern.length ? pattern : sharedPrefix(pattern.slice(0, cut));
}

/**
 * Cut prefixes, one string per spelling: the sketches are kept for every identity document, and each cut held a slice
 * of its own parsed Resource string, where the application roles of an account share "arn:aws:s3:::BUCKET/".
 */
const prefixes = new Map<string, string>();

function sharedPrefix(prefix: string): string {
  const known = prefixes.get(prefix);
  if (known !== undefined) return known;
  if (prefixes.size >= CACHE_LIMIT) prefixes.clear();
  prefixes.set(prefix, prefix);
  return prefix;
}

/** Where a Resource pattern's literal part ends: a wildcard or a policy variable. */
const PREFIX_STOPS = ['*', '?', '${'];

function negate(matcher: (actionLower: string) => boolean): (actionLower: string) => boolean {
  return (action) => !matcher(action);
}

function statementsOf(document: PolicySource): unknown[] | null {
  const parsed = policyObject(document);
  if (!parsed) return null;
  const statements = parsed.Statement;
  return Array.isArray(statements) ? statements : [statements];
}

/** True when some Allow statement of the document names the lower-cased action in Action (or leaves it out of NotAction). */
export function documentMayAllow(document: PolicySource, actionLower: string): boolean {
  const key = typeof document === 'string' ? document : JSON.stringify(document);
  let verdicts = byDocument.get(key);
  if (!verdicts) {
    if (byDocument.size >= CACHE_LIMIT) byDocument.clear();
    verdicts = new Map();
    byDocument.set(key, verdicts);
  }
  let verdict = verdicts.get(actionLower);
  if (verdict === undefined) {
    verdict = readMayAllow(document, actionLower);
    verdicts.set(actionLower, verdict);
  }
  return verdict;
}

function readMayAllow(document: PolicySource, actionLower: string): boolean {
  if (typeof document === 'string' && !textMayNameAction(document, actionLower)) return false;
  const statements = statementsOf(document);
  if (!statements) return true;
  for (const statement of statements) {
    if (typeof statement !== 'object' || statement === null) return true;
    const { Effect: effect, Action: action, NotAction: notAction } = statement as Record<string, unknown>;
    if (effect !== 'Allow') continue;
    if (action !== undefined) {
      if (actionMatcher(action)(actionLower)) return true;
    } else if (notAction !== undefined) {
      if (!actionMatcher(notAction)(actionLower)) return true;
    }
  }
  return false;
}

/**
 * False when the policy text cannot name the action: no NotAction, no escape sequence or URL encoding, and no JSON
 * string that is the action or starts with a prefix of it followed by a wildcard ("*", "s*", "sts:Assume*", ...).
 * Action patterns are JSON strings, so a pattern covering the action begins that way. Spares parsing 60,000 inline
 * policies of Lambda roles to learn that none mentions sts:AssumeRole. One pass over the text per quote, no RegExp.
 */
function textMayNameAction(text: string, actionLower: string): boolean {
  if (text.includes('\\u') || text.includes('%') || includesNotAction(text)) return true;
  for (let quote = text.indexOf('"'); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    for (let i = 0; ; i++) {
      const char = text[quote + 1 + i];
      if (char === undefined) break;
      if (char === '*' || char === '?') return true;
      if (i === actionLower.length) {
        if (char === '"') return true;
        break;
      }
      if (char.toLowerCase() !== actionLower[i]) break;
    }
  }
  return false;
}

/**
 * text.toLowerCase().includes('notaction'), without the lower-cased copy of the text (asked of 80,000 classes' texts in
 * a full access graph): each "c" or "C" is tried as the word's fifth letter (indexOf finds them natively, where a loop
 * over every character took twice as long). Only ASCII letters lower-case to these letters on their own (U+0130
 * becomes "i" followed by a combining dot, so never "io"), so comparing ASCII letters without case gives the same answer.
 */
function includesNotAction(text: string): boolean {
  return notActionAroundLetter(text, 'c') || notActionAroundLetter(text, 'C');
}

function notActionAroundLetter(text: string, letter: string): boolean {
  const last = text.length - (NOT_ACTION.length - NOT_ACTION_C - 1);
  for (let at = text.indexOf(letter, NOT_ACTION_C); at !== -1 && at < last; at = text.indexOf(letter, at + 1)) {
    let i = 0;
    while (i < NOT_ACTION.length && (text.charCodeAt(at - NOT_ACTION_C + i) | 0x20) === NOT_ACTION.charCodeAt(i)) i++;
    if (i === NOT_ACTION.length) return true;
  }
  return false;
}

const NOT_ACTION = 'notaction';
/** Where the "c" of NOT_ACTION is. */
const NOT_ACTION_C = NOT_ACTION.indexOf('c');

function actionMatcher(value: unknown): (actionLower: string) => boolean {
  // One string (the common case) is its own cache key: no list to build for a lookup that usually hits.
  if (typeof value === 'string') return cachedActionMatcher(value, [value]);
  const patterns = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
  return cachedActionMatcher(patterns.join('\n'), patterns);
}

function cachedActionMatcher(key: string, patterns: readonly string[]): (actionLower: string) => boolean {
  let matcher = actionLists.get(key);
  if (!matcher) {
    matcher = compileActionList(patterns);
    if (actionLists.size < CACHE_LIMIT) actionLists.set(key, matcher);
  }
  return matcher;
}

/** A principal's identity policies reduced to their Allow statements' action and resource tests (see identitySketch). */
export type IdentitySketch = readonly StatementSketch[] | null;

/**
 * The Allow statements of every identity policy of the principal (inline, attached, and a user's groups'), sketched
 * once so that each who-can question tests a class with a loop over a few statements instead of looking up each of
 * its documents again; null when some document cannot be read (it may then allow anything).
 */
export function identitySketch(iam: AccountIam, principal: IamRole | IamUser): IdentitySketch {
  const groups = 'groups' in principal ? principal.groups : NO_GROUPS;
  // One inline policy and nothing else (every application role of a large design): its cached sketch is the
  // principal's, shared rather than copied (sketches are read-only).
  if (principal.inlinePolicies.length === 1 && principal.attachedPolicyArns.length === 0 && groups.length === 0) {
    return documentSketch(principal.inlinePolicies[0].document);
  }
  const statements: StatementSketch[] = [];
  if (!takeSketches(iam, principal.inlinePolicies, principal.attachedPolicyArns, statements)) return null;
  for (const name of groups) {
    const group = iam.groups.find((candidate) => candidate.name === name);
    if (group !== undefined && !takeSketches(iam, group.inlinePolicies, group.attachedPolicyArns, statements)) return null;
  }
  return statements.slice();
}

const NO_GROUPS: readonly string[] = [];

/** Append the sketches of the documents to `statements`; false when one cannot be read. */
function takeSketches(iam: AccountIam, inline: readonly { document: PolicySource }[], attached: readonly string[], statements: StatementSketch[]): boolean {
  for (const policy of inline) {
    const sketch = documentSketch(policy.document);
    if (sketch === null) return false;
    for (const statement of sketch) statements.push(statement);
  }
  for (const arn of attached) {
    const managed = iam.managedPolicies.find((candidate) => candidate.arn === arn);
    // A managed policy the world does not hold grants nothing (the engine ignores it too).
    if (!managed) continue;
    const sketch = documentSketch(managed.document);
    if (sketch === null) return false;
    for (const statement of sketch) statements.push(statement);
  }
  return true;
}

/**
 * False when every identity policy of the principal (inline, attached, and a user's groups') is a text that cannot
 * name the action (textMayNameAction): then none can allow it, however it is read, without parsing one. A full access
 * graph asks this of every class for sts:AssumeRole; most classes (application roles) are answered here and are
 * sketched only when who-can first needs it.
 */
export function identityMayNameAction(iam: AccountIam, principal: IamRole | IamUser, actionLower: string): boolean {
  if (documentsMayName(iam, principal.inlinePolicies, principal.attachedPolicyArns, actionLower)) return true;
  const groups = 'groups' in principal ? principal.groups : NO_GROUPS;
  for (const name of groups) {
    const group = iam.groups.find((candidate) => candidate.name === name);
    if (group !== undefined && documentsMayName(iam, group.inlinePolicies, group.attachedPolicyArns, actionLower)) return true;
  }
  return false;
}

function documentsMayName(iam: AccountIam, inline: readonly { document: PolicySource }[], attached: readonly string[], actionLower: string): boolean {
  // Indexed loops, no closure: asked for each of 80,000 classes in a full access graph.
  for (let i = 0; i < inline.length; i++) if (documentMayName(inline[i].document, actionLower)) return true;
  for (let i = 0; i < attached.length; i++) {
    const managed = managedPolicyOf(iam, attached[i]);
    if (managed && documentMayName(managed.document, actionLower)) return true;
  }
  return false;
}

function documentMayName(document: PolicySource, actionLower: string): boolean {
  return typeof document !== 'string' || textMayNameAction(document, actionLower);
}

/** The account's managed policy with this ARN (the first listed, as find gives). */
function managedPolicyOf(iam: AccountIam, arn: string): AccountIam['managedPolicies'][number] | undefined {
  const policies = iam.managedPolicies;
  for (let i = 0; i < policies.length; i++) if (policies[i].arn === arn) return policies[i];
  return undefined;
}

/** identityMayAllow on a sketch: false when no sketched Allow statement can cover the action on the resource. */
export function sketchMayAllow(sketch: IdentitySketch, actionLower: string, resource: string): boolean {
  if (sketch === null) return true;
  for (const statement of sketch) {
    if (!statement.matchesAction(actionLower)) continue;
    const prefixes = statement.resourcePrefixes;
    if (!prefixes) return true;
    // A loop, not some() with a closure: asked for each of 80,000 classes per who-can question.
    for (let i = 0; i < prefixes.length; i++) if (resource.startsWith(prefixes[i])) return true;
  }
  return false;
}

/** True unless no sketched Allow statement names the action (whatever the resource): identityMayAllow without one. */
export function sketchMayAllowAction(sketch: IdentitySketch, actionLower: string): boolean {
  if (sketch === null) return true;
  for (const statement of sketch) if (statement.matchesAction(actionLower)) return true;
  return false;
}

/** True unless no identity policy of the principal can allow the action (users include their groups' policies). */
export function identityMayAllow(iam: AccountIam, principal: IamRole | IamUser, actionLower: string, resource?: string): boolean {
  if (anyMayAllow(iam, principal.inlinePolicies, principal.attachedPolicyArns, actionLower, resource)) return true;
  if (!('groups' in principal)) return false;
  return principal.groups.some((name) => {
    const group = iam.groups.find((candidate) => candidate.name === name);
    return group !== undefined && anyMayAllow(iam, group.inlinePolicies, group.attachedPolicyArns, actionLower, resource);
  });
}

function anyMayAllow(iam: AccountIam, inline: readonly { document: PolicySource }[], attached: readonly string[], actionLower: string, resource: string | undefined): boolean {
  const mayAllow = (document: PolicySource) => (resource === undefined ? documentMayAllow(document, actionLower) : documentMayAllowOn(document, actionLower, resource));
  for (const policy of inline) if (mayAllow(policy.document)) return true;
  for (const arn of attached) {
    const managed = iam.managedPolicies.find((candidate) => candidate.arn === arn);
    // A managed policy the world does not hold grants nothing (the engine ignores it too).
    if (managed && mayAllow(managed.document)) return true;
  }
  return false;
}
