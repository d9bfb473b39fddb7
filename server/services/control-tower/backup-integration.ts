import 'server-only';
import type { LandingZoneStateDto } from '../../db/control-tower';
import * as queries from '../../db/org-mutations-queries';
import { BACKUP_SERVICE_PRINCIPAL, checkBackupIntegration, type BackupIntegration } from '../../engine/control-tower/backup';
import { hasLandingZone4Manifest } from '../../engine/control-tower/quotas';
import { awsError } from '../organizations/aws-errors';
import { moveAccountIn } from '../organizations/accounts';
import type { OperationScope } from '../organizations/mutation';

// The AWS Backup integration turned on or off by UpdateLandingZone (userguide/enable-backup.html, "First part: Set up
// backups for your landing zone"). Turning it on puts the two accounts in the Security OU (backup-resources.html:
// "Which OU contains the account? Security OU") and makes the backup administrator account the delegated
// administrator of AWS Backup ("This is the delegated administrator account for AWS Backup"), with trusted access for
// backup.amazonaws.com. Turning it off drops the manifest's settings only: what Control Tower removes from the
// accounts then is not documented on these pages, so the delegation and the accounts' place are kept.

const validation = (message: string) => awsError('INVALID_INPUT', 'ValidationException', message);

/** UpdateLandingZone's backup choice: on with its accounts and key, or off. */
export type BackupChoice = { enabled: false } | ({ enabled: true } & BackupIntegration);

/** Applies the AWS Backup choice to the landing zone (inside UpdateLandingZone's transaction). */
export async function applyBackupIn(scope: OperationScope, landingZone: LandingZoneStateDto, version: string, choice: BackupChoice): Promise<void> {
  if (!choice.enabled) {
    if (landingZone.backup) await scope.writer.update('landingZone', landingZone.id, { backup: null });
    return;
  }
  if (!hasLandingZone4Manifest(version)) {
    throw validation(`The AWS Backup integration is part of the landing zone 4.0 manifest (lz-api-launch.html); this landing zone is ${version}.`);
  }
  const { designId } = scope.context;
  const accountNumber = async (rowId: string | null) => (rowId ? (await queries.findAccount(scope.db, designId, rowId))?.accountId ?? null : null);
  const [admin, central] = await Promise.all([queries.findAccount(scope.db, designId, choice.backupAdminAccountId), queries.findAccount(scope.db, designId, choice.centralBackupAccountId)]);
  const backup: BackupIntegration = {
    backupAdminAccountId: admin?.accountId ?? choice.backupAdminAccountId,
    centralBackupAccountId: central?.accountId ?? choice.centralBackupAccountId,
    kmsKeyArn: choice.kmsKeyArn,
  };
  const management = scope.context.managementAccountNumber ?? '';
  const problems = checkBackupIntegration(backup, {
    managementAccountId: management,
    logArchiveAccountId: await accountNumber(landingZone.logArchiveAccountId),
    auditAccountId: await accountNumber(landingZone.auditAccountId),
    isMember: (accountId) => [admin, central].some((a) => a?.accountId === accountId && (a.parentOuId !== null || a.parentRootId !== null)),
  });
  if (problems.length > 0) throw validation(`AWS Backup: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`);
  const same = landingZone.backup && landingZone.backup.backupAdminAccountId === backup.backupAdminAccountId && landingZone.backup.centralBackupAccountId === backup.centralBackupAccountId;
  if (!same) {
    // "You must allocate or create two other AWS accounts that are not enrolled in AWS Control Tower" (backup-prerequisites.html).
    const enrolled = [admin!, central!].filter((a) => landingZone.enrolledAccounts.some((e) => e.accountRowId === a.id));
    if (enrolled.length > 0) {
      throw validation(`The backup accounts must not be enrolled in AWS Control Tower; ${enrolled.map((a) => `${a.name} (${a.accountId})`).join(' and ')} ${enrolled.length === 1 ? 'is' : 'are'} (backup-prerequisites.html).`);
    }
  }
  if (!landingZone.securityOuId) throw validation('The backup accounts go in the Security OU, and this landing zone has none: reset the landing zone first.');
  for (const account of [admin!, central!]) {
    if (account.parentOuId !== landingZone.securityOuId) await moveAccountIn(scope, { accountId: account.id, destinationParentId: landingZone.securityOuId });
  }
  await delegateBackupAdministration(scope, admin!.id);
  await scope.writer.update('landingZone', landingZone.id, { backup: { ...backup } });
}

/** Trusted access for AWS Backup and its delegated administrator, as Control Tower sets them up (one per organization). */
async function delegateBackupAdministration(scope: OperationScope, accountRowId: string): Promise<void> {
  const organizationId = scope.context.organization.id;
  const access = await queries.listServiceAccess(scope.db, organizationId);
  if (!access.some((s) => s.servicePrincipal === BACKUP_SERVICE_PRINCIPAL)) {
    await scope.writer.create('serviceAccess', { organizationId, servicePrincipal: BACKUP_SERVICE_PRINCIPAL });
  }
  const delegations = (await queries.listDelegatedAdmins(scope.db, organizationId)).filter((d) => d.servicePrincipal === BACKUP_SERVICE_PRINCIPAL);
  if (delegations.some((d) => d.accountId === accountRowId)) return;
  // AWS Backup accepts one delegated administrator (delegated-admin-services.ts): another one is in the way.
  if (delegations.length > 0) {
    const other = await queries.findAccount(scope.db, scope.context.designId, delegations[0].accountId);
    throw validation(`AWS Backup already has a delegated administrator, ${other ? `${other.name} (${other.accountId})` : delegations[0].accountId}: deregister it, or choose it as the backup administrator account.`);
  }
  await scope.writer.create('delegatedAdmin', { organizationId, accountId: accountRowId, servicePrincipal: BACKUP_SERVICE_PRINCIPAL });
}
