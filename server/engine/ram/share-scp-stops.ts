// Which recipients of a RAM share their own SCPs stop from using what is shared with them.
// what-is.html ("Any policies and permissions in that account apply to the shared resource") and
// orgs_manage_policies_scps.html (SCPs restrict every principal of a member account, whatever a resource policy grants):
// a recipient can use a shared resource only through the actions of the share's managed permission, and only those its
// SCP chain leaves. The question here is the SCP chain's alone, for any principal of the recipient account, decided
// as the SCP action matrix decides a cell (resource "*": an SCP that names resources makes the answer conditional),
// in the shared resource's Region: a regional resource is used through its Region's endpoint, so aws:RequestedRegion
// is the Region of its ARN (reference_policies_condition-keys.html, aws:RequestedRegion).
// Two refinements need the shared resource itself, so they ask the evaluator with the recipient account's root user
// (a principal every SCP reaches) on each shared resource's ARN:
// - an SCP that names resources (matrix answer "conditional", resource-specific) is decided on the resource's ARN;
// - resource control policies (orgs_manage_policies_rcps.html) apply to the resource's account, the owner: they limit
//   every recipient, inside or outside the organization, but only for the services RCPs support (isRcpSupportedService:
//   S3, STS, SQS, KMS, Secrets Manager… CodeBuild and Resource Groups among RAM's types; EC2, Glue, Route 53 Resolver
//   and most shareable types are not, and their verdicts say so in `rcpNote`).
// A recipient outside the organization is never under this organization's SCPs (its own organization's, if any, are
// not in the design): its verdict is `external` and holds only what the owner's RCPs stop.

import type { Catalog, CatalogAction } from '../catalog/types';
import { scpActionDecisions, type MatrixAction } from '../analysis/scp-action-matrix';
import { evaluate } from '../evaluate/evaluate';
import { isRcpSupportedService } from '../policy/rcp-services';
import type { ContextEntry, RamCustomerPermission } from '../types';
import { compileWorld, type CompiledWorld } from '../world/compile-world';
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
  /** Which chain stops it: the recipient's SCPs, or the owner's RCPs (resource control policies of the resource's account). */
  policyType: 'SCP' | 'RCP';
  /** The shared resource it was decided on, when the answer needed the resource (resource-specific SCP, RCP). */
  resourceArn?: string;
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
  /** The recipient is outside the owner's organization (never under its SCPs; the owner's RCPs still apply). */
  external: boolean;
  /** Why the owner's RCPs do not bear on this share, when they do not (services RCPs do not support). */
  rcpNote?: string;
}

/** The verdicts of every recipient of one share. */
export interface ShareScpVerdicts {
  shareArn: string;
  recipients: RecipientScpVerdict[];
}

/** The permission actions of a share, per resource type (types whose permission's actions are not known grant none). */
function permissionActions(share: NonNullable<CompiledWorld['world']['ramShares']>[number], customer: ReadonlyMap<string, RamCustomerPermission>): Granted[] {
  const out: Granted[] = [];
  const seen = new Map<string, Granted>();
  for (const resource of share.resources) {
    const permission = share.permissions.find((p) => p.resourceType.toLowerCase() === resource.type.toLowerCase());
    if (!permission) continue;
    const region = resource.arn.split(':')[3] ?? '';
    for (const action of sharePermissionGrant(permission, customer).actions) {
      const key = `${permission.resourceType}|${action}|${region}`;
      const known = seen.get(key);
      if (known) {
        known.resources.push(resource.arn);
        continue;
      }
      const entry = { resourceType: permission.resourceType, action, region, resources: [resource.arn] };
      seen.set(key, entry);
      out.push(entry);
    }
  }
  return out;
}

/** One action a share's permission grants on resources of one Region ('' for a global resource). */
interface Granted {
  resourceType: string;
  action: string;
  region: string;
  /** The shared resources of that type in that Region. */
  resources: string[];
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
      policyType: 'SCP',
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
  // A recipient outside the design (an external account known only as a share principal) is asked about through a
  // world that knows its account, with no IAM of its own: only the owner's RCPs are read from its answers.
  let withExternals: CompiledWorld | undefined;
  const worldFor = (accountId: string): CompiledWorld => {
    if (world.org.isKnownAccount(accountId)) return world;
    if (!withExternals) {
      const known = new Set(world.world.accounts.map((a) => a.id));
      const externals = [...new Set(shares.flatMap((share) => shareRecipients(share.principals.filter((p) => p.status === 'ASSOCIATED').map((p) => p.principal), org).map((r) => r.accountId)))].filter((id) => !known.has(id));
      withExternals = compileWorld({
        ...world.world,
        accounts: [...world.world.accounts, ...externals.map((id) => ({ id, name: id }))],
        iam: { ...world.world.iam, ...Object.fromEntries(externals.map((id) => [id, { users: [], groups: [], roles: [], managedPolicies: [] }])) },
      });
    }
    return withExternals;
  };
  return shares.map((share) => {
    const granted = permissionActions(share, customerPermissionsOf(world.world)).flatMap((entry) => {
      const action = catalog.findAction(entry.action);
      return action ? [{ ...entry, catalogAction: action }] : [];
    });
    const associated = share.principals.filter((p) => p.status === 'ASSOCIATED').map((p) => p.principal);
    const accounts = [...new Set(shareRecipients(associated, org).map((r) => r.accountId))].filter((id) => id !== share.ownerAccountId);
    const inside = world.org.isMember(share.ownerAccountId);
    const rcpNote = rcpNoteOf(granted);
    const recipients = accounts.map((accountId): RecipientScpVerdict => {
      const external = !inside || !world.org.isMember(accountId);
      const decisions = external ? [] : decide(world, accountId, granted);
      const base = external
        ? { stop: 'none' as ScpStop, stopped: [], conditional: [], note: 'outside the organization: its own SCPs are not in this design' }
        : verdictOf(granted, decisions);
      // Only answers that depend on nothing but the resource are settled on it; condition keys stay conditional.
      const resourceOnly = new Set(decisions.filter((d) => d.decision === 'conditional' && d.dependsOn?.resourceSpecific && d.dependsOn.conditionKeys.length === 0).map((d) => d.action));
      const refined = refineOnResources(worldFor(accountId), accountId, granted, base, resourceOnly);
      return { accountId, ...refined, ...('note' in base ? { note: base.note } : {}), external, ...(rcpNote ? { rcpNote } : {}) };
    });
    return { shareArn: share.arn, recipients };
  });
}

