import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import type { PrismaClient } from '../../../server/db/client';
import { getDesignByName } from '../../../server/db/designs';
import { loadOrgTree } from '../../../server/db/org-tree';
import { LOG_BUCKET_ARN, SAMPLE_DESIGN_NAME } from '../../../server/db/sample-landing-zone';
import { loadWorld } from '../../../server/db/world';
import { seedSampleLandingZone } from '../../../server/db/seed';
import { importBundle } from '../../../server/services/interchange/interchange-service';
import { attachPolicy, moveAccount, moveOrganizationalUnit, tagResource, untagResource, updatePolicy } from '../../../server/services/organizations';
import { CompiledWorldCache, partsChangedBy } from '../../../server/services/simulation/compiled-world-cache';
import { simulate } from '../../../server/services/simulation/simulation-service';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const sample = JSON.parse(readFileSync(new URL('../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as unknown;

let db: PrismaClient;
let sampleDesignId: string;
beforeAll(async () => {
  db = createTestDb();
  const seeded = await seedSampleLandingZone(db);
  sampleDesignId = seeded?.id ?? (await getDesignByName(db, SAMPLE_DESIGN_NAME))!.id;
});
afterAll(async () => {
  await db.$disconnect();
});

const region = (value: string) => [{ key: 'aws:RequestedRegion', values: [value], type: 'string' as const }];

describe('simulation procedures on the seeded sample design', () => {
  // Payments Prod (415926037184) sits under Workloads/Prod; the region-deny SCP (seed: REGION_DENY_SCP) denies
  // requests outside eu-west-1 and eu-central-1 to every principal but LandingZoneAdmin.
  const principalArn = 'arn:aws:iam::415926037184:role/OrganizationAccountAccessRole';

  it('simulate: allowed inside the allowed regions, explicitly denied by the SCP outside them', async () => {
    const caller = createCaller(createInnerContext({ db }));
    const inside = await caller.simulation.simulate({
      designId: sampleDesignId,
      request: { principalArn, action: 'ec2:RunInstances', resource: '*', context: region('eu-west-1') },
    });
    expect(inside.result.decision).toBe('allowed');
    const outside = await caller.simulation.simulate({
      designId: sampleDesignId,
      request: { principalArn, action: 'ec2:RunInstances', resource: '*', context: region('us-east-1') },
    });
    expect(outside.result.decision).toBe('explicitDeny');
    expect(outside.result.reasons).toContain('scp-deny');
    // Every key the deciding Deny reads is known (the region supplied, aws:PrincipalArn derived): a plain decision.
    expect(outside.result).toMatchObject({ conditionDependent: false, missingContextValues: [] });
    const noRegion = await caller.simulation.simulate({
      designId: sampleDesignId,
      request: { principalArn, action: 'ec2:RunInstances', resource: '*', context: [] },
    });
    expect(noRegion.result).toMatchObject({ decision: 'explicitDeny', conditionDependent: true, missingContextValues: ['aws:RequestedRegion'] });
    expect(outside.worldSource).toBe('cache');
    expect(outside.revision).toBe(inside.revision);
  });

  it('simulate: an unknown principal is NOT_FOUND with IAM\'s NoSuchEntity', async () => {
    const caller = createCaller(createInnerContext({ db }));
    await expect(caller.simulation.simulate({
      designId: sampleDesignId,
      request: { principalArn: 'arn:aws:iam::415926037184:role/NoSuchRole', action: 's3:ListBucket', resource: '*', context: [] },
    })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('simulate: a documented service rule and its AWS page survive the API; session tags become aws:PrincipalTag', async () => {
    const caller = createCaller(createInnerContext({ db }));
    const identity = await caller.simulation.simulate({
      designId: sampleDesignId,
      request: { principalArn, action: 'sts:GetCallerIdentity', resource: '*', context: region('us-east-1') },
    });
    expect(identity.result).toMatchObject({ decision: 'allowed', reasons: ['service-rule-allow'] });
    expect(identity.result.trace.find((step) => step.layer === 'service')).toMatchObject({
      outcome: 'allow',
      rule: { id: 'sts-get-caller-identity-no-permission', doc: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html' },
    });
    const tagged = await caller.simulation.simulate({
      designId: sampleDesignId,
      request: {
        principalArn, action: 's3:ListBucket', resource: '*', context: region('eu-west-1'),
        sessionTags: [{ key: 'team', value: 'analytics' }],
        roleChain: [{ roleArn: 'arn:aws:iam::415926037184:role/OrganizationAccountAccessRole', tags: [{ key: 'cost', value: '42' }], transitiveTagKeys: ['cost'] }],
      },
    });
    const principalTags = tagged.result.context.filter((entry) => entry.key.startsWith('aws:PrincipalTag/')).map((entry) => `${entry.key}=${entry.values[0]}`);
    expect(principalTags).toEqual(expect.arrayContaining(['aws:PrincipalTag/team=analytics', 'aws:PrincipalTag/cost=42']));
    expect(tagged.result.trace.find((step) => step.layer === 'service')?.rule?.id).toBe('sts-transitive-session-tags');
    // A session tag reusing an inherited transitive key makes AssumeRole fail: a bad request naming why.
    await expect(caller.simulation.simulate({
      designId: sampleDesignId,
      request: {
        principalArn, action: 's3:ListBucket', resource: '*', context: [],
        sessionTags: [{ key: 'Cost', value: '1' }],
        roleChain: [{ roleArn: 'arn:aws:iam::415926037184:role/OrganizationAccountAccessRole', tags: [{ key: 'cost', value: '42' }], transitiveTagKeys: ['cost'] }],
      },
    })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('AssumeRole fails') });
  });

  it('simulateBatch keeps order and reports unknown principals per entry', async () => {
    const caller = createCaller(createInnerContext({ db }));
    const batch = await caller.simulation.simulateBatch({
      designId: sampleDesignId,
      requests: [
        { principalArn, action: 'ec2:RunInstances', resource: '*', context: region('us-east-1') },
        { principalArn: 'arn:aws:iam::415926037184:role/NoSuchRole', action: 's3:ListBucket', resource: '*', context: [] },
      ],
    });
    expect(batch.results[0]).toMatchObject({ ok: true, result: { decision: 'explicitDeny' } });
    expect(batch.results[1]).toMatchObject({ ok: false, error: { code: 'NoSuchEntity' } });
  });

  it('acrossAccounts gives one decision per member account; the management account is never restricted by SCPs', async () => {
    const caller = createCaller(createInnerContext({ db }));
    const tree = await loadOrgTree(db, sampleDesignId);
    const across = await caller.simulation.acrossAccounts({
      designId: sampleDesignId,
      principal: { kind: 'root' },
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1:${AccountId}:instance/*',
      context: region('us-east-1'),
    });
    const members = tree!.accounts.filter((a) => a.parentId !== null);
    expect(across.accounts.map((a) => a.accountId).sort()).toEqual(members.map((a) => a.accountId).sort());
    const management = across.accounts.find((a) => a.accountId === '381492650173')!;
    expect(management.decision).toBe('allowed');
    expect(management.resource).toBe('arn:aws:ec2:us-east-1:381492650173:instance/*');
    expect(across.accounts.find((a) => a.accountId === '415926037184')).toMatchObject({ decision: 'explicitDeny', conditionDependent: false, missingContextValues: [] });
  });

  it('answers for an AWS service principal: CloudTrail writes to the sample\'s log archive bucket, which grants it', async () => {
    const caller = createCaller(createInnerContext({ db }));
    const orgId = (await loadOrgTree(db, sampleDesignId))!.organization!.awsId;
    const object = `${LOG_BUCKET_ARN}/AWSLogs/${orgId}/381492650173/CloudTrail/eu-west-1/2026/12/04/log.json.gz`;
    const context = [
      { key: 's3:x-amz-acl', values: ['bucket-owner-full-control'], type: 'string' as const },
      { key: 'aws:SecureTransport', values: ['true'], type: 'boolean' as const },
    ];
    const write = await caller.simulation.simulate({ designId: sampleDesignId, request: { principalArn: 'cloudtrail.amazonaws.com', action: 's3:PutObject', resource: object, context } });
    expect(write.result).toMatchObject({ decision: 'allowed', reasons: ['resource-allow'], conditionDependent: false });
    expect(write.result.trace.find((step) => step.layer === 'scp')).toMatchObject({ outcome: 'notApplicable' });
    // The bucket lets the organization's principals read; a service principal is in no organization.
    const read = await caller.simulation.simulate({ designId: sampleDesignId, request: { principalArn: 'cloudtrail.amazonaws.com', action: 's3:GetObject', resource: object, context } });
    expect(read.result).toMatchObject({ decision: 'implicitDeny', reasons: ['resource-no-allow'] });
  });

  it('acrossAccounts asks every account of a design without an organization: each stands on its own', async () => {
    // Two accounts' own get-account-authorization-details, in no organization (the engine fixture's bundle).
    const fixture = JSON.parse(readFileSync(new URL('../../fixtures/engine/standalone-accounts.json', import.meta.url), 'utf8')) as { bundle: unknown };
    const { designId } = await importBundle(db, fixture.bundle, { name: uniqueName('standalone-across') });
    const caller = createCaller(createInnerContext({ db }));
    const across = await caller.simulation.acrossAccounts({ designId, principal: { kind: 'user', name: 'solo' }, action: 's3:GetObject', resource: 'arn:aws:s3:::standalone-b/report.csv' });
    expect(across.accounts.map((a) => a.accountId).sort()).toEqual(['123456789012', '210987654321']);
    const solo = across.accounts.find((a) => a.accountId === '123456789012')!;
    expect(solo).toMatchObject({ principalArn: 'arn:aws:iam::123456789012:user/solo', decision: 'allowed' });
    expect(solo).not.toHaveProperty('parentId');
    // The other account has no user of that name: it is listed, without a decision.
    expect(across.accounts.find((a) => a.accountId === '210987654321')).toMatchObject({ decision: null, summary: 'No such principal in account 210987654321.' });
  });
});

describe('compiled world cache', () => {
  it('reuses the compiled world per revision and, after a change, recompiles only what changed', async () => {
    const cache = new CompiledWorldCache();
    const report = await importBundle(db, sample, { name: uniqueName('cache') });
    const designId = report.designId;
    const request = { principalArn: 'arn:aws:iam::100000000005:role/OrganizationAccountAccessRole', action: 's3:GetObject', resource: 'arn:aws:s3:::lz7-payments-data/reports/q1.csv', resourceAccount: '100000000005', context: [] };

    const first = await simulate(db, designId, request, cache);
    expect(first.worldSource).toBe('compiled');
    const before = await cache.get(db, designId);
    expect(before.source).toBe('cache');
    expect((await simulate(db, designId, request, cache)).worldSource).toBe('cache');

    // Change one SCP and move one OU (two revisions), through the Organizations operations.
    const tree = (await loadOrgTree(db, designId))!;
    const changed = tree.policies.find((p) => p.awsId === 'p-k2ztr8pa')!;
    await updatePolicy(db, {
      designId,
      expectedRevision: tree.design.revision,
      policyId: changed.id,
      content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }] }),
    });
    const sandbox = tree.ous.find((ou) => ou.name === 'Sandbox')!;
    const infrastructure = tree.ous.find((ou) => ou.name === 'Infrastructure')!;
    await moveOrganizationalUnit(db, { designId, expectedRevision: tree.design.revision + 1, ouId: sandbox.id, destinationParentId: infrastructure.id });

    const after = await cache.get(db, designId);
    expect(after.source).toBe('rebuilt');
    expect(after.revision).toBe(before.revision + 2);
    const unchangedId = [...before.compiled.orgPolicies.keys()].find((id) => id !== 'p-k2ztr8pa')!;
    // Unchanged documents are the very same compiled objects; the edited one was recompiled.
    expect(after.compiled.orgPolicies.get(unchangedId)!.document).toBe(before.compiled.orgPolicies.get(unchangedId)!.document);
    expect(after.compiled.orgPolicies.get('p-k2ztr8pa')!.document).not.toBe(before.compiled.orgPolicies.get('p-k2ztr8pa')!.document);
    expect(after.compiled.world.orgUnits.find((u) => u.name === 'Sandbox')!.parentId).toBe(infrastructure.awsId);
    // Only the organization half was reloaded; the world is the same as a full reload's.
    expect(after.compiled.world).toEqual(await loadWorld(db, designId));
    expect((await simulate(db, designId, request, cache)).worldSource).toBe('cache');
  });

  it('after each kind of Organizations edit, the refreshed world equals a full reload', async () => {
    const cache = new CompiledWorldCache();
    const { designId } = await importBundle(db, sample, { name: uniqueName('cache parts') });
    await cache.get(db, designId);
    const tree = (await loadOrgTree(db, designId))!;
    let revision = tree.design.revision;
    const scp = tree.policies.find((p) => p.awsId === 'p-k2ztr8pa')!;
    const sandbox = tree.ous.find((ou) => ou.name === 'Sandbox')!;
    const security = tree.ous.find((ou) => ou.name === 'Security')!;
    const account = tree.accounts.find((a) => a.parentId === sandbox.id)!;
    const edits: [string, () => Promise<unknown>][] = [
      ['attachPolicy', () => attachPolicy(db, { designId, expectedRevision: revision, policyId: scp.id, targetId: sandbox.id })],
      ['moveAccount', () => moveAccount(db, { designId, expectedRevision: revision, accountId: account.id, sourceParentId: sandbox.id, destinationParentId: security.id })],
      ['tagResource', () => tagResource(db, { designId, expectedRevision: revision, resourceId: security.id, tags: [{ key: 'owner', value: 'secops' }] })],
      // Tags of accounts and policies too are the World's: aws:ResourceTag/* of organizations:* calls on them.
      ['tagResource', () => tagResource(db, { designId, expectedRevision: revision, resourceId: account.id, tags: [{ key: 'env', value: 'sandbox' }] })],
      ['tagResource', () => tagResource(db, { designId, expectedRevision: revision, resourceId: scp.id, tags: [{ key: 'owner', value: 'platform' }] })],
      ['untagResource', () => untagResource(db, { designId, expectedRevision: revision, resourceId: security.id, tagKeys: ['owner'] })],
    ];
    for (const [operation, edit] of edits) {
      await edit();
      revision += 1;
      const refreshed = await cache.get(db, designId);
      expect(refreshed.revision, operation).toBe(revision);
      expect(refreshed.source, operation).toBe('rebuilt');
      expect(refreshed.compiled.world, operation).toEqual(await loadWorld(db, designId));
    }
  });

  it('reloads everything after operations that may touch IAM', () => {
    expect(partsChangedBy(['moveOrganizationalUnit', 'attachPolicy'])).toEqual(new Set(['orgUnits', 'attachments', 'managementPolicies']));
    expect(partsChangedBy(['moveOrganizationalUnit', 'createAccount'])).toBeNull();
    expect(partsChangedBy(['undo'])).toBeNull();
  });
});
