// The portal's audit page end to end, in Debian's Chromium against the in-process local runtime:
// edit the demo farm's description in the farm form, then find that edit in the audit log — who,
// from the portal, updateFarm on demo-web — and open it to read the diff, old → new. Filters
// narrow the log and live in the URL. On a phone the log is cards and nothing scrolls sideways.
// Screenshots land in test/e2e/screenshots/.
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

const NEW_DESCRIPTION = 'Edited in the browser, for the audit log';

let session: PortalSession;
let runtime: LocalRuntime;
let page: Page;
let oldDescription: string;

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the audit page', () => {
  beforeAll(async () => {
    session = await startPortalSession();
    runtime = session.runtime;
    page = await session.chromium.context.newPage();
    await signIn(page, runtime);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows a farm edit made in the portal, by whom and from where, with its diff', async () => {
    await page.goto(`${runtime.url}/farm/edit/?id=${runtime.demo.farmId}`);
    const description = page.getByLabel('Description');
    await description.waitFor();
    oldDescription = await description.inputValue();
    await description.fill(NEW_DESCRIPTION);
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/farm\/\?id=farm-/);

    await openAdmin(page, 'Audit');
    await page.waitForURL(/\/audit\/$/);
    const row = page.locator('tr[data-audit]', { hasText: 'updateFarm' }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('demo-web');
    await expect(row.textContent()).resolves.toContain('Portal');
    await expect(row.textContent()).resolves.toContain(runtime.demo.userId);

    const toggle = row.getByRole('button', { name: /1 field/ });
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const changes = page.getByRole('list', { name: 'Changes of updateFarm' });
    await changes.waitFor();
    const line = changes.getByRole('listitem');
    await expect(line.locator('.audit-path').textContent()).resolves.toBe('description');
    await expect(line.locator('del').textContent()).resolves.toBe(oldDescription);
    await expect(line.locator('ins').textContent()).resolves.toBe(NEW_DESCRIPTION);
    await screenshot('laptop-audit-diff');
  });

  it('narrows the log with filters kept in the URL', async () => {
    await page.getByLabel('Action').fill('updateFarm');
    await page.getByLabel('Resource', { exact: true }).selectOption('farm');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/action=updateFarm/);
    expect(page.url()).toContain('resourceType=farm');
    // The URL changes before the filtered page has loaded: wait for the table to settle on it.
    await expect.poll(() => page.locator('tr[data-audit]').count()).toBe(1);

    await page.getByLabel('Action').fill('deleteFarm');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No audit entries match these filters.').waitFor();

    // A farm's history is a link away: the resource id in the URL.
    await page.goto(`${runtime.url}/audit/?resourceId=${runtime.demo.farmId}`);
    await page.locator('tr[data-audit]', { hasText: 'updateFarm' }).waitFor();
    await expect(page.getByLabel('Resource id').inputValue()).resolves.toBe(runtime.demo.farmId);
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForURL(/\/audit\/$/);
  });

  it('reads as cards on a phone, with nothing past the right edge', async () => {
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto(`${runtime.url}/audit/`);
    const row = page.locator('tr[data-audit]', { hasText: 'updateFarm' }).first();
    await row.waitFor();
    await row.getByRole('button', { name: /1 field/ }).click();
    await page.getByRole('list', { name: 'Changes of updateFarm' }).waitFor();
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
    await screenshot('phone-audit');
    await page.setViewportSize(VIEWPORTS.laptop);
  });
});
