// A portal that never misleads, end to end in Debian's Chromium against the in-process local
// runtime, on a 1366×768 laptop and a 390×844 phone: the first visit answers /favicon.ico and logs
// no console error, and the sign-in page names the demo sign-in (the API says it is the local
// runtime); a farm that was never launched reads "Never launched" (list, dashboard, farm page)
// while one launched and terminated reads "Terminated"; the chart of a farm with no servers says
// so instead of "peak 1"; disabled lifecycle buttons look disabled and Terminate stays red; the
// phone's navigation folds behind a Menu button that opens, closes on Escape and works by keyboard.
// Screenshots land in test/e2e/screenshots/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, type LocalRuntime } from '../../local/runtime';
import { VIEWPORTS } from './support/chromium';
import { demoApi } from './support/demo-api';
import { elementsPastRightEdge } from './support/overflow';
import { type PortalSession, SCREENSHOTS, signIn, startPortalSession } from './support/portal-session';

let session: PortalSession;
let runtime: LocalRuntime;
let page: Page;
let relaunchedId: string;

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits as long as a page under a loaded machine may take (expect.poll's own default is 1 s). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });
const farmUrl = (id: string) => `${runtime.url}/farm/?id=${encodeURIComponent(id)}`;
const farmBadge = () => page.locator('.status-line .badge').first();
const lifecycleButton = (name: string) =>
  page.locator('.farm-heading-end').getByRole('button', { name, exact: true });

/** The computed style a person sees, and the value of a CSS custom property for comparison. */
function styleOf(selector: ReturnType<Page['locator']>) {
  return selector.evaluate((el) => {
    const s = getComputedStyle(el);
    const probe = document.createElement('span');
    probe.style.color = 'var(--danger)';
    document.body.append(probe);
    const danger = getComputedStyle(probe).color;
    probe.remove();
    return {
      opacity: s.opacity,
      cursor: s.cursor,
      borderColor: s.borderTopColor,
      color: s.color,
      boxShadow: s.boxShadow,
      danger,
    };
  });
}

describe('a portal that never misleads', () => {
  beforeAll(async () => {
    session = await startPortalSession();
    runtime = session.runtime;
    // A second farm that is launched and terminated at once: it ran (or tried to), so it must read
    // "Terminated", not "Never launched", even if it never reached Running.
    const api = demoApi(runtime);
    const { body: demo } = await api('GET', `/farms/${runtime.demo.farmId}`);
    const { body: created } = await api('POST', `/environments/${runtime.demo.environmentId}/farms`, {
      name: 'relaunched',
      description: 'launched and terminated',
      farmRoles: demo.farmRoles.map(({ id: _id, ...fr }: { id: string }) => fr),
    });
    relaunchedId = created.id;
    await api('POST', `/farms/${relaunchedId}/launch`, undefined, { 'if-match': '*' });
    await api('POST', `/farms/${relaunchedId}/terminate`, undefined, { 'if-match': '*' });
    for (
      let waited = 0;
      (await api('GET', `/farms/${relaunchedId}`)).body.status !== 'Terminated';
      waited++
    ) {
      if (waited > 120) throw new Error('relaunched farm did not reach Terminated within a minute');
      await new Promise((ok) => setTimeout(ok, 500));
    }
  });

  afterAll(async () => {
    await session?.close();
  });

  it('answers /favicon.ico and logs no console error on a first visit, where the sign-in page names the demo sign-in', async () => {
    page = await session.chromium.context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(`${runtime.url}/`);
    await page.waitForURL(/\/sign-in\/$/);
    // .first(): the static HTML's form and the one React swaps in are briefly both there.
    const hint = page.locator('.demo-sign-in-hint').first();
    await hint.waitFor();
    await expect(hint.textContent()).resolves.toBe(
      `Running locally? The demo sign-in is printed by npm start: ${DEMO_EMAIL} / ${DEMO_PASSWORD}.`,
    );

    // What a browser asks for by itself, and what the page declares.
    const ico = await page.request.get(`${runtime.url}/favicon.ico`);
    expect(ico.status()).toBe(200);
    expect(ico.headers()['content-type']).toBe('image/x-icon');
    expect([...(await ico.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const icons = await page
      .locator('link[rel~="icon"]')
      .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    expect(icons.length).toBeGreaterThan(0);
    for (const href of icons) expect((await page.request.get(href)).status(), href).toBe(200);

    await page.waitForLoadState('networkidle');
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await screenshot('laptop-sign-in-local-hint');
  });

  it('shows a farm that was never launched as such in the list, the dashboard and its page, beside one that was', async () => {
    await signIn(page, runtime);
    const badgeIn = (name: string | RegExp) => page.getByRole('row', { name }).locator('.badge');
    await expect(badgeIn(/demo-web/).textContent()).resolves.toBe('Never launched');
    await expect(badgeIn(/relaunched/).textContent()).resolves.toBe('Terminated');
    await screenshot('laptop-farms-never-launched');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const countOf = (status: string) =>
      page.locator('.status-list li', {
        has: page.locator('.badge', { hasText: new RegExp(`^${status}$`) }),
      });
    await poll(() => countOf('Never launched').locator('.status-count').textContent()).toBe('1');
    await expect(countOf('Terminated').locator('.status-count').textContent()).resolves.toBe('1');

    await page.goto(farmUrl(runtime.demo.farmId));
    await poll(() => farmBadge().textContent()).toBe('Never launched');
    await page.goto(farmUrl(relaunchedId));
    await poll(() => farmBadge().textContent()).toBe('Terminated');
  });

  it('says a farm with no servers has none yet, instead of a peak of 1', async () => {
    await page.goto(farmUrl(runtime.demo.farmId));
    const chart = page.locator('figure.sparkline');
    await chart.waitFor();
    await expect(chart.locator('figcaption').textContent()).resolves.toBe('No servers yet');
    await expect(chart.getByRole('img').getAttribute('aria-label')).resolves.toBe(
      'Running servers: no servers yet',
    );
    await expect(chart.textContent()).resolves.not.toMatch(/peak/);
  });

  it('makes disabled lifecycle buttons look disabled, with Terminate still outlined in red', async () => {
    await page.goto(farmUrl(runtime.demo.farmId));
    const launch = lifecycleButton('Launch');
    const terminate = lifecycleButton('Terminate');
    await poll(() => launch.isEnabled()).toBe(true);
    await expect(terminate.isDisabled()).resolves.toBe(true);

    const before = await styleOf(terminate);
    expect(before).toMatchObject({ opacity: '0.5', cursor: 'not-allowed' });
    expect(before.borderColor).toBe(before.danger);
    expect(before.color).toBe(before.danger);
    await terminate.hover({ force: true });
    expect((await styleOf(terminate)).boxShadow).toBe('none');

    // An enabled button does answer the pointer, so the difference is visible.
    const idle = await styleOf(launch);
    expect(idle).toMatchObject({ opacity: '1', cursor: 'pointer', boxShadow: 'none' });
    await launch.hover();
    expect((await styleOf(launch)).boxShadow).not.toBe('none');
    await page.mouse.move(0, 0);
    await page
      .locator('.farm-heading-end')
      .screenshot({ path: path.join(SCREENSHOTS, 'laptop-lifecycle-buttons.png') });
    await screenshot('laptop-farm-never-launched');
  });

  it('keeps the laptop navigation in one row with no Menu button', async () => {
    await page.goto(`${runtime.url}/`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Dashboard' }).waitFor();
    await expect(page.getByRole('button', { name: 'Menu' }).isVisible()).resolves.toBe(false);
    const tops = await nav
      .locator(':scope > a, :scope > details > summary')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
  });

  describe('on a phone', () => {
    beforeAll(async () => {
      await page.setViewportSize(VIEWPORTS.phone);
    });

    it('folds the navigation behind a Menu button that opens, closes on Escape and keeps the header on one line', async () => {
      await page.goto(`${runtime.url}/`);
      await page.getByRole('row', { name: /demo-web/ }).waitFor();
      const menu = page.getByRole('button', { name: 'Menu' });
      // By CSS selector: a closed menu's navigation is hidden, so not found by role.
      const nav = page.locator('nav[aria-label="Main"]');
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(menu.getAttribute('aria-controls')).resolves.toBe(await nav.getAttribute('id'));
      await expect(nav.isVisible()).resolves.toBe(false);
      // One row: brand, Menu and Sign out share a line no taller than the desktop bar.
      const header = await page.locator('.app-header').boundingBox();
      expect(header!.height).toBeLessThanOrEqual(64);
      const rows = await page
        .locator(
          '.app-header .brand, .app-header .nav-toggle, .app-header-end > .button-quiet:not(.nav-toggle)',
        )
        .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top / 10)));
      expect(new Set(rows).size).toBe(1);
      await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
      await screenshot('phone-farms-menu-closed');

      await menu.click();
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
      for (const label of ['Dashboard', 'Farms', 'Roles', 'Scripts', 'Executions'])
        await expect(nav.getByRole('link', { name: label, exact: true }).isVisible()).resolves.toBe(true);
      await nav.getByText('Admin').click();
      await nav.getByRole('link', { name: 'Credentials', exact: true }).waitFor();
      await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
      await screenshot('phone-menu-open');

      await page.keyboard.press('Escape');
      await poll(() => nav.isVisible()).toBe(false);
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(menu.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    });

    it('opens by keyboard, and following a link closes it', async () => {
      const menu = page.getByRole('button', { name: 'Menu' });
      await menu.focus();
      await page.keyboard.press('Enter');
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Dashboard');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/dashboard\/$/);
      await poll(() => menu.getAttribute('aria-expanded')).toBe('false');
      const neverLaunched = page.locator('.status-list li', { hasText: 'Never launched' });
      await poll(() => neverLaunched.locator('.status-count').textContent()).toBe('1');
      await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
      await screenshot('phone-dashboard-never-launched');
    });

    it('shows the never-launched farm, its empty chart and its buttons without sideways scrolling', async () => {
      await page.goto(farmUrl(runtime.demo.farmId));
      await poll(() => farmBadge().textContent()).toBe('Never launched');
      await expect(page.locator('figure.sparkline figcaption').textContent()).resolves.toBe('No servers yet');
      const terminate = lifecycleButton('Terminate');
      const style = await styleOf(terminate);
      expect(style).toMatchObject({ opacity: '0.5', cursor: 'not-allowed' });
      expect(style.borderColor).toBe(style.danger);
      await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
      await screenshot('phone-farm-never-launched');
    });
  });
});
