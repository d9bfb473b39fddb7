// The SCP action matrix: for one account, service by service, which actions its SCP chain still allows.
// SCP evaluation (orgs_manage_policies_scps_evaluation.html): every level of the account's path (root, each OU,
// the account) must have an SCP whose Allow covers the action, and a matching Deny at any level wins. Here the
// question is asked for every catalogued action at once, on resource "*", for any principal of the account or for
// one chosen principal. A statement that only applies to some resources or under a condition on a key the request
// supplies (aws:RequestedRegion) makes the answer "conditional". A condition on a key fixed for each principal
// (aws:PrincipalArn, aws:PrincipalTag/*, ...) does not: the answer is then "denied except for principals matching
// ..." (or "allowed except ..."), naming the pattern; a chosen principal settles it. Matching is the evaluator's
// own: the compiled documents' per-service statement index, the compiled Action / NotAction, Resource and Condition
// matchers, and the same per-account SCP levels. The documented service rules that name an action (service-rules/)
// apply as evaluate applies them: an operation that needs no permission is allowed whatever the SCPs say, a chosen
// principal the rule refuses is denied, and a rule that cannot decide an account-level cell is cited in it.

import type { Catalog, CatalogAction } from '../catalog/types';
import { parsePolicy } from '../policy/parse';
import { isRcpSupportedService } from '../policy/rcp-services';
import { rulesForAction, type ActionRules } from '../service-rules/match';
import type { RuleCaller } from '../service-rules/rules';
import type { AuthzPolicyType, ContextEntry, MatchedStatement, RequestContext, Statement } from '../types';
import { serviceOfAction } from '../world/action-matcher';
import type { CompiledStatement } from '../world/compiled-types';
import type { CompiledWorld } from '../world/compile-world';
import { UnknownPrincipalError } from '../world/errors';
import type { PolicyLevel } from '../world/org-chain';
import type { ResolvedPrincipal } from '../world/principals';
import { buildRequestContext, indexEntries, resourceAccountEntries } from '../world/request-context';
import { describePrincipals, statementReach, type ReachOptions, type StatementReach } from './statement-reach';

/**
 * What the SCPs leave of an action: allowed; denied; denied except for principals matching a pattern (an exemption
 * on aws:PrincipalArn, aws:PrincipalTag/*, ...); allowed except for principals matching one; or dependent on
 * request conditions (aws:RequestedRegion, ...) or specific resources.
 */
export type MatrixDecision = 'allowed' | 'denied' | 'deniedExcept' | 'allowedExcept' | 'conditional';

/** The order decisions are counted and shown in. */
export const MATRIX_DECISIONS: readonly MatrixDecision[] = ['allowed', 'denied', 'deniedExcept', 'allowedExcept', 'conditional'];

/** A level of the account's path: the root, an OU, or the account itself. */
export interface MatrixLevel {
  /** Root, OU or account id. */
  targetId: string;
  /** Display name. */
  targetName: string;
  /** What the level is. */
  kind: 'root' | 'ou' | 'account';
}

/** Why an action is denied: the first level, top-down, that stops it. */
export interface MatrixDenial {
  /**
   * explicitDeny: a Deny statement applies to every request; noAllow: no SCP at the level allows the action;
   * serviceRule: a documented service rule refuses the chosen principal whatever the policies say (`rule`).
   */
  kind: 'explicitDeny' | 'noAllow' | 'serviceRule';
  /** The level that stops the action (for serviceRule: the account itself, whose principal is refused). */
  level: MatrixLevel;
  /** The refusing rule (serviceRule only). */
  rule?: MatrixRuleRef;
  /** The denying SCP's id (explicitDeny only). */
  policyId?: string;
  /** The denying SCP's name (explicitDeny only). */
  policyName?: string;
  /** The denying statement's index in its document (explicitDeny only). */
  statementIndex?: number;
  /** The denying statement's Sid, when it has one. */
  sid?: string;
}

