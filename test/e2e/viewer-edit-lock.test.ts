// Issue 14, "A shared deployment": the viewer's panels in a real browser. A second app server (scripts/app-server.mjs) with sign-in on
// (LZSIM_AUTH=local) serves the sample landing zone and a small Control Tower design to an editor (eddie), a viewer
// (vera) and an owner (olivia). The viewer finds every edit control of the IAM editor, the RAM panel, the
// inspector's attached policies, the policy library and editor, the matrix page's staging promotion, the quotas
// page, IAM Identity Center, the Control Tower page and the designs page disabled, each titled with the reason;
// read-only actions (Preview, Compare) stay enabled. The editor finds the same controls enabled; a share-link
// visitor reads the share link's reason. Screenshots in test-results/e2e/viewer-lock-*.png.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../server/api/context';
import { createCaller } from '../../server/api/root';
import { upsertMember } from '../../server/db/access-control';
import { createPrismaClient, type PrismaClient } from '../../server/db/client';
import { NETWORK_ACCOUNT_ID, SAMPLE_DESIGN_NAME } from '../../server/db/sample-landing-zone';
import { seedSampleLandingZone } from '../../server/db/seed';
import { createLocalUser } from '../../server/services/auth/sessions';
import { startThrowawayDatabase, type ThrowawayDatabase } from '../support/embedded-db';
import { showWholeTree } from './editor-helpers';
import { signInAs, startAuthServer, type AuthServer } from './support/auth-server';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const PASSWORD = 'correct horse battery staple';
const VIEWER_REASON = 'View only: you are a viewer of this design';
const SHARE_LINK_REASON = 'View only: read-only share link';
const ROLE = 'LockCheckRole';
const SCP = 'StagedDeny';
const GUARD = 'NetworkGuard';
const DENY_LEAVE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] });

/**
 * Fields a viewer could still type into on the page: every shown input, select or textarea that is neither disabled
 * nor read-only and shares a form with a locked control (an edit form whose submit is locked). Query forms (who-can,
 * searches, filters) hold no locked control and are left alone. Named by their label, placeholder or id.
 */
async function writableFieldsOfLockedForms(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const forms = new Set<HTMLFormElement>();
    for (const control of document.querySelectorAll('[data-locked]')) {
      const form = control.closest('form');
      if (form) forms.add(form);
    }
    const writable: string[] = [];
    for (const form of forms) {
      for (const field of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
        if (field.type === 'hidden' || field.disabled || !field.checkVisibility()) continue;
        if (!(field instanceof HTMLSelectElement) && field.readOnly && field.type !== 'checkbox') continue;
        writable.push(field.labels?.[0]?.innerText.trim() || field.getAttribute('aria-label') || field.getAttribute('placeholder') || field.id);
      }
    }
    return writable;
  });
}

