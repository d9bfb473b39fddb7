// A design imported from one account's own `aws iam get-account-authorization-details` (no organization: the
// account is in none, or the user exported only it) in a real browser. The canvas lists the account instead of
// saying there is nothing to see; selecting it opens its IAM in the inspector, as an account card does, and the
// roles' tags and boundary decide what the engine says about calls on them (access_iam-tags.html,
// access_policies_boundaries.html). The policy library says why it is empty instead of failing to load.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const ACCOUNT = '135792468024';
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const role = (name: string, extra: Record<string, unknown> = {}) => ({
  Path: '/', RoleName: name, RoleId: `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`, Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  CreateDate: '2026-01-05T10:00:00Z', AssumeRolePolicyDocument: trust, InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [], Tags: [],
  ...extra,
});
/** The export's shape: get-account-authorization-details output, nothing else. */
const AUTHORIZATION_DETAILS = {
  UserDetailList: [],
  GroupDetailList: [],
  RoleDetailList: [
    role('deployer', {
      RolePolicyList: [{ PolicyName: 'pass-app-roles', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] } }],
    }),
    role('protected-app', { Tags: [{ Key: 'protected', Value: 'true' }] }),
  ],
  Policies: [],
};

describe.skipIf(!chromiumPath)('a design of one account outside any organization', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const api = apiClient(baseUrl);
    const name = `e2e standalone ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    designId = (await api.interchange.importBundle.mutate({ document: AUTHORIZATION_DETAILS, name })).designId;
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists the account on the canvas and opens its IAM in the inspector', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByText('No organization: one account on its own').waitFor({ timeout: 30_000 });
    // The policy library says why it is empty, at once (a refusal is not retried).
    await page.getByText('No organization in this design').waitFor({ timeout: 5_000 });
    await page.getByRole('list', { name: 'Accounts outside any organization' }).getByRole('button', { name: new RegExp(`${ACCOUNT}.*2 roles, 0 users`) }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('heading', { name: ACCOUNT }).waitFor();
    expect(await inspector.innerText()).toMatch(/no SCP or RCP applies/);
    await expect.poll(() => inspector.innerText(), { timeout: 15_000 }).toMatch(/Joined\s+not in an organization/);
    const roles = inspector.getByRole('region', { name: 'IAM roles' });
    await roles.getByText('deployer', { exact: true }).waitFor();
    await roles.getByText('protected-app', { exact: true }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'standalone-account.png') });
  });

  it('colours the account in the effective view and shows the trace of its answer', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByText('No organization: one account on its own').waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: 'Effective', exact: true }).click();
    const bar = page.getByRole('region', { name: 'Effective permission request' });
    await bar.getByRole('combobox', { name: 'Role name' }).fill('deployer');
    await bar.getByRole('combobox', { name: 'Action' }).fill('iam:PassRole');
    await bar.getByRole('button', { name: 'Run' }).click();
    // The account stands on its own: it is asked, not skipped as a non-member.
    await page.getByText('1 account at rev 0').waitFor({ timeout: 30_000 });
    const account = page.getByRole('list', { name: 'Accounts outside any organization' }).getByRole('button', { name: new RegExp(ACCOUNT) });
    await expect.poll(() => account.getAttribute('data-decision'), { timeout: 15_000 }).toBe('allowed');
    await account.click();
    const trace = page.getByRole('region', { name: `Trace of ${ACCOUNT}` });
    await expect.poll(() => trace.innerText(), { timeout: 15_000 }).toMatch(/no organization: SCPs do not apply/);
    expect(await trace.innerText()).toMatch(new RegExp(`arn:aws:iam::${ACCOUNT}:role/deployer → iam:PassRole`));
    await page.screenshot({ path: join(screenshotDir, 'standalone-account-effective.png') });
  });

  it('says why the SCP matrix and the permission matrix have nothing to show', async () => {
    const { page } = browser;
    await page.getByRole('radio', { name: 'SCP matrix', exact: true }).click();
    await page.getByText(/No organization in this design: SCPs restrict the member accounts of an organization only/).waitFor({ timeout: 15_000 });
    await page.goto(`${baseUrl}/designs/${designId}/matrix`, { waitUntil: 'load' });
    await page.getByRole('status').filter({ hasText: 'No member accounts to show' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('table', { name: 'Permission heatmap' }).count()).toBe(0);
  });
});
