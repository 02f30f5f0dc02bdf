// The self-service portal end to end, in Debian's Chromium against the in-process local runtime
// with fast sandbox clouds: create a farm through the form, launch it, watch its servers come
// up, lose one behind Drover's back and see it replaced without reloading, terminate the farm;
// add cloud credentials and test the connection. Screenshots land in test/e2e/screenshots/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { type Chromium, VIEWPORTS } from './support/chromium';
import { demoApi } from './support/demo-api';
import { elementsPastRightEdge } from './support/overflow';
import { type PortalSession, SCREENSHOTS, signIn, startPortalSession } from './support/portal-session';

const FARM_NAME = `shop-${Date.now().toString(36)}`;
const SERVERS_UP_MS = 60_000;

let session: PortalSession;
let runtime: LocalRuntime;
let chromium: Chromium;
/** The farm page stays open across the lifecycle tests, as a person would keep it. */
let farmPage: Page;
let farmId: string;

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The API as the demo user, the way any client would call it. */
const apiCall = (...args: Parameters<ReturnType<typeof demoApi>>) => demoApi(runtime)(...args);

/** The instance ids of the server rows in a status, as the table shows them. */
function instanceIdsIn(page: Page, status: string): Promise<string[]> {
  return page.evaluate(
    (wanted) =>
      [...document.querySelectorAll(`.server-table tbody tr[data-status="${wanted}"]`)].map(
        (row) => row.querySelector('td[data-label="Instance"]')?.textContent ?? '',
      ),
    status,
  );
}

