// `lzsim impact --bundle FILE --change CHANGE.json [--region R] [--json]`: what a pending change would do to an
// organization, before anyone makes it. CHANGE.json holds AWS Organizations API calls in their request shapes; they
// are applied to a copy of the bundle's organization and the org-wide matrix before and after is compared: the
// (account, action) cells that flip, by service, and the users and roles that gain or lose actions.
import { getIamDataCatalog } from '../../catalog/iam-data-source';
import { onlyOrganizationsCalls, readChangeCalls } from '../../engine/analysis/impact/change-file';
import type { ChangeCall, DesignChangeImpact } from '../../engine/analysis/impact/design-change';
import { applyOrganizationsCalls, ORGANIZATIONS_CALLS, readOrganizationsCalls, type CallError } from '../../engine/analysis/impact/organizations-calls';
import { compileWorld } from '../../engine/world/compile-world';
import { previewImpact, type ImpactPreview } from '../../engine/analysis/impact/preview-impact';
import type { ContextEntry } from '../../engine/types';
import { CliError } from '../cli-error';
import { defineCommand, requireOption, type CliIo } from '../command';
import { fileLabel, inputError, readBundleWorld, readJsonFile, stripFileScheme } from '../json-input';

const HELP = `Usage: lzsim impact --bundle FILE --change CHANGE.json [options]

What a pending change would do: the calls in CHANGE.json are applied to a copy of the bundle's organization (nothing
is written anywhere), and every account × every catalogued action is compared under the SCP chain (principals of
the account) and the RCP chain (its resources, RCP-supported services) before and after. Prints the cells that
flip, grouped by service, and the IAM users and roles that gain or lose actions (judged with their identity
policies, boundary, SCPs and RCPs on resource "*").

CHANGE.json is a JSON array of calls, each an object with one key naming the operation and its request in AWS's
shape, e.g.
  [{"CreatePolicy": {"Name": "DenyRunInstances", "Type": "SERVICE_CONTROL_POLICY", "Content": "{...}"}},
   {"AttachPolicy": {"PolicyId": "DenyRunInstances", "TargetId": "ou-ab12-workloads"}},
   {"MoveAccount": {"AccountId": "111122223333", "SourceParentId": "ou-ab12-sandbox", "DestinationParentId": "ou-ab12-workloads"}}]
Operations: ${ORGANIZATIONS_CALLS.join(', ')}. A policy or OU created earlier in the file may be named by its Name.
Calls are checked as Organizations checks them (last SCP detach, depth and attachment quotas, ...).

Other APIs' calls, in their own request shapes, may be mixed in; an IAM call names its account with "AccountId":
  [{"AttachRolePolicy": {"RoleName": "Deploy", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}, "AccountId": "111122223333"},
   {"PutRolePolicy": {"RoleName": "Deploy", "PolicyName": "inline", "PolicyDocument": "{...}"}, "AccountId": "111122223333"},
   {"CreatePolicyVersion": {"PolicyArn": "arn:aws:iam::111122223333:policy/P", "PolicyDocument": "{...}", "SetAsDefault": true}, "AccountId": "111122223333"},
   {"EnableControl": {"controlIdentifier": "AWS-GR_RESTRICT_ROOT_USER", "targetIdentifier": "arn:aws:organizations::...:ou/o-.../ou-..."}},
   {"AssociateResourceShare": {"resourceShareArn": "arn:aws:ram:...", "principals": ["222233334444"]}}]
IAM: the user, group, role and managed-policy calls (Attach/Detach/Put/Delete<Role|User|Group>Policy,
CreatePolicy, CreatePolicyVersion, ...); Control Tower: EnableControl, DisableControl; RAM: AssociateResourceShare,
DisassociateResourceShare; Organizations also EnablePolicyType, TagResource, ... (management policies: their
effective tag, backup and AI opt-out policies that change are listed). Such a file also lists the principals that
gain or lose use of a shared resource.

Options:
  --bundle FILE        the AWS export bundle (required; file://PATH or - for standard input)
  --change FILE        the calls (required)
  --region REGION      assume aws:RequestedRegion (region conditions are otherwise "depends on context")
  --json               print JSON
  --max-actions N      flipped actions listed per group of accounts (default 200; counts are always complete)
  -h, --help           show this help

Exit codes: 0 previewed (even when nothing flips), 2 bad arguments, an unreadable file, or a call AWS would refuse
(one line naming the file and the JSON path).`;

