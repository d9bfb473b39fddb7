// Validate a policy for a given kind, in the manner of IAM Access Analyzer's ValidatePolicy: grammar errors from
// the parser, then the rules of the kind (where Principal and Resource may appear, SCP and RCP limits), size
// quotas, and warnings about what is legal but probably wrong.
// Kind rules: IAM User Guide reference_policies_elements_principal.html (Principal only in resource-based and trust
// policies), reference_policies_elements_resource.html; Organizations orgs_manage_policies_scps_syntax.html (since
// September 2025 the full IAM language except Principal/NotPrincipal) and orgs_manage_policies_rcps_syntax.html.
// Principal values: principal-rules.ts.
import type { Catalog } from '../catalog/types';
import { DEFAULT_POLICY_QUOTAS, QUOTAS_IGNORING_WHITESPACE, type PolicyQuotas } from '../quotas';
import type { Finding, PolicyKind, PolicySource, PrincipalType, Statement } from '../types';
import { containsPolicyVariable } from './condition-values';
import { finding, pathIndex, pathKey } from './finding';
import { analysePolicy, type ReadStatement } from './parse';
import { describeInvalidPrincipal, describeUnmatchablePrincipal } from './principal-rules';
import { describeInvalidResource } from './resource-rules';
import { isRcpSupportedService } from './rcp-services';

/** Which IAM size quota an IDENTITY document counts against. */
export type IdentityPolicyContainer = 'managed' | 'user-inline' | 'role-inline' | 'group-inline';

/** Options for validatePolicy. */
export interface ValidatePolicyOptions {
  /** Override some size quotas (characters). */
  quotas?: Partial<PolicyQuotas>;
  /**
   * True for AWS-managed policies (FullAWSAccess, RCPFullAWSAccess, arn:aws:iam::aws:policy/…), which may use what
   * custom ones cannot and count against no size quota.
   */
  awsManaged?: boolean;
  /** The action catalogue; without it, unknown services, actions and global condition keys are not reported. */
  catalog?: Catalog;
  /** For IDENTITY documents: managed policy (default) or an entity's inline policies. */
  identityContainer?: IdentityPolicyContainer;
}

/** Kinds where a statement must name who it applies to. */
const PRINCIPAL_REQUIRED: ReadonlySet<PolicyKind> = new Set<PolicyKind>(['RESOURCE', 'TRUST', 'RCP']);
/** Kinds where Principal and NotPrincipal are forbidden (the principal is whoever the policy is attached to). */
const PRINCIPAL_FORBIDDEN: ReadonlySet<PolicyKind> = new Set<PolicyKind>(['IDENTITY', 'SESSION', 'SCP']);
/** Kinds that only restrict: "Allow" there grants nothing, so NotAction/NotResource in Allow is not a grant risk. */
const GUARDRAIL_KINDS: ReadonlySet<PolicyKind> = new Set<PolicyKind>(['SCP', 'RCP']);
/** Kinds IAM stores (IAM's own character set and whitespace-free size counting apply). */
const IAM_KINDS: ReadonlySet<PolicyKind> = new Set<PolicyKind>(['IDENTITY', 'TRUST', 'SESSION']);

/** The actions a role trust policy can meaningfully allow (id_roles_terms-and-concepts.html, id_session-tags.html). */
const TRUST_POLICY_ACTIONS = new Set([
  'sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession',
  'sts:setsourceidentity', 'sts:setcontext',
]);

const SID_FORMAT = /^[A-Za-z0-9]*$/;
// IAM accepts tab, line feed, carriage return and U+0020..U+00FF in policy documents (reference_iam-quotas.html).
const IAM_INVALID_CHARACTER = /[^\t\n\r\u0020-\u00ff]/u;

