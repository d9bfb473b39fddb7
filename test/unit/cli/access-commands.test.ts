// who-can, access-graph and findings run in-process on the committed sample bundle (AWS CLI shapes).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '@/server/cli/lzsim';
import { runCliInProcess } from '../../support/run-cli-in-process';

const bundles = fileURLToPath(new URL('../../fixtures/bundles/', import.meta.url));

function run(args: string[]) {
  return runCliInProcess(args, bundles);
}

describe('lzsim access commands', () => {
  it('access-graph --json lists the ExternalId edge of the partner role', async () => {
    const { code, stdout } = await run(['access-graph', '--bundle', 'sample-org.json', '--json']);
    expect(code).toBe(0);
    const graph = JSON.parse(stdout) as { Edges: { From: string; To: string; Decision: string; Conditions: { Kind: string; Values: string[] }[] }[] };
    const partner = graph.Edges.find((edge) => edge.To.endsWith(':role/PartnerAuditRole'));
    expect(partner).toMatchObject({ From: 'arn:aws:iam::210987654321:role/auditor', Decision: 'conditional' });
    expect(partner?.Conditions).toEqual([expect.objectContaining({ Kind: 'externalId', Values: ['lz7-audit-2026'] })]);
  });

  it('access-graph --mermaid draws accounts as subgraphs and conditional edges dashed', async () => {
    const { code, stdout } = await run(['access-graph', '--bundle', 'file://sample-org.json', '--mermaid']);
    expect(code).toBe(0);
    expect(stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(stdout).toMatch(/subgraph a\d+\["payments-prod 100000000005"\]/);
    expect(stdout).toMatch(/n\d+ -\.->\|"ExternalId=lz7-audit-2026"\| n\d+/);
  });

  it('findings --json prints Access Analyzer findings with the statement and the outside principal', async () => {
    const { code, stdout } = await run(['findings', '--bundle', 'sample-org.json', '--json']);
    expect(code).toBe(0);
    const { findings } = JSON.parse(stdout) as { findings: { resourceType: string; findingDetails: { externalAccessDetails: { principal: Record<string, string>; condition: Record<string, string> } }[]; lzsim: { sid?: string } }[] };
    const bucket = findings.find((finding) => finding.resourceType === 'AWS::S3::Bucket');
    expect(bucket?.lzsim.sid).toBe('PartnerReadsReports');
    expect(bucket?.findingDetails[0].externalAccessDetails.principal).toEqual({ AWS: 'arn:aws:iam::210987654321:role/auditor' });
    const role = findings.find((finding) => finding.resourceType === 'AWS::IAM::Role');
    expect(role?.findingDetails[0].externalAccessDetails.condition).toEqual({ 'sts:ExternalId': 'lz7-audit-2026' });
  });

  it('who-can --json gives each answer its path and the last hop in EvaluationResult shape', async () => {
    const { code, stdout } = await run(['who-can', '--bundle', 'sample-org.json', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::lz7-payments-data/reports/x.csv', '--region', 'eu-west-1', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { Answers: { Principal: string; HopCount: number; LastHop: { EvalDecision: string; EvalActionName: string } }[] };
    expect(result.Answers.length).toBeGreaterThan(0);
    const chained = result.Answers.find((answer) => answer.HopCount > 0);
    expect(chained?.LastHop).toMatchObject({ EvalDecision: 'allowed', EvalActionName: 's3:GetObject' });
    // The bucket policy names the partner's auditor role, outside the organization, but the root's DataPerimeter RCP
    // stops principals outside the organization from S3: nobody outside is listed.
    expect((JSON.parse(stdout) as { OutsideTheOrganization: unknown[] }).OutsideTheOrganization).toEqual([]);
    const withoutRcp = await run(['who-can', '--bundle', 'sample-org.json', '--action', 'sqs:SendMessage', '--resource', 'arn:aws:sqs:eu-west-1:100000000005:nothing-here']);
    expect(withoutRcp.stdout).not.toContain('outside the organization (');
  });

  it('findings say when an RCP of the resource\'s account stops the access (Access Analyzer leaves RCPs out)', async () => {
    const { stdout } = await run(['findings', '--bundle', 'sample-org.json', '--json']);
    const { findings } = JSON.parse(stdout) as { findings: { resourceType: string; findingDetails: { externalAccessDetails: { resourceControlPolicyRestriction: string } }[]; lzsim: { rcpStops?: { actions: string[]; policies: string[] }; summary: string } }[] };
    const bucket = findings.find((finding) => finding.resourceType === 'AWS::S3::Bucket')!;
    expect(bucket.findingDetails[0].externalAccessDetails.resourceControlPolicyRestriction).toBe('APPLICABLE');
    expect(bucket.lzsim.rcpStops).toEqual({ actions: ['s3:GetObject'], policies: ['DataPerimeter'] });
    expect(bucket.lzsim.summary).toMatch(/the RCP DataPerimeter of the resource's account stops all of it$/);
    // The RCP names S3, KMS, SQS and Secrets Manager: the partner's trust in sts:AssumeRole is not stopped.
    expect(findings.find((finding) => finding.resourceType === 'AWS::IAM::Role')!.lzsim.rcpStops).toBeUndefined();
  });

  it('bad input is one line naming the file and the JSON path, exit code 2', async () => {
    const missing = await run(['findings', '--bundle', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('lzsim: nope.json: cannot read file: no such file\n');
    const badShape = await run(['access-graph', '--bundle', '-']);
    expect(badShape.code).toBe(2);
    expect(badShape.stderr.trim().split('\n')).toHaveLength(1);
    const badAction = await run(['who-can', '--bundle', 'sample-org.json', '--action', 'GetObject', '--resource', 'arn:aws:s3:::b']);
    expect(badAction.code).toBe(2);
    expect(badAction.stderr).toMatch(/^lzsim: who-can: --action: expected SERVICE:ACTION/);
  });

  it('a bundle with a wrong shape names the JSON path', async () => {
    let stderr = '';
    const code = await runCli(['findings', '--bundle', '-'], {
      stdout: () => {}, stderr: (text) => { stderr += text; }, readStdin: async () => JSON.stringify({ Accounts: [{ Id: '12' }] }), cwd: bundles,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^lzsim: <stdin>: \$\.Accounts\[0\]\.Id: /);
  });
});
