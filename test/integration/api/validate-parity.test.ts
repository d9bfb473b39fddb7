// The policy editor (policy.validate through createCaller on a real database) and `lzsim validate-policy` report
// exactly the same findings for the same text: both call validatePolicyDocument with the IAM action catalogue.
// The typo example is AWS-accepted text the catalogue flags (organizations:LeaveOrganisation, ec2:RunInstance,
// aws:RequestedRegoin); the others cover each editable type. AWS pages: IAM reference_policies_grammar.html,
// reference_policies_condition-keys.html, Organizations orgs_manage_policies_*_syntax.html.
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import type { CliIo } from '@/server/cli/command';
import { runCli } from '@/server/cli/lzsim';
import type { EditablePolicyType } from '@/server/schemas/organizations';
import { createTestDb } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));

afterAll(async () => {
  await db.$disconnect();
});

const json = (value: unknown) => JSON.stringify(value, null, 2);

const TYPO_SCP = json({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'NoLeaving', Effect: 'Deny', Action: 'organizations:LeaveOrganisation', Resource: '*' },
    { Sid: 'EuOnly', Effect: 'Deny', Action: 'ec2:RunInstance', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegoin': ['eu-west-1', 'eu-central-1'] } } },
  ],
});

const CASES: { name: string; type: EditablePolicyType; content: string }[] = [
  { name: 'the typo SCP (unknown action, unknown global key)', type: 'SERVICE_CONTROL_POLICY', content: TYPO_SCP },
  { name: 'an SCP IAM refuses (*:Get*, s3:::bucket/*, arn:aws:s3)', type: 'SERVICE_CONTROL_POLICY',
    content: json({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['*:Get*'], Resource: ['s3:::bucket/*', 'arn:aws:s3'] }] }) },
  { name: 'an RCP with an unknown service', type: 'RESOURCE_CONTROL_POLICY',
    content: json({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObjectt', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) },
  { name: 'a tag policy with a bad tag_key', type: 'TAG_POLICY', content: json({ tags: { env: { tag_key: { '@@assign': 'Environment' } } } }) },
  { name: 'a partial backup policy', type: 'BACKUP_POLICY', content: json({ plans: { Daily: { regions: { '@@assign': ['eu-west-1', 'Frankfurt'] } } } }) },
  { name: 'an AI opt-out policy without opt_out_policy', type: 'AISERVICES_OPT_OUT_POLICY', content: json({ services: { lex: {} } }) },
];

async function cliFindings(type: string, content: string): Promise<unknown[]> {
  let out = '';
  const io: CliIo = { stdout: (text) => { out += text; }, stderr: () => {}, readStdin: async () => content, cwd: process.cwd() };
  await runCli(['validate-policy', '--type', type, '-'], io);
  return JSON.parse(out) as unknown[];
}

describe('the policy editor and lzsim validate-policy agree', () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, { type, content }) => {
    const editor = await api.policy.validate({ type, content });
    const cli = await cliFindings(type, content);
    // The editor adds the line and column of each finding; everything else is the same, in the same order.
    const withoutPosition = editor.findings.map(({ line: _line, column: _column, ...finding }) => finding);
    expect(withoutPosition).toEqual(cli);
    expect(cli.length).toBeGreaterThan(0);
  });

  it('the typo example is flagged in the editor as the CLI flags it', async () => {
    const editor = await api.policy.validate({ type: 'SERVICE_CONTROL_POLICY', content: TYPO_SCP });
    expect(editor.rejected).toBe(false);
    expect(editor.findings.map((f) => `${f.severity}:${f.code}:${f.line}`)).toEqual([
      'warning:UNKNOWN_ACTION:7',
      'warning:UNKNOWN_ACTION:13',
      'warning:UNKNOWN_GLOBAL_CONDITION_KEY:17',
    ]);
  });
});