/** Validate a policy document for a kind. Never throws; returns findings in document order. */
export function validatePolicy(source: PolicySource, kind: PolicyKind, options: ValidatePolicyOptions = {}): Finding[] {
  const analysis = analysePolicy(source);
  const findings = [...analysis.findings];
  const text = analysis.text ?? safeStringify(source);

  if (text !== undefined) {
    // The size quotas limit what a customer creates (reference_iam-quotas.html: "managed policy size" is the
    // customer-managed policy quota; orgs_reference_limits.html: policies you create). AWS publishes its own managed
    // policies far above them: ReadOnlyAccess and AWSSupportServiceRolePolicy run to tens of thousands of characters.
    if (options.awsManaged !== true) checkSize(text, kind, options, findings);
    if (IAM_KINDS.has(kind)) {
      const bad = IAM_INVALID_CHARACTER.exec(text);
      if (bad) {
        const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        findings.push(finding('INVALID_CHARACTER', 'error',
          `IAM policy documents may contain only tab, line feed, carriage return and U+0020 to U+00FF; found U+${code}.`, '$'));
      }
    }
  }
  if (!analysis.tree || analysis.tree.kind !== 'object') return findings;

  checkVersion(analysis.tree.members.some((m) => m.key === 'Version'), analysis.versionWritten, kind, findings);
  checkSids(analysis.statements, kind, findings);
  const variablesSupported = analysis.versionWritten === '2012-10-17';
  for (const read of analysis.statements) {
    checkKindRules(read, kind, options, findings);
    if (kind !== 'TRUST') checkResourceValues(read, kind, findings);
    checkRiskyPatterns(read, kind, findings);
    if (options.catalog) checkAgainstCatalog(read, options.catalog, findings);
    if (!variablesSupported) checkPolicyVariables(read, analysis.versionWritten, findings);
  }
  return findings;
}

function checkSize(text: string, kind: PolicyKind, options: ValidatePolicyOptions, findings: Finding[]): void {
  const quotaName = quotaFor(kind, options.identityContainer ?? 'managed');
  const limit = options.quotas?.[quotaName] ?? DEFAULT_POLICY_QUOTAS[quotaName];
  const ignoresWhitespace = QUOTAS_IGNORING_WHITESPACE.has(quotaName);
  // Characters, not UTF-16 units: a policy with an emoji counts it once.
  const size = codePointCount(ignoresWhitespace ? text.replace(/\s/g, '') : text);
  if (size > limit) {
    findings.push(finding('POLICY_SIZE_EXCEEDED', 'error',
      `The policy has ${size} characters${ignoresWhitespace ? ' (whitespace not counted)' : ' (whitespace counts)'}; ` +
      `the ${quotaName} quota is ${limit}.`, '$'));
  }
}

/**
 * The number of Unicode code points (as `[...text].length` counts them: a surrogate pair once, a lone surrogate once),
 * without building an array of one string per character (which made large documents slow to validate).
 */
function codePointCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** The size quota that applies to a document of this kind. */
export function quotaFor(kind: PolicyKind, container: IdentityPolicyContainer = 'managed'): keyof PolicyQuotas {
  switch (kind) {
    case 'SCP': return 'SERVICE_CONTROL_POLICY';
    case 'RCP': return 'RESOURCE_CONTROL_POLICY';
    case 'TRUST': return 'IAM_ROLE_TRUST_POLICY';
    case 'SESSION': return 'STS_SESSION_POLICY';
    case 'RESOURCE': return 'RESOURCE_POLICY';
    case 'IDENTITY':
      return ({
        managed: 'IAM_MANAGED_POLICY', 'user-inline': 'IAM_USER_INLINE_POLICIES',
        'role-inline': 'IAM_ROLE_INLINE_POLICIES', 'group-inline': 'IAM_GROUP_INLINE_POLICIES',
      } as const)[container];
  }
}

function checkVersion(present: boolean, written: string | undefined, kind: PolicyKind, findings: Finding[]): void {
  const orgPolicy = kind === 'SCP' || kind === 'RCP';
  if (!present) {
    if (orgPolicy) {
      findings.push(finding('MISSING_VERSION', 'error', `Every ${kind} must have "Version": "2012-10-17".`, '$'));
    } else {
      findings.push(finding('MISSING_VERSION', 'warning',
        'No Version element: IAM applies the 2008-10-17 language, without policy variables. Add "Version": "2012-10-17".', '$'));
    }
  } else if (orgPolicy && written === '2008-10-17') {
    findings.push(finding('INVALID_VERSION', 'error', `An ${kind} must use "Version": "2012-10-17".`, '$.Version'));
  }
}

function checkSids(statements: ReadStatement[], kind: PolicyKind, findings: Finding[]): void {
  // IAM and Organizations enforce the Sid rules; resource policies follow each service's own rules (S3 and SNS
  // accept other characters), so there they are only warnings.
  const severity = kind === 'RESOURCE' ? 'warning' : 'error';
  const seen = new Set<string>();
  for (const { statement, path } of statements) {
    if (statement.sid === undefined) continue;
    const sidPath = pathKey(path, 'Sid');
    if (!SID_FORMAT.test(statement.sid)) {
      findings.push(finding('INVALID_SID', severity,
        `Sid "${statement.sid}" may contain only ASCII letters and digits (reference_policies_elements_sid.html).`, sidPath));
    }
    if (statement.sid !== '' && seen.has(statement.sid)) {
      findings.push(finding('DUPLICATE_SID', severity, `Sid "${statement.sid}" is used by more than one statement; Sids must be unique.`, sidPath));
    }
    seen.add(statement.sid);
  }
}