describe.skipIf(!chromiumPath)('the viewer role in the browser: edit controls disabled with their reason', () => {
  let database: ThrowawayDatabase;
  let db: PrismaClient;
  let server: AuthServer | undefined;
  let baseUrl: string;
  let browser: BrowserSession;
  let sampleId: string;
  let towerId: string;

  beforeAll(async () => {
    database = await startThrowawayDatabase();
    db = createPrismaClient(database.url);
    await seedSampleLandingZone(db);
    const api = createCaller(createInnerContext({ db, actor: { kind: 'machine' } }));
    sampleId = (await api.design.list()).find((design) => design.name === SAMPLE_DESIGN_NAME)!.id;
    // What the panels edit: a role and a customer-managed policy in Network, an SCP on Network (the inspector's
    // Detach), and an SCP staged on NonProd (the matrix page's promotion to Prod).
    let revision = (await api.design.get({ designId: sampleId })).revision;
    const base = () => ({ designId: sampleId, expectedRevision: revision });
    revision = (await api.iam.createRole({ ...base(), accountId: NETWORK_ACCOUNT_ID, roleName: ROLE, assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${NETWORK_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }] }) })).revision;
    for (const [name, target] of [[SCP, 'ou-8f3d-n0npr0d5'], [GUARD, NETWORK_ACCOUNT_ID]] as const) {
      const created = await api.policy.create({ ...base(), type: 'SERVICE_CONTROL_POLICY', name, description: '', content: DENY_LEAVE });
      revision = created.revision;
      const policyId = (await api.policy.list({ designId: sampleId })).policies.find((policy) => policy.name === name)!.id;
      revision = (await api.policy.attach({ ...base(), policyId, targetId: target })).revision;
    }

    // A small design with a landing zone and an elective control on Sandbox, for the Control Tower page.
    const tower = await api.design.create({ name: 'Governed landing zone' });
    towerId = tower.id;
    revision = (await api.controlTower.setUpLandingZone({
      designId: towerId, expectedRevision: tower.revision, homeRegion: 'eu-west-1', governedRegions: ['eu-west-1'],
      logArchive: { accountName: 'Log Archive', email: 'log@example.com' }, audit: { accountName: 'Audit', email: 'audit@example.com' },
    })).revision;
    const sandbox = (await api.controlTower.landingZone({ designId: towerId })).registeredOus.find((ou) => ou.name === 'Sandbox')!;
    await api.controlTower.enableControl({ designId: towerId, expectedRevision: revision, controlIdentifier: 'AWS-GR_ROOT_ACCOUNT_MFA_ENABLED', targetIdentifier: sandbox.id });

    for (const [username, role] of [['olivia', 'OWNER'], ['eddie', 'EDITOR'], ['vera', 'VIEWER']] as const) {
      const user = await createLocalUser(db, { username, password: PASSWORD }, { log2Cost: 14 });
      for (const designId of [sampleId, towerId]) await upsertMember(db, designId, user.id, role);
    }
    server = await startAuthServer(database.url);
    baseUrl = server.baseUrl;
    browser = await openBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.$disconnect();
    await database?.stop();
  });

  /**
   * The control is disabled and titled `reason` (a viewer, a share link), or, with `reason` null, enabled and not
   * titled "View only" (an editor).
   */
  async function expectLock(control: Locator, reason: string | null) {
    await control.waitFor({ timeout: 60_000 });
    if (reason) {
      await expect.poll(() => control.isDisabled()).toBe(true);
      expect(await control.getAttribute('title')).toBe(reason);
    } else {
      await expect.poll(() => control.isEnabled(), { timeout: 60_000 }).toBe(true);
      expect(await control.getAttribute('title') ?? '').not.toMatch(/^View only/);
    }
  }

  /** Opens the Network account in the inspector of the sample design. */
  async function openNetwork(page: Page) {
    await showWholeTree(page);
    await page.locator('.react-flow__node[aria-label^="Account Network"]').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('heading', { name: 'Network' }).waitFor();
    return inspector;
  }

  /** Every panel of the sample design and the Control Tower page, checked against `reason`; screenshots named `who`. */
  async function checkPanels(page: Page, reason: string | null, who: string) {
    const inspector = await openNetwork(page);
    // The inspector's attached policies: Detach locked, Preview (reads only) open to everyone.
    await expectLock(inspector.getByRole('button', { name: `Detach ${GUARD} from Network` }), reason);
    await expectLock(inspector.getByRole('button', { name: `Preview detaching ${GUARD} from Network` }), null);

    // IAM editor.
    const roles = inspector.getByRole('region', { name: 'IAM roles' });
    await expectLock(roles.getByRole('button', { name: 'Create role', exact: true }), reason);
    const role = roles.locator('details.role', { has: page.locator('.role__name', { hasText: new RegExp(`^${ROLE}$`) }) });
    await role.waitFor();
    if ((await role.getAttribute('open')) === null) await role.locator('summary').click();
    await expectLock(role.getByRole('button', { name: `Edit trust policy of ${ROLE}` }), reason);
    await expectLock(role.getByRole('button', { name: `Delete role ${ROLE}` }), reason);
    await expectLock(role.getByRole('button', { name: `Add an inline policy to role ${ROLE}` }), reason);
    await expectLock(inspector.getByRole('region', { name: 'IAM users' }).getByRole('button', { name: 'Create user' }), reason);
    await expectLock(inspector.getByRole('region', { name: 'IAM groups' }).getByRole('button', { name: 'Create group' }), reason);
    await expectLock(inspector.getByRole('region', { name: 'Customer-managed policies' }).getByRole('button', { name: 'Create policy' }), reason);
    await role.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, `viewer-lock-${who}-iam.png`) });
    // The open role's tag form, attach and boundary choices: nothing a viewer can type into or pick.
    expect(await writableFieldsOfLockedForms(page)).toEqual([]);

    // RAM panel: the sample's Network shares subnets and a transit gateway.
    const ram = inspector.getByRole('region', { name: 'Resource shares (AWS RAM)' });
    await expectLock(ram.getByRole('button', { name: 'Create share' }), reason);
    const share = ram.getByTestId('ram-share').first();
    await expectLock(share.getByRole('button', { name: 'Add resources or principals' }), reason);
    await expectLock(share.getByRole('button', { name: 'Choose permission' }), reason);
    await expectLock(share.getByRole('button', { name: 'Delete share' }), reason);
    await expectLock(ram.getByRole('group', { name: 'Customer managed permissions' }).getByRole('button', { name: 'Create permission' }), reason);
    await share.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, `viewer-lock-${who}-ram.png`) });

    // Policy library and editor: a viewer reads the SCP in the same dialog, with Save and Delete locked.
    await expectLock(page.getByRole('button', { name: 'New policy' }), reason);
    await page.getByRole('button', { name: new RegExp(`^${SCP}, attached to`) }).click();
    const editor = page.getByRole('dialog', { name: reason ? SCP : `Edit ${SCP}` });
    await expectLock(editor.getByRole('button', { name: 'Save changes' }), reason);
    await expectLock(editor.getByRole('button', { name: 'Delete' }), reason);
    expect(await editor.getByLabel('Name', { exact: true }).getAttribute('readonly')).toBe(reason ? '' : null);
    await page.screenshot({ path: join(screenshotDir, `viewer-lock-${who}-policy-editor.png`) });
    await editor.getByRole('button', { name: reason ? 'Close' : 'Cancel', exact: true }).click();

    // The matrix page's staging section: comparing reads; Promote (in the shared preview dialog) writes.
    await page.goto(`${baseUrl}/designs/${sampleId}/matrix`, { waitUntil: 'load' });
    const staging = page.getByRole('region', { name: 'Staging' });
    await staging.getByLabel('Staged SCP').selectOption({ label: SCP }, { timeout: 60_000 });
    await staging.getByLabel('Staging target').selectOption({ label: 'NonProd (ou)' });
    await staging.getByLabel('Production target').selectOption({ label: 'Prod (ou)' });
    const compare = staging.getByRole('button', { name: 'Compare with production' });
    await expectLock(compare, null);
    await compare.click();
    const promotion = page.getByRole('dialog', { name: `Promote ${SCP} from NonProd to Prod?` });
    await promotion.getByRole('region', { name: 'Impact preview' }).or(promotion.locator('.impact-panel__error')).first().waitFor({ timeout: 120_000 });
    await expectLock(promotion.getByRole('button', { name: 'Promote' }), reason);
    await page.screenshot({ path: join(screenshotDir, `viewer-lock-${who}-staging.png`) });
    await promotion.getByRole('button', { name: 'Keep staging' }).click();

    // The quotas page: the root's policy types switch; a raisable quota's field is read-only for a viewer.
    await page.goto(`${baseUrl}/designs/${sampleId}/quotas`, { waitUntil: 'load' });
    await expectLock(page.getByRole('button', { name: /^(Enable|Disable) Resource control policies$/ }), reason);
    const quotaField = page.getByRole('spinbutton').first();
    await quotaField.waitFor();
    expect(await quotaField.getAttribute('readonly')).toBe(reason ? '' : null);

    // IAM Identity Center: the sample's instance, its users, groups and assignments.
    await page.goto(`${baseUrl}/designs/${sampleId}/identity-center`, { waitUntil: 'load' });
    await expectLock(page.getByRole('form', { name: 'Create user' }).getByRole('button', { name: 'Create user' }), reason);
    await expectLock(page.getByRole('button', { name: 'Delete user bob' }), reason);
    await expectLock(page.getByRole('form', { name: 'Assign a permission set' }).getByRole('button', { name: 'Assign' }), reason);
    await page.screenshot({ path: join(screenshotDir, `viewer-lock-${who}-identity-center.png`) });
    expect(await writableFieldsOfLockedForms(page)).toEqual([]);

    await checkControlTower(page, reason, who);
  }

  /** The Control Tower page: Disable on Sandbox's elective control, Enable in the catalogue. */
  async function checkControlTower(page: Page, reason: string | null, who: string) {
    await page.goto(`${baseUrl}/designs/${towerId}/control-tower`, { waitUntil: 'load' });
    await page.getByLabel('Registered OU', { exact: true }).selectOption({ label: 'Sandbox' });
    const controls = page.getByRole('list', { name: 'Controls enabled on Sandbox' });
    await expectLock(controls.getByRole('button', { name: /^Disable / }).first(), reason);
    await expectLock(controls.getByRole('button', { name: /^Preview disabling / }).first(), null);
    const catalogue = page.getByRole('region', { name: 'Control catalogue' });
    await expectLock(catalogue.getByRole('button', { name: /^Enable .+ on Sandbox$/ }).first(), reason);
    // The page says so in its heading too.
    if (reason) expect(await page.getByTestId('read-only').getAttribute('title')).toBe(reason);
    else expect(await page.getByTestId('read-only').count()).toBe(0);
    await controls.getByRole('button', { name: /^Disable / }).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, `viewer-lock-${who}-control-tower.png`) });
    expect(await writableFieldsOfLockedForms(page)).toEqual([]);
  }

  /** The designs page's row of the sample: Rename locked like an edit, Delete for owners only, Duplicate open. */
  async function checkDesignRow(page: Page, reason: string | null, deleteReason: string | null) {
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await expectLock(page.getByRole('button', { name: `Rename ${SAMPLE_DESIGN_NAME}` }), reason);
    await expectLock(page.getByRole('button', { name: `Delete ${SAMPLE_DESIGN_NAME}` }), deleteReason);
    await expectLock(page.getByRole('button', { name: `Duplicate ${SAMPLE_DESIGN_NAME}` }), null);
  }

  it('the viewer finds every edit control disabled, titled with the reason; previews stay open', async () => {
    const page = await signInAs(browser, baseUrl, 'vera', PASSWORD, `/designs/${sampleId}`);
    await page.getByTestId('read-only').waitFor();
    await checkPanels(page, VIEWER_REASON, 'viewer');
    await checkDesignRow(page, VIEWER_REASON, VIEWER_REASON);
    await page.screenshot({ path: join(screenshotDir, 'viewer-lock-viewer-designs.png') });
  }, 480_000);

  it('the editor finds the same controls enabled; only deleting the design stays an owner\'s', async () => {
    const page = await signInAs(browser, baseUrl, 'eddie', PASSWORD, `/designs/${sampleId}`);
    await checkPanels(page, null, 'editor');
    await checkDesignRow(page, null, 'Only owners delete a design');
  }, 480_000);

  it('a share link\'s visitor reads the share link\'s reason', async () => {
    const page = await signInAs(browser, baseUrl, 'olivia', PASSWORD, `/designs/${towerId}`);
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Members and share links' });
    await dialog.getByRole('button', { name: 'Create a share link' }).click();
    const shareUrl = await dialog.getByLabel('New share link').inputValue();
    await browser.context.clearCookies();
    await page.goto(shareUrl, { waitUntil: 'load' });
    await page.waitForURL(`${baseUrl}/designs/${towerId}`);
    await checkControlTower(page, SHARE_LINK_REASON, 'share-link');
    // The designs page lists the shared design; creating or importing one needs someone signed in.
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await expectLock(page.getByRole('button', { name: 'Rename Governed landing zone' }), SHARE_LINK_REASON);
    await expectLock(page.getByRole('button', { name: 'Duplicate Governed landing zone' }), `${SHARE_LINK_REASON}: sign in to copy it`);
    expect(await page.getByTestId('share-link-no-create').innerText()).toBe(`${SHARE_LINK_REASON}: sign in to create or import designs.`);
    expect(await page.getByRole('button', { name: 'Create design' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'viewer-lock-share-link-designs.png') });
    // The migration plan reads; uploading a live organization imports a design, which a share link cannot own.
    await page.goto(`${baseUrl}/designs/${towerId}/plan`, { waitUntil: 'load' });
    await expectLock(page.getByRole('button', { name: 'Upload the live organization…' }), `${SHARE_LINK_REASON}: sign in to upload a live organization`);
  }, 240_000);
});
