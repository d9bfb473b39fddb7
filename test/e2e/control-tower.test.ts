// Control Tower in a real browser, on a design whose landing zone is set up through the app's API: enable a
// preventive control on an OU, see the GR badge and the control in the trace of the request it denies, disable it;
// see a detective control's non-compliant account; move an enrolled account out of its registered OU and see drift.
// Sources: controlreference/controls.html (guidance, behaviours), userguide/governance-drift.html (moved member
// account; "Deleted Foundational OU", ORGANIZATIONAL_UNIT_DELETED, repaired by the landing zone reset),
// controlreference/elective-controls.html (AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { showWholeTree } from './editor-helpers';

const CONTROL = 'AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION';
const ACCOUNT = 'CT Dev';

/**
 * The words of the elements' text that the browser laid out on more than one line: a word is a run of letters and
 * digits between spaces and separators (_ - : / . , ·), and a word on two lines shows as client rects at two heights.
 */
async function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((css) => {
    const broken: string[] = [];
    for (const element of Array.from(document.querySelectorAll(css))) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[^\s_\-:/.,·()@]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  }, selector);
}

/** The elements whose content is wider than their box, or whose box runs past the right edge of its card or panel. */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((css) => Array.from(document.querySelectorAll(css)).flatMap((element) => {
    const box = element.getBoundingClientRect();
    const frame = element.closest('.card, .editor-inspector')?.getBoundingClientRect();
    const text = (element.textContent ?? '').slice(0, 60);
    if (element.scrollWidth > element.clientWidth + 1) return [`${text}: content ${element.scrollWidth}px in a ${element.clientWidth}px box`];
    if (frame && box.right > frame.right + 1) return [`${text}: ends at ${Math.round(box.right)}px, its frame at ${Math.round(frame.right)}px`];
    return [];
  }), selector);
}

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
    step(await api.controlTower.provisionAccount.mutate({ designId, expectedRevision: revision, accountName: ACCOUNT, email: `developer-sandbox-${unique}@workloads.example.com`, ouId: sandbox.id, accountId: '246813579024' }));
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

  it('at 1440×900 and 1280×800 breaks no word, cuts no text and shows the account\'s enrolment, controls and compliance in its panel', async () => {
    const { page } = browser;
    for (const size of [{ width: 1440, height: 900 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      await controlTowerPage();
      const catalogue = page.getByRole('region', { name: 'Control catalogue' });
      await expect.poll(() => catalogue.locator('.ct-control__name').count(), { timeout: 15_000 }).toBe(40);
      // Control names and identifiers wrap between words or after a separator, never inside a word.
      expect(await brokenWords(page, '.ct-control__name')).toEqual([]);
      expect(await brokenWords(page, '.ct-control > span:first-child')).toEqual([]);
      // The landing-zone summary: no value runs out of its item, and the Identity Center ARN wraps only between its parts.
      expect(await overflowing(page, '.ct-summary dd')).toEqual([]);
      expect(await brokenWords(page, '.ct-summary dd')).toEqual([]);
      expect(await page.locator('.ct-summary').innerText()).toMatch(/IAM Identity Center\s+On · arn:aws:sso:::instance\/ssoins-[0-9a-f]{16} \(eu-west-1\)/);
      await page.screenshot({ path: join(screenshotDir, `control-tower-layout-${size.width}.png`), fullPage: true });

      await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
      await showWholeTree(page);
      await card(ACCOUNT).first().click();
      const panel = page.getByRole('region', { name: 'Control Tower' });
      await panel.waitFor();
      expect(await panel.getByTestId('ct-enrolment').innerText()).toBe('Enrolled (provisioned by Account Factory)');
      expect(await panel.innerText()).toMatch(/OU\s+Sandbox \(registered\)/);
      expect(await panel.innerText()).toMatch(/Compliance\s+Non-compliant/);
      // The strongly recommended detective control enabled on Sandbox, with its result for this account.
      const detective = panel.getByRole('listitem').filter({ hasText: 'AWS-GR_ROOT_ACCOUNT_MFA_ENABLED' });
      expect(await detective.innerText()).toMatch(/Strongly recommended\s+detective\s+Non-compliant\s+The root user has no MFA device\./);
      // The mandatory preventive controls the OU carries, behind their count.
      const summary = panel.locator('summary');
      expect(await summary.innerText()).toMatch(/^\d+ preventive and proactive controls$/);
      expect(Number((await summary.innerText()).split(' ')[0])).toBeGreaterThanOrEqual(20);
      await summary.click();
      const preventive = panel.getByRole('list', { name: 'Preventive and proactive controls of the account' });
      expect(await preventive.innerText()).toContain('AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED');
      expect(await preventive.innerText()).toMatch(/Mandatory\s+preventive/);
      // Nothing in the panel is cut: the attached policy's whole name shows, and every control line fits the panel.
      const names = '.editor-inspector .attached-item__name, .editor-inspector .ct-account-control > span, .editor-inspector .detail-list dd';
      expect(await page.locator('.editor-inspector .attached-item__name').count()).toBeGreaterThan(0);
      expect(await overflowing(page, names)).toEqual([]);
      expect(await brokenWords(page, names)).toEqual([]);
      await page.screenshot({ path: join(screenshotDir, `control-tower-account-panel-${size.width}.png`) });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
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
    // A list still loading has no item, and every() of nothing is true: wait for items, each tagged high.
    await expect.poll(async () => {
      const texts = await catalogue.getByRole('list', { name: 'Catalogue results' }).locator('li').allInnerTexts();
      return texts.length > 0 && texts.every((text) => /\bhigh\b/.test(text));
    }, { timeout: 15_000 }).toBe(true);
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

  // The AWS Backup integration of landing zone 4.0 (userguide/lz-api-launch.html; backup-prerequisites.html: two
  // accounts that are not enrolled and a multi-Region KMS key), turned on through UpdateLandingZone and shown in the
  // landing-zone summary without overflowing at either size.
  it('shows the AWS Backup integration in the landing-zone summary at 1440×900 and 1280×800', async () => {
    const { page } = browser;
    for (const name of ['Backup Administrator', 'Central Backup']) {
      const current = await api.design.get.query({ designId });
      step(await api.account.create.mutate({ designId, expectedRevision: current.revision, accountName: name, email: `${name.replace(' ', '-').toLowerCase()}-${designId}@example.com` }));
    }
    const tree = await api.org.tree.query({ designId });
    const idOf = (name: string) => tree.accounts.find((a) => a.name === name)!.accountId;
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab';
    // Turned on from the landing-zone settings as a user would; a single-Region key is refused first, with AWS's code.
    await controlTowerPage();
    const form = page.getByRole('form', { name: 'AWS Backup integration' });
    await form.getByRole('combobox', { name: 'Backup administrator account' }).selectOption(idOf('Backup Administrator'));
    await form.getByRole('combobox', { name: 'Central backup account' }).selectOption(idOf('Central Backup'));
    await form.getByRole('textbox', { name: 'Multi-Region KMS key ARN' }).fill('arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    await form.getByRole('button', { name: 'Turn AWS Backup on' }).click();
    const error = page.locator('.ct-error');
    await expect.poll(() => error.count(), { timeout: 15_000 }).toBe(1);
    expect(await error.innerText()).toMatch(/not a multi-Region key[\s\S]*ValidationException/);
    await form.getByRole('textbox', { name: 'Multi-Region KMS key ARN' }).fill(kmsKeyArn);
    await form.getByRole('button', { name: 'Turn AWS Backup on' }).click();
    await expect.poll(() => page.locator('.ct-summary').innerText(), { timeout: 15_000 }).toContain('Turn AWS Backup off');
    for (const size of [{ width: 1440, height: 900 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      await controlTowerPage();
      const summary = await page.locator('.ct-summary').innerText();
      expect(summary).toContain(`On · Backup Administrator · ${idOf('Backup Administrator')} · Central Backup · ${idOf('Central Backup')} · ${kmsKeyArn}`);
      expect(await overflowing(page, '.ct-summary dd')).toEqual([]);
      expect(await brokenWords(page, '.ct-summary dd')).toEqual([]);
      await page.locator('.ct-summary').screenshot({ path: join(screenshotDir, `control-tower-backup-${size.width}.png`) });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    // The backup administrator account is the delegated administrator of AWS Backup: its panel says so.
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await showWholeTree(page);
    await card('Backup Administrator').first().click();
    const services = page.getByRole('region', { name: 'Landing-zone services' });
    await services.waitFor();
    expect(await services.innerText()).toContain('Delegated administrator for AWS Backup backup.amazonaws.com');
    await page.screenshot({ path: join(screenshotDir, 'control-tower-backup-admin-panel.png') });
  });
});
