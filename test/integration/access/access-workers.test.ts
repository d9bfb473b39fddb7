// The access questions (graph, edge, who-can, reach) run in the engine worker threads, not on the request thread
// (issue 9 with issue 14's worker pool): while a who-can is computed on a large generated design, another client's
// request is answered first; over budget a who-can fails with a TIMEOUT that names it and says what to do, and other
// clients go on. Real database, the real worker bundle (dist/node/engine-worker.mjs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../server/db/client';
import { accessEdge, accessGraph, reach, whoCan } from '../../../server/services/access/access-service';
import { EngineWorkers } from '../../../server/services/engine-worker/engine-workers';
import { importBundle } from '../../../server/services/interchange/interchange-service';
import { CompiledWorldCache } from '../../../server/services/simulation/compiled-world-cache';
import { simulate } from '../../../server/services/simulation/simulation-service';
import { createTestDb } from '../../support/db-test-client';
import { GENERATED_SHARED, generatedAccessBundle, generatedAccountId } from '../../support/generated-access-bundle';

const ACCOUNTS = 120;
const ROLES = 12;
let db: PrismaClient;
let designId: string;
const pools: EngineWorkers[] = [];
const workers = (budgetMs: number) => {
  const pool = new EngineWorkers({ budgetMs, size: 1 });
  pools.push(pool);
  return pool;
};

beforeAll(async () => {
  db = createTestDb();
  ({ designId } = await importBundle(db, generatedAccessBundle({ accounts: ACCOUNTS, rolesPerAccount: ROLES }), { name: `access workers ${Date.now().toString(36)}` }));
}, 120_000);
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  await db.$disconnect();
});

const target = generatedAccountId(57);
const question = { action: 'iam:CreateUser', resource: `arn:aws:iam::${target}:user/new`, maxHops: 5 };

describe('access questions in the engine workers', () => {
  it('answers who-can on 1,440 roles in a worker while another client is served first', async () => {
    const worlds = new CompiledWorldCache();
    await worlds.get(db, designId);
    const pool = workers(120_000);
    const finished: string[] = [];
    const asked = whoCan(db, { ...question, designId }, { worlds, workers: pool }).then((result) => {
      finished.push('who-can');
      return result;
    });
    // Another client's request on the request thread, sent after the who-can.
    const other = simulate(db, designId, { principalArn: `arn:aws:iam::${target}:role/OrganizationAccountAccessRole`, action: 's3:ListAllMyBuckets', resource: '*', context: [] }, worlds).then((output) => {
      finished.push('simulate');
      return output.result;
    });
    const [answer, simulated] = await Promise.all([asked, other]);
    expect(finished).toEqual(['simulate', 'who-can']);
    expect(simulated.decision).toBe('allowed');
    // The pipeline reaches the account's deploy role in one hop; the management account directly and by chains.
    const viaPipeline = answer.answers.find((entry) => entry.actingPrincipal === `arn:aws:iam::${target}:role/DeployRole` && entry.principal === `arn:aws:iam::${GENERATED_SHARED}:role/Pipeline`);
    expect(viaPipeline?.path.hopCount).toBe(1);
    expect(answer.evaluated).toBeGreaterThan(ACCOUNTS * ROLES / 2);

    // The graph, an edge and reachability come from the same worker, over the graph it keeps for this revision.
    const graph = await accessGraph(db, { designId, accountIds: [target] }, { worlds, workers: pool });
    const edge = graph.edges.find((candidate) => candidate.to === `arn:aws:iam::${target}:role/PeerRole`)!;
    expect(edge.from).toBe(`arn:aws:iam::${generatedAccountId(58)}:role/PeerRole`);
    expect((await accessEdge(db, { designId, edgeId: edge.id }, { worlds, workers: pool })).trustPolicy).toContain(`${generatedAccountId(58)}:role/PeerRole`);
    const reached = await reach(db, { designId, direction: 'from', arn: `arn:aws:iam::${GENERATED_SHARED}:role/Pipeline`, maxHops: 1 }, { worlds, workers: pool });
    expect(reached.paths.length).toBeGreaterThanOrEqual(ACCOUNTS - 1);
    // Unknown names keep their NOT_FOUND and AWS's code across the thread boundary.
    await expect(reach(db, { designId, direction: 'to', arn: 'arn:aws:iam::111122223333:role/Nobody', maxHops: 2 }, { worlds, workers: pool }))
      .rejects.toMatchObject({ kind: 'NOT_FOUND', awsCode: 'NoSuchEntity', field: 'arn' });
    await expect(accessEdge(db, { designId, edgeId: 'nobody -> nothing' }, { worlds, workers: pool })).rejects.toMatchObject({ kind: 'NOT_FOUND', field: 'edgeId' });
  });

  it('over budget: a TIMEOUT naming the who-can, while another client is served', async () => {
    const worlds = new CompiledWorldCache();
    await worlds.get(db, designId);
    const [overrun, served] = await Promise.all([
      whoCan(db, { ...question, designId }, { worlds, workers: workers(1) }).catch((error: unknown) => error),
      simulate(db, designId, { principalArn: `arn:aws:iam::${target}:role/DeployRole`, action: 's3:ListAllMyBuckets', resource: '*', context: [] }, worlds),
    ]);
    expect(served.result.decision).toBe('allowed');
    expect(overrun).toMatchObject({ kind: 'TIMEOUT' });
    expect((overrun as Error).message).toBe(
      `who-can iam:CreateUser on arn:aws:iam::${target}:user/new needed more than its 1 ms time budget and was stopped. The design is too large for the engine budget: narrow the question (filter by account, OU or principal, fewer hops) or raise LZSIM_ENGINE_BUDGET_MS (milliseconds) on the server.`,
    );
  });
});
