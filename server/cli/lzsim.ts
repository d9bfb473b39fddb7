// Entry point of the `lzsim` command line (bin/lzsim.mjs runs it through tsx). It dispatches to the commands
// registered in ./commands/index.ts and turns every failure into one line on stderr with a documented exit code.
import { CliError, EXIT_USAGE } from './cli-error';
import type { CliCommand, CliIo } from './command';
import { COMMANDS } from './commands';

const USAGE_HEAD = `Usage: lzsim <command> [options]

Landing Zone Simulator: design an AWS multi-account landing zone and see what every principal may do.

Commands:`;

const USAGE_TAIL = `
Run "lzsim <command> --help" for a command's options.
Exit codes: 0 success, 1 the command's check failed (e.g. a policy has errors), 2 bad arguments or input.`;

/** The top-level help text, listing the registered commands. */
export function usage(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `${USAGE_HEAD}\n${lines.join('\n')}\n${USAGE_TAIL}\n`;
}

/** Run the CLI with the arguments after the program name; resolves to the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const target = name === 'help' ? rest[0] : undefined;
      if (target !== undefined) return await runCli([target, '--help'], io, commands);
      io.stdout(usage(commands));
      return name === undefined ? EXIT_USAGE : 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(`${readPackageVersion()}\n`);
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) {
      const close = commands.find((c) => c.name.startsWith(name) || name.startsWith(c.name));
      throw new CliError(`unknown command "${name}"${close ? ` (did you mean "${close.name}"?)` : ''}; run "lzsim --help"`);
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`lzsim: ${error.message}\n`);
      return error.exitCode;
    }
    // Anything else is a bug in lzsim; still one line, unless LZSIM_DEBUG asks for the stack.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`lzsim: unexpected error: ${message}\n`);
    if (process.env.LZSIM_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}

function readPackageVersion(): string {
  // process.getBuiltinModule, not an import: an ESM import of node:fs costs every call, --help included, its facade.
  const { readFileSync } = process.getBuiltinModule('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Standard streams of this process as a CliIo. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    cwd: process.cwd(),
  };
}

const { pathToFileURL } = process.getBuiltinModule('node:url');
const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const code = await runCli(process.argv.slice(2), processIo());
  // Let stdout drain before exiting: large JSON output to a pipe is written asynchronously.
  process.exitCode = code;
}
