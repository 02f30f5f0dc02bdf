// Access pages in the portal, end to end in Debian's Chromium against the in-process local
// runtime: the signed-in user creates an API token and sees its secret once (it works against the
// API, and the list then shows when it was last used), revokes it (the API refuses it from then
// on); the owner sees the seeded users, teams and built-in ACL roles. Screenshots land in
// test/e2e/screenshots/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { VIEWPORTS } from './support/chromium';
import { elementsPastRightEdge } from './support/overflow';
import {
  openAdmin,
  type PortalSession,
  SCREENSHOTS,
  signIn,
  startPortalSession,
} from './support/portal-session';

let session: PortalSession;
let runtime: LocalRuntime;
let page: Page;
let secret: string;

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** GET /me with a bearer token, the way the CLI would: the status only. */
async function statusWith(token: string): Promise<number> {
  const response = await fetch(`${runtime.apiUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  await response.body?.cancel();
  return response.status;
}

describe('the access pages', () => {
  beforeAll(async () => {
    session = await startPortalSession();
    runtime = session.runtime;
    page = await session.chromium.context.newPage();
    await signIn(page, runtime);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('creates an API token and shows its secret once', async () => {
    await openAdmin(page, 'API tokens');
    await page.waitForURL(/\/tokens\/$/);
    await page.getByText('No API tokens yet.').waitFor();
    await page.getByRole('button', { name: 'New token' }).click();
    await page.getByLabel('Expires in (days)').fill('0');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.locator('#token-name-error').textContent()).resolves.toBe('must not be empty');
    await expect(page.locator('#token-days-error').textContent()).resolves.not.toBe('');
    await page.getByLabel('Name', { exact: true }).fill('ci-deploy');
    await page.getByLabel('Expires in (days)').fill('30');
    await page.getByRole('button', { name: 'Create token' }).click();

    const dialog = page.getByRole('dialog', { name: 'Token ci-deploy created' });
    await dialog.waitFor();
    secret = await dialog.getByLabel('API token').inputValue();
    expect(secret).toMatch(/^drv_tok-[0-9a-z]{26}_/);
    await expect(dialog.textContent()).resolves.toContain('it will not be shown again');
    await screenshot('laptop-token-secret');
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.locator('tr[data-token]', { hasText: 'ci-deploy' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/active.*never/);
    expect(await page.content()).not.toContain(secret);

    // It works, and the list says so after a reload.
    await expect(statusWith(secret)).resolves.toBe(200);
    await page.reload();
    await row.waitFor();
    await expect(row.locator('td[data-label="Last used"]').textContent()).resolves.not.toBe('never');
    await page.setViewportSize(VIEWPORTS.phone);
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
    await screenshot('phone-tokens');
    await page.setViewportSize(VIEWPORTS.laptop);
  });

  it('revokes the token after a confirmation; the API refuses it from then on', async () => {
    const row = page.locator('tr[data-token]', { hasText: 'ci-deploy' });
    await row.getByRole('button', { name: 'Revoke ci-deploy' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke ci-deploy?' });
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => row.locator('.badge').textContent()).toBe('revoked');
    await expect(row.getByRole('button').count()).resolves.toBe(0);
    await expect(statusWith(secret)).resolves.toBe(401);
  });

  it('shows the owner the seeded users, teams with their grants, and the built-in ACL roles', async () => {
    await openAdmin(page, 'Users & teams');
    await page.waitForURL(/\/access\/$/);
    await page.locator('tr[data-user]', { hasText: 'Wendy Web' }).waitFor();
    const web = page.locator('tr[data-team]', { hasText: /^web/ });
    await web.waitFor();
    // ACL role names arrive with their own request: poll until the grant reads in words.
    await expect.poll(() => web.textContent()).toMatch(/Wendy Web.*demo as Developer/);
    const developer = page.locator('li[data-acl-role="developer"]');
    await developer.getByRole('button', { name: 'Permissions of Developer' }).click();
    await expect(developer.getByLabel('farms:update', { exact: true }).inputValue()).resolves.toBe('team');
    await expect(developer.getByLabel('farms:update', { exact: true }).isDisabled()).resolves.toBe(true);
    await expect(developer.getByRole('button', { name: /^Edit/ }).count()).resolves.toBe(0);
    await screenshot('laptop-access');
    await page.setViewportSize(VIEWPORTS.phone);
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
    await screenshot('phone-access');
    await page.setViewportSize(VIEWPORTS.laptop);
  });
});
