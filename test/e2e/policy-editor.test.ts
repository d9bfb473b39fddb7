// Policies in a real browser: create an SCP in the JSON editor (a syntax error is shown inline on its line as
// you type, then fixed), save it, attach it by dragging it from the library onto an account (the card's SCP
// badge counts it), detach the last SCP of another account (AWS refuses: MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED),
// edit the policy, and read both changes in the history and its side-by-side diff. Last, typos AWS accepts show the
// findings `lzsim validate-policy` prints for the same text (same validator, same IAM action catalogue).
// AWS pages: orgs_manage_policies_scps_syntax.html (SCP grammar), orgs_reference_limits.html and the
// DetachPolicy API reference (an account keeps at least one SCP while SCPs are enabled).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CliIo } from '@/server/cli/command';
import { runCli } from '@/server/cli/lzsim';
import type { Finding } from '@/server/engine/types';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { showWholeTree } from './editor-helpers';

const POLICY = 'DenyBucketDeletes';
const TARGET = 'Policy Target';
const BYSTANDER = 'Bystander';
const broken = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Sid": "NoDelete",\n      "Effect": "Deny"\n      "Action": "s3:DeleteBucket",\n      "Resource": "*"\n    }\n  ]\n}';
const fixed = broken.replace('"Effect": "Deny"\n', '"Effect": "Deny",\n');
// Text AWS accepts, with three typos only the IAM action catalogue catches.
const typos = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'NoLeaving', Effect: 'Deny', Action: 'organizations:LeaveOrganisation', Resource: '*' },
    { Sid: 'EuOnly', Effect: 'Deny', Action: 'ec2:RunInstance', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegoin': ['eu-west-1'] } } },
  ],
}, null, 2);

/** What `lzsim validate-policy --type SCP` prints for a document, run in process. */
async function cliFindings(content: string): Promise<Finding[]> {
  let out = '';
  const io: CliIo = { stdout: (text) => { out += text; }, stderr: () => {}, readStdin: async () => content, cwd: process.cwd() };
  await runCli(['validate-policy', '--type', 'SCP', '-'], io);
  return JSON.parse(out) as Finding[];
}

