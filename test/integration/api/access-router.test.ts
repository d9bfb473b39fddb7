// access.* through createCaller on the real migrated test database, on a branch of the seeded sample design
// (server/db/sample-landing-zone.ts: the Shared Services pipeline, the vendor's ExternalId role, the legacy partner).
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { getDesignByName } from '@/server/db/designs';
import { DEPLOY_ROLE_NAME, LOG_BUCKET_ARN, ORG_ID, PIPELINE_ROLE_NAME, SAMPLE_DESIGN_NAME, sampleAccount, VENDOR_EXTERNAL_ID } from '@/server/db/sample-landing-zone';
import { seedSampleLandingZone } from '@/server/db/seed';
import { createTestDb } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
let designId: string;
const shared = sampleAccount('sharedServices').accountId;
const webProd = sampleAccount('webProd').accountId;
const pipeline = `arn:aws:iam::${shared}:role/${PIPELINE_ROLE_NAME}`;
const deploy = `arn:aws:iam::${webProd}:role/${DEPLOY_ROLE_NAME}`;

beforeAll(async () => {
  const seeded = await seedSampleLandingZone(db);
  const sampleId = seeded?.id ?? (await getDesignByName(db, SAMPLE_DESIGN_NAME))!.id;
  const branch = await api.history.branch({ designId: sampleId, newName: `access router ${Date.now()}` });
  designId = (branch.design as { id: string }).id;
});
afterAll(async () => {
  await db.$disconnect();
});

describe('access router', () => {
  it('graph: edges grouped by account and OU, filtered by account', async () => {
    const graph = await api.access.graph({ designId, accountIds: [webProd] });
    const edge = graph.edges.find((candidate) => candidate.from === pipeline && candidate.to === deploy);
    expect(edge).toMatchObject({ decision: 'allowed', chained: true, maxSessionSeconds: 3600 });
    expect(graph.edges.every((candidate) => [candidate.from, candidate.to].some((id) => graph.nodes.find((node) => node.id === id)?.accountId === webProd))).toBe(true);
    expect(graph.accounts.find((account) => account.accountId === webProd)?.ouPath.map((unit) => unit.name)).toEqual(['Root', 'Workloads', 'Prod']);
  });

  it('edge: the trust statement and the engine trace of the vendor edge, replayed with its ExternalId', async () => {
    const graph = await api.access.graph({ designId, principal: 'VendorSecurityScanner' });
    const vendor = graph.edges.find((candidate) => candidate.to.endsWith(':role/VendorSecurityScanner'))!;
    const detail = await api.access.edge({ designId, edgeId: vendor.id });
    expect(detail.trustPolicy).toContain('VendorWithExternalId');
    expect(detail.statementIndexes).toEqual([0]);
    expect(detail.suppliedContext).toEqual([expect.objectContaining({ key: 'sts:ExternalId', values: [VENDOR_EXTERNAL_ID] })]);
    expect(detail.result?.decision).toBe('allowed');
    await expect(api.access.edge({ designId, edgeId: 'nobody -> nothing' })).rejects.toSatisfy((error) => error instanceof TRPCError && error.code === 'NOT_FOUND');
  });

  it('whoCan: CodeBuild reaches a workload deploy action through two hops, each answer with the last hop trace', async () => {
    const result = await api.access.whoCan({ designId, action: 'cloudformation:CreateStack', resource: `arn:aws:cloudformation:eu-west-1:${webProd}:stack/app/1`, region: 'eu-west-1' });
    const viaPipeline = result.answers.find((answer) => answer.principal === 'service:codebuild.amazonaws.com' && answer.actingPrincipal === deploy);
    expect(viaPipeline?.path.hopCount).toBe(2);
    expect(viaPipeline?.path.hops.map((hop) => hop.edge.to)).toEqual([pipeline, deploy]);
    expect(viaPipeline?.lastHop.decision).toBe('allowed');
    // A CloudFormation stack has no resource-based policy: nobody outside the organization is let in by one.
    expect(result.outside).toEqual([]);
    await expect(api.access.whoCan({ designId, action: 'GetObject', resource: 'arn:aws:s3:::x' })).rejects.toSatisfy((error) => error instanceof TRPCError && error.code === 'BAD_REQUEST');
  });

  it('whoCan: CloudTrail writes to the log archive bucket, whose policy names it, given the acl it sends', async () => {
    const object = `${LOG_BUCKET_ARN}/AWSLogs/${ORG_ID}/${sampleAccount('management').accountId}/CloudTrail/eu-west-1/log.json.gz`;
    const result = await api.access.whoCan({ designId, action: 's3:PutObject', resource: object });
    const cloudtrail = result.answers.find((answer) => answer.principal === 'service:cloudtrail.amazonaws.com');
    expect(cloudtrail).toMatchObject({ actingPrincipal: 'service:cloudtrail.amazonaws.com', decision: 'conditional', path: { hopCount: 0 } });
    expect(cloudtrail!.suppliedContext).toContainEqual({ key: 's3:x-amz-acl', values: ['bucket-owner-full-control'], type: 'string' });
    expect(cloudtrail!.lastHop).toMatchObject({ decision: 'allowed', reasons: ['resource-allow'] });
  });

  it('reach: who can reach the deploy role', async () => {
    const { paths } = await api.access.reach({ designId, direction: 'to', arn: deploy });
    expect(paths.find((path) => path.from === pipeline)?.hopCount).toBe(1);
  });

  it('findings: the legacy partner is a confused deputy; archiving is recorded in the history and undone', async () => {
    const { findings } = await api.access.findings({ designId });
    const legacy = findings.find((finding) => finding.lzsim.rule === 'CONFUSED_DEPUTY')!;
    expect(legacy.resource).toMatch(/:role\/LegacyPartnerAccess$/);
    expect(legacy.status).toBe('ACTIVE');
    const { revision } = await api.design.get({ designId });
    const archived = await api.access.archiveFinding({ designId, expectedRevision: revision, findingId: legacy.id });
    expect(archived).toEqual({ revision: revision + 1, findingId: legacy.id, status: 'ARCHIVED' });
    expect((await api.access.findings({ designId })).findings.find((finding) => finding.id === legacy.id)?.status).toBe('ARCHIVED');
    const history = await api.history.revisions({ designId });
    expect(JSON.stringify(history)).toContain('archiveFinding');
    await api.history.undo({ designId, expectedRevision: archived.revision });
    expect((await api.access.findings({ designId })).findings.find((finding) => finding.id === legacy.id)?.status).toBe('ACTIVE');
    await expect(api.access.archiveFinding({ designId, expectedRevision: archived.revision + 1, findingId: '00000000-0000-0000-0000-000000000000' }))
      .rejects.toSatisfy((error) => error instanceof TRPCError && error.code === 'NOT_FOUND');
  });
});
