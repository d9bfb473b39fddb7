// lzsim import / export / designs, in-process through runCli, on the run's test database (DATABASE_URL is pointed at
// it for this file only and restored afterwards).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../server/cli/command';
import { runCli } from '../../../server/cli/lzsim';
import { createTestDb, testDatabaseUrl } from '../../support/db-test-client';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
let savedUrl: string | undefined;
let workDir: string;

function captureIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout(text: string) { io.out += text; }, stderr(text: string) { io.err += text; }, readStdin: async () => '', cwd: fixtures };
  return io;
}

beforeAll(() => {
  savedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = testDatabaseUrl();
  workDir = mkdtempSync(join(tmpdir(), 'lzsim-cli-'));
});
afterAll(() => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  rmSync(workDir, { recursive: true, force: true });
});

describe('lzsim import, designs, export', () => {
  it('imports a folder, lists it with designs --json, exports it as CloudFormation to a file', async () => {
    const imported = captureIo();
    expect(await runCli(['import', 'aws-cli/sample-org', '--name', `cli folder ${Date.now()}`], imported)).toBe(0);
    const designId = imported.out.trim();
    expect(designId).toMatch(/^[0-9a-f-]{36}$/);
    expect(imported.err).toContain('6 organizationalUnits');

    const listed = captureIo();
    expect(await runCli(['designs', '--json'], listed)).toBe(0);
    const designs = JSON.parse(listed.out) as { id: string; name: string; revision: number; createdAt: string }[];
    const mine = designs.find((d) => d.id === designId)!;
    expect(Object.keys(mine).sort()).toEqual(['createdAt', 'id', 'name', 'revision']);
    expect(mine.revision).toBe(0);
    expect(Number.isNaN(Date.parse(mine.createdAt))).toBe(false);

    const out = join(workDir, 'org.cfn.json');
    const exported = captureIo();
    expect(await runCli(['export', designId, '--format', 'cloudformation', '--out', out], exported)).toBe(0);
    const template = JSON.parse(readFileSync(out, 'utf8')) as { Resources: Record<string, { Type: string }> };
    expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::Organizations::OrganizationalUnit')).toHaveLength(6);
  });

  it('round-trips through the CLI: import a bundle, export it, import the export', async () => {
    const first = captureIo();
    expect(await runCli(['import', 'bundles/sample-org.json'], first)).toBe(0);
    const exported = captureIo();
    expect(await runCli(['export', first.out.trim(), '--format', 'bundle'], exported)).toBe(0);
    const file = join(workDir, 'exported.json');
    writeFileSync(file, exported.out);
    const second = captureIo();
    expect(await runCli(['import', file], second)).toBe(0);
    const again = captureIo();
    expect(await runCli(['export', second.out.trim(), '--format', 'bundle'], again)).toBe(0);
    expect(JSON.parse(again.out)).toEqual(JSON.parse(exported.out));
  });

  it('imports an aws-org-designer file', async () => {
    const io = captureIo();
    expect(await runCli(['import', 'org-designer/acme-landing-zone.json', '--name', `cli designer ${Date.now()}`], io)).toBe(0);
    expect(io.err).toContain('warning: aws-org-designer has no management account');
  });

  it('exits 2 and prints every problem for an invalid bundle; unknown design and format are usage errors', async () => {
    const bundle = JSON.parse(readFileSync(join(fixtures, 'bundles/sample-org.json'), 'utf8')) as { Accounts: { ParentId: string }[] };
    bundle.Accounts[3].ParentId = 'ou-lz7a-nowhere00';
    const file = join(workDir, 'broken.json');
    writeFileSync(file, JSON.stringify(bundle));
    const io = captureIo();
    expect(await runCli(['import', file], io)).toBe(2);
    expect(io.err).toContain('$.Accounts[3].ParentId: ParentNotFoundException');
    expect(io.err).toContain('nothing was imported');
    expect(io.out).toBe('');

    const unknown = captureIo();
    expect(await runCli(['export', 'no-such-design', '--format', 'bundle'], unknown)).toBe(2);
    expect(unknown.err).toContain('no design with id "no-such-design"');
    const badFormat = captureIo();
    expect(await runCli(['export', 'x', '--format', 'pulumi'], badFormat)).toBe(2);
    expect(badFormat.err).toContain('--format bundle|terraform|cloudformation');
  });
});

// Issue 14, hole 6: the CLI refuses what the API refuses, with the JSON path, reads files with a BOM, and never
// prints a control character to the terminal.
describe('lzsim and text that lies', () => {
  const sample = readFileSync(join(fixtures, 'bundles/sample-org.json'), 'utf8');

  it('imports a bundle saved with a UTF-8 byte order mark', async () => {
    const file = join(workDir, 'with-bom.json');
    writeFileSync(file, `\uFEFF${sample}`);
    const io = captureIo();
    expect(await runCli(['import', file, '--name', `cli bom ${Date.now()}`], io)).toBe(0);
    expect(io.out.trim()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the JSON path of a NUL or a lone surrogate, and imports nothing', async () => {
    const bundle = JSON.parse(sample) as { OrganizationalUnits: { Name: string }[]; Accounts: { Name: string }[] };
    bundle.OrganizationalUnits[1].Name = 'Infra\u0000structure';
    bundle.Accounts[2].Name = 'Audit \ud800';
    const file = join(workDir, 'nul.json');
    writeFileSync(file, JSON.stringify(bundle));
    const io = captureIo();
    expect(await runCli(['import', file], io)).toBe(2);
    expect(io.err).toContain('$.OrganizationalUnits[1].Name: InvalidInputException: Text must not contain control characters (U+0000 (NUL) at character 6)');
    expect(io.err).toContain('$.Accounts[2].Name: InvalidInputException: Text must be valid Unicode (a lone surrogate U+D800 at character 7)');
    expect(io.err).toMatch(/2 problems; nothing was imported/);
  });

  it('applies the API\'s 80-character, no-control-character rule to --name', async () => {
    const long = captureIo();
    expect(await runCli(['import', 'bundles/sample-org.json', '--name', 'n'.repeat(81)], long)).toBe(2);
    expect(long.err).toContain('--name: Name must be at most 80 characters.');
    const escape = captureIo();
    expect(await runCli(['import', 'bundles/sample-org.json', '--name', 'red \u001b[31m'], escape)).toBe(2);
    expect(escape.err).toContain('--name: Text must not contain control characters (U+001B (escape) at character 5).');
  });

  it('prints a stored name holding an escape sequence as visible text in the designs table', async () => {
    const db = createTestDb();
    const name = `legacy \u001b[2J\u001b[31mred ${Date.now()}`;
    try {
      await db.design.create({ data: { name } });
      const io = captureIo();
      expect(await runCli(['designs'], io)).toBe(0);
      expect(io.out).not.toContain('\u001b');
      expect(io.out).toContain('legacy \\u001b[2J\\u001b[31mred');
    } finally {
      await db.design.deleteMany({ where: { name } });
      await db.$disconnect();
    }
  });
});
