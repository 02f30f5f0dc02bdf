// The portal's webhooks pages end to end, in Debian's Chromium against the in-process local
// runtime (not hosted, so a receiver on 127.0.0.1 is allowed): add an endpoint and see its
// signing secret once, subscribe a webhook to FarmLaunched, send a test event and a real one to
// a local HTTP receiver that checks the signature, then redeliver through a failing answer and
// see every attempt in the history. Screenshots land in test/e2e/screenshots/.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { VIEWPORTS } from './support/chromium';
import { demoApi } from './support/demo-api';
import { elementsPastRightEdge } from './support/overflow';
import {
  openAdmin,
  type PortalSession,
  SCREENSHOTS,
  signIn,
  startPortalSession,
} from './support/portal-session';

const FARM_UP_MS = 30_000;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1:0 that records every request and can be told to fail. */
class Receiver {
  readonly requests: Received[] = [];
  /** Answer 500 to this many of the next requests. */
  failNext = 0;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver down for a moment');
        } else res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/drover`;
  }

  of(event: string): Received[] {
    return this.requests.filter((r) => r.headers['drover-event'] === event);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The receiver's side of the Stripe-style scheme: v1 = HMAC-SHA256(secret, "<timestamp>.<body>"). */
function signedWith(secret: string, request: Received): boolean {
  const timestamp = String(request.headers['drover-timestamp']);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex');
  return String(request.headers['drover-signature'])
    .split(',')
    .some((part) => part.trim() === `v1=${expected}`);
}

let session: PortalSession;
let runtime: LocalRuntime;
const receiver = new Receiver();
let page: Page;
let secret: string;

/** The API as the demo user, the way any client would call it. */
const apiCall = (...args: Parameters<ReturnType<typeof demoApi>>) => demoApi(runtime)(...args);

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the webhooks pages', () => {
  beforeAll(async () => {
    await receiver.start();
    session = await startPortalSession({
      sandboxTimings: { bootMs: 300, shutdownMs: 200 },
      agent: { hostInitDelayMs: 100, hostUpDelayMs: 100 },
      reconcileIntervalMs: 1000,
      // Retries within a second, so a redelivery through one 500 finishes while the test watches.
      webhooks: { retry: { baseDelayMs: 300, maxDelayMs: 1000 } },
    });
    runtime = session.runtime;
    page = await session.chromium.context.newPage();
    await signIn(page, runtime);
  });

  afterAll(async () => {
    await session?.close();
    await receiver.stop();
  });

  it('adds an endpoint and shows its signing secret once', async () => {
    await openAdmin(page, 'Webhooks');
    await page.waitForURL(/\/webhooks\/$/);
    await page.getByText('No endpoints yet').waitFor();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('endpoint-url');
    await page.getByLabel('URL').fill('ftp://example.com/hooks');
    await page.getByLabel('Custom headers (optional)').fill('X-Team: ops\nDrover-Event: spoofed');
    await page.getByRole('button', { name: 'Save endpoint' }).click();
    // The shared schema refused both in the browser; nothing was sent.
    await expect(page.locator('#endpoint-url-error').textContent()).resolves.toBe('must be an http(s) URL');
    await expect(page.locator('#endpoint-headers-error').textContent()).resolves.toBe(
      'Drover-Event Drover-* headers are reserved for the signature',
    );
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('endpoint-url');
    await page.getByLabel('URL').fill(receiver.url);
    await page.getByLabel('Description').fill('e2e receiver');
    await page.getByLabel('Custom headers (optional)').fill('X-Team: ops');
    await page.getByLabel('Timeout (seconds)').fill('3');
    await page.getByRole('button', { name: 'Save endpoint' }).click();

    const dialog = page.getByRole('dialog', { name: 'Endpoint added' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('it will not be shown again');
    secret = await dialog.getByLabel('Signing secret').inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await dialog.getByText(/Copied to the clipboard|Selected: press/).waitFor();
    await screenshot('laptop-webhooks-secret');
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.locator(`tr[data-endpoint]`, { hasText: receiver.url });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(`…${secret.slice(-4)}`);
    await expect(row.textContent()).resolves.toContain('enabled');
    expect(await page.content()).not.toContain(secret);
    const [endpoint] = (await apiCall('GET', `/environments/${runtime.demo.environmentId}/webhook-endpoints`))
      .body.items;
    // Header values are write-only: the API names them and masks the value.
    expect(endpoint).toMatchObject({ url: receiver.url, headers: { 'X-Team': '******' }, timeoutSeconds: 3 });
  });

  it('creates a webhook for FarmLaunched of the demo farm, asking for an event first', async () => {
    await page.getByRole('button', { name: 'New webhook' }).click();
    await page.getByLabel('Name', { exact: true }).fill('launches');
    await page.getByLabel(receiver.url).check();
    await page.getByLabel('Attempt limit').fill('2');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await expect(page.locator('#webhook-events-error').textContent()).resolves.toBe(
      'name at least one event',
    );
    await page.getByLabel('FarmLaunched').check();
    await page.getByLabel('demo-web').check();
    await expect(page.locator('#webhook-events-error').textContent()).resolves.toBe('');
    await screenshot('laptop-webhook-form');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const row = page.locator('tr[data-webhook]', { hasText: 'launches' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/FarmLaunched.*demo-web.*2/);
  });

  it('sends a test event: the receiver gets a signed request and the row shows the outcome', async () => {
    const row = page.locator('tr[data-endpoint]', { hasText: receiver.url });
    await row.getByRole('button', { name: 'Send test event' }).click();
    const outcome = row.locator('.endpoint-test.notice');
    await outcome.waitFor();
    await expect(outcome.textContent()).resolves.toMatch(/^Test event delivered · HTTP 200 · \d+ ms$/);
    const [test] = receiver.of('WebhookTest');
    expect(test).toBeDefined();
    expect(signedWith(secret, test!)).toBe(true);
    expect(signedWith('not-the-secret', test!)).toBe(false);
    expect(test!.headers['x-team']).toBe('ops');
  });

  it('shows the FarmLaunched delivery, then a redelivery through one 500 with every attempt', async () => {
    await apiCall('POST', `/farms/${runtime.demo.farmId}/launch`);
    // The farm's servers boot in the sandboxes; FarmLaunched follows when they are all up.
    const deadline = Date.now() + FARM_UP_MS;
    while (!receiver.of('FarmLaunched').length && Date.now() < deadline) await page.waitForTimeout(250);
    await page.getByRole('link', { name: 'History of launches' }).click();
    await page.waitForURL(/\/webhooks\/history\/\?id=wh-/);
    await page.getByRole('heading', { name: 'launches: deliveries' }).waitFor();
    const delivered = page.locator('tr.delivery-row[data-status="succeeded"]', { hasText: 'FarmLaunched' });
    await delivered.waitFor();
    const [launched] = receiver.of('FarmLaunched');
    expect(signedWith(secret, launched!)).toBe(true);
    expect(JSON.parse(launched!.body).event).toMatchObject({
      name: 'FarmLaunched',
      farmId: runtime.demo.farmId,
    });
    await expect(delivered.textContent()).resolves.toContain('1 / 2');

    receiver.failNext = 1;
    await delivered.getByRole('button', { name: 'Redeliver' }).click();
    // A fresh round of 2 attempts (3 in all); the retry follows within a second and the page polls
    // every 5 s while the delivery is unfinished.
    const row = page.locator('tr.delivery-row', { hasText: 'FarmLaunched' });
    await page
      .locator('tr.delivery-row[data-status="succeeded"]', { hasText: '3 / 3' })
      .waitFor({ timeout: 15_000 });
    await expect(row.textContent()).resolves.toContain('HTTP 200');
    const attempts = page.locator('.attempts-row:not([hidden]) .attempt');
    await expect(attempts.count()).resolves.toBe(3);
    await expect(attempts.nth(1).textContent()).resolves.toMatch(/failed.*HTTP 500/);
    await expect(attempts.nth(1).locator('.attempt-excerpt').textContent()).resolves.toBe(
      'receiver down for a moment',
    );
    await expect(attempts.nth(2).textContent()).resolves.toMatch(/succeeded.*HTTP 200/);
    const ids = new Set(receiver.of('FarmLaunched').map((r) => r.headers['drover-delivery']));
    expect(receiver.of('FarmLaunched')).toHaveLength(3);
    expect(ids.size).toBe(1);
    await screenshot('webhooks');

    await page.setViewportSize(VIEWPORTS.phone);
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
    await screenshot('phone-webhooks-history');
    await page.setViewportSize(VIEWPORTS.laptop);
  });

  it('rotates the secret after a confirmation and shows the new one once', async () => {
    await openAdmin(page, 'Webhooks');
    await page.waitForURL(/\/webhooks\/$/);
    const row = page.locator('tr[data-endpoint]', { hasText: receiver.url });
    await row.getByRole('button', { name: 'Rotate secret' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate the signing secret?' })
      .getByRole('button', { name: 'Rotate secret' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'New signing secret' });
    await dialog.waitFor();
    const rotated = await dialog.getByLabel('Signing secret').inputValue();
    expect(rotated).not.toBe(secret);
    await expect(dialog.textContent()).resolves.toContain('The previous secret keeps signing too');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('old one signs until').waitFor();
    await expect(row.textContent()).resolves.toContain(`…${rotated.slice(-4)}`);
    await screenshot('laptop-webhooks');
    await page.setViewportSize(VIEWPORTS.phone);
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
    await screenshot('phone-webhooks');
  });
});
