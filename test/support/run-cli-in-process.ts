// Runs the lzsim CLI in-process with no standard input, capturing what it prints: the CLI tests' one way to call it.
import { runCli } from '@/server/cli/lzsim';

/** The exit code and the text printed to stdout and stderr by `lzsim ARGS` run in `cwd`. */
export async function runCliInProcess(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, readStdin: async () => '', cwd });
  return { code, stdout, stderr };
}
