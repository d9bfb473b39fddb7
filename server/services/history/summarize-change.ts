import 'server-only';
import type { Db } from '../../db/client';
import { readEntityNames } from '../../db/entity-names';
import type { RowChange } from '../../db/org-mutations';
import { findQuota } from '../../engine/quota-catalog';

// One sentence per history entry that names what changed ("Create OU Payments under Workloads"), written with
// the entry so the history list never has to replay payloads. Operations without a sentence here are shown by
// their label alone (components/history/operation-labels.ts).

const POLICY_TYPE_SHORT: Record<string, string> = {
  SERVICE_CONTROL_POLICY: 'SCP',
  RESOURCE_CONTROL_POLICY: 'RCP',
  TAG_POLICY: 'tag policy',
  BACKUP_POLICY: 'backup policy',
  AISERVICES_OPT_OUT_POLICY: 'AI opt-out policy',
  DECLARATIVE_POLICY_EC2: 'EC2 policy',
  S3_POLICY: 'Amazon S3 policy',
};
const POLICY_TYPE_PLURAL: Record<string, string> = {
  SERVICE_CONTROL_POLICY: 'service control policies',
  RESOURCE_CONTROL_POLICY: 'resource control policies',
  TAG_POLICY: 'tag policies',
  BACKUP_POLICY: 'backup policies',
  AISERVICES_OPT_OUT_POLICY: 'AI services opt-out policies',
  DECLARATIVE_POLICY_EC2: 'EC2 policies',
  S3_POLICY: 'Amazon S3 policies',
};

type Row = Record<string, unknown>;

/** The operations whose sentence names a parent, target or policy: only these read names (four queries). */
const OPERATIONS_NAMING_OTHERS = new Set([
  'createOrganizationalUnit',
  'moveOrganizationalUnit',
  'moveAccount',
  'deleteOrganizationalUnit',
  'createAccount',
  'attachPolicy',
  'detachPolicy',
  'promotePolicy',
]);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** True when the operation's sentence reads names from the database (so it must see the edit's writes). */
export function summaryReadsNames(operation: string): boolean {
  return OPERATIONS_NAMING_OTHERS.has(operation);
}

