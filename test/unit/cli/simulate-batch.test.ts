// `lzsim simulate --batch`: JSON Lines in, one result line per input line out, through the real launcher (the
// prebuilt CLI). A bad line gets an Error result naming the line; the others still run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const bundle = join(repo, 'test/fixtures/bundles/sample-org.json');
const sample = JSON.parse(readFileSync(join(repo, 'test/fixtures/bundles/sample-request.json'), 'utf8')) as Record<string, unknown>;
const scratch = mkdtempSync(join(tmpdir(), 'lzsim-batch-'));

function lzsim(...args: string[]) {
  const run = spawnSync(process.execPath, [join(repo, 'bin/lzsim.mjs'), 'simulate', ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

type Line = { Line: number; EvaluationResults?: { EvalActionName: string; EvalDecision: string }[]; Error?: { Code: string; Message: string } };

describe('lzsim simulate --batch', { timeout: 120_000 }, () => {
  it('one result per input line; bad lines get an error naming the line, the others run', () => {
    const outsideEu = { ...sample, ActionNames: ['s3:GetObject'], ContextEntries: [{ ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: ['us-east-1'], ContextKeyType: 'string' }] };
    const lines = [
      JSON.stringify(sample),
      '',
      '{"PolicySourceArn": "arn:aws:iam::100000000005:role/app/app-runtime", "ActionNames": [',
      JSON.stringify({ ...sample, ActionNames: [] }),
      JSON.stringify({ ...sample, CallerArn: undefined, PolicySourceArn: 'arn:aws:iam::100000000005:role/NoSuchRole' }),
      JSON.stringify(outsideEu),
    ];
    const file = join(scratch, 'requests.jsonl');
    writeFileSync(file, `\uFEFF${lines.join('\r\n')}\n`);
    const { code, stdout, stderr } = lzsim('--bundle', bundle, '--batch', file);
    const output = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Line);
    expect(output.map((line) => line.Line)).toEqual([1, 3, 4, 5, 6]);
    expect(output[0].EvaluationResults?.map((result) => [result.EvalActionName, result.EvalDecision])).toEqual([
      ['s3:GetObject', 'allowed'],
      ['s3:DeleteObject', 'implicitDeny'],
    ]);
    expect(output[1].Error).toMatchObject({ Code: 'InvalidInput', Message: expect.stringMatching(new RegExp(`^${file} line 3: not valid JSON`)) });
    expect(output[2].Error).toMatchObject({ Code: 'InvalidInput', Message: expect.stringContaining(`${file} line 4: $.ActionNames`) });
    expect(output[3].Error).toMatchObject({ Code: 'NoSuchEntity', Message: expect.stringContaining(`${file} line 5: $.PolicySourceArn`) });
    expect(output[4].EvaluationResults?.map((result) => result.EvalDecision)).toEqual(['explicitDeny']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: 3 of 5 lines could not be evaluated (see their Error results)`);
  });

  it('exits 0 when every line is evaluated; refuses --batch with --cli-input-json', () => {
    const file = join(scratch, 'good.jsonl');
    writeFileSync(file, `${JSON.stringify(sample)}\n${JSON.stringify(sample)}\n`);
    const good = lzsim('--bundle', bundle, '--batch', file);
    expect(good.code).toBe(0);
    expect(good.stdout.trimEnd().split('\n')).toHaveLength(2);
    const both = lzsim('--bundle', bundle, '--batch', file, '--cli-input-json', file);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('lzsim: simulate takes --cli-input-json or --batch, not both\n');
  });
});
