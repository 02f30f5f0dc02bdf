// The portal's Global Orchestration pages end to end, in Debian's Chromium against the in-process
// local runtime whose sandbox servers run the REAL drover-agent as a child process each: write a
// script through the form (an error first, then a second version and the first one viewed), an
// environment-scope HostUp rule through the rule form, launch the demo farm and watch its
// Orchestration panel fill with executions that succeed, open one and read the real output, see a
// server's executions from the server table, fire a custom event, and have the delete of a script
// in use refused with the rule that uses it, and the rule edited to pin a version. (The
// BeforeHostUp abort flow is in test/integration/orchestration-flow.test.ts, over the API.)
// Screenshots land in test/e2e/screenshots/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { VIEWPORTS } from './support/chromium';
import { demoApi } from './support/demo-api';
import { elementsPastRightEdge } from './support/overflow';
import { type PortalSession, SCREENSHOTS, signIn, startPortalSession } from './support/portal-session';

const FARM_UP_MS = 60_000;
const SCRIPT = 'hello-e2e';

let session: PortalSession;
let runtime: LocalRuntime;
let page: Page;
let scratch: string;

const apiCall = (...args: Parameters<ReturnType<typeof demoApi>>) => demoApi(runtime)(...args);

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function onPhone(name: string) {
  await page.setViewportSize(VIEWPORTS.phone);
  await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
  await screenshot(`phone-${name}`);
  await page.setViewportSize(VIEWPORTS.laptop);
}

