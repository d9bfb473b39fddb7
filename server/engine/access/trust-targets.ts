// Whom a role's trust policy can possibly let in, read from the principals its Allow statements name: the index
// that keeps the access graph from testing every (principal, role) pair. It only narrows the candidates; the engine's
// evaluate() decides every candidate. Principal element semantics: reference_policies_elements_principal.html
// (an account id or "arn:aws:iam::ID:root" names the account and delegates to its IAM policies; an ARN names one
// role or user; "*" and {"AWS": "*"} name everyone, usually narrowed by aws:PrincipalOrgID or aws:PrincipalAccount).

import { compileActionList } from '../world/action-matcher';
import { parsePolicy } from '../policy/parse';
import { policyObject } from '../policy/policy-object';
import type { IamRole, PolicySource, Statement } from '../types';

/** The STS actions that assume a role, each with the principal type that uses it. */
export const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'] as const;

/** A service or identity-provider principal named by an Allow statement. */
export interface NonIamTarget {
  /** The value as written ("ec2.amazonaws.com", "arn:aws:iam::111122223333:saml-provider/AWSSSO_…"). */
  value: string;
  /** Statement index. */
  statementIndex: number;
  /** Sid, when present. */
  sid?: string;
  /** The assume action the statement allows for it. */
  action: (typeof ASSUME_ACTIONS)[number];
}

/** The principals a trust policy's Allow statements name, grouped for candidate lookup. */
export interface TrustTargets {
  /** Accounts named (12-digit id or account root ARN). */
  accounts: readonly string[];
  /** IAM role, user and assumed-role session ARNs named. */
  arns: readonly string[];
  /** True when some Allow names "*" (any AWS principal). */
  wildcard: boolean;
  /** For wildcard statements narrowed by aws:PrincipalAccount: those accounts (undefined when some wildcard is not narrowed). */
  wildcardAccounts?: readonly string[];
  /** AWS service principals. */
  services: readonly NonIamTarget[];
  /** SAML and OIDC identity providers. */
  federated: readonly NonIamTarget[];
}

const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const EMPTY: TrustTargets = Object.freeze({ accounts: [], arns: [], wildcard: false, services: [], federated: [] });
const CACHE_LIMIT = 100_000;
const cache = new Map<string, TrustTargets>();

/** The principals a trust policy can let in. Cached by document text; never throws (an invalid policy names nobody). */
export function trustTargets(trustPolicy: PolicySource): TrustTargets {
  const key = typeof trustPolicy === 'string' ? trustPolicy : JSON.stringify(trustPolicy);
  let targets = cache.get(key);
  if (!targets) {
    targets = readTargets(trustPolicy);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, targets);
  }
  return targets;
}

const byRole = new WeakMap<IamRole, { source: PolicySource; targets: TrustTargets }>();

/**
 * trustTargets of a role's trust policy (the graph asks several times per role). A text is looked up as it is: V8
 * keeps a string's hash, so that costs about what a per-role entry would, without 100,000 weak entries for the
 * collector to trace. A policy given as an object is remembered per role object (its key would be serialized per ask).
 */
export function trustTargetsOf(role: IamRole): TrustTargets {
  if (typeof role.trustPolicy === 'string') return trustTargets(role.trustPolicy);
  const known = byRole.get(role);
  if (known !== undefined && known.source === role.trustPolicy) return known.targets;
  const targets = trustTargets(role.trustPolicy);
  byRole.set(role, { source: role.trustPolicy, targets });
  return targets;
}

const shapes = new Map<string, string>();

/**
 * The trust policy text with the AWS principals its statements name left out ("~"), unless they hold a "*": 5,000
 * roles each trusting their neighbour account have one shape. Only a grouping hint for the access graph (roles of
 * one shape are still told apart by how their own statements read for each caller: decision-signature.ts,
 * resourceSideReading); a text that is not plain JSON is its own shape.
 */
