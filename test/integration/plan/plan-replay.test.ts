// A migration plan replayed through the back end: the live organization imported from the AWS CLI folder
// (test/fixtures/aws-cli/sample-org), a target design, the plan between them, and every call of the plan sent to the
// same Organizations and IAM services the API uses, on a real database. The result must be the design: compared on
// the interchange exporter's output, with the ids AWS draws for new OUs and policies taken out.
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import type { PrismaClient } from '../../../server/db/client';
import { getDesign } from '../../../server/services/design-service';
import { branchDesign } from '../../../server/services/history/branch';
import { createRole, putInlinePolicy } from '../../../server/services/iam';
import { importBundle, importCliFolder, readDesign } from '../../../server/services/interchange/interchange-service';
import { attachPolicy, createOrganizationalUnit, createPolicy, detachPolicy, moveAccount, renameOrganizationalUnit } from '../../../server/services/organizations';
import type { PlanCall } from '../../../server/engine';
import { planBetweenDesigns, replayPlan } from '../../../server/services/plan/plan-service';
import { canonicalDesign } from '../../support/canonical-design';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const folder = fileURLToPath(new URL('../../fixtures/aws-cli/sample-org', import.meta.url));
const redesigned = JSON.parse(readFileSync(new URL('../../fixtures/plan/redesigned-org.json', import.meta.url), 'utf8')) as unknown;

let db: PrismaClient;
beforeAll(() => {
  db = createTestDb();
});
afterAll(async () => {
  await db.$disconnect();
});

async function replayAndCompare(liveId: string, targetId: string) {
  // Through the API, so the output schema checks the plan too.
  const rendered = await createCaller(createInnerContext({ db })).plan.build({ fromDesignId: liveId, designId: targetId, region: 'eu-west-1' });
  expect(rendered.plan.unplaced).toEqual([]);
  // The comparison below can fail: before the replay the two sides differ.
  const [liveBefore, targetBefore] = await Promise.all([readDesign(db, liveId), readDesign(db, targetId)]);
  expect(canonicalDesign(liveBefore.design)).not.toEqual(canonicalDesign(targetBefore.design));
  const before = await getDesign(db, liveId);
  const replayed = await replayPlan(db, { designId: liveId, expectedRevision: before.revision, calls: rendered.plan.steps as PlanCall[] });
  expect(replayed.applied).toBe(rendered.plan.steps.length);
  expect(replayed.revision).toBe(before.revision + rendered.plan.steps.length);
  const [live, target] = await Promise.all([readDesign(db, liveId), readDesign(db, targetId)]);
  expect(canonicalDesign(live.design)).toEqual(canonicalDesign(target.design));
  // Nothing is left to do.
  const again = await planBetweenDesigns(db, { fromDesignId: liveId, designId: targetId });
  expect(again.plan.steps).toEqual([]);
  return rendered;
}

describe('migration plan replay', () => {
  it('turns the imported organization into a changed copy made in the editor', async () => {
    const live = await importCliFolder(db, folder, { name: uniqueName('plan live') });
    const { design: copy } = await branchDesign(db, { designId: live.designId, newName: uniqueName('plan target') });
    let revision = 0;
    const base = () => ({ designId: copy.id, expectedRevision: revision });
    const staging = await createOrganizationalUnit(db, { ...base(), parentId: 'ou-lz7a-workload', name: 'Staging' });
    revision = staging.revision;
    const deny = await createPolicy(db, {
      ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'DenyBucketDeletion',
      content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'KeepBuckets', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }] }),
    });
    revision = deny.revision;
    revision = (await attachPolicy(db, { ...base(), policyId: deny.policy.awsId, targetId: staging.ou.awsId })).revision;
    revision = (await moveAccount(db, { ...base(), accountId: '100000000006', destinationParentId: staging.ou.awsId })).revision;
    revision = (await renameOrganizationalUnit(db, { ...base(), ouId: 'ou-lz7a-nonprod1', name: 'Development' })).revision;
    // An allow-list replaces FullAWSAccess on Sandbox: AWS refuses to detach the last SCP, so the plan attaches first.
    const allow = await createPolicy(db, {
      ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'SandboxAllowList',
      content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'ec2:*', 'sts:*'], Resource: '*' }] }),
    });
    revision = allow.revision;
    revision = (await attachPolicy(db, { ...base(), policyId: allow.policy.awsId, targetId: 'ou-lz7a-sandbox1' })).revision;
    revision = (await detachPolicy(db, { ...base(), policyId: 'p-FullAWSAccess', targetId: 'ou-lz7a-sandbox1' })).revision;
    revision = (await createRole(db, {
      ...base(), accountId: '100000000006', roleName: 'deployer', path: '/ci/',
      assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::100000000001:root' }, Action: 'sts:AssumeRole' }] }),
    })).revision;
    revision = (await putInlinePolicy(db, {
      ...base(), accountId: '100000000006', principalType: 'role', principalName: 'deployer', policyName: 'Deploy',
      policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cloudformation:*', 's3:GetObject'], Resource: '*' }] }),
    })).revision;

    const rendered = await replayAndCompare(live.designId, copy.id);
    const operations = rendered.plan.steps.map((step) => step.operation);
    expect(operations.indexOf('AttachPolicy')).toBeLessThan(operations.indexOf('DetachPolicy'));
    expect(rendered.plan.steps.find((step) => step.operation === 'DetachPolicy')!.note).toBeUndefined();
    expect(rendered.plan.wideningSteps).toBe(0);
    expect(rendered.plan.matches.find((match) => match.name === 'Workloads/Development')).toMatchObject({ method: 'id' });
    expect(rendered.script).toContain("in_account '100000000006' aws iam create-role --role-name 'deployer' --path '/ci/'");
  });

  it('turns the imported organization into the redesigned bundle (moved, recreated and deleted OUs)', async () => {
    const live = await importCliFolder(db, folder, { name: uniqueName('plan live') });
    const target = await importBundle(db, redesigned, { name: uniqueName('plan redesigned') });
    const rendered = await replayAndCompare(live.designId, target.designId);
    expect(rendered.plan.matches.find((match) => match.name === 'Workloads/Sandbox')).toMatchObject({ method: 'recreated' });
  });

  it('refuses to plan a design against itself', async () => {
    const live = await importCliFolder(db, folder, { name: uniqueName('plan live') });
    await expect(planBetweenDesigns(db, { fromDesignId: live.designId, designId: live.designId })).rejects.toThrow(/two different designs/);
  });
});
