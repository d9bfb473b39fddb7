// Assume-role paths in the migration plan's no-widening rule. A principal P that may assume role R holds R's
// permissions (id_roles_terms-and-concepts.html; for another account, both R's trust policy and P's identity policy
// must allow sts:AssumeRole: reference_policies_evaluation-logic-cross-account.html). So an IAM step widens access
// when, after it,
// - P may assume R and may do so neither in the live organization nor in the design (a path on neither side), or
// - P may assume R and gains through R an action that neither side gives P (through R there, or directly).
// The second catches the order "attach AdministratorAccess to R, then move R's trust from account A to account B":
// between the two steps A's principals hold administrator access, which neither side gives them.
// Only the pairs a step touches are checked. An IAM step: the principals whose documents changed against the roles
// whose trust may name their account, and the roles whose trust or documents changed against the principals of the
// accounts their trust names (every account when it names "*"). An Organizations step that changes what the SCPs or
// RCPs of some accounts say about sts:AssumeRole: the principals of those accounts against the roles whose trust may
// name them, and the roles of those accounts against the principals their trust names (a detached SCP that denied
// sts:AssumeRole opens every path its trust policies name). A path counts when the engine allows it outright or with
// context the caller can supply (ExternalId, MFA, ...).
// Role chains (id_roles_terms-and-concepts.html "Role chaining": a role session may assume another role): a step
// that opens P → R also lets whoever reaches P reach R, and lets P reach whatever R reaches. For every direct path a
// step opens, the principals that reach P and the roles R reaches (the access graph's whoCanReachRole and
// whatCanPrincipalReach, up to five hops) are paired; a pair reachable after the step, not before it, and on neither
// side is a chain on neither side, reported with the roles it passes through (via).

import { buildAccessGraph, type AccessGraph } from '../../access/access-graph';
import { whatCanPrincipalReach, whoCanReachRole } from '../../access/access-queries';
import { evaluateWithWitness } from '../../access/conditional-evaluation';
import { assumeRequest } from '../../access/assume-edges';
import type { AccountIam, ContextEntry } from '../../types';
import type { CompiledWorld } from '../../world/compile-world';
import { UnknownPrincipalError } from '../../world/errors';
import { actionsNamed, allowed, identityDocumentsOf, principalsWithChangedDocuments } from '../impact/identity-flips';
import type { ActionIndex } from '../org-matrix/action-index';
import type { Widening } from './types';

/** What the check needs besides the step's two states. */
export interface AssumePathSetup {
  /** The live organization and the design, compiled. */
  liveWorld: CompiledWorld;
  designWorld: CompiledWorld;
  /** Live (or placeholder) account id → design account id. */
  designAccountOf: Map<string, string>;
  /** Request context assumed (aws:RequestedRegion, ...). */
  context: ContextEntry[];
  /** The catalogue's actions. */
  index: ActionIndex;
  /** Actions listed per finding. */
  listed: number;
}

/** The findings of one step, and the evaluations left. */
export interface AssumePathResult {
  widens: Widening[];
  budget: number;
  truncated: boolean;
  /** The direct (principal, role) paths the step opened: allowed after it and not before. */
  opened: [string, string][];
}

const ROLE = /^arn:aws:iam::(\d{12}):role\//;
const accountOfArn = (arn: string) => arn.split(':')[4];

/** The accounts a trust policy may admit principals of; undefined when it names "*" (any account). */
function accountsNamedByTrust(trustPolicy: string): Set<string> | undefined {
  if (/"\*"/.test(trustPolicy)) return undefined;
  return new Set(trustPolicy.match(/\d{12}/g) ?? []);
}

function trustText(role: { trustPolicy: unknown }): string {
  return typeof role.trustPolicy === 'string' ? role.trustPolicy : JSON.stringify(role.trustPolicy ?? '');
}

function roleExists(world: CompiledWorld, roleArn: string): boolean {
  return world.world.iam[accountOfArn(roleArn)]?.roles.some((role) => role.arn === roleArn) ?? false;
}

/** True when `principalArn` may assume `roleArn` in the world, outright or with context it can supply. */
export function mayAssume(world: CompiledWorld, principalArn: string, roleArn: string, context: ContextEntry[]): boolean {
  if (principalArn === roleArn || !roleExists(world, roleArn)) return false;
  try {
    return evaluateWithWitness(world, assumeRequest(principalArn, roleArn, context)).decision !== 'denied';
  } catch (error) {
    if (error instanceof UnknownPrincipalError) return false; // the principal exists on one side only
    throw error;
  }
}

/** The users and roles of the accounts (every account when undefined). */
function principalsOf(world: CompiledWorld, accounts: Set<string> | undefined): string[] {
  const ids = accounts ? [...accounts] : Object.keys(world.world.iam);
  return ids.flatMap((accountId) => {
    const iam = world.world.iam[accountId];
    return iam ? [...iam.users.map((user) => user.arn), ...iam.roles.map((role) => role.arn)] : [];
  });
}

