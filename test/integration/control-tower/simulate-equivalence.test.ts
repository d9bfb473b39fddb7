// `lzsim simulate` on a bundle with a Control Tower landing zone gives the decisions of the same bundle with the same
// SCPs attached by hand: Control Tower's preventive controls are SCPs (controlreference/controls.html), and the
// ControlTower section only lets the trace name the control behind each statement. The landing zone is built through
// the services on a real database and exported; the requests run through the real launcher (bin/lzsim.mjs).
// Region deny: https://docs.aws.amazon.com/controltower/latest/userguide/region-deny.html. CloudTrail:
// https://docs.aws.amazon.com/controltower/latest/controlreference/mandatory-controls.html (AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED,
// which exempts AWSControlTowerExecution). Root user: strongly-recommended-controls.html (AWS-GR_RESTRICT_ROOT_USER).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { provisionAccount } from '../../../server/services/control-tower/governance';
import { enableControl, setUpLandingZone } from '../../../server/services/control-tower/landing-zone';
import { exportDesign } from '../../../server/services/interchange/interchange-service';
import { setQuotaOverrides } from '../../../server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { newDesign, Revision } from '../organizations/helpers';

// Bundles are untyped JSON: the test walks them as such.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const db = createTestDb();
afterAll(() => db.$disconnect());
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'lzsim-ct-'));

function simulateBatch(bundle: unknown, requests: object[], name: string): Loose[] {
  const bundleFile = join(scratch, `${name}.bundle.json`);
  const batchFile = join(scratch, `${name}.jsonl`);
  writeFileSync(bundleFile, JSON.stringify(bundle));
  writeFileSync(batchFile, `${requests.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const run = spawnSync(process.execPath, [join(repo, 'bin/lzsim.mjs'), 'simulate', '--bundle', bundleFile, '--batch', batchFile], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Loose);
}

describe('lzsim simulate with Control Tower controls', () => {
  it('decides as the same SCPs attached by hand, and names the control in the trace', { timeout: 240_000 }, async () => {
    const d = await newDesign(db, 'ct simulate');
    const rev = new Revision();
    const base = () => rev.base(d.designId);
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 50 } } }));
    rev.took(await setUpLandingZone(db, {
      ...base(), homeRegion: 'eu-west-1', governedRegions: ['eu-west-1', 'eu-central-1'], regionDeny: true,
      logArchive: { accountName: 'Log Archive', email: `log-${d.designId}@example.com` },
      audit: { accountName: 'Audit', email: `audit-${d.designId}@example.com` },
    }));
    const sandbox = await db.organizationalUnit.findFirstOrThrow({ where: { root: { organization: { designId: d.designId } }, name: 'Sandbox' }, select: { awsId: true } });
    rev.took(await enableControl(db, { ...base(), controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER', targetIdentifier: sandbox.awsId }));
    const { accountId: dev } = rev.took(await provisionAccount(db, { ...base(), accountName: 'Dev', email: `dev-${d.designId}@example.com`, ouId: sandbox.awsId }));

    const withControls = (await exportDesign(db, d.designId, 'bundle')).document as Loose;
    expect(withControls.ControlTower.EnabledControls.length).toBeGreaterThan(0);
    // The same organization without Control Tower: the guardrail SCPs become customer SCPs of other names, same text and targets.
    const byHand = JSON.parse(JSON.stringify(withControls)) as Loose;
    delete byHand.ControlTower;
    let n = 0;
    for (const policy of byHand.Policies) {
      if (policy.PolicySummary.Name.startsWith('aws-guardrails-')) policy.PolicySummary.Name = `hand-attached-${(n += 1)}`;
    }
    expect(n).toBeGreaterThanOrEqual(2);

    const admin = `arn:aws:iam::${dev}:role/OrganizationAccountAccessRole`;
    const execution = `arn:aws:iam::${dev}:role/AWSControlTowerExecution`;
    const inRegion = (region: string) => [{ ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: [region], ContextKeyType: 'string' }];
    const trail = `arn:aws:cloudtrail:eu-west-1:${dev}:trail/aws-controltower-BaselineCloudTrail`;
    const requests = [
      { PolicySourceArn: admin, ActionNames: ['ec2:RunInstances'], ResourceArns: ['*'], ContextEntries: inRegion('us-west-2') },
      { PolicySourceArn: admin, ActionNames: ['ec2:RunInstances'], ResourceArns: ['*'], ContextEntries: inRegion('eu-central-1') },
      { PolicySourceArn: admin, ActionNames: ['iam:CreateUser'], ResourceArns: [`arn:aws:iam::${dev}:user/x`], ContextEntries: inRegion('us-east-1') },
      { PolicySourceArn: admin, ActionNames: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], ResourceArns: [trail], ContextEntries: inRegion('eu-west-1') },
      { PolicySourceArn: execution, ActionNames: ['cloudtrail:StopLogging'], ResourceArns: [trail], ContextEntries: inRegion('eu-west-1') },
      { PolicySourceArn: admin, ActionNames: ['cloudtrail:StopLogging'], ResourceArns: [`arn:aws:cloudtrail:eu-west-1:${dev}:trail/team-trail`], ContextEntries: inRegion('eu-west-1') },
      { PolicySourceArn: `arn:aws:iam::${dev}:root`, ActionNames: ['s3:ListAllMyBuckets'], ResourceArns: ['*'], ContextEntries: inRegion('eu-west-1') },
    ];
    const governed = simulateBatch(withControls, requests, 'controls');
    const manual = simulateBatch(byHand, requests, 'by-hand');
    const decisions = (lines: Loose[]) => lines.map((line) => line.EvaluationResults.map((r: Loose) => `${r.EvalActionName} ${r.EvalDecision}`));
    expect(decisions(governed)).toEqual(decisions(manual));
    expect(decisions(governed)).toEqual([
      ['ec2:RunInstances explicitDeny'],
      ['ec2:RunInstances allowed'],
      ['iam:CreateUser allowed'],
      ['cloudtrail:StopLogging explicitDeny', 'cloudtrail:DeleteTrail explicitDeny'],
      ['cloudtrail:StopLogging allowed'],
      ['cloudtrail:StopLogging allowed'],
      ['s3:ListAllMyBuckets explicitDeny'],
    ]);
    // The governed bundle's trace names the control behind each deny; the hand-attached one cannot.
    const trace = (line: Loose) => JSON.stringify(line.EvaluationResults[0].LzsimTrace);
    expect(trace(governed[0])).toContain('AWS-GR_REGION_DENY');
    expect(trace(governed[3])).toContain('AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED');
    expect(trace(governed[6])).toContain('AWS-GR_RESTRICT_ROOT_USER');
    for (const line of manual) expect(trace(line)).not.toContain('AWS-GR_');
  });
});