export function trustPolicyShape(text: string): string {
  let shape = shapes.get(text);
  if (shape === undefined) {
    shape = readShape(text) ?? text;
    if (shapes.size >= CACHE_LIMIT) shapes.clear();
    shapes.set(text, shape);
  }
  return shape;
}

function readShape(text: string): string | undefined {
  const parsed = policyObject(text);
  if (!parsed) return undefined;
  const raw = parsed.Statement;
  for (const statement of Array.isArray(raw) ? raw : [raw]) {
    if (typeof statement !== 'object' || statement === null) continue;
    const fields = statement as Record<string, unknown>;
    for (const element of ['Principal', 'NotPrincipal']) {
      const block = fields[element];
      if (typeof block !== 'object' || block === null || Array.isArray(block) || !('AWS' in block)) continue;
      const aws = (block as Record<string, unknown>).AWS;
      if (JSON.stringify(aws).includes('*')) continue;
      fields[element] = { ...block, AWS: '~' };
    }
  }
  return `shape:${JSON.stringify(parsed)}`;
}

/** The account id of an IAM or STS principal ARN, or of an account principal. */
export function accountOfPrincipal(value: string): string | undefined {
  if (value.length === 12) return ACCOUNT_ID.test(value) ? value : undefined;
  // The fifth colon-separated field, when a sixth follows: "arn:aws:iam::111122223333:role/x". Scanned rather than
  // split, as the graph asks this for every candidate pair.
  let start = 0;
  for (let field = 0; field < 4; field++) {
    start = value.indexOf(':', start) + 1;
    if (start === 0) return undefined;
  }
  const end = value.indexOf(':', start);
  if (end - start !== 12) return undefined;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
  }
  return value.slice(start, end);
}

function readTargets(trustPolicy: PolicySource): TrustTargets {
  // JSON.parse first: the policy parser builds a positioned syntax tree (for findings and the trace), which costs
  // tens of times more, and a 5,000-account design has thousands of distinct trust policies. Only documents the
  // plain reading cannot take (URL-encoded text, odd shapes) go through the parser. Either way this is an index:
  // the engine's evaluate() decides every candidate it proposes.
  const document = quickRead(trustPolicy) ?? parsePolicy(trustPolicy).document;
  if (!document) return EMPTY;
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const services: NonIamTarget[] = [];
  const federated: NonIamTarget[] = [];
  let wildcard = false;
  let wildcardAccounts: Set<string> | undefined = new Set();
  for (const statement of document.statements) {
    if (statement.effect !== 'Allow' || !statement.principal) continue;
    const allows = allowedAssumeActions(statement);
    if (allows.length === 0) continue;
    const block = statement.principal;
    const awsValues = block === '*' ? ['*'] : block.AWS ?? [];
    if (allows.includes('sts:AssumeRole')) {
      for (const value of awsValues) {
        if (value === '*') {
          wildcard = true;
          const narrowed = principalAccountsOf(statement);
          if (narrowed && wildcardAccounts) narrowed.forEach((account) => wildcardAccounts!.add(account));
          else wildcardAccounts = undefined;
          continue;
        }
        const root = ACCOUNT_ROOT.exec(value);
        if (ACCOUNT_ID.test(value)) accounts.add(value);
        else if (root) accounts.add(root[1]);
        else if (accountOfPrincipal(value)) arns.add(value);
      }
      if (block !== '*') {
        for (const value of block.Service ?? []) services.push(nonIam(value, statement, 'sts:AssumeRole'));
      }
    }
    if (block === '*') continue;
    for (const value of block.Federated ?? []) {
      const action = value.includes(':saml-provider/') ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity';
      if (allows.includes(action)) federated.push(nonIam(value, statement, action));
    }
  }
  return {
    accounts: [...accounts],
    arns: [...arns],
    wildcard,
    ...(wildcard && wildcardAccounts ? { wildcardAccounts: [...wildcardAccounts] } : {}),
    services,
    federated,
  };
}