/**
 * Principals a statement's Condition singles out by keys fixed for each principal. For "deniedExcept" a principal
 * escapes the denial when it matches every exception (one per denying statement or level without an Allow); for
 * "allowedExcept" a principal is denied when it matches any of them.
 */
export interface MatrixException {
  /** The principals, in words: "aws:PrincipalArn like arn:aws:iam::*:role/BreakGlass". */
  principals: string;
  /** The level of the statement that names them. */
  level: MatrixLevel;
  /** Its SCP's id. */
  policyId: string;
  /** Its SCP's name. */
  policyName: string;
  /** Its index in the document. */
  statementIndex: number;
  /** Its Sid, when it has one. */
  sid?: string;
}

/** A documented service rule (service-rules/rules.ts), as the matrix cites it. */
export interface MatrixRuleRef {
  /** The rule's id. */
  id: string;
  /** What AWS does, in one sentence. */
  title: string;
  /** The AWS page that states it. */
  doc: string;
}

/**
 * A documented service rule that names the action, and what it means for this cell: `decides` when it settles the
 * cell whatever the SCPs say (as evaluate does), `note` when it cannot apply to an account-level cell on resource
 * "*" or concerns other principals or layers than the SCPs.
 */
export interface MatrixServiceRule extends MatrixRuleRef {
  /** decides: the cell's decision is the rule's; note: the decision is the SCPs', and `note` says what the rule adds. */
  effect: 'decides' | 'note';
  /** What the rule means here, in words. */
  note: string;
}

/** What a conditional answer depends on. */
export interface MatrixDependency {
  /** Condition keys the answer depends on (as written in the policies), sorted. */
  conditionKeys: string[];
  /** True when a statement involved names specific resources rather than "*". */
  resourceSpecific: boolean;
}

/** One action's row of the matrix. */
export interface MatrixAction {
  /** Canonical "service:Action". */
  action: string;
  /** The catalogue's access level ("Read", "Write", "List", ...). */
  accessLevel: string;
  /** What the SCPs leave of it. */
  decision: MatrixDecision;
  /** For denied and deniedExcept actions: where and why (for deniedExcept, what denies the principals not exempted). */
  deniedBy?: MatrixDenial;
  /** For deniedExcept and allowedExcept actions: the principals singled out (see MatrixException). */
  exceptions?: MatrixException[];
  /** For conditional actions: what the answer depends on. */
  dependsOn?: MatrixDependency;
  /** The documented service rules that name the action (absent when none does: most actions). */
  serviceRules?: MatrixServiceRule[];
}

/** Counts of a set of actions by decision. */
export interface MatrixCounts {
  /** Actions the SCPs allow. */
  allowed: number;
  /** Actions the SCPs deny. */
  denied: number;
  /** Actions denied except for principals matching a pattern. */
  deniedExcept: number;
  /** Actions allowed except for principals matching a pattern. */
  allowedExcept: number;
  /** Actions whose answer depends on request conditions or resources. */
  conditional: number;
  /** All actions counted. */
  total: number;
}

/** One service's rows with their counts. */
export interface MatrixService extends MatrixCounts {
  /** Service prefix, lower-case, e.g. "s3". */
  service: string;
  /** The service's actions in the catalogue's order. */
  actions: MatrixAction[];
}

/** The whole matrix for one account. */
export interface ScpActionMatrix {
  /** The account analysed. */
  accountId: string;
  /** Its display name, when the world has one. */
  accountName?: string;
  /** The principal the matrix was resolved for, when one was chosen (aws:PrincipalArn as AWS derives it). */
  principalArn?: string;
  /** False when SCPs do not restrict this account at all (every action is then reported as allowed). */
  appliesScps: boolean;
  /** Why SCPs do not apply, when they do not. */
  note?: string;
  /** The account's path, root first, as the denials refer to it (empty when SCPs do not apply). */
  levels: MatrixLevel[];
  /** Counts over every service analysed. */
  totals: MatrixCounts;
  /** Services sorted by prefix. */
  services: MatrixService[];
}

