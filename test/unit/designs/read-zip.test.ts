// The browser's zip reader on zips made by Info-ZIP's `zip` (deflated and stored entries), and the folder layout
// found inside a zip of the folder's parent, as interchange.importCliFiles reads it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readZipTextFiles, ZipReadError } from '@/components/designs/read-zip';

const fixture = join(process.cwd(), 'test/fixtures/aws-cli');
const work = mkdtempSync(join(tmpdir(), 'lzsim-zip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function zipOf(args: string[]): ArrayBuffer {
  const file = join(work, `${Math.random().toString(36).slice(2)}.zip`);
  execFileSync('zip', ['-q', '-r', ...args, file, 'sample-org'], { cwd: fixture });
  const bytes = readFileSync(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

describe.skipIf(!hasZip())('readZipTextFiles', () => {
  it('reads every file of a deflated zip with its path and exact text', async () => {
    const files = await readZipTextFiles(zipOf([]));
    expect(Object.keys(files)).toContain('sample-org/describe-organization.json');
    expect(files['sample-org/describe-organization.json']).toBe(readFileSync(join(fixture, 'sample-org/describe-organization.json'), 'utf8'));
    expect(Object.keys(files).some((path) => path.endsWith('/'))).toBe(false);
  });

  it('reads stored (uncompressed) entries the same way', async () => {
    const stored = await readZipTextFiles(zipOf(['-0']));
    const deflated = await readZipTextFiles(zipOf([]));
    expect(stored).toEqual(deflated);
  });

  it('refuses a file that is not a zip', async () => {
    await expect(readZipTextFiles(new TextEncoder().encode('{"not":"a zip"}').buffer as ArrayBuffer)).rejects.toBeInstanceOf(ZipReadError);
  });
});

function hasZip(): boolean {
  try {
    execFileSync('zip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
