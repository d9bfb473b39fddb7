// Which documented service rules (rules.ts) apply to a request. The rules are indexed once by action, so a request
// whose action no rule names pays one cached lookup (evaluate.ts keeps the result with the action's names); only the
// few requests that name such an action check the rule's conditions (caller kind, cross-account).

import { compileArnPattern, type ArnMatcher } from '../match/arn';
import type { LayerTrace, ServiceRuleRef } from '../types';
import { SERVICE_RULES, type RuleCaller, type ServiceRule } from './rules';

/** The rules naming one action, resolved once per action spelling. */
export type ActionRules = readonly ServiceRule[];

const NO_RULES: ActionRules = Object.freeze([]);
const byAction = new Map<string, ServiceRule[]>();
const allowListsByService = new Map<string, { rule: ServiceRule; allowed: ReadonlySet<string> }[]>();
for (const rule of SERVICE_RULES) {
  if (rule.allowList) {
    const lists = allowListsByService.get(rule.service) ?? [];
    lists.push({ rule, allowed: new Set(rule.actions.map((action) => action.toLowerCase())) });
    allowListsByService.set(rule.service, lists);
    continue;
  }
  for (const action of rule.actions) {
    const key = action.toLowerCase();
    const list = byAction.get(key) ?? [];
    list.push(rule);
    byAction.set(key, list);
  }
}

// The protected-resource rules' ARN patterns, compiled once.
const protectedMatchers = new Map<ServiceRule, ArnMatcher[]>();
for (const rule of SERVICE_RULES) {
  if (rule.effect.kind === 'protected-resource') protectedMatchers.set(rule, rule.effect.resources.map(compileArnPattern));
}

/** The rules that may apply to a lower-cased action of a lower-cased service (their conditions are checked per request). */
export function rulesForAction(actionLower: string, service: string): ActionRules {
  const listed = byAction.get(actionLower);
  const allowLists = allowListsByService.get(service);
  if (!allowLists) return listed ?? NO_RULES;
  const outside = allowLists.filter((entry) => !entry.allowed.has(actionLower)).map((entry) => entry.rule);
  if (outside.length === 0) return listed ?? NO_RULES;
  return listed ? [...listed, ...outside] : outside;
}

/** What the applicable rules mean for the decision (see decide.ts). */
export interface ServiceVerdict {
  /** Allowed whatever the policies say. */
  alwaysAllowed: boolean;
  /** No policy can grant it. */
  refused: boolean;
  /** The resource-based policy's Deny does not bind this caller (the owner's root user). */
  ignoreResourceDeny: boolean;
  /** One trace step per applied rule. */
  steps: LayerTrace[];
}

/** The facts about a request the rules' conditions read. */
export interface RuleRequestFacts {
  /** user, role-session or root. */
  caller: RuleCaller;
  /** The caller's account. */
  callerAccount: string;
  /** The resource's account. */
  resourceAccount: string;
  /** The resource ARN or "*". */
  resource: string;
  /** True when the resource-side policy has a matching Deny (for the owner-root rule's note). */
  resourcePolicyDenies: boolean;
  /** True when the caller is a session of a service-linked role (AWS acting for its service). */
  callerServiceLinked: boolean;
}

/** Apply the rules naming the action; undefined when none applies (the common case). */
export function applyServiceRules(rules: ActionRules, facts: RuleRequestFacts): ServiceVerdict | undefined {
  let verdict: ServiceVerdict | undefined;
  const crossAccount = facts.resource !== '*' && facts.callerAccount !== facts.resourceAccount;
  for (const rule of rules) {
    const effect = rule.effect;
    let outcome: LayerTrace['outcome'];
    let note: string;
    switch (effect.kind) {
      case 'always-allowed':
        if (!effect.callers.includes(facts.caller)) continue;
        outcome = 'allow';
        note = 'no permission is checked: allowed whatever the policies say';
        break;
      case 'caller-refused':
        if (!effect.callers.includes(facts.caller)) continue;
        outcome = 'noMatch';
        note = `refused for ${CALLER_WORDS[facts.caller]}, whatever the policies say`;
        break;
      case 'owner-root-despite-resource-policy':
        if (facts.caller !== 'root' || facts.resource === '*' || facts.callerAccount !== facts.resourceAccount) continue;
        outcome = 'allow';
        note = facts.resourcePolicyDenies
          ? 'the bucket policy denies the owner\'s root user, but cannot lock it out: its Deny is set aside (SCPs and RCPs still apply)'
          : 'the owner\'s root user: the bucket policy could not lock it out (it does not deny it here)';
        break;
      case 'no-cross-account':
        if (!crossAccount || (rule.allowList && !isResourceOfService(facts.resource, rule.service))) continue;
        outcome = 'noMatch';
        note = `cross-account: account ${facts.callerAccount} on a resource of account ${facts.resourceAccount}; no grant can allow it`;
        break;
      case 'protected-resource':
        if (!protectedMatchers.get(rule)?.some((matches) => matches(facts.resource))) continue;
        if (effect.serviceLinkedExempt && facts.callerServiceLinked) continue;
        outcome = 'noMatch';
        note = `${facts.resource} is ${effect.why}: no policy can allow it`;
        break;
      case 'cross-account-note':
        if (!crossAccount) continue;
        outcome = 'applied';
        note = `cross-account: account ${facts.callerAccount} on a resource of account ${facts.resourceAccount}; ${effect.note ?? 'the secret\'s KMS key is not in the world, so evaluate kms:Decrypt on it as a request of its own'}`;
        break;
      case 'also-requires':
        outcome = 'applied';
        note = `${effect.when}, the call also needs ${effect.actions.join(' and ')} on the same resource: evaluate ${effect.actions.length === 1 ? 'it' : 'them'} as a request of its own`;
        break;
    }
    verdict ??= { alwaysAllowed: false, refused: false, ignoreResourceDeny: false, steps: [] };
    if (effect.kind === 'always-allowed') verdict.alwaysAllowed = true;
    if (effect.kind === 'caller-refused' || effect.kind === 'no-cross-account' || effect.kind === 'protected-resource') verdict.refused = true;
    if (effect.kind === 'owner-root-despite-resource-policy') verdict.ignoreResourceDeny = true;
    verdict.steps.push(serviceStep(rule, outcome, note));
  }
  return verdict;
}

/** A trace step of layer "service" citing a rule. */
export function serviceStep(rule: ServiceRuleRef, outcome: LayerTrace['outcome'], note: string): LayerTrace {
  return { layer: 'service', outcome, note, matched: [], rule: { id: rule.id, title: rule.title, doc: rule.doc } };
}

const CALLER_WORDS: Record<RuleCaller, string> = { user: 'IAM users', 'role-session': 'role sessions', root: 'the root user' };

/** True when the ARN is a resource of the service ("arn:PARTITION:SERVICE:..."). */
function isResourceOfService(resource: string, service: string): boolean {
  if (!resource.startsWith('arn:')) return false;
  const start = resource.indexOf(':', 4) + 1;
  return start > 0 && resource.startsWith(`${service}:`, start);
}
