// "Depends on conditions" only when a key the request left out could change the answer (issue 8): a region guard
// SCP with a break-glass exemption on aws:PrincipalArn. With aws:RequestedRegion supplied the guarded account is
// coloured and counted explicit deny, and its trace headline says so; without the region it depends on
// conditions and the trace names the missing key. In the SCP matrix, entering a region turns "conditional" into
// "denied except for principals matching" the exemption, and the totals follow.
// Spec: API_EvaluationResult.html (MissingContextValues), orgs_manage_policies_scps_examples_general.html.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRegionScenario, REGION_SCP, type RegionScenario } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { showWholeTree } from './editor-helpers';

describe.skipIf(!chromiumPath)('effective view: a region-deny SCP with the region supplied', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let scenario: RegionScenario;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    scenario = await createRegionScenario(baseUrl, 'e2e region');
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const card = (name: string) => browser.page.locator('.react-flow__node').filter({ hasText: name });
  const legendCount = async (status: string) => {
    const result = browser.page.getByRole('status', { name: 'Effective permission result' });
    return result.getByRole('listitem').filter({ hasText: status }).locator('.effective-legend__count').innerText();
  };

  it('colours and counts the guarded account explicit deny when the request supplies the region', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${scenario.designId}`, { waitUntil: 'load' });
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);
    await card(scenario.guardedAccount).waitFor();
    await page.getByRole('radio', { name: 'Effective' }).click();
    const bar = page.getByRole('region', { name: 'Effective permission request' });
    await bar.getByRole('combobox', { name: 'Principal kind' }).selectOption('root');
    await bar.getByRole('combobox', { name: 'Action' }).fill('ec2:RunInstances');
    await bar.getByRole('combobox', { name: 'Add context entry' }).selectOption('Region');
    await bar.getByRole('textbox', { name: 'Value of aws:RequestedRegion' }).fill('us-east-1');
    await bar.getByRole('button', { name: 'Run' }).click();

    await page.getByRole('status', { name: 'Effective permission result' }).waitFor();
    await expect.poll(() => card(scenario.guardedAccount).innerText()).toMatch(/Explicit deny/);
    expect(await card(scenario.guardedAccount).innerText()).not.toMatch(/Depends on conditions/);
    await expect.poll(() => card(scenario.openAccount).innerText()).toMatch(/Allowed/);
    expect(await legendCount('Explicit deny')).toBe('1');
    expect(await legendCount('Depends on conditions')).toBe('0');
    await page.screenshot({ path: join(screenshotDir, 'effective-region-deny.png') });
  });

  it('the trace agrees: a plain explicit deny by the region guard, no missing context', async () => {
    const { page } = browser;
    await card(scenario.guardedAccount).click();
    const trace = page.getByRole('region', { name: `Trace of ${scenario.guardedAccount}` });
    await trace.waitFor();
    await expect.poll(() => trace.innerText()).toContain(REGION_SCP.name);
    const headline = await trace.locator('.trace-panel__summary').innerText();
    expect(headline).toMatch(/^Explicit deny\. Explicitly denied: an SCP denies it \(RegionGuard, statement DenyOutsideEu at OU Regional\)/);
    expect(await trace.locator('header.trace-step__head .decision-chip').innerText()).toBe('Explicit deny');
    expect(await trace.getByLabel('Missing context values').count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'effective-region-trace.png') });
  });

  it('without the region the answer depends on conditions, and the trace names aws:RequestedRegion', async () => {
    const { page } = browser;
    const bar = page.getByRole('region', { name: 'Effective permission request' });
    await bar.getByRole('button', { name: 'Remove aws:RequestedRegion' }).click();
    await bar.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => card(scenario.guardedAccount).innerText()).toMatch(/Depends on conditions/);
    expect(await legendCount('Depends on conditions')).toBe('1');
    const trace = page.getByRole('region', { name: `Trace of ${scenario.guardedAccount}` });
    await expect.poll(() => trace.getByLabel('Missing context values').innerText()).toContain('aws:RequestedRegion');
    expect(await trace.locator('.trace-panel__summary').innerText()).toMatch(/^Explicit deny · depends on conditions\./);
  });

  it('in the SCP matrix a region turns "conditional" into "denied except" the break-glass pattern, and the totals follow', { timeout: 240_000 }, async () => {
    const { page } = browser;
    await page.getByRole('radio', { name: 'SCP matrix' }).click();
    const matrix = page.getByRole('region', { name: 'SCP action matrix' });
    const accountPicker = matrix.getByRole('combobox', { name: 'Account' });
    const value = await accountPicker.locator('option', { hasText: `${scenario.guardedAccount} ·` }).getAttribute('value');
    await accountPicker.selectOption(value!);
    const totals = matrix.getByRole('status', { name: 'Totals' });
    const count = async (decision: string) => Number((await totals.locator(`.decision-chip--${decision}`).innerText()).split(' ')[0]);
    // Every catalogued action (22,000) is evaluated on the server: give it time on a loaded machine.
    await expect.poll(() => count('conditional'), { timeout: 60_000 }).toBeGreaterThan(1000);
    const conditionalBefore = await count('conditional');
    expect(await count('deniedExcept')).toBe(0);

    await matrix.getByRole('textbox', { name: 'Requested region (optional)' }).fill('us-east-1');
    await expect.poll(() => count('deniedExcept'), { timeout: 60_000 }).toBe(conditionalBefore);
    expect(await count('conditional')).toBe(0);
    await matrix.getByRole('searchbox', { name: 'Search services or actions' }).fill('ec2:RunInstances');
    const row = matrix.getByRole('row').filter({ hasText: /^ec2:RunInstances\b/ }).first();
    await row.waitFor();
    expect(await row.innerText()).toMatch(/denied except…[\s\S]*Denied by RegionGuard \(Sid DenyOutsideEu\) at Regional \(ou\), except for principals matching aws:PrincipalArn like arn:aws:iam::\*:role\/BreakGlass/);
    await page.screenshot({ path: join(screenshotDir, 'effective-region-matrix.png') });

    // For one principal the exemption is settled: the root user is denied outright.
    await matrix.getByRole('combobox', { name: 'Principal' }).selectOption({ label: 'Root user' });
    await expect.poll(() => count('deniedExcept'), { timeout: 60_000 }).toBe(0);
    expect(await count('denied')).toBeGreaterThanOrEqual(conditionalBefore);
    await page.screenshot({ path: join(screenshotDir, 'effective-region-matrix-root.png') });
  });
});
