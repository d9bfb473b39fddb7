// `lzsim import <bundle.json | folder | org-designer.json> [--name NAME]`: validates the whole input, then creates a
// new design from it in one transaction and prints the new design's id (counts and warnings go to stderr).
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { designNameSchema } from '../../schemas/design';
import { stripByteOrderMark } from '../../schemas/text';
import { isDomainError } from '../../services/domain-error';
import { ImportRejectedError } from '../../services/interchange/import-problems';
import { importCliFolder, importDocument, type ImportReport } from '../../services/interchange/interchange-service';
import { CliError, describeFsError } from '../cli-error';
import { defineCommand } from '../command';
import { withAppDatabase } from './app-db';

const HELP = `Usage: lzsim import PATH [--name NAME] [--description TEXT]

Create a new design from PATH, which is one of:
  - an AWS export bundle (JSON): Organization, Roots, OrganizationalUnits, Accounts, Policies of every type with
    Content and Targets, AuthorizationDetails per account, ResourcePolicies, ...;
  - a folder of raw AWS CLI outputs (describe-organization.json, list-roots.json, organizational-units/,
    list-accounts.json, list-parents/, list-policies/, describe-policy/, list-targets-for-policy/,
    authorization-details/): see README "Import and export formats";
  - an aws-org-designer export (JSON with "version" and "organization").
Everything is validated first (shapes, references, policy documents); one problem and nothing is written.
Prints the new design's id on stdout; counts and warnings on stderr.

Uses DATABASE_URL when set, otherwise the embedded database of "npm start" (started and stopped if needed).

Options:
  --name NAME          name of the new design (default: derived from the input, made unique)
  --description TEXT   description of the new design
  -h, --help           show this help

Exit codes: 0 imported, 2 bad arguments, unreadable or invalid input (nothing imported).`;

/** The import subcommand. */
export const importCommand = defineCommand({
  name: 'import',
  summary: 'Create a design from an AWS bundle, a folder of AWS CLI outputs or an aws-org-designer file',
  help: HELP,
  options: { name: { type: 'string' }, description: { type: 'string' } },
  positionals: true,
  async run(parsed, io) {
    if (parsed.positionals.length !== 1) throw new CliError('import needs exactly one PATH (see lzsim import --help)');
    const path = resolve(io.cwd, parsed.positionals[0]);
    // The API's rule for names (1 to 80 characters, no control characters), with the same message.
    let name: string | undefined;
    if (parsed.values.name !== undefined) {
      const checked = designNameSchema.safeParse(parsed.values.name);
      if (!checked.success) throw new CliError(`--name: ${checked.error.issues[0].message}`);
      name = checked.data;
    }
    const options = { name, description: parsed.values.description };
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch (error) {
      throw new CliError(`${parsed.positionals[0]}: cannot read: ${describeFsError(error)}`);
    }
    let document: unknown;
    if (!isFolder) {
      try {
        document = JSON.parse(stripByteOrderMark(await readFile(path, 'utf8'))) as unknown;
      } catch (error) {
        throw new CliError(`${parsed.positionals[0]}: ${error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot read file: ${describeFsError(error)}`}`);
      }
    }
    const source = parsed.positionals[0];
    let report: ImportReport;
    try {
      report = await withAppDatabase(io, (db) =>
        isFolder ? importCliFolder(db, path, options) : importDocument(db, document, { ...options, source }));
    } catch (error) {
      if (error instanceof ImportRejectedError) {
        for (const problem of error.problems) io.stderr(`lzsim: ${source}: ${problem.path}: ${problem.awsCode}${problem.awsReason ? ` (${problem.awsReason})` : ''}: ${problem.message}\n`);
        throw new CliError(`${source}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}; nothing was imported`);
      }
      if (isDomainError(error)) throw new CliError(error.message);
      throw error;
    }
    for (const warning of report.warnings) io.stderr(`lzsim: warning: ${warning}\n`);
    const counts = Object.entries(report.counts).map(([key, value]) => `${value} ${key}`).join(', ');
    io.stderr(`Imported "${report.name}": ${counts}.\n`);
    io.stdout(`${report.designId}\n`);
    return 0;
  },
});
