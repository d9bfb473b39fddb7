// The contract every `lzsim` subcommand implements (commands are listed in server/cli/commands/index.ts), and
// defineCommand, the scaffolding they share: option parsing with node:util's parseArgs, `-h/--help`, argument
// errors prefixed with the command's name, and required options.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';

/** Where a command writes and reads; injected so tests can run commands in-process. */
export interface CliIo {
  /** Write to standard output. */
  stdout(text: string): void;
  /** Write to standard error. */
  stderr(text: string): void;
  /** Read all of standard input (for the "-" file argument). */
  readStdin(): Promise<string>;
  /** The directory relative file paths are resolved against. */
  cwd: string;
}

/** One subcommand of `lzsim`. */
export interface CliCommand {
  /** The word after `lzsim`, e.g. "validate-policy". */
  name: string;
  /** One line for the command list in `lzsim --help`. */
  summary: string;
  /** Full help text printed by `lzsim <name> --help` (the command's module prints it). */
  help?: string;
  /** Run with the arguments after the command name; resolve to the exit code. Throw CliError for user errors. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** A command's options, in node:util parseArgs' form (`-h/--help` is added by defineCommand). */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** What parseArgs returns for these options (strict, with or without positionals). */
export type ParsedCommand<O extends CommandOptions, P extends boolean> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; strict: true; allowPositionals: P }>
>;

/** A command as its module describes it; defineCommand turns it into a CliCommand. */
export interface CommandSpec<O extends CommandOptions, P extends boolean> {
  name: string;
  summary: string;
  /** The text `lzsim <name> --help` prints. */
  help: string;
  options: O;
  /** True when the command takes positional arguments (design ids, files). */
  positionals?: P;
  /** Runs once the arguments parsed and --help was not asked for. */
  run(parsed: ParsedCommand<O, P>, io: CliIo): Promise<number>;
}

/** A CliCommand that parses its arguments strictly, answers `--help`, and names itself in argument errors. */
export function defineCommand<const O extends CommandOptions, const P extends boolean = false>(spec: CommandSpec<O, P>): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    help: spec.help,
    async run(args, io) {
      let parsed: ParsedCommand<O, P>;
      try {
        parsed = parseArgs({
          args,
          options: { ...spec.options, ...HELP_OPTION },
          strict: true,
          allowPositionals: (spec.positionals ?? false) as P,
        }) as ParsedCommand<O, P>;
      } catch (error) {
        throw new CliError(`${spec.name}: ${(error as Error).message}`);
      }
      if ((parsed.values as { help?: boolean }).help) {
        io.stdout(`${spec.help}\n`);
        return 0;
      }
      return spec.run(parsed, io);
    },
  };
}

/**
 * Stop with the CliError "simulate needs --bundle FILE (see lzsim simulate --help)" when an option the command
 * cannot run without is missing; afterwards TypeScript knows the value is a string.
 */
export function requireOption(command: string, value: string | undefined, usage: string): asserts value is string {
  if (value === undefined || value === '') throw new CliError(`${command} needs ${usage} (see lzsim ${command} --help)`);
}
