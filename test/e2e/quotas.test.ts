// Quotas and policy types in a real browser, on a fresh design at AWS's default account quota (10: the management
// account and nine members). Adding an account is refused with ACCOUNT_NUMBER_LIMIT_EXCEEDED; the quotas page
// raises the quota (adjustable through Service Quotas, up to 10,000: orgs_reference_limits.html) and the account is
// then added. RCPs are not enabled on a new root: the page enables the type (EnablePolicyType) and an RCP is then
// attached from the inspector (AttachPolicy needs the type enabled: PolicyTypeNotEnabledException otherwise).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { card, showCards } from './editor-helpers';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const RCP = 'RequireTls';
const RCP_DOCUMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'EnforceTls', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }],
});

describe.skipIf(!chromiumPath)('quotas and policy types in the browser', { timeout: 180_000 }, () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const api = apiClient(baseUrl);
    const design = await api.design.create.mutate({ name: `e2e quotas ${stamp}` });
    designId = design.id;
    const tree = await api.org.tree.query({ designId });
    let revision = design.revision;
    for (let index = 1; index <= 9; index++) {
      revision = (await api.account.create.mutate({ designId, expectedRevision: revision, accountName: `Member ${index}`, email: `member-${index}-${stamp}@example.com`, parentId: tree.root!.id })).revision;
    }
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const addAccount = async (name: string) => {
    const { page } = browser;
    await card(page, 'Root').click();
    await page.getByRole('toolbar', { name: 'Edit Root' }).getByRole('button', { name: '+ Account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await dialog.getByLabel('Account name').fill(name);
    await dialog.getByLabel('Root user email').fill(`${name.toLowerCase().replace(/ /g, '-')}-${stamp}@example.com`);
    await dialog.getByRole('button', { name: 'Create account' }).click();
    return dialog;
  };

  it('refuses an eleventh account, raises the account quota on the quotas page, then adds the account', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await card(page, 'Root').waitFor();
    const refused = await addAccount('Payments Dev');
    await expect.poll(() => refused.getByRole('alert').innerText(), { timeout: 15_000 }).toMatch(/ACCOUNT_NUMBER_LIMIT_EXCEEDED/);
    await refused.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('link', { name: 'Quotas', exact: true }).click();
    await page.waitForURL(/\/quotas$/);
    const row = page.locator('tr[data-quota="organization.defaultMaxAccounts"]');
    await row.waitFor();
    expect((await row.locator('td').allInnerTexts()).map((text) => text.trim())).toEqual(['10 accounts', '10', '10', 'Up to 10,000', expect.any(String)]);
    // Fixed quotas have no field; the adjustable one refuses a value above AWS's maximum before sending it.
    expect(await page.locator('tr[data-quota="organization.maxOuDepth"] input').count()).toBe(0);
    const field = row.getByLabel('New value for Accounts in the organization');
    await field.fill('20000');
    expect(await row.getByRole('button', { name: 'Set' }).isDisabled()).toBe(true);
    await field.fill('12');
    await row.getByRole('button', { name: 'Set' }).click();
    await expect.poll(() => row.locator('td').nth(1).innerText(), { timeout: 15_000 }).toMatch(/^12\s*raised$/);
    await page.screenshot({ path: join(screenshotDir, 'quotas-page.png'), fullPage: true });

    await page.getByRole('link', { name: `e2e quotas ${stamp}` }).click();
    await card(page, 'Root').waitFor();
    await addAccount('Payments Dev');
    await card(page, 'Payments Dev').waitFor();
  });

  it('enables resource control policies on the root, then attaches an RCP to an account', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}/quotas`, { waitUntil: 'load' });
    const state = page.getByTestId('policy-type-state-RESOURCE_CONTROL_POLICY');
    await expect.poll(() => state.innerText(), { timeout: 15_000 }).toBe('Disabled');
    await page.getByRole('button', { name: 'Enable Resource control policies' }).click();
    await expect.poll(() => state.innerText(), { timeout: 15_000 }).toBe('Enabled');

    const api = apiClient(baseUrl);
    const { revision } = await api.design.get.query({ designId });
    await api.policy.create.mutate({ designId, expectedRevision: revision, type: 'RESOURCE_CONTROL_POLICY', name: RCP, content: RCP_DOCUMENT });

    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await card(page, 'Member 1').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const picker = inspector.getByLabel('Policy to attach to Member 1');
    await picker.waitFor();
    const attach = inspector.getByRole('button', { name: 'Attach', exact: true });
    // One choice and one click: the form keeps the choice while the account's details arrive (it used to remount).
    await picker.selectOption({ label: RCP });
    await attach.click();
    await inspector.getByRole('button', { name: `Detach ${RCP} from Member 1` }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'quotas-rcp-attached.png') });
  });

  it('disables "+ OU" at the nesting limit, saying why, and lists the keyboard shortcuts on "?"', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    let { revision } = await api.design.get.query({ designId });
    let parentId = (await api.org.tree.query({ designId })).root!.id;
    for (let level = 1; level <= 5; level++) {
      const created = (await api.ou.create.mutate({ designId, expectedRevision: revision, parentId, name: `Level ${level}` })) as { revision: number; ou: { id: string } };
      ({ revision } = created);
      parentId = created.ou.id;
    }
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await showCards(page, ['Level 4', 'Level 5']);
    await card(page, 'Level 4').click();
    const atFour = page.getByRole('toolbar', { name: 'Edit Level 4' }).getByRole('button', { name: '+ OU' });
    expect(await atFour.isDisabled()).toBe(false);
    await card(page, 'Level 5').click();
    const atFive = page.getByRole('toolbar', { name: 'Edit Level 5' }).getByRole('button', { name: '+ OU' });
    await expect.poll(() => atFive.isDisabled(), { timeout: 15_000 }).toBe(true);
    expect(await atFive.getAttribute('title')).toMatch(/5 levels of OUs below the root.*OU_DEPTH_LIMIT_EXCEEDED/);

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Undo the last change[\s\S]*Rename the OU or account/);
    await page.screenshot({ path: join(screenshotDir, 'editor-shortcuts.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);
  });
});
