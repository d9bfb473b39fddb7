// Detective controls evaluated against facts the design records per enrolled account. A detective control is an
// AWS Config rule (or a Security Hub control, itself backed by a Config rule) that Control Tower deploys to every
// enrolled account of the OU it is enabled on; the rule reports COMPLIANT or NON_COMPLIANT for the resources it
// checks (controlreference/detective-controls.html). lzsim has no resources, so each rule reads the facts that
// decide it; a fact the design does not record, a rule lzsim does not model, an account without AWS Config
// recording, or an account that is not enrolled gives NOT_EVALUATED, always with its reason.

import { findControl, type CatalogControl } from './catalog';
import { controlOrigin } from './guardrails';
import type { ControlOrigin } from '../types';

/** What the design can record about an account for its detective controls. */
export interface AccountFacts {
  /** The root user has an MFA device. */
  rootMfaEnabled?: boolean;
  /** A CloudTrail trail (or CloudTrail Lake) logs the account (besides the organization trail). */
  cloudTrailEnabled?: boolean;
  /** AWS Config records in the account (Control Tower enables it in enrolled accounts). */
  configEnabled?: boolean;
  /** S3 Block Public Access is on at account level (all four settings). */
  s3AccountPublicAccessBlock?: boolean;
  /** EBS encryption by default is on in the governed regions. */
  ebsDefaultEncryption?: boolean;
  /** The IAM password policy meets IAM_PASSWORD_POLICY's defaults (14+ characters, upper, lower, digit, symbol, 90-day age, 24 reused). */
  iamPasswordPolicyCompliant?: boolean;
  /** Unencrypted EBS volumes attached to instances. */
  unencryptedEbsVolumes?: number;
  /** Security groups open to 0.0.0.0/0 on SSH (22). */
  openSshSecurityGroups?: number;
  /** Security groups open to 0.0.0.0/0 on the common ports (20, 21, 3389, 3306, 4333). */
  openCommonPortSecurityGroups?: number;
  /** S3 buckets whose policy or ACL allows public read. */
  publicReadBuckets?: number;
  /** S3 buckets whose policy or ACL allows public write. */
  publicWriteBuckets?: number;
  /** EBS volumes attached to no instance. */
  unattachedEbsVolumes?: number;
  /** EC2 instances of an EBS-optimizable type without EBS optimization. */
  nonEbsOptimizedInstances?: number;
  /** RDS instances with public access. */
  publicRdsInstances?: number;
  /** RDS snapshots shared publicly. */
  publicRdsSnapshots?: number;
  /** RDS instances without storage encryption. */
  unencryptedRdsInstances?: number;
  /** IAM users without MFA. */
  iamUsersWithoutMfa?: number;
  /** S3 buckets without versioning. */
  unversionedBuckets?: number;
}

/** One fact the design can record: its key, whether it is a yes/no or a count, and what it means. */
export interface AccountFactSpec {
  /** The key in AccountFacts. */
  key: keyof AccountFacts;
  /** Yes/no, or a number of resources (0 is compliant). */
  kind: 'boolean' | 'count';
  /** What it means, for the form. */
  label: string;
}

/** How one Config rule is decided from the facts. */
interface RuleModel {
  fact: keyof AccountFacts;
  /** Which account it concerns: every enrolled account, or only the Log Archive account (its buckets). */
  scope?: 'logArchive' | 'security';
  compliantWhen: 'true' | 'zero';
  /** What a non-compliant result says. */
  failure: string;
  /** What a compliant result says. */
  success: string;
}

