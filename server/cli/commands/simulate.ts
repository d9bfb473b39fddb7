// `lzsim simulate --bundle org.json --cli-input-json request.json [--explain]`: evaluate a
// simulate-principal-policy request against an AWS export bundle and print AWS's EvaluationResults shape
// (with the engine's trace under LzsimTrace), or with --explain the trace for people.
import { callerArnRequiredError, unknownPrincipalPath, simulateInputToRequests } from '../../engine/aws/simulate-input';
import { compileWorld, type CompiledWorld } from '../../engine/world/compile-world';
import { evaluate } from '../../engine/evaluate/evaluate';
import { explainConditions, type ClauseOutcome } from '../../engine/evaluate/explain-conditions';
import { toEvaluationResults } from '../../engine/aws/results';
import { UnknownPrincipalError } from '../../engine/world/errors';
import type { AuthzRequest, EvaluationResult, LayerTrace, MatchedStatement } from '../../engine/types';
import { CliError, EXIT_USAGE } from '../cli-error';
import { fileLabel as label, inputError, readBundleWorld, readJsonFile as readJson, readTextFile, stripFileScheme } from '../json-input';
import { defineCommand, requireOption, type CliIo } from '../command';
import { simulateBatchLines } from './simulate-batch';

const HELP = `Usage: lzsim simulate --bundle FILE --cli-input-json FILE [--explain]
       lzsim simulate --bundle FILE --batch FILE

Evaluate requests the way AWS would, against an AWS export bundle (Organizations and IAM data in the AWS CLI's
own output shapes). The request file is the input of "aws iam simulate-principal-policy --cli-input-json"
(PolicySourceArn, CallerArn, ActionNames, ResourceArns, ContextEntries, ResourceOwner), where PolicySourceArn may
also be an assumed-role session ARN or an account root ARN, plus an optional SessionPolicy (JSON string),
SessionTags ([{"Key","Value"}], the Tags of the AssumeRole call that created the session) and RoleChain
([{"RoleArn","Tags","TransitiveTagKeys"}], the AssumeRole calls before it, oldest first).
CallerArn works as AWS documents it: an IAM user that calls with PolicySourceArn's policies (a user, group or
role); required when PolicySourceArn is a role or group and a resource-based policy (bucket policy, trust
policy, key policy...) decides. lzsim also accepts a session of the PolicySourceArn role as CallerArn: the
request is then made by that session. Any other CallerArn is refused with AWS's message. An AWS service can
be the caller instead: "ServicePrincipal": "cloudtrail.amazonaws.com" in place of PolicySourceArn (no identity
policies, no SCPs; RCPs apply; the bucket, trust or key policy that names the service must grant; the service's
aws:SourceAccount and aws:SourceArn go in ContextEntries). A file argument
may be written file://PATH as with the AWS CLI, or "-" for standard input (one of the two at most).

Documented service-specific rules (the S3 bucket owner's root user and its bucket policy, actions that SQS, KMS,
S3 and Secrets Manager never allow across accounts, STS operations that need no permission or refuse a caller,
session tags, a function URL's second permission lambda:InvokeFunction) appear in the trace as "service rule" steps naming the rule and its AWS documentation page.

Prints {"EvaluationResults": [...]} as simulate-principal-policy does, each result carrying the engine's trace
under "LzsimTrace". With --explain, prints the trace for people instead: layer by layer, which policy, level
and statement decided.

With --batch, FILE holds many inputs as JSON Lines (one simulate-principal-policy input per line, blank lines
skipped), evaluated against the bundle compiled once. Prints one JSON line per input line, in order:
{"Line": N, "EvaluationResults": [...]} or, for a line that cannot be evaluated, {"Line": N, "Error": {"Code":
"InvalidInput" | "NoSuchEntity", "Message": "FILE line N: ..."}}; the other lines still run.

Options:
  --bundle FILE           the AWS export bundle (required)
  --cli-input-json FILE   the simulate-principal-policy input (this or --batch)
  --batch FILE            JSON Lines of simulate-principal-policy inputs, one result line each
  --explain               print the explanation for people instead of JSON
  -h, --help              show this help

Exit codes: 0 evaluated (whatever the decisions), 2 bad arguments, unreadable or invalid input, unknown principal
(with --batch: 2 when at least one line got an Error result).`;

/** The simulate subcommand. */
export const simulateCommand = defineCommand({
  name: 'simulate',
  summary: 'Evaluate a simulate-principal-policy request against an AWS export bundle',
  help: HELP,
  options: {
    bundle: { type: 'string' },
    'cli-input-json': { type: 'string' },
    batch: { type: 'string' },
    explain: { type: 'boolean' },
  },
  async run({ values }, io) {
    requireOption('simulate', values.bundle, '--bundle FILE');
    if (values.batch !== undefined) return runBatch({ ...values, bundle: values.bundle }, io);
    requireOption('simulate', values['cli-input-json'], '--cli-input-json FILE');
    const bundleFile = stripFileScheme(values.bundle);
    const inputFile = stripFileScheme(values['cli-input-json']);
    if (bundleFile === '-' && inputFile === '-') throw new CliError('only one of --bundle and --cli-input-json can read standard input');

    const bundle = await readBundleWorld(values.bundle, io);

    const input = simulateInputToRequests(await readJson(inputFile, io));
    if (!input.ok) throw inputError(inputFile, input.errors);

    const world = compileWorld(bundle.world);
    const evaluated: { request: AuthzRequest; result: EvaluationResult }[] = [];
    const callerMissing = callerArnRequiredError(world, input);
    if (callerMissing) throw inputError(inputFile, [callerMissing]);
    for (const request of input.requests) {
      try {
        evaluated.push({ request, result: evaluate(world, request) });
      } catch (error) {
        if (error instanceof UnknownPrincipalError) {
          throw new CliError(`${label(inputFile)}: ${unknownPrincipalPath(request, error)}: ${error.message}; it is found nowhere in ${label(bundleFile)}`);
        }
        throw error;
      }
    }
    // Warnings only once the run succeeded, so that a failure stays a single line on stderr.
    for (const warning of [...bundle.warnings, ...world.warnings]) io.stderr(`lzsim: ${label(bundleFile)}: warning: ${warning}\n`);
    io.stdout(values.explain ? explain(world, evaluated) : `${JSON.stringify(toEvaluationResults(evaluated), null, 2)}\n`);
    return 0;
  },
});


