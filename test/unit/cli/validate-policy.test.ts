// End-to-end: spawn the real launcher (bin/lzsim.mjs -> tsx -> server/cli/lzsim.ts) as a user would.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '@/server/engine/types';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = fileURLToPath(new URL('../../fixtures/policies/', import.meta.url));

interface Run { code: number; stdout: string; stderr: string }

function lzsim(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [`${root}bin/lzsim.mjs`, ...args], { cwd: fixtures, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
    if (input !== undefined) child.stdin?.end(input);
  });
}

describe('lzsim validate-policy (spawned)', { timeout: 30_000 }, () => {
  it('exits 0 with an empty JSON array for a valid SCP', async () => {
    const run = await lzsim(['validate-policy', '--type', 'SCP', 'scp-deny-outside-regions.json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.stderr).toContain('valid, no findings');
  });

  it('exits 1 and prints the findings when the policy has errors', async () => {
    const run = await lzsim(['validate-policy', '--type', 'identity', 'identity-broken.json']);
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout) as Finding[];
    expect(findings.map((f) => f.code)).toContain('INVALID_EFFECT');
    expect(findings.find((f) => f.code === 'INVALID_EFFECT')?.path).toBe('$.Statement[0].Effect');
    expect(run.stderr).toMatch(/identity-broken\.json: 4 errors.*\$\.Statement\[0\]\.Effect INVALID_EFFECT/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('honours --aws-managed for RCPFullAWSAccess', async () => {
    const [custom, managed] = await Promise.all([
      lzsim(['validate-policy', '--type', 'RCP', 'rcp-full-aws-access.json']),
      lzsim(['validate-policy', '--type', 'RCP', '--aws-managed', 'rcp-full-aws-access.json']),
    ]);
    expect(custom.code).toBe(1);
    expect(managed.code).toBe(0);
  });

  it('reads standard input for "-", including URL-encoded documents', async () => {
    const encoded = encodeURIComponent('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}}');
    const run = await lzsim(['validate-policy', '--type', 'IDENTITY', '-'], encoded);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('exits 2 with one line naming the file when it cannot be read', async () => {
    const run = await lzsim(['validate-policy', '--type', 'SCP', 'missing.json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('lzsim: missing.json: cannot read file: no such file\n');
  });

  it('exits 2 on bad arguments and unknown commands', async () => {
    const [badType, noType, unknown] = await Promise.all([
      lzsim(['validate-policy', '--type', 'BOGUS', 'malformed.json']),
      lzsim(['validate-policy', 'malformed.json']),
      lzsim(['validate-polcy']),
    ]);
    expect(badType).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown --type "BOGUS"') });
    expect(noType).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --type') });
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "validate-polcy"') });
  });

  it('prints help listing the registered commands', async () => {
    const run = await lzsim(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: lzsim <command>/);
    expect(run.stdout).toContain('validate-policy');
  });
});
