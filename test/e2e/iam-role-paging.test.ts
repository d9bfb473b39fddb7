// An account with many roles in the account panel, in a real browser: the roles come a page at a time from the API
// (iam.roles), the panel shows the first 50 with the total, "Show more" adds the next page, and the search box
// finds roles by part of their name, in any case, among those not loaded yet. A role of a later page opens with
// its editor like any other. Users and customer-managed policies page the same way (iam.users, iam.policies), and
// an entry's editor is drawn only when it is opened.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { showWholeTree } from './editor-helpers';

const ACCOUNT = 'Many Roles';
const ROLES = 120;
const roleName = (index: number) => `App-Role-${String(index).padStart(3, '0')}`;
const USERS = 60;
const userName = (index: number) => `dev-user-${String(index).padStart(2, '0')}`;
const POLICIES = 55;
const policyName = (index: number) => `ReadOnly-${String(index).padStart(2, '0')}`;

describe.skipIf(!chromiumPath)('a paged list of many IAM roles', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const api = apiClient(baseUrl);
    const design = await api.design.create.mutate({ name: `e2e iam paging ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}` });
    designId = design.id;
    const tree = await api.org.tree.query({ designId });
    const managementAccountId = tree.accounts.find((a) => a.isManagement)!.accountId;
    const created = await api.account.create.mutate({ designId, expectedRevision: design.revision, accountName: ACCOUNT, email: `many-${Date.now()}@example.com`, parentId: tree.root!.id, accountId: '135792468013' });
    let revision = created.revision;
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` }, Action: 'sts:AssumeRole' }] });
    for (let index = 0; index < ROLES; index++) {
      ({ revision } = await api.iam.createRole.mutate({ designId, expectedRevision: revision, accountId: '135792468013', roleName: roleName(index), path: '/', maxSessionDuration: 3600, assumeRolePolicyDocument: trust }));
    }
    for (let index = 0; index < USERS; index++) {
      ({ revision } = await api.iam.createUser.mutate({ designId, expectedRevision: revision, accountId: '135792468013', userName: userName(index), path: '/' }));
    }
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    for (let index = 0; index < POLICIES; index++) {
      ({ revision } = await api.iam.createPolicy.mutate({ designId, expectedRevision: revision, accountId: '135792468013', policyName: policyName(index), path: '/', policyDocument: document }));
    }
    browser = await openBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the first 50 roles and the total, adds 50 with "Show more", and finds a role by part of its name', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await showWholeTree(page);
    await page.locator('.react-flow__node').filter({ hasText: ACCOUNT }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('heading', { name: ACCOUNT }).waitFor();
    const roles = inspector.getByRole('region', { name: 'IAM roles' });
    const names = roles.locator('details.role .role__name');
    const status = roles.locator('.iam-list__more [role="status"]');

    // 120 roles and the OrganizationAccountAccessRole every created account gets, in name order.
    await expect.poll(() => names.count(), { timeout: 30_000 }).toBe(50);
    expect(await roles.locator('.inspector-section__title').textContent()).toBe('Roles 121');
    expect(await status.innerText()).toBe('Showing 50 of 121 roles');
    expect(await names.first().innerText()).toBe(roleName(0));

    await roles.getByRole('button', { name: 'Show 50 more' }).click();
    await expect.poll(() => names.count(), { timeout: 30_000 }).toBe(100);
    expect(await status.innerText()).toBe('Showing 100 of 121 roles');
    await roles.getByRole('button', { name: 'Show 21 more' }).click();
    await expect.poll(() => names.count(), { timeout: 30_000 }).toBe(121);
    expect(await roles.locator('.iam-list__more').count()).toBe(0);

    // The search asks the API: roles not loaded yet are found too.
    await page.reload({ waitUntil: 'load' });
    await showWholeTree(page);
    await page.locator('.react-flow__node').filter({ hasText: ACCOUNT }).click();
    await expect.poll(() => names.count(), { timeout: 30_000 }).toBe(50);
    await roles.getByRole('searchbox', { name: 'Search roles by name' }).fill('app-role-11');
    await expect.poll(() => names.allInnerTexts(), { timeout: 30_000 }).toEqual(Array.from({ length: 10 }, (_, index) => roleName(110 + index)));
    expect(await status.innerText()).toBe('Showing 10 of 10 roles matching “app-role-11”');
    await page.screenshot({ path: join(screenshotDir, 'iam-role-paging.png') });

    // A role of a later page opens with its editor.
    const role = roles.locator('details.role', { has: page.locator('.role__name', { hasText: /^App-Role-117$/ }) });
    await role.locator('summary').click();
    await role.getByRole('group', { name: 'Edit role App-Role-117' }).waitFor();

    await roles.getByRole('searchbox', { name: 'Search roles by name' }).fill('no such role');
    await roles.getByText('No roles match “no such role”.').waitFor();
    expect(await names.count()).toBe(0);
  });

  it("pages users and customer-managed policies too, and draws an entry's editor only once it is opened", async () => {
    const { page } = browser;
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const users = inspector.getByRole('region', { name: 'IAM users' });
    const userNames = users.locator('details.role .role__name');
    await expect.poll(() => userNames.count(), { timeout: 30_000 }).toBe(50);
    expect(await users.locator('.inspector-section__title').textContent()).toBe('Users 60');
    expect(await users.locator('.iam-list__more [role="status"]').innerText()).toBe('Showing 50 of 60 users');
    // Closed entries carry no editor: none of the 50 users' delete buttons is in the page until one is opened.
    expect(await users.getByRole('button', { name: /^Delete user / }).count()).toBe(0);
    await users.getByRole('button', { name: 'Show 10 more' }).click();
    await expect.poll(() => userNames.count(), { timeout: 30_000 }).toBe(60);
    const last = users.locator('details.role', { has: page.locator('.role__name', { hasText: new RegExp(`^${userName(59)}$`) }) });
    await last.locator('summary').click();
    await last.getByRole('button', { name: `Delete user ${userName(59)}` }).waitFor();
    expect(await users.getByRole('button', { name: /^Delete user / }).count()).toBe(1);

    const policies = inspector.getByRole('region', { name: 'Customer-managed policies' });
    const policyNames = policies.locator('details.role .role__name');
    await expect.poll(() => policyNames.count(), { timeout: 30_000 }).toBe(50);
    expect(await policies.locator('.inspector-section__title').textContent()).toBe('Customer-managed policies 55');
    await policies.getByRole('searchbox', { name: 'Search policies by name' }).fill('readonly-5');
    await expect.poll(() => policyNames.allInnerTexts(), { timeout: 30_000 }).toEqual(Array.from({ length: 5 }, (_, index) => policyName(50 + index)));
    const policy = policies.locator('details.role', { has: page.locator('.role__name', { hasText: new RegExp(`^${policyName(54)}$`) }) });
    await policy.locator('summary').click();
    await policy.getByRole('button', { name: `Delete policy ${policyName(54)}` }).waitFor();
    await policies.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'iam-user-policy-paging.png') });
  });
});
