// One sentence for people saying why a decision came out as it did, naming the deciding policy and level.

import type { Decision, LayerTrace, ReasonCode } from '../types';
import { RULES_SUMMARIZED_BY_NOTE } from '../service-rules/rules';

const PHRASES: Record<ReasonCode, string> = {
  'scp-deny': 'an SCP denies it',
  'rcp-deny': 'an RCP denies it',
  'identity-deny': 'an identity-based policy denies it',
  'resource-deny': 'the resource-based policy denies it',
  'boundary-deny': 'the permissions boundary denies it',
  'session-deny': 'the session policy denies it',
  'trust-deny': 'the role trust policy denies it',
  'key-policy-deny': 'the KMS key policy denies it',
  'vpc-endpoint-deny': 'the policy of the VPC endpoint the request goes through denies it',
  'vpc-endpoint-no-allow': 'the policy of the VPC endpoint the request goes through does not allow it',
  'scp-no-allow': 'no SCP allows it at every level of the account path',
  'rcp-no-allow': 'no RCP allows it at every level of the resource account path',
  'no-allow': 'neither an identity-based nor a resource-based policy allows it',
  'identity-no-allow': 'no identity-based policy allows it',
  'resource-no-allow': 'the resource-based policy does not allow this principal (cross-account access needs both sides)',
  'boundary-no-allow': 'the permissions boundary does not allow it',
  'session-no-allow': 'the session policy does not allow it',
  'trust-no-allow': 'the role trust policy does not allow this principal',
  'key-policy-no-allow': 'the KMS key policy does not allow this principal',
  'identity-allow': 'an identity-based policy',
  'resource-allow': 'the resource-side policy',
  'service-rule-allow': 'a documented service rule',
  'service-rule-no-allow': 'a documented service rule refuses it',
};

// The allowed sentence depends only on the reasons (at most three combinations), keyed by the first reason and then
// the second ('' when there is none), so a lookup joins no strings.
const ALLOWED_SENTENCES = new Map<string, Map<string, string>>();

const SERVICE_RESOURCE_NO_ALLOW = 'no resource-based policy grants it to this service, which has no identity-based policies';

/** Build the summary sentence from the decision, its reasons and the trace (`serviceCaller`: an AWS service principal called). */
export function summarize(decision: Decision, reasons: readonly ReasonCode[], trace: readonly LayerTrace[], serviceCaller = false): string {
  // A service rule's sentence names the rule, so it is not one of the cached sentences.
  if (decision === 'allowed' && reasons.includes('service-rule-allow')) return serviceRuleAllowedSentence(reasons, trace);
  if (decision === 'allowed' && reasons.length <= 2) {
    const first = reasons[0] ?? '';
    const second = reasons[1] ?? '';
    let byFirst = ALLOWED_SENTENCES.get(first);
    if (byFirst === undefined) ALLOWED_SENTENCES.set(first, (byFirst = new Map()));
    let sentence = byFirst.get(second);
    if (sentence === undefined) {
      sentence = allowedSentence(reasons);
      byFirst.set(second, sentence);
    }
    return sentence;
  }
  if (decision === 'allowed') return allowedSentence(reasons);
  // An AWS service principal has no identity side: the resource-based policy alone would have granted, so "both sides"
  // does not apply.
  const parts = reasons.map((reason) => (reason === 'vpc-endpoint-no-allow' ? endpointNoAllow(trace) : (serviceCaller && reason === 'resource-no-allow' ? SERVICE_RESOURCE_NO_ALLOW : PHRASES[reason]) + where(reason, trace)));
  return `${decision === 'explicitDeny' ? 'Explicitly denied' : 'Implicitly denied'}: ${parts.join('; ')}.`;
}

/** The endpoint layer's own note ("the VPC endpoint vpce-… policy does not allow …"), which names the endpoint. */
function endpointNoAllow(trace: readonly LayerTrace[]): string {
  return trace.find((step) => step.layer === 'vpcEndpoint')?.note ?? PHRASES['vpc-endpoint-no-allow'];
}

function serviceRuleAllowedSentence(reasons: readonly ReasonCode[], trace: readonly LayerTrace[]): string {
  const rule = trace.find((step) => step.layer === 'service' && step.outcome === 'allow')?.rule;
  const others = reasons.filter((reason) => reason !== 'service-rule-allow').map((reason) => PHRASES[reason]);
  const also = others.length > 0 ? ` It is also granted by ${others.join(' and ')}.` : '';
  // The rule's page is in the trace step (rule.doc); the sentence stays short enough for the trace panel.
  return `Allowed by a documented service rule: ${rule ? rule.title : 'see the service step of the trace'}.${also}`;
}

function allowedSentence(reasons: readonly ReasonCode[]): string {
  return `Allowed: granted by ${reasons.map((reason) => PHRASES[reason]).join(' and ')}, and no policy denies it.`;
}

/** " (policy X, statement Sid, at OU Y)" for the first trace entry behind a reason, when there is one. */
function where(reason: ReasonCode, trace: readonly LayerTrace[]): string {
  if (reason === 'service-rule-no-allow') {
    const step = trace.find((candidate) => candidate.layer === 'service' && candidate.outcome === 'noMatch');
    if (step?.rule && RULES_SUMMARIZED_BY_NOTE.has(step.rule.id) && step.note) return `: ${step.note}`;
    return step?.rule ? `: ${step.rule.title}` : '';
  }
  const layer = LAYER_OF[reason];
  if (!layer) return '';
  if (reason.endsWith('-deny')) {
    const entry = trace.find((candidate) => candidate.layer === layer && candidate.outcome === 'deny');
    const statement = entry?.matched.find((matched) => matched.effect === 'Deny');
    if (!entry || !statement) return '';
    const level = entry.level ? ` at ${entry.level.kind === 'account' ? 'account' : entry.level.kind === 'root' ? 'the root' : 'OU'} ${entry.level.kind === 'root' ? '' : entry.level.targetName}`.trimEnd() : '';
    const control = statement.control ? `, Control Tower control ${statement.control.identifier} "${statement.control.name}"` : '';
    return ` (${statement.policyName}${statement.sid ? `, statement ${statement.sid}` : `, statement #${statement.statementIndex}`}${control}${level})`;
  }
  if (reason === 'scp-no-allow' || reason === 'rcp-no-allow') {
    const gaps = trace.filter((candidate) => candidate.layer === layer && candidate.level && candidate.outcome === 'noMatch');
    if (gaps.length === 0) return '';
    return ` (missing at ${gaps.map((gap) => gap.level!.targetName).join(', ')})`;
  }
  return '';
}

const LAYER_OF: Partial<Record<ReasonCode, LayerTrace['layer']>> = {
  'scp-deny': 'scp', 'rcp-deny': 'rcp', 'identity-deny': 'identity', 'resource-deny': 'resource', 'boundary-deny': 'boundary',
  'session-deny': 'session', 'trust-deny': 'trust', 'key-policy-deny': 'keyPolicy', 'scp-no-allow': 'scp', 'rcp-no-allow': 'rcp',
  'vpc-endpoint-deny': 'vpcEndpoint', 'vpc-endpoint-no-allow': 'vpcEndpoint',
};
