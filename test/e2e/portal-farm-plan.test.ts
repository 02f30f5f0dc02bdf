// The farm form's Review changes step, end to end in Debian's Chromium against the in-process
// local runtime: an edit of the demo farm is reviewed before it is saved — the API's plan of the
// draft (the summary line `drover plan` prints, one row per field change and server action) —
// nothing is written until "Save changes"; editing again drops the review. On a phone the plan is
// cards and nothing scrolls sideways. Screenshots land in test/e2e/screenshots/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { VIEWPORTS } from './support/chromium';
import { demoApi } from './support/demo-api';
import { elementsPastRightEdge } from './support/overflow';
import { type PortalSession, SCREENSHOTS, signIn, startPortalSession } from './support/portal-session';

let session: PortalSession;
let runtime: LocalRuntime;
let page: Page;

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the farm form reviews its changes before saving', () => {
  beforeAll(async () => {
    session = await startPortalSession();
    runtime = session.runtime;
    page = await session.chromium.context.newPage();
    await signIn(page, runtime);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the plan of the edit, writes nothing until Save changes, and drops it on a new edit', async () => {
    const before = (await demoApi(runtime)('GET', `/farms/${runtime.demo.farmId}`)).body;
    await page.goto(`${runtime.url}/farm/edit/?id=${runtime.demo.farmId}`);
    const max = page.getByLabel('Max instances').first();
    await max.waitFor();
    await max.fill('6');
    await page.getByRole('button', { name: 'Review changes' }).click();

    const review = page.getByRole('region', { name: 'Review changes' });
    await review.waitFor();
    await expect(review.locator('.plan-summary').textContent()).resolves.toMatch(
      /^\d+ to launch, \d+ to replace, \d+ to terminate/,
    );
    const change = review.locator('tr', { hasText: 'farmRoles[web].maxInstances' });
    await expect(change.textContent()).resolves.toContain('4 → 6');
    await screenshot('laptop-farm-form-review');
    // Reviewing wrote nothing.
    const during = (await demoApi(runtime)('GET', `/farms/${runtime.demo.farmId}`)).body;
    expect(during.version).toBe(before.version);

    await page.getByRole('button', { name: 'Back to editing' }).click();
    await page.getByRole('button', { name: 'Review changes' }).waitFor();
    await max.fill('5');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await expect(
      page
        .getByRole('region', { name: 'Review changes' })
        .locator('tr', { hasText: 'maxInstances' })
        .textContent(),
    ).resolves.toContain('4 → 5');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/farm\/\?id=farm-/);
    const after = (await demoApi(runtime)('GET', `/farms/${runtime.demo.farmId}`)).body;
    expect(after.version).toBe(before.version + 1);
    expect(after.farmRoles.find((fr: { alias: string }) => fr.alias === 'web').maxInstances).toBe(5);
  });

  it('lays the plan out as cards on a phone, nothing past the right edge', async () => {
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto(`${runtime.url}/farm/edit/?id=${runtime.demo.farmId}`);
    const max = page.getByLabel('Max instances').first();
    await max.waitFor();
    await max.fill('4');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('region', { name: 'Review changes' }).waitFor();
    await screenshot('phone-farm-form-review');
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
  });
});
