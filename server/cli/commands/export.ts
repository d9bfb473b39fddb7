// `lzsim export DESIGN-ID --format bundle|terraform|cloudformation|cli-folder [--out FILE|DIR]`.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isDomainError } from '../../services/domain-error';
import { exportDesign, type ExportFormat } from '../../services/interchange/interchange-service';
import { bundleToCliFiles } from '../../services/interchange/write-cli-folder';
import { CliError, describeFsError } from '../cli-error';
import { defineCommand, type CliIo } from '../command';
import { withAppDatabase } from './app-db';

type CliExportFormat = ExportFormat | 'cli-folder';
const FORMATS: readonly CliExportFormat[] = ['bundle', 'terraform', 'cloudformation', 'cli-folder'];

const HELP = `Usage: lzsim export DESIGN-ID --format bundle|terraform|cloudformation|cli-folder [--out FILE|DIR]

Export a design:
  bundle          the AWS export bundle (lzsim import reads it back into an identical design)
  terraform       Terraform JSON (.tf.json) with the aws_organizations_* resources that recreate the organization
  cloudformation  a CloudFormation template with AWS::Organizations::OrganizationalUnit, Account and Policy
  cli-folder      a folder of AWS CLI outputs (organizations, iam get-account-authorization-details, ram,
                  sso-admin list-permission-sets / describe-permission-set / list-account-assignments,
                  identitystore list-users / list-groups ...) in the layout lzsim import reads; --out DIR is
                  required and must be empty or absent
Writes to stdout, or to FILE with --out. Uses DATABASE_URL when set, otherwise the embedded database of "npm start".

Options:
  --format FORMAT   bundle, terraform, cloudformation or cli-folder (required)
  --out FILE|DIR    write to FILE instead of stdout (a new or empty DIR for cli-folder)
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
    const format = parsed.values.format as CliExportFormat | undefined;
    if (!format || !FORMATS.includes(format)) throw new CliError(`export needs --format ${FORMATS.join('|')}`);
    if (format === 'cli-folder') {
      if (!parsed.values.out) throw new CliError('export --format cli-folder needs --out DIR (a new or empty folder)');
      return exportCliFolder(parsed.positionals[0], parsed.values.out, io);
    }
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

/** Writes the design's bundle as a folder of AWS CLI outputs into `out` (refused when it holds anything already). */
async function exportCliFolder(designId: string, out: string, io: CliIo): Promise<number> {
  const folder = resolve(io.cwd, out);
  const existing = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new CliError(`${out}: cannot read: ${describeFsError(error)}`);
  });
  if (existing.length > 0) throw new CliError(`${out}: is not empty: choose a new folder, so no file of an older export is read back with this one`);
  let files: Record<string, string>;
  try {
    const result = await withAppDatabase(io, (db) => exportDesign(db, designId, 'bundle'));
    files = bundleToCliFiles(result.document as Record<string, unknown>);
  } catch (error) {
    if (isDomainError(error)) throw new CliError(error.message);
    throw error;
  }
  try {
    for (const [relative, text] of Object.entries(files)) {
      const path = join(folder, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    }
  } catch (error) {
    throw new CliError(`${out}: cannot write: ${describeFsError(error)}`);
  }
  io.stderr(`Wrote ${Object.keys(files).length} files to ${out}\n`);
  return 0;
}
