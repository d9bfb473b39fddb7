import 'server-only';
import { getIamDataCatalog } from '../catalog/iam-data-source';
import { isManagementPolicyType, validateManagementPolicy, type ManagementPolicyType } from '../engine/management';
import { validatePolicy, type IdentityPolicyContainer } from '../engine/policy/validate';
import type { PolicyQuotas } from '../engine/quotas';
import type { Finding, PolicyKind } from '../engine/types';

// The one way to validate a policy document, for every caller: the policy editor in the browser (policy.validate),
// CreatePolicy / UpdatePolicy, and `lzsim validate-policy`. IAM-grammar documents are checked with the IAM action
// catalogue (unknown services, actions and global condition keys), management policies with their type's grammar,
// so the editor and the command line report exactly the same findings for the same text.

/** What a document is validated as: an IAM-grammar kind, or a management policy type. */
export type PolicyValidationType = PolicyKind | ManagementPolicyType;

/** Options shared by every caller. */
export interface PolicyValidationOptions {
  /** Size quotas to apply instead of AWS's defaults (a design's overrides). */
  quotas?: Partial<PolicyQuotas>;
  /** The document is AWS-managed (FullAWSAccess, RCPFullAWSAccess may use what custom policies cannot). */
  awsManaged?: boolean;
  /** For IDENTITY: which IAM size quota applies. */
  identityContainer?: IdentityPolicyContainer;
}

/**
 * Names accepted for each validation type: the validator's kinds, the Organizations API's policy type names, and the
 * short forms of the management types (TAG, BACKUP, AISERVICES_OPT_OUT, S3, EC2).
 */
const TYPE_NAMES: Readonly<Record<string, PolicyValidationType>> = {
  SCP: 'SCP',
  SERVICE_CONTROL_POLICY: 'SCP',
  RCP: 'RCP',
  RESOURCE_CONTROL_POLICY: 'RCP',
  IDENTITY: 'IDENTITY',
  RESOURCE: 'RESOURCE',
  TRUST: 'TRUST',
  SESSION: 'SESSION',
  TAG: 'TAG_POLICY',
  TAG_POLICY: 'TAG_POLICY',
  BACKUP: 'BACKUP_POLICY',
  BACKUP_POLICY: 'BACKUP_POLICY',
  AISERVICES_OPT_OUT: 'AISERVICES_OPT_OUT_POLICY',
  AISERVICES_OPT_OUT_POLICY: 'AISERVICES_OPT_OUT_POLICY',
  S3: 'S3_POLICY',
  S3_POLICY: 'S3_POLICY',
  EC2: 'DECLARATIVE_POLICY_EC2',
  DECLARATIVE_POLICY_EC2: 'DECLARATIVE_POLICY_EC2',
};

/** Every name parsePolicyValidationType accepts, for help texts and error messages. */
export const POLICY_VALIDATION_TYPE_NAMES: readonly string[] = Object.keys(TYPE_NAMES);

/** The validation type a name denotes (case-insensitive), or undefined for an unknown name. */
export function parsePolicyValidationType(name: string): PolicyValidationType | undefined {
  return TYPE_NAMES[name.toUpperCase()];
}

/** Validate a document as AWS would at create time; findings in document order, never throws. */
export function validatePolicyDocument(type: PolicyValidationType, content: string, options: PolicyValidationOptions = {}): Finding[] {
  if (isManagementPolicyType(type)) {
    const quota = options.quotas?.[type];
    return validateManagementPolicy(type, content, quota === undefined ? {} : { quotas: { [type]: quota } });
  }
  return validatePolicy(content, type, {
    catalog: getIamDataCatalog(),
    ...(options.quotas ? { quotas: options.quotas } : {}),
    ...(options.awsManaged ? { awsManaged: true } : {}),
    ...(options.identityContainer ? { identityContainer: options.identityContainer } : {}),
  });
}
