// `lzsim simulate` end to end: spawn the real launcher on the sample bundle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const bundle = join(repo, 'test/fixtures/bundles/sample-org.json');
const sampleRequest = join(repo, 'test/fixtures/bundles/sample-request.json');
const scratch = mkdtempSync(join(tmpdir(), 'lzsim-simulate-'));

function lzsim(...args: string[]) {
  const run = spawnSync(process.execPath, [join(repo, 'bin/lzsim.mjs'), 'simulate', ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function writeJson(name: string, value: unknown): string {
  const file = join(scratch, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('lzsim simulate', { timeout: 120_000 }, () => {
  it('prints AWS EvaluationResults for the sample request', () => {
    const { code, stdout, stderr } = lzsim('--bundle', bundle, '--cli-input-json', `file://${sampleRequest}`);
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { EvaluationResults: { EvalActionName: string; EvalDecision: string; LzsimTrace: { reasons: string[] } }[] };
    expect(output.EvaluationResults.map((result) => [result.EvalActionName, result.EvalDecision, result.LzsimTrace.reasons])).toEqual([
      ['s3:GetObject', 'allowed', ['identity-allow']],
      ['s3:DeleteObject', 'implicitDeny', ['no-allow']],
    ]);
    // The sample is a valid export: the one bundle reader has nothing to warn about.
    expect(stderr).not.toContain('warning');
  });

  it('--explain prints the deciding level, policy and statement for people', () => {
    const request = writeJson('outside-eu.json', {
      PolicySourceArn: 'arn:aws:iam::100000000005:role/app/app-runtime',
      CallerArn: 'arn:aws:sts::100000000005:assumed-role/app-runtime/lzsim-session',
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::lz7-payments-data/payments/x.csv'],
      ContextEntries: [{ ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: ['us-east-1'], ContextKeyType: 'string' }],
    });
    const { code, stdout } = lzsim('--bundle', bundle, '--cli-input-json', request, '--explain');
    expect(code).toBe(0);
    // Every key the deciding Deny reads is known: the plain decision, no "depends on conditions".
    expect(stdout).toContain('decision:  explicitDeny (scp-deny)\n');
    expect(stdout).not.toContain('MissingContextValues');
    expect(stdout).toMatch(/SCP ou Workloads \(ou-lz7a-workload\)\s+DENY/);
    expect(stdout).toContain('Deny  RegionRestriction (p-r3g10nlk), Sid DenyOutsideEu');
    // Statements whose condition did not hold say which clause and what the request had.
    expect(stdout).toContain('Sid EnforceOrgIdentities - condition not met: StringNotEqualsIfExists aws:PrincipalOrgID [o-lz7example1] (request: o-lz7example1)');
  });

  it('says when a ContextEntry names a key AWS sets itself, and which value was evaluated instead', () => {
    // reference_policies_condition-keys.html: aws:ResourceOrgID and aws:ResourceAccount come from the resource's
    // account; the simulator's resource owner defaults to the caller's account (SimulatePrincipalPolicy, ResourceOwner).
    const base = {
      PolicySourceArn: 'arn:aws:iam::100000000005:role/app/app-runtime',
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::partner-bucket/x'],
    };
    const supplied = writeJson('owned-keys.json', { ...base, ContextEntries: [
      { ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: ['eu-west-1'], ContextKeyType: 'string' },
      { ContextKeyName: 'aws:ResourceOrgID', ContextKeyValues: ['o-other12345'], ContextKeyType: 'string' },
    ] });
    const explained = lzsim('--bundle', bundle, '--cli-input-json', supplied, '--explain');
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('Context not used: aws:ResourceOrgID = o-other12345 was not used: AWS sets this key itself');
    expect(explained.stdout).toContain('evaluated with o-lz7example1 instead; for a resource of another account, give its owner (ResourceOwner) instead.');
    const json = JSON.parse(lzsim('--bundle', bundle, '--cli-input-json', supplied).stdout) as { EvaluationResults: { LzsimTrace: { overriddenContext?: { key: string; supplied: string[]; used?: string[] }[] } }[] };
    expect(json.EvaluationResults[0].LzsimTrace.overriddenContext?.map(({ key, supplied: values, used }) => ({ key, values, used })))
      .toEqual([{ key: 'aws:ResourceOrgID', values: ['o-other12345'], used: ['o-lz7example1'] }]);
    // Named as another account's resource, the bucket has no organization: AWS leaves aws:ResourceOrgID out.
    const owned = writeJson('owned-keys-owner.json', { ...base, ResourceOwner: 'arn:aws:iam::999988887777:root', ContextEntries: [
      { ContextKeyName: 'aws:ResourceOrgID', ContextKeyValues: ['o-other12345'], ContextKeyType: 'string' },
    ] });
    expect(lzsim('--bundle', bundle, '--cli-input-json', owned, '--explain').stdout)
      .toContain('aws:ResourceOrgID = o-other12345 was not used: AWS sets this key itself (reference_policies_condition-keys.html), so it was evaluated without it, as AWS leaves the key out of this request');
    // A key the request may supply (aws:RequestedRegion), or an owned key with the value AWS sets, is not mentioned.
    const same = writeJson('owned-keys-same.json', { ...base, ContextEntries: [
      { ContextKeyName: 'aws:ResourceOrgID', ContextKeyValues: ['o-lz7example1'], ContextKeyType: 'string' },
    ] });
    expect(lzsim('--bundle', bundle, '--cli-input-json', same, '--explain').stdout).not.toContain('Context not used');
  });

  it('names the keys the request left out that could change the decision, in --explain and in MissingContextValues', () => {
    const request = writeJson('no-region.json', {
      PolicySourceArn: 'arn:aws:iam::100000000005:role/app/app-runtime',
      CallerArn: 'arn:aws:sts::100000000005:assumed-role/app-runtime/lzsim-session',
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::lz7-payments-data/payments/x.csv'],
      ContextEntries: [{ ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['true'], ContextKeyType: 'boolean' }],
    });
    const explained = lzsim('--bundle', bundle, '--cli-input-json', request, '--explain');
    expect(explained.stdout).toContain('decision:  explicitDeny (scp-deny) [depends on conditions: aws:RequestedRegion]');
    expect(explained.stdout).toContain('MissingContextValues: aws:RequestedRegion');
    const json = JSON.parse(lzsim('--bundle', bundle, '--cli-input-json', request).stdout) as {
      EvaluationResults: { MissingContextValues: string[]; ResourceSpecificResults: { MissingContextValues: string[] }[] }[];
    };
    // For a resource ARN the simulator reports missing keys per resource (API_EvaluationResult.html).
    expect(json.EvaluationResults[0].MissingContextValues).toEqual([]);
    expect(json.EvaluationResults[0].ResourceSpecificResults[0].MissingContextValues).toEqual(['aws:RequestedRegion']);
  });

  it('a role source on a resource with a resource-based policy needs CallerArn, as AWS requires (API_SimulatePrincipalPolicy.html)', () => {
    const request = writeJson('role-no-caller.json', {
      PolicySourceArn: 'arn:aws:iam::100000000005:role/app/app-runtime',
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::lz7-payments-data/payments/x.csv'],
    });
    const refused = lzsim('--bundle', bundle, '--cli-input-json', request);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${request}: $.CallerArn: InvalidInput: CallerArn is required if you include a ResourcePolicy and the PolicySourceArn is not the ARN for an IAM user.`);
    // The same role without a resource-based policy in play needs none.
    const noPolicy = writeJson('role-no-resource-policy.json', { PolicySourceArn: 'arn:aws:iam::100000000005:role/app/app-runtime', ActionNames: ['ec2:DescribeInstances'] });
    expect(lzsim('--bundle', bundle, '--cli-input-json', noPolicy).code).toBe(0);
  });

  it('bad input: one line naming the file and JSON path, exit 2, no stack trace', () => {
    const request = writeJson('bad.json', { PolicySourceArn: 'arn:aws:iam::100000000005:role/app/app-runtime', ActionNames: ['s3:GetObject'], ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['x'], ContextKeyType: 'address' }] });
    const bad = lzsim('--bundle', bundle, '--cli-input-json', request);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(`${request}: $.ContextEntries[0].ContextKeyType: expected one of string`);

    const brokenBundle = writeJson('broken-bundle.json', { Organization: { Id: 'o-x', MasterAccountId: '123' } });
    const broken = lzsim('--bundle', brokenBundle, '--cli-input-json', request);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${brokenBundle}: $.Organization.Id: "o-x" is not a valid organization id`);
    expect(broken.stderr).toMatch(/\(and \d+ more problems\)/);

    const notJson = lzsim('--bundle', writeJson('not-json.json', '{"Organization":'), '--cli-input-json', request);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/not-json\.json: not valid JSON/);
    expect(notJson.stderr).not.toMatch(/\n\s+at /);
  });

  it('unknown principal: one line, exit 2', () => {
    const request = writeJson('ghost.json', { PolicySourceArn: 'arn:aws:iam::100000000005:user/ghost', ActionNames: ['s3:GetObject'] });
    const { code, stdout, stderr } = lzsim('--bundle', bundle, '--cli-input-json', request);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('$.PolicySourceArn: NoSuchEntity: principal arn:aws:iam::100000000005:user/ghost');
    expect(stderr).toContain('found nowhere');
  });

  it('missing arguments and a missing file exit 2', () => {
    expect(lzsim('--bundle', bundle).code).toBe(2);
    const missing = lzsim('--bundle', join(scratch, 'nope.json'), '--cli-input-json', sampleRequest);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: cannot read file: no such file');
  });
});
