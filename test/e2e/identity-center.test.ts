// The IAM Identity Center page in a real browser, on a branch of the seeded sample landing zone: create a permission
// set with an inline policy (the engine's findings shown as it is typed), see AWS's ConflictException for a second
// set of the same name, create a group, assign the set to the group on a workload account, see the AWSReservedSSO_
// role it yields in the assignment list and in the account's IAM roles (through the account link), then ask who can
// use it in the access view, and undo the assignment from the page.
// AWS pages: CreatePermissionSet (ConflictException):
// https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreatePermissionSet.html; the role an assignment
// creates (AWSReservedSSO_<set>_<hex>): https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sampleAccount } from '../../server/db/sample-landing-zone';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const SET = 'E2eParameterReaders';
const GROUP = 'E2e Parameter Team';
const INLINE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'ReadAppParameters', Effect: 'Allow', Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:*:*:parameter/app/*' }],
}, null, 2);

describe.skipIf(!chromiumPath)('IAM Identity Center page', { timeout: 240_000 }, () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;
  const webNonProd = sampleAccount('webNonProd');

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const api = apiClient(baseUrl);
    const sample = (await api.design.list.query()).find((design) => design.name === inject('e2eSampleDesignName'));
    if (!sample) throw new Error('The sample design is not seeded.');
    const branch = await api.history.branch.mutate({ designId: sample.id, newName: `e2e identity center ${Date.now().toString(36)}` });
    designId = (branch.design as { id: string }).id;
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('creates a permission set, assigns it to a group on a workload account and shows the role it yields', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByRole('link', { name: 'Identity Center' }).click();
    await page.getByRole('heading', { name: 'IAM Identity Center', level: 1 }).waitFor();
    // The sample's sets and assignments are there.
    await page.getByRole('list', { name: 'Permission sets' }).getByRole('button', { name: /AdministratorAccess/ }).waitFor();

    const create = page.getByRole('form', { name: 'Create permission set' });
    await create.getByRole('textbox', { name: 'Permission set name' }).fill(SET);
    await create.getByRole('textbox', { name: 'Session duration' }).fill('PT4H');
    await create.getByRole('button', { name: 'Create permission set' }).click();
    const detail = page.getByRole('article', { name: `Permission set ${SET}` });
    await detail.waitFor({ timeout: 20_000 });

    // The inline policy, checked by the engine as it is typed, then saved.
    const inline = detail.getByRole('region', { name: 'Inline policy' });
    await inline.getByRole('textbox', { name: 'Inline policy (JSON)' }).fill('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ssm:GetParameter"}]}');
    await expect.poll(() => inline.innerText(), { timeout: 15_000 }).toMatch(/Resource/);
    await inline.getByRole('textbox', { name: 'Inline policy (JSON)' }).fill(INLINE_POLICY);
    await inline.getByText('No findings: AWS would accept this document.').waitFor({ timeout: 15_000 });
    await inline.getByRole('button', { name: 'Save inline policy' }).click();
    await expect.poll(() => inline.innerText(), { timeout: 20_000 }).not.toMatch(/none saved/);

    // AWS's refusal, in words, with its code.
    await create.getByRole('textbox', { name: 'Permission set name' }).fill(SET);
    await create.getByRole('button', { name: 'Create permission set' }).click();
    const error = page.getByRole('alert').filter({ hasText: 'already exists' });
    await error.waitFor({ timeout: 20_000 });
    expect(await error.innerText()).toContain('ConflictException');
    await page.screenshot({ path: join(screenshotDir, 'identity-center-permission-set.png'), fullPage: true });

    // A group, then the assignment of the set to it in Web NonProd.
    const groupForm = page.getByRole('form', { name: 'Create group' });
    await groupForm.getByRole('textbox', { name: 'Group name' }).fill(GROUP);
    await groupForm.getByRole('button', { name: 'Create group' }).click();
    const group = page.getByRole('listitem', { name: `Group ${GROUP}` });
    await group.waitFor({ timeout: 20_000 });
    // The user's email reads whole after the display name (it may wrap only after its @ or dots).
    expect(await page.getByRole('list', { name: 'Users' }).innerText()).toContain('Bob Okafor · bob@example.com');
    await group.getByRole('combobox', { name: `User to add to ${GROUP}` }).selectOption('bob');
    await group.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => group.innerText(), { timeout: 20_000 }).toContain('bob');

    const assign = page.getByRole('form', { name: 'Assign a permission set' });
    await assign.getByRole('combobox', { name: 'Permission set to assign' }).selectOption({ label: SET });
    await assign.getByRole('combobox', { name: 'Principal type' }).selectOption('GROUP');
    await assign.getByRole('combobox', { name: 'Group' }).selectOption({ label: GROUP });
    await assign.getByRole('combobox', { name: 'Target account' }).selectOption(webNonProd.accountId);
    await assign.getByRole('button', { name: 'Assign' }).click();
    const row = page.getByRole('table', { name: 'Account assignments' }).getByRole('row').filter({ hasText: SET });
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toMatch(new RegExp(`AWSReservedSSO_${SET}_[0-9a-f]{16}`));
    const roleName = (await row.innerText()).match(new RegExp(`AWSReservedSSO_${SET}_[0-9a-f]{16}`))![0];
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'identity-center-assignment.png'), fullPage: true });

    // The account link opens the editor on Web NonProd, whose IAM roles hold the new role.
    await row.getByRole('link', { name: new RegExp(webNonProd.accountId) }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const roles = inspector.getByRole('region', { name: 'IAM roles' });
    await expect.poll(() => roles.innerText(), { timeout: 30_000 }).toContain(roleName);
    await page.screenshot({ path: join(screenshotDir, 'identity-center-account-role.png') });

    // Who can read an app parameter in Web NonProd: the group's path through the set and its role.
    await page.getByRole('radio', { name: 'Access' }).click();
    const view = page.getByRole('region', { name: 'Access view' });
    const ask = view.getByRole('form', { name: 'Who can' });
    await ask.getByRole('textbox', { name: 'Action' }).fill('ssm:GetParameter');
    await ask.getByRole('textbox', { name: 'Resource ARN' }).fill(`arn:aws:ssm:eu-west-1:${webNonProd.accountId}:parameter/app/db-url`);
    await ask.getByRole('textbox', { name: 'Region (optional)' }).fill('eu-west-1');
    await ask.getByRole('button', { name: 'Ask' }).click();
    const answers = view.getByRole('list', { name: 'Who-can answers' });
    await expect.poll(() => answers.innerText(), { timeout: 60_000 }).toContain(roleName);
    // The group reaches it through the permission set: group → set → role.
    await answers.getByRole('button', { name: new RegExp(GROUP) }).first().click();
    await expect.poll(() => view.getByRole('list', { name: 'Path' }).innerText(), { timeout: 15_000 }).toContain(SET);
    await page.screenshot({ path: join(screenshotDir, 'identity-center-who-can.png') });

    // Back on the page, undo removes the assignment (and with it the role).
    await page.goto(`${baseUrl}/designs/${designId}/identity-center`, { waitUntil: 'load' });
    await page.getByRole('group', { name: 'History' }).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Account assignments' }).innerText(), { timeout: 20_000 }).not.toContain(roleName);
  });
});
