// The migration plan page in a real browser: the live organization imported from the committed sample bundle
// (test/fixtures/bundles/sample-org.json), a copy of it changed in the back end (a new Staging OU with a deny SCP,
// payments-dev moved there, NonProd renamed), and the plan between them. Calls in AWS's request shapes
// (API_CreateOrganizationalUnit.html, API_AttachPolicy.html, API_MoveAccount.html); that replaying them gives the
// design is test/integration/plan/plan-replay.test.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const DENY_DELETE_BUCKET = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'KeepBuckets', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }] });

describe.skipIf(!chromiumPath)('migration plan in the browser', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let liveName: string;
  let copyId: string;
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const api = apiClient(baseUrl);
    const document = JSON.parse(await readFile(new URL('../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    liveName = `e2e live ${stamp}`;
    const liveId = (await api.interchange.importBundle.mutate({ document, name: liveName })).designId;
    copyId = ((await api.history.branch.mutate({ designId: liveId, newName: `e2e redesign ${stamp}` })).design as { id: string }).id;
    let revision = 0;
    const staging = await api.ou.create.mutate({ designId: copyId, expectedRevision: revision, parentId: 'ou-lz7a-workload', name: 'Staging' });
    const stagingId = (staging as unknown as { ou: { awsId: string } }).ou.awsId;
    revision = staging.revision;
    const policy = await api.policy.create.mutate({ designId: copyId, expectedRevision: revision, type: 'SERVICE_CONTROL_POLICY', name: 'KeepBuckets', content: DENY_DELETE_BUCKET });
    revision = policy.revision;
    revision = (await api.policy.attach.mutate({ designId: copyId, expectedRevision: revision, policyId: (policy as unknown as { policy: { awsId: string } }).policy.awsId, targetId: stagingId })).revision;
    revision = (await api.account.move.mutate({ designId: copyId, expectedRevision: revision, accountId: '100000000006', destinationParentId: stagingId })).revision;
    await api.ou.rename.mutate({ designId: copyId, expectedRevision: revision, ouId: 'ou-lz7a-nonprod1', name: 'Development' });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the ordered steps with their impact and downloads the script', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${copyId}/plan`, { waitUntil: 'load' });
    await page.getByLabel('Live organization').selectOption({ label: liveName });
    const steps = page.getByRole('table', { name: 'Plan steps' });
    await steps.waitFor({ timeout: 120_000 });
    const rows = steps.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    const operations = await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('data-operation')));
    expect(operations).toEqual(['CreateOrganizationalUnit', 'CreatePolicy', 'UpdateOrganizationalUnit', 'AttachPolicy', 'MoveAccount']);
    await expect.poll(() => rows.nth(0).innerText()).toContain('Create OU Staging under Workloads');
    await expect.poll(() => rows.nth(4).innerText()).toMatch(/Move account payments-dev \(100000000006\) to Workloads\/Staging[\s\S]*1 pair flip in 1 account \(1 become denied, 0 become allowed\)/);
    await expect.poll(() => page.getByText('none widens access').count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'migration-plan.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download script' }).click();
    const script = await readFile((await (await download).path())!, 'utf8');
    expect(script).toMatch(/OU_1="\$\(aws organizations create-organizational-unit --parent-id 'ou-lz7a-workload' --name 'Staging'/);
    expect(script).toContain(`aws organizations move-account --account-id '100000000006' --source-parent-id 'ou-lz7a-nonprod1' --destination-parent-id "$OU_1"`);
  }, 300_000);
});
