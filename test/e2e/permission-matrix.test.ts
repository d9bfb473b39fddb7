// The org-wide permission matrix and the what-if preview in a real browser, on a design imported from the committed
// sample bundle (test/fixtures/bundles/sample-org.json). SCP evaluation as orgs_manage_policies_scps_evaluation.html
// states it (a Deny at any level of the path wins); AttachPolicy in AWS's request shape (API_AttachPolicy.html).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { card, dragCard, showWholeTree } from './editor-helpers';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const DENY_RUN_INSTANCES = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoRunInstances', Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }] });

describe.skipIf(!chromiumPath)('permission matrix and impact preview in the browser', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;
  let revision: number;
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const api = apiClient(baseUrl);
    const document = JSON.parse(await readFile(new URL('../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    designId = (await api.interchange.importBundle.mutate({ document, name: `e2e matrix ${stamp}` })).designId;
    const design = await api.design.get.query({ designId });
    revision = (await api.policy.create.mutate({ designId, expectedRevision: design.revision, type: 'SERVICE_CONTROL_POLICY', name: 'NoRunInstances', content: DENY_RUN_INSTANCES })).revision;
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('paints accounts × services, searches an action and exports CSV', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}/matrix`, { waitUntil: 'load' });
    const table = page.getByRole('table', { name: 'Permission heatmap' });
    await table.waitFor({ timeout: 120_000 });
    await expect.poll(() => table.getAttribute('data-paint-ms'), { timeout: 30_000 }).not.toBeNull();
    console.log(`heatmap painted ${await table.getAttribute('data-paint-ms')} ms after its data arrived (target ≤ 500 ms)`);
    await expect.poll(() => table.getByRole('rowheader', { name: 'payments-prod' }).count()).toBe(1);

    await page.getByLabel('Search action').fill('organizations:LeaveOrganization');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const prodRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'payments-prod' }) });
    await expect.poll(() => prodRow.locator('.heatmap__category').innerText(), { timeout: 60_000 }).toBe('explicit deny');
    await page.screenshot({ path: join(screenshotDir, 'permission-matrix.png') });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^id,name,kind,accounts,organizations:LeaveOrganization,/);
    expect(csv).toMatch(/\n100000000005,payments-prod,account,1,explicitDeny,/);
  }, 240_000);

  it('previews attaching a deny SCP to an OU: flipped pairs by service, a principal that loses an action; discard saves nothing', async () => {
    const { page } = browser;
    // Without a region the Workloads region guard denies every regional request already (an absent
    // aws:RequestedRegion satisfies StringNotEquals): in eu-central-1, an allowed region, the new SCP is what denies.
    await page.getByLabel('Region').fill('eu-central-1');
    const panel = page.getByRole('region', { name: 'What if' });
    await panel.getByLabel('SCP').selectOption({ label: 'NoRunInstances' });
    await panel.getByLabel('Target').selectOption({ label: 'Prod (ou)' });
    await panel.getByRole('button', { name: 'Preview attach' }).click();
    const result = page.getByRole('region', { name: 'Impact preview' });
    await result.waitFor({ timeout: 120_000 });
    await expect.poll(() => result.getByRole('table', { name: 'Flipped pairs by service' }).innerText()).toMatch(/ec2\s+1\s+0\s+1/);
    await expect.poll(() => result.getByRole('list', { name: 'Principals' }).innerText())
      .toContain('arn:aws:iam::100000000005:role/OrganizationAccountAccessRole loses ec2:RunInstances');
    await page.screenshot({ path: join(screenshotDir, 'permission-matrix-preview.png'), fullPage: true });
    await result.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => result.count()).toBe(0);
    const design = await apiClient(baseUrl).design.get.query({ designId });
    expect(design.revision).toBe(revision);
  }, 240_000);

  it('previews detaching an SCP from the inspector before saving anything', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await card(page, 'Sandbox').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('button', { name: 'Preview detaching SandboxGuardrails from Sandbox' }).click({ timeout: 60_000 });
    const preview = inspector.getByRole('group', { name: 'Impact: Detach SandboxGuardrails from Sandbox' });
    const result = preview.getByRole('region', { name: 'Impact preview' });
    await result.waitFor({ timeout: 120_000 });
    expect(await result.innerText()).toContain('savingsplans:CreateSavingsPlan: explicit deny → allowed');
    await page.screenshot({ path: join(screenshotDir, 'inspector-impact-preview.png') });
    await preview.getByRole('button', { name: 'Close preview' }).click();
    const design = await apiClient(baseUrl).design.get.query({ designId });
    expect(design.revision).toBe(revision);
  }, 240_000);

  it('applies a move and shows what it did in the history diff', async () => {
    const { page } = browser;
    // Sandbox's guardrails (p-sbxl1m1t) stop sandbox-alice buying savings plans; NonProd has no such deny.
    const api = apiClient(baseUrl);
    const design = await api.design.get.query({ designId });
    const moved = await api.impact.applyCalls.mutate({
      designId, expectedRevision: design.revision,
      calls: [{ operation: 'MoveAccount', input: { AccountId: '100000000007', SourceParentId: 'ou-lz7a-sandbox1', DestinationParentId: 'ou-lz7a-nonprod1' } }],
    });
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByRole('tab', { name: 'History' }).click();
    const revisions = page.getByRole('list', { name: 'Revisions, newest first' });
    await revisions.getByRole('button', { name: `Show the changes of revision ${moved.revision}` }).click({ timeout: 60_000 });
    const diff = page.getByRole('dialog', { name: `Changes from r${moved.revision - 1} to r${moved.revision}` });
    await expect.poll(() => diff.innerText(), { timeout: 60_000 }).toMatch(/moved\s+Account\s+sandbox-alice/i);
    const impact = diff.getByRole('region', { name: 'Impact of the changes' });
    await impact.getByLabel('Impact region').fill('eu-central-1');
    await impact.getByRole('button', { name: 'Show what these changes did' }).click();
    const result = impact.getByRole('region', { name: 'Impact of the changes between the revisions' });
    await result.waitFor({ timeout: 120_000 });
    expect(await result.innerText()).toMatch(/pairs? flip in 1 account/);
    expect(await result.getByRole('table', { name: 'Flipped pairs by service' }).innerText()).toMatch(/savingsplans\s+0\s+\d+\s+\d+/);
    expect(await result.innerText()).toContain('savingsplans:CreateSavingsPlan: explicit deny → allowed');
    await page.screenshot({ path: join(screenshotDir, 'history-diff-impact.png') });
  }, 240_000);

  it('shows in the history diff what a saved IAM inline policy did to its role', async () => {
    const { page } = browser;
    // PutRolePolicy in AWS's request shape (IAM API_PutRolePolicy.html): a Deny on account 100000000002's admin role
    // (no later case looks at it; the change is undone at the end all the same).
    const api = apiClient(baseUrl);
    const design = await api.design.get.query({ designId });
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['dynamodb:DeleteTable', 'dynamodb:DeleteBackup'], Resource: '*' }] });
    const saved = await api.impact.applyCalls.mutate({
      designId, expectedRevision: design.revision,
      calls: [{ api: 'iam', accountId: '100000000002', operation: 'PutRolePolicy', input: { RoleName: 'OrganizationAccountAccessRole', PolicyName: 'KeepTables', PolicyDocument: document } }],
    });
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByRole('tab', { name: 'History' }).click();
    const revisions = page.getByRole('list', { name: 'Revisions, newest first' });
    await revisions.getByRole('button', { name: `Show the changes of revision ${saved.revision}` }).click({ timeout: 60_000 });
    const diff = page.getByRole('dialog', { name: `Changes from r${saved.revision - 1} to r${saved.revision}` });
    const impact = diff.getByRole('region', { name: 'Impact of the changes' });
    await impact.getByRole('button', { name: 'Show what these changes did' }).click({ timeout: 60_000 });
    const principals = impact.getByRole('list', { name: 'Principals' });
    await expect.poll(() => principals.innerText(), { timeout: 120_000 })
      .toMatch(/arn:aws:iam::100000000002:role\/OrganizationAccountAccessRole\s+loses\s+.*dynamodb:DeleteTable/);
    await page.screenshot({ path: join(screenshotDir, 'history-diff-iam-impact.png') });
    await api.history.undo.mutate({ designId, expectedRevision: saved.revision });
  }, 240_000);

  it('a drop with "Preview moves" on shows its impact before saving; Cancel leaves the account where it was', async () => {
    const { page } = browser;
    // The previous case moved sandbox-alice to NonProd: drop it back on Sandbox.
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    // The canvas opens at a readable zoom from its top, and the wrapped tree puts sandbox-alice (under NonProd, in the
    // second row) far below Sandbox, where React Flow does not draw it: show the whole tree so both are on screen.
    await card(page, 'Root').waitFor({ timeout: 120_000 });
    await showWholeTree(page);
    await card(page, 'sandbox-alice').waitFor({ timeout: 30_000 });
    const before = (await apiClient(baseUrl).design.get.query({ designId })).revision;
    await page.getByLabel('Preview moves').check();
    await dragCard(page, 'sandbox-alice', 'Sandbox');
    const dialog = page.getByRole('dialog', { name: 'Move sandbox-alice into Sandbox?' });
    const result = dialog.getByRole('region', { name: 'Impact preview' });
    await result.waitFor({ timeout: 120_000 });
    // No Region assumed: leaving Workloads lifts its Region guard (an absent aws:RequestedRegion matches its
    // StringNotEquals deny), so most pairs become allowed; Sandbox's guardrails deny one more ec2 action.
    expect(await result.innerText()).toMatch(/\d+ \(account, action\) pairs flip in 1 account\./);
    expect(await result.getByRole('table', { name: 'Flipped pairs by service' }).innerText()).toMatch(/ec2\s+1\s+\d+\s+\d+/);
    await page.screenshot({ path: join(screenshotDir, 'move-preview.png') });
    // The buttons stay in view below the impact, and the table is not cut off, at 1440×900 and at 1280×800.
    for (const viewport of [{ width: 1440, height: 900 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(viewport);
      for (const name of ['Cancel', 'Move']) {
        const box = await dialog.getByRole('button', { name, exact: true }).boundingBox();
        expect(box && box.y >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width, `${name} at ${viewport.width}x${viewport.height}: ${JSON.stringify(box)}`).toBe(true);
      }
      const table = await result.getByRole('table', { name: 'Flipped pairs by service' }).boundingBox();
      const frame = await dialog.boundingBox();
      expect(table && frame && table.x >= frame.x && table.x + table.width <= frame.x + frame.width).toBe(true);
    }
    await page.screenshot({ path: join(screenshotDir, 'move-preview-1280.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    // Nothing saved: the design is at the same revision (the account is still in NonProd).
    expect((await apiClient(baseUrl).design.get.query({ designId })).revision).toBe(before);
  }, 240_000);

  it('org graph overlay: a chosen service gives every account card its share of the service\'s actions, from the server\'s matrix', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.locator('.org-graph .react-flow__node').first().waitFor({ timeout: 120_000 });
    await showWholeTree(page);
    await page.getByLabel('Service access on the cards').fill('nosuchservice');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'nosuchservice' }).innerText()).toBe('"nosuchservice" is not a service prefix of the IAM action catalogue.');
    await page.getByLabel('Service access on the cards').fill('ec2');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => page.locator('.org-graph .org-node__share').count(), { timeout: 120_000 }).toBeGreaterThan(0);
    // The shares make the cards taller: the whole tree again, so that every card is drawn.
    await showWholeTree(page);
    const share = card(page, 'payments-prod').locator('.org-node__share');
    await expect.poll(() => share.count(), { timeout: 30_000 }).toBe(1);
    expect(await share.innerText()).toMatch(/^ec2 \d+%$/);
    expect(await share.getAttribute('title')).toMatch(/^ec2: \d+ of \d+ actions allowed, \d+ denied, \d+ depend on the request's context or the principal$/);
    // SCPs and RCPs never restrict the management account: all of ec2.
    expect(await card(page, 'management').locator('.org-node__share').innerText()).toBe('ec2 100%');
    await expect.poll(() => page.getByRole('list', { name: 'Service access legend' }).count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'service-share-overlay.png') });
    await page.getByRole('button', { name: 'Hide service access' }).click();
    await expect.poll(() => share.count()).toBe(0);
  }, 240_000);

  it('account panel: a role\'s effective permissions by service and access level, loaded when chosen', async () => {
    const { page } = browser;
    await card(page, 'payments-prod').click();
    const section = page.getByRole('region', { name: 'Effective permissions of a principal' });
    await section.getByLabel('Principal').selectOption({ label: 'role OrganizationAccountAccessRole' });
    const s3 = section.getByRole('button', { name: /^s3 \d+ · / });
    await s3.waitFor({ timeout: 120_000 });
    expect(await section.innerText()).toMatch(/\d[\d,]* actions in \d+ services/);
    await s3.click();
    const read = section.getByRole('group', { name: 's3 Read' });
    await read.waitFor({ timeout: 60_000 });
    expect(await read.innerText()).toMatch(/s3:GetObject( \(depends on [^)]+\))? on \*/);
    expect(await section.getByRole('group', { name: 's3 List' }).count()).toBe(1);
    await read.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'principal-permissions.png') });
  }, 240_000);

  it('staging workflow: NoRunInstances on NonProd compared with Prod, promoted in one step, undone in one', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    const policyId = (await api.policy.list.query({ designId })).policies.find((policy) => policy.name === 'NoRunInstances')!.awsId;
    const staged = await api.policy.attach.mutate({ designId, expectedRevision: (await api.design.get.query({ designId })).revision, policyId, targetId: 'ou-lz7a-nonprod1' });
    await page.goto(`${baseUrl}/designs/${designId}/matrix`, { waitUntil: 'load' });
    await page.getByLabel('Region').fill('eu-central-1');
    const staging = page.getByRole('region', { name: 'Staging' });
    await staging.getByLabel('Staged SCP').selectOption({ label: 'NoRunInstances' }, { timeout: 60_000 });
    await staging.getByLabel('Staging target').selectOption({ label: 'NonProd (ou)' });
    await staging.getByLabel('Production target').selectOption({ label: 'Prod (ou)' });
    await staging.getByRole('button', { name: 'Compare with production' }).click();
    const dialog = page.getByRole('dialog', { name: 'Promote NoRunInstances from NonProd to Prod?' });
    const result = dialog.getByRole('region', { name: 'Impact preview' });
    await result.waitFor({ timeout: 120_000 });
    // Prod's role loses ec2:RunInstances, NonProd's (payments-dev) gets it back.
    const principals = await result.getByRole('list', { name: 'Principals' }).innerText();
    expect(principals).toContain('arn:aws:iam::100000000005:role/OrganizationAccountAccessRole loses ec2:RunInstances');
    expect(principals).toMatch(/arn:aws:iam::10000000000[67]:role\/\S+ gains ec2:RunInstances/);
    await page.screenshot({ path: join(screenshotDir, 'staging-promotion.png') });
    await dialog.getByRole('button', { name: 'Promote' }).click();
    await expect.poll(() => dialog.count(), { timeout: 60_000 }).toBe(0);
    const after = await api.design.get.query({ designId });
    expect(after.revision).toBe(staged.revision + 1);
    const targets = async () => (await api.policy.list.query({ designId })).policies.find((policy) => policy.name === 'NoRunInstances')!.targets.map((target) => target.name);
    expect(await targets()).toEqual(['Prod']);
    await api.history.undo.mutate({ designId, expectedRevision: after.revision });
    expect(await targets()).toEqual(['NonProd']);
  }, 240_000);
});