// Keyed by the Config rule identifier (SourceIdentifier) the catalogue gives each detective control.
const RULES: Record<string, RuleModel> = {
  ROOT_ACCOUNT_MFA_ENABLED: { fact: 'rootMfaEnabled', compliantWhen: 'true', failure: 'The root user has no MFA device.', success: 'The root user has an MFA device.' },
  CLOUD_TRAIL_ENABLED: { fact: 'cloudTrailEnabled', compliantWhen: 'true', failure: 'No CloudTrail trail logs this account.', success: 'A CloudTrail trail logs this account.' },
  S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC: { fact: 's3AccountPublicAccessBlock', compliantWhen: 'true', failure: 'S3 Block Public Access is not on at account level.', success: 'S3 Block Public Access is on at account level.' },
  S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS: { fact: 's3AccountPublicAccessBlock', compliantWhen: 'true', failure: 'S3 Block Public Access is not on at account level.', success: 'S3 Block Public Access is on at account level.' },
  IAM_PASSWORD_POLICY: { fact: 'iamPasswordPolicyCompliant', compliantWhen: 'true', failure: 'The IAM password policy does not meet the rule\'s requirements.', success: 'The IAM password policy meets the rule\'s requirements.' },
  ENCRYPTED_VOLUMES: { fact: 'unencryptedEbsVolumes', compliantWhen: 'zero', failure: 'unencrypted EBS volume(s) attached to instances.', success: 'Every attached EBS volume is encrypted.' },
  INCOMING_SSH_DISABLED: { fact: 'openSshSecurityGroups', compliantWhen: 'zero', failure: 'security group(s) allow SSH from 0.0.0.0/0.', success: 'No security group allows SSH from anywhere.' },
  RESTRICTED_INCOMING_TRAFFIC: { fact: 'openCommonPortSecurityGroups', compliantWhen: 'zero', failure: 'security group(s) open common ports to 0.0.0.0/0.', success: 'No security group opens the common ports to anywhere.' },
  S3_BUCKET_PUBLIC_READ_PROHIBITED: { fact: 'publicReadBuckets', compliantWhen: 'zero', failure: 'bucket(s) allow public read.', success: 'No bucket allows public read.' },
  S3_BUCKET_PUBLIC_WRITE_PROHIBITED: { fact: 'publicWriteBuckets', compliantWhen: 'zero', failure: 'bucket(s) allow public write.', success: 'No bucket allows public write.' },
  EC2_VOLUME_INUSE_CHECK: { fact: 'unattachedEbsVolumes', compliantWhen: 'zero', failure: 'EBS volume(s) attached to no instance.', success: 'Every EBS volume is attached.' },
  EBS_OPTIMIZED_INSTANCE: { fact: 'nonEbsOptimizedInstances', compliantWhen: 'zero', failure: 'instance(s) without EBS optimization.', success: 'Every EBS-optimizable instance is optimized.' },
  RDS_INSTANCE_PUBLIC_ACCESS_CHECK: { fact: 'publicRdsInstances', compliantWhen: 'zero', failure: 'RDS instance(s) publicly accessible.', success: 'No RDS instance is publicly accessible.' },
  RDS_SNAPSHOTS_PUBLIC_PROHIBITED: { fact: 'publicRdsSnapshots', compliantWhen: 'zero', failure: 'RDS snapshot(s) shared publicly.', success: 'No RDS snapshot is public.' },
  RDS_STORAGE_ENCRYPTED: { fact: 'unencryptedRdsInstances', compliantWhen: 'zero', failure: 'RDS instance(s) without storage encryption.', success: 'Every RDS instance encrypts its storage.' },
  IAM_USER_MFA_ENABLED: { fact: 'iamUsersWithoutMfa', compliantWhen: 'zero', failure: 'IAM user(s) without MFA.', success: 'Every IAM user has MFA.' },
  MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS: { fact: 'iamUsersWithoutMfa', compliantWhen: 'zero', failure: 'IAM user(s) with console access and no MFA.', success: 'Every console user has MFA.' },
  S3_BUCKET_VERSIONING_ENABLED: { fact: 'unversionedBuckets', compliantWhen: 'zero', failure: 'bucket(s) without versioning.', success: 'Every bucket has versioning.' },
};

// The mandatory detective controls that concern one account only (their descriptions: the Log Archive buckets and the
// Security OU's shared accounts).
const SCOPED: Record<string, RuleModel['scope']> = {
  'AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED': 'logArchive',
  'AWS-GR_AUDIT_BUCKET_PUBLIC_WRITE_PROHIBITED': 'logArchive',
  'AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS': 'security',
};

/** The facts a design can record, in the order the form shows them. */
export const ACCOUNT_FACTS: readonly AccountFactSpec[] = Object.freeze([
  { key: 'rootMfaEnabled', kind: 'boolean', label: 'Root user has MFA' },
  { key: 'cloudTrailEnabled', kind: 'boolean', label: 'CloudTrail logs the account' },
  { key: 'configEnabled', kind: 'boolean', label: 'AWS Config is recording' },
  { key: 's3AccountPublicAccessBlock', kind: 'boolean', label: 'S3 Block Public Access (account level)' },
  { key: 'ebsDefaultEncryption', kind: 'boolean', label: 'EBS encryption by default' },
  { key: 'iamPasswordPolicyCompliant', kind: 'boolean', label: 'IAM password policy meets the requirements' },
  { key: 'unencryptedEbsVolumes', kind: 'count', label: 'Unencrypted attached EBS volumes' },
  { key: 'openSshSecurityGroups', kind: 'count', label: 'Security groups open to SSH from anywhere' },
  { key: 'openCommonPortSecurityGroups', kind: 'count', label: 'Security groups open on common ports' },
  { key: 'publicReadBuckets', kind: 'count', label: 'Publicly readable S3 buckets' },
  { key: 'publicWriteBuckets', kind: 'count', label: 'Publicly writable S3 buckets' },
  { key: 'unattachedEbsVolumes', kind: 'count', label: 'Unattached EBS volumes' },
  { key: 'nonEbsOptimizedInstances', kind: 'count', label: 'Instances without EBS optimization' },
  { key: 'publicRdsInstances', kind: 'count', label: 'Publicly accessible RDS instances' },
  { key: 'publicRdsSnapshots', kind: 'count', label: 'Public RDS snapshots' },
  { key: 'unencryptedRdsInstances', kind: 'count', label: 'Unencrypted RDS instances' },
  { key: 'iamUsersWithoutMfa', kind: 'count', label: 'IAM users without MFA' },
  { key: 'unversionedBuckets', kind: 'count', label: 'S3 buckets without versioning' },
]);

