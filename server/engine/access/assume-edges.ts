// One assume-role edge, decided by the engine: evaluate(P, sts:AssumeRole, R) checks R's trust policy, P's identity
// policies, boundary, P's SCPs and R's account RCPs (id_roles_terms-and-concepts.html, "Role trust policy";
// reference_policies_evaluation-logic-cross-account.html). When it fails only for want of context (ExternalId, MFA,
// session tags, ...), the witness context makes it a conditional edge labelled with the keys it needs. Session tags and
// a source identity are separate authorizations (sts:TagSession, sts:SetSourceIdentity: id_session-tags.html,
// id_credentials_temp_control-access_monitor.html), so an edge that needs them is checked for those actions too.
// A role session's aws:PrincipalTag values are its role's tags overridden by the session tags passed when it was
// created (id_session-tags.html, "Session tags override role tags"): an edge from a role whose trust Allow reads
// aws:PrincipalTag is conditional on the caller's session carrying that tag, and is evaluated with it as a session tag.

import type { AuthzRequest, ContextEntry, EvaluationResult, IamRole, MatchedStatement, Tag } from '../types';
import type { CompiledStatement } from '../world/compiled-types';
import type { CompiledWorld } from '../world/compile-world';
import { roleSessionArn } from '../world/principals';
import { witnessEntry } from './condition-witness';
import { evaluateWithWitness, type ConditionalOutcome } from './conditional-evaluation';
import type { EdgeStore } from './edge-store';
import { edgeConditionKind, isOrganizationKey, isPrincipalTagKey, isSessionTagKey, isSourceIdentityKey } from './edge-conditions';
import type { NonIamTarget } from './trust-targets';
import type { AssumeEdge, EdgeCondition, EdgeStatement } from './types';

/** STS caps a chained session (a role session assuming a role) at one hour (id_roles_terms-and-concepts.html, "Role chaining"). */
export const CHAINED_SESSION_SECONDS = 3600;
/** A role's default MaxSessionDuration. */
const DEFAULT_MAX_SESSION = 3600;

/**
 * The request for "principal assumes role". Supplied aws:PrincipalTag entries (only ever for a role caller) become the
 * caller's session tags: AWS derives aws:PrincipalTag itself, so they cannot be passed as plain context.
 */
export function assumeRequest(principalArn: string, roleArn: string, context: ContextEntry[] = [], action = 'sts:AssumeRole'): AuthzRequest {
  if (!context.some((entry) => isPrincipalTagKey(entry.key))) return { principalArn, action, resource: roleArn, context };
  const sessionTags: Tag[] = context.filter((entry) => isPrincipalTagKey(entry.key))
    .map((entry) => ({ key: entry.key.slice(PRINCIPAL_TAG_PREFIX.length), value: entry.values[0] ?? '' }));
  return { principalArn, action, resource: roleArn, context: context.filter((entry) => !isPrincipalTagKey(entry.key)), sessionTags };
}

const PRINCIPAL_TAG_PREFIX = 'aws:PrincipalTag/';

/**
 * The edge from an IAM principal (or stand-in) to a role, or undefined when the engine denies it whatever the context.
 * With callerSessionName (a role source only), the edge is made by the source's session of that name: a trust policy
 * may name one role session as its principal (reference_policies_elements_principal.html, "Role session principals"),
 * and only a session created with that name matches it.
 */
export function assumeEdge(world: CompiledWorld, fromArn: string, fromIsRole: boolean, role: IamRole, callerSessionName?: string): AssumeEdge | undefined {
  const caller = callerSessionName === undefined ? fromArn : roleSessionArn(fromArn, callerSessionName);
  if (caller === undefined) return undefined;
  let outcome = evaluateWithWitness(world, assumeRequest(caller, role.arn));
  if (outcome.decision === 'denied' && fromIsRole) outcome = withCallerSessionTags(world, caller, role) ?? outcome;
  if (outcome.decision === 'denied') return undefined;
  const supplied = outcome.supplied;
  // Passing session tags or a source identity is its own authorization, against the same policies.
  for (const extra of extraActionsFor(supplied)) {
    const also = evaluateWithWitness(world, assumeRequest(caller, role.arn, supplied, extra));
    if (also.decision !== 'allowed') return undefined;
  }
  const conditions: EdgeCondition[] = supplied.map((entry) => ({
    kind: isPrincipalTagKey(entry.key) ? 'sessionTags' : edgeConditionKind(entry.key), key: entry.key, values: entry.values, mustSupply: true,
  }));
  if (callerSessionName !== undefined) conditions.unshift({ kind: 'sessionName', key: 'Principal', values: [callerSessionName], mustSupply: true });
  const trustMatched = trustRecords(outcome.result);
  conditions.push(...organizationConditions(world, role, trustMatched));
  return {
    // A session-named edge keeps its own id (and so is stored whole, callerSessionName with it): the same source may
    // also have a plain edge into the role.
    id: `${caller} -> ${role.arn}`,
    from: fromArn,
    to: role.arn,
    action: 'sts:AssumeRole',
    decision: callerSessionName === undefined ? outcome.decision : 'conditional',
    conditions,
    suppliedContext: supplied,
    trustStatements: trustMatched.filter((record) => record.effect === 'Allow').map(edgeStatement),
    chained: fromIsRole,
    maxSessionSeconds: edgeSessionSeconds(fromIsRole, role),
    evaluated: true,
    ...(callerSessionName !== undefined ? { callerSessionName } : {}),
  };
}

