// The contract every `lzsim` subcommand implements; commands are listed in server/cli/commands/index.ts.

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
