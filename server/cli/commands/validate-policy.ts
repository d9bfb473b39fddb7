// `lzsim validate-policy --type KIND file.json`: validate one policy document the way IAM Access Analyzer's
// ValidatePolicy would, print the findings as a JSON array, and exit 1 when any finding is an error.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getIamDataCatalog } from '../../catalog/iam-data-source';
import { validatePolicy, type IdentityPolicyContainer } from '../../engine/policy/validate';
import type { Finding, PolicyKind } from '../../engine/types';
import { CliError, describeFsError } from '../cli-error';
import type { CliCommand } from '../command';

const KINDS: readonly PolicyKind[] = ['SCP', 'RCP', 'IDENTITY', 'RESOURCE', 'TRUST', 'SESSION'];
const CONTAINERS: readonly IdentityPolicyContainer[] = ['managed', 'user-inline', 'role-inline', 'group-inline'];

const HELP = `Usage: lzsim validate-policy --type KIND [options] FILE

Validate one policy document (JSON, or URL-encoded JSON as IAM exports it) and print the findings as a
JSON array of {code, severity, message, path}. Use "-" as FILE to read standard input.

Options:
  --type KIND              SCP | RCP | IDENTITY | RESOURCE | TRUST | SESSION (required)
  --aws-managed            the policy is AWS-managed (arn:aws:iam::aws:policy/..., FullAWSAccess, ...):
                           no size quota applies, and RCPFullAWSAccess may Allow "*"
  --identity-container C   for IDENTITY: managed (default) | user-inline | role-inline | group-inline
  -h, --help               show this help

Exit codes: 0 no error findings (warnings allowed), 1 at least one error finding, 2 bad arguments or
unreadable file.`;

/** The validate-policy subcommand. */
export const validatePolicyCommand: CliCommand = {
  name: 'validate-policy',
  summary: 'Validate a policy document for a kind (SCP, RCP, IDENTITY, ...) and print findings as JSON',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args);
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    const kind = parseKind(values.type);
    const container = parseContainer(values['identity-container']);
    if (positionals.length !== 1) {
      throw new CliError(`validate-policy takes exactly one FILE, got ${positionals.length} (see lzsim validate-policy --help)`);
    }
    const file = positionals[0];
    const text = await readPolicyFile(file, io);

    const findings = validatePolicy(text, kind, {
      awsManaged: values['aws-managed'] === true,
      identityContainer: container,
      catalog: getIamDataCatalog(),
    });
    io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
    io.stderr(`${summarise(file, findings)}\n`);
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};

function parseCommandArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        type: { type: 'string' },
        'aws-managed': { type: 'boolean' },
        'identity-container': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliError(`validate-policy: ${(error as Error).message}`);
  }
}

function parseKind(value: string | undefined): PolicyKind {
  if (value === undefined) throw new CliError(`validate-policy needs --type (${KINDS.join(' | ')})`);
  const kind = value.toUpperCase() as PolicyKind;
  if (!KINDS.includes(kind)) throw new CliError(`unknown --type "${value}": use one of ${KINDS.join(', ')}`);
  return kind;
}

function parseContainer(value: string | undefined): IdentityPolicyContainer | undefined {
  if (value === undefined) return undefined;
  if (!(CONTAINERS as readonly string[]).includes(value)) {
    throw new CliError(`unknown --identity-container "${value}": use one of ${CONTAINERS.join(', ')}`);
  }
  return value as IdentityPolicyContainer;
}

async function readPolicyFile(file: string, io: { cwd: string; readStdin(): Promise<string> }): Promise<string> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new CliError(`${file}: cannot read file: ${describeFsError(error)}`);
  }
}

function summarise(file: string, findings: Finding[]): string {
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  const errors = count('error');
  const others = findings.length - errors;
  const first = findings.find((f) => f.severity === 'error');
  const label = file === '-' ? '<stdin>' : file;
  if (findings.length === 0) return `${label}: valid, no findings`;
  return `${label}: ${errors} error${errors === 1 ? '' : 's'}, ${others} other finding${others === 1 ? '' : 's'}` +
    (first ? ` (first: ${first.path} ${first.code})` : '');
}
