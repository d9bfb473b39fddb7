// `lzsim export DESIGN-ID --format bundle|terraform|cloudformation [--out FILE]`.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isDomainError } from '../../services/domain-error';
import { exportDesign, type ExportFormat } from '../../services/interchange/interchange-service';
import { CliError, describeFsError } from '../cli-error';
import { defineCommand } from '../command';
import { withAppDatabase } from './app-db';

const FORMATS: readonly ExportFormat[] = ['bundle', 'terraform', 'cloudformation'];

const HELP = `Usage: lzsim export DESIGN-ID --format bundle|terraform|cloudformation [--out FILE]

Export a design:
  bundle          the AWS export bundle (lzsim import reads it back into an identical design)
  terraform       Terraform JSON (.tf.json) with the aws_organizations_* resources that recreate the organization
  cloudformation  a CloudFormation template with AWS::Organizations::OrganizationalUnit, Account and Policy
Writes to stdout, or to FILE with --out. Uses DATABASE_URL when set, otherwise the embedded database of "npm start".

Options:
  --format FORMAT   bundle, terraform or cloudformation (required)
  --out FILE        write to FILE instead of stdout
  -h, --help        show this help

Exit codes: 0 exported, 2 bad arguments, unknown design or unwritable file.`;

/** The export subcommand. */
export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Export a design as an AWS bundle, Terraform JSON or CloudFormation',
  help: HELP,
  options: { format: { type: 'string' }, out: { type: 'string' } },
  positionals: true,
  async run(parsed, io) {
    if (parsed.positionals.length !== 1) throw new CliError('export needs exactly one DESIGN-ID (see lzsim designs)');
    const format = parsed.values.format as ExportFormat | undefined;
    if (!format || !FORMATS.includes(format)) throw new CliError(`export needs --format ${FORMATS.join('|')}`);
    let text: string;
    try {
      const result = await withAppDatabase(io, (db) => exportDesign(db, parsed.positionals[0], format));
      text = `${JSON.stringify(result.document, null, 2)}\n`;
    } catch (error) {
      if (isDomainError(error)) throw new CliError(error.message);
      throw error;
    }
    if (parsed.values.out) {
      try {
        await writeFile(resolve(io.cwd, parsed.values.out), text);
      } catch (error) {
        throw new CliError(`${parsed.values.out}: cannot write: ${describeFsError(error)}`);
      }
      io.stderr(`Wrote ${parsed.values.out}\n`);
    } else {
      io.stdout(text);
    }
    return 0;
  },
});