/** Options of scpActionMatrix. */
export interface ScpActionMatrixOptions {
  /** Only these service prefixes (case-insensitive); every catalogued service by default. */
  services?: string[];
  /** Request context to assume (e.g. aws:RequestedRegion): conditions reading only these keys are settled. */
  context?: ContextEntry[];
  /** A principal of the account (user, role, session or root ARN): conditions on its own keys are settled for it. */
  principalArn?: string;
  /**
   * SCP (default): the account's SCP chain over its principals' requests. RCP: the account's RCP chain over requests
   * to its resources by its own principals (actions of services RCPs do not support are allowed).
   */
  policyType?: AuthzPolicyType;
}

/** Thrown for input the analysis cannot work on; `code` is AWS's error code where AWS has one. */
export class MatrixInputError extends Error {
  /** AccountNotFoundException for an unknown account, NoSuchEntity for an unknown principal, InvalidInputException otherwise. */
  readonly code: 'AccountNotFoundException' | 'NoSuchEntity' | 'InvalidInputException';

  constructor(code: MatrixInputError['code'], message: string) {
    super(`${code}: ${message}`);
    this.name = 'MatrixInputError';
    this.code = code;
  }
}

/**
 * For one account, the decision of its SCP chain on every catalogued action (or those of `options.services`)
 * on resource "*". Throws MatrixInputError for an account the world does not know or a service the catalogue
 * does not list.
 */
export function scpActionMatrix(world: CompiledWorld, accountId: string, catalog: Catalog, options: ScpActionMatrixOptions = {}): ScpActionMatrix {
  if (!world.org.isKnownAccount(accountId)) {
    throw new MatrixInputError('AccountNotFoundException', `account ${accountId} is not in this design`);
  }
  const services = selectServices(catalog, options.services);
  const accountName = world.org.accountName(accountId);
  const principal = options.principalArn === undefined ? undefined : principalOf(world, options.principalArn, accountId);
  const policyType = options.policyType ?? 'SCP';
  const skipReason = scpSkipReason(world, accountId, policyType) ?? (principal?.serviceLinked ? `service-linked role: ${policyType}s do not apply` : undefined);

  const result: ScpActionMatrix = {
    accountId,
    ...(accountName !== undefined ? { accountName } : {}),
    ...(principal !== undefined ? { principalArn: principal.principalArn } : {}),
    appliesScps: skipReason === undefined,
    ...(skipReason !== undefined ? { note: skipReason } : {}),
    levels: [],
    totals: emptyCounts(),
    services: [],
  };

  const decideAction = skipReason === undefined ? chainDecider(world, accountId, options.context ?? [], principal, policyType) : undefined;
  if (decideAction) result.levels = world.org.levelsFor(accountId, policyType).map((level) => level.target);

  const accountLevel: MatrixLevel = result.levels[result.levels.length - 1]
    ?? { targetId: accountId, targetName: accountName ?? accountId, kind: 'account' };
  for (const service of services) {
    const row: MatrixService = { service, ...emptyCounts(), actions: [] };
    for (const action of catalog.listActions(service)) {
      const applies = decideAction !== undefined && (policyType === 'SCP' || isRcpSupportedService(service));
      const scpEntry: MatrixAction = applies ? decideAction(action) : { action: action.id, accessLevel: action.accessLevel, decision: 'allowed' };
      const actionLower = action.id.toLowerCase();
      const rules = rulesForAction(actionLower, serviceOfAction(actionLower));
      const entry = rules.length === 0 ? scpEntry : withServiceRules(scpEntry, rules, principal?.kind, accountLevel);
      row.actions.push(entry);
      row[entry.decision] += 1;
    }
    row.total = row.actions.length;
    for (const key of [...MATRIX_DECISIONS, 'total'] as const) result.totals[key] += row[key];
    result.services.push(row);
  }
  return result;
}

