// The registry of `lzsim` subcommands. To add one, write server/cli/commands/<name>.ts exporting a CliCommand
// and list it here; the dispatcher and `lzsim --help` pick it up.
import type { CliCommand } from '../command';
import { accessGraphCommand } from './access-graph';
import { designsCommand } from './designs';
import { effectivePolicyCommand } from './effective-policy';
import { exportCommand } from './export';
import { findingsCommand } from './findings';
import { importCommand } from './import';
import { simulateCommand } from './simulate';
import { validatePolicyCommand } from './validate-policy';
import { whoCanCommand } from './who-can';

/** Every subcommand, in the order `lzsim --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  validatePolicyCommand, simulateCommand, effectivePolicyCommand, whoCanCommand, accessGraphCommand, findingsCommand, importCommand, exportCommand, designsCommand,
];
