// `lzsim who-can --bundle FILE --action A --resource ARN [--json]`: every principal of the bundle that can do the
// action on the resource, directly or through role chains, each with its path and the engine's trace for the last hop.
import { buildAccessGraph } from '../../engine/access/access-graph';
import { DEFAULT_MAX_HOPS, whoCanDo } from '../../engine/access/access-queries';
import { outsideAccessTo } from '../../engine/access/external-access-findings';
import { toEvaluationResult } from '../../engine/aws/results';
import type { ContextEntry } from '../../engine/types';
import { roleSessionArn } from '../../engine/world/principals';
import { CliError } from '../cli-error';
import { defineCommand, requireOption } from '../command';
import { readBundleWorld, fileLabel } from '../json-input';
import { describeNode, describePath, pathJson } from './access-output';
import { explain } from './simulate';

const HELP = `Usage: lzsim who-can --bundle FILE --action ACTION --resource ARN [options]

Who can do ACTION on the resource ARN, across every account of an AWS export bundle: principals whose own
request the engine allows, and principals that reach such a role through assume-role chains (trust policies,
identity policies, SCPs, RCPs and boundaries all evaluated). "Conditional" answers need request context the
caller must supply (an ExternalId, MFA, session tags, ...): the path says which. Principals outside the
organization that the resource's own policy lets in (a public bucket, a partner account) are listed after them,
as external-access findings: their own account's policies, which the bundle cannot show, decide the rest.

Options:
  --bundle FILE          the AWS export bundle (required; file://PATH or - for standard input)
  --action ACTION        e.g. s3:GetObject (required)
  --resource ARN         the resource ARN (required)
  --resource-owner ID    the resource's account when the ARN has none (S3)
  --region REGION        aws:RequestedRegion of the final request (default: none, region conditions stay open)
  --max-hops N           longest role chain to follow (default ${DEFAULT_MAX_HOPS})
  --json                 print JSON (each answer's last hop in simulate-principal-policy's EvaluationResult shape)
  -h, --help             show this help

Exit codes: 0 answered (even when nobody can), 2 bad arguments, unreadable or invalid bundle.`;

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