/**
 * The SCP chain's decision on a few given actions for any principal of the account (resource "*"), as the matrix
 * decides each cell; used where a whole service's matrix would be waste (RAM share recipients). Every action is
 * allowed when SCPs do not apply to the account (management account, outside the organization, SCPs not enabled).
 * `context` settles the conditions on the keys it holds (aws:RequestedRegion), as the matrix's own option does.
 */
export function scpActionDecisions(world: CompiledWorld, accountId: string, actions: readonly CatalogAction[], context: readonly ContextEntry[] = []): MatrixAction[] {
  if (scpSkipReason(world, accountId, 'SCP') !== undefined) {
    return actions.map((action) => ({ action: action.id, accessLevel: action.accessLevel, decision: 'allowed' }));
  }
  const decideAction = chainDecider(world, accountId, context, undefined, 'SCP');
  const levels = world.org.levelsFor(accountId, 'SCP').map((level) => level.target);
  const accountLevel: MatrixLevel = levels[levels.length - 1] ?? { targetId: accountId, targetName: world.org.accountName(accountId) ?? accountId, kind: 'account' };
  // The actions are few and may span services: decide them grouped by service (the decider caches one service's statements).
  const order = [...actions].sort((a, b) => a.service.localeCompare(b.service));
  const decided = new Map<string, MatrixAction>();
  for (const action of order) {
    const entry = decideAction(action);
    const actionLower = action.id.toLowerCase();
    const rules = rulesForAction(actionLower, serviceOfAction(actionLower));
    decided.set(action.id, rules.length === 0 ? entry : withServiceRules(entry, rules, undefined, accountLevel));
  }
  return actions.map((action) => decided.get(action.id)!);
}

const ALL_CALLERS: readonly RuleCaller[] = ['user', 'role-session', 'root'];

/**
 * True when a documented service rule says the action needs no permission from any caller, so every account cell
 * is allowed whatever the SCPs and RCPs say (the org-wide matrix applies the same rule).
 */
export function needsNoPermission(action: CatalogAction): boolean {
  const actionLower = action.id.toLowerCase();
  return rulesForAction(actionLower, serviceOfAction(actionLower)).some((rule) => {
    const effect = rule.effect;
    return effect.kind === 'always-allowed' && ALL_CALLERS.every((kind) => effect.callers.includes(kind));
  });
}
const CALLER_WORDS: Record<RuleCaller, string> = { user: 'IAM users', 'role-session': 'role sessions', root: 'the root user' };

/**
 * The cell as the documented service rules leave it (evaluate applies the same rules, service-rules/match.ts). A cell
 * is about every principal of the account (or the chosen one) on resource "*" in its own account, so: a rule that
 * needs no permission for every principal in scope allows the action whatever the SCPs say; a rule that refuses the
 * chosen principal denies it; anything else (rules on other accounts' resources, on the resource policy, or on some
 * callers only) cannot decide the cell and is cited in its explanation.
 */