/** The (principal, role) pairs an IAM step in `accountId` may have changed. */
function touchedPairs(before: CompiledWorld, after: CompiledWorld, accountId: string): [string, string][] {
  const was: AccountIam | undefined = before.world.iam[accountId];
  const is: AccountIam | undefined = after.world.iam[accountId];
  const pairs = new Map<string, [string, string]>();
  const add = (principalArn: string, roleArn: string) => {
    if (principalArn !== roleArn) pairs.set(`${principalArn}\n${roleArn}`, [principalArn, roleArn]);
  };
  const changed = principalsWithChangedDocuments(was, is);
  // Callers whose documents changed, against every role whose trust may name their account.
  const roles = Object.values(after.world.iam).flatMap((iam) => iam.roles);
  for (const principalArn of changed) {
    const account = accountOfArn(principalArn);
    for (const role of roles) {
      const named = accountsNamedByTrust(trustText(role));
      if (!named || named.has(account) || accountOfArn(role.arn) === account) add(principalArn, role.arn);
    }
  }
  // Roles whose trust or documents changed, against the principals of the accounts their trust names (before or after).
  for (const role of is?.roles ?? []) {
    const previous = was?.roles.find((entry) => entry.arn === role.arn);
    const trustChanged = !previous || trustText(previous) !== trustText(role);
    if (!trustChanged && !changed.has(role.arn)) continue;
    const namedNow = accountsNamedByTrust(trustText(role));
    const namedBefore = previous ? accountsNamedByTrust(trustText(previous)) : new Set<string>();
    const accounts = namedNow && namedBefore ? new Set([...namedNow, ...namedBefore, accountId]) : undefined;
    for (const principalArn of principalsOf(after, accounts)) add(principalArn, role.arn);
  }
  return [...pairs.values()];
}

/** The (principal, role) pairs an Organizations step touches through the sts:AssumeRole cells of `accounts`. */
function organizationsPairs(after: CompiledWorld, accounts: ReadonlySet<string>): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  const add = (principalArn: string, roleArn: string) => {
    if (principalArn !== roleArn) pairs.set(`${principalArn}\n${roleArn}`, [principalArn, roleArn]);
  };
  const roles = Object.values(after.world.iam).flatMap((iam) => iam.roles);
  for (const role of roles) {
    const named = accountsNamedByTrust(trustText(role));
    const own = accountOfArn(role.arn);
    // Callers in the changed accounts that the trust may admit.
    const callers = accounts.has(own) ? principalsOf(after, named ? new Set([...named, own]) : undefined) : principalsOf(after, new Set([...accounts].filter((account) => !named || named.has(account))));
    for (const principalArn of callers) add(principalArn, role.arn);
  }
  return [...pairs.values()];
}

/** Assume-role findings of one IAM step in `accountId` (see the file comment); `roleGains` are the actions each role gained in it. */
export function assumePathWidening(
  setup: AssumePathSetup,
  before: CompiledWorld,
  after: CompiledWorld,
  accountId: string,
  roleGains: ReadonlyMap<string, readonly string[]>,
  startBudget: number,
): AssumePathResult {
  return judgePairs(setup, before, after, touchedPairs(before, after, accountId), roleGains, startBudget);
}

/** Assume-role findings of an Organizations step that changed the sts:AssumeRole cells of `accounts` (SCP or RCP side). */
export function organizationsAssumeWidening(setup: AssumePathSetup, before: CompiledWorld, after: CompiledWorld, accounts: ReadonlySet<string>, startBudget: number): AssumePathResult {
  return judgePairs(setup, before, after, organizationsPairs(after, accounts), new Map(), startBudget);
}