/** The who-can subcommand. */
export const whoCanCommand = defineCommand({
  name: 'who-can',
  summary: 'Who can do an action on a resource, directly or through role chains',
  help: HELP,
  options: {
    bundle: { type: 'string' }, action: { type: 'string' }, resource: { type: 'string' }, 'resource-owner': { type: 'string' },
    region: { type: 'string' }, 'max-hops': { type: 'string' }, json: { type: 'boolean' },
  },
  async run({ values }, io) {
    requireOption('who-can', values.bundle, '--bundle FILE');
    if (!values.action || !ACTION.test(values.action)) throw new CliError(`who-can: --action: expected SERVICE:ACTION such as s3:GetObject, got "${values.action ?? ''}"`);
    if (!values.resource || (values.resource !== '*' && !/^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+$/.test(values.resource))) {
      throw new CliError(`who-can: --resource: expected an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE), got "${values.resource ?? ''}"`);
    }
    if (values['resource-owner'] !== undefined && !/^\d{12}$/.test(values['resource-owner'])) throw new CliError(`who-can: --resource-owner: expected a 12-digit account id, got "${values['resource-owner']}"`);
    const maxHops = values['max-hops'] === undefined ? DEFAULT_MAX_HOPS : Number(values['max-hops']);
    if (!Number.isInteger(maxHops) || maxHops < 0 || maxHops > 20) throw new CliError(`who-can: --max-hops: expected a whole number from 0 to 20, got "${values['max-hops']}"`);

    const { file, world, warnings } = await readBundleWorld(values.bundle, io);
    const graph = buildAccessGraph(world);
    const context: ContextEntry[] = values.region ? [{ key: 'aws:RequestedRegion', values: [values.region], type: 'string' }] : [];
    const query = {
      action: values.action, resource: values.resource, context, maxHops,
      ...(values['resource-owner'] ? { resourceAccount: values['resource-owner'] } : {}),
    };
    const result = whoCanDo(graph, query);
    const outside = outsideAccessTo(graph.compiled, query.action, query.resource, { analyzedAt: new Date().toISOString() });
    for (const warning of [...warnings, ...graph.compiled.warnings]) io.stderr(`lzsim: ${fileLabel(file)}: warning: ${warning}\n`);

    // A session-named answer's last request is made by that session of the acting role.
    const lastRequest = (acting: string, supplied: ContextEntry[], sessionName?: string) => ({
      principalArn: sessionName === undefined ? acting : roleSessionArn(acting, sessionName) ?? acting, action: query.action, resource: query.resource, context: [...context, ...supplied],
      ...(query.resourceAccount ? { resourceAccount: query.resourceAccount } : {}),
    });
    if (values.json) {
      io.stdout(`${JSON.stringify({
        Action: query.action,
        Resource: query.resource,
        ChainPathsTruncated: result.truncated,
        Answers: result.answers.map((answer) => ({
          Principal: answer.principal,
          ActingPrincipal: answer.actingPrincipal,
          Decision: answer.decision,
          HopCount: answer.path.hopCount,
          Path: pathJson(answer.path),
          SuppliedContext: answer.suppliedContext.map((entry) => ({ ContextKeyName: entry.key, ContextKeyValues: entry.values, ContextKeyType: entry.type })),
          ...(answer.callerSessionName !== undefined ? { CallerSessionName: answer.callerSessionName } : {}),
          LastHop: toEvaluationResult(lastRequest(answer.actingPrincipal, answer.suppliedContext, answer.callerSessionName), answer.lastHop),
        })),
        OutsideTheOrganization: outside,
      }, null, 2)}\n`);
      return 0;
    }
    const direct = result.answers.filter((answer) => answer.path.hopCount === 0).length;
    const chains = result.answers.length - direct;
    const lines = [
      `${query.action} on ${query.resource}`,
      `  ${direct} principal${direct === 1 ? '' : 's'} directly, ${chains} role-chain path${chains === 1 ? '' : 's'}${result.truncated ? ' (the search stopped at its cap: more paths exist)' : ''}`,
    ];
    for (const answer of result.answers) {
      const how = answer.path.hopCount === 0 ? 'directly' : `through ${answer.path.hopCount} hop${answer.path.hopCount === 1 ? '' : 's'}`;
      lines.push('', `${answer.decision.padEnd(11)} ${describeNode(graph, answer.principal)} ${how}`);
      lines.push(...describePath(graph, answer.path, '    '));
      if (answer.callerSessionName !== undefined) lines.push(`    the request must come from the role's session named ${answer.callerSessionName}`);
      if (answer.suppliedContext.length > 0) lines.push(`    the request must carry: ${answer.suppliedContext.map((entry) => `${entry.key}=${entry.values.join('|')}`).join(', ')}`);
      lines.push('    last hop:');
      lines.push(...explain(graph.compiled, [{ request: lastRequest(answer.actingPrincipal, answer.suppliedContext, answer.callerSessionName), result: answer.lastHop }]).trimEnd().split('\n').map((line) => `      ${line}`));
    }
    if (outside.length > 0) {
      lines.push('', 'outside the organization (the resource policy lets them in; their own account decides the rest):');
      for (const found of outside) {
        const details = found.findingDetails[0].externalAccessDetails;
        const who = details.isPublic ? 'anyone' : Object.values(details.principal).join(', ');
        const carries = Object.entries(details.condition).map(([key, value]) => `${key}=${value}`).join(', ');
        lines.push(`  ${found.lzsim.rule.padEnd(15)} ${who}${carries ? ` when the request carries ${carries}` : ''} (${found.lzsim.summary})`);
      }
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
});