/** The impact subcommand. */
export const impactCommand = defineCommand({
  name: 'impact',
  summary: 'Preview what Organizations API calls (attach, detach, update, move, ...) would change for every account and principal',
  help: HELP,
  options: {
    bundle: { type: 'string' }, change: { type: 'string' }, region: { type: 'string' }, json: { type: 'boolean' },
    'max-actions': { type: 'string' },
  },
  async run({ values }, io) {
    requireOption('impact', values.bundle, '--bundle FILE');
    requireOption('impact', values.change, '--change FILE');
    const maxActions = values['max-actions'] === undefined ? 200 : Number(values['max-actions']);
    if (!Number.isInteger(maxActions) || maxActions < 0) throw new CliError(`impact: --max-actions: expected a whole number, got "${values['max-actions']}"`);

    const changeFile = stripFileScheme(values.change);
    const changeJson = await readJsonFile(changeFile, io);
    const readAny = readChangeCalls(changeJson);
    if (!readAny.ok) throw callError(changeFile, readAny.error);
    const context: ContextEntry[] = values.region ? [{ key: 'aws:RequestedRegion', values: [values.region], type: 'string' }] : [];
    if (!onlyOrganizationsCalls(readAny.value)) {
      const impact = await designImpact(values.bundle, changeFile, readAny.value, context, maxActions, io);
      const calls = readAny.value.length;
      io.stdout(values.json ? `${JSON.stringify(impactJson(impact.preview, calls, [], impact), null, 2)}\n` : impactText(impact.preview, calls, [], values.region, impact));
      return 0;
    }
    const { file, world, warnings } = await readBundleWorld(values.bundle, io);
    const read = readOrganizationsCalls(changeJson);
    if (!read.ok) throw callError(changeFile, read.error);
    const applied = applyOrganizationsCalls(world, read.value);
    if (!applied.ok) throw callError(changeFile, applied.error);
    for (const warning of warnings) io.stderr(`lzsim: ${fileLabel(file)}: warning: ${warning}\n`);

    const before = compileWorld(world);
    const after = compileWorld(applied.value.world, before);
    const preview = previewImpact(before, after, getIamDataCatalog(), { context, maxActions });
    io.stdout(values.json ? `${JSON.stringify(impactJson(preview, read.value.length, applied.value.created), null, 2)}\n` : impactText(preview, read.value.length, applied.value.created, values.region));
    return 0;
  },
});

/**
 * IAM, Control Tower, RAM or management-policy calls: applied to the bundle's model (the engine's design-change
 * path, the one impact.preview uses), then the matrix, the principals, the effective management policies and the
 * use of shared resources compared. The engine parts are loaded only for such a file.
 */
async function designImpact(bundleArgument: string, changeFile: string, calls: ChangeCall[], context: ContextEntry[], maxActions: number, io: CliIo): Promise<DesignChangeImpact> {
  const bundleFile = stripFileScheme(bundleArgument);
  const bundle = await readJsonFile(bundleFile, io);
  const [{ readAwsBundleWith }, { loadControlCatalogueFor }, { applyChangeCalls, previewDesignChange }] = await Promise.all([
    import('../../engine/aws/bundle/read-bundle'), import('../../engine/aws/bundle/load-catalogue'), import('../../engine/analysis/impact/design-change'),
  ]);
  const read = readAwsBundleWith(bundle, await loadControlCatalogueFor(bundle));
  if (!read.ok) throw inputError(bundleFile, read.problems);
  const applied = applyChangeCalls(read.design, calls);
  if (!applied.ok) throw callError(changeFile, applied.error);
  for (const warning of read.warnings) io.stderr(`lzsim: ${fileLabel(bundleFile)}: warning: ${warning}\n`);
  return previewDesignChange(read.design, applied.value, getIamDataCatalog(), { context, maxActions });
}

function callError(file: string, error: CallError): CliError {
  const code = error.awsCode ? `${error.awsCode}${error.awsReason ? ` (${error.awsReason})` : ''}: ` : '';
  return new CliError(`${fileLabel(file)}: ${error.path}: ${code}${error.message}`);
}

function accountLabel(preview: ImpactPreview, accountId: string): string {
  const name = preview.after.account(accountId)?.accountName;
  return name ? `${accountId} (${name})` : accountId;
}

