// Heavy engine work runs in worker threads within a time budget (issue 14, "One request freezes the server"; the
// org-wide matrix of issue 12): over budget, the request fails with a clear TIMEOUT error naming the work, while
// other clients are served; the next heavy request gets a fresh worker. Real database, the real worker bundle (dist/node/engine-worker.mjs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../../server/api/context';
import { createCaller } from '../../../server/api/root';
import type { PrismaClient } from '../../../server/db/client';
import { getDesignByName } from '../../../server/db/designs';
import { SAMPLE_DESIGN_NAME } from '../../../server/db/sample-landing-zone';
import { seedSampleLandingZone } from '../../../server/db/seed';
import { isDomainError } from '../../../server/services/domain-error';
import { EngineWorkers } from '../../../server/services/engine-worker/engine-workers';
import { scpMatrix } from '../../../server/services/analysis/scp-matrix';
import { simulateAcrossAccounts, simulateBatch } from '../../../server/services/simulation/simulation-service';
import { orgHeatmap } from '../../../server/services/impact/heatmap';
import { heatmapRows } from '../../../server/services/impact/heatmap-rows';
import { previewChange } from '../../../server/services/impact/impact-service';
import { CompiledWorldCache } from '../../../server/services/simulation/compiled-world-cache';
import { createTestDb } from '../../support/db-test-client';

let db: PrismaClient;
let designId: string;
const workers: EngineWorkers[] = [];
beforeAll(async () => {
  db = createTestDb();
  const seeded = await seedSampleLandingZone(db);
  designId = seeded?.id ?? (await getDesignByName(db, SAMPLE_DESIGN_NAME))!.id;
});
afterAll(async () => {
  await Promise.all(workers.map((pool) => pool.close()));
  await db.$disconnect();
});

function engineWorkers(budgetMs: number): EngineWorkers {
  const pool = new EngineWorkers({ budgetMs, size: 1 });
  workers.push(pool);
  return pool;
}

const principalArn = 'arn:aws:iam::415926037184:role/OrganizationAccountAccessRole';
const region = (value: string) => [{ key: 'aws:RequestedRegion', values: [value], type: 'string' as const }];
const request = (i: number) => ({
  principalArn,
  action: i % 2 === 0 ? 'ec2:RunInstances' : 's3:GetObject',
  resource: i % 2 === 0 ? '*' : `arn:aws:s3:::bucket-${i}/key`,
  context: region(i % 3 === 0 ? 'us-east-1' : 'eu-west-1'),
});

