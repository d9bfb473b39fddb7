// lzsim impact in-process on the committed sample bundle: Organizations API calls in AWS's request shapes
// (API_AttachPolicy.html, API_DetachPolicy.html, API_MoveAccount.html, API_CreatePolicy.html) and their refusals;
// IAM calls (IAM APIReference API_PutRolePolicy.html, API_AttachRolePolicy.html, API_CreatePolicyVersion.html),
// Control Tower's EnableControl (controltower APIReference API_EnableControl.html) and RAM's
// DisassociateResourceShare and CreateResourceShare (ram APIReference API_DisassociateResourceShare.html,
// API_CreateResourceShare.html; an account invited while sharing with AWS Organizations is off reaches nothing until
// it accepts: working-with-shared-invitations.html) in theirs.
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

  const DENY_TERMINATE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' }] });

  it('IAM PutRolePolicy: the role loses the action its new inline policy denies, no SCP/RCP cell flips', async () => {
    const file = await changeFile([{ PutRolePolicy: { RoleName: 'OrganizationAccountAccessRole', PolicyName: 'NoTerminate', PolicyDocument: DENY_TERMINATE }, AccountId: '100000000005' }]);
    const { code, stdout } = await run(['impact', '--bundle', 'bundles/sample-org.json', '--change', file, '--region', 'eu-central-1', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { ChangedCells: number; Principals: { PrincipalArn: string; Gains: string[]; Loses: string[] }[]; ManagementPolicies: unknown[]; SharedResources: unknown[] };
    expect(result.ChangedCells).toBe(0);
    expect(result.Principals).toEqual([{ PrincipalArn: 'arn:aws:iam::100000000005:role/OrganizationAccountAccessRole', AccountId: '100000000005', Gains: [], Loses: ['ec2:TerminateInstances'] }]);
    expect(result.ManagementPolicies).toEqual([]);
    expect(result.SharedResources).toEqual([]);
    const text = await run(['impact', '--bundle', 'bundles/sample-org.json', '--change', file, '--region', 'eu-central-1']);
    expect(text.stdout).toContain('no (account, action) cell flips under SCPs and RCPs');
    expect(text.stdout).toContain('arn:aws:iam::100000000005:role/OrganizationAccountAccessRole loses ec2:TerminateInstances');
  }, 240_000);

  it('IAM DetachRolePolicy and CreatePolicyVersion: the principals that lose or gain actions', async () => {
    // Principals are judged on resource "*": the new default version allows sqs:SendMessage on any queue, within
    // the role's boundary (AppBoundary allows sqs:*).
    const wider = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] });
    const detach = await changeFile([{ DetachRolePolicy: { RoleName: 'OrganizationAccountAccessRole', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, AccountId: '100000000005' }]);
    const detached = JSON.parse((await run(['impact', '--bundle', 'bundles/sample-org.json', '--change', detach, '--region', 'eu-central-1', '--json'])).stdout) as { Principals: { PrincipalArn: string; Loses: string[] }[] };
    const role = detached.Principals.find((principal) => principal.PrincipalArn === 'arn:aws:iam::100000000005:role/OrganizationAccountAccessRole')!;
    expect(role.Loses).toContain('ec2:RunInstances');
    const version = await changeFile([{ CreatePolicyVersion: { PolicyArn: 'arn:aws:iam::100000000005:policy/PaymentsAppAccess', PolicyDocument: wider, SetAsDefault: true }, AccountId: '100000000005' }]);
    const { code, stdout } = await run(['impact', '--bundle', 'bundles/sample-org.json', '--change', version, '--region', 'eu-central-1', '--json']);
    expect(code).toBe(0);
    const runtime = (JSON.parse(stdout) as { Principals: { PrincipalArn: string; Gains: string[] }[] }).Principals.find((principal) => principal.PrincipalArn === 'arn:aws:iam::100000000005:role/app/app-runtime');
    expect(runtime?.Gains).toEqual(['sqs:SendMessage']);
  }, 240_000);

  it('RAM CreateResourceShare: payments-prod\'s role may use the shared subnet once sharing with Organizations is on, and only then', async () => {
    const SUBNET = 'arn:aws:ec2:eu-central-1:100000000001:subnet/subnet-0123456789abcdef0';
    const create = { CreateResourceShare: { name: 'subnets', region: 'eu-central-1', resourceArns: [SUBNET], principals: ['100000000005'] }, AccountId: '100000000001' };
    const shared = async (calls: unknown[]) => {
      const { code, stdout } = await run(['impact', '--bundle', 'bundles/sample-org.json', '--change', await changeFile(calls), '--json']);
      expect(code).toBe(0);
      return (JSON.parse(stdout) as { SharedResources: { ResourceArn: string; PrincipalArn: string; Gains: string[] }[] }).SharedResources;
    };
    // The sample has no trusted access for ram.amazonaws.com: the account is invited, and gains nothing yet.
    expect(await shared([create])).toEqual([]);
    const gains = await shared([{ EnableAWSServiceAccess: { ServicePrincipal: 'ram.amazonaws.com' } }, create]);
    expect(gains.find((entry) => entry.PrincipalArn === 'arn:aws:iam::100000000005:role/OrganizationAccountAccessRole' && entry.ResourceArn === SUBNET)?.Gains).toContain('ec2:RunInstances');
  }, 240_000);

  it.each([
    [[{ AttachRolePolicy: { RoleName: 'OrganizationAccountAccessRole', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }], '$[0]: the IAM call AttachRolePolicy names the account it runs in'],
    [[{ AttachRolePolicy: { RoleName: 'NoSuchRole', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, AccountId: '100000000005' }], '$[0].AttachRolePolicy: NoSuchEntity'],
    [[{ AttachPolicy: { PolicyId: 'p-r3g10nlk', TargetId: 'ou-lz7a-workload' }, AccountId: '100000000005' }], '$[0].AccountId: AttachPolicy is not an IAM call'],
    [[{ EnableControl: { controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER', targetIdentifier: 'ou-lz7a-workload' } }], '$[0].EnableControl: ResourceNotFoundException'],
    [[{ DisassociateResourceShare: { resourceShareArn: 'arn:aws:ram:eu-west-1:100000000001:resource-share/nope', principals: ['100000000005'] } }], '$[0].DisassociateResourceShare: UnknownResourceException'],
    [[{ CreateResourceShare: { name: 'subnets', resourceArns: [] } }], '$[0]: CreateResourceShare names the account it runs in'],
    [[{ CreateResourceShare: { name: 'subnets', region: 'eu-central-1', resourceArns: ['arn:aws:ec2:eu-west-1:100000000001:subnet/subnet-0123456789abcdef0'] }, AccountId: '100000000001' }], '$[0].CreateResourceShare: UnknownResourceException'],
  ])('refuses the other APIs\' call %j naming the JSON path and AWS\'s error, exit 2', async (calls, expected) => {
    const file = await changeFile(calls);
    const { code, stdout, stderr } = await run(['impact', '--bundle', 'bundles/sample-org.json', '--change', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
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