function checkKindRules(read: ReadStatement, kind: PolicyKind, options: ValidatePolicyOptions, findings: Finding[]): void {
  const { statement, path, effectKnown } = read;
  const hasPrincipal = statement.principal !== undefined;
  const hasNotPrincipal = statement.notPrincipal !== undefined;
  const hasResource = statement.resource !== undefined || statement.notResource !== undefined;
  const isAllow = effectKnown && statement.effect === 'Allow';

  if (PRINCIPAL_FORBIDDEN.has(kind)) {
    const codePrefix = kind === 'SCP' ? 'SCP_' : '';
    if (hasPrincipal) {
      findings.push(finding(`${codePrefix}PRINCIPAL_NOT_ALLOWED`, 'error',
        `${capitalised(kindName(kind))} cannot have a Principal element: it applies to the principals it is attached to.`, pathKey(path, 'Principal')));
    }
    if (hasNotPrincipal) {
      findings.push(finding(`${codePrefix}NOT_PRINCIPAL_NOT_ALLOWED`, 'error',
        `${capitalised(kindName(kind))} cannot have a NotPrincipal element.`, pathKey(path, 'NotPrincipal')));
    }
  }
  if (PRINCIPAL_REQUIRED.has(kind) && !hasPrincipal && !hasNotPrincipal && read.valid) {
    findings.push(finding('MISSING_PRINCIPAL', 'error', `Each statement of ${kindName(kind)} must name a Principal.`, path));
  }

  // Where NotPrincipal may appear, per the current reference_policies_elements_notprincipal.html: only with Deny
  // (Allow is no longer supported), in the resource-based policies of the services that support it, and neither in
  // identity-based policies nor in role trust policies (older versions of the page still allowed trust policies).
  // Identity, session and SCP kinds are refused above, RCPs in checkRcpRules and trust policies below, so each
  // misplaced NotPrincipal gets one finding.
  // The parser still reads NotPrincipal with Allow, because policies written before that change exist and AWS keeps
  // evaluating them (everyone but the listed principals is allowed).
  if (hasNotPrincipal && isAllow && kind === 'RESOURCE') {
    findings.push(finding('NOT_PRINCIPAL_WITH_ALLOW', 'error',
      'NotPrincipal is only supported with "Effect": "Deny" (reference_policies_elements_notprincipal.html); name the principals in Principal instead.',
      pathKey(path, 'NotPrincipal')));
  }
  // Values are checked only where the element itself is accepted, so a refused element gets one finding.
  if (kind === 'RESOURCE' || kind === 'TRUST') checkPrincipalValues(statement.principal, pathKey(path, 'Principal'), findings);
  if (kind === 'RESOURCE') checkPrincipalValues(statement.notPrincipal, pathKey(path, 'NotPrincipal'), findings);

  if (kind === 'TRUST') {
    if (hasNotPrincipal) {
      findings.push(finding('NOT_PRINCIPAL_NOT_ALLOWED', 'error',
        'A role trust policy cannot use NotPrincipal (reference_policies_elements_notprincipal.html); use Principal with a Condition on aws:PrincipalArn.',
        pathKey(path, 'NotPrincipal')));
    }
    if (hasResource) {
      findings.push(finding('RESOURCE_NOT_ALLOWED', 'error',
        'A role trust policy has no Resource or NotResource element: the resource is the role itself.',
        pathKey(path, statement.resource ? 'Resource' : 'NotResource')));
    }
    statement.action?.forEach((action, i) => {
      if (action === '*' || action.toLowerCase() === 'sts:*' || TRUST_POLICY_ACTIONS.has(action.toLowerCase())) return;
      findings.push(finding('TRUST_POLICY_UNSUPPORTED_ACTION', 'warning',
        `"${action}" has no effect in a trust policy: only sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity and sts:SetContext are checked there.`,
        elementPath(path, 'Action', statement.action!, i)));
    });
  } else if (!hasResource && read.valid) {
    if (kind === 'SCP') {
      findings.push(finding('MISSING_RESOURCE', 'warning',
        'The statement has no Resource element; write "Resource": "*" to make the scope explicit.', path));
    } else {
      findings.push(finding('MISSING_RESOURCE', 'error', `Each statement of ${kindName(kind)} needs a Resource or NotResource element.`, path));
    }
  }

  if (kind === 'SCP' && isAllow) checkLegacyScpGrammar(statement, path, findings);
  if (kind === 'RCP') checkRcpRules(read, options.awsManaged === true, findings);
}

