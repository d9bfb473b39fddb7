// Which recipients of a RAM share their own SCPs stop from using what is shared with them.
// what-is.html ("Any policies and permissions in that account apply to the shared resource") and
// orgs_manage_policies_scps.html (SCPs restrict every principal of a member account, whatever a resource policy grants):
// a recipient can use a shared resource only through the actions of the share's managed permission, and only those its
// SCP chain leaves. The question here is the SCP chain's alone, for any principal of the recipient account, decided
// as the SCP action matrix decides a cell (resource "*": an SCP that names resources makes the answer conditional),
// in the shared resource's Region: a regional resource is used through its Region's endpoint, so aws:RequestedRegion
// is the Region of its ARN (reference_policies_condition-keys.html, aws:RequestedRegion).

import type { Catalog, CatalogAction } from '../catalog/types';
import { scpActionDecisions, type MatrixAction } from '../analysis/scp-action-matrix';
import type { ContextEntry, RamCustomerPermission } from '../types';
import type { CompiledWorld } from '../world/compile-world';
import { customerPermissionsOf, organizationViewOf, sharePermissionGrant } from './ram-grants';
import { shareRecipients } from './share-principals';

/** How far a recipient's SCPs stop it from using a share: none of the permission's actions, some, all, or it depends. */
export type ScpStop = 'none' | 'some' | 'all' | 'conditional';

/** One action of a share's permission that a recipient's SCPs deny, and where. */
export interface StoppedAction {
  /** The action, e.g. "ec2:RunInstances". */
  action: string;
  /** The shared resource type whose permission grants it. */
  resourceType: string;
  /** denied: for every principal; deniedExcept: for every principal but those the SCP exempts. */
  decision: 'denied' | 'deniedExcept';
  /** The denying SCP's name, when a Deny statement stops it (absent when no SCP at a level allows it). */
  policyName?: string;
  /** The level (root, OU or account) that stops it. */
  levelName: string;
  /** explicitDeny, noAllow or serviceRule (as the SCP matrix says). */
  kind: 'explicitDeny' | 'noAllow' | 'serviceRule';
}

/** One recipient account of a share and what its SCPs leave of the share's permission. */
export interface RecipientScpVerdict {
  accountId: string;
  stop: ScpStop;
  /** Actions denied by the account's SCPs, with their source. */
  stopped: StoppedAction[];
  /** Actions whose answer depends on request conditions or specific resources. */
  conditional: string[];
  /** Why SCPs do not apply, when they do not (outside the organization, management account...). */
  note?: string;
}

/** The verdicts of every recipient of one share. */
export interface ShareScpVerdicts {
  shareArn: string;
  recipients: RecipientScpVerdict[];
}

/** The permission actions of a share, per resource type (types whose permission's actions are not known grant none). */
function permissionActions(share: NonNullable<CompiledWorld['world']['ramShares']>[number], customer: ReadonlyMap<string, RamCustomerPermission>): Granted[] {
  const out: Granted[] = [];
  const seen = new Set<string>();
  for (const resource of share.resources) {
    const permission = share.permissions.find((p) => p.resourceType.toLowerCase() === resource.type.toLowerCase());
    if (!permission) continue;
    const region = resource.arn.split(':')[3] ?? '';
    for (const action of sharePermissionGrant(permission, customer).actions) {
      const key = `${permission.resourceType}|${action}|${region}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ resourceType: permission.resourceType, action, region });
    }
  }
  return out;
}

/** One action a share's permission grants on resources of one Region ('' for a global resource). */
interface Granted {
  resourceType: string;
  action: string;
  region: string;
}

/** The SCP decisions of the granted actions, asked per Region with aws:RequestedRegion set to it. */
function decide(world: CompiledWorld, accountId: string, granted: readonly (Granted & { catalogAction: CatalogAction })[]): MatrixAction[] {
  const out = new Array<MatrixAction>(granted.length);
  for (const region of new Set(granted.map((entry) => entry.region))) {
    const indexes = granted.map((entry, index) => (entry.region === region ? index : -1)).filter((index) => index >= 0);
    const context: ContextEntry[] = region ? [{ key: 'aws:RequestedRegion', values: [region], type: 'string' }] : [];
    const decisions = scpActionDecisions(world, accountId, indexes.map((index) => granted[index].catalogAction), context);
    indexes.forEach((index, position) => { out[index] = decisions[position]; });
  }
  return out;
}

function verdictOf(granted: readonly Granted[], decisions: MatrixAction[]): Pick<RecipientScpVerdict, 'stop' | 'stopped' | 'conditional'> {
  const stopped: StoppedAction[] = [];
  const conditional: string[] = [];
  decisions.forEach((decision, index) => {
    if (decision.decision === 'conditional') conditional.push(decision.action);
    if (decision.decision !== 'denied' && decision.decision !== 'deniedExcept') return;
    const by = decision.deniedBy;
    stopped.push({
      action: decision.action,
      resourceType: granted[index].resourceType,
      decision: decision.decision,
      ...(by?.policyName ? { policyName: by.policyName } : {}),
      levelName: by?.level.targetName ?? '',
      kind: by?.kind ?? 'noAllow',
    });
  });
  const stop: ScpStop = stopped.length === 0
    ? (conditional.length > 0 ? 'conditional' : 'none')
    : stopped.length === decisions.length ? 'all' : 'some';
  return { stop, stopped, conditional };
}

/**
 * For every share of the world and every account its ASSOCIATED principals reach (the owner aside), what that
 * account's SCP chain leaves of the share's permission actions. Actions the catalogue does not know are left out.
 */
export function shareScpVerdicts(world: CompiledWorld, catalog: Catalog): ShareScpVerdicts[] {
  const shares = world.world.ramShares ?? [];
  if (shares.length === 0) return [];
  const org = organizationViewOf(world.world);
  return shares.map((share) => {
    const granted = permissionActions(share, customerPermissionsOf(world.world)).flatMap((entry) => {
      const action = catalog.findAction(entry.action);
      return action ? [{ ...entry, catalogAction: action }] : [];
    });
    const associated = share.principals.filter((p) => p.status === 'ASSOCIATED').map((p) => p.principal);
    const accounts = [...new Set(shareRecipients(associated, org).map((r) => r.accountId))].filter((id) => id !== share.ownerAccountId);
    const recipients = accounts.map((accountId): RecipientScpVerdict => {
      if (!world.org.isMember(accountId)) {
        return { accountId, stop: 'none', stopped: [], conditional: [], note: 'outside the organization: its own SCPs are not in this design' };
      }
      return { accountId, ...verdictOf(granted, decide(world, accountId, granted)) };
    });
    return { shareArn: share.arn, recipients };
  });
}
