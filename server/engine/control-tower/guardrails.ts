// The SCPs Control Tower deploys for a registered OU: every enabled preventive SCP control's statement (its
// real text from the catalogue data, with AWSControlTowerExecution exempted as Control Tower writes it), combined
// into policies named aws-guardrails-<random> that fit the SCP size quota, each statement remembering its control
// so the trace can name it. Pure: the service layer stores and attaches what this returns.
//
// Sources: controlreference/controls.html (preventive controls are SCPs), userguide/limits.html (five SCPs per OU in
// a landing zone), userguide/region-deny.html and ou-region-deny.html (Region deny: governed regions, parameters),
// repost.aws/knowledge-center/control-tower-landing-zone-drift ("Managed SCPs have identifiers that begin with
// aws-guardrails").

import type { ControlOrigin } from '../types';
import { LANDING_ZONE_REGION_DENY_ALIAS, OU_REGION_DENY_ARN, controlLabel, findControl, type CatalogControl } from './catalog';
import { renderPolicyTemplate } from './policy-template';

/** The name prefix of every SCP Control Tower manages. */
export const GUARDRAIL_POLICY_PREFIX = 'aws-guardrails-';

/** A control enabled on an OU, with its EnableControl parameters. */
export interface EnabledControlInput {
  /** Any identifier findControl accepts. */
  controlIdentifier: string;
  /** EnableControl's parameters: [{ key, value }]. */
  parameters?: readonly { key: string; value: unknown }[];
}

/** What the guardrails of an OU depend on besides its controls. */
export interface GuardrailSettings {
  /** The landing zone's governed regions (filled into the landing-zone Region deny). */
  governedRegions: readonly string[];
  /** True when the landing-zone Region deny (AWS-GR_REGION_DENY) is on: it applies to every registered OU. */
  regionDeny: boolean;
  /**
   * The organization the landing zone governs (o-…): Control Tower fills it into the RCP controls' {{OrganizationIds}}
   * (controlreference/list-of-rcp-controls.html). Without it RCP controls are not evaluated.
   */
  organizationId?: string;
}

/** One statement Control Tower deploys, with the control(s) it enforces. */
export interface GuardrailStatement {
  /** The statement as deployed. */
  statement: Record<string, unknown>;
  /** The control it enforces (the first, when several controls share one statement). */
  origin: ControlOrigin;
  /** Other controls whose SCP is this same statement (the guide prints one statement for several CloudTrail controls). */
  alsoEnforces: string[];
}

/** A preventive control that was enabled but whose policy text the data lacks: it is listed, not evaluated. */
export interface UnevaluatedControl {
  /** The control. */
  origin: ControlOrigin;
  /** Why it has no statement. */
  reason: string;
}

/** The origin a trace shows for a control. */
export function controlOrigin(control: CatalogControl): ControlOrigin {
  return { identifier: controlLabel(control), name: control.name };
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return [value];
  return [];
}

function parameter(parameters: EnabledControlInput['parameters'], key: string): unknown {
  return parameters?.find((entry) => entry.key === key)?.value;
}

