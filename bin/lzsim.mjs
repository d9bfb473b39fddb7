#!/usr/bin/env node
// `lzsim` launcher: runs server/cli/lzsim.ts under tsx (a dependency) in a child Node process, with the
// react-server export condition so that `import "server-only"` resolves to its empty module outside Next.js.
// Arguments, stdio and the exit code pass straight through.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../server/cli/lzsim.ts', import.meta.url));
// Resolve tsx from this package, not from the caller's working directory.
const tsxLoader = import.meta.resolve('tsx');

const child = spawn(
  process.execPath,
  ['--import', tsxLoader, '--conditions=react-server', '--no-warnings=ExperimentalWarning', entry, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}

child.on('error', (error) => {
  process.stderr.write(`lzsim: cannot start Node for the CLI: ${error.message}\n`);
  process.exit(2);
});

child.on('exit', (code, signal) => {
  if (signal) {
    // Re-raise so our own parent sees the same signal, as a shell would.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 2);
});
