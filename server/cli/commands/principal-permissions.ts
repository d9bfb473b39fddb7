// `lzsim principal-permissions --bundle FILE --principal ARN [--region R] [--json]`: every catalogued action one user
// or role may perform after its identity policies, boundary, SCPs and RCPs, by service and access level.
import { getIamDataCatalog } from '../../catalog/iam-data-source';
import { compileWorld } from '../../engine/world/compile-world';
import { effectivePermissions } from '../../engine/analysis/impact/effective-permissions';
import { UnknownPrincipalError } from '../../engine/world/errors';
import type { ContextEntry } from '../../engine/types';
import { CliError } from '../cli-error';
import { defineCommand, requireOption } from '../command';
import { fileLabel, readBundleWorld } from '../json-input';

const HELP = `Usage: lzsim principal-permissions --bundle FILE --principal ARN [options]

Every action of the IAM catalogue the principal (an IAM user or role ARN, or an account's root) may perform, after
its identity policies, permissions boundary, SCPs and RCPs, grouped by service and access level, with the resource
patterns its identity policies grant it on. "conditional" actions depend on request context the engine lists.

Options:
  --bundle FILE        the AWS export bundle (required; file://PATH or - for standard input)
  --principal ARN      the user, role or root ARN (required)
  --region REGION      assume aws:RequestedRegion
  --json               print JSON
  -h, --help           show this help

Exit codes: 0 printed, 2 bad arguments, unreadable or invalid bundle, unknown principal.`;

/** The principal-permissions subcommand. */
export const principalPermissionsCommand = defineCommand({
  name: 'principal-permissions',
  summary: 'Every action one user or role may perform after identity, boundary, SCP and RCP, by service and access level',
  help: HELP,
  options: { bundle: { type: 'string' }, principal: { type: 'string' }, region: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    requireOption('principal-permissions', values.bundle, '--bundle FILE');
    requireOption('principal-permissions', values.principal, '--principal ARN');
    const { file, world, warnings } = await readBundleWorld(values.bundle, io);
    const context: ContextEntry[] = values.region ? [{ key: 'aws:RequestedRegion', values: [values.region], type: 'string' }] : [];
    const compiled = compileWorld(world);
    // What the bundle reader could not keep (or took from elsewhere) changes what the principal may do: say it.
    for (const warning of [...warnings, ...compiled.warnings]) io.stderr(`lzsim: ${fileLabel(file)}: warning: ${warning}\n`);
    let result;
    try {
      result = effectivePermissions(compiled, values.principal, getIamDataCatalog(), context);
    } catch (error) {
      if (error instanceof UnknownPrincipalError) throw new CliError(`principal-permissions: --principal: ${error.message}`);
      throw error;
    }
    if (values.json) {
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const lines = [`${result.principalArn}: ${result.total} action${result.total === 1 ? '' : 's'} in ${result.services.length} service${result.services.length === 1 ? '' : 's'}`];
    for (const service of result.services) {
      lines.push('', service.service);
      for (const level of service.levels) {
        lines.push(`  ${level.accessLevel} (${level.actions.length})`);
        for (const action of level.actions) {
          lines.push(`    ${action.action}${action.decision === 'conditional' ? ` (depends on ${action.dependsOn?.join(', ')})` : ''} on ${action.resources.join(', ')}`);
        }
      }
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
});

