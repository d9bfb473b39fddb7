// The one error type CLI commands throw for problems the user can fix (bad arguments, unreadable files, invalid
// input). The dispatcher prints its message as a single line on stderr, without a stack trace.

/** Exit code for bad arguments, unreadable files and invalid input, as documented in `lzsim --help`. */
export const EXIT_USAGE = 2;

/** A user-facing CLI failure: one line on stderr, then exit with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    /** Process exit code (2 unless a command documents another). */
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}

/** Describe a Node file-system error in a few words ("no such file"), falling back to its message. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a file';
    default: return error instanceof Error ? error.message : String(error);
  }
}