/** The preview as JSON (keys in AWS's PascalCase, like the other bundle commands). */
export function impactJson(preview: ImpactPreview, calls: number, created: { kind: string; name: string; id: string }[], more?: Pick<DesignChangeImpact, 'management' | 'resources'>) {
  const { diff } = preview;
  return {
    Calls: calls,
    Created: created.map((entry) => ({ Kind: entry.kind, Name: entry.name, Id: entry.id })),
    ChangedCells: diff.changedCells,
    ChangedAccounts: diff.changedAccounts,
    Services: diff.services.map((service) => ({ Service: service.service, BecameAllowed: service.becameAllowed, BecameDenied: service.becameDenied, Changed: service.changed })),
    Groups: diff.transitions.map((transition) => ({
      Side: transition.side.toUpperCase(),
      Accounts: transition.accountIds,
      Services: transition.services.map((service) => ({ Service: service.service, BecameAllowed: service.becameAllowed, BecameDenied: service.becameDenied, Changed: service.changed })),
      Actions: transition.actions.map((flip) => ({ Action: flip.action, Before: flip.before, After: flip.after })),
      ActionsLeftOut: transition.actionsLeftOut,
    })),
    Principals: preview.principals.map((principal) => ({ PrincipalArn: principal.principalArn, AccountId: principal.accountId, Gains: principal.gained, Loses: principal.lost })),
    PrincipalsTruncated: preview.principalsTruncated,
    AddedAccounts: diff.addedAccounts,
    RemovedAccounts: diff.removedAccounts,
    ...(more ? {
      ManagementPolicies: more.management.map((change) => ({ AccountId: change.accountId, AccountName: change.accountName, Type: change.type, Keys: change.keys, Before: change.before, After: change.after })),
      SharedResources: more.resources.map((change) => ({ ResourceArn: change.resourceArn, PrincipalArn: change.principalArn, AccountId: change.accountId, Gains: change.gained, Loses: change.lost })),
    } : {}),
  };
}

function impactText(preview: ImpactPreview, calls: number, created: { kind: string; name: string; id: string }[], region: string | undefined, more?: Pick<DesignChangeImpact, 'management' | 'resources'>): string {
  const { diff } = preview;
  const lines = [`${calls} call${calls === 1 ? '' : 's'} applied to a copy of the organization${region ? ` (aws:RequestedRegion=${region})` : ''}`];
  for (const entry of created) lines.push(`  created ${entry.kind === 'ou' ? 'OU' : 'policy'} ${entry.name}: ${entry.id}`);
  const quiet = preview.principals.length === 0 && (more?.management.length ?? 0) === 0 && (more?.resources.length ?? 0) === 0;
  if (diff.changedCells === 0 && quiet) {
    lines.push('nothing flips: every account keeps the same decision on every action');
    return `${lines.join('\n')}\n`;
  }
  if (diff.changedCells === 0) lines.push('no (account, action) cell flips under SCPs and RCPs');
  else lines.push(`${diff.changedCells} (account, action) cell${diff.changedCells === 1 ? '' : 's'} flip in ${diff.changedAccounts} account${diff.changedAccounts === 1 ? '' : 's'}`);
  lines.push('', 'by service (cells):');
  for (const service of diff.services.slice(0, 30)) {
    lines.push(`  ${service.service.padEnd(24)} ${String(service.changed).padStart(7)} changed  ${String(service.becameDenied).padStart(7)} become denied  ${String(service.becameAllowed).padStart(7)} become allowed`);
  }
  if (diff.services.length > 30) lines.push(`  ... and ${diff.services.length - 30} more services`);
  for (const transition of diff.transitions) {
    const shown = transition.accountIds.slice(0, 5).map((id) => accountLabel(preview, id)).join(', ');
    const more = transition.accountIds.length > 5 ? ` and ${transition.accountIds.length - 5} more` : '';
    lines.push('', `${transition.side.toUpperCase()} side, ${transition.accountIds.length} account${transition.accountIds.length === 1 ? '' : 's'}: ${shown}${more}`);
    for (const flip of transition.actions) lines.push(`  ${flip.action.padEnd(48)} ${flip.before} → ${flip.after}`);
    if (transition.actionsLeftOut > 0) lines.push(`  ... and ${transition.actionsLeftOut} more actions (--max-actions, --json)`);
  }
  if (preview.principals.length > 0) {
    lines.push('', 'principals:');
    for (const principal of preview.principals) {
      if (principal.lost.length > 0) lines.push(`  ${principal.principalArn} loses ${principal.lost.join(', ')}`);
      if (principal.gained.length > 0) lines.push(`  ${principal.principalArn} gains ${principal.gained.join(', ')}`);
    }
  }
  if (preview.principalsTruncated) lines.push('  (more principals not judged: the evaluation budget ran out)');
  if (more && more.management.length > 0) {
    lines.push('', 'effective management policies that change:');
    for (const change of more.management) lines.push(`  ${change.accountId} (${change.accountName}) ${change.type}: ${change.before === null ? 'none before; ' : change.after === null ? 'none after; ' : ''}${change.keys.join(', ')}`);
  }
  if (more && more.resources.length > 0) {
    lines.push('', 'use of shared resources:');
    for (const change of more.resources) {
      if (change.lost.length > 0) lines.push(`  ${change.principalArn} may no longer use ${change.resourceArn}: ${change.lost.join(', ')}`);
      if (change.gained.length > 0) lines.push(`  ${change.principalArn} may now use ${change.resourceArn}: ${change.gained.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