describe('the self-service portal', () => {
  beforeAll(async () => {
    session = await startPortalSession({
      sandboxTimings: { bootMs: 300, shutdownMs: 200 },
      agent: { hostInitDelayMs: 100, hostUpDelayMs: 100 },
      reconcileIntervalMs: 2000,
    });
    ({ runtime, chromium } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('creates a farm through the form, showing a field error first', async () => {
    const page = await chromium.context.newPage();
    await signIn(page, runtime);

    await page.getByRole('link', { name: 'New farm' }).click();
    await page.waitForURL(/\/farm\/edit\/$/);
    await page.getByLabel('Name', { exact: true }).fill(FARM_NAME);
    await page.getByRole('button', { name: 'Add farm role' }).click();
    await page.getByLabel('Alias').fill('front');
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'base-debian (Debian 12)' });
    // The form picks the credentials once the role's images and the environment's credentials
    // have loaded: poll, a busy machine takes more than a moment.
    await expect
      .poll(() => page.getByLabel('Cloud credentials').inputValue(), { timeout: 15_000 })
      .toBe(runtime.demo.awsCredentialsId);
    // Regions, zones and instance types come from the sandbox through the credentials.
    await page.locator('#fr-0-region option[value="us-east-1"]').waitFor({ state: 'attached' });
    await page.getByLabel('Region').selectOption('us-east-1');
    await expect(page.getByLabel('us-east-1a').isChecked()).resolves.toBe(true);
    await page.getByLabel('us-east-1b').check();
    await page.locator('#fr-0-instanceType option[value="t3.small"]').waitFor({ state: 'attached' });
    await page.getByLabel('Instance type').selectOption('t3.small');
    await page.getByLabel('Min instances').fill('3');
    await page.getByLabel('Max instances').fill('2');
    await page.getByRole('button', { name: 'Add volume' }).click();
    await page.getByLabel('Mount point').fill('/data');

    await page.getByRole('button', { name: 'Review changes' }).click();
    const minError = page.locator('#fr-0-minInstances-error');
    await expect(minError.textContent()).resolves.toBe('must not exceed maxInstances (2)');
    // The schema checked it in the browser: nothing was sent, so the field keeps focus.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('fr-0-minInstances');
    await screenshot(page, 'laptop-farm-form-error');

    await page.getByLabel('Min instances').fill('2');
    await page.getByLabel('Max instances').fill('3');
    await expect(minError.textContent()).resolves.toBe('');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Create farm' }).click();
    await page.waitForURL(/\/farm\/\?id=farm-/);
    farmId = new URL(page.url()).searchParams.get('id')!;
    await page.getByRole('heading', { name: FARM_NAME, level: 1 }).waitFor();

    const { body: farm } = await apiCall('GET', `/farms/${farmId}`);
    expect(farm.farmRoles[0]).toMatchObject({
      alias: 'front',
      region: 'us-east-1',
      zones: ['us-east-1a', 'us-east-1b'],
      instanceType: 't3.small',
      minInstances: 2,
      maxInstances: 3,
      volumes: [expect.objectContaining({ mountPoint: '/data', sizeGiB: 20 })],
    });
    farmPage = page;
  });

  it('launches the farm and shows its servers reach Running, with no reload', async () => {
    const page = farmPage;
    await page.evaluate(() => {
      (window as unknown as { stayedOnPage: boolean }).stayedOnPage = true;
    });
    await expect(page.getByRole('button', { name: 'Resume' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Launch' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('.server-table tbody tr[data-status="Running"]').length === 2,
      undefined,
      { timeout: SERVERS_UP_MS },
    );
    expect((await instanceIdsIn(page, 'Running')).every((id) => /^i-[0-9a-f]+$/.test(id))).toBe(true);
    await page.locator('.status-line', { hasText: 'Running' }).waitFor();
    await expect(page.getByRole('button', { name: 'Launch' }).isDisabled()).resolves.toBe(true);
    await page.getByText('HostUp').first().waitFor();
    await screenshot(page, 'laptop-farm-servers');
  });

  it('shows the replacement of an instance killed behind its back appear and reach Running', async () => {
    const page = farmPage;
    const before = await instanceIdsIn(page, 'Running');
    expect(runtime.sandboxes.ec2.kill(before[0]!)).toBe(true);
    await page.waitForFunction(
      (old) => {
        const running = [...document.querySelectorAll('.server-table tbody tr[data-status="Running"]')].map(
          (row) => row.querySelector('td[data-label="Instance"]')?.textContent ?? '',
        );
        return running.length === 2 && running.some((id) => !old.includes(id)) && !running.includes(old[0]!);
      },
      before,
      { timeout: SERVERS_UP_MS },
    );
    await expect(
      page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage),
    ).resolves.toBe(true);
    const { body: servers } = await apiCall('GET', `/farms/${farmId}/servers?status=live`);
    expect(servers.items.filter((s: { status: string }) => s.status === 'Running')).toHaveLength(2);
  });

  it('shows live counts on the farm list and the dashboard, on a laptop and a phone', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/`);
    const row = page.getByRole('row', { name: new RegExp(FARM_NAME) });
    await row.getByText('2 / 2').waitFor();
    await expect(row.getByText('Running').isVisible()).resolves.toBe(true);
    await screenshot(page, 'laptop-farms-live');

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/dashboard\/$/);
    await page.locator('.stat', { hasText: 'Servers running' }).getByText('2', { exact: true }).waitFor();
    await page.locator('.timeline-item').first().waitFor();
    await screenshot(page, 'laptop-dashboard');

    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto(`${runtime.url}/farm/?id=${farmId}`);
    await page.locator('.server-table tbody tr[data-status="Running"]').first().waitFor();
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
    await screenshot(page, 'phone-farm-servers');
    await page.goto(`${runtime.url}/farm/edit/?id=${farmId}`);
    await page.getByLabel('Alias').waitFor();
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
    await screenshot(page, 'phone-farm-form');
    await page.close();
  });

  it('terminates the farm after a confirmation that Escape dismisses', async () => {
    const page = farmPage;
    const terminate = page.getByRole('button', { name: 'Terminate', exact: true });
    await terminate.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Terminate');
    expect((await apiCall('GET', `/farms/${farmId}`)).body.status).toBe('Running');

    await terminate.click();
    await dialog.getByRole('button', { name: 'Terminate farm' }).click();
    await page
      .locator('.status-line .badge', { hasText: /^Terminated$/ })
      .waitFor({ timeout: SERVERS_UP_MS });
    await page.getByText('No live servers.').waitFor({ timeout: SERVERS_UP_MS });
    await expect(page.getByRole('button', { name: 'Launch' }).isEnabled()).resolves.toBe(true);
    await page.close();
  });

  it('explains an edit that lost a race and saves it after reloading, keeping the edits', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/farm/edit/?id=${farmId}`);
    const description = page.getByLabel('Description');
    await description.waitFor();
    await description.fill('mine');
    const { body: current, etag } = await apiCall('GET', `/farms/${farmId}`);
    const { name, leaseExpiresAt, farmRoles } = current;
    await apiCall(
      'PUT',
      `/farms/${farmId}`,
      { name, leaseExpiresAt, farmRoles, description: 'theirs' },
      {
        'if-match': etag!,
      },
    );

    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone changed this farm since you opened it.').waitFor();
    await expect(description.inputValue()).resolves.toBe('mine');
    await page.getByRole('button', { name: 'Reload and re-apply my edits' }).click();
    await page.getByText('They changed: description').waitFor();
    await expect(description.inputValue()).resolves.toBe('mine');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/farm\/\?id=farm-/);
    expect((await apiCall('GET', `/farms/${farmId}`)).body.description).toBe('mine');
    await page.close();
  });

  it('adds AWS credentials through the form and tests the connection to the sandbox', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/credentials/`);
    await page.getByRole('heading', { name: 'sandbox-aws' }).waitFor();
    await page.getByRole('button', { name: 'Add credentials' }).click();
    await page.getByLabel('Name', { exact: true }).fill('e2e-aws');
    await page.getByLabel('Access key ID').fill('AKIAE2ETEST000000001');
    await page.getByLabel('Secret access key').fill('e2e-secret-access-key-0001');
    await page.getByLabel('Endpoint (optional)').fill('not a url');
    await page.getByRole('button', { name: 'Save credentials' }).click();
    await expect(page.locator('#cred-endpoint-error').textContent()).resolves.toBe('must be an http(s) URL');
    await page.getByLabel('Endpoint (optional)').fill(runtime.endpoints.ec2!);
    await page.getByRole('button', { name: 'Save credentials' }).click();

    const card = page.getByRole('article', { name: 'e2e-aws' });
    await card.waitFor();
    expect(await page.content()).not.toContain('e2e-secret-access-key-0001');
    await expect(card.textContent()).resolves.toContain('AKIAE2ETEST000000001');
    await card.getByRole('button', { name: 'Test connection' }).click();
    const result = card.locator('.test-result .notice');
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/^OK · Connected: \d+ regions visible/);
    await screenshot(page, 'laptop-credentials');
    await page.setViewportSize(VIEWPORTS.phone);
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
    await screenshot(page, 'phone-credentials');
    await page.close();
  });
});
