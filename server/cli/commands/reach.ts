// `lzsim reach --bundle FILE (--principal ARN | --role ARN) [--json]`: what one principal can reach through
// assume-role chains, or who can reach one role, with one shortest path each (hop count, the conditions of each
// hop, and the chaining limits of later hops).
import { buildAccessGraph, type AccessGraph } from '../../engine/access/access-graph';
import { DEFAULT_MAX_HOPS, whatCanPrincipalReach, whoCanReachRole } from '../../engine/access/access-queries';
import type { AccessPath } from '../../engine/access/types';
import { CliError } from '../cli-error';
import { defineCommand, requireOption } from '../command';
import { fileLabel, readBundleWorld } from '../json-input';
import { describeNode, describePath, pathJson } from './access-output';

const HELP = `Usage: lzsim reach --bundle FILE (--principal ARN | --role ARN) [options]

Reachability over the access graph of an AWS export bundle (every "can assume" edge decided by the engine:
trust policy, identity policies, boundary, SCPs, RCPs):
  --principal ARN   which roles this user, role, account, service or Identity Center user can reach
  --role ARN        which principals can reach this role, directly or through role chains
Each answer is one shortest path (fewest hops) with the conditions every hop needs. A hop made from a role
session is role chaining: its session lasts one hour at most and carries only transitive session tags.

Options:
  --bundle FILE   the AWS export bundle (required; file://PATH or - for standard input)
  --principal ARN the starting principal (one of --principal and --role is required)
  --role ARN      the role to reach
  --max-hops N    longest role chain to follow (default ${DEFAULT_MAX_HOPS})
  --json          print {Direction, Arn, Paths} as JSON
  -h, --help      show this help

Exit codes: 0 answered (even when nothing is reachable), 2 bad arguments, unknown ARN, unreadable or invalid bundle.`;

/** The reach subcommand. */
export const reachCommand = defineCommand({
  name: 'reach',
  summary: 'What a principal can reach, or who can reach a role, through assume-role chains',
  help: HELP,
  options: {
    bundle: { type: 'string' }, principal: { type: 'string' }, role: { type: 'string' }, 'max-hops': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    requireOption('reach', values.bundle, '--bundle FILE');
    if ((values.principal === undefined) === (values.role === undefined)) {
      throw new CliError('reach: give exactly one of --principal ARN (what it can reach) and --role ARN (who can reach it)');
    }
    const maxHops = values['max-hops'] === undefined ? DEFAULT_MAX_HOPS : Number(values['max-hops']);
    if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 20) throw new CliError(`reach: --max-hops: expected a whole number from 1 to 20, got "${values['max-hops']}"`);

    const { file, world, warnings } = await readBundleWorld(values.bundle, io);
    const graph = buildAccessGraph(world);
    for (const warning of [...warnings, ...graph.compiled.warnings]) io.stderr(`lzsim: ${fileLabel(file)}: warning: ${warning}\n`);
    const direction = values.role !== undefined ? 'to' : 'from';
    const arn = (values.role ?? values.principal) as string;
    checkKnown(graph, arn, direction, file);
    const paths = direction === 'to' ? whoCanReachRole(graph, arn, maxHops) : whatCanPrincipalReach(graph, arn, maxHops);

    if (values.json) {
      io.stdout(`${JSON.stringify({ Direction: direction === 'to' ? 'WhoCanReach' : 'WhatCanReach', Arn: arn, MaxHops: maxHops, Paths: paths.map(pathJson) }, null, 2)}\n`);
      return 0;
    }
    io.stdout(`${describeAnswer(graph, arn, direction, paths).join('\n')}\n`);
    return 0;
  },
});

/** Refuses an ARN the bundle does not hold (or, for --role, one that is not a role), naming the option and the file. */
function checkKnown(graph: AccessGraph, arn: string, direction: 'to' | 'from', file: string): void {
  const option = direction === 'to' ? '--role' : '--principal';
  const node = graph.nodes.get(arn);
  if (!node) throw new CliError(`reach: ${option}: ${arn} is not a principal of ${fileLabel(file)} (NoSuchEntity)`);
  if (direction === 'to' && node.kind !== 'role') throw new CliError(`reach: --role: ${arn} is a ${node.kind}, not a role`);
}

/** The answer as people read it: a heading, then each path with one line per hop. */
function describeAnswer(graph: AccessGraph, arn: string, direction: 'to' | 'from', paths: readonly AccessPath[]): string[] {
  const counted = `${paths.length} ${direction === 'to' ? 'principal' : 'role'}${paths.length === 1 ? '' : 's'}`;
  const lines = [direction === 'to' ? `Who can reach ${describeNode(graph, arn)}: ${counted}` : `What ${describeNode(graph, arn)} can reach: ${counted}`];
  for (const path of paths) {
    const end = direction === 'to' ? path.from : path.to;
    const status = path.conditional ? 'conditional' : 'allowed';
    lines.push('', `${status.padEnd(11)} ${describeNode(graph, end)} in ${path.hopCount} hop${path.hopCount === 1 ? '' : 's'}`);
    lines.push(...describePath(graph, path, '    '));
  }
  return lines;
}
