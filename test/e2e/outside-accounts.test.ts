// A design with an organization and a partner's account beside it (the partner's get-account-authorization-details
// imported with the organization's export), in a real browser. The canvas draws the organization only, so the
// sidebar lists the accounts outside it; selecting one opens its IAM in the inspector, which says that none of the
// organization's SCPs or RCPs applies to it (orgs_manage_policies_scps.html: SCPs affect member accounts only).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const PARTNER = '246813579135';
const policy = (statement: unknown[]) => ({ Version: '2012-10-17', Statement: statement });
const partnerIam = {
  UserDetailList: [],
  GroupDetailList: [],
  Policies: [],
  RoleDetailList: [{
    Path: '/', RoleName: 'partner-auditor', RoleId: 'AROAPARTNERAUDITOR0001', Arn: `arn:aws:iam::${PARTNER}:role/partner-auditor`,
    CreateDate: '2026-01-05T10:00:00Z', InstanceProfileList: [], AttachedManagedPolicies: [], Tags: [],
    AssumeRolePolicyDocument: policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'sts:AssumeRole' }]),
    RolePolicyList: [{ PolicyName: 'read-reports', PolicyDocument: policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) }],
  }],
};

/** The sample-org bundle, read afresh (each test changes its own copy). */
function sampleBundle(): { AuthorizationDetails: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/bundles/sample-org.json'), 'utf8')) as { AuthorizationDetails: Record<string, unknown> };
}

describe.skipIf(!chromiumPath)('accounts outside the organization of a design', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const bundle = sampleBundle();
    bundle.AuthorizationDetails[PARTNER] = partnerIam;
    const name = `e2e outside ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    designId = (await apiClient(baseUrl).interchange.importBundle.mutate({ document: bundle, name })).designId;
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists the partner account in the sidebar and opens its IAM in the inspector', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    // The fixture already holds one partner (210987654321, named by a bucket policy); this one makes two.
    await page.getByRole('tab', { name: 'Outside (2)' }).click({ timeout: 30_000 });
    await page.getByRole('list', { name: 'Accounts outside the organization' })
      .getByRole('button', { name: new RegExp(`${PARTNER}.*1 role, 0 users`) }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('heading', { name: PARTNER }).waitFor();
    expect(await inspector.innerText()).toMatch(/none of its SCPs or RCPs applies to this account/);
    await expect.poll(() => inspector.innerText(), { timeout: 15_000 }).toMatch(/Joined\s+outside the organization/);
    await inspector.getByRole('region', { name: 'IAM roles' }).getByText('partner-auditor', { exact: true }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'outside-accounts.png') });
  });

  it('places the partner account in its organization from the inspector, refusing an id that is not one', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByRole('tab', { name: 'Outside (2)' }).click({ timeout: 30_000 });
    const list = page.getByRole('list', { name: 'Accounts outside the organization' });
    await list.getByRole('button', { name: new RegExp(PARTNER) }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.innerText(), { timeout: 15_000 }).toMatch(/Organization\s+none known/);
    await inspector.getByRole('button', { name: 'Set…' }).click();
    const field = inspector.getByRole('textbox', { name: 'Organization' });
    await field.fill('o-NOT-AN-ID');
    await inspector.getByRole('button', { name: 'Save' }).click();
    await inspector.getByRole('alert').filter({ hasText: 'InvalidInputException' }).waitFor({ timeout: 15_000 });
    expect(await inspector.getByRole('alert').innerText()).toMatch(/"o-NOT-AN-ID" is not an organization id/);
    await field.fill('o-p4rtn3r9x2');
    await inspector.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => inspector.innerText(), { timeout: 15_000 }).toMatch(/Organization\s+o-p4rtn3r9x2\s+Change…/);
    // The sidebar says it too, and the design moved one revision (undo takes it back).
    await list.getByRole('button', { name: new RegExp(`${PARTNER}[\\s\\S]*in organization o-p4rtn3r9x2`) }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(screenshotDir, 'outside-account-organization.png') });
    await page.getByRole('button', { name: /Undo/ }).click();
    await expect.poll(() => inspector.innerText(), { timeout: 15_000 }).toMatch(/Organization\s+none known/);
  });

  it('shows no Outside tab for a design whose accounts are all members', async () => {
    const { page } = browser;
    const name = `e2e members only ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const bundle = sampleBundle();
    delete bundle.AuthorizationDetails['210987654321'];
    const membersOnly = (await apiClient(baseUrl).interchange.importBundle.mutate({ document: bundle, name })).designId;
    // The tab depends on the answer of account.outside: wait for it, then for a render after it.
    const answered = page.waitForResponse((response) => response.url().includes('account.outside'), { timeout: 30_000 });
    await page.goto(`${baseUrl}/designs/${membersOnly}`, { waitUntil: 'load' });
    expect((await answered).ok()).toBe(true);
    await page.getByRole('tab', { name: 'History' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    expect(await page.getByRole('tab', { name: /Outside/ }).count()).toBe(0);
  });
});