/**
 * Report every Resource / NotResource value that is neither "*" nor a well-formed ARN. IAM and Organizations refuse
 * them (MalformedPolicyDocument). Resource-based policies are checked by each service with its own rules, and API
 * Gateway accepts its "execute-api:/stage/METHOD/path" shorthand, so a value without "arn:" is only a warning there.
 */
function checkResourceValues(read: ReadStatement, kind: PolicyKind, findings: Finding[]): void {
  const { statement, path } = read;
  for (const element of ['Resource', 'NotResource'] as const) {
    const values = element === 'Resource' ? statement.resource : statement.notResource;
    values?.forEach((value, i) => {
      const problem = describeInvalidResource(value);
      if (!problem) return;
      const severity = kind === 'RESOURCE' && problem.code === 'INVALID_ARN_PREFIX' ? 'warning' : 'error';
      findings.push(finding(problem.code, severity, problem.message, elementPath(path, element, values, i)));
    });
  }
}

/** Report every Principal / NotPrincipal value AWS refuses (partial wildcards, malformed ids and ARNs) or that matches nobody. */
function checkPrincipalValues(block: Statement['principal'], blockPath: string, findings: Finding[]): void {
  if (block === undefined || block === '*') return;
  for (const [type, values] of Object.entries(block) as [PrincipalType, string[]][]) {
    values.forEach((value, i) => {
      const at = elementPath(blockPath, type, values, i);
      const problem = describeInvalidPrincipal(type, value);
      if (problem) {
        findings.push(finding('INVALID_PRINCIPAL', 'error', problem, at));
        return;
      }
      const unmatchable = describeUnmatchablePrincipal(type, value);
      if (unmatchable) findings.push(finding('PRINCIPAL_NEVER_MATCHES', 'warning', unmatchable, at));
    });
  }
}

function checkLegacyScpGrammar(statement: Statement, path: string, findings: Finding[]): void {
  // Before September 2025 SCP Allow statements accepted only Action with trailing wildcards and Resource "*".
  // AWS accepts all of these today; the warning tells people who still deploy to older tooling.
  const legacy = (message: string, at: string) =>
    findings.push(finding('LEGACY_SCP_GRAMMAR', 'warning', `${message} (accepted since September 2025; the older SCP grammar rejected it).`, at));
  if (statement.conditions.length > 0) legacy('Condition in an Allow statement', pathKey(path, 'Condition'));
  if (statement.notAction) legacy('NotAction in an Allow statement', pathKey(path, 'NotAction'));
  if (statement.notResource) legacy('NotResource in an Allow statement', pathKey(path, 'NotResource'));
  if (statement.resource && statement.resource.some((r) => r !== '*')) legacy('Resource other than "*" in an Allow statement', pathKey(path, 'Resource'));
  statement.action?.forEach((action, i) => {
    const name = action.slice(action.indexOf(':') + 1);
    const inner = name.slice(0, -1);
    if (inner.includes('*') || inner.includes('?')) {
      legacy(`Wildcard inside the action name "${action}"`, elementPath(path, 'Action', statement.action!, i));
    }
  });
}