/** Why the owner's RCPs cannot stop any action of the share: none of its actions is of a service RCPs support. */
function rcpNoteOf(granted: readonly Granted[]): string | undefined {
  if (granted.length === 0 || granted.some((entry) => isRcpSupportedService(entry.action.split(':')[0]))) return undefined;
  const services = [...new Set(granted.map((entry) => entry.action.split(':')[0]))].sort();
  return `RCPs do not apply: ${services.join(', ')} ${services.length === 1 ? 'is' : 'are'} not among the services resource control policies support (orgs_manage_policies_rcps.html)`;
}

/**
 * The verdict with the answers that need the shared resource: resource-specific SCPs decided on each resource's ARN
 * (only for members' answers that depend on the resource alone, `resourceOnly`), and the owner's RCPs for actions of RCP-supported services (for every recipient). An
 * action stopped on every resource of its type is stopped; on some of them, it stays conditional.
 */
function refineOnResources(
  world: CompiledWorld,
  accountId: string,
  granted: readonly (Granted & { catalogAction: CatalogAction })[],
  base: Pick<RecipientScpVerdict, 'stop' | 'stopped' | 'conditional'>,
  resourceOnly: ReadonlySet<string>,
): Pick<RecipientScpVerdict, 'stop' | 'stopped' | 'conditional'> {
  const stopped = [...base.stopped];
  const conditional = new Set(base.conditional);
  const stoppedActions = new Set(stopped.map((s) => `${s.resourceType}|${s.action}`));
  const principalArn = `arn:aws:iam::${accountId}:root`;
  for (const entry of granted) {
    if (stoppedActions.has(`${entry.resourceType}|${entry.action}`)) continue;
    const onResources = resourceOnly.has(entry.catalogAction.id);
    const rcp = isRcpSupportedService(entry.action.split(':')[0]);
    if (!onResources && !rcp) continue;
    const context: ContextEntry[] = entry.region ? [{ key: 'aws:RequestedRegion', values: [entry.region], type: 'string' }] : [];
    const stops = entry.resources.map((resourceArn) => {
      const result = evaluate(world, { principalArn, action: entry.catalogAction.id, resource: resourceArn, context });
      const layer = (name: 'scp' | 'rcp') => result.trace.filter((step) => step.layer === name);
      const denied = (name: 'scp' | 'rcp', code: string) => result.reasons.some((reason) => reason === `${name}-deny` || reason === `${name}-${code}`);
      for (const name of [...(onResources ? ['scp' as const] : []), ...(rcp ? ['rcp' as const] : [])]) {
        if (!denied(name, 'no-allow')) continue;
        const step = layer(name).find((s) => s.outcome === 'deny') ?? layer(name).find((s) => s.outcome === 'noMatch');
        const statement = step?.matched.find((m) => m.effect === 'Deny');
        return {
          resourceArn,
          policyType: name === 'scp' ? 'SCP' as const : 'RCP' as const,
          kind: statement ? 'explicitDeny' as const : 'noAllow' as const,
          ...(statement ? { policyName: statement.policyName } : {}),
          levelName: step?.level?.targetName ?? '',
        };
      }
      return undefined;
    });
    const hits = stops.filter((hit) => hit !== undefined);
    if (hits.length === stops.length && hits.length > 0) {
      const hit = hits[0];
      stopped.push({ action: entry.catalogAction.id, resourceType: entry.resourceType, decision: 'denied', ...hit });
      conditional.delete(entry.catalogAction.id);
    } else if (hits.length > 0) {
      conditional.add(entry.catalogAction.id);
    } else if (onResources && stops.length > 0) {
      // Decided on every shared resource and stopped on none: the SCP names other resources.
      conditional.delete(entry.catalogAction.id);
    }
  }
  const total = new Set(granted.map((entry) => `${entry.resourceType}|${entry.catalogAction.id}`)).size;
  const stop: ScpStop = stopped.length === 0 ? (conditional.size > 0 ? 'conditional' : 'none') : stopped.length >= total ? 'all' : 'some';
  return { stop, stopped, conditional: [...conditional] };
}
