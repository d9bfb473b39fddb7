// `lzsim effective-policy --bundle FILE --account ID --type TAG_POLICY|BACKUP_POLICY|AISERVICES_OPT_OUT_POLICY|S3_POLICY|DECLARATIVE_POLICY_EC2 [--json]`:
// DescribeEffectivePolicy against an AWS export bundle. Prints the EffectivePolicy shape (PolicyContent,
// LastUpdatedTimestamp, TargetId, PolicyType), or AWS's exception (EffectivePolicyNotFoundException,
// TargetNotFoundException, ...). A merge that AWS would find invalid leaves the account with its last valid
// effective policy, taken from the bundle's EffectivePolicies section when it records one.
import { isManagementPolicyType, type ManagementPolicyType } from '../../engine/management';
import {
  describeEffectivePolicy, readRecordedEffectivePolicies, type DescribeEffectivePolicyOutcome, type EffectivePolicyValidationErrorShape,
} from '../../services/describe-effective-policy';
import { readBundle } from '../../services/interchange/read-bundle';
import { ImportRejectedError } from '../../services/interchange/import-problems';
import { parsePolicyValidationType } from '../../services/policy-validation';
import { CliError } from '../cli-error';
import { defineCommand, requireOption, type CliIo } from '../command';
import { fileLabel, readJsonFile, stripFileScheme } from '../json-input';

const TYPES = 'TAG_POLICY | BACKUP_POLICY | AISERVICES_OPT_OUT_POLICY | S3_POLICY | DECLARATIVE_POLICY_EC2';

const HELP = `Usage: lzsim effective-policy --bundle FILE --account ID --type TYPE [--json]

Compute an account's effective management policy as AWS Organizations' DescribeEffectivePolicy returns it: the
tag, backup or AI services opt-out policies attached to the root, each OU on the account's path and the account,
merged with the inheritance operators. FILE is an AWS export bundle (see lzsim import); "-" reads standard input.

Prints the effective policy for people, or with --json DescribeEffectivePolicy's response:
  {"EffectivePolicy": {"PolicyContent", "LastUpdatedTimestamp", "TargetId", "PolicyType"}}
On failure prints AWS's exception (EffectivePolicyNotFoundException, TargetNotFoundException,
InvalidInputException, AWSOrganizationsNotInUseException); with --json as {"__type", "Message"} on stdout.

When the merged policy is invalid (for example a backup plan without a vault, or more than 10 rules), the account
keeps its last valid effective policy, as AWS does: the one the bundle's optional "EffectivePolicies" section
records for it (describe-effective-policy outputs), printed with the validation errors (--json: under
"LzsimValidationErrors", in the EffectivePolicyValidationError shape). LastUpdatedTimestamp is the recorded one
when the effective policy is unchanged, otherwise the time of this computation.

Options:
  --bundle FILE    the AWS export bundle (required)
  --account ID     the 12-digit account id (required; roots and OUs are refused, as by AWS)
  --type TYPE      ${TYPES} (required; TAG, BACKUP, AISERVICES_OPT_OUT, S3, EC2 too)
  --json           print DescribeEffectivePolicy's JSON response
  -h, --help       show this help

Exit codes: 0 an effective policy was found, 1 AWS would answer with an error, 2 bad arguments or input.`;

/** The effective-policy subcommand. */
export const effectivePolicyCommand = defineCommand({
  name: 'effective-policy',
  summary: 'Describe an account\'s effective tag, backup or AI opt-out policy (DescribeEffectivePolicy) from a bundle',
  help: HELP,
  options: {
    bundle: { type: 'string' },
    account: { type: 'string' },
    type: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    requireOption('effective-policy', values.bundle, '--bundle FILE');
    requireOption('effective-policy', values.account, '--account ID');
    const type = parseType(values.type);
    const file = stripFileScheme(values.bundle);
    const label = fileLabel(file);
    const bundle = await readJsonFile(file, io);

    const recorded = readRecordedEffectivePolicies(bundle);
    if (!recorded.ok) throw new CliError(`${label}: ${recorded.problems[0]}${more(recorded.problems.length)}`);
    const design = readDesign(bundle, label);
    const outcome = describeEffectivePolicy(design, { targetId: values.account, type, recorded: recorded.policies, now: new Date() });
    return print(outcome, values.json === true, io);
  },
});


function parseType(value: string | undefined): ManagementPolicyType {
  if (value === undefined) throw new CliError(`effective-policy needs --type (${TYPES})`);
  const type = parsePolicyValidationType(value);
  if (type === undefined || !isManagementPolicyType(type)) throw new CliError(`unknown --type "${value}": use one of ${TYPES}`);
  return type;
}

/** The bundle through the same reader as `lzsim import`; its problems as one line. */
function readDesign(bundle: unknown, label: string) {
  try {
    return readBundle(bundle, label).design;
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      const [first] = error.problems;
      throw new CliError(`${label}: ${first.path}: ${first.awsCode}: ${first.message}${more(error.problems.length)}`);
    }
    throw error;
  }
}

function more(count: number): string {
  return count > 1 ? ` (and ${count - 1} more problem${count === 2 ? '' : 's'})` : '';
}

function print(outcome: DescribeEffectivePolicyOutcome, json: boolean, io: CliIo): number {
  if (!outcome.ok) {
    io.stderr(`lzsim: An error occurred (${outcome.error.code}) when calling the DescribeEffectivePolicy operation: ${outcome.error.message}\n`);
    describeValidationErrors(outcome.validationErrors, io);
    if (json) {
      const body = { __type: outcome.error.code, Message: outcome.error.message, ...lzsimErrors(outcome.validationErrors) };
      io.stdout(`${JSON.stringify(body, null, 2)}\n`);
    }
    return 1;
  }
  const policy = outcome.effectivePolicy;
  if (outcome.keptLastValid) {
    io.stderr(`lzsim: the merged ${policy.PolicyType} of ${policy.TargetId} is invalid; the account keeps its last valid effective policy (${policy.LastUpdatedTimestamp})\n`);
    describeValidationErrors(outcome.validationErrors, io);
  }
  if (json) {
    io.stdout(`${JSON.stringify({ EffectivePolicy: policy, ...lzsimErrors(outcome.validationErrors) }, null, 2)}\n`);
  } else {
    io.stdout(`Effective ${policy.PolicyType} of account ${policy.TargetId}${outcome.keptLastValid ? ' (last valid, kept)' : ''}, last updated ${policy.LastUpdatedTimestamp}:\n`);
    io.stdout(`${JSON.stringify(JSON.parse(policy.PolicyContent), null, 2)}\n`);
  }
  return 0;
}

function describeValidationErrors(errors: readonly EffectivePolicyValidationErrorShape[], io: CliIo): void {
  for (const error of errors) {
    io.stderr(`lzsim:   ${error.ErrorCode} at ${error.PathToError} (policies ${error.ContributingPolicies.join(', ')}): ${error.ErrorMessage}\n`);
  }
}

function lzsimErrors(errors: readonly EffectivePolicyValidationErrorShape[]) {
  return errors.length > 0 ? { LzsimValidationErrors: errors } : {};
}