function checkRcpRules(read: ReadStatement, awsManaged: boolean, findings: Finding[]): void {
  const { statement, path, effectKnown } = read;
  if (effectKnown && statement.effect === 'Allow' && !awsManaged) {
    findings.push(finding('RCP_ALLOW_NOT_ALLOWED', 'error',
      'Custom RCPs can only Deny; "Allow" is reserved for the AWS-managed RCPFullAWSAccess.', pathKey(path, 'Effect')));
  }
  if (statement.principal !== undefined && statement.principal !== '*') {
    findings.push(finding('RCP_PRINCIPAL_MUST_BE_WILDCARD', 'error',
      'In an RCP the Principal must be "*"; narrow it with conditions such as aws:PrincipalOrgID.', pathKey(path, 'Principal')));
  }
  if (statement.notPrincipal !== undefined) {
    findings.push(finding('RCP_NOT_PRINCIPAL_NOT_ALLOWED', 'error', 'RCPs cannot use NotPrincipal.', pathKey(path, 'NotPrincipal')));
  }
  if (statement.notAction !== undefined) {
    findings.push(finding('RCP_NOT_ACTION_NOT_ALLOWED', 'error', 'RCPs cannot use NotAction.', pathKey(path, 'NotAction')));
  }
  statement.action?.forEach((action, i) => {
    const at = elementPath(path, 'Action', statement.action!, i);
    if (action === '*') {
      if (!awsManaged) {
        findings.push(finding('RCP_ACTION_WILDCARD_NOT_ALLOWED', 'error',
          'Custom RCPs cannot use "Action": "*"; list the supported services\' actions (e.g. "s3:*").', at));
      }
      return;
    }
    const service = action.slice(0, action.indexOf(':'));
    if (!isRcpSupportedService(service)) {
      findings.push(finding('RCP_UNSUPPORTED_SERVICE', 'error',
        `"${action}": RCPs apply only to the RCP-supported services (such as s3, sts, kms, sqs, secretsmanager); "${service}" is not one.`, at));
    }
  });
}

function checkRiskyPatterns(read: ReadStatement, kind: PolicyKind, findings: Finding[]): void {
  const { statement, path, effectKnown } = read;
  if (effectKnown && statement.effect === 'Allow' && !GUARDRAIL_KINDS.has(kind)) {
    if (statement.notAction) {
      findings.push(finding('ALLOW_WITH_NOT_ACTION', 'security_warning',
        'Allow with NotAction grants every action not listed, including actions AWS adds later. List the actions to allow instead.',
        pathKey(path, 'NotAction')));
    }
    if (statement.notResource) {
      findings.push(finding('ALLOW_WITH_NOT_RESOURCE', 'warning',
        'Allow with NotResource grants access to every resource not listed, including new ones. List the resources instead.',
        pathKey(path, 'NotResource')));
    }
  }
  if ((kind === 'RESOURCE' || kind === 'TRUST') && effectKnown && statement.effect === 'Allow'
    && statement.conditions.length === 0 && namesEveryone(statement.principal)) {
    findings.push(finding('PUBLIC_ACCESS', 'security_warning',
      kind === 'TRUST'
        ? 'Principal "*" without a Condition lets anyone, in any AWS account, assume this role.'
        : 'Principal "*" without a Condition grants access to anyone, in any AWS account or anonymous.',
      pathKey(path, 'Principal')));
  }
  if (kind === 'TRUST' && effectKnown && statement.effect === 'Allow') checkGitHubSubject(statement, path, findings);
  if (statement.notAction?.includes('*')) {
    findings.push(finding('STATEMENT_NEVER_MATCHES', 'warning', 'NotAction "*" excludes every action: this statement never applies.', pathKey(path, 'NotAction')));
  }
  if (statement.notResource?.includes('*')) {
    findings.push(finding('STATEMENT_NEVER_MATCHES', 'warning', 'NotResource "*" excludes every resource: this statement never applies.', pathKey(path, 'NotResource')));
  }
  const notPrincipal = statement.notPrincipal;
  if (notPrincipal === '*' || (typeof notPrincipal === 'object' && notPrincipal.AWS?.includes('*'))) {
    findings.push(finding('STATEMENT_NEVER_MATCHES', 'warning', 'NotPrincipal "*" excludes every principal: this statement never applies.', pathKey(path, 'NotPrincipal')));
  }
}

function checkAgainstCatalog(read: ReadStatement, catalog: Catalog, findings: Finding[]): void {
  const { statement, path } = read;
  for (const element of ['Action', 'NotAction'] as const) {
    const actions = element === 'Action' ? statement.action : statement.notAction;
    actions?.forEach((action, i) => {
      if (action === '*') return;
      const at = elementPath(path, element, actions, i);
      const colon = action.indexOf(':');
      if (colon <= 0) return; // malformed actions were reported by the parser
      const service = action.slice(0, colon);
      const name = action.slice(colon + 1);
      if (/[*?]/.test(service)) return; // a wildcard in the service prefix was reported by the parser
      if (!catalog.hasService(service)) {
        findings.push(finding('UNKNOWN_SERVICE', 'warning', `"${service}" is not a known service prefix (in "${action}").`, at));
        return;
      }
      if (!/[*?]/.test(name)) {
        if (!catalog.findAction(action)) {
          findings.push(finding('UNKNOWN_ACTION', 'warning', `"${action}" is not a known action of ${service.toLowerCase()}.`, at));
        }
        return;
      }
      if (catalog.expandAction(action).length === 0) {
        findings.push(finding('UNKNOWN_ACTION', 'warning', `"${action}" matches no known action.`, at));
      }
    });
  }
  for (const clause of statement.conditions) {
    if (!/^aws:/i.test(clause.key) || containsPolicyVariable(clause.key) || catalog.isGlobalConditionKey(clause.key)) continue;
    findings.push(finding('UNKNOWN_GLOBAL_CONDITION_KEY', 'warning',
      `"${clause.key}" is not a documented global condition key (reference_policies_condition-keys.html); it is never present, so the condition is evaluated as for a missing key.`,
      pathKey(pathKey(pathKey(path, 'Condition'), clause.operator), clause.key)));
  }
}

