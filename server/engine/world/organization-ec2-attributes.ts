// EC2 policies (Organizations policy type DECLARATIVE_POLICY_EC2, "declarative policies for EC2"): an attribute an
// account's effective EC2 policy sets is enforced, and "account administrators will not be able to modify the value
// of the service attribute at the individual account level" (orgs_manage_policies_ec2_syntax.html, Considerations).
// The calls that change each attribute in an account are EC2's own (EC2 API reference, one page per action); they
// fail with the policy's exception_message, or Organizations' default message (orgs_manage_policies_ec2.html).

import type { EffectivePolicyResult } from '../management/types';

/** The default message of a call an EC2 policy refuses, when the policy sets no exception_message. */
export const EC2_POLICY_DEFAULT_MESSAGE = 'This action is denied due to an organizational policy in effect';

/** An account attribute EC2 policies can set, and the account-level calls (IAM action names) that change it. */
export interface Ec2PolicyAttribute {
  /** The attribute's key under ec2_attributes. */
  key: string;
  /** What the attribute is, for people. */
  label: string;
  /** The IAM actions of the calls that change the attribute in an account. */
  setters: readonly string[];
  /** Calls refused only when a field of the attribute has a given value (a setting that forbids them). */
  refusedWhen?: readonly { actions: readonly string[]; field: string; value: string; label: string }[];
}

/** The attributes of the syntax page and the calls that change them in an account. */
export const EC2_POLICY_ATTRIBUTES: readonly Ec2PolicyAttribute[] = [
  {
    key: 'vpc_block_public_access', label: 'VPC Block Public Access', setters: ['ec2:ModifyVpcBlockPublicAccessOptions'],
    // "exclusions_allowed": "disabled" forbids the account to exclude VPCs or subnets from the block.
    refusedWhen: [{
      actions: ['ec2:CreateVpcBlockPublicAccessExclusion', 'ec2:ModifyVpcBlockPublicAccessExclusion'],
      field: 'internet_gateway_block.exclusions_allowed', value: 'disabled', label: 'create or change exclusions from it (exclusions_allowed is disabled)',
    }],
  },
  { key: 'serial_console_access', label: 'EC2 Serial Console access', setters: ['ec2:EnableSerialConsoleAccess', 'ec2:DisableSerialConsoleAccess'] },
  { key: 'image_block_public_access', label: 'block public access for AMIs', setters: ['ec2:EnableImageBlockPublicAccess', 'ec2:DisableImageBlockPublicAccess'] },
  {
    key: 'allowed_images_settings', label: 'Allowed AMIs',
    setters: ['ec2:EnableAllowedImagesSettings', 'ec2:DisableAllowedImagesSettings', 'ec2:ReplaceImageCriteriaInAllowedImagesSettings'],
  },
  { key: 'instance_metadata_defaults', label: 'the instance metadata defaults', setters: ['ec2:ModifyInstanceMetadataDefaults'] },
  { key: 'snapshot_block_public_access', label: 'block public access for EBS snapshots', setters: ['ec2:EnableSnapshotBlockPublicAccess', 'ec2:DisableSnapshotBlockPublicAccess'] },
];

/** An action an EC2 policy can make fail: the attribute it changes, and the field value that forbids it, when one must. */
interface Ec2Setter {
  attribute: Ec2PolicyAttribute;
  when?: { field: string; value: string; label: string };
}

const ATTRIBUTE_BY_SETTER = new Map<string, Ec2Setter>(EC2_POLICY_ATTRIBUTES.flatMap((attribute) => [
  ...attribute.setters.map((setter) => [setter.toLowerCase(), { attribute }] as const),
  ...(attribute.refusedWhen ?? []).flatMap(({ actions, ...when }) => actions.map((action) => [action.toLowerCase(), { attribute, when }] as const)),
]));

/** True when the action (lower-cased, as evaluate() holds it) changes an account attribute EC2 policies can enforce. */
export function isEc2AttributeSetter(actionLower: string): boolean {
  return ATTRIBUTE_BY_SETTER.has(actionLower);
}

/** Why an EC2 policy makes a call fail: the attribute it enforces, the policy that sets it, and the message AWS returns. */
export interface Ec2PolicyRefusal {
  /** The attribute the call would change. */
  attribute: Ec2PolicyAttribute;
  /** What the account cannot do, for people ("change it", or the forbidden setting's words). */
  forbids: string;
  /** The EC2 policy whose value of the attribute is in effect. */
  policyId: string;
  /** Its display name. */
  policyName: string;
  /** The root, OU or account it is attached to. */
  targetName: string;
  /** The exception_message in effect, or the default message. */
  message: string;
}

/**
 * Whether the account's effective EC2 policy (computeEffectivePolicy's result for DECLARATIVE_POLICY_EC2) makes the
 * call `action` fail; undefined when the action changes no enforced attribute, or when there is no valid effective
 * policy (a merge AWS refuses leaves the account's last valid one, which a design does not have).
 */
export function ec2PolicyRefusalOf(result: EffectivePolicyResult | undefined, action: string): Ec2PolicyRefusal | undefined {
  const setter = ATTRIBUTE_BY_SETTER.get(action) ?? ATTRIBUTE_BY_SETTER.get(action.toLowerCase());
  if (!setter || !result?.ok || result.type !== 'DECLARATIVE_POLICY_EC2') return undefined;
  const { attribute, when } = setter;
  const prefix = `$.ec2_attributes.${attribute.key}.`;
  const setting = when
    ? result.contributions.find((entry) => entry.path === `${prefix}${when.field}` && entry.value === when.value)
    : result.contributions.find((entry) => entry.path.startsWith(prefix));
  if (!setting) return undefined;
  const custom = result.contributions.find((entry) => entry.path === '$.ec2_attributes.exception_message')?.value;
  return {
    attribute,
    forbids: when ? when.label : 'change it',
    policyId: setting.from.policyId,
    policyName: setting.from.policyName,
    targetName: setting.from.targetName,
    message: typeof custom === 'string' && custom.length > 0 ? custom : EC2_POLICY_DEFAULT_MESSAGE,
  };
}
