// The access view in a real browser, on a branch of the seeded sample landing zone (server/db/sample-landing-zone.ts):
// ask who can create a CloudFormation stack in Web Prod and follow the two-hop path CodeBuild → Shared Services
// pipeline → SharedServicesDeploy; click an edge for its trust statement and trace; see the legacy partner's
// confused-deputy finding and archive it (recorded in the history).
// Role chaining: docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html; findings:
// docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html and confused-deputy.html.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sampleAccount } from '../../server/db/sample-landing-zone';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

describe.skipIf(!chromiumPath)('access view', { timeout: 180_000 }, () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;
  const webProd = sampleAccount('webProd').accountId;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const api = apiClient(baseUrl);
    const sample = (await api.design.list.query()).find((design) => design.name === inject('e2eSampleDesignName'));
    if (!sample) throw new Error('The sample design is not seeded.');
    const branch = await api.history.branch.mutate({ designId: sample.id, newName: `e2e access ${Date.now().toString(36)}` });
    designId = (branch.design as { id: string }).id;
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('asks who can create a stack in Web Prod and follows the two-hop path from CodeBuild', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByRole('radio', { name: 'Access' }).click();
    const view = page.getByRole('region', { name: 'Access view' });
    await view.getByRole('application').or(view.locator('.react-flow__node').first()).first().waitFor();
    await view.locator('.react-flow__edge').first().waitFor();
    await page.screenshot({ path: join(screenshotDir, 'access-graph.png') });

    const ask = view.getByRole('form', { name: 'Who can' });
    await ask.getByRole('textbox', { name: 'Action' }).fill('cloudformation:CreateStack');
    await ask.getByRole('textbox', { name: 'Resource ARN' }).fill(`arn:aws:cloudformation:eu-west-1:${webProd}:stack/app/1`);
    await ask.getByRole('textbox', { name: 'Region (optional)' }).fill('eu-west-1');
    await ask.getByRole('button', { name: 'Ask' }).click();
    const answers = view.getByRole('list', { name: 'Who-can answers' });
    await answers.waitFor();
    const codebuild = answers.getByRole('button', { name: /codebuild\.amazonaws\.com.*2 hops/ });
    await codebuild.click();
    const path = view.getByRole('list', { name: 'Path' });
    await expect.poll(() => path.innerText(), { timeout: 15_000 }).toMatch(/1\. codebuild\.amazonaws\.com → role\/DeploymentPipeline/);
    expect(await path.innerText()).toMatch(/2\. role\/DeploymentPipeline \(\d{12}\) → role\/SharedServicesDeploy \(\d{12}\) · chained, ≤ 1 h/);
    expect(await path.innerText()).toMatch(/Last hop: role\/SharedServicesDeploy \(\d{12}\) — allowed/);
    // The chosen path is drawn highlighted.
    await expect.poll(() => view.locator('.access-edge--highlighted').count(), { timeout: 15_000 }).toBe(2);
    await page.screenshot({ path: join(screenshotDir, 'access-who-can.png') });

    // Click the second hop: its trust statement and the engine's trace.
    await view.locator('.access-edge--highlighted:not(.access-edge--conditional)').dispatchEvent('click');
    const edgePanel = page.getByRole('complementary', { name: 'Edge details' });
    await edgePanel.waitFor();
    await expect.poll(() => edgePanel.getByLabel('Trust policy').innerText(), { timeout: 15_000 }).toContain('PipelineDeploys');
    await expect.poll(() => edgePanel.getByRole('list', { name: 'Trace' }).innerText(), { timeout: 15_000 }).toMatch(/Role trust policy/);
    await page.screenshot({ path: join(screenshotDir, 'access-edge.png') });
  });

  it('lists the legacy partner role as a confused-deputy finding and archives it', async () => {
    const { page } = browser;
    const view = page.getByRole('region', { name: 'Access view' });
    await view.getByRole('tab', { name: 'Findings' }).click();
    const sandbox = view.getByRole('region', { name: /Findings of Sandbox/ });
    await sandbox.waitFor();
    const finding = sandbox.getByRole('listitem').filter({ hasText: 'LegacyPartnerAccess' });
    await expect.poll(() => finding.innerText(), { timeout: 15_000 }).toMatch(/Confused deputy/);
    expect(await finding.innerText()).toMatch(/without an sts:ExternalId condition/);
    await page.screenshot({ path: join(screenshotDir, 'access-findings.png') });
    await finding.getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => finding.innerText(), { timeout: 20_000 }).toMatch(/archived/);
    await finding.getByRole('button', { name: 'Reopen' }).waitFor();
  });
});