describe.skipIf(!chromiumPath)('policies in the browser', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const api = apiClient(baseUrl);
    const design = await api.design.create.mutate({ name: `e2e policies ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}` });
    designId = design.id;
    const tree = await api.org.tree.query({ designId });
    let revision = design.revision;
    for (const name of [TARGET, BYSTANDER]) {
      const email = `${name.toLowerCase().replace(/ /g, '-')}-${Date.now()}@example.com`;
      revision = (await api.account.create.mutate({ designId, expectedRevision: revision, accountName: name, email, parentId: tree.root!.id })).revision;
    }
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const card = (name: string) => browser.page.locator('.react-flow__node').filter({ hasText: name });
  const library = () => browser.page.getByRole('region', { name: 'Policies' }).or(browser.page.locator('.policy-library'));

  it('shows a JSON error inline on its line while typing, then creates the SCP once it is fixed', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);
    await card(TARGET).waitFor();
    await page.getByRole('button', { name: 'New policy' }).click();
    const dialog = page.getByRole('dialog', { name: 'New service control policy' });
    await dialog.getByLabel('Name').fill(POLICY);
    const documentBox = dialog.getByRole('textbox', { name: 'Policy document (JSON)' });
    await documentBox.fill(broken);

    // The engine's finding, placed on line 7 (the "Action" after the missing comma), highlighted in the gutter.
    const finding = dialog.locator('.finding--error').first();
    await finding.waitFor();
    expect(await finding.innerText()).toMatch(/Malformed JSON at line 7/);
    expect(await finding.innerText()).toMatch(/line 7:7/);
    await expect.poll(() => dialog.locator('.code-editor__line-number--error').allInnerTexts()).toEqual(['7']);
    expect(await dialog.getByText('AWS would refuse it').count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'policy-editor-error.png') });
    // Saving anyway: AWS's CreatePolicy refuses it, and the dialog says so next to the document.
    await dialog.getByRole('button', { name: 'Create policy' }).click();
    expect(await dialog.getByRole('alert').filter({ hasText: 'MalformedPolicyDocumentException' }).innerText()).toMatch(/line 7/);

    await documentBox.fill(fixed);
    await dialog.getByText('No findings: AWS would accept this document.').waitFor();
    expect(await dialog.locator('.code-editor__line-number--error').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Create policy' }).click();
    await dialog.waitFor({ state: 'detached' });
    await library().locator('.policy-item', { hasText: POLICY }).waitFor();

    // Search narrows the library; the AWS-managed FullAWSAccess is marked as such.
    const aws = library().locator('.policy-item', { hasText: 'FullAWSAccess' });
    expect(await aws.locator('.aws-managed-badge').innerText()).toBe('AWS');
    await page.getByRole('searchbox', { name: /Search policies/ }).fill('bucket');
    await expect.poll(() => library().locator('.policy-item__name').allInnerTexts()).toEqual([POLICY]);
    await page.getByRole('searchbox', { name: /Search policies/ }).fill('');
  });

  it('attaches the SCP by dragging it onto an account, and the card\'s badge counts it', async () => {
    const { page } = browser;
    const badge = card(TARGET).locator('.policy-badge--scp');
    expect(await badge.getAttribute('aria-label')).toMatch(/^1 service control policy attached/);
    await library().locator('.policy-item', { hasText: POLICY }).dragTo(card(TARGET));
    await page.getByText(`Attached ${POLICY} to ${TARGET}`).waitFor();
    await expect.poll(() => badge.getAttribute('aria-label')).toMatch(new RegExp(`^2 service control policies attached: .*${POLICY}`));
    await expect.poll(() => badge.innerText()).toBe('SCP 2');
    // The library counts the new attachment.
    await expect.poll(() => library().locator('.policy-item', { hasText: POLICY }).locator('.policy-item__count').innerText()).toBe('1');
    await page.screenshot({ path: join(screenshotDir, 'policy-attached.png') });
  });

  it('lists attached policies in the account panel and shows AWS\'s refusal to detach the last SCP', async () => {
    const { page } = browser;
    await card(BYSTANDER).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('heading', { name: BYSTANDER }).waitFor();
    await inspector.getByRole('button', { name: `Detach FullAWSAccess from ${BYSTANDER}` }).click();
    await page.getByText(/MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED/).first().waitFor();
    // Refused: the account keeps its SCP.
    expect(await card(BYSTANDER).locator('.policy-badge--scp').innerText()).toBe('SCP 1');

    await card(TARGET).click();
    await inspector.getByRole('heading', { name: TARGET }).waitFor();
    await inspector.getByRole('button', { name: `Detach ${POLICY} from ${TARGET}` }).waitFor();
    // Accounts created through Organizations get OrganizationAccountAccessRole, trusted by the management account.
    await inspector.getByText('OrganizationAccountAccessRole', { exact: true }).click();
    await inspector.getByText(/any principal in account \d{12} that its own IAM policies allow/).first().waitFor();
    await page.screenshot({ path: join(screenshotDir, 'policy-inspector.png') });
  });

  it('shows the creation, attachment and an edit in the history, with a side-by-side statement diff', async () => {
    const { page } = browser;
    await library().locator('.policy-item', { hasText: POLICY }).getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: `Edit ${POLICY}` });
    const documentBox = dialog.getByRole('textbox', { name: 'Policy document (JSON)' });
    await documentBox.fill(fixed.replace('s3:DeleteBucket', 's3:DeleteBucketPolicy'));
    await dialog.getByText('No findings: AWS would accept this document.').waitFor();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'History' }).click();
    const revisions = page.getByRole('list', { name: 'Revisions, newest first' });
    await expect.poll(() => revisions.locator('.revision__label').allInnerTexts()).toEqual([
      `Edit SCP ${POLICY}`, `Attach ${POLICY} to ${TARGET}`, `Create SCP ${POLICY}`, `Create account ${BYSTANDER} under Root`,
      `Create account ${TARGET} under Root`, 'Design created',
    ]);

    // Create → attach: the policy and its attachment were added.
    const numbers = await revisions.locator('.revision__number').allInnerTexts();
    const [editRev, attachRev, createRev] = numbers.map((n) => Number(n.slice(1)));
    await page.getByRole('checkbox', { name: `Compare revision ${createRev - 1}` }).check();
    await page.getByRole('checkbox', { name: `Compare revision ${attachRev}` }).check();
    await page.getByRole('button', { name: `Compare r${createRev - 1} → r${attachRev}` }).click();
    let diff = page.getByRole('dialog', { name: `Changes from r${createRev - 1} to r${attachRev}` });
    await diff.getByRole('region', { name: 'Attachments' }).waitFor();
    expect(await diff.getByRole('region', { name: 'Policies' }).innerText()).toMatch(new RegExp(`added\\s+SCP\\s+${POLICY}`, 'i'));
    expect(await diff.getByRole('region', { name: 'Attachments' }).innerText()).toContain(TARGET);
    await diff.getByRole('button', { name: 'Close the comparison' }).click();

    // The edit: the changed statement side by side, the Action line marked on both sides.
    await revisions.getByRole('button', { name: `Show the changes of revision ${editRev}` }).click();
    diff = page.getByRole('dialog', { name: `Changes from r${editRev - 1} to r${editRev}` });
    const statement = diff.locator('.statement-diff');
    await statement.waitFor();
    expect(await statement.locator('figcaption').innerText()).toMatch(/changed\s+NoDelete/i);
    expect(await statement.locator('.statement-diff__code--removed').innerText()).toContain('"s3:DeleteBucket"');
    expect(await statement.locator('.statement-diff__code--added').innerText()).toContain('"s3:DeleteBucketPolicy"');
    await page.screenshot({ path: join(screenshotDir, 'policy-history-diff.png') });
  });

  it('shows exactly the findings of lzsim validate-policy for AWS-accepted typos', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);
    await card(TARGET).waitFor();
    await page.getByRole('tab', { name: 'Policies' }).click();
    await page.getByRole('button', { name: 'New policy' }).click();
    const dialog = page.getByRole('dialog', { name: 'New service control policy' });
    await dialog.getByRole('textbox', { name: 'Policy document (JSON)' }).fill(typos);
    const expected = await cliFindings(typos);
    expect(expected.map((f) => f.code)).toEqual(['UNKNOWN_ACTION', 'UNKNOWN_ACTION', 'UNKNOWN_GLOBAL_CONDITION_KEY']);
    const list = dialog.getByRole('list', { name: 'Validation findings' });
    await expect.poll(() => list.locator('.finding__message').allInnerTexts()).toEqual(expected.map((f) => f.message));
    expect(await list.locator('.finding__where code').allInnerTexts()).toEqual(expected.map((f) => f.path));
    expect((await list.locator('.finding__code').allInnerTexts()).map((text) => text.replace(/^\W+/, ''))).toEqual(expected.map((f) => f.code));
    expect(await dialog.getByText('No findings: AWS would accept this document.').count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'policy-editor-typos.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
