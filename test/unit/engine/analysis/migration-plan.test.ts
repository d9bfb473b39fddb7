// The migration plan on the sample organization's bundle and a redesigned copy of it: every step is one AWS accepts in
// the state the steps before it leave (Organizations API reference, "Errors" of each action:
// https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html for the last SCP,
// https://docs.aws.amazon.com/organizations/latest/APIReference/API_DeleteOrganizationalUnit.html for a non-empty OU),
// the steps together give the design, and no step allows what neither side allows.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getIamDataCatalog } from '../../../../server/catalog/iam-data-source';
import { applyPlanCall, buildMigrationPlan, readAwsBundle, type MigrationPlan, type PlanStep } from '../../../../server/engine';
import type { InterchangeDesign, InterchangePolicy } from '../../../../server/engine/aws/bundle/model';
import { canonicalDesign } from '../../../support/canonical-design';

const catalog = getIamDataCatalog();

function sample(): InterchangeDesign {
  const read = readAwsBundle(JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/bundles/sample-org.json'), 'utf8')));
  if (!read.ok) throw new Error(read.problems[0].message);
  return read.design;
}

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const scp = (awsId: string, name: string, content: string, targetIds: string[]): InterchangePolicy => ({
  awsId, type: 'SERVICE_CONTROL_POLICY', name, description: '', content, awsManaged: false, tags: [], targetIds,
});

/** Replays the plan's calls in the model, failing on the first one AWS would refuse. */
function replay(live: InterchangeDesign, plan: MigrationPlan): InterchangeDesign {
  let state = live;
  for (const step of plan.steps) {
    const result = applyPlanCall(state, step);
    if (!result.ok) throw new Error(`step ${step.index} ${step.operation}: ${result.error.awsCode} ${result.error.message}`);
    state = result.design;
  }
  return state;
}

const position = (plan: MigrationPlan, predicate: (step: PlanStep) => boolean) => {
  const step = plan.steps.find(predicate);
  if (!step) throw new Error('no such step');
  return step.index;
};

/**
 * The redesign: Sandbox moves under Workloads with an allow-list instead of FullAWSAccess, a new Staging OU with a
 * bucket-deletion deny takes payments-dev, NonProd becomes Development, Infrastructure goes (network moves to
 * Security), RegionRestriction allows eu-north-1 too, and app-runtime gets an inline queue policy.
 */
function redesign(live: InterchangeDesign): InterchangeDesign {
  const design: InterchangeDesign = structuredClone(live);
  const sandbox = design.ous.find((ou) => ou.name === 'Sandbox')!;
  sandbox.parentId = 'ou-lz7a-workload';
  design.ous.push({ awsId: 'ou-lz7a-staging01', name: 'Staging', parentId: 'ou-lz7a-workload', tags: [{ key: 'stage', value: 'staging' }] });
  design.ous.find((ou) => ou.name === 'NonProd')!.name = 'Development';
  design.ous = design.ous.filter((ou) => ou.name !== 'Infrastructure');
  design.accounts.find((account) => account.name === 'payments-dev')!.parentId = 'ou-lz7a-staging01';
  design.accounts.find((account) => account.name === 'network')!.parentId = 'ou-lz7a-security1';
  for (const policy of design.policies) policy.targetIds = policy.targetIds.filter((target) => target !== 'ou-lz7a-infra001');
  const full = design.policies.find((policy) => policy.name === 'FullAWSAccess')!;
  full.targetIds = full.targetIds.filter((target) => target !== sandbox.awsId).concat('ou-lz7a-staging01');
  design.policies.find((policy) => policy.name === 'RCPFullAWSAccess')!.targetIds.push('ou-lz7a-staging01');
  design.policies.push(scp('p-sbxallow1', 'SandboxAllowList', doc({ Effect: 'Allow', Action: ['s3:*', 'ec2:*', 'sts:*', 'iam:Get*', 'iam:List*', 'cloudwatch:*', 'logs:*'], Resource: '*' }), [sandbox.awsId]));
  design.policies.push(scp('p-nodelete1', 'DenyBucketDeletion', doc({ Sid: 'KeepBuckets', Effect: 'Deny', Action: ['s3:DeleteBucket'], Resource: '*' }), ['ou-lz7a-staging01']));
  const region = design.policies.find((policy) => policy.name === 'RegionRestriction')!;
  region.content = region.content.replace('"eu-central-1"', '"eu-central-1","eu-north-1"');
  const appRuntime = design.iam['100000000005'].roles.find((role) => role.name === 'app-runtime')!;
  appRuntime.inlinePolicies.push({ name: 'ReadQueue', document: doc({ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: '*' }) });
  return design;
}

describe('buildMigrationPlan', () => {
  const live = sample();
  const design = redesign(live);
  // The organization denies every Region outside the EU (RegionRestriction): principals are judged in eu-west-1.
  const plan = buildMigrationPlan(live, design, catalog, { context: [{ key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' }] });

  it('replays without a call AWS would refuse and ends in the design', () => {
    expect(plan.unplaced).toEqual([]);
    expect(canonicalDesign(replay(live, plan))).toEqual(canonicalDesign(design));
  });

  it('says how each entity was matched', () => {
    const match = (name: string) => plan.matches.find((entry) => entry.name === name);
    expect(match('Workloads/Development')).toMatchObject({ method: 'id', liveId: 'ou-lz7a-nonprod1' });
    expect(match('Workloads/Sandbox')).toMatchObject({ method: 'recreated', liveId: 'ou-lz7a-sandbox1' });
    expect(match('Workloads/Staging')).toMatchObject({ method: 'new' });
    expect(match('Infrastructure')).toMatchObject({ method: 'removed' });
    expect(match('SERVICE_CONTROL_POLICY/SandboxAllowList')).toMatchObject({ method: 'new' });
    expect(match('SERVICE_CONTROL_POLICY/RegionRestriction')).toMatchObject({ method: 'id', liveId: 'p-r3g10nlk' });
  });

  it('creates parents first, attaches the allow-list before detaching FullAWSAccess, empties OUs before deleting them', () => {
    const created = (name: string) => plan.created.find((entry) => entry.name === name)!.placeholder;
    const newSandbox = created('Sandbox');
    const attachAllow = position(plan, (step) => step.operation === 'AttachPolicy' && step.input.TargetId === newSandbox && step.input.PolicyId === created('SandboxAllowList'));
    const detachFull = position(plan, (step) => step.operation === 'DetachPolicy' && step.input.TargetId === newSandbox && step.input.PolicyId === 'p-FullAWSAccess');
    expect(attachAllow).toBeLessThan(detachFull);
    expect(position(plan, (step) => step.operation === 'CreatePolicy' && step.input.Name === 'SandboxAllowList')).toBeLessThan(attachAllow);
    const moveAlice = position(plan, (step) => step.operation === 'MoveAccount' && step.input.AccountId === '100000000007');
    expect(position(plan, (step) => step.operation === 'CreateOrganizationalUnit' && step.input.Name === 'Sandbox')).toBeLessThan(moveAlice);
    expect(moveAlice).toBeLessThan(position(plan, (step) => step.operation === 'DeleteOrganizationalUnit' && step.input.OrganizationalUnitId === 'ou-lz7a-sandbox1'));
    expect(position(plan, (step) => step.operation === 'MoveAccount' && step.input.AccountId === '100000000004'))
      .toBeLessThan(position(plan, (step) => step.operation === 'DeleteOrganizationalUnit' && step.input.OrganizationalUnitId === 'ou-lz7a-infra001'));
    // The new deny is on Staging before payments-dev moves in.
    expect(position(plan, (step) => step.operation === 'AttachPolicy' && step.input.PolicyId === created('DenyBucketDeletion')))
      .toBeLessThan(position(plan, (step) => step.operation === 'MoveAccount' && step.input.AccountId === '100000000006'));
    expect(plan.steps.find((step) => step.operation === 'UpdateOrganizationalUnit')).toMatchObject({ input: { OrganizationalUnitId: 'ou-lz7a-nonprod1', Name: 'Development' } });
    expect(plan.steps.find((step) => step.operation === 'CreateOrganizationalUnit' && step.input.Name === 'Staging')?.input.Tags).toEqual([{ Key: 'stage', Value: 'staging' }]);
  });

  it('widens nothing, and every step that can change access carries its impact', () => {
    expect(plan.wideningSteps).toBe(0);
    // Sandbox's accounts lose every action outside the allow-list once FullAWSAccess is detached from it.
    const newSandbox = plan.created.find((entry) => entry.name === 'Sandbox')!.placeholder;
    const detachFull = plan.steps.find((step) => step.operation === 'DetachPolicy' && step.input.TargetId === newSandbox)!;
    expect(detachFull.impact!.changedAccounts).toBe(1);
    expect(detachFull.impact!.services.find((service) => service.service === 'lambda')?.becameDenied).toBeGreaterThan(0);
    // Widening the Region list changes nothing in eu-west-1, and lets EC2 run in eu-north-1.
    expect(plan.steps.find((step) => step.operation === 'UpdatePolicy')!.impact!.changedCells).toBe(0);
    const inNorth = buildMigrationPlan(live, design, catalog, { context: [{ key: 'aws:RequestedRegion', values: ['eu-north-1'], type: 'string' }] });
    const region = inNorth.steps.find((step) => step.operation === 'UpdatePolicy')!;
    expect(region.impact!.services.find((service) => service.service === 'ec2')?.becameAllowed).toBeGreaterThan(0);
    expect(inNorth.wideningSteps).toBe(0);
    const inline = plan.steps.find((step) => step.operation === 'PutRolePolicy')!;
    expect(inline).toMatchObject({ api: 'iam', accountId: '100000000005', input: { RoleName: 'app-runtime', PolicyName: 'ReadQueue' } });
    expect(inline.impact!.principals).toEqual([expect.objectContaining({
      principalArn: 'arn:aws:iam::100000000005:role/app/app-runtime', gained: expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']), lostCount: 0,
    })]);
    expect(plan.steps.find((step) => step.operation === 'CreateOrganizationalUnit')!.impact).toBeUndefined();
  });
});

describe('buildMigrationPlan ordering for access', () => {
  it('moves an account out before the policy it leaves behind is loosened (the preferred order would widen)', () => {
    // Live: payments-dev sits in NonProd under a Deny on s3:DeleteBucket (p-keep0001). Design: payments-dev moves to
    // Prod, where a new Deny covers s3:DeleteBucket, and the NonProd policy is changed to deny ec2:TerminateInstances.
    // Updating the policy first would let payments-dev delete buckets, which neither side allows.
    const live = sample();
    live.policies.push(scp('p-keep0001', 'NonProdGuard', doc({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }), ['ou-lz7a-nonprod1']));
    const design: InterchangeDesign = structuredClone(live);
    design.policies.find((policy) => policy.awsId === 'p-keep0001')!.content = doc({ Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' });
    design.policies.push(scp('p-proddeny', 'ProdGuard', doc({ Effect: 'Deny', Action: ['s3:DeleteBucket', 'ec2:TerminateInstances'], Resource: '*' }), ['ou-lz7a-prod0001']));
    design.accounts.find((account) => account.accountId === '100000000006')!.parentId = 'ou-lz7a-prod0001';

    const plan = buildMigrationPlan(live, design, catalog);
    expect(plan.wideningSteps).toBe(0);
    const update = plan.steps.find((step) => step.operation === 'UpdatePolicy')!;
    expect(position(plan, (step) => step.operation === 'MoveAccount')).toBeLessThan(update.index);
    expect(update.note).toMatch(/widened/);
    expect(canonicalDesign(replay(live, plan))).toEqual(canonicalDesign(design));

    // Without trying other orders the update comes first, and the step says what it widens.
    const unordered = buildMigrationPlan(live, design, catalog, { maxTrialsPerStep: 0 });
    expect(unordered.wideningSteps).toBe(1);
    const widening = unordered.steps.find((step) => step.widens.length > 0)!;
    expect(widening.operation).toBe('UpdatePolicy');
    expect(widening.widens).toContainEqual(expect.objectContaining({ accountId: '100000000006', side: 'scp', sample: ['s3:DeleteBucket'] }));
    expect(widening.note).toMatch(/neither the live organization nor the design/);
  });

  it('a step that attaches a tag policy says whose effective tag policy changes', () => {
    const before = sample();
    const withTags: InterchangeDesign = structuredClone(before);
    withTags.policies.push({
      awsId: 'p-envtags01', type: 'TAG_POLICY', name: 'EnvironmentTags', description: '', awsManaged: false, tags: [], targetIds: ['ou-lz7a-prod0001'],
      content: JSON.stringify({ tags: { environment: { tag_key: { '@@assign': 'Environment' } } } }),
    });
    const tagged = buildMigrationPlan(before, withTags, catalog);
    const attach = tagged.steps.find((step) => step.operation === 'AttachPolicy')!;
    expect(attach.managementChanges).toEqual([expect.objectContaining({ accountId: '100000000005', type: 'TAG_POLICY', keys: ['tags'], before: expect.anything(), after: expect.anything() })]);
    expect(JSON.stringify(attach.managementChanges![0].after)).toContain('Environment');
    expect(tagged.steps.find((step) => step.operation === 'CreatePolicy')?.managementChanges).toBeUndefined();
  });

  it('does not call a loosening the design asks for a widening', () => {
    const live = sample();
    live.policies.push(scp('p-sbxdeny1', 'SandboxNoDelete', doc({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }), ['ou-lz7a-sandbox1']));
    const design: InterchangeDesign = structuredClone(live);
    design.policies = design.policies.filter((policy) => policy.awsId !== 'p-sbxdeny1');
    const plan = buildMigrationPlan(live, design, catalog);
    expect(plan.steps.map((step) => step.operation)).toEqual(['DetachPolicy', 'DeletePolicy']);
    expect(plan.wideningSteps).toBe(0);
    expect(plan.steps[0].impact!.changedCells).toBeGreaterThan(0);
  });
});
