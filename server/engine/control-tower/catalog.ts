// The Control Tower control catalogue as plain data (data/controls.json, derived from public files: see
// data/SOURCE.md) and the queries over it. Identifiers are accepted in every form AWS accepts in EnableControl:
// the Control Catalog ARN, the legacy ARN arn:aws:controltower:REGION::control/AWS-GR_… and the bare AWS-GR_ name.

import controlsJson from './data/controls.json';
import policyTexts from './data/policy-texts.json';
import securityHubFrameworks from './data/securityhub-frameworks.json';
import supplements from './data/policy-supplements.json';

/** How a control acts: blocks (SCP/RCP/declarative), detects (Config rule, Security Hub) or checks at deployment (CloudFormation hook). */
export type ControlBehavior = 'PREVENTIVE' | 'DETECTIVE' | 'PROACTIVE';

/** Control Tower's guidance level (controlreference/controls.html). */
export type ControlGuidance = 'MANDATORY' | 'STRONGLY_RECOMMENDED' | 'ELECTIVE';

/** Severity as the Control Catalog gives it. */
export type ControlSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** What AWS deploys for a control. */
export type ControlImplementationType =
  | 'SCP' | 'RCP' | 'DECLARATIVE_POLICY_EC2' | 'CONFIG_RULE' | 'CLOUDFORMATION_HOOK' | 'SECURITY_HUB_CONTROL';

/** One parameter a control takes in EnableControl (Control Catalog ControlParameter). */
export interface ControlParameterSpec {
  /** The parameter key, e.g. "AllowedRegions". */
  key: string;
  /** What it does. */
  description: string;
  /** The value's shape: a list of region codes or a list of strings. */
  type: 'regionList' | 'stringList';
  /** True when EnableControl requires it. */
  required: boolean;
  /** The AWS page that documents it. */
  doc: string;
}

/** One control of the catalogue. */
export interface CatalogControl {
  /** The Control Catalog ARN (arn:aws:controlcatalog:::control/…); the canonical identifier. */
  arn: string;
  /** The legacy name (AWS-GR_… or CT.…) when the control has one. */
  alias?: string;
  /** Name. */
  name: string;
  /** Description. */
  description: string;
  /** Behaviour. */
  behavior: ControlBehavior;
  /** Severity. */
  severity: ControlSeverity;
  /** Implementation type and, for Config rules and Security Hub controls, its identifier. */
  implementation: { type: ControlImplementationType; identifier?: string };
  /** Guidance level. */
  guidance: ControlGuidance;
  /** Where the guidance comes from: the legacy guide's lists, or the default (elective) for every other control. */
  guidanceSource: 'legacy' | 'default';
  /** Control group, when the guide put the control in one. */
  group?: 'DATA_RESIDENCY';
  /** The AWS service it governs. */
  service: string;
  /** Compliance frameworks the data ties it to. */
  frameworks: string[];
  /** Controls Reference Guide page, for legacy controls. */
  doc?: string;
  /** Creation time as the Control Catalog gives it. */
  createTime: string;
  /** The policy Control Tower deploys, when the data holds its text. */
  policy?: { document: { Version: string; Statement: Record<string, unknown>[] }; source: string };
  /**
   * The artifact as a template Control Tower fills in at EnableControl (newer SCP controls, RCP controls and
   * declarative policies: data/policy-texts.json), with the page it was transcribed from.
   */
  artifact?: { type: 'SCP' | 'RCP' | 'DECLARATIVE_POLICY_EC2'; template: string; doc: string };
  /** Parameters the control takes. */
  parameters?: ControlParameterSpec[];
}

const PARAMETERS = new Map<string, ControlParameterSpec[]>();
for (const parameter of supplements.parameters) {
  for (const arn of parameter.controls) {
    const { controls: _controls, ...spec } = parameter;
    void _controls;
    PARAMETERS.set(arn, [...(PARAMETERS.get(arn) ?? []), spec as ControlParameterSpec]);
  }
}

// The configuration parameters the templated artifacts read (controlreference/control-parameter-concepts.html).
// OrganizationIds is not one: Control Tower fills it with the landing zone's organization.
const PARAMETER_CONCEPTS = 'https://docs.aws.amazon.com/controltower/latest/controlreference/control-parameter-concepts.html';
const TEMPLATE_PARAMETERS: Record<string, ControlParameterSpec> = {
  ExemptedPrincipalArns: {
    key: 'ExemptedPrincipalArns', type: 'stringList', required: false, doc: PARAMETER_CONCEPTS,
    description: 'IAM principal ARNs exempted from the control (aws:PrincipalArn; the wildcard * is allowed).',
  },
  ExemptedResourceArns: {
    key: 'ExemptedResourceArns', type: 'stringList', required: false, doc: PARAMETER_CONCEPTS,
    description: 'Resource ARNs exempted from the control (the statement takes NotResource instead of Resource "*").',
  },
};
// The frameworks of each Security Hub control beyond FSBP (NIST SP 800-53 Rev. 5, PCI DSS, CIS), from the Security Hub
// guide's "Related requirements" (data/securityhub-frameworks.json, derived by scripts/derive-securityhub-frameworks.mjs).
const SECURITY_HUB_FRAMEWORKS = securityHubFrameworks.controls as Record<string, string[]>;

/** The frameworks a control is tied to: the catalogue's own, and for a Security Hub control those its guide names. */
function frameworksOf(control: CatalogControl): string[] {
  const extra = control.implementation.type === 'SECURITY_HUB_CONTROL' ? SECURITY_HUB_FRAMEWORKS[control.implementation.identifier ?? ''] ?? [] : [];
  return extra.length === 0 ? control.frameworks : [...new Set([...control.frameworks, ...extra])];
}