/**
 * The outcome for a role caller whose session carries the tags one of the role's trust Allow statements reads as
 * aws:PrincipalTag (set as session tags when the caller's session was created, or carried there as transitive tags),
 * or undefined when no such statement lets it in. The tags come first in `supplied`, as aws:PrincipalTag entries.
 */
function withCallerSessionTags(world: CompiledWorld, fromArn: string, role: IamRole): ConditionalOutcome | undefined {
  for (const statement of world.trustDocumentFor(role).statements) {
    if (statement.effect !== 'Allow') continue;
    const tags: ContextEntry[] = [];
    for (const clause of statement.conditionClauses) {
      if (!isPrincipalTagKey(clause.key)) continue;
      const entry = witnessEntry(clause, 'satisfy');
      if (entry && entry.type === 'string' && !tags.some((tag) => tag.key.toLowerCase() === clause.key.toLowerCase())) tags.push(entry);
    }
    if (tags.length === 0) continue;
    let outcome: ConditionalOutcome;
    try {
      outcome = evaluateWithWitness(world, assumeRequest(fromArn, role.arn, tags));
    } catch {
      continue; // a tag AWS would refuse as a session tag (its key or value pattern) cannot be passed
    }
    if (outcome.decision !== 'denied') return { decision: 'conditional', result: outcome.result, supplied: [...tags, ...outcome.supplied] };
  }
  return undefined;
}

/** The longest session an edge into the role gives: one hour when the source is a role session (chaining). */
export function edgeSessionSeconds(fromIsRole: boolean, role: IamRole): number {
  return fromIsRole ? CHAINED_SESSION_SECONDS : role.maxSessionDuration ?? DEFAULT_MAX_SESSION;
}

/** The extra authorizations (sts:TagSession, sts:SetSourceIdentity) an assumption with this supplied context needs. */
export function extraActionsFor(supplied: readonly ContextEntry[]): ('sts:TagSession' | 'sts:SetSourceIdentity')[] {
  const actions: ('sts:TagSession' | 'sts:SetSourceIdentity')[] = [];
  if (supplied.some((entry) => isSessionTagKey(entry.key))) actions.push('sts:TagSession');
  if (supplied.some((entry) => isSourceIdentityKey(entry.key))) actions.push('sts:SetSourceIdentity');
  return actions;
}

/**
 * The edge from an AWS service or an identity provider, pushed onto the store's open segment: no IAM identity to
 * evaluate, so the trust policy's Allow statement decides; its condition keys (aws:SourceAccount, SAML audience, ...)
 * are what the caller must present.
 */
export function pushNonIamEdge(world: CompiledWorld, out: EdgeStore, fromId: string, role: IamRole, target: NonIamTarget): void {
  const statement = world.trustDocumentFor(role).statements[target.statementIndex];
  const conditions = statement ? statementConditions(statement) : NO_CONDITIONS;
  out.pushStatementEdge(fromId, target.action, conditions, target.statementIndex, target.sid, role.maxSessionDuration ?? DEFAULT_MAX_SESSION);
}

const NO_CONDITIONS: EdgeCondition[] = [];
// One list per compiled statement: 60,000 service roles trusting lambda.amazonaws.com share one (empty) list.
const conditionsByStatement = new WeakMap<CompiledStatement, EdgeCondition[]>();

function statementConditions(statement: CompiledStatement): EdgeCondition[] {
  let conditions = conditionsByStatement.get(statement);
  if (!conditions) {
    conditions = statement.conditionClauses.map((clause) => ({ kind: edgeConditionKind(clause.key), key: clause.key, values: [...clause.values], mustSupply: true }));
    conditionsByStatement.set(statement, conditions);
  }
  return conditions;
}

/** The engine's result for an edge, replayed with the context it needs (for the edge panel and who-can traces). */
export function explainEdge(world: CompiledWorld, edge: AssumeEdge): EvaluationResult | undefined {
  if (!edge.evaluated) return undefined;
  const caller = edge.callerSessionName === undefined ? edge.from : roleSessionArn(edge.from, edge.callerSessionName) ?? edge.from;
  return evaluateWithWitness(world, assumeRequest(caller, edge.to, edge.suppliedContext)).result;
}

function trustRecords(result: EvaluationResult): MatchedStatement[] {
  return result.trace.filter((layer) => layer.layer === 'trust').flatMap((layer) => layer.matched);
}

function edgeStatement(record: MatchedStatement): EdgeStatement {
  return { policyId: record.policyId, statementIndex: record.statementIndex, ...(record.sid !== undefined ? { sid: record.sid } : {}) };
}

/** Organization keys a matching trust Allow required: decided by AWS for the caller, reported so the edge says why it holds. */
function organizationConditions(world: CompiledWorld, role: IamRole, records: readonly MatchedStatement[]): EdgeCondition[] {
  const conditions: EdgeCondition[] = [];
  const trust = world.trustPolicyFor(role).document.statements;
  for (const record of records) {
    if (record.effect !== 'Allow') continue;
    for (const clause of trust[record.statementIndex]?.conditionClauses ?? []) {
      if (isOrganizationKey(clause.key)) conditions.push({ kind: 'organization', key: clause.key, values: [...clause.values], mustSupply: false });
    }
  }
  return conditions;
}
