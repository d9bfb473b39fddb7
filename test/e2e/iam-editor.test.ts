// IAM editing in the account panel, in a real browser: create a role with a trust policy (the engine's finding
// shows inline while the trust policy names no principal, then the role is created and listed with its trust
// summary), IAM's EntityAlreadyExists for the same name in another case, attach a managed policy, IAM's
// DeleteConflict when deleting the role while it is attached, undo, and the same screens in the dark theme.
// AWS pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html (EntityAlreadyExists),
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html (DeleteConflict),
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html (a trust policy
// names a Principal), https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (names unique
// in an account whatever their case).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { showWholeTree } from './editor-helpers';

const ACCOUNT = 'Audit Target';
const ROLE = 'AuditReader';

describe.skipIf(!chromiumPath)('IAM editing in the account panel', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;
  let managementAccountId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const api = apiClient(baseUrl);
    const design = await api.design.create.mutate({ name: `e2e iam ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}` });
    designId = design.id;
    const tree = await api.org.tree.query({ designId });
    managementAccountId = tree.accounts.find((a) => a.isManagement)!.accountId;
    await api.account.create.mutate({ designId, expectedRevision: design.revision, accountName: ACCOUNT, email: `audit-${Date.now()}@example.com`, parentId: tree.root!.id, accountId: '246813579024' });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const inspector = () => browser.page.getByRole('complementary', { name: 'Inspector' });
  const rolesSection = () => inspector().getByRole('region', { name: 'IAM roles' });
  const roleItem = () => rolesSection().locator('details.role', { has: browser.page.locator('.role__name', { hasText: new RegExp(`^${ROLE}$`) }) });
  /** The role's disclosure, opened (its editor lives in the body). */
  const openRole = async () => {
    const role = roleItem();
    await role.waitFor();
    if ((await role.getAttribute('open')) === null) await role.locator('summary').click();
    return role;
  };

  it('creates a role with a trust policy, with the engine\'s findings inline, and lists it with who can assume it', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);
    await page.locator('.react-flow__node').filter({ hasText: ACCOUNT }).click();
    await inspector().getByRole('heading', { name: ACCOUNT }).waitFor();
    await rolesSection().getByRole('button', { name: 'Create role', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Create role' });
    await dialog.getByLabel('Role name').fill(ROLE);
    await dialog.getByLabel('Description').fill('Read-only audit access for the security team');
    const trust = dialog.getByRole('textbox', { name: 'Trust policy (JSON)' });
    // No Principal: the engine (as a TRUST policy) refuses it, on its line.
    await trust.fill('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "sts:AssumeRole"\n    }\n  ]\n}');
    const error = dialog.locator('.finding--error').first();
    await error.waitFor();
    expect(await error.innerText()).toMatch(/Principal/);
    expect(await dialog.getByText('AWS would refuse it').count()).toBe(1);

    const fixed = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{
          Sid: 'SecurityTeam', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` }, Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'audit-2026' } },
        }],
      },
      null,
      2,
    );
    await trust.fill(fixed);
    await dialog.getByText('No findings: AWS would accept this document.').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'iam-create-role.png') });
    await dialog.getByRole('button', { name: 'Create role', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    // Listed, with the engine's reading of its trust policy.
    await roleItem().waitFor();
    expect(await roleItem().locator('summary .chip--external-id').innerText()).toBe('ExternalId');
    const role = await openRole();
    await role.getByText('audit-2026').waitFor();
    await role.getByText('Read-only audit access for the security team').waitFor();
  });

  it('answers EntityAlreadyExists for the same name in another case, in the dialog', async () => {
    const { page } = browser;
    await rolesSection().getByRole('button', { name: 'Create role', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create role' });
    await dialog.getByLabel('Role name').fill(ROLE.toLowerCase());
    await dialog.getByText('No findings: AWS would accept this document.').waitFor();
    await dialog.getByRole('button', { name: 'Create role', exact: true }).click();
    const alert = dialog.getByRole('alert').filter({ hasText: 'EntityAlreadyExists' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(new RegExp(`Role with name ${ROLE} already exists`));
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('attaches a managed policy, refuses deleting the attached role (DeleteConflict), and undoes the attachment', async () => {
    const { page } = browser;
    await openRole();
    const editor = rolesSection().getByRole('group', { name: `Edit role ${ROLE}` });
    await editor.getByLabel(`Managed policy to attach to role ${ROLE}`).selectOption({ label: 'AdministratorAccess (AWS managed)' });
    await editor.getByRole('button', { name: `Attach the chosen policy to role ${ROLE}` }).click();
    const detach = editor.getByRole('button', { name: `Detach AdministratorAccess from role ${ROLE}` });
    await detach.waitFor();

    await editor.getByRole('button', { name: `Delete role ${ROLE}` }).click();
    // The toast names the failure and shows IAM's error code under it as secondary detail.
    await page.getByRole('alert').filter({ hasText: 'Role not deleted' }).filter({ hasText: 'DeleteConflict' }).first().waitFor();
    expect(await rolesSection().locator('.role__name', { hasText: new RegExp(`^${ROLE}$`) }).count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'iam-role-editor.png') });
    await roleItem().screenshot({ path: join(screenshotDir, 'iam-role-item.png') });

    await page.getByRole('button', { name: /Undo/ }).first().click();
    await detach.waitFor({ state: 'detached' });
    expect(await editor.getByText('None attached.').count()).toBe(1);
  });

  it('previews attaching and detaching a managed policy (AttachRolePolicy / DetachRolePolicy): the role\'s gains and losses; Apply saves, Discard does not', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    await openRole();
    const editor = rolesSection().getByRole('group', { name: `Edit role ${ROLE}` });
    await editor.getByLabel(`Managed policy to attach to role ${ROLE}`).selectOption({ label: 'AdministratorAccess (AWS managed)' });
    await editor.getByRole('button', { name: `Preview attaching the chosen policy to role ${ROLE}` }).click();
    const attach = page.getByRole('dialog', { name: `Attach AdministratorAccess to role ${ROLE}?` });
    const principals = attach.getByRole('list', { name: 'Principals' });
    await principals.waitFor({ timeout: 120_000 });
    // Administrator access: the whole catalogue, given as a count (the first actions named).
    expect(await principals.innerText()).toMatch(new RegExp(`arn:aws:iam::246813579024:role/${ROLE} gains [\\d,]{5,} actions: `));
    await page.screenshot({ path: join(screenshotDir, 'iam-attach-preview.png') });
    await attach.getByRole('button', { name: 'Apply' }).click();
    await attach.waitFor({ state: 'detached' });
    const detach = editor.getByRole('button', { name: `Detach AdministratorAccess from role ${ROLE}` });
    await detach.waitFor();

    const revision = (await api.design.get.query({ designId })).revision;
    await editor.getByRole('button', { name: `Preview detaching AdministratorAccess from role ${ROLE}` }).click();
    const detachPreview = page.getByRole('dialog', { name: `Detach AdministratorAccess from role ${ROLE}?` });
    await detachPreview.getByRole('list', { name: 'Principals' }).waitFor({ timeout: 120_000 });
    expect(await detachPreview.getByRole('list', { name: 'Principals' }).innerText()).toMatch(new RegExp(`role/${ROLE} loses [\\d,]{5,} actions: `));
    await detachPreview.getByRole('button', { name: 'Discard' }).click();
    await detachPreview.waitFor({ state: 'detached' });
    expect((await api.design.get.query({ designId })).revision).toBe(revision);
    await detach.click();
    await detach.waitFor({ state: 'detached' });
  }, 240_000);

  it('shows the panel and the trust policy editor in the dark theme', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await openRole();
    await page.screenshot({ path: join(screenshotDir, 'iam-role-editor-dark.png') });
    await roleItem().screenshot({ path: join(screenshotDir, 'iam-role-item-dark.png') });
    await rolesSection().getByRole('group', { name: `Edit role ${ROLE}` }).getByRole('button', { name: `Edit trust policy of ${ROLE}` }).click();
    const dialog = page.getByRole('dialog', { name: `Trust policy of ${ROLE}` });
    await dialog.getByText('No findings: AWS would accept this document.').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'iam-trust-policy-dark.png') });
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('button', { name: 'Switch to the light theme' }).click();
  });
});