function withServiceRules(entry: MatrixAction, rules: ActionRules, caller: RuleCaller | undefined, accountLevel: MatrixLevel): MatrixAction {
  const inScope: readonly RuleCaller[] = caller === undefined ? ALL_CALLERS : [caller];
  const cited: MatrixServiceRule[] = [];
  let allowedBy: MatrixServiceRule | undefined;
  let refusedBy: MatrixServiceRule | undefined;
  for (const rule of rules) {
    const ref = { id: rule.id, title: rule.title, doc: rule.doc };
    const effect = rule.effect;
    switch (effect.kind) {
      case 'always-allowed': {
        const covered = inScope.every((kind) => effect.callers.includes(kind));
        const note = covered
          ? `no permission is checked: allowed whatever the SCPs say${entry.decision === 'allowed' ? '' : ` (the SCPs alone: ${entry.decision})`}`
          : `no permission is checked for ${effect.callers.map((kind) => CALLER_WORDS[kind]).join(' and ')}: allowed for them whatever the SCPs say`;
        const cite: MatrixServiceRule = { ...ref, effect: covered ? 'decides' : 'note', note };
        if (covered) allowedBy ??= cite;
        cited.push(cite);
        break;
      }
      case 'caller-refused': {
        // The SCPs' own denial stays the answer when they deny for every request (evaluate lists the SCP's Deny first).
        const refused = caller !== undefined && effect.callers.includes(caller);
        const decides = refused && entry.decision !== 'denied';
        const cite: MatrixServiceRule = {
          ...ref,
          effect: decides ? 'decides' : 'note',
          note: refused
            ? `refused for ${CALLER_WORDS[caller]} whatever the policies say${decides ? ` (the SCPs alone: ${entry.decision})` : ''}`
            : `refused for ${effect.callers.map((kind) => CALLER_WORDS[kind]).join(' and ')} whatever the policies say; choose a principal to settle it`,
        };
        if (decides) refusedBy ??= cite;
        cited.push(cite);
        break;
      }
      case 'owner-root-despite-resource-policy':
        if (caller === undefined || caller === 'root') {
          cited.push({ ...ref, effect: 'note', note: 'the bucket owner\'s root user is not bound by the bucket policy\'s Deny; the SCPs still apply, so this cell stands for it too' });
        }
        break;
      case 'no-cross-account':
        cited.push({ ...ref, effect: 'note', note: 'concerns requests on another account\'s resources: a grant to a principal of another account has no effect (a cell is about the account\'s own principals)' });
        break;
      case 'cross-account-note':
        cited.push({ ...ref, effect: 'note', note: effect.matrixNote ?? 'concerns requests on another account\'s secrets: they also need the secret\'s customer managed KMS key' });
        break;
      case 'protected-resource':
        cited.push({ ...ref, effect: 'note', note: `refused on resources AWS keeps for itself (${effect.resources.join(', ')}) whatever the policies say; other resources follow the SCPs` });
        break;
    }
  }
  if (cited.length === 0) return entry;
  // A refusal is checked after "needs no permission": evaluate's decide() allows such operations first.
  if (allowedBy !== undefined) return { action: entry.action, accessLevel: entry.accessLevel, decision: 'allowed', serviceRules: cited };
  if (refusedBy !== undefined) {
    return {
      action: entry.action, accessLevel: entry.accessLevel, decision: 'denied',
      deniedBy: { kind: 'serviceRule', level: accountLevel, rule: { id: refusedBy.id, title: refusedBy.title, doc: refusedBy.doc } },
      serviceRules: cited,
    };
  }
  return { ...entry, serviceRules: cited };
}

function emptyCounts(): MatrixCounts {
  return { allowed: 0, denied: 0, deniedExcept: 0, allowedExcept: 0, conditional: 0, total: 0 };
}

/** The chosen principal, which must belong to the account. */
function principalOf(world: CompiledWorld, principalArn: string, accountId: string): ResolvedPrincipal & { kind: RuleCaller } {
  let principal: ResolvedPrincipal;
  try {
    principal = world.principal(principalArn);
  } catch (error) {
    if (!(error instanceof UnknownPrincipalError)) throw error;
    throw new MatrixInputError(error.code === 'NoSuchEntity' ? 'NoSuchEntity' : 'InvalidInputException', error.message.replace(/^\w+: /, ''));
  }
  if (principal.kind === 'service') {
    throw new MatrixInputError('InvalidInputException', `${principalArn} is an AWS service principal: SCPs restrict the IAM users and roles of member accounts, never a service`);
  }
  if (principal.accountId !== accountId) {
    throw new MatrixInputError('InvalidInputException', `principal ${principalArn} belongs to account ${principal.accountId}, not ${accountId}`);
  }
  return principal as ResolvedPrincipal & { kind: RuleCaller };
}

/** The services to analyse, lower-cased and sorted; unknown ones are an input error. */
function selectServices(catalog: Catalog, requested: string[] | undefined): readonly string[] {
  if (requested === undefined) return catalog.serviceKeys();
  const unknown = requested.filter((service) => !catalog.hasService(service));
  if (unknown.length > 0) {
    throw new MatrixInputError('InvalidInputException', `unknown service prefix ${unknown.map((s) => `"${s}"`).join(', ')}: not in the IAM action catalogue`);
  }
  return [...new Set(requested.map((service) => service.toLowerCase()))].sort();
}

