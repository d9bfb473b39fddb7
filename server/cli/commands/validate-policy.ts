// `lzsim validate-policy --type KIND file.json`: validate one policy document the way IAM Access Analyzer's
// ValidatePolicy (IAM grammar) or Organizations' CreatePolicy (tag, backup, AI opt-out policies) would, print the
// findings as a JSON array, and exit 1 when any finding is an error. The policy editor shows the same findings.
import type { IdentityPolicyContainer } from '../../engine/policy/validate';
import type { Finding } from '../../engine/types';
import {
  parsePolicyValidationType, POLICY_VALIDATION_TYPE_NAMES, validatePolicyDocument, type PolicyValidationType,
} from '../../services/policy-validation';
import { CliError } from '../cli-error';
import { defineCommand } from '../command';
import { fileLabel, readTextFile } from '../json-input';

const CONTAINERS: readonly IdentityPolicyContainer[] = ['managed', 'user-inline', 'role-inline', 'group-inline'];

const HELP = `Usage: lzsim validate-policy --type KIND [options] FILE

Validate one policy document (JSON, or URL-encoded JSON as IAM exports it) and print the findings as a
JSON array of {code, severity, message, path}: the findings the policy editor shows for the same text.
Use "-" as FILE to read standard input.

Options:
  --type KIND              (required) one of
                             SCP | RCP | IDENTITY | RESOURCE | TRUST | SESSION      IAM policy grammar
                             TAG | BACKUP | AISERVICES_OPT_OUT | S3 | EC2           management policies
                           Organizations' names are accepted too: SERVICE_CONTROL_POLICY,
                           RESOURCE_CONTROL_POLICY, TAG_POLICY, BACKUP_POLICY, AISERVICES_OPT_OUT_POLICY,
                           S3_POLICY, DECLARATIVE_POLICY_EC2
  --aws-managed            the policy is AWS-managed (arn:aws:iam::aws:policy/..., FullAWSAccess, ...):
                           no size quota applies, and RCPFullAWSAccess may Allow "*"
  --identity-container C   for IDENTITY: managed (default) | user-inline | role-inline | group-inline
  -h, --help               show this help

Management policies: each document needs its top-level key (tags, plans, services), and each AI opt-out service
key its opt_out_policy. TAG and BACKUP documents may be partial (children complete what parents start); what a
merged backup plan needs (rules with a schedule and a vault, regions, selections with a role, tag key and values,
at most 10 rules) is checked on the merged policy by lzsim effective-policy.

Exit codes: 0 no error findings (warnings allowed), 1 at least one error finding, 2 bad arguments or
unreadable file.`;

/** The validate-policy subcommand. */
export const validatePolicyCommand = defineCommand({
  name: 'validate-policy',
  summary: 'Validate a policy document (SCP, RCP, IDENTITY, ..., TAG, BACKUP, AISERVICES_OPT_OUT, S3, EC2) and print findings as JSON',
  help: HELP,
  options: { type: { type: 'string' }, 'aws-managed': { type: 'boolean' }, 'identity-container': { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, io) {
    const kind = parseKind(values.type);
    const container = parseContainer(values['identity-container']);
    if (positionals.length !== 1) {
      throw new CliError(`validate-policy takes exactly one FILE, got ${positionals.length} (see lzsim validate-policy --help)`);
    }
    const file = positionals[0];
    const text = await readTextFile(file, io);

    // The same function, with the same catalogue, as the policy editor in the browser (policy.validate).
    const findings = validatePolicyDocument(kind, text, {
      awsManaged: values['aws-managed'] === true,
      ...(container ? { identityContainer: container } : {}),
    });
    io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
    io.stderr(`${summarise(file, findings)}\n`);
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
});


function parseKind(value: string | undefined): PolicyValidationType {
  if (value === undefined) throw new CliError(`validate-policy needs --type (${POLICY_VALIDATION_TYPE_NAMES.join(' | ')})`);
  const kind = parsePolicyValidationType(value);
  if (!kind) throw new CliError(`unknown --type "${value}": use one of ${POLICY_VALIDATION_TYPE_NAMES.join(', ')}`);
  return kind;
}

function parseContainer(value: string | undefined): IdentityPolicyContainer | undefined {
  if (value === undefined) return undefined;
  if (!(CONTAINERS as readonly string[]).includes(value)) {
    throw new CliError(`unknown --identity-container "${value}": use one of ${CONTAINERS.join(', ')}`);
  }
  return value as IdentityPolicyContainer;
}


function summarise(file: string, findings: Finding[]): string {
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  const errors = count('error');
  const others = findings.length - errors;
  const first = findings.find((f) => f.severity === 'error');
  const label = fileLabel(file);
  if (findings.length === 0) return `${label}: valid, no findings`;
  return `${label}: ${errors} error${errors === 1 ? '' : 's'}, ${others} other finding${others === 1 ? '' : 's'}` +
    (first ? ` (first: ${first.path} ${first.code})` : '');
}
