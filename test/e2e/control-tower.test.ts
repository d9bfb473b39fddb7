// Control Tower in a real browser, on a design whose landing zone is set up through the app's API: enable a
// preventive control on an OU, see the GR badge and the control in the trace of the request it denies, disable it;
// see a detective control's non-compliant account; move an enrolled account out of its registered OU and see drift.
// Sources: controlreference/controls.html (guidance, behaviours), userguide/governance-drift.html (moved member
// account; "Deleted Foundational OU", ORGANIZATIONAL_UNIT_DELETED, repaired by the landing zone reset),
// controlreference/elective-controls.html (AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { showWholeTree } from './editor-helpers';

const CONTROL = 'AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION';
const ACCOUNT = 'CT Dev';

describe.skipIf(!chromiumPath)('Control Tower', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;
  let rootId: string;
  let accountId: string;
  let api: ReturnType<typeof apiClient>;
  let revision: number;

  const step = <T extends { revision: number }>(result: T): T => {
    revision = result.revision;
    return result;
  };

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    api = apiClient(baseUrl);
    const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const design = await api.design.create.mutate({ name: `e2e control tower ${unique}` });
    designId = design.id;
    revision = design.revision;
    rootId = (await api.org.tree.query({ designId })).root!.id;
    step(await api.controlTower.setUpLandingZone.mutate({
      designId, expectedRevision: revision, homeRegion: 'eu-west-1', governedRegions: ['eu-west-1'],
      logArchive: { accountName: 'Log Archive', email: `log-${unique}@example.com` }, audit: { accountName: 'Audit', email: `audit-${unique}@example.com` },
    }));
    const view = await api.controlTower.landingZone.query({ designId });
    const sandbox = view.registeredOus.find((ou) => ou.name === 'Sandbox')!;
    step(await api.controlTower.provisionAccount.mutate({ designId, expectedRevision: revision, accountName: ACCOUNT, email: `dev-${unique}@example.com`, ouId: sandbox.id, accountId: '246813579024' }));
    accountId = '246813579024';
    step(await api.controlTower.enableControl.mutate({ designId, expectedRevision: revision, controlIdentifier: 'AWS-GR_ROOT_ACCOUNT_MFA_ENABLED', targetIdentifier: sandbox.id }));
    step(await api.controlTower.putAccountFacts.mutate({ designId, expectedRevision: revision, accountId, facts: { rootMfaEnabled: false } }));
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const card = (name: string) => browser.page.locator('.react-flow__node').filter({ hasText: name });
  const controlTowerPage = async () => {
    await browser.page.goto(`${baseUrl}/designs/${designId}/control-tower`, { waitUntil: 'load' });
    await browser.page.getByRole('heading', { name: 'AWS Control Tower' }).waitFor();
  };

  it('enables a preventive control on the Sandbox OU from the catalogue', async () => {
    const { page } = browser;
    await controlTowerPage();
    await page.getByRole('combobox', { name: 'Registered OU' }).selectOption({ label: 'Sandbox' });
    await page.getByRole('combobox', { name: 'Behavior' }).selectOption('PREVENTIVE');
    await page.getByRole('searchbox', { name: 'Search controls' }).fill('cross region replication');
    await page.getByRole('button', { name: `Enable ${CONTROL} on Sandbox` }).click();
    const enabled = page.getByRole('list', { name: 'Controls enabled on Sandbox' });
    await expect.poll(() => enabled.innerText(), { timeout: 15_000 }).toContain(CONTROL);
    await page.screenshot({ path: join(screenshotDir, 'control-tower.png'), fullPage: true });
  });

  it('shows the GR badge on the OU card and names the control in the trace of the denied request', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);
    await card(ACCOUNT).waitFor();
    // 23 mandatory controls, the strongly recommended root MFA check and the elective one just enabled.
    await expect.poll(() => card('Sandbox').first().getByLabel(/Control Tower controls enabled/).getAttribute('aria-label')).toBe('25 Control Tower controls enabled');
    await page.getByRole('radio', { name: 'Effective' }).click();
    const bar = page.getByRole('region', { name: 'Effective permission request' });
    await bar.getByRole('combobox', { name: 'Principal kind' }).selectOption('root');
    const action = bar.getByRole('combobox', { name: 'Action' });
    await action.fill('s3:PutReplicationConf');
    await page.getByRole('option', { name: /s3:PutReplicationConfiguration\b/ }).first().click();
    await bar.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => card(ACCOUNT).innerText(), { timeout: 15_000 }).toMatch(/Explicit deny/);
    await card(ACCOUNT).click();
    const trace = page.getByRole('region', { name: `Trace of ${ACCOUNT}` });
    await expect.poll(() => trace.innerText(), { timeout: 15_000 }).toContain(`Control Tower control ${CONTROL}`);
    expect(await trace.innerText()).toMatch(/aws-guardrails-[A-Za-z]{6}/);
    await page.screenshot({ path: join(screenshotDir, 'control-tower-trace.png') });
  });

  it('disables the control again', async () => {
    const { page } = browser;
    await controlTowerPage();
    await page.getByRole('combobox', { name: 'Registered OU' }).selectOption({ label: 'Sandbox' });
    await page.getByRole('button', { name: `Disable ${CONTROL}` }).click();
    const enabled = page.getByRole('list', { name: 'Controls enabled on Sandbox' });
    await expect.poll(() => enabled.innerText(), { timeout: 15_000 }).not.toContain(CONTROL);
    expect(await enabled.innerText()).toContain('AWS-GR_ROOT_ACCOUNT_MFA_ENABLED');
  });

  it('shows the account whose root user has no MFA as non-compliant, with the reason', async () => {
    const { page } = browser;
    const compliance = page.getByRole('region', { name: 'Compliance' });
    const item = compliance.getByRole('listitem', { name: `${ACCOUNT} NON_COMPLIANT` });
    await item.waitFor();
    expect(await item.innerText()).toContain('AWS-GR_ROOT_ACCOUNT_MFA_ENABLED: The root user has no MFA device.');
    expect(await compliance.getByRole('row', { name: /Sandbox/ }).innerText()).toMatch(/NON COMPLIANT/);
  });

  it('reports drift when the enrolled account leaves its registered OU, and repairs it by updating the account', async () => {
    const { page } = browser;
    const current = await api.design.get.query({ designId });
    step(await api.account.move.mutate({ designId, expectedRevision: current.revision, accountId, destinationParentId: rootId }));
    await controlTowerPage();
    const drift = page.getByRole('alert', { name: 'Drift' });
    await drift.waitFor();
    expect(await drift.innerText()).toContain(`MOVED_MEMBER_ACCOUNT`);
    expect(await drift.innerText()).toContain(`(${accountId})' has been moved to 'Root'`);
    await page.screenshot({ path: join(screenshotDir, 'control-tower-drift.png') });
    await drift.getByRole('combobox', { name: 'Registered OU to update the account into' }).selectOption({ label: 'Sandbox' });
    await drift.getByRole('button', { name: 'Update account' }).click();
    await expect.poll(() => drift.count(), { timeout: 15_000 }).toBe(0);
  });

  it('shows the landing-zone services on the Log Archive and Audit cards and in the Audit account panel', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);
    await card('Audit').first().waitFor();
    expect(await card('Log Archive').first().getByLabel(/Organization CloudTrail trail/).innerText()).toBe('Trail');
    expect(await card('Audit').first().getByLabel(/AWS Config aggregator/).innerText()).toBe('Aggr');
    await page.screenshot({ path: join(screenshotDir, 'control-tower-services-cards.png') });
    await card('Audit').first().click();
    const services = page.getByRole('region', { name: 'Landing-zone services' });
    await services.waitFor();
    expect(await services.innerText()).toContain('AWS Config aggregator of the landing zone');
    await page.screenshot({ path: join(screenshotDir, 'control-tower-services-panel.png') });
    // Set-up with IAM Identity Center on created the organization instance, which the landing zone names.
    await controlTowerPage();
    expect(await page.locator('.ct-summary').innerText()).toMatch(/IAM Identity Center\s+On · arn:aws:sso:::instance\/ssoins-[0-9a-f]{16} \(eu-west-1\)/);
  });

  it('filters the catalogue by behaviour, guidance, service, severity and framework at 1440×900', async () => {
    const { page } = browser;
    await controlTowerPage();
    expect(page.viewportSize()).toEqual({ width: 1440, height: 900 });
    const catalogue = page.getByRole('region', { name: 'Control catalogue' });
    const count = async () => Number((await catalogue.getByRole('status').innerText()).split(' ')[0]);
    await expect.poll(count, { timeout: 15_000 }).toBeGreaterThan(700);
    await catalogue.getByRole('combobox', { name: 'Behavior' }).selectOption('DETECTIVE');
    await catalogue.getByRole('combobox', { name: 'Guidance' }).selectOption('STRONGLY_RECOMMENDED');
    await expect.poll(count, { timeout: 15_000 }).toBeLessThan(30);
    await catalogue.getByRole('combobox', { name: 'Guidance' }).selectOption('');
    await catalogue.getByRole('combobox', { name: 'Severity' }).selectOption('HIGH');
    const framework = catalogue.getByRole('combobox', { name: 'Framework' });
    // Wait for the HIGH list (its facets label the framework options with their counts), then pick by value:
    // a label read from the list before it settled names a count that is gone.
    await expect.poll(async () => (await catalogue.getByRole('list', { name: 'Catalogue results' }).locator('li').allInnerTexts())
      .every((text) => /\bhigh\b/.test(text)), { timeout: 15_000 }).toBe(true);
    const beforeFramework = await count();
    await framework.selectOption({ value: 'PCI DSS v3.2.1' });
    // The HIGH list already has results: wait for the framework's own (smaller) list before reading it.
    await expect.poll(count, { timeout: 15_000 }).toBeLessThan(beforeFramework);
    expect(await count()).toBeGreaterThan(0);
    const first = catalogue.getByRole('list', { name: 'Catalogue results' }).locator('li').first();
    await expect.poll(() => first.innerText(), { timeout: 15_000 }).toContain('PCI DSS v3.2.1');
    const tags = await first.innerText();
    expect(tags).toMatch(/detective/);
    expect(tags).toMatch(/high/);
    expect(tags).toContain('PCI DSS v3.2.1');
    // No filter or result is cut off at 1440 px: every control of the row fits in the card.
    const box = (await catalogue.boundingBox())!;
    for (const select of await catalogue.locator('.ct-filters select, .ct-filters input').all()) {
      const own = (await select.boundingBox())!;
      expect(own.x + own.width).toBeLessThanOrEqual(box.x + box.width + 1);
    }
    await page.screenshot({ path: join(screenshotDir, 'control-tower-catalogue-1440.png'), fullPage: true });
  });

  it('lets Organizations delete the Security OU, reports the landing zone drift and resets the landing zone', async () => {
    const { page } = browser;
    const view = await api.controlTower.landingZone.query({ designId });
    const sandbox = view.registeredOus.find((ou) => ou.name === 'Sandbox')!;
    const security = view.registeredOus.find((ou) => ou.name === 'Security')!;
    for (const shared of [view.landingZone!.logArchive!, view.landingZone!.audit!]) {
      const current = await api.design.get.query({ designId });
      step(await api.account.move.mutate({ designId, expectedRevision: current.revision, accountId: shared.accountId, destinationParentId: sandbox.id }));
    }
    const current = await api.design.get.query({ designId });
    step(await api.ou.delete.mutate({ designId, expectedRevision: current.revision, ouId: security.id }));
    await controlTowerPage();
    const drift = page.getByRole('alert', { name: 'Drift' });
    await drift.waitFor();
    expect(await drift.innerText()).toContain(`ORGANIZATIONAL_UNIT_DELETED`);
    expect(await drift.innerText()).toContain(`the registered organizational unit 'Security (${security.awsId})' has been deleted`);
    expect(await page.locator('.ct-summary').innerText()).toContain(`Security (${security.awsId}) deleted: reset the landing zone`);
    await page.screenshot({ path: join(screenshotDir, 'control-tower-security-ou-deleted.png'), fullPage: true });
    await drift.getByRole('button', { name: 'Reset landing zone' }).first().click();
    await expect.poll(() => drift.count(), { timeout: 15_000 }).toBe(0);
    expect(await page.locator('.ct-summary').innerText()).toMatch(/Security OU\s+Security/);
  });
});