/** `--batch FILE`: JSON Lines in, one result line out per input line (simulate-batch.ts). */
async function runBatch(values: { bundle: string; batch?: string; 'cli-input-json'?: string; explain?: boolean }, io: CliIo): Promise<number> {
  if (values['cli-input-json'] !== undefined) throw new CliError('simulate takes --cli-input-json or --batch, not both');
  if (values.explain) throw new CliError('--explain prints one request for people; use it with --cli-input-json, not --batch');
  const batchFile = stripFileScheme(values.batch ?? '');
  if (stripFileScheme(values.bundle) === '-' && batchFile === '-') throw new CliError('only one of --bundle and --batch can read standard input');
  const bundle = await readBundleWorld(values.bundle, io);
  const world = compileWorld(bundle.world);
  const results = simulateBatchLines(world, await readTextFile(batchFile, io), label(batchFile));
  for (const warning of [...bundle.warnings, ...world.warnings]) io.stderr(`lzsim: ${label(bundle.file)}: warning: ${warning}\n`);
  io.stdout(results.map((result) => `${JSON.stringify(result)}\n`).join(''));
  const failed = results.filter((result) => 'Error' in result).length;
  if (failed === 0) return 0;
  io.stderr(`lzsim: ${label(batchFile)}: ${failed} of ${results.length} line${results.length === 1 ? '' : 's'} could not be evaluated (see their Error results)\n`);
  return EXIT_USAGE;
}

const OUTCOME_WORD: Record<LayerTrace['outcome'], string> = {
  allow: 'allow', deny: 'DENY', noMatch: 'no match', notApplicable: 'n/a', applied: 'applied',
};

const LAYER_LABEL: Record<LayerTrace['layer'], string> = {
  scp: 'SCP', rcp: 'RCP', resource: 'resource policy', identity: 'identity policies', boundary: 'permissions boundary',
  session: 'session policy', trust: 'trust policy', keyPolicy: 'key policy', service: 'service rule', vpcEndpoint: 'VPC endpoint policy',
};

function describeStatement(statement: MatchedStatement): string {
  return `${statement.policyName} (${statement.policyId}), ${statement.sid ? `Sid ${statement.sid}` : `statement #${statement.statementIndex}`}`;
}

/** The clauses that did not hold, for people: "StringNotEquals aws:RequestedRegion [eu-west-1] (request: us-east-1)". */
function failedClauses(outcomes: readonly ClauseOutcome[] | undefined): string {
  const failed = (outcomes ?? []).filter((outcome) => !outcome.held);
  if (failed.length === 0) return '';
  return `: ${failed.map((outcome) => `${outcome.operator} ${outcome.key} [${outcome.values.join(', ')}] (request: ${outcome.requestValues ? outcome.requestValues.join(', ') : 'absent'})`).join('; ')}`;
}

/** The explanation for people: one block per request, one line per layer or level. */
export function explain(world: CompiledWorld, evaluated: readonly { request: AuthzRequest; result: EvaluationResult }[]): string {
  const blocks = evaluated.map(({ request, result }) => {
    const lines = [
      `${request.action} on ${request.resource}`,
      `  principal: ${request.principalArn}`,
      `  decision:  ${result.decision} (${result.reasons.join(', ')})${result.conditionDependent ? ` [depends on conditions: ${result.missingContextValues.join(', ')}]` : ''}`,
      `  ${result.summary}`,
    ];
    for (const layer of result.trace) {
      const where = layer.level ? ` ${layer.level.kind} ${layer.level.targetName} (${layer.level.targetId})` : layer.rule ? ` ${layer.rule.id}` : '';
      lines.push(`    ${`${LAYER_LABEL[layer.layer]}${where}`.padEnd(56)} ${OUTCOME_WORD[layer.outcome]}${layer.note ? ` - ${layer.note}` : ''}`);
      if (layer.rule) lines.push(`      ${layer.rule.title}`, `      ${layer.rule.doc}`);
      for (const statement of layer.matched) lines.push(`      ${statement.effect.padEnd(5)} ${describeStatement(statement)}`);
      for (const statement of layer.conditionNotMet ?? []) {
        const why = failedClauses(explainConditions(world, request, result, statement));
        lines.push(`      ${statement.effect.padEnd(5)} ${describeStatement(statement)} - condition not met${why}`);
      }
    }
    for (const entry of result.overriddenContext) lines.push(`  Context not used: ${entry.note}`);
    if (result.conditionDependent) {
      lines.push(`  MissingContextValues: ${result.missingContextValues.join(', ')} (supply them as ContextEntries to settle the decision)`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
