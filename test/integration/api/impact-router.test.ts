// impact.preview and impact.apply through createCaller on the real migrated test database, on a design each test
// imports from the committed sample bundle (test/fixtures/bundles/sample-org.json). Calls in AWS's request shapes
// (API_AttachPolicy.html, API_MoveAccount.html, API_CreatePolicy.html, API_DetachPolicy.html).
import { readFile } from 'node:fs/promises';
import { TRPCError } from '@trpc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { importBundle } from '@/server/services/interchange/interchange-service';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
afterAll(async () => {
  await db.$disconnect();
});

async function freshDesign(): Promise<string> {
  const bundle = JSON.parse(await readFile(new URL('../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as unknown;
  return (await importBundle(db, bundle, { name: uniqueName('impact') })).designId;
}

const DENY_RUN_INSTANCES = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoRunInstances', Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }] });

describe('impact', () => {
  it('previews a deny SCP on an OU without saving it, then applies it through the services', async () => {
    const designId = await freshDesign();
    const calls = [
      { operation: 'CreatePolicy' as const, input: { Name: 'NoRunInstances', Type: 'SERVICE_CONTROL_POLICY', Content: DENY_RUN_INSTANCES } },
      { operation: 'AttachPolicy' as const, input: { PolicyId: 'NoRunInstances', TargetId: 'ou-lz7a-prod0001' } },
    ];
    const preview = await api.impact.preview({ designId, calls, region: 'eu-central-1' });
    expect(preview.changedAccounts).toBe(1);
    expect(preview.groups[0]).toMatchObject({ side: 'scp', accounts: [{ accountId: '100000000005', accountName: 'payments-prod' }], actions: [{ action: 'ec2:RunInstances', before: 'allowed', after: 'explicitDeny' }] });
    expect(preview.services).toEqual([{ service: 'ec2', becameAllowed: 0, becameDenied: 1, changed: 1 }]);
    expect(preview.principals).toContainEqual({ principalArn: 'arn:aws:iam::100000000005:role/OrganizationAccountAccessRole', accountId: '100000000005', gained: [], lost: ['ec2:RunInstances'] });

    // Nothing was saved: the same preview again gives the same answer at the same revision.
    const again = await api.impact.preview({ designId, calls, region: 'eu-central-1' });
    expect(again.revision).toBe(preview.revision);

    const applied = await api.impact.applyCalls({ designId, expectedRevision: preview.revision, calls });
    expect(applied).toEqual({ revision: preview.revision + 2, applied: 2 });
    // After applying, the same call is refused as AWS refuses it.
    await expect(api.impact.preview({ designId, calls: [{ operation: 'CreatePolicy', input: calls[0].input }] }))
      .rejects.toSatisfy((error: unknown) => error instanceof TRPCError && (error.cause as { awsCode?: string }).awsCode === 'DuplicatePolicyException');
  });

  it('refuses the last SCP detach with AWS\'s exception and reason, naming the call', async () => {
    const designId = await freshDesign();
    await expect(api.impact.preview({ designId, calls: [{ operation: 'DetachPolicy', input: { PolicyId: 'p-FullAWSAccess', TargetId: 'ou-lz7a-prod0001' } }] }))
      .rejects.toSatisfy((error: unknown) => error instanceof TRPCError && error.message.startsWith('calls[0].DetachPolicy:')
        && (error.cause as { awsCode?: string; awsReason?: string }).awsReason === 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
  });

  it('a move previews the moved account only and applies as a MoveAccount revision', async () => {
    const designId = await freshDesign();
    const calls = [{ operation: 'MoveAccount' as const, input: { AccountId: '100000000007', SourceParentId: 'ou-lz7a-sandbox1', DestinationParentId: 'ou-lz7a-nonprod1' } }];
    const preview = await api.impact.preview({ designId, calls });
    expect(preview.groups.flatMap((group) => group.accounts.map((account) => account.accountId))).toEqual(['100000000007']);
    const applied = await api.impact.applyCalls({ designId, expectedRevision: preview.revision, calls });
    const after = await api.impact.preview({ designId, calls: [{ operation: 'MoveAccount', input: { AccountId: '100000000007', SourceParentId: 'ou-lz7a-nonprod1', DestinationParentId: 'ou-lz7a-sandbox1' } }] });
    expect(after.revision).toBe(applied.revision);
    expect(after.groups[0].actions).toEqual(preview.groups[0].actions.map((flip) => ({ ...flip, before: flip.after, after: flip.before })));
  });

  it('heatmap: accounts × services with the allowed share, OU rows summing their accounts, and a searched action', async () => {
    const designId = await freshDesign();
    const byAccount = await api.impact.heatmap({ designId, action: 'organizations:leaveorganization' });
    expect(byAccount.action).toBe('organizations:LeaveOrganization');
    const organizations = byAccount.services.findIndex((service) => service.service === 'organizations');
    expect(organizations).toBeGreaterThanOrEqual(0);
    const paymentsProd = byAccount.rows.find((row) => row.id === '100000000005')!;
    expect(paymentsProd).toMatchObject({ name: 'payments-prod', kind: 'account', action: 'explicitDeny' });
    const [allowed, denied, other] = paymentsProd.cells[organizations];
    expect(allowed + denied + other).toBe(byAccount.services[organizations].actions);
    expect(denied).toBeGreaterThan(0);
    expect(byAccount.rows.find((row) => row.id === '100000000001')).toMatchObject({ note: 'management account: SCPs do not apply', action: 'allowed' });

    const byOu = await api.impact.heatmap({ designId, rows: 'ou', services: ['ec2', 'organizations'] });
    expect(byOu.services.map((service) => service.service)).toEqual(['ec2', 'organizations']);
    const workloads = byOu.rows.find((row) => row.id === 'ou-lz7a-workload')!;
    expect(workloads.accounts).toBe(2);
    const prodRow = byOu.rows.find((row) => row.id === 'ou-lz7a-prod0001')!;
    const devRow = byOu.rows.find((row) => row.id === 'ou-lz7a-nonprod1')!;
    expect(workloads.cells[0]).toEqual(prodRow.cells[0].map((value, i) => value + devRow.cells[0][i]));

    await expect(api.impact.heatmap({ designId, action: 's3:NoSuchAction' })).rejects.toThrow('not an action of the IAM catalogue');

    // Paged and cut: the N most restricted services (ranked by actions not allowed, summed over accounts) and a page of rows.
    const ranked = byAccount.services.map((service, i) => ({ service: service.service, notAllowed: byAccount.rows.reduce((sum, row) => sum + row.cells[i][1] + row.cells[i][2], 0) }))
      .sort((a, b) => b.notAllowed - a.notAllowed || a.service.localeCompare(b.service));
    expect(byAccount.services.map((service) => service.service)).toEqual(ranked.map((entry) => entry.service));
    expect(byAccount).toMatchObject({ restrictedServices: byAccount.services.length, totalRows: byAccount.rows.length, offset: 0 });
    const paged = await api.impact.heatmap({ designId, columns: 3, offset: 2, limit: 2 });
    expect(paged.services).toEqual(byAccount.services.slice(0, 3));
    expect(paged).toMatchObject({ restrictedServices: byAccount.services.length, totalRows: byAccount.rows.length, offset: 2 });
    expect(paged.rows.map((row) => row.id)).toEqual(byAccount.rows.slice(2, 4).map((row) => row.id));
    expect(paged.rows[0].cells).toEqual(byAccount.rows[2].cells.slice(0, 3));
  });
});
