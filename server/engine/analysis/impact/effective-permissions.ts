// The effective permissions of one principal: every catalogued action it may perform after its identity policies,
// permissions boundary, SCPs and RCPs (reference_policies_evaluation-logic.html), grouped by service and access
// level, with the resource patterns its identity policies grant it on. Each action is decided by `evaluate`: on "*"
// when an identity statement grants it on every resource, otherwise on the patterns the statements name (own account
// first, the first that the engine allows deciding), each asked as a resource whose wildcard account field is the
// principal's own: "arn:aws:iam::*:policy/team-*" grants on the principal's own account's policies, which a request
// for the pattern itself (account "*", another account to the engine) would miss.

import type { Catalog } from '../../catalog/types';
import { evaluate } from '../../evaluate/evaluate';
import { parsePolicy } from '../../policy/parse';
import type { ContextEntry, Statement } from '../../types';
import type { CompiledDocument } from '../../world/compiled-types';
import type { CompiledWorld } from '../../world/compile-world';

/** One action the principal may perform. */
export interface EffectiveAction {
  /** Canonical "service:Action". */
  action: string;
  /** allowed, or conditional when a key the request did not supply could change it (which keys: `dependsOn`). */
  decision: 'allowed' | 'conditional';
  /** Resource patterns its identity statements grant it on ("*" for every resource). */
  resources: string[];
  /** For conditional actions: the keys. */
  dependsOn?: string[];
}

/** One service's actions, by access level. */
export interface EffectiveService {
  /** Service prefix. */
  service: string;
  /** Access level (List, Read, Write, Permissions management, Tagging) → how many actions, and the actions. */
  levels: { accessLevel: string; count: number; actions: EffectiveAction[] }[];
}

/** A principal's effective permissions. */
export interface EffectivePermissions {
  /** The principal. */
  principalArn: string;
  /** Actions it may perform, by service. */
  services: EffectiveService[];
  /** Number of actions. */
  total: number;
}

/** The statements of a compiled document as parsed (the world's documents are keyed by kind and text). */
function sourcesOf(world: CompiledWorld, document: CompiledDocument, cache: Map<CompiledDocument, readonly Statement[]>): readonly Statement[] {
  let statements = cache.get(document);
  if (!statements) {
    statements = [];
    for (const [key, candidate] of world.documents) {
      if (candidate !== document) continue;
      statements = parsePolicy(key.slice(key.indexOf('\n') + 1)).document?.statements ?? [];
      break;
    }
    cache.set(document, statements);
  }
  return statements;
}

/** At most this many of an action's patterns are asked (a policy may list hundreds of ARNs for one action). */
const PATTERNS_ASKED = 16;

/** The resources to ask about for an action's patterns: account wildcards made the principal's own, own account first. */
function resourcesToAsk(patterns: ReadonlySet<string>, accountId: string): string[] {
  const asked = [...new Set([...patterns].map((pattern) => inAccount(pattern, accountId)))];
  const own = (resource: string) => resource.split(':')[4] === accountId;
  return [...asked.filter(own), ...asked.filter((resource) => !own(resource))].slice(0, PATTERNS_ASKED);
}

/** The pattern with a wildcard account field ("*", "1111*") replaced by the account; other patterns as they are. */
function inAccount(pattern: string, accountId: string): string {
  const parts = pattern.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !/[*?]/.test(parts[4])) return pattern;
  parts[4] = accountId;
  return parts.join(':');
}

/**
 * Every catalogued action the principal may perform, grouped by service and access level; with `services`, only
 * those services' actions are evaluated.
 */
export function effectivePermissions(world: CompiledWorld, principalArn: string, catalog: Catalog, context: ContextEntry[] = [], services?: readonly string[]): EffectivePermissions {
  const principal = world.principal(principalArn);
  const parsed = new Map<CompiledDocument, readonly Statement[]>();
  const result: EffectiveService[] = [];
  let total = 0;
  const wanted = services ? new Set(services.map((service) => service.toLowerCase())) : undefined;
  for (const service of catalog.serviceKeys()) {
    if (wanted && !wanted.has(service)) continue;
    const levels = new Map<string, EffectiveAction[]>();
    for (const action of catalog.listActions(service)) {
      const actionLower = action.id.toLowerCase();
      const resources = new Set<string>();
      if (principal.kind === 'root') resources.add('*');
      for (const policy of principal.identityPolicies) {
        const sources = sourcesOf(world, policy.document, parsed);
        policy.document.statements.forEach((statement, i) => {
          if (statement.effect !== 'Allow' || !statement.matchesAction(actionLower)) return;
          const source = sources[i];
          if (source?.resource) for (const resource of source.resource) resources.add(resource);
          else resources.add('*');
        });
      }
      if (resources.size === 0) continue;
      let result: ReturnType<typeof evaluate> | undefined;
      for (const resource of resources.has('*') ? ['*'] : resourcesToAsk(resources, principal.accountId)) {
        result = evaluate(world, { principalArn, action: action.id, resource, context });
        if (result.decision === 'allowed' || result.conditionDependent) break;
      }
      if (!result || (result.decision !== 'allowed' && !result.conditionDependent)) continue;
      const entry: EffectiveAction = {
        action: action.id, decision: result.decision === 'allowed' && !result.conditionDependent ? 'allowed' : 'conditional', resources: [...resources].sort(),
        ...(result.conditionDependent ? { dependsOn: result.missingContextValues } : {}),
      };
      const list = levels.get(action.accessLevel) ?? [];
      list.push(entry);
      levels.set(action.accessLevel, list);
      total++;
    }
    if (levels.size > 0) result.push({ service, levels: [...levels].map(([accessLevel, actions]) => ({ accessLevel, count: actions.length, actions })) });
  }
  return { principalArn, services: result, total };
}
