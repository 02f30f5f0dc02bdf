// Governance policies in the portal, end to end in Debian's Chromium against the in-process
// local runtime: the seeded admin sets "allowed instance types" for AWS in the demo environment
// through the Policies page (the form's own errors first); a developer of team `web` edits the
// demo farm's AWS farm role to a forbidden type, sees the violation explained under the field
// (policy name and allowed values), cannot save it (the 422 is shown), picks an allowed type and
// saves. Along the way: the developer sees no admin-only controls, a developer of another team
// sees the farm read-only, the admin approves a lease extension request, and a read-only user
// sees no lifecycle buttons. Screenshots land in test/e2e/screenshots/.
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
  signInAs,
  startPortalSession,
} from './support/portal-session';

const POLICY = 'Small AWS types';

let session: PortalSession;
let runtime: LocalRuntime;
let page: Page;

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const farmUrl = () => `${runtime.url}/farm/?id=${encodeURIComponent(runtime.demo.farmId)}`;

describe('Governance policies in the portal', () => {
  beforeAll(async () => {
    session = await startPortalSession();
    runtime = session.runtime;
    page = await session.chromium.context.newPage();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lets the IT admin set "allowed instance types" on the Policies page, errors first', async () => {
    await signInAs(page, runtime, 'admin');
    await openAdmin(page, 'Policies');
    await page.waitForURL(/\/policies\/$/);
    await page.getByText('No policies').waitFor();
    await page.getByRole('button', { name: 'New policy' }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('policy-name');
    await page.getByRole('button', { name: 'Save policy' }).click();
    // The shared PolicyInput refused it in the browser: nothing was sent.
    await expect(page.locator('#policy-name-error').textContent()).resolves.toBe('must not be empty');
    await expect(page.locator('#policy-instance-types-error').textContent()).resolves.toBe(
      'at least one instance type',
    );

    await page.getByLabel('Name', { exact: true }).fill(POLICY);
    await page.getByLabel('Platform').selectOption('aws');
    const types = page.getByLabel('Allowed instance types', { exact: true });
    for (const type of ['t3.micro', 't3.small', 'c5.large']) {
      await types.fill(type);
      await types.press('Enter');
    }
    await page.getByRole('button', { name: 'Remove c5.large' }).click();
    await expect(page.locator('#policy-instance-types-error').textContent()).resolves.toBe('');
    await screenshot('laptop-policy-form');
    await page.getByRole('button', { name: 'Save policy' }).click();
    const row = page.locator('tr[data-policy]', { hasText: POLICY });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(
      /Allowed instance types.*AWS.*enabled.*t3\.micro, t3\.small/,
    );

    const stored = (await demoApi(runtime)('GET', `/environments/${runtime.demo.environmentId}/policies`))
      .body.items;
    expect(stored).toMatchObject([
      { name: POLICY, platform: 'aws', enabled: true, rule: { instanceTypes: ['t3.micro', 't3.small'] } },
    ]);
    await page.setViewportSize(VIEWPORTS.phone);
    await expect(elementsPastRightEdge(page)).resolves.toEqual([]);
    await screenshot('phone-policies');
    await page.setViewportSize(VIEWPORTS.laptop);
  });

  it('shows a developer no admin-only controls', async () => {
    await signInAs(page, runtime, 'developer-web');
    await page.goto(`${runtime.url}/policies/`);
    await page.locator('tr[data-policy]', { hasText: POLICY }).waitFor();
    await page.getByText('Read only.').waitFor();
    await expect(page.getByRole('button', { name: 'New policy' }).count()).resolves.toBe(0);
    await expect(page.locator('tr[data-policy]').getByRole('button').count()).resolves.toBe(0);

    await page.goto(`${runtime.url}/credentials/`);
    await page.getByText('You need the permission credentials:manage').waitFor();
    await expect(page.getByRole('button', { name: 'Add credentials' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /Delete/ }).count()).resolves.toBe(0);

    await page.goto(`${runtime.url}/access/`);
    await page.getByText("Only the account's owner and admins manage users").waitFor();
    await expect(page.getByRole('button', { name: 'Add user' }).count()).resolves.toBe(0);
  });

  it('explains the violation on the field, refuses the save with a 422, then saves an allowed type', async () => {
    await page.goto(farmUrl());
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/farm\/edit\/\?id=/);
    const type = page.locator('#fr-0-instanceType');
    await expect(type.inputValue()).resolves.toBe('t3.small');
    await page.locator('#fr-0-instanceType option[value="m5.large"]').waitFor({ state: 'attached' });
    await type.selectOption('m5.large');

    const fieldError = page.locator('#fr-0-instanceType-error');
    await expect
      .poll(() => fieldError.textContent(), { timeout: 5000 })
      .toBe(`Policy '${POLICY}': instance type m5.large is not allowed (allowed: t3.micro, t3.small)`);
    await expect(type.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.locator('.policy-check').getByText('farmRoles[0].instanceType').waitFor();
    await screenshot('laptop-farm-form-policy-violation');

    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'breaks' });
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain(POLICY);
    expect(page.url()).toMatch(/\/farm\/edit\/\?id=/);
    await expect(fieldError.textContent()).resolves.toContain(`Policy '${POLICY}'`);
    const saved = (await demoApi(runtime)('GET', `/farms/${runtime.demo.farmId}`)).body;
    expect(saved.farmRoles[0].instanceType).toBe('t3.small');

    await type.selectOption('t3.micro');
    await expect.poll(() => fieldError.textContent(), { timeout: 5000 }).toBe('');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/farm\/\?id=/);
    const after = (await demoApi(runtime)('GET', `/farms/${runtime.demo.farmId}`)).body;
    expect(after.farmRoles[0].instanceType).toBe('t3.micro');
  });

  it('shows a developer of another team the farm read-only', async () => {
    await signInAs(page, runtime, 'developer-data');
    await page.goto(farmUrl());
    await page.getByText("You may launch only your teams' farms").waitFor();
    for (const name of ['Launch', 'Terminate', 'Suspend', 'Resume', 'Edit'])
      await expect(
        page
          .getByRole('button', { name, exact: true })
          .or(page.getByRole('link', { name, exact: true }))
          .count(),
      ).resolves.toBe(0);
  });

  it('lets the admin approve a lease extension request on the Policies page', async () => {
    await demoApi(runtime)('POST', `/farms/${runtime.demo.farmId}/lease-extensions`, {
      hours: 24,
      reason: 'demo on Friday',
    });
    await signInAs(page, runtime, 'admin');
    await page.goto(`${runtime.url}/policies/`);
    const request = page.locator('li[data-request]', { hasText: 'demo on Friday' });
    await request.waitFor();
    await expect(request.textContent()).resolves.toContain('demo-web: 24 more hours, asked by Demo Owner');
    await request.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => request.locator('.badge').textContent()).toBe('approved');
    const farm = (await demoApi(runtime)('GET', `/farms/${runtime.demo.farmId}`)).body;
    expect(Date.parse(farm.leaseExpiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
  });

  it('shows a read-only user no lifecycle buttons and no New farm', async () => {
    await signInAs(page, runtime, 'read-only');
    await expect(page.getByRole('button', { name: 'New farm' }).isDisabled()).resolves.toBe(true);
    await page.goto(farmUrl());
    await page.getByText('You need the permission farms:launch').waitFor();
    for (const name of ['Launch', 'Terminate', 'Suspend', 'Resume'])
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Edit', exact: true }).count()).resolves.toBe(0);
    await screenshot('laptop-farm-read-only');
  });
});