/**
 * Why SCPs do not restrict any principal of the account, or undefined when they do (orgs_manage_policies_scps.html:
 * SCPs need all features and the SCP policy type enabled, and never restrict the management account). The
 * per-principal exemption of service-linked roles is not an account property and is left to the evaluator.
 */
function scpSkipReason(world: CompiledWorld, accountId: string, type: AuthzPolicyType): string | undefined {
  const organization = world.world.organization;
  const name = `${type}s`;
  if (!organization) return `no organization: ${name} do not apply`;
  if (organization.featureSet !== 'ALL') return `the organization has only consolidated billing: ${name} do not apply`;
  if (!organization.enabledPolicyTypes.includes(type)) return `${name} are not enabled on the root`;
  if (!world.org.isMember(accountId)) return `account ${accountId} is outside the organization: no ${name} apply`;
  if (accountId === organization.managementAccountId) return `management account: ${name} do not apply`;
  return undefined;
}

/** A statement of one level that can match actions of the service being analysed, with its trace record. */
interface ServiceStatement {
  statement: CompiledStatement;
  record: MatchedStatement;
}

/** A statement that applies to some principals only, with where it sits. */
interface PrincipalStatement {
  reach: StatementReach;
  record: MatchedStatement;
  level: MatrixLevel;
}