function checkPolicyVariables(read: ReadStatement, version: string | undefined, findings: Finding[]): void {
  const { statement, path } = read;
  const warn = (at: string) => findings.push(finding('POLICY_VARIABLES_NOT_SUPPORTED', 'warning',
    `Policy variables need "Version": "2012-10-17"; with ${version ? `"${version}"` : 'no Version'} "\${...}" is matched literally.`, at));
  for (const element of ['Resource', 'NotResource'] as const) {
    const values = element === 'Resource' ? statement.resource : statement.notResource;
    values?.forEach((value, i) => {
      if (containsPolicyVariable(value)) warn(elementPath(path, element, values, i));
    });
  }
  for (const clause of statement.conditions) {
    if (clause.values.some(containsPolicyVariable)) warn(pathKey(pathKey(pathKey(path, 'Condition'), clause.operator), clause.key));
  }
}

/** True for Principal "*" or {"AWS": "*"}: every principal, in every account. */
/** GitHub's OIDC issuer: every repository on github.com gets tokens signed by it, with the same audience. */
const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/**
 * A role that trusts GitHub's OIDC provider must check the token's subject (repo:ORG/REPO:...): without it, a
 * workflow in any repository on GitHub can assume the role. IAM now refuses to create or update such a trust policy
 * (identity-provider controls for shared OIDC providers, id_roles_providers_oidc_secure-by-default.html), but roles
 * made before that, and designs, can still hold one. A subject matched only by "*" checks nothing either.
 */
function checkGitHubSubject(statement: Statement, path: string, findings: Finding[]): void {
  const principal = statement.principal;
  const federated = typeof principal === 'object' ? principal.Federated ?? [] : [];
  if (!federated.some((provider) => provider === GITHUB_OIDC_HOST || provider.endsWith(`:oidc-provider/${GITHUB_OIDC_HOST}`))) return;
  const subjectKey = `${GITHUB_OIDC_HOST}:sub`;
  const subject = statement.conditions.filter((clause) => clause.key.toLowerCase() === subjectKey);
  const checksSubject = subject.some((clause) => clause.values.some((value) => value.replace(/\*+/g, '*') !== '*'));
  if (checksSubject) return;
  findings.push(finding('OIDC_SUBJECT_NOT_CHECKED', 'security_warning',
    `The role trusts GitHub's OIDC provider without checking ${subjectKey} to one repository or organization: a workflow in any repository on GitHub can assume it. IAM refuses to create or update such a trust policy (id_roles_providers_oidc_secure-by-default.html); add, for example, "StringLike": {"${subjectKey}": "repo:ORG/REPO:*"}.`,
    pathKey(path, subject.length > 0 ? 'Condition' : 'Principal')));
}

function namesEveryone(principal: Statement['principal']): boolean {
  return principal === '*' || (typeof principal === 'object' && principal.AWS?.includes('*') === true);
}

/** Path of one value of a list element: indexed only when the document wrote an array of several. */
function elementPath(statementPath: string, element: string, values: readonly string[], index: number): string {
  const base = pathKey(statementPath, element);
  return values.length > 1 ? pathIndex(base, index) : base;
}

function kindName(kind: PolicyKind): string {
  return ({
    IDENTITY: 'an identity-based policy', RESOURCE: 'a resource-based policy', TRUST: 'a role trust policy',
    SCP: 'an SCP', RCP: 'an RCP', SESSION: 'a session policy',
  } as const)[kind];
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function safeStringify(source: PolicySource): string | undefined {
  try {
    return typeof source === 'string' ? source : JSON.stringify(source);
  } catch {
    return undefined;
  }
}
