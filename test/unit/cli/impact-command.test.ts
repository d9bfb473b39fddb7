// lzsim impact in-process on the committed sample bundle: Organizations API calls in AWS's request shapes
// (API_AttachPolicy.html, API_DetachPolicy.html, API_MoveAccount.html, API_CreatePolicy.html) and their refusals.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../support/run-cli-in-process';
import { ORGANIZATIONS_CALLS } from '@/server/engine';
import { IMPACT_OPERATIONS } from '@/server/schemas/impact';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function run(args: string[], cwd = fixtures) {
  return runCliInProcess(args, cwd);
}

async function changeFile(calls: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lzsim-impact-'));
  const file = join(dir, 'change.json');
  await writeFile(file, JSON.stringify(calls));
  return file;
}

describe('lzsim impact', () => {
  it('the API schema lists the operations the engine applies', () => {
    expect([...IMPACT_OPERATIONS]).toEqual([...ORGANIZATIONS_CALLS]);
  });

  it('prints the flipped cells and the role that loses ec2:RunInstances in eu-central-1', async () => {
    const { code, stdout } = await run(['impact', '--bundle', 'bundles/sample-org.json', '--change', 'impact/deny-run-instances.json', '--region', 'eu-central-1', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      Created: { Name: string; Id: string }[]; ChangedAccounts: number;
      Groups: { Side: string; Accounts: string[]; Actions: { Action: string; Before: string; After: string }[] }[];
      Principals: { PrincipalArn: string; Loses: string[]; Gains: string[] }[];
    };
    expect(result.Created).toEqual([{ Kind: 'policy', Name: 'DenyRunInstancesInFrankfurt', Id: 'p-new00001' }]);
    const prod = result.Groups.find((group) => group.Accounts.includes('100000000005'))!;
    expect(prod.Actions).toEqual([{ Action: 'ec2:RunInstances', Before: 'allowed', After: 'explicitDeny' }]);
    // The sandbox account moved out of the sandbox guardrails into NonProd.
    const moved = result.Groups.find((group) => group.Accounts.includes('100000000007'))!;
    expect(moved.Actions).toContainEqual({ Action: 'savingsplans:CreateSavingsPlan', Before: 'explicitDeny', After: 'allowed' });
    expect(result.Principals).toContainEqual({ PrincipalArn: 'arn:aws:iam::100000000005:role/OrganizationAccountAccessRole', AccountId: '100000000005', Gains: [], Loses: ['ec2:RunInstances'] });
  });

  it('says so when nothing flips', async () => {
    const file = await changeFile([{ UpdateOrganizationalUnit: { OrganizationalUnitId: 'ou-lz7a-prod0001', Name: 'Production' } }]);
    const { code, stdout } = await run(['impact', '--bundle', 'bundles/sample-org.json', '--change', file]);
    expect(code).toBe(0);
    expect(stdout).toContain('nothing flips');
  });

  it.each([
    [[{ DetachPolicy: { PolicyId: 'p-FullAWSAccess', TargetId: 'ou-lz7a-prod0001' } }], '$[0].DetachPolicy: ConstraintViolationException (MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED)'],
    [[{ AttachPolicy: { PolicyId: 'p-r3g10nlk', TargetId: 'ou-lz7a-workload' } }], '$[0].AttachPolicy: DuplicatePolicyAttachmentException'],
    [[{ AttachPolicy: { PolicyId: 'p-nope', TargetId: 'ou-lz7a-workload' } }], '$[0].AttachPolicy.PolicyId: PolicyNotFoundException'],
    [[{ MoveAccount: { AccountId: '100000000005', SourceParentId: 'ou-lz7a-sandbox1', DestinationParentId: 'ou-lz7a-workload' } }], '$[0].MoveAccount.SourceParentId: SourceParentNotFoundException'],
    [[{ AttachPolicy: { TargetId: 'ou-lz7a-workload' } }], '$[0].AttachPolicy.PolicyId: InvalidInputException'],
    [[{ Detach: {} }], '$[0].Detach: unknown operation "Detach"'],
    [{ AttachPolicy: {}, DetachPolicy: {} }, '$: expected exactly one operation per object'],
    [[{ UpdatePolicy: { PolicyId: 'p-r3g10nlk', Content: '{"Statement": 3}' } }], '$[0].UpdatePolicy.Content: MalformedPolicyDocumentException'],
  ])('refuses %j in one line naming the file and JSON path, exit 2', async (calls, expected) => {
    const file = await changeFile(calls);
    const { code, stdout, stderr } = await run(['impact', '--bundle', 'bundles/sample-org.json', '--change', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${file}: ${expected}`);
  });

  it('refuses an OU deeper than five levels (OU_DEPTH_LIMIT_EXCEEDED)', async () => {
    const calls = [{ CreateOrganizationalUnit: { ParentId: 'ou-lz7a-prod0001', Name: 'L3' } }];
    for (let level = 4; level <= 6; level++) calls.push({ CreateOrganizationalUnit: { ParentId: `L${level - 1}`, Name: `L${level}` } });
    const { code, stderr } = await run(['impact', '--bundle', 'bundles/sample-org.json', '--change', await changeFile(calls)]);
    expect(code).toBe(2);
    expect(stderr).toContain('$[3].CreateOrganizationalUnit: ConstraintViolationException (OU_DEPTH_LIMIT_EXCEEDED)');
  });
});
