// `lzsim findings --bundle FILE [--json]`: IAM Access Analyzer-style external-access findings for an AWS export
// bundle, with the organization as the zone of trust.
import { buildAccessGraph } from '../../engine/access/access-graph';
import { externalAccessFindings } from '../../engine/access/external-access-findings';
import { defineCommand, requireOption } from '../command';
import { fileLabel, readBundleWorld } from '../json-input';

const HELP = `Usage: lzsim findings --bundle FILE [--json]

External-access findings as IAM Access Analyzer reports them with the organization as the zone of trust: role
trust policies and resource policies (S3, KMS, SQS, SNS, Secrets Manager, Lambda, ECR) that let a principal
outside the organization in. Each finding names the resource, the statement and the outside principal;
lzsim's rule says why it matters: CONFUSED_DEPUTY (an outside account can assume the role without an
sts:ExternalId condition), PUBLIC_ACCESS (anyone), UNSCOPED_FEDERATION (any GitHub Actions workflow of any
repository can assume the role: no condition names the repository), EXTERNAL_ACCESS (a named outsider or a
federated identity provider's users, under the conditions listed), RAM_EXTERNAL_SHARE (an AWS RAM resource share
with a principal outside the organization, associated or invited; resource type AWS::RAM::ResourceShare).

Options:
  --bundle FILE   the AWS export bundle (required; file://PATH or - for standard input)
  --json          print {"findings": [...]} in GetFindingV2's shape (with "lzsim" details)
  -h, --help      show this help

Exit codes: 0 printed (findings or not), 2 bad arguments, unreadable or invalid bundle.`;

/** The findings subcommand. */
export const findingsCommand = defineCommand({
  name: 'findings',
  summary: 'External-access findings (Access Analyzer style) for a bundle',
  help: HELP,
  options: { bundle: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    requireOption('findings', values.bundle, '--bundle FILE');
    const { file, world, warnings } = await readBundleWorld(values.bundle, io);
    // The graph's world holds the stand-ins the findings need for outside accounts the bundle only names.
    const graph = buildAccessGraph(world);
    const findings = externalAccessFindings(graph.compiled, { analyzedAt: new Date().toISOString() });
    for (const warning of [...warnings, ...graph.compiled.warnings]) io.stderr(`lzsim: ${fileLabel(file)}: warning: ${warning}\n`);
    if (values.json) {
      io.stdout(`${JSON.stringify({ findings }, null, 2)}\n`);
      return 0;
    }
    const lines = [`${findings.length} external-access finding${findings.length === 1 ? '' : 's'}`];
    const byAccount = new Map<string, typeof findings>();
    for (const finding of findings) byAccount.set(finding.resourceOwnerAccount, [...(byAccount.get(finding.resourceOwnerAccount) ?? []), finding]);
    for (const [accountId, list] of [...byAccount].sort()) {
      lines.push('', `account ${graph.compiled.org.accountName(accountId) ?? ''} ${accountId}`.replace('  ', ' '));
      for (const finding of list) {
        lines.push(`  ${finding.lzsim.rule.padEnd(15)} ${finding.resourceType} ${finding.resource}`);
        lines.push(`    ${finding.lzsim.summary}`);
        lines.push(`    id ${finding.id}, see ${finding.lzsim.docUrl}`);
      }
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
});