/** The statements of a plain JSON policy in the parser's shape, or undefined when the plain reading cannot be trusted. */
function quickRead(trustPolicy: PolicySource): { statements: Statement[] } | undefined {
  const parsed = policyObject(trustPolicy);
  if (!parsed) return undefined;
  const raw = parsed.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: Statement[] = [];
  for (let index = 0; index < list.length; index++) {
    const item = list[index] as Record<string, unknown> | null;
    if (typeof item !== 'object' || item === null) return undefined;
    const effect = item.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') return undefined;
    const principal = principalBlockOf(item.Principal);
    if (principal === null) return undefined;
    const action = stringsOf(item.Action);
    const notAction = stringsOf(item.NotAction);
    if (action === null || notAction === null) return undefined;
    const conditions: Statement['conditions'] = [];
    if (item.Condition !== undefined) {
      if (typeof item.Condition !== 'object' || item.Condition === null) return undefined;
      for (const [operator, block] of Object.entries(item.Condition as Record<string, unknown>)) {
        if (typeof block !== 'object' || block === null) return undefined;
        for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
          const values = Array.isArray(value) ? value.map(String) : [String(value)];
          conditions.push({ operator, key, values });
        }
      }
    }
    statements.push({
      index, effect, conditions,
      ...(typeof item.Sid === 'string' ? { sid: item.Sid } : {}),
      ...(principal !== undefined ? { principal } : {}),
      ...(action !== undefined ? { action } : {}),
      ...(notAction !== undefined ? { notAction } : {}),
    });
  }
  return { statements };
}

/** A Principal element in the parser's shape; undefined when absent, null when malformed. */
function principalBlockOf(value: unknown): Statement['principal'] | null {
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const block: Record<string, string[]> = {};
  for (const [type, entries] of Object.entries(value as Record<string, unknown>)) {
    const list = stringsOf(entries);
    if (!list) return null;
    block[type] = list;
  }
  return block;
}

/** A string or list of strings; undefined when absent, null when malformed. */
function stringsOf(value: unknown): string[] | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return null;
}

function nonIam(value: string, statement: Statement, action: NonIamTarget['action']): NonIamTarget {
  return { value, statementIndex: statement.index, ...(statement.sid !== undefined ? { sid: statement.sid } : {}), action };
}

const actionMatchers = new Map<string, (action: string) => boolean>();

function allowedAssumeActions(statement: Statement): (typeof ASSUME_ACTIONS)[number][] {
  const patterns = statement.action ?? statement.notAction ?? [];
  const key = `${statement.action ? 'A' : 'N'}${patterns.join('\n')}`;
  let matcher = actionMatchers.get(key);
  if (!matcher) {
    const list = compileActionList(patterns);
    matcher = statement.action ? list : (action) => !list(action);
    if (actionMatchers.size < CACHE_LIMIT) actionMatchers.set(key, matcher);
  }
  return ASSUME_ACTIONS.filter((action) => matcher(action.toLowerCase()));
}

/**
 * Accounts a wildcard statement is narrowed to by a positive aws:PrincipalAccount or aws:PrincipalArn clause;
 * undefined when it is not narrowed that way (aws:PrincipalOrgID narrows to the organization, which the engine
 * checks per candidate).
 */
function principalAccountsOf(statement: Statement): string[] | undefined {
  for (const clause of statement.conditions) {
    const key = clause.key.toLowerCase();
    const operator = clause.operator.toLowerCase();
    if (operator.includes('not') || operator.includes('ifexists') || operator.startsWith('forallvalues')) continue;
    if (key === 'aws:principalaccount' && clause.values.every((value) => ACCOUNT_ID.test(value))) return clause.values;
    if (key === 'aws:principalarn') {
      const accounts = clause.values.map(accountOfPrincipal);
      if (accounts.every((account): account is string => account !== undefined)) return accounts;
    }
  }
  return undefined;
}
