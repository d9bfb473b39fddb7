// The SCP matrix's decisions in words and colours: labels, the "why" sentence of an action. Pure: it only reads
// what the engine returned (server/engine/analysis/scp-action-matrix.ts).
import type { MatrixActionRow, MatrixDecisionName } from '@/server/schemas/analysis';

/** The matrix's decisions, in the order the totals, columns and filter show them. */
export const MATRIX_DECISION_ORDER: readonly MatrixDecisionName[] = ['allowed', 'denied', 'deniedExcept', 'allowedExcept', 'conditional'];

/** Short labels for chips and column headings. */
export const MATRIX_DECISION_LABELS: Readonly<Record<MatrixDecisionName, string>> = {
  allowed: 'allowed',
  denied: 'denied',
  deniedExcept: 'denied except…',
  allowedExcept: 'allowed except…',
  conditional: 'conditional',
};

/** What each decision means, for tooltips. */
export const MATRIX_DECISION_HINTS: Readonly<Record<MatrixDecisionName, string>> = {
  allowed: 'Every level of the path allows the action and no SCP denies it.',
  denied: 'An SCP denies it, or a level of the path has no SCP that allows it, for every principal of the account.',
  deniedExcept: 'Denied for every principal of the account except those matching a pattern on keys fixed for each principal (aws:PrincipalArn, aws:PrincipalTag/…).',
  allowedExcept: 'Allowed, except for principals matching a pattern on keys fixed for each principal.',
  conditional: 'Depends on a key the request supplies (aws:RequestedRegion, …) or on the resource: enter it to settle it.',
};

/** Why an action has its answer, in words: the denying level and policy, the exempted principals, or what it depends on. */
export function whyText(row: MatrixActionRow): string {
  const rules = row.serviceRules?.map((rule) => `${rule.effect === 'decides' ? 'Service rule' : 'Service rule (note)'}: ${rule.title} — ${rule.note}`) ?? [];
  return [scpWhyText(row), ...rules].filter(Boolean).join('. ');
}

/** The SCPs' part of the explanation. */
function scpWhyText(row: MatrixActionRow): string {
  const except = row.exceptions?.map((exception) => exception.principals) ?? [];
  if (row.decision === 'allowedExcept') return `Denied only to principals matching ${except.join(' or ')} (${citation(row.exceptions![0])})`;
  if (row.deniedBy?.kind === 'serviceRule') return '';
  if (row.deniedBy) {
    const where = `${row.deniedBy.level.targetName} (${row.deniedBy.level.kind})`;
    const denied = row.deniedBy.kind === 'noAllow'
      ? `No SCP at ${where} allows it`
      : `Denied by ${row.deniedBy.policyName ?? row.deniedBy.policyId} (${row.deniedBy.sid ? `Sid ${row.deniedBy.sid}` : `statement ${(row.deniedBy.statementIndex ?? 0) + 1}`}) at ${where}`;
    return row.decision === 'deniedExcept' ? `${denied}, except for principals matching ${except.join(' and ')}` : denied;
  }
  if (row.dependsOn) {
    const keys = row.dependsOn.conditionKeys.length > 0 ? `conditions on ${row.dependsOn.conditionKeys.join(', ')}` : '';
    const resources = row.dependsOn.resourceSpecific ? 'specific resources' : '';
    return `Depends on ${[keys, resources].filter(Boolean).join(' and ')}`;
  }
  return '';
}

function citation(exception: NonNullable<MatrixActionRow['exceptions']>[number]): string {
  return `${exception.policyName}${exception.sid ? `, Sid ${exception.sid}` : ''} at ${exception.level.targetName}`;
}