/** The landing-zone Region deny statement with the governed regions filled in. */
function regionDenyStatement(regions: readonly string[]): Record<string, unknown> {
  const control = findControl(LANDING_ZONE_REGION_DENY_ALIAS)!;
  const template = control.policy!.document.Statement[0] as { Condition: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  return {
    ...template,
    Condition: { ...template.Condition, StringNotEquals: { 'aws:RequestedRegion': [...regions] } },
  };
}

/**
 * CT.MULTISERVICE.PV.1 with its parameters: the landing-zone Region deny's statement with AllowedRegions as the
 * regions, ExemptedActions added to NotAction and ExemptedPrincipalArns added to the exempted principals. Its exact
 * text is not in the data (see data/policy-supplements.json).
 */
function ouRegionDenyStatement(parameters: EnabledControlInput['parameters']): Record<string, unknown> {
  const base = regionDenyStatement(stringList(parameter(parameters, 'AllowedRegions')));
  const notAction = [...(base.NotAction as string[]), ...stringList(parameter(parameters, 'ExemptedActions'))];
  const condition = base.Condition as Record<string, Record<string, unknown>>;
  const exempted = [...stringList(condition.ArnNotLike['aws:PrincipalARN']), ...stringList(parameter(parameters, 'ExemptedPrincipalArns'))];
  return { ...base, Sid: 'CTMULTISERVICEPV1', NotAction: notAction, Condition: { ...condition, ArnNotLike: { 'aws:PrincipalARN': exempted } } };
}

/** A preventive control's statements, rendered from its artifact with the enabled control's parameters. */
function artifactStatements(control: CatalogControl, input: EnabledControlInput, organizationId: string | undefined): Record<string, unknown>[] {
  const artifact = control.artifact!;
  const values: Record<string, string[]> = {};
  for (const entry of input.parameters ?? []) values[entry.key] = stringList(entry.value);
  if (organizationId) values.OrganizationIds = [organizationId];
  const document = JSON.parse(renderPolicyTemplate(artifact.template, values)) as { Statement: Record<string, unknown>[] | Record<string, unknown> };
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

/**
 * The statements Control Tower deploys for these enabled controls: as SCPs (`statements`) and as RCPs
 * (`resourceStatements`), in catalogue order (the landing-zone Region deny last), identical statements once; the EC2
 * policy documents of its EC2 policy (declarative) controls; and the preventive controls lzsim lists but does not
 * evaluate (no policy text in the data, or an RCP without the organization's id), each with the reason.
 */
export function guardrailStatements(
  controls: readonly EnabledControlInput[],
  settings: GuardrailSettings,
): { statements: GuardrailStatement[]; resourceStatements: GuardrailStatement[]; ec2Documents: GuardrailEc2Document[]; unevaluated: UnevaluatedControl[] } {
  const resolved = controls
    .map((input) => ({ input, control: findControl(input.controlIdentifier) }))
    .filter((entry): entry is { input: EnabledControlInput; control: CatalogControl } => entry.control?.behavior === 'PREVENTIVE')
    .sort((a, b) => a.control.arn.localeCompare(b.control.arn));
  const statements: GuardrailStatement[] = [];
  const resourceStatements: GuardrailStatement[] = [];
  const byText = new Map<string, GuardrailStatement>();
  const unevaluated: UnevaluatedControl[] = [];
  const ec2Documents: GuardrailEc2Document[] = [];
  const add = (statement: Record<string, unknown>, control: CatalogControl, into: GuardrailStatement[] = statements) => {
    const key = `${into === statements ? 'SCP' : 'RCP'}${JSON.stringify(statement)}`;
    const existing = byText.get(key);
    if (existing) {
      existing.alsoEnforces.push(controlLabel(control));
      return;
    }
    const entry = { statement, origin: controlOrigin(control), alsoEnforces: [] };
    byText.set(key, entry);
    into.push(entry);
  };
  for (const { input, control } of resolved) {
    if (control.alias === LANDING_ZONE_REGION_DENY_ALIAS) continue; // a landing-zone setting, below
    const type = control.implementation.type;
    if (control.arn === OU_REGION_DENY_ARN) {
      add(ouRegionDenyStatement(input.parameters), control);
    } else if (control.policy && type === 'SCP') {
      for (const statement of control.policy.document.Statement) add(statement, control);
    } else if (control.artifact?.type === 'SCP') {
      for (const statement of artifactStatements(control, input, settings.organizationId)) add(statement, control);
    } else if (control.artifact?.type === 'RCP') {
      if (!settings.organizationId) {
        unevaluated.push({ origin: controlOrigin(control), reason: 'The RCP names the organization (aws:PrincipalOrgID), and this landing zone has no organization id: it is not evaluated.' });
      } else {
        for (const statement of artifactStatements(control, input, settings.organizationId)) add(statement, control, resourceStatements);
      }
    } else if (control.artifact?.type === 'DECLARATIVE_POLICY_EC2') {
      const document = JSON.parse(renderPolicyTemplate(control.artifact.template, {})) as Record<string, unknown>;
      ec2Documents.push({ document, origin: controlOrigin(control) });
    } else if (type === 'SCP' || type === 'RCP' || type === 'DECLARATIVE_POLICY_EC2') {
      unevaluated.push({ origin: controlOrigin(control), reason: `Text unavailable: the data holds no ${type} text for this control, so it is enabled but not evaluated.` });
    }
  }
  if (settings.regionDeny) add(regionDenyStatement(settings.governedRegions), findControl(LANDING_ZONE_REGION_DENY_ALIAS)!);
  return { statements, resourceStatements, ec2Documents, unevaluated };
}

/** An EC2 policy control's document, as Control Tower deploys it, with its control. */
export interface GuardrailEc2Document {
  /** The EC2 policy document ({ ec2_attributes: { <attribute>: ... } }). */
  document: Record<string, unknown>;
  /** The control it implements. */
  origin: ControlOrigin;
}

/**
 * The aws-guardrails EC2 policy of an OU: the documents of its EC2 policy controls in one (each sets its own attribute
 * under ec2_attributes; an attribute two controls set keeps the first control's), or none without such a control.
 * How Control Tower splits them between policies is not documented; one policy gives the same effective policy.
 */
export function packGuardrailEc2Policy(documents: readonly GuardrailEc2Document[]): { content: string }[] {
  if (documents.length === 0) return [];
  const attributes: Record<string, unknown> = {};
  for (const { document } of documents) {
    for (const [key, value] of Object.entries((document.ec2_attributes ?? {}) as Record<string, unknown>)) if (!(key in attributes)) attributes[key] = value;
  }
  return [{ content: JSON.stringify({ ec2_attributes: attributes }) }];
}

/** One aws-guardrails SCP as Control Tower would deploy it. */
export interface GuardrailPolicy {
  /** The policy text, minified as Control Tower submits it. */
  content: string;
  /** The control behind each statement, by statement index. */
  statementControls: ControlOrigin[];
}

/** The SCP text of a list of statements, minified (Organizations counts every character). */
export function guardrailContent(statements: readonly Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * Packs the statements into as few SCPs as fit `maxSize` characters each, in order. A statement larger than the
 * quota on its own still gets a policy (the service layer's validation then reports the size).
 */
export function packGuardrailPolicies(statements: readonly GuardrailStatement[], maxSize: number): GuardrailPolicy[] {
  const policies: GuardrailPolicy[] = [];
  let current: GuardrailStatement[] = [];
  const flush = () => {
    if (current.length === 0) return;
    policies.push({ content: guardrailContent(current.map((entry) => entry.statement)), statementControls: current.map((entry) => entry.origin) });
    current = [];
  };
  for (const entry of statements) {
    if (current.length > 0 && guardrailContent([...current, entry].map((e) => e.statement)).length > maxSize) flush();
    current.push(entry);
  }
  flush();
  return policies;
}

/** A new aws-guardrails-<random> name: six letters, as Control Tower's names read. */
export function guardrailPolicyName(random: () => number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let suffix = '';
  for (let i = 0; i < 6; i += 1) suffix += letters[Math.floor(random() * letters.length)];
  return `${GUARDRAIL_POLICY_PREFIX}${suffix}`;
}

/**
 * The control behind each statement of a policy that Control Tower deployed for these controls, found by statement
 * text (a bundle from AWS carries the SCP text and the enabled controls, not which statement came from which).
 */
export function statementControlsOf(content: string, candidates: readonly GuardrailStatement[]): (ControlOrigin | null)[] {
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch {
    return [];
  }
  const raw = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const byText = new Map(candidates.map((entry) => [JSON.stringify(entry.statement), entry.origin]));
  return list.map((statement) => byText.get(JSON.stringify(statement)) ?? null);
}