const ARTIFACTS = new Map(policyTexts.controls.map((entry) => [entry.arn, entry]));
for (const entry of policyTexts.controls) {
  const specs = entry.parameters.map((key) => TEMPLATE_PARAMETERS[key]);
  if (specs.length > 0) PARAMETERS.set(entry.arn, [...(PARAMETERS.get(entry.arn) ?? []), ...specs]);
}

/** The OU Region deny control (CT.MULTISERVICE.PV.1), which Control Tower builds from its parameters. */
export const OU_REGION_DENY_ARN = supplements.ouRegionDeny.control;
/** The landing-zone Region deny control (AWS-GR_REGION_DENY), configured in the landing zone's settings. */
export const LANDING_ZONE_REGION_DENY_ALIAS = 'AWS-GR_REGION_DENY';

/** Every control, sorted by ARN. */
export const CONTROL_CATALOG: readonly CatalogControl[] = Object.freeze(
  (controlsJson as unknown as CatalogControl[]).map((control) => {
    const parameters = PARAMETERS.get(control.arn);
    const artifact = ARTIFACTS.get(control.arn);
    const alias = control.arn === OU_REGION_DENY_ARN ? supplements.ouRegionDeny.alias : control.alias ?? artifact?.alias;
    return Object.freeze({
      ...control,
      frameworks: frameworksOf(control),
      ...(alias ? { alias } : {}),
      ...(parameters ? { parameters } : {}),
      ...(artifact && !control.policy
        ? { artifact: { type: artifact.type as 'SCP' | 'RCP' | 'DECLARATIVE_POLICY_EC2', template: artifact.template, doc: artifact.doc }, doc: control.doc ?? artifact.doc }
        : {}),
    });
  }),
);

const BY_KEY = new Map<string, CatalogControl>();
for (const control of CONTROL_CATALOG) {
  BY_KEY.set(control.arn.toLowerCase(), control);
  if (control.alias) BY_KEY.set(control.alias.toLowerCase(), control);
}

/**
 * The control an identifier names: a Control Catalog ARN, a legacy Control Tower ARN
 * (arn:aws:controltower:us-east-1::control/AWS-GR_…), or an alias (AWS-GR_…, CT.…). Undefined when none.
 */
export function findControl(identifier: string): CatalogControl | undefined {
  const key = identifier.trim().toLowerCase();
  const direct = BY_KEY.get(key);
  if (direct) return direct;
  const legacy = /^arn:aws[a-z-]*:controltower:[a-z0-9-]*::control\/(.+)$/.exec(key);
  return legacy ? BY_KEY.get(legacy[1]) : undefined;
}

/** How the trace names a control: its legacy alias when it has one (what the console shows), else its ARN. */
export function controlLabel(control: CatalogControl): string {
  return control.alias ?? control.arn;
}

/** Filters of the catalogue browser; every one optional, all must hold. */
export interface ControlQuery {
  /** Words that must all appear in the name, description, alias, ARN, service or implementation identifier. */
  search?: string;
  /** Behaviours to keep. */
  behaviors?: ControlBehavior[];
  /** Guidance levels to keep. */
  guidance?: ControlGuidance[];
  /** Services to keep (as `service` spells them). */
  services?: string[];
  /** Severities to keep. */
  severities?: ControlSeverity[];
  /** Frameworks to keep. */
  frameworks?: string[];
  /** Implementation types to keep. */
  implementations?: ControlImplementationType[];
}

/** The controls matching every filter, mandatory first, then strongly recommended, then elective, by name. */
export function queryControls(query: ControlQuery): CatalogControl[] {
  const words = (query.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const keep = <T>(filter: readonly T[] | undefined, value: T) => !filter || filter.length === 0 || filter.includes(value);
  return CONTROL_CATALOG.filter((control) => {
    if (!keep(query.behaviors, control.behavior) || !keep(query.guidance, control.guidance)) return false;
    if (!keep(query.services, control.service) || !keep(query.severities, control.severity)) return false;
    if (!keep(query.implementations, control.implementation.type)) return false;
    if (query.frameworks?.length && !control.frameworks.some((framework) => query.frameworks!.includes(framework))) return false;
    if (words.length === 0) return true;
    const text = [control.name, control.description, control.alias ?? '', control.arn, control.service, control.implementation.identifier ?? '']
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  }).sort((a, b) => GUIDANCE_ORDER[a.guidance] - GUIDANCE_ORDER[b.guidance] || a.name.localeCompare(b.name));
}

const GUIDANCE_ORDER: Record<ControlGuidance, number> = { MANDATORY: 0, STRONGLY_RECOMMENDED: 1, ELECTIVE: 2 };

/** The values each filter can take, with how many controls have each (for the browser's facets). */
export function catalogFacets(): { services: { value: string; count: number }[]; frameworks: { value: string; count: number }[] } {
  const count = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].map(([value, n]) => ({ value, count: n })).sort((a, b) => a.value.localeCompare(b.value));
  };
  return {
    services: count(CONTROL_CATALOG.map((control) => control.service)),
    frameworks: count(CONTROL_CATALOG.flatMap((control) => control.frameworks)),
  };
}

/** The mandatory controls, which set-up enables on every registered OU and which cannot be disabled. */
export const MANDATORY_CONTROLS: readonly CatalogControl[] = CONTROL_CATALOG.filter((control) => control.guidance === 'MANDATORY');