function judgePairs(
  setup: AssumePathSetup,
  before: CompiledWorld,
  after: CompiledWorld,
  pairs: readonly [string, string][],
  roleGains: ReadonlyMap<string, readonly string[]>,
  startBudget: number,
): AssumePathResult {
  const { liveWorld, designWorld, designAccountOf, context, index } = setup;
  const toDesign = (arn: string) => {
    const account = accountOfArn(arn);
    const designAccount = designAccountOf.get(account) ?? account;
    return arn.replace(`arn:aws:iam::${account}:`, `arn:aws:iam::${designAccount}:`);
  };
  let budget = startBudget;
  let truncated = false;
  const widens: Widening[] = [];
  const opened: [string, string][] = [];
  for (const [principalArn, roleArn] of pairs) {
    if (budget <= 0) {
      truncated = true;
      break;
    }
    budget -= 1;
    if (!ROLE.test(roleArn) || !mayAssume(after, principalArn, roleArn, context)) continue;
    budget -= 3;
    const existedBefore = mayAssume(before, principalArn, roleArn, context);
    if (!existedBefore) opened.push([principalArn, roleArn]);
    const onLive = mayAssume(liveWorld, principalArn, roleArn, context);
    const onDesign = mayAssume(designWorld, toDesign(principalArn), toDesign(roleArn), context);
    if (!existedBefore && !onLive && !onDesign) {
      widens.push({ accountId: accountOfArn(principalArn), principalArn, roleArn, actions: 1, sample: ['sts:AssumeRole'] });
      continue;
    }
    // Actions P may now use through R: all of R's when the path is new, else those R gained in this step.
    const candidates = existedBefore ? roleGains.get(roleArn) ?? [] : actionsNamed(index, identityDocumentsOf(after.world.iam[accountOfArn(roleArn)], roleArn));
    const wider: string[] = [];
    for (const action of candidates) {
      if (budget <= 0) {
        truncated = true;
        break;
      }
      budget -= 2;
      if (!allowed(after, roleArn, action, context)) continue;
      const throughLive = onLive && allowed(liveWorld, roleArn, action, context);
      const throughDesign = onDesign && allowed(designWorld, toDesign(roleArn), action, context);
      if (throughLive || throughDesign) continue;
      budget -= 2;
      if (allowed(liveWorld, principalArn, action, context) || allowed(designWorld, toDesign(principalArn), action, context)) continue;
      wider.push(action);
    }
    if (wider.length > 0) widens.push({ accountId: accountOfArn(principalArn), principalArn, roleArn, actions: wider.length, sample: wider.slice(0, Math.min(5, setup.listed)) });
  }
  return { widens, budget, truncated, opened };
}

/** The access graphs the chain check reads (one per compiled world, built in full: a plan tries steps it may drop). */
export class ChainGraphs {
  private readonly graphs = new WeakMap<CompiledWorld, AccessGraph>();
  private readonly reached = new WeakMap<AccessGraph, Map<string, Map<string, string[]>>>();

  /** The roles `from` reaches in the world, directly or through chains, each with the roles passed through on the way. */
  reach(world: CompiledWorld, from: string): Map<string, string[]> {
    const graph = this.graphOf(world);
    let byStart = this.reached.get(graph);
    if (!byStart) {
      byStart = new Map();
      this.reached.set(graph, byStart);
    }
    let roles = byStart.get(from);
    if (!roles) {
      roles = new Map(whatCanPrincipalReach(graph, from).map((path) => [path.to, path.hops.slice(0, -1).map((hop) => hop.edge.to)]));
      byStart.set(from, roles);
    }
    return roles;
  }

  /** The IAM principals that reach the role in the world, directly or through chains. */
  reachersOf(world: CompiledWorld, roleArn: string): string[] {
    return whoCanReachRole(this.graphOf(world), roleArn).map((path) => path.from);
  }

  private graphOf(world: CompiledWorld): AccessGraph {
    let graph = this.graphs.get(world);
    if (!graph) {
      graph = buildAccessGraph(world.world, world);
      this.graphs.set(world, graph);
    }
    return graph;
  }
}

const IAM_PRINCIPAL = /^arn:aws:iam::\d{12}:(user|role)\//;

/** Role chains the opened direct paths create that neither side has (see the file comment). */
export function chainWidening(
  setup: AssumePathSetup,
  graphs: ChainGraphs,
  before: CompiledWorld,
  after: CompiledWorld,
  opened: readonly [string, string][],
  startBudget: number,
): AssumePathResult {
  const { liveWorld, designWorld, designAccountOf } = setup;
  const toDesign = (arn: string) => {
    const account = accountOfArn(arn);
    return arn.replace(`arn:aws:iam::${account}:`, `arn:aws:iam::${designAccountOf.get(account) ?? account}:`);
  };
  let budget = startBudget;
  let truncated = false;
  const widens: Widening[] = [];
  const seen = new Set<string>();
  for (const [principalArn, roleArn] of opened) {
    const upstream = [principalArn, ...(ROLE.test(principalArn) ? graphs.reachersOf(after, principalArn) : [])].filter((arn) => IAM_PRINCIPAL.test(arn));
    const downstream = [roleArn, ...graphs.reach(after, roleArn).keys()];
    for (const from of upstream) {
      for (const to of downstream) {
        const key = `${from}\n${to}`;
        if (from === to || (from === principalArn && to === roleArn) || seen.has(key)) continue;
        seen.add(key);
        if (budget <= 0) {
          truncated = true;
          break;
        }
        budget -= 3;
        const via = graphs.reach(after, from).get(to);
        if (!via || graphs.reach(before, from).has(to)) continue;
        if (graphs.reach(liveWorld, from).has(to) || graphs.reach(designWorld, toDesign(from)).has(toDesign(to))) continue;
        widens.push({ accountId: accountOfArn(from), principalArn: from, roleArn: to, via, actions: 1, sample: ['sts:AssumeRole'] });
      }
    }
  }
  return { widens, budget, truncated, opened: [] };
}