/** Builds the per-action decision function for an account whose SCPs apply. */
function chainDecider(
  world: CompiledWorld, accountId: string, callerContext: readonly ContextEntry[], principal: ResolvedPrincipal | undefined, type: AuthzPolicyType,
): (action: CatalogAction) => MatrixAction {
  const levels = world.org.levelsFor(accountId, type);
  // On the RCP side the resource is the account's own: AWS sets aws:ResourceAccount, aws:ResourceOrgID and paths.
  const resourceEntries = type === 'RCP' ? resourceAccountEntries(accountId, world.org.organizationOf(accountId)) : [];
  const context = principal === undefined
    ? accountContext(world, accountId, callerContext, resourceEntries)
    : buildRequestContext(callerContext, indexEntries([...principal.derivedContext, ...resourceEntries]));
  const sources = statementSources(world, levels);
  // A statement's reach depends on the action only through its service (another service's keys are absent) and on
  // whether it takes resources: cached per service, which the actions come in order of.
  let reachService: string | undefined;
  let reachOptions: ReachOptions = { anyPrincipal: principal === undefined };
  const reachCache = [new Map<CompiledStatement, StatementReach>(), new Map<CompiledStatement, StatementReach>()];
  const reachOf = (statement: CompiledStatement, takesResources: boolean, service: string): StatementReach => {
    if (service !== reachService) {
      reachService = service;
      reachOptions = { anyPrincipal: principal === undefined, service };
      for (const cache of reachCache) cache.clear();
    }
    const cache = reachCache[takesResources ? 1 : 0];
    let reach = cache.get(statement);
    if (!reach) {
      reach = statementReach(statement, sources.get(statement)!, context, takesResources, reachOptions);
      cache.set(statement, reach);
    }
    return reach;
  };
  // Per level, the statements that can match the current service (the documents' own per-service index). Each
  // action then runs the compiled Action / NotAction matchers over these few statements. The evaluator's
  // per-action caches (PolicySet.refsFor) are deliberately not used: filling them for 22,000 actions on every
  // level would keep that much memory alive in the compiled world for one screen.
  let currentService: string | undefined;
  let byLevel: ServiceStatement[][] = [];
  const statementsOf = (service: string): ServiceStatement[][] => {
    if (service !== currentService) {
      currentService = service;
      byLevel = levels.map((level) => level.policies.flatMap((policy) => policy.document.statementsForService(service)
        .map((statement) => ({ statement, record: policy.records[statement.index] }))));
    }
    return byLevel;
  };

  return (action) => {
    const actionLower = action.id.toLowerCase();
    const takesResources = action.resourceTypes.length > 0;
    const statementsByLevel = statementsOf(action.service);
    let firstNoAllow: MatrixDenial | undefined;
    let partial: StatementReach[] | undefined;
    let principalDenies: PrincipalStatement[] | undefined;
    // Levels whose only Allows apply to some principals, none of them the principals their values do not describe.
    let blockedLevels: PrincipalStatement[][] | undefined;
    for (let l = 0; l < levels.length; l++) {
      const level = levels[l].target;
      let allowsEveryone = false;
      let levelPartialAllows: StatementReach[] | undefined;
      let levelPrincipalAllows: PrincipalStatement[] | undefined;
      for (const { statement, record } of statementsByLevel[l]) {
        if (!statement.matchesAction(actionLower)) continue;
        const reach = reachOf(statement, takesResources, action.service);
        if (reach.reach === 'never') continue;
        const byPrincipalOnly = reach.principalClauses !== undefined && reach.undecidedKeys === undefined && !reach.resourceSpecific;
        if (statement.effect === 'Deny') {
          if (reach.reach === 'always') {
            // An unconditional Deny decides at once: nothing below can undo it.
            return { action: action.id, accessLevel: action.accessLevel, decision: 'denied', deniedBy: denialBy(record, level) };
          }
          if (byPrincipalOnly) (principalDenies ??= []).push({ reach, record, level });
          else (partial ??= []).push(reach);
        } else if (reach.reach === 'always') {
          allowsEveryone = true;
        } else if (byPrincipalOnly) {
          if (reach.holdsForOtherPrincipals) allowsEveryone = true;
          else (levelPrincipalAllows ??= []).push({ reach, record, level });
        } else {
          (levelPartialAllows ??= []).push(reach);
        }
      }
      if (allowsEveryone) continue;
      if (levelPartialAllows) (partial ??= []).push(...levelPartialAllows);
      else if (levelPrincipalAllows) (blockedLevels ??= []).push(levelPrincipalAllows);
      else firstNoAllow ??= { kind: 'noAllow', level };
    }
    if (firstNoAllow) return { action: action.id, accessLevel: action.accessLevel, decision: 'denied', deniedBy: firstNoAllow };
    if (partial) return { action: action.id, accessLevel: action.accessLevel, decision: 'conditional', dependsOn: dependencyOf(partial) };
    if (principalDenies === undefined && blockedLevels === undefined) return { action: action.id, accessLevel: action.accessLevel, decision: 'allowed' };
    return byPrincipal({ action: action.id, accessLevel: action.accessLevel }, principalDenies, blockedLevels);
  };
}

/**
 * The answer when only principal keys are undecided: what it is for the principals the conditions' values do not
 * describe, and which principals are the exception.
 */
function byPrincipal(
  row: { action: string; accessLevel: string },
  principalDenies: readonly PrincipalStatement[] | undefined,
  blockedLevels: readonly PrincipalStatement[][] | undefined,
): MatrixAction {
  const denying = (principalDenies ?? []).filter((deny) => deny.reach.holdsForOtherPrincipals);
  if (denying.length > 0 || blockedLevels) {
    // Denied to the others; a principal escapes a Deny when one of its principal clauses fails, and a level without
    // an Allow for everyone when one of that level's Allows holds for it.
    const exceptions: MatrixException[] = [
      ...denying.map((deny) => exception(deny, deny.reach.principalClauses!.map((clause) => describePrincipals(clause, false)).join(' or '))),
      ...(blockedLevels ?? []).map((allows) => exception(allows[0], allows.map(allPrincipalsOf).join(' or '))),
    ];
    const deniedBy = denying.length > 0
      ? denialBy(denying[0].record, denying[0].level)
      : { kind: 'noAllow' as const, level: blockedLevels![0][0].level };
    return { ...row, decision: 'deniedExcept', deniedBy, exceptions };
  }
  if (principalDenies) {
    // Allowed to the others; a Deny applies to the principals all its principal clauses hold for.
    return { ...row, decision: 'allowedExcept', exceptions: principalDenies.map((deny) => exception(deny, allPrincipalsOf(deny))) };
  }
  return { ...row, decision: 'allowed' };
}

