// A farm's lease in the portal, end to end in Debian's Chromium against the in-process local
// runtime: the demo farm gets a lease ending within the warning window; a developer of team `web`
// sees it on the farm page in the warning style, asks for more hours through "Request extension"
// (the form's own error first), sees the request pending; the admin approves it on the Policies
// page; the developer sees the new expiry and the approved request. A developer of another team
// sees the lease but no button. Screenshots land in test/e2e/screenshots/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { VIEWPORTS } from './support/chromium';
import { demoApi } from './support/demo-api';
import { elementsPastRightEdge } from './support/overflow';
import { type PortalSession, SCREENSHOTS, signInAs, startPortalSession } from './support/portal-session';

const HOUR_MS = 3_600_000;
const REASON = 'customer demo runs into Thursday';

let session: PortalSession;
let runtime: LocalRuntime;
let page: Page;
let leaseBefore: string;

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const farmUrl = () => `${runtime.url}/farm/?id=${encodeURIComponent(runtime.demo.farmId)}`;
const leaseLine = () => page.locator('.lease-state');

/** How long a poll waits for a page's data: vitest's expect.poll gives up after 1 s unless told. */
const PAGE_DATA = { timeout: 15_000 };
describe("A farm's lease in the portal", () => {
  beforeAll(async () => {
    session = await startPortalSession();
    runtime = session.runtime;
    page = await session.chromium.context.newPage();
    // An owner-set lease 10 hours away: inside the default 24-hour warning window.
    const api = demoApi(runtime);
    const { body: current, etag } = await api('GET', `/farms/${runtime.demo.farmId}`);
    leaseBefore = new Date(Date.now() + 10 * HOUR_MS).toISOString();
    const { name, description, farmRoles } = current;
    await api(
      'PUT',
      `/farms/${runtime.demo.farmId}`,
      { name, description, farmRoles, leaseExpiresAt: leaseBefore },
      { 'if-match': etag! },
    );
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows a developer the lease in the warning style and takes their extension request', async () => {
    await signInAs(page, runtime, 'developer-web');
    await page.goto(farmUrl());
    await expect.poll(() => leaseLine().getAttribute('data-phase'), PAGE_DATA).toBe('warning');
    await expect(leaseLine().textContent()).resolves.toMatch(
      /^9 h 5\d min left: the lease ends .*, and a running farm is terminated then/,
    );
    await expect(leaseLine().getAttribute('class')).resolves.toContain('notice-warn');

    await page.getByRole('button', { name: 'Request extension' }).click();
    await page.getByLabel('More hours').fill('48');
    await page.getByRole('button', { name: 'Send request' }).click();
    // The shared LeaseExtensionInput refused it in the browser: nothing was sent.
    await expect(page.locator('#lease-reason-error').textContent()).resolves.toBe('say why');
    await page.getByLabel('Reason').fill(REASON);
    await screenshot('laptop-farm-lease-request');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Request sent').waitFor();

    const request = page.locator('li[data-request]', { hasText: REASON });
    await request.waitFor();
    await expect(request.textContent()).resolves.toMatch(/48 more hours, asked by you .*pending/);
    const stored = (await demoApi(runtime)('GET', `/farms/${runtime.demo.farmId}/lease-extensions`)).body
      .items;
    expect(stored).toMatchObject([{ hours: 48, reason: REASON, status: 'pending' }]);

    await page.setViewportSize(VIEWPORTS.phone);
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
    await page.setViewportSize(VIEWPORTS.laptop);
  });

  it('shows a developer of another team the lease and no request button', async () => {
    await signInAs(page, runtime, 'developer-data');
    await page.goto(farmUrl());
    await leaseLine().waitFor();
    await page.locator('li[data-request]', { hasText: REASON }).waitFor();
    await expect(page.getByRole('button', { name: 'Request extension' }).count()).resolves.toBe(0);
  });

  it('shows the developer the new expiry once the admin approved', async () => {
    await signInAs(page, runtime, 'admin');
    await page.goto(`${runtime.url}/policies/`);
    const pending = page.locator('li[data-request]', { hasText: REASON });
    await pending.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => pending.locator('.badge').textContent(), PAGE_DATA).toBe('approved');

    await signInAs(page, runtime, 'developer-web');
    await page.goto(farmUrl());
    // 10 hours + 48: out of the warning window, the lease line in its plain style.
    await expect.poll(() => leaseLine().getAttribute('data-phase'), PAGE_DATA).toBe('running');
    await expect(leaseLine().textContent()).resolves.toMatch(/^2 d 9 h left/);
    const request = page.locator('li[data-request]', { hasText: REASON });
    await expect(request.textContent()).resolves.toMatch(/approved.*Lease moved to/);
    const farm = (await demoApi(runtime)('GET', `/farms/${runtime.demo.farmId}`)).body;
    expect(Date.parse(farm.leaseExpiresAt) - Date.parse(leaseBefore)).toBe(48 * HOUR_MS);
    await screenshot('laptop-farm-lease-approved');
  });
});
