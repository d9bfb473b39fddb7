// `lzsim effective-policy` in process on test/fixtures/bundles/effective-policies.json (an organization whose root
// backup policy has 6 rules and lets children append; an OU adds 4, so its accounts have 10; a policy attached to two
// accounts adds an 11th). AWS pages: API_DescribeEffectivePolicy.html (EffectivePolicy shape, account targets only,
// its exceptions), API_EffectivePolicyValidationError.html (ELEMENTS_TOO_MANY), aws-backup-limits.html,
// orgs_manage_policies_backup_syntax.html and orgs_manage_policies_inheritance_mgmt.html (the merge).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '@/server/cli/command';
import { runCli } from '@/server/cli/lzsim';

const bundles = fileURLToPath(new URL('../../fixtures/bundles/', import.meta.url));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (text) => { out += text; }, stderr: (text) => { err += text; }, readStdin: async () => '', cwd: bundles };
  const code = await runCli(['effective-policy', '--bundle', 'effective-policies.json', ...args], io);
  return { code, out, err };
}

describe('lzsim effective-policy', { timeout: 60_000 }, () => {
  it('prints DescribeEffectivePolicy\'s response for a valid merge (10 rules from the root and the OU)', async () => {
    const before = Date.now();
    const { code, out } = await run('--account', '200000000002', '--type', 'BACKUP_POLICY', '--json');
    expect(code).toBe(0);
    const response = JSON.parse(out) as { EffectivePolicy: Record<string, string> };
    expect(Object.keys(response)).toEqual(['EffectivePolicy']);
    expect(Object.keys(response.EffectivePolicy)).toEqual(['PolicyContent', 'LastUpdatedTimestamp', 'TargetId', 'PolicyType']);
    expect(response.EffectivePolicy).toMatchObject({ TargetId: '200000000002', PolicyType: 'BACKUP_POLICY' });
    const content = JSON.parse(response.EffectivePolicy.PolicyContent) as { plans: { Daily: { rules: object; regions: string[] } } };
    expect(Object.keys(content.plans.Daily.rules)).toHaveLength(10);
    expect(content.plans.Daily.regions).toEqual(['eu-west-1']);
    // Nothing recorded for this account's backup policy: the effective policy is as of this computation.
    expect(Date.parse(response.EffectivePolicy.LastUpdatedTimestamp)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('keeps the recorded LastUpdatedTimestamp when the effective policy has not changed', async () => {
    const { code, out } = await run('--account', '200000000002', '--type', 'TAG', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).EffectivePolicy).toMatchObject({ LastUpdatedTimestamp: '2026-09-15T08:30:00.000Z', PolicyType: 'TAG_POLICY' });
  });

  it('an 11th rule makes the merge invalid (ELEMENTS_TOO_MANY): the account keeps its recorded last valid policy', async () => {
    const { code, out, err } = await run('--account', '200000000003', '--type', 'BACKUP_POLICY', '--json');
    expect(code).toBe(0);
    const response = JSON.parse(out) as { EffectivePolicy: Record<string, string>; LzsimValidationErrors: Record<string, unknown>[] };
    expect(response.EffectivePolicy.LastUpdatedTimestamp).toBe('2026-10-01T12:00:00.000Z');
    expect(Object.keys(JSON.parse(response.EffectivePolicy.PolicyContent).plans.Daily.rules)).toEqual(['Rule0']);
    expect(response.LzsimValidationErrors).toEqual([
      expect.objectContaining({ ErrorCode: 'ELEMENTS_TOO_MANY', PathToError: '$.plans.Daily.rules', ContributingPolicies: expect.arrayContaining(['p-bkpacct01']) }),
    ]);
    expect(err).toContain('keeps its last valid effective policy');
  });

  it('without a recorded valid policy the invalid merge leaves none: EffectivePolicyNotFoundException', async () => {
    const { code, out, err } = await run('--account', '200000000004', '--type', 'BACKUP_POLICY', '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ __type: 'EffectivePolicyNotFoundException', LzsimValidationErrors: [expect.objectContaining({ ErrorCode: 'ELEMENTS_TOO_MANY' })] });
    expect(err).toMatch(/^lzsim: An error occurred \(EffectivePolicyNotFoundException\) when calling the DescribeEffectivePolicy operation: /);
  });

  it.each([
    ['a type not enabled on the root', ['--account', '200000000002', '--type', 'AISERVICES_OPT_OUT_POLICY'], 'EffectivePolicyNotFoundException'],
    ['the root as target', ['--account', 'r-efp0', '--type', 'TAG_POLICY'], 'InvalidInputException'],
    ['an OU as target', ['--account', 'ou-efp0-workload', '--type', 'TAG_POLICY'], 'InvalidInputException'],
    ['an account outside the organization', ['--account', '999999999999', '--type', 'TAG_POLICY'], 'TargetNotFoundException'],
  ])('answers AWS\'s exception for %s', async (_name, args, exception) => {
    const { code, out, err } = await run(...args);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(`(${exception}) when calling the DescribeEffectivePolicy operation`);
  });

  it('prints the effective policy for people without --json', async () => {
    const { code, out } = await run('--account', '200000000002', '--type', 'TAG_POLICY');
    expect(code).toBe(0);
    expect(out).toMatch(/^Effective TAG_POLICY of account 200000000002, last updated 2026-09-15T08:30:00.000Z:\n\{\n {2}"tags"/);
  });

  it('refuses bad arguments with exit 2', async () => {
    expect((await run('--account', '200000000002', '--type', 'SERVICE_CONTROL_POLICY')).err).toContain('unknown --type "SERVICE_CONTROL_POLICY"');
    expect((await run('--type', 'TAG_POLICY')).code).toBe(2);
    const missing = await runCli(['effective-policy', '--bundle', 'nope.json', '--account', '200000000002', '--type', 'TAG_POLICY'],
      { stdout: () => {}, stderr: () => {}, readStdin: async () => '', cwd: bundles });
    expect(missing).toBe(2);
  });
});
