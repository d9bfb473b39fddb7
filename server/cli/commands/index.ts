// The registry of `lzsim` subcommands. To add one, write server/cli/commands/<name>.ts exporting a CliCommand
// and list it here with the same name and summary (test/unit/cli/command-registry.test.ts checks they agree); the
// dispatcher and `lzsim --help` pick it up.
//
// Each command's module loads when the command runs, not before: `lzsim --help` then starts without the database
// client, PostgreSQL driver or engine (the prebuilt CLI keeps each dynamic import as a chunk of its own).
import type { CliCommand } from '../command';

/** A command known by name and summary, whose module loads on first use. */
function loadedOnUse(name: string, summary: string, load: () => Promise<CliCommand>): CliCommand & { load(): Promise<CliCommand> } {
  return { name, summary, load, run: async (args, io) => (await load()).run(args, io) };
}

/** Every subcommand, in the order `lzsim --help` lists them. */
export const COMMANDS = [
  loadedOnUse('validate-policy', 'Validate a policy document (SCP, RCP, IDENTITY, ..., TAG, BACKUP, AISERVICES_OPT_OUT, S3, EC2) and print findings as JSON',
    async () => (await import('./validate-policy')).validatePolicyCommand),
  loadedOnUse('simulate', 'Evaluate a simulate-principal-policy request against an AWS export bundle',
    async () => (await import('./simulate')).simulateCommand),
  loadedOnUse('effective-policy', 'Describe an account\'s effective tag, backup or AI opt-out policy (DescribeEffectivePolicy) from a bundle',
    async () => (await import('./effective-policy')).effectivePolicyCommand),
  loadedOnUse('who-can', 'Who can do an action on a resource, directly or through role chains',
    async () => (await import('./who-can')).whoCanCommand),
  loadedOnUse('reach', 'What a principal can reach, or who can reach a role, through assume-role chains',
    async () => (await import('./reach')).reachCommand),
  loadedOnUse('access-graph', 'Print who can assume which role (JSON, Mermaid or text)',
    async () => (await import('./access-graph')).accessGraphCommand),
  loadedOnUse('impact', 'Preview what Organizations API calls (attach, detach, update, move, ...) would change for every account and principal',
    async () => (await import('./impact')).impactCommand),
  loadedOnUse('plan', 'The ordered Organizations and IAM calls that turn a live organization into a design, with each step\'s impact',
    async () => (await import('./plan')).planCommand),
  loadedOnUse('principal-permissions', 'Every action one user or role may perform after identity, boundary, SCP and RCP, by service and access level',
    async () => (await import('./principal-permissions')).principalPermissionsCommand),
  loadedOnUse('findings', 'External-access findings (Access Analyzer style) for a bundle',
    async () => (await import('./findings')).findingsCommand),
  loadedOnUse('import', 'Create a design from an AWS bundle, a folder of AWS CLI outputs or an aws-org-designer file',
    async () => (await import('./import')).importCommand),
  loadedOnUse('export', 'Export a design as an AWS bundle, Terraform JSON or CloudFormation',
    async () => (await import('./export')).exportCommand),
  loadedOnUse('backup', 'Write every design with its full history, members and share links to one file',
    async () => (await import('./backup')).backupCommand),
  loadedOnUse('restore', 'Restore the designs of a backup file, refusing (or with --replace replacing) designs that exist',
    async () => (await import('./backup')).restoreCommand),
  loadedOnUse('designs', 'List the designs in the database', async () => (await import('./designs')).designsCommand),
  loadedOnUse('user', 'Manage local accounts and design roles (LZSIM_AUTH=local)', async () => (await import('./user')).userCommand),
] as const satisfies readonly CliCommand[];
