// The request bar's form as plain data, and the API inputs it becomes. Pure: no React, no fetching.
import type { SimulationRequest } from '@/server/schemas/simulation';

/** Context value types the form offers (simulate-principal-policy's ContextKeyType, lower-case). */
export const CONTEXT_TYPES = ['string', 'stringList', 'boolean', 'numeric', 'ip', 'ipList', 'date', 'arn'] as const;
/** A context value type the form offers ("arn" is sent as a string: IAM compares ARNs as strings). */
export type ContextFormType = (typeof CONTEXT_TYPES)[number];

/** One context row of the form; list types take comma-separated values. */
export interface ContextRow {
  /** Stable row key for React. */
  id: number;
  key: string;
  value: string;
  type: ContextFormType;
}

/** Who makes the request. */
export type PrincipalChoice =
  | { kind: 'principal'; arn: string }
  /** "A principal in account X", for every account: the root user, or a role or user of that name where it exists. */
  | { kind: 'each-account'; principal: 'root' | 'role' | 'user'; name: string };

/**
 * One session tag of the form: a tag passed to the AssumeRole call that created the session, or (transitive) one
 * inherited from an earlier session of a role chain, which the session cannot override (id_session-tags.html).
 */
export interface SessionTagRow {
  /** Stable row key for React. */
  id: number;
  key: string;
  value: string;
  transitive: boolean;
}

/** The whole form. */
export interface EffectiveForm {
  principal: PrincipalChoice;
  action: string;
  resource: string;
  context: ContextRow[];
  /** Session tags of the role session making the request (role principals only). */
  sessionTags: SessionTagRow[];
}

/** Presets for the context rows people add most, with the key AWS uses. */
export const CONTEXT_PRESETS: readonly { label: string; key: string; type: ContextFormType; placeholder: string }[] = [
  { label: 'Region', key: 'aws:RequestedRegion', type: 'string', placeholder: 'eu-west-1' },
  { label: 'MFA', key: 'aws:MultiFactorAuthPresent', type: 'boolean', placeholder: 'true' },
  { label: 'Source IP', key: 'aws:SourceIp', type: 'ip', placeholder: '203.0.113.10' },
  { label: 'VPC endpoint', key: 'aws:SourceVpce', type: 'string', placeholder: 'vpce-0123456789abcdef0' },
  { label: 'Principal tag', key: 'aws:PrincipalTag/', type: 'string', placeholder: 'tag value' },
  { label: 'Resource tag', key: 'aws:ResourceTag/', type: 'string', placeholder: 'tag value' },
  { label: 'Secure transport', key: 'aws:SecureTransport', type: 'boolean', placeholder: 'true' },
  { label: 'Custom key', key: '', type: 'string', placeholder: 'value' },
];

/** A problem that stops the form from running, with what to do. */
export interface FormProblem {
  field: 'principal' | 'action' | 'resource' | 'context' | 'sessionTags';
  message: string;
}

const ACTION_PATTERN = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

/** What is missing or malformed in the form, in the order the fields appear; empty when it can run. */
export function formProblems(form: EffectiveForm): FormProblem[] {
  const problems: FormProblem[] = [];
  if (form.principal.kind === 'principal' && form.principal.arn.trim() === '') {
    problems.push({ field: 'principal', message: 'Choose a principal, or "a principal in each account".' });
  }
  if (form.principal.kind === 'each-account' && form.principal.principal !== 'root' && form.principal.name.trim() === '') {
    problems.push({ field: 'principal', message: `Name the ${form.principal.principal} to look for in each account.` });
  }
  if (!ACTION_PATTERN.test(form.action.trim())) {
    problems.push({ field: 'action', message: 'Enter an action as "service:Action", e.g. s3:GetObject.' });
  }
  if (form.resource.trim() === '') problems.push({ field: 'resource', message: 'Enter a resource ARN, or * for any.' });
  for (const row of form.context) {
    if (row.key.trim() === '' || row.key.trim().endsWith('/')) {
      problems.push({ field: 'context', message: `Complete the context key "${row.key || '(empty)'}" (e.g. aws:PrincipalTag/team).` });
    }
  }
  if (form.sessionTags.length > 0 && !isRolePrincipal(form.principal)) {
    problems.push({ field: 'sessionTags', message: 'Session tags belong to role sessions: choose a role (or a role session) as the principal, or remove them.' });
  }
  for (const row of form.sessionTags) {
    if (row.key.trim() === '') problems.push({ field: 'sessionTags', message: 'Give every session tag a key (e.g. team).' });
  }
  return problems;
}

