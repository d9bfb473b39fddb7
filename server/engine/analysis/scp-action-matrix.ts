// The SCP action matrix: for one account, service by service, which actions its SCP chain still allows.
// SCP evaluation (orgs_manage_policies_scps_evaluation.html): every level of the account's path (root, each OU,
// the account) must have an SCP whose Allow covers the action, and a matching Deny at any level wins. Here the
// question is asked for every catalogued action at once, on resource "*", without a concrete principal: a
// statement that only applies to some resources or under a request-dependent condition makes the answer
// "conditional". Matching is the evaluator's own: the compiled documents' per-service statement index, the
// compiled Action / NotAction, Resource and Condition matchers, and the same per-account SCP levels.

import type { Catalog, CatalogAction } from '../catalog/types';
import { parsePolicy } from '../policy/parse';
import type { ContextEntry, MatchedStatement, RequestContext, Statement } from '../types';
import type { CompiledStatement } from '../world/compiled-types';
import type { CompiledWorld } from '../world/compile-world';
import type { PolicyLevel } from '../world/org-chain';
import { buildRequestContext, indexEntries } from '../world/request-context';
import { statementReach, type StatementReach } from './statement-reach';

/** What the SCPs leave of an action: allowed, denied, or dependent on conditions or specific resources. */
export type MatrixDecision = 'allowed' | 'denied' | 'conditional';

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
  /** explicitDeny: a Deny statement applies to every request; noAllow: no SCP at the level allows the action. */
  kind: 'explicitDeny' | 'noAllow';
  /** The level that stops the action. */
  level: MatrixLevel;
  /** The denying SCP's id (explicitDeny only). */
  policyId?: string;
  /** The denying SCP's name (explicitDeny only). */
  policyName?: string;
  /** The denying statement's index in its document (explicitDeny only). */
  statementIndex?: number;
  /** The denying statement's Sid, when it has one. */
  sid?: string;
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
  /** For denied actions: where and why. */
  deniedBy?: MatrixDenial;
  /** For conditional actions: what the answer depends on. */
  dependsOn?: MatrixDependency;
}

/** Counts of a set of actions by decision. */
export interface MatrixCounts {
  /** Actions the SCPs allow. */
  allowed: number;
  /** Actions the SCPs deny. */
  denied: number;
  /** Actions whose answer depends on conditions or resources. */
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
}

/** Thrown for input the analysis cannot work on; `code` is AWS's error code where AWS has one. */
export class MatrixInputError extends Error {
  /** AccountNotFoundException for an unknown account, InvalidInputException for an unknown service. */
  readonly code: 'AccountNotFoundException' | 'InvalidInputException';

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
  const skipReason = scpSkipReason(world, accountId);

  const result: ScpActionMatrix = {
    accountId,
    ...(accountName !== undefined ? { accountName } : {}),
    appliesScps: skipReason === undefined,
    ...(skipReason !== undefined ? { note: skipReason } : {}),
    levels: [],
    totals: { allowed: 0, denied: 0, conditional: 0, total: 0 },
    services: [],
  };

  const decideAction = skipReason === undefined ? chainDecider(world, accountId, options.context ?? []) : undefined;
  if (decideAction) result.levels = world.org.levelsFor(accountId, 'SCP').map((level) => level.target);