describe('engine work in worker threads', () => {
  it('simulateBatch runs in a worker and gives the same decisions as the request thread', async () => {
    const pool = engineWorkers(60_000);
    const cache = new CompiledWorldCache();
    const batch = await simulateBatch(db, designId, [request(0), request(1), { ...request(2), principalArn: 'arn:aws:iam::415926037184:role/NoSuchRole' }], cache, pool);
    expect(batch.results.map((entry) => (entry.ok ? entry.result.decision : entry.error.code))).toEqual(['explicitDeny', 'allowed', 'NoSuchEntity']);
    // Through the API (output schemas applied to both), the batch entry is the single simulation's result.
    const caller = createCaller(createInnerContext({ db }));
    const single = await caller.simulation.simulate({ designId, request: request(1) });
    const viaApi = await caller.simulation.simulateBatch({ designId, requests: [request(1)] });
    expect(viaApi.results[0]).toEqual({ ok: true, result: single.result });
  });

  it('over budget: a clear TIMEOUT error naming the work, while another client is served; the next batch succeeds', async () => {
    const pool = engineWorkers(1);
    const cache = new CompiledWorldCache();
    const requests = Array.from({ length: 10_000 }, (_, i) => request(i));
    const caller = createCaller(createInnerContext({ db }));
    const [overrun, served] = await Promise.all([
      simulateBatch(db, designId, requests, cache, pool).catch((error: unknown) => error),
      caller.simulation.simulate({ designId, request: request(0) }),
    ]);
    expect(isDomainError(overrun)).toBe(true);
    expect(overrun).toMatchObject({ kind: 'TIMEOUT' });
    expect((overrun as Error).message).toBe('simulateBatch of 10,000 requests needed more than its 1 ms time budget and was stopped. Split the work into smaller requests.');
    expect(served.result.decision).toBe('explicitDeny');

    // The same work with room to finish: the stopped worker was replaced.
    const roomy = engineWorkers(120_000);
    const batch = await simulateBatch(db, designId, requests.slice(0, 500), cache, roomy);
    expect(batch.results).toHaveLength(500);
    const again = await simulateBatch(db, designId, requests.slice(0, 2), cache, pool).catch((error: unknown) => error);
    expect(again).toMatchObject({ kind: 'TIMEOUT' });
  });

  it('acrossAccounts runs in a worker with the answers of single simulations; over budget, a TIMEOUT naming it', async () => {
    const cache = new CompiledWorldCache();
    const input = { designId, principal: { kind: 'role' as const, name: 'OrganizationAccountAccessRole' }, action: 'ec2:RunInstances', context: region('us-east-1') };
    const across = await simulateAcrossAccounts(db, input, cache, engineWorkers(60_000));
    expect(across.accounts.length).toBeGreaterThan(5);
    const caller = createCaller(createInnerContext({ db }));
    for (const row of across.accounts) {
      if (row.decision === null) continue;
      const single = await caller.simulation.simulate({ designId, request: { principalArn: row.principalArn, action: input.action, resource: '*', context: input.context } });
      expect({ decision: row.decision, summary: row.summary, reasons: row.reasons }).toEqual({ decision: single.result.decision, summary: single.result.summary, reasons: single.result.reasons });
    }
    // Session tags AWS would refuse fail the whole request, as on the request thread before.
    const badTags = await simulateAcrossAccounts(db, { ...input, sessionTags: [{ key: 'team', value: 'a' }, { key: 'Team', value: 'b' }] }, cache, engineWorkers(60_000)).catch((error: unknown) => error);
    expect(badTags).toMatchObject({ kind: 'INVALID_INPUT', field: 'sessionTags' });

    const overrun = await simulateAcrossAccounts(db, input, new CompiledWorldCache(), engineWorkers(1)).catch((error: unknown) => error);
    expect(overrun).toMatchObject({ kind: 'TIMEOUT' });
    expect((overrun as Error).message).toMatch(/^acrossAccounts over \d+ accounts needed more than its 1 ms time budget and was stopped\./);
  });

  it('the SCP matrix runs in a worker; the engine\'s input errors keep AWS\'s codes', async () => {
    const pool = engineWorkers(60_000);
    const cache = new CompiledWorldCache();
    const matrix = await scpMatrix(db, { designId, accountId: '415926037184', services: ['organizations'] }, cache, pool);
    expect(matrix.services.map((service) => service.service)).toEqual(['organizations']);
    await expect(scpMatrix(db, { designId, accountId: '000000000000' }, cache, pool)).rejects.toMatchObject({ kind: 'NOT_FOUND', awsCode: 'AccountNotFoundException' });
  });

  it('the org-wide heatmap and an impact preview run in a worker, with the answers of the request thread; over budget, a TIMEOUT that says what to do', async () => {
    const pool = engineWorkers(60_000);
    const cache = new CompiledWorldCache();
    const input = { designId, rows: 'ou' as const, services: ['ec2', 'organizations'], action: 'organizations:LeaveOrganization' };
    const design = await cache.get(db, designId);
    const inThread = heatmapRows(design, { rows: 'ou', services: input.services, action: input.action });
    const heatmap = await orgHeatmap(db, input, cache, pool);
    expect(inThread.ok && { revision: design.revision, ...inThread.value }).toEqual(heatmap);
    await expect(orgHeatmap(db, { designId, services: ['nosuchservice'] }, cache, pool)).rejects.toMatchObject({ kind: 'INVALID_INPUT', field: 'services', awsCode: 'InvalidInputException' });

    const refused = await previewChange(db, { designId, calls: [{ operation: 'DetachPolicy', input: { PolicyId: 'p-nosuchpolicy1', TargetId: '415926037184' } }] }, cache, pool)
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'NOT_FOUND', awsCode: 'PolicyNotFoundException' });
    // An id the SCP/RCP world does not know may be a management policy's: the whole design answers (any policy type).
    expect((refused as Error).message).toBe('calls[0].DetachPolicy.PolicyId: no policy p-nosuchpolicy1');

    const tight = engineWorkers(1);
    const overrun = await orgHeatmap(db, { designId }, new CompiledWorldCache(), tight).catch((error: unknown) => error);
    expect(overrun).toMatchObject({ kind: 'TIMEOUT' });
    expect((overrun as Error).message).toMatch(/^The org-wide permission matrix of \d+ accounts needed more than its 1 ms time budget and was stopped\. The design is too large for the engine budget: raise LZSIM_ENGINE_BUDGET_MS \(milliseconds\) on the server\.$/);
  });

  it('the API maps the overrun to tRPC TIMEOUT', async () => {
    // The router uses the process-wide workers; give them a fresh budget for this test only.
    const global = globalThis as unknown as { lzsimEngineWorkers?: EngineWorkers };
    const saved = global.lzsimEngineWorkers;
    global.lzsimEngineWorkers = engineWorkers(1);
    try {
      const caller = createCaller(createInnerContext({ db }));
      await expect(caller.simulation.simulateBatch({ designId, requests: Array.from({ length: 2_000 }, (_, i) => request(i)) }))
        .rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('simulateBatch of 2,000 requests needed more than its 1 ms time budget') });
    } finally {
      global.lzsimEngineWorkers = saved;
    }
  });
});