/** The sentence for one applied operation, or null when the label says enough. */
export async function summarizeChange(db: Db, operation: string, input: unknown, changes: readonly RowChange[]): Promise<string | null> {
  const rowsOf = (kind: RowChange['kind']) => changes.filter((change) => change.kind === kind);
  const first = (kind: RowChange['kind']) => rowsOf(kind)[0];
  const parentOf = (row: Row | null) => (row ? str(row.parentOuId) ?? str(row.parentRootId) ?? str(row.rootId) : null);
  // Names of everything the sentence may mention, read after the change (a deleted row's name is in `before`).
  const referenced = changes.flatMap((change) => [change.before, change.after]).flatMap((row) =>
    row ? [str(row.parentOuId), str(row.parentRootId), str(row.policyId), str(row.ouId), str(row.accountId), str(row.rootId)] : []);
  const names = summaryReadsNames(operation)
    ? await readEntityNames(db, referenced.filter((id): id is string => id !== null))
    : new Map<string, string>();
  const nameOf = (id: string | null) => (id ? names.get(id) ?? 'Root' : 'Root');
  const args = (typeof input === 'object' && input !== null ? input : {}) as Row;

  switch (operation) {
    case 'createOrganizationalUnit': {
      const ou = first('ou')?.after;
      return ou ? `Create OU ${str(ou.name)} under ${nameOf(parentOf(ou))}` : null;
    }
    case 'renameOrganizationalUnit':
    case 'renameAccount': {
      const change = first(operation === 'renameAccount' ? 'account' : 'ou');
      const noun = operation === 'renameAccount' ? 'account' : 'OU';
      return change?.before && change.after ? `Rename ${noun} ${str(change.before.name)} to ${str(change.after.name)}` : null;
    }
    case 'moveOrganizationalUnit':
    case 'moveAccount': {
      const change = first(operation === 'moveAccount' ? 'account' : 'ou');
      const noun = operation === 'moveAccount' ? 'account' : 'OU';
      return change?.before && change.after
        ? `Move ${noun} ${str(change.after.name)} from ${nameOf(parentOf(change.before))} to ${nameOf(parentOf(change.after))}`
        : null;
    }
    case 'deleteOrganizationalUnit': {
      const ou = first('ou')?.before;
      return ou ? `Delete OU ${str(ou.name)} from ${nameOf(parentOf(ou))}` : null;
    }
    case 'createAccount': {
      const account = rowsOf('account').find((change) => change.before === null)?.after;
      return account ? `Create account ${str(account.name)} under ${nameOf(parentOf(account))}` : null;
    }
    case 'setAccountOtherOrganization': {
      const change = first('account');
      if (!change?.before || !change.after) return null;
      const organization = str(change.after.otherOrganizationId);
      return organization ? `Place account ${str(change.after.name)} in organization ${organization}` : `Place account ${str(change.after.name)} in no known organization`;
    }
    case 'putAccountPublicAccessBlock': {
      const change = first('account');
      if (!change?.after) return null;
      return change.after.s3PublicAccessBlock ? `Set the S3 Block Public Access of account ${str(change.after.name)}` : `Delete the S3 Block Public Access of account ${str(change.after.name)}`;
    }
    case 'inviteAccount':
      return typeof args.accountId === 'string' ? `Invite account ${args.accountId}` : null;
    case 'removeAccount': {
      const account = first('account')?.before;
      return account ? `Remove account ${str(account.name)} from the organization` : null;
    }
    case 'createPolicy':
    case 'updatePolicy':
    case 'deletePolicy': {
      const change = first('policy');
      const row = change?.after ?? change?.before;
      if (!row) return null;
      const verb = operation === 'createPolicy' ? 'Create' : operation === 'updatePolicy' ? 'Edit' : 'Delete';
      const renamed = change?.before && change.after && change.before.name !== change.after.name ? ` (was ${str(change.before.name)})` : '';
      return `${verb} ${POLICY_TYPE_SHORT[String(row.type)] ?? 'policy'} ${str(row.name)}${renamed}`;
    }
    case 'attachPolicy':
    case 'detachPolicy': {
      const change = first('attachment');
      const row = change?.after ?? change?.before;
      if (!row) return null;
      const policyId = str(row.policyId);
      const target = str(row.ouId) ?? str(row.accountId) ?? str(row.rootId);
      const attach = operation === 'attachPolicy';
      return `${attach ? 'Attach' : 'Detach'} ${names.get(policyId ?? '') ?? 'policy'} ${attach ? 'to' : 'from'} ${nameOf(target)}`;
    }
    case 'promotePolicy': {
      // One attachment created (production), one deleted (staging).
      const created = changes.find((change) => change.kind === 'attachment' && change.after)?.after;
      const deleted = changes.find((change) => change.kind === 'attachment' && change.before && !change.after)?.before;
      if (!created || !deleted) return null;
      const targetOf = (row: typeof created) => str(row.ouId) ?? str(row.accountId) ?? str(row.rootId);
      return `Promote ${names.get(str(created.policyId) ?? '') ?? 'policy'} from ${nameOf(targetOf(deleted))} to ${nameOf(targetOf(created))}`;
    }
    case 'enablePolicyType':
    case 'disablePolicyType': {
      const plural = POLICY_TYPE_PLURAL[String(args.type)];
      return plural ? `${operation === 'enablePolicyType' ? 'Enable' : 'Disable'} ${plural} on the root` : null;
    }
    case 'setServiceQuota': {
      const quota = findQuota(String(args.quotaKey));
      if (!quota) return null;
      return typeof args.value === 'number'
        ? `Raise ${quota.name.charAt(0).toLowerCase()}${quota.name.slice(1)} to ${args.value.toLocaleString('en-US')}`
        : `Return ${quota.name.charAt(0).toLowerCase()}${quota.name.slice(1)} to AWS's default (${quota.defaultValue.toLocaleString('en-US')})`;
    }
    default:
      return null;
  }
}
