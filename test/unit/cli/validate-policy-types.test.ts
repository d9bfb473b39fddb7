// `lzsim validate-policy --type TAG|BACKUP|AISERVICES_OPT_OUT` (and the Organizations names TAG_POLICY, ...) in
// process, over the same table-driven fixtures as the engine's management validator
// (test/fixtures/management/validation/*.json, each file naming the Organizations syntax pages): the command prints
// exactly the validator's findings and exits 1 when one is an error.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '@/server/cli/command';
import { runCli } from '@/server/cli/lzsim';
import { validateManagementPolicy, type ManagementPolicyType } from '@/server/engine/management';
import type { Finding } from '@/server/engine/types';

interface ValidationCase {
  name: string;
  type: ManagementPolicyType;
  content: string | Record<string, unknown>;
  errors: string[];
  warnings?: string[];
}

const dir = fileURLToPath(new URL('../../fixtures/management/validation/', import.meta.url));
const cases = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .flatMap((file) => (JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as { cases: ValidationCase[] }).cases);

const SHORT_NAMES: Record<ManagementPolicyType, string> = { TAG_POLICY: 'TAG', BACKUP_POLICY: 'BACKUP', AISERVICES_OPT_OUT_POLICY: 'AISERVICES_OPT_OUT', S3_POLICY: 'S3', DECLARATIVE_POLICY_EC2: 'EC2' };

async function validate(type: string, content: string): Promise<{ code: number; findings: Finding[]; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (text) => { out += text; }, stderr: (text) => { err += text; }, readStdin: async () => content, cwd: dir };
  const code = await runCli(['validate-policy', '--type', type, '-'], io);
  return { code, findings: code === 2 ? [] : (JSON.parse(out) as Finding[]), err };
}

describe('lzsim validate-policy for management policy types', () => {
  it('has fixtures for every management type', () => {
    expect(new Set(cases.map((testCase) => testCase.type))).toEqual(new Set(Object.keys(SHORT_NAMES)));
  });

  it.each(cases.map((testCase, i) => [testCase.name, testCase, i] as const))('%s', async (_name, testCase, i) => {
    const content = typeof testCase.content === 'string' ? testCase.content : JSON.stringify(testCase.content, null, 2);
    // Alternate the short and the Organizations spelling of the type: both must work.
    const typeName = i % 2 === 0 ? SHORT_NAMES[testCase.type] : testCase.type.toLowerCase();
    const { code, findings } = await validate(typeName, content);
    expect(findings).toEqual(validateManagementPolicy(testCase.type, content));
    const errorCodes = [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.code))].sort();
    expect(errorCodes).toEqual([...testCase.errors].sort());
    expect(code).toBe(testCase.errors.length > 0 ? 1 : 0);
  });

  it('refuses an unknown type naming the accepted ones', async () => {
    const { code, err } = await validate('TAGS', '{}');
    expect(code).toBe(2);
    expect(err).toMatch(/unknown --type "TAGS".*TAG_POLICY.*BACKUP.*AISERVICES_OPT_OUT/);
  });
});
