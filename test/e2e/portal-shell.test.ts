// The portal shell end to end: the static export served by the local runtime (in-process, port 0,
// in-memory dynalite), driven in Debian's Chromium. Screenshots land in test/e2e/screenshots/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmStatusLabel } from '../../functions/domain/farm-status-label';
import { DEMO_EMAIL, DEMO_PASSWORD, type LocalRuntime } from '../../local/runtime';
import { type Chromium, VIEWPORTS } from './support/chromium';
import { demoApi } from './support/demo-api';
import {
  DEMO_USER,
  type PortalSession,
  SCREENSHOTS,
  startPortalSession,
  submitSignIn,
} from './support/portal-session';

let session: PortalSession;
let runtime: LocalRuntime;
let chromium: Chromium;
let demoFarmRoleAliases: string[];

/** The API as the demo user, the way any client would call it. */
const apiCall = (...args: Parameters<ReturnType<typeof demoApi>>) => demoApi(runtime)(...args);

/** The seeded demo farm spans the sandbox clouds: a `web` tier on AWS and `worker`s on GCE. */
async function demoFarmAliases(): Promise<string[]> {
  const { body: farm } = await apiCall('GET', `/farms/${runtime.demo.farmId}`);
  return farm.farmRoles.map((fr: { alias: string }) => fr.alias);
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function hasHorizontalOverflow(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

describe('the portal shell', () => {
  beforeAll(async () => {
    session = await startPortalSession();
    ({ runtime, chromium } = session);
    demoFarmRoleAliases = await demoFarmAliases();
    expect(demoFarmRoleAliases.length).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/`);
    await page.waitForURL(/\/sign-in\/$/);
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("shows the API's answer next to the form when the password is wrong", async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/sign-in/`);
    await submitSignIn(page, { ...DEMO_USER, password: 'not-the-password' });
    const notice = page.locator('.notice-error');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Wrong email or password');
    expect(page.url()).toMatch(/\/sign-in\/$/);
    await screenshot(page, 'laptop-sign-in-error');
    await page.close();
  });

  it('validates the form with the schema before calling the API', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/sign-in/`);
    await submitSignIn(page, { email: 'not an email', password: '' });
    await expect(page.locator('#sign-in-email-error').textContent()).resolves.toBe(
      'must be an email address',
    );
    await expect(page.locator('#sign-in-password-error').textContent()).resolves.toBe('must not be empty');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });

  it('signs the demo user in with the keyboard alone and lists the demo farm', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/`);
    await page.waitForURL(/\/sign-in\/$/);
    // The keyboard is faster than the script: type only once the real form is live.
    await page.locator('button[type="submit"]:enabled').waitFor();
    await page.getByLabel('Email').focus();
    await page.keyboard.type(DEMO_EMAIL);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${runtime.url}/`);

    const row = page.getByRole('row', { name: /demo-web/ });
    await row.waitFor();
    const { body: farm } = await apiCall('GET', `/farms/${runtime.demo.farmId}`);
    // The words the portal shows for it: a demo farm never launched reads "Never launched".
    expect(await row.textContent()).toContain(farmStatusLabel(farm));
    expect(await row.getByRole('cell').nth(2).textContent()).toBe(String(demoFarmRoleAliases.length));
    await expect(page.getByLabel('Environment').inputValue()).resolves.toBe(runtime.demo.environmentId);
    await expect(page.locator('.account-name').textContent()).resolves.toBe('Demo');
    await screenshot(page, 'laptop-farms');
    await page.close();
  });

  it("opens the demo farm and shows its farm roles' spec and counts", async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/`);
    await page.getByRole('link', { name: 'demo-web' }).click();
    await page.waitForURL(/\/farm\/\?id=farm-/);
    for (const alias of demoFarmRoleAliases)
      await page.getByRole('heading', { name: alias, level: 3 }).waitFor();
    const web = page.getByRole('article', { name: 'web' });
    // Role and credentials names arrive after the farm: ids show until then.
    await web.getByText('base-debian').waitFor();
    await web.getByText('sandbox-aws').waitFor();
    const text = await web.textContent();
    expect(text).toContain('AWS EC2');
    expect(text).toContain('us-east-1a, us-east-1b');
    expect(text).toContain('t3.small');
    expect(text).toContain('min 2, max 4');
    expect(text).toContain('50 GiB gp3 at /data');
    expect(await page.getByRole('article', { name: 'worker' }).textContent()).toContain(
      'Google Compute Engine',
    );
    await page
      .getByText(/running of/)
      .first()
      .waitFor();
    const { body: status } = await apiCall('GET', `/farms/${runtime.demo.farmId}/status`);
    await expect(page.locator('.status-line').textContent()).resolves.toContain(status.convergence);
    await screenshot(page, 'laptop-farm');
    await page.close();
  });

  it('remembers the chosen environment across visits', async () => {
    const { body: staging } = await apiCall('POST', '/environments', {
      name: 'staging',
      description: 'Pre-production',
    });
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/`);
    await page.getByRole('row', { name: /demo-web/ }).waitFor();
    await page.getByLabel('Environment').selectOption({ label: 'staging' });
    await page.getByText('No farms in staging yet.').waitFor();
    await page.reload();
    await page.getByText('No farms in staging yet.').waitFor();
    await expect(page.getByLabel('Environment').inputValue()).resolves.toBe(staging.id);
    await page.getByLabel('Environment').selectOption({ label: 'demo' });
    await page.getByRole('row', { name: /demo-web/ }).waitFor();
    await page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await chromium.context.newPage();
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto(`${runtime.url}/`);
    await page.getByRole('link', { name: 'demo-web' }).waitFor();
    expect(await hasHorizontalOverflow(page)).toBe(false);
    await screenshot(page, 'phone-farms');
    await page.getByRole('link', { name: 'demo-web' }).click();
    await page.getByRole('heading', { name: demoFarmRoleAliases[0], level: 3 }).waitFor();
    await page
      .getByText(/running of/)
      .first()
      .waitFor();
    expect(await hasHorizontalOverflow(page)).toBe(false);
    await screenshot(page, 'phone-farm');
    await page.close();
  });

  it('sends the user back to sign in, then to where they were, when the API refuses the token', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/sign-in/`);
    await page.evaluate(() =>
      localStorage.setItem(
        'drover.session',
        JSON.stringify({ accessToken: 'revoked', expiresAt: new Date(Date.now() + 3_600_000).toISOString() }),
      ),
    );
    const farmUrl = `${runtime.url}/farm/?id=${runtime.demo.farmId}`;
    await page.goto(farmUrl);
    await page.waitForURL(/\/sign-in\/\?next=/);
    await submitSignIn(page, DEMO_USER);
    await page.waitForURL(farmUrl);
    await page.getByRole('heading', { name: 'demo-web', level: 1 }).waitFor();
    await page.close();
  });

  it('signs out and stays out', async () => {
    // The browser profile still holds the session of the previous test.
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/`);
    await page.getByRole('row', { name: /demo-web/ }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\/$/);
    await page.goto(`${runtime.url}/`);
    await page.waitForURL(/\/sign-in\/$/);
    await screenshot(page, 'laptop-sign-in');
    await page.close();
  });
});
