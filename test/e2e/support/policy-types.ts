// Browser steps shared by the tests of policy types: enabling a type on the quotas page (EnablePolicyType on the root),
// and creating a policy of a type from the policy library's editor.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Enables `type` on the design's quotas page with its button ("Enable <plural>") and waits for "Enabled". */
export async function enablePolicyTypeOnQuotasPage(page: Page, baseUrl: string, designId: string, type: string, plural: string): Promise<void> {
  await page.goto(`${baseUrl}/designs/${designId}/quotas`, { waitUntil: 'load' });
  const state = page.getByTestId(`policy-type-state-${type}`);
  await expect.poll(() => state.innerText(), { timeout: 15_000 }).toBe('Disabled');
  await page.getByRole('button', { name: `Enable ${plural}` }).click();
  await expect.poll(() => state.innerText(), { timeout: 15_000 }).toBe('Enabled');
}

/** Opens the policy editor for a new policy of `type` from the editor page's policy library; returns the dialog. */
export async function openNewPolicyDialog(page: Page, type: string, singular: string) {
  await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
  await page.getByLabel('Type of the new policy').selectOption(type);
  await page.getByRole('button', { name: 'New policy' }).click();
  return page.getByRole('dialog', { name: `New ${singular}` });
}