describe('the orchestration pages', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'drover-portal-orchestration-'));
    session = await startPortalSession({
      sandboxTimings: { bootMs: 300, shutdownMs: 200 },
      reconcileIntervalMs: 1000,
      agent: {
        mode: 'process',
        hostInitDelayMs: 100,
        hostUpDelayMs: 100,
        agentEnv: {
          DROVER_AGENT_STOP_GRACE_MS: '500',
          DROVER_AGENT_METRICS_MS: '0',
          DROVER_AGENT_WORK_DIR: scratch,
        },
      },
    });
    runtime = session.runtime;
    page = await session.chromium.context.newPage();
    await signIn(page, runtime);
  });

  afterAll(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('writes a script through the form, keeps every save as a version and shows an old one', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scripts' }).click();
    await page.waitForURL(/\/scripts\/$/);
    await page.getByText('No scripts yet').waitFor();
    await page.getByRole('link', { name: 'New script' }).click();
    await page.waitForURL(/\/scripts\/edit\/$/);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('script-name');

    await page.getByRole('button', { name: 'Create script' }).click();
    await expect(page.locator('#script-name-error').textContent()).resolves.toBe('must not be empty');
    await screenshot('laptop-script-form-error');

    await page.getByLabel('Name').fill(SCRIPT);
    await page.getByLabel('Description').fill('says hello from each new server');
    await page
      .getByLabel('Body')
      .fill('#!/bin/sh\necho "hello v1 from $DROVER_SERVER_ID on $DROVER_FARM_ROLE_ALIAS"\n');
    await expect(page.locator('#script-interpreter-hint').textContent()).resolves.toContain('/bin/sh');
    await page.getByRole('button', { name: 'Create script' }).click();
    await page.waitForURL(/\/scripts\/edit\/\?id=scr-/);
    await page.getByText(`Saved ${SCRIPT} as version 1.`).waitFor();

    await page
      .getByLabel('Body')
      .fill('#!/bin/sh\necho "hello from $DROVER_SERVER_ID on $DROVER_FARM_ROLE_ALIAS"\nuname -s\n');
    await page.getByRole('button', { name: 'Save as v2' }).click();
    await page.getByText(`Saved ${SCRIPT} as version 2.`).waitFor();
    const versions = page.getByRole('table', { name: 'Versions' });
    await versions.locator('tbody tr', { hasText: 'v2' }).waitFor();
    await expect(versions.locator('tbody tr').count()).resolves.toBe(2);

    await page.getByRole('button', { name: 'View version 1' }).click();
    await page.waitForURL(/&version=1$/);
    await page.locator('.version-view pre', { hasText: 'hello v1 from' }).waitFor();
    await screenshot('laptop-script-versions');
    await onPhone('script-versions');
  });

  it('creates an environment-scope HostUp rule through the rule form', async () => {
    await page.getByRole('link', { name: '← Scripts' }).click();
    await page.waitForURL(/\/scripts\/$/);
    await page.getByRole('row', { name: new RegExp(SCRIPT) }).waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    await page.locator('#rule-form-heading').waitFor();

    // Abort on failure is offered for BeforeHostUp only.
    await page.locator('#rule-event').selectOption('BeforeHostUp');
    await page.getByLabel(/Abort the launch when it fails/).waitFor();
    await page.locator('#rule-event').selectOption('HostUp');
    await expect(page.getByLabel(/Abort the launch when it fails/).count()).resolves.toBe(0);

    await expect(page.locator('#rule-scope').inputValue()).resolves.toBe('environment');
    await expect(page.locator('#rule-environment').inputValue()).resolves.toBe(runtime.demo.environmentId);
    await page.locator('#rule-script').selectOption({ label: SCRIPT });
    await page.getByRole('button', { name: 'Create rule' }).click();
    await page.getByText(`Saved: On HostUp in environment demo run ${SCRIPT} (latest).`).waitFor();
    const rules = page.getByRole('table', { name: 'Orchestration rules' });
    await rules.getByRole('row', { name: /On HostUp in environment demo/ }).waitFor();
    await screenshot('laptop-scripts');
    await onPhone('scripts');

    const stored = await apiCall('GET', '/orchestration-rules');
    expect((stored.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        scope: { kind: 'environment', environmentId: runtime.demo.environmentId },
        event: 'HostUp',
        scriptVersion: null,
        abortOnFailure: false,
      }),
    ]);
  });

  it('launches the farm and shows each server run the script in the Orchestration panel, with its output', async () => {
    await page.goto(`${runtime.url}/farm/?id=${runtime.demo.farmId}`);
    const panel = page.getByRole('table', { name: 'Script executions' });
    await page.getByText('No scripts have run on this farm yet').waitFor();
    await page.getByRole('button', { name: 'Launch' }).click();
    // Three servers (web ×2, worker ×1), each with its own agent process running the script.
    await page.waitForFunction(
      () => document.querySelectorAll('.execution-table tbody tr[data-status="succeeded"]').length >= 3,
      undefined,
      { timeout: FARM_UP_MS },
    );
    await expect(panel.locator('tbody tr').first().textContent()).resolves.toContain('HostUp');
    await expect(panel.locator('tbody tr').first().textContent()).resolves.toContain('v2');
    await screenshot('laptop-farm-orchestration');
    await page.getByRole('heading', { name: 'Orchestration' }).scrollIntoViewIfNeeded();
    await onPhone('farm-orchestration');

    await panel
      .locator('tbody tr[data-status="succeeded"]')
      .first()
      .getByRole('link', { name: SCRIPT, exact: true })
      .click();
    await page.waitForURL(/\/executions\/\?id=exe-/);
    const stdout = page.locator('#execution-stdout');
    await stdout.filter({ hasText: /hello from srv-[0-9a-z]+ on (web|worker)/ }).waitFor();
    await expect(stdout.textContent()).resolves.toContain('Linux');
    await expect(page.locator('.facts').textContent()).resolves.toContain('succeeded');
    // Output keeps its whitespace: the lines are lines.
    await expect(stdout.evaluate((el) => getComputedStyle(el).whiteSpace)).resolves.toBe('pre');
    await screenshot('laptop-execution');
    await onPhone('execution');
  });

  it("lists one server's executions from the server table", async () => {
    await page.goto(`${runtime.url}/farm/?id=${runtime.demo.farmId}`);
    const row = page.locator('.server-table tbody tr[data-status="Running"]').first();
    await row.getByRole('link', { name: /Scripts/ }).click();
    await page.waitForURL(/\/executions\/\?farmId=farm-.*&serverId=srv-/);
    await page.getByRole('heading', { name: /Executions on (web|worker) #\d/ }).waitFor();
    const table = page.getByRole('table', { name: /Executions on/ });
    await table.locator('tbody tr[data-status="succeeded"]', { hasText: SCRIPT }).waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(1);
  });

  it('fires a custom event on the farm, the name checked first', async () => {
    await page.goto(`${runtime.url}/farm/?id=${runtime.demo.farmId}`);
    await page.getByRole('button', { name: 'Fire event' }).click();
    const dialog = page.getByRole('dialog', { name: /Fire an event on demo-web/ });
    await dialog.getByLabel('Event name').fill('deploy finished');
    await dialog.getByLabel('Payload (JSON)').fill('{"release": "1.4.2"}');
    await dialog.getByRole('button', { name: 'Fire event' }).click();
    await expect(dialog.locator('#fire-event-name-error').textContent()).resolves.toMatch(
      /letters and digits/,
    );
    await dialog.getByLabel('Event name').fill('DeployFinished');
    await dialog.getByRole('button', { name: 'Fire event' }).click();
    await page.getByText('Fired DeployFinished').waitFor();
    await page.locator('.timeline').getByText('DeployFinished').first().waitFor();
    const log = await apiCall('GET', `/farms/${runtime.demo.farmId}/events`);
    expect((log.body as { items: { name: string; payload: unknown }[] }).items[0]).toMatchObject({
      name: 'DeployFinished',
      payload: { release: '1.4.2' },
    });
  });

  it('refuses to delete a script a rule uses and shows that rule', async () => {
    await page.goto(`${runtime.url}/scripts/`);
    const row = page.getByRole('row', { name: new RegExp(SCRIPT) }).first();
    await row.getByRole('button', { name: `Delete ${SCRIPT}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete script' }).click();
    await row.getByText('Conflict').waitFor();
    await row
      .getByRole('list', { name: `Rules using ${SCRIPT}` })
      .getByText(`On HostUp in environment demo run ${SCRIPT} (latest)`)
      .waitFor();
    await screenshot('laptop-script-in-use');
    const scripts = await apiCall('GET', '/scripts');
    expect((scripts.body as { items: { name: string }[] }).items.map((s) => s.name)).toEqual([SCRIPT]);
  });

  it('edits the rule to pin the first version', async () => {
    await page.getByRole('button', { name: /^Edit rule: On HostUp/ }).click();
    await expect(page.locator('#rule-version').inputValue()).resolves.toBe('');
    await page.locator('#rule-version').selectOption('1');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText(`Saved: On HostUp in environment demo run ${SCRIPT} (v1).`).waitFor();
    const stored = await apiCall('GET', '/orchestration-rules');
    expect((stored.body as { items: { scriptVersion: number | null; version: number }[] }).items).toEqual([
      expect.objectContaining({ scriptVersion: 1, version: 2 }),
    ]);
  });
});