/** A detective control's result for one account, as Control Tower's compliance view shows it. */
export type ComplianceStatus = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_EVALUATED';

/** One control's result for one account. */
export interface ControlCompliance {
  /** The control. */
  control: ControlOrigin;
  /** The result. */
  status: ComplianceStatus;
  /** Why, for people. */
  reason: string;
}

/** Everything the evaluation needs about one account. */
export interface ComplianceAccount {
  /** 12-digit id. */
  accountId: string;
  /** True when Control Tower enrolled it. */
  enrolled: boolean;
  /** True for the landing zone's Log Archive account. */
  logArchive: boolean;
  /** True when the account is in the Security OU. */
  inSecurityOu: boolean;
  /** The recorded facts. */
  facts: AccountFacts;
}

/** The landing zone settings the evaluation reads. */
export interface ComplianceSettings {
  /** The organization trail logs every enrolled account (CloudTrail is then enabled in each). */
  organizationTrail: boolean;
  /** The landing zone's AWS Config integration (landing zone 4.0 can turn it off; detective controls are Config rules). */
  configIntegration?: boolean;
}

function evaluateOne(control: CatalogControl, account: ComplianceAccount, settings: ComplianceSettings): ControlCompliance | null {
  const origin = controlOrigin(control);
  const scope = control.alias ? SCOPED[control.alias] : undefined;
  if (scope === 'logArchive' && !account.logArchive) return null;
  if (scope === 'security' && !account.inSecurityOu) return null;
  const result = (status: ComplianceStatus, reason: string): ControlCompliance => ({ control: origin, status, reason });
  if (!account.enrolled) return result('NOT_EVALUATED', 'The account is not enrolled in Control Tower: its detective controls are not deployed.');
  if (control.implementation.type === 'SECURITY_HUB_CONTROL') return result('NOT_EVALUATED', 'Security Hub controls check resources the design does not model.');
  if (settings.configIntegration === false) {
    return result('NOT_EVALUATED', 'The landing zone\'s AWS Config integration is off: Control Tower runs no Config rules, so detective controls do not evaluate.');
  }
  const configRecording = account.facts.configEnabled ?? true;
  if (!configRecording) return result('NOT_EVALUATED', 'AWS Config is not recording in this account: its Config rules cannot evaluate.');
  const rule = RULES[control.implementation.identifier ?? ''];
  if (!rule) return result('NOT_EVALUATED', `lzsim does not model what ${control.implementation.identifier ?? 'this rule'} checks.`);
  let value = account.facts[rule.fact];
  if (rule.fact === 'cloudTrailEnabled' && settings.organizationTrail) value = true;
  if (value === undefined) return result('NOT_EVALUATED', `The design does not record "${ACCOUNT_FACTS.find((f) => f.key === rule.fact)?.label ?? rule.fact}" for this account.`);
  if (rule.compliantWhen === 'true') {
    const ok = value === true;
    const viaTrail = rule.fact === 'cloudTrailEnabled' && settings.organizationTrail && account.facts.cloudTrailEnabled !== true;
    return result(ok ? 'COMPLIANT' : 'NON_COMPLIANT', ok ? (viaTrail ? 'The organization trail logs this account.' : rule.success) : rule.failure);
  }
  const count = Number(value);
  return count === 0 ? result('COMPLIANT', rule.success) : result('NON_COMPLIANT', `${count} ${rule.failure}`);
}

/** The results of the detective controls enabled on an account's OU (those that concern it), in the controls' order. */
export function evaluateDetectiveControls(
  controlIdentifiers: readonly string[],
  account: ComplianceAccount,
  settings: ComplianceSettings,
): ControlCompliance[] {
  const results: ControlCompliance[] = [];
  for (const identifier of controlIdentifiers) {
    const control = findControl(identifier);
    if (!control || control.behavior !== 'DETECTIVE') continue;
    const result = evaluateOne(control, account, settings);
    if (result) results.push(result);
  }
  return results;
}

/** The worst status of a list: NON_COMPLIANT over NOT_EVALUATED over COMPLIANT (COMPLIANT when empty). */
export function overallStatus(results: readonly ControlCompliance[]): ComplianceStatus {
  if (results.some((r) => r.status === 'NON_COMPLIANT')) return 'NON_COMPLIANT';
  if (results.some((r) => r.status === 'NOT_EVALUATED')) return 'NOT_EVALUATED';
  return 'COMPLIANT';
}
