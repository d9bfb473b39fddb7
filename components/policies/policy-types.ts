// Labels and starter documents per Organizations policy type, for the library and the editor. Pure data.
import type { EditablePolicyType } from '@/server/schemas/organizations';

/** How the editor names one policy type. */
export interface PolicyTypeInfo {
  type: EditablePolicyType;
  /** Badge text, e.g. "SCP". */
  short: string;
  /** Section heading, e.g. "Service control policies". */
  plural: string;
  /** Singular, for buttons and dialogs. */
  singular: string;
  /** CSS modifier of the badge colour. */
  tone: 'scp' | 'rcp' | 'tag' | 'backup' | 'ai' | 's3' | 'ec2';
}

/** The editable types in the order the library lists them. */
export const POLICY_TYPES: readonly PolicyTypeInfo[] = [
  { type: 'SERVICE_CONTROL_POLICY', short: 'SCP', plural: 'Service control policies', singular: 'service control policy', tone: 'scp' },
  { type: 'RESOURCE_CONTROL_POLICY', short: 'RCP', plural: 'Resource control policies', singular: 'resource control policy', tone: 'rcp' },
  { type: 'TAG_POLICY', short: 'TAG', plural: 'Tag policies', singular: 'tag policy', tone: 'tag' },
  { type: 'BACKUP_POLICY', short: 'BACKUP', plural: 'Backup policies', singular: 'backup policy', tone: 'backup' },
  { type: 'AISERVICES_OPT_OUT_POLICY', short: 'AI OPT-OUT', plural: 'AI services opt-out policies', singular: 'AI services opt-out policy', tone: 'ai' },
  { type: 'S3_POLICY', short: 'S3', plural: 'Amazon S3 policies', singular: 'Amazon S3 policy', tone: 's3' },
  { type: 'DECLARATIVE_POLICY_EC2', short: 'EC2', plural: 'EC2 policies (declarative)', singular: 'EC2 policy', tone: 'ec2' },
];

/** The labels of one type. */
export function policyTypeInfo(type: string): PolicyTypeInfo {
  return POLICY_TYPES.find((info) => info.type === type) ?? { type: type as EditablePolicyType, short: type, plural: type, singular: type, tone: 'scp' };
}

/**
 * A minimal valid document to start a new policy from, in each type's grammar (Organizations user guide:
 * orgs_manage_policies_scps_syntax.html, ..._rcps_syntax.html, tag/backup/AI opt-out/Amazon S3/EC2 policy syntax pages).
 */
export const STARTER_DOCUMENTS: Readonly<Record<EditablePolicyType, string>> = {
  SERVICE_CONTROL_POLICY: JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Sid: 'DenyExample', Effect: 'Deny', Action: ['service:Action'], Resource: '*' }] },
    null,
    2,
  ),
  RESOURCE_CONTROL_POLICY: JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [{
        Sid: 'EnforceTls', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*',
        Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
      }],
    },
    null,
    2,
  ),
  TAG_POLICY: JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } } }, null, 2),
  BACKUP_POLICY: JSON.stringify(
    {
      plans: {
        daily: {
          regions: { '@@assign': ['eu-west-1'] },
          rules: { daily: { schedule_expression: { '@@assign': 'cron(0 5 ? * * *)' }, target_backup_vault_name: { '@@assign': 'Default' } } },
          selections: { tags: { all: { iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/BackupRole' }, tag_key: { '@@assign': 'backup' }, tag_value: { '@@assign': ['daily'] } } } },
        },
      },
    },
    null,
    2,
  ),
  AISERVICES_OPT_OUT_POLICY: JSON.stringify({ services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } }, null, 2),
  S3_POLICY: JSON.stringify({ s3_attributes: { public_access_block_configuration: { '@@assign': 'all' } } }, null, 2),
  DECLARATIVE_POLICY_EC2: JSON.stringify({ ec2_attributes: { serial_console_access: { status: { '@@assign': 'disabled' } } } }, null, 2),
};