  for (const service of services) {
    const row: MatrixService = { service, allowed: 0, denied: 0, conditional: 0, total: 0, actions: [] };
    for (const action of catalog.listActions(service)) {
      const entry = decideAction ? decideAction(action) : { action: action.id, accessLevel: action.accessLevel, decision: 'allowed' as const };
      row.actions.push(entry);
      row[entry.decision] += 1;
    }
    row.total = row.actions.length;
    for (const key of ['allowed', 'denied', 'conditional', 'total'] as const) result.totals[key] += row[key];
    result.services.push(row);
  }
  return result;
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
function scpSkipReason(world: CompiledWorld, accountId: string): string | undefined {
  const organization = world.world.organization;
  if (!organization) return 'no organization: SCPs do not apply';
  if (organization.featureSet !== 'ALL') return 'the organization has only consolidated billing: SCPs do not apply';
  if (!organization.enabledPolicyTypes.includes('SCP')) return 'SCPs are not enabled on the root';
  if (!world.org.isMember(accountId)) return `account ${accountId} is outside the organization: no SCPs apply`;
  if (accountId === organization.managementAccountId) return 'management account: SCPs do not apply';
  return undefined;
}

/** A statement of one level that can match actions of the service being analysed, with its trace record. */
interface ServiceStatement {
  statement: CompiledStatement;
  record: MatchedStatement;
}

/** Builds the per-action decision function for an account whose SCPs apply. */
function chainDecider(world: CompiledWorld, accountId: string, callerContext: readonly ContextEntry[]): (action: CatalogAction) => MatrixAction {
  const levels = world.org.levelsFor(accountId, 'SCP');
  const context = accountContext(world, accountId, callerContext);
  const sources = statementSources(world, levels);
  // A statement's reach does not depend on the action, only on whether the action takes resources: cache both.
  const reachCache = [new Map<CompiledStatement, StatementReach>(), new Map<CompiledStatement, StatementReach>()];
  const reachOf = (statement: CompiledStatement, takesResources: boolean): StatementReach => {
    const cache = reachCache[takesResources ? 1 : 0];
    let reach = cache.get(statement);
    if (!reach) {
      reach = statementReach(statement, sources.get(statement)!, context, takesResources);
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
    for (let l = 0; l < levels.length; l++) {
      let levelAllow: 'always' | 'sometimes' | 'never' = 'never';
      let levelPartialAllows: StatementReach[] | undefined;
      for (const { statement, record } of statementsByLevel[l]) {
        if (!statement.matchesAction(actionLower)) continue;
        const reach = reachOf(statement, takesResources);
        if (reach.reach === 'never') continue;
        if (statement.effect === 'Deny') {
          if (reach.reach === 'always') {
            // An unconditional Deny decides at once: nothing below can undo it.
            const deniedBy: MatrixDenial = { kind: 'explicitDeny', level: levels[l].target, policyId: record.policyId, policyName: record.policyName, statementIndex: record.statementIndex };
            if (record.sid !== undefined) deniedBy.sid = record.sid;
            return { action: action.id, accessLevel: action.accessLevel, decision: 'denied', deniedBy };
          }
          (partial ??= []).push(reach);
        } else if (reach.reach === 'always') {
          levelAllow = 'always';
        } else {
          if (levelAllow === 'never') levelAllow = 'sometimes';
          (levelPartialAllows ??= []).push(reach);
        }
      }
      if (levelAllow === 'never') firstNoAllow ??= { kind: 'noAllow', level: levels[l].target };
      else if (levelAllow === 'sometimes') (partial ??= []).push(...levelPartialAllows!);
    }
    if (firstNoAllow) return { action: action.id, accessLevel: action.accessLevel, decision: 'denied', deniedBy: firstNoAllow };
    if (partial) return { action: action.id, accessLevel: action.accessLevel, decision: 'conditional', dependsOn: dependencyOf(partial) };
    return { action: action.id, accessLevel: action.accessLevel, decision: 'allowed' };
  };
}

/**
 * The context every principal of the account shares: the caller's entries plus the keys AWS derives from the
 * account alone (aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalOrgPaths). Keys that differ between
 * principals (aws:PrincipalArn, tags) stay absent, so conditions on them remain "conditional".
 */
function accountContext(world: CompiledWorld, accountId: string, callerContext: readonly ContextEntry[]): RequestContext {
  const derived: ContextEntry[] = [{ key: 'aws:PrincipalAccount', values: [accountId], type: 'string' }];
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
