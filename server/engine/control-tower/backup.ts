// The AWS Backup integration of a landing zone 4.0 (manifest "backup"), checked as Control Tower documents it:
// - lz-api-launch.html, "Manifest Structure": backup { enabled (required), configurations { backupAdmin { accountId },
//   centralBackup { accountId }, kmsKeyArn } };
// - backup-prerequisites.html: "two other AWS accounts that are not enrolled in AWS Control Tower" become the central
//   backup account and the backup administrator account, and "a multi-Region AWS Key Management Service (KMS) key,
//   specifically for AWS Backup";
// - backup-resources.html: both accounts are in the Security OU; Control Tower creates the central backup vault
//   (aws-controltower-central-backupvault-*) in every governed Region of the central backup account, and makes the
//   backup administrator account the delegated administrator of AWS Backup, with the Backup Audit Manager report
//   plans and their S3 buckets in the home Region.
// The same rules serve the bundle reader and the landing-zone service (one definition, two callers).

/** The stored AWS Backup integration: the two accounts (12-digit ids) and the multi-Region KMS key. */
export interface BackupIntegration {
  /** configurations.backupAdmin.accountId: the delegated administrator of AWS Backup. */
  backupAdminAccountId: string;
  /** configurations.centralBackup.accountId: holds the central backup vault in every governed Region. */
  centralBackupAccountId: string;
  /** configurations.kmsKeyArn: a multi-Region customer managed key (its key id begins with "mrk-"). */
  kmsKeyArn: string;
}

/** The service principal of AWS Backup, which the backup administrator account administers for the organization. */
export const BACKUP_SERVICE_PRINCIPAL = 'backup.amazonaws.com';

/** Control Tower's AWS Backup controls: "you can enable it only by activating AWS Backup capabilities for your landing zone" (ct-backup-pv-1..3.html). */
export const BACKUP_CONTROL_ALIASES: readonly string[] = ['CT.BACKUP.PV.1', 'CT.BACKUP.PV.2', 'CT.BACKUP.PV.3'];

/** A KMS key ARN; a multi-Region key's id is "mrk-" and 32 hex digits (kms/latest/developerguide/multi-region-keys-overview.html). */
const KMS_KEY_ARN = /^arn:aws(-[a-z]+)*:kms:([a-z]{2}(-gov)?-[a-z]+-\d):(\d{12}):key\/([0-9A-Za-z-]+)$/;
const MULTI_REGION_KEY_ID = /^mrk-[0-9a-f]{32}$/;

/** What the checks need to know about the landing zone and the organization. */
export interface BackupCheckContext {
  managementAccountId: string;
  logArchiveAccountId: string | null;
  auditAccountId: string | null;
  /** Member accounts of the organization (12-digit ids). */
  isMember: (accountId: string) => boolean;
}

/** One refusal: which field, and why. */
export interface BackupProblem {
  field: 'backupAdmin' | 'centralBackup' | 'kmsKeyArn';
  message: string;
}

/** The refusals of an AWS Backup integration (empty when Control Tower would accept it). */
export function checkBackupIntegration(backup: BackupIntegration, context: BackupCheckContext): BackupProblem[] {
  const problems: BackupProblem[] = [];
  const roles = [['backupAdmin', backup.backupAdminAccountId, 'backup administrator'], ['centralBackup', backup.centralBackupAccountId, 'central backup']] as const;
  for (const [field, accountId, label] of roles) {
    if (accountId === context.managementAccountId) problems.push({ field, message: `the ${label} account cannot be the management account` });
    else if (accountId === context.logArchiveAccountId || accountId === context.auditAccountId) {
      problems.push({ field, message: `the ${label} account must be another account than Log Archive and Audit (backup-prerequisites.html: "two other AWS accounts")` });
    } else if (!context.isMember(accountId)) problems.push({ field, message: `account ${accountId} is not a member of the organization` });
  }
  if (backup.backupAdminAccountId === backup.centralBackupAccountId) {
    problems.push({ field: 'centralBackup', message: 'the central backup and backup administrator accounts must be two different accounts' });
  }
  const key = KMS_KEY_ARN.exec(backup.kmsKeyArn);
  if (!key) problems.push({ field: 'kmsKeyArn', message: `"${backup.kmsKeyArn}" is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID)` });
  else if (!MULTI_REGION_KEY_ID.test(key[5])) {
    problems.push({ field: 'kmsKeyArn', message: `key ${key[5]} is not a multi-Region key (its id would begin with "mrk-"): AWS Backup in Control Tower needs one (backup-prerequisites.html)` });
  }
  return problems;
}