/** The principals every principal clause of the statement holds for, in words. */
function allPrincipalsOf(statement: PrincipalStatement): string {
  const parts = statement.reach.principalClauses!.map((clause) => describePrincipals(clause, true));
  return parts.length === 1 ? parts[0] : `(${parts.join(' and ')})`;
}

function exception(statement: PrincipalStatement, principals: string): MatrixException {
  const { record, level } = statement;
  return {
    principals, level, policyId: record.policyId, policyName: record.policyName, statementIndex: record.statementIndex,
    ...(record.sid !== undefined ? { sid: record.sid } : {}),
  };
}

function denialBy(record: MatchedStatement, level: MatrixLevel): MatrixDenial {
  const deniedBy: MatrixDenial = { kind: 'explicitDeny', level, policyId: record.policyId, policyName: record.policyName, statementIndex: record.statementIndex };
  if (record.sid !== undefined) deniedBy.sid = record.sid;
  return deniedBy;
}

/**
 * The context every principal of the account shares: the caller's entries plus the keys AWS derives from the
 * account alone (aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalOrgPaths) and aws:PrincipalIsAWSService,
 * false for every IAM principal. Keys that differ between principals (aws:PrincipalArn, tags) stay absent: the
 * statement reach turns conditions on them into exemption patterns.
 */
function accountContext(world: CompiledWorld, accountId: string, callerContext: readonly ContextEntry[], resourceEntries: readonly ContextEntry[]): RequestContext {
  const derived: ContextEntry[] = [
    ...resourceEntries,
    { key: 'aws:PrincipalAccount', values: [accountId], type: 'string' },
    { key: 'aws:PrincipalIsAWSService', values: ['false'], type: 'boolean' },
  ];
  const organizationId = world.org.organizationId();
  const placement = world.org.placement(accountId);
  if (organizationId && placement) {
    derived.push({ key: 'aws:PrincipalOrgID', values: [organizationId], type: 'string' });
    derived.push({ key: 'aws:PrincipalOrgPaths', values: [placement.orgPath], type: 'stringList' });
  }
  return buildRequestContext(callerContext, indexEntries(derived));
}

/**
 * Parsed statements for every compiled statement on the path. The compiled form keeps matchers only; the reach
 * needs the Resource lists and condition values as written. Compiled statements are in parse order.
 */
function statementSources(world: CompiledWorld, levels: readonly PolicyLevel[]): Map<CompiledStatement, Statement> {
  const documentsById = new Map(world.world.policies.map((policy) => [policy.id, policy.document]));
  const parsedByDocument = new Map<unknown, readonly Statement[]>();
  const result = new Map<CompiledStatement, Statement>();
  for (const level of levels) {
    for (const policy of level.policies) {
      const compiledStatements = policy.document.statements;
      if (compiledStatements.length === 0) continue;
      let parsed = parsedByDocument.get(policy.document);
      if (!parsed) {
        parsed = parsePolicy(documentsById.get(policy.id)!).document?.statements ?? [];
        parsedByDocument.set(policy.document, parsed);
      }
      compiledStatements.forEach((compiled, i) => result.set(compiled, parsed[i]));
    }
  }
  return result;
}

function dependencyOf(reaches: readonly StatementReach[]): MatrixDependency {
  const keys = new Set<string>();
  let resourceSpecific = false;
  for (const reach of reaches) {
    for (const key of reach.undecidedKeys ?? []) keys.add(key);
    if (reach.resourceSpecific) resourceSpecific = true;
  }
  return { conditionKeys: [...keys].sort(), resourceSpecific };
}
