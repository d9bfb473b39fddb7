// In-process: the dispatcher and validate-policy command through runCli with captured streams.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliError } from '@/server/cli/cli-error';
import type { CliCommand, CliIo } from '@/server/cli/command';
import { COMMANDS } from '@/server/cli/commands';
import { runCli, usage } from '@/server/cli/lzsim';

const fixtures = fileURLToPath(new URL('../../fixtures/policies/', import.meta.url));

function captureIo(stdin = ''): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) { io.out += text; },
    stderr(text: string) { io.err += text; },
    readStdin: async () => stdin,
    cwd: fixtures,
  };
  return io;
}

describe('runCli', () => {
  it('registers validate-policy', () => {
    expect(COMMANDS.map((c) => c.name)).toContain('validate-policy');
    expect(usage()).toContain('validate-policy');
  });

  it('validates a duplicate-key document and reports its JSON path', async () => {
    const io = captureIo();
    const code = await runCli(['validate-policy', '--type', 'SCP', 'duplicate-statement.json'], io);
    expect(code).toBe(1);
    expect(JSON.parse(io.out)).toEqual([expect.objectContaining({ code: 'DUPLICATE_KEY', path: '$.Statement' })]);
  });

  it('reports malformed JSON with its line', async () => {
    const io = captureIo();
    expect(await runCli(['validate-policy', '--type', 'SCP', 'malformed.json'], io)).toBe(1);
    expect(JSON.parse(io.out)[0].message).toContain('line 4');
  });

  it('prints command help and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['validate-policy', '--help'], io)).toBe(0);
    expect(io.out).toContain('Usage: lzsim validate-policy');
    const viaHelp = captureIo();
    expect(await runCli(['help', 'validate-policy'], viaHelp)).toBe(0);
    expect(viaHelp.out).toBe(io.out);
  });

  it('rejects extra files and unknown options with exit 2', async () => {
    const extra = captureIo();
    expect(await runCli(['validate-policy', '--type', 'SCP', 'a.json', 'b.json'], extra)).toBe(2);
    expect(extra.err).toContain('exactly one FILE');
    const unknown = captureIo();
    expect(await runCli(['validate-policy', '--type', 'SCP', '--fast', 'a.json'], unknown)).toBe(2);
    expect(unknown.err).toMatch(/^lzsim: validate-policy: .*--fast/);
  });

  it('turns CliError and unexpected errors from any command into one stderr line', async () => {
    const failing: CliCommand[] = [
      { name: 'user-error', summary: '', help: '', run: async () => { throw new CliError('bundle.json $.accounts[2].id: not a 12-digit account id', 2); } },
      { name: 'bug', summary: '', help: '', run: async () => { throw new TypeError('x is undefined'); } },
    ];
    const userError = captureIo();
    expect(await runCli(['user-error'], userError, failing)).toBe(2);
    expect(userError.err).toBe('lzsim: bundle.json $.accounts[2].id: not a 12-digit account id\n');
    const bug = captureIo();
    expect(await runCli(['bug'], bug, failing)).toBe(2);
    expect(bug.err.split('\n').filter(Boolean)).toEqual(['lzsim: unexpected error: x is undefined']);
  });

  it('exits 2 with the usage when no command is given', async () => {
    const io = captureIo();
    expect(await runCli([], io)).toBe(2);
    expect(io.out).toContain('Commands:');
  });
});