const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const SESSION_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

/** True when the principal makes requests as a role session (a role, a role session, or "the role X in each account"). */
function isRolePrincipal(principal: PrincipalChoice): boolean {
  if (principal.kind === 'each-account') return principal.principal === 'role';
  const arn = principal.arn.trim();
  return ROLE_ARN.test(arn) || SESSION_ARN.test(arn);
}

/** The role ARN behind a role or role-session ARN (a session ARN carries no path: the role is named at "/"). */
function roleArnOf(principalArn: string): string | undefined {
  const arn = principalArn.trim();
  if (ROLE_ARN.test(arn)) return arn;
  const session = SESSION_ARN.exec(arn);
  return session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : undefined;
}

/**
 * The request's session tags as the API takes them: the tags passed to the session's AssumeRole call
 * (`sessionTags`), and the transitive ones as an earlier call of a role chain that set them transitive (`roleChain`).
 * The form does not ask which role that earlier call assumed; the chain's hop names the session's own role, which
 * AWS allows (a role session may assume its role again) and which does not change how the tags apply.
 */
export function sessionTagFields(rows: readonly SessionTagRow[], roleArn: string | undefined): Pick<SimulationRequest, 'sessionTags' | 'roleChain'> {
  const filled = rows.filter((row) => row.key.trim() !== '').map((row) => ({ key: row.key.trim(), value: row.value, transitive: row.transitive }));
  if (filled.length === 0) return {};
  const own = filled.filter((tag) => !tag.transitive).map(({ key, value }) => ({ key, value }));
  const inherited = filled.filter((tag) => tag.transitive).map(({ key, value }) => ({ key, value }));
  return {
    sessionTags: own,
    ...(inherited.length > 0 && roleArn !== undefined
      ? { roleChain: [{ roleArn, tags: inherited, transitiveTagKeys: inherited.map((tag) => tag.key) }] }
      : {}),
  };
}

/** The API's context entries for the form's rows; list types split on commas, "arn" travels as a string. */
export function contextEntries(rows: readonly ContextRow[]): SimulationRequest['context'] {
  return rows
    .filter((row) => row.key.trim() !== '')
    .map((row) => {
      const isList = row.type.endsWith('List');
      const values = isList ? row.value.split(',').map((part) => part.trim()).filter((part) => part !== '') : [row.value.trim()];
      return { key: row.key.trim(), values, type: row.type === 'arn' ? 'string' : row.type };
    });
}

/** The resource for one account: "${AccountId}" in the form's resource stands for each account's id. */
export function resourceFor(resource: string, accountId: string): string {
  return resource.trim().split('${AccountId}').join(accountId);
}

/**
 * For a chosen principal, one request per member account: the principal acting on the resource in that
 * account (resourceAccount), so every card answers "may this principal do it there?".
 */
export function requestsPerAccount(form: EffectiveForm & { principal: { kind: 'principal' } }, accountIds: readonly string[]): SimulationRequest[] {
  const context = contextEntries(form.context);
  const tags = sessionTagFields(form.sessionTags, roleArnOf(form.principal.arn));
  return accountIds.map((accountId) => ({
    principalArn: form.principal.arn.trim(),
    action: form.action.trim(),
    resource: resourceFor(form.resource, accountId),
    resourceAccount: accountId,
    context,
    ...tags,
  }));
}

/** A one-line description of the request, for headings and export titles. */
export function describeForm(form: EffectiveForm): string {
  const who = form.principal.kind === 'principal'
    ? form.principal.arn
    : form.principal.principal === 'root' ? 'the root user of each account' : `${form.principal.principal} ${form.principal.name} in each account`;
  const tags = form.sessionTags.filter((row) => row.key.trim() !== '');
  const tagged = tags.length > 0 ? ` with session tag${tags.length === 1 ? '' : 's'} ${tags.map((row) => `${row.key.trim()}=${row.value}`).join(', ')}` : '';
  return `${who}${tagged} → ${form.action.trim()} on ${form.resource.trim() || '*'}`;
}
