// The migration plan and assume-role paths. A principal that may assume a role holds its permissions; across
// accounts both the role's trust policy and the caller's identity policy must allow sts:AssumeRole
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html). So a trust-policy change
// (UpdateAssumeRolePolicy) and the permission changes of the role it opens, or of the callers it admits, must be
// ordered so that no step opens a path that neither the live organization nor the design has, and no caller holds
// through a role actions that neither side gives it. Organization: the committed sample bundle.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getIamDataCatalog } from '../../../../server/catalog/iam-data-source';
import { applyPlanCall, buildMigrationPlan, readAwsBundle, type MigrationPlan } from '../../../../server/engine';
import type { InterchangeDesign, InterchangeRole } from '../../../../server/engine/aws/bundle/model';
import { canonicalDesign } from '../../../support/canonical-design';

const catalog = getIamDataCatalog();
const context = [{ key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' as const }];

function sample(): InterchangeDesign {
  const read = readAwsBundle(JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/bundles/sample-org.json'), 'utf8')));
  if (!read.ok) throw new Error(read.problems[0].message);
  return read.design;
}

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const trusting = (account: string) => doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' });
const MANAGEMENT = '100000000001';
const PAYMENTS_PROD = '100000000005';
const PAYMENTS_DEV = '100000000006';
const RUNNER = `arn:aws:iam::${PAYMENTS_PROD}:role/BuildRunner`;
const PLATFORM_ADMIN = `arn:aws:iam::${MANAGEMENT}:user/platform-admin`;
const assumeRunner = { name: 'AssumeBuildRunner', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: RUNNER }) };

/** BuildRunner in payments-prod, trusting `account`, with the inline policies given. */
function runner(account: string, inlinePolicies: InterchangeRole['inlinePolicies']): InterchangeRole {
  return {
    name: 'BuildRunner', path: '/', roleId: 'AROABUILDRUNNER00001', createDate: null, trustPolicy: trusting(account), instanceProfiles: [],
    lastUsed: { lastUsedDate: null, region: null }, maxSessionDuration: 3600, attachedPolicyArns: [], inlinePolicies, permissionsBoundaryArn: null, tags: [],
  };
}

function replay(live: InterchangeDesign, plan: MigrationPlan): InterchangeDesign {
  let state = live;
  for (const step of plan.steps) {
    const result = applyPlanCall(state, step);
    if (!result.ok) throw new Error(`step ${step.index} ${step.operation}: ${result.error.awsCode} ${result.error.message}`);
    state = result.design;
  }
  return state;
}

const indexOf = (plan: MigrationPlan, operation: string) => plan.steps.find((step) => step.operation === operation)!.index;

describe('buildMigrationPlan and assume-role paths', () => {
  it('moves a trust policy away from an account before a caller there may assume the role (a path on neither side)', () => {
    // Live: BuildRunner trusts the management account, whose platform-admin may not call sts:AssumeRole on it.
    // Design: BuildRunner trusts payments-dev instead, and platform-admin may assume it. On neither side may
    // platform-admin assume BuildRunner; giving platform-admin the permission first would let it.
    const live = sample();
    live.iam[PAYMENTS_PROD].roles.push(runner(MANAGEMENT, [{ name: 'ReadArtifacts', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }]));
    const design: InterchangeDesign = structuredClone(live);
    design.iam[PAYMENTS_PROD].roles.find((role) => role.name === 'BuildRunner')!.trustPolicy = trusting(PAYMENTS_DEV);
    design.iam[MANAGEMENT].users.find((user) => user.name === 'platform-admin')!.inlinePolicies.push(assumeRunner);

    const plan = buildMigrationPlan(live, design, catalog, { context });
    expect(plan.wideningSteps).toBe(0);
    expect(indexOf(plan, 'UpdateAssumeRolePolicy')).toBeLessThan(indexOf(plan, 'PutUserPolicy'));
    expect(canonicalDesign(replay(live, plan))).toEqual(canonicalDesign(design));

    // In the preferred order (no other order tried) the user's permission comes first, and the step says so.
    const unordered = buildMigrationPlan(live, design, catalog, { context, maxTrialsPerStep: 0 });
    const widening = unordered.steps.find((step) => step.widens.length > 0)!;
    expect(widening.operation).toBe('PutUserPolicy');
    expect(widening.widens).toEqual([{ accountId: MANAGEMENT, principalArn: PLATFORM_ADMIN, roleArn: RUNNER, actions: 1, sample: ['sts:AssumeRole'] }]);
    expect(widening.note).toMatch(/neither the live organization nor the design/);
  });

  it('moves the trust before the role gains permissions its old callers never had', () => {
    // Live: platform-admin may assume BuildRunner, which may read artifacts. Design: BuildRunner trusts payments-dev
    // instead and may also deploy CloudFormation stacks. Putting the deploy policy first would let platform-admin
    // deploy stacks through BuildRunner, which neither side allows it.
    const live = sample();
    live.iam[PAYMENTS_PROD].roles.push(runner(MANAGEMENT, [{ name: 'ReadArtifacts', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }]));
    live.iam[MANAGEMENT].users.find((user) => user.name === 'platform-admin')!.inlinePolicies.push(assumeRunner);
    const design: InterchangeDesign = structuredClone(live);
    const target = design.iam[PAYMENTS_PROD].roles.find((role) => role.name === 'BuildRunner')!;
    target.trustPolicy = trusting(PAYMENTS_DEV);
    target.inlinePolicies.push({ name: 'Deploy', document: doc({ Effect: 'Allow', Action: ['cloudformation:CreateStack', 'cloudformation:UpdateStack'], Resource: '*' }) });

    const plan = buildMigrationPlan(live, design, catalog, { context });
    expect(plan.wideningSteps).toBe(0);
    const update = indexOf(plan, 'UpdateAssumeRolePolicy');
    const put = plan.steps.find((step) => step.operation === 'PutRolePolicy')!;
    expect(update).toBeLessThan(put.index);
    expect(put.note).toMatch(/widened/);
    expect(canonicalDesign(replay(live, plan))).toEqual(canonicalDesign(design));

    const unordered = buildMigrationPlan(live, design, catalog, { context, maxTrialsPerStep: 0 });
    const widening = unordered.steps.find((step) => step.widens.length > 0)!;
    expect(widening.operation).toBe('PutRolePolicy');
    expect(widening.widens).toEqual([{ accountId: MANAGEMENT, principalArn: PLATFORM_ADMIN, roleArn: RUNNER, actions: 2, sample: ['cloudformation:CreateStack', 'cloudformation:UpdateStack'] }]);
  });

  it('lets a new path the design has open, and judges the role behind it against the design', () => {
    // The design gives platform-admin the permission and keeps the trust: the path is the design's, the step is safe.
    const live = sample();
    live.iam[PAYMENTS_PROD].roles.push(runner(MANAGEMENT, [{ name: 'ReadArtifacts', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }]));
    const design: InterchangeDesign = structuredClone(live);
    design.iam[MANAGEMENT].users.find((user) => user.name === 'platform-admin')!.inlinePolicies.push(assumeRunner);
    const plan = buildMigrationPlan(live, design, catalog, { context });
    expect(plan.steps.map((step) => step.operation)).toEqual(['PutUserPolicy']);
    expect(plan.wideningSteps).toBe(0);
  });

  it('creates a role whose trust admits another account only once no caller there may assume it beyond the design', () => {
    // Live: dana (payments-dev) may assume every role of payments-prod, and BuildRunner does not exist. Design:
    // BuildRunner trusts payments-dev, and dana may assume only OrganizationAccountAccessRole there. Creating the role
    // first would let dana assume it, which neither side allows.
    const live = sample();
    const dana = () => live.iam[PAYMENTS_DEV].users.find((user) => user.name === 'dana')!;
    dana().inlinePolicies.push({ name: 'AssumeProd', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${PAYMENTS_PROD}:role/*` }) });
    const design: InterchangeDesign = structuredClone(live);
    design.iam[PAYMENTS_PROD].roles.push(runner(PAYMENTS_DEV, []));
    design.iam[PAYMENTS_DEV].users.find((user) => user.name === 'dana')!.inlinePolicies = [{
      name: 'AssumeProd', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${PAYMENTS_PROD}:role/OrganizationAccountAccessRole` }),
    }];

    const plan = buildMigrationPlan(live, design, catalog, { context });
    expect(plan.wideningSteps).toBe(0);
    expect(indexOf(plan, 'PutUserPolicy')).toBeLessThan(indexOf(plan, 'CreateRole'));
    expect(canonicalDesign(replay(live, plan))).toEqual(canonicalDesign(design));

    const unordered = buildMigrationPlan(live, design, catalog, { context, maxTrialsPerStep: 0 });
    const widening = unordered.steps.find((step) => step.widens.length > 0)!;
    expect(widening.operation).toBe('CreateRole');
    expect(widening.widens).toEqual([{ accountId: PAYMENTS_DEV, principalArn: `arn:aws:iam::${PAYMENTS_DEV}:user/dana`, roleArn: RUNNER, actions: 1, sample: ['sts:AssumeRole'] }]);
  });

  it('moves a trust away from an account before the SCP that kept its principals from assuming roles is detached', () => {
    // Live: NonProd (payments-dev) has an SCP denying sts:AssumeRole; BuildRunner trusts payments-dev, where dana may
    // call sts:AssumeRole on it. Design: the SCP is gone and BuildRunner trusts the management account instead. Neither
    // side lets dana assume BuildRunner (an SCP deny, then a trust that does not name her account: SCP evaluation as
    // orgs_manage_policies_scps_evaluation.html states it); detaching the SCP first would let her.
    const live = sample();
    live.iam[PAYMENTS_PROD].roles.push(runner(PAYMENTS_DEV, [{ name: 'ReadArtifacts', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }]));
    live.iam[PAYMENTS_DEV].users.find((user) => user.name === 'dana')!.inlinePolicies.push(assumeRunner);
    live.policies.push({
      awsId: 'p-noassume1', type: 'SERVICE_CONTROL_POLICY', name: 'NoAssumeRole', description: '', awsManaged: false, tags: [], targetIds: ['ou-lz7a-nonprod1'],
      content: doc({ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }),
    });
    const design: InterchangeDesign = structuredClone(live);
    design.policies = design.policies.filter((policy) => policy.awsId !== 'p-noassume1');
    design.iam[PAYMENTS_PROD].roles.find((role) => role.name === 'BuildRunner')!.trustPolicy = trusting(MANAGEMENT);

    const plan = buildMigrationPlan(live, design, catalog, { context });
    expect(plan.wideningSteps).toBe(0);
    expect(indexOf(plan, 'UpdateAssumeRolePolicy')).toBeLessThan(indexOf(plan, 'DetachPolicy'));
    expect(canonicalDesign(replay(live, plan))).toEqual(canonicalDesign(design));

    const unordered = buildMigrationPlan(live, design, catalog, { context, maxTrialsPerStep: 0 });
    const widening = unordered.steps.find((step) => step.widens.length > 0)!;
    expect(widening.operation).toBe('DetachPolicy');
    expect(widening.widens).toContainEqual({ accountId: PAYMENTS_DEV, principalArn: `arn:aws:iam::${PAYMENTS_DEV}:user/dana`, roleArn: RUNNER, actions: 1, sample: ['sts:AssumeRole'] });
  });

  it('closes the first hop of a role chain before opening its second (release-bot → DeployHop → BuildRunner on neither side)', () => {
    // A role session may assume another role (id_roles_terms-and-concepts.html "Role chaining"). Live: release-bot
    // may assume DeployHop (payments-dev), which may not assume BuildRunner (it trusts only payments-prod). Design:
    // DeployHop trusts payments-prod instead, and BuildRunner trusts payments-dev. Each side has one hop of the chain
    // and never both; changing BuildRunner's trust first would let release-bot reach it through DeployHop.
    const HOP = `arn:aws:iam::${PAYMENTS_DEV}:role/DeployHop`;
    const live = sample();
    live.iam[PAYMENTS_PROD].roles.push(runner(PAYMENTS_PROD, [{ name: 'ReadArtifacts', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }]));
    live.iam[PAYMENTS_DEV].roles.push({
      ...runner(MANAGEMENT, [{ name: 'AssumeBuildRunner', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: RUNNER }) }]), name: 'DeployHop', roleId: 'AROADEPLOYHOP0000001',
    });
    // A release bot that may assume DeployHop and nothing else (platform-admin reaches every account's admin role).
    const admin = live.iam[MANAGEMENT].users.find((user) => user.name === 'platform-admin')!;
    live.iam[MANAGEMENT].users.push({
      ...structuredClone(admin), name: 'release-bot', userId: 'AIDARELEASEBOT000001', groups: [], attachedPolicyArns: [], permissionsBoundaryArn: null,
      inlinePolicies: [{ name: 'AssumeDeployHop', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: HOP }) }],
    });
    const design: InterchangeDesign = structuredClone(live);
    design.iam[PAYMENTS_PROD].roles.find((role) => role.name === 'BuildRunner')!.trustPolicy = trusting(PAYMENTS_DEV);
    design.iam[PAYMENTS_DEV].roles.find((role) => role.name === 'DeployHop')!.trustPolicy = trusting(PAYMENTS_PROD);

    const plan = buildMigrationPlan(live, design, catalog, { context });
    expect(plan.wideningSteps).toBe(0);
    const trustOf = (role: string) => plan.steps.find((step) => step.operation === 'UpdateAssumeRolePolicy' && step.input.RoleName === role)!.index;
    expect(trustOf('DeployHop')).toBeLessThan(trustOf('BuildRunner'));
    expect(canonicalDesign(replay(live, plan))).toEqual(canonicalDesign(design));

    // In the preferred order BuildRunner's trust comes first: its direct path (DeployHop → BuildRunner) is the
    // design's, but the chain through it is on neither side, and the step names the role it passes through.
    const unordered = buildMigrationPlan(live, design, catalog, { context, maxTrialsPerStep: 0 });
    const widening = unordered.steps.find((step) => step.widens.length > 0)!;
    expect(widening.input.RoleName).toBe('BuildRunner');
    expect(widening.widens).toEqual([{ accountId: MANAGEMENT, principalArn: `arn:aws:iam::${MANAGEMENT}:user/release-bot`, roleArn: RUNNER, via: [HOP], actions: 1, sample: ['sts:AssumeRole'] }]);
  });
});
