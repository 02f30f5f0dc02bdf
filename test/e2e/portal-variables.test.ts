// The portal's Global Variables end to end, in Debian's Chromium against the in-process local
// runtime: environment variables edited on the Variables page (a hidden one masked, and kept when
// the list is saved again), the farm role's panel on the farm edit page saying why each value is
// what it is, an override there, and the API's refusal of an override of a final variable shown
// under the field. Screenshots land in test/e2e/screenshots/.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { demoApi } from './support/demo-api';
import { type PortalSession, SCREENSHOTS, signIn, startPortalSession } from './support/portal-session';

const SECRET = 'e2e-s3cret-value';

let session: PortalSession;
let runtime: LocalRuntime;
let page: Page;

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Adds a row to an editor and fills its name and value. */
async function addVariable(editor: Locator, index: number, name: string, value: string) {
  await editor.getByRole('button', { name: 'Add variable' }).click();
  await editor.getByLabel(`Name of variable ${index}`).fill(name);
  await editor.getByLabel(`Value of ${name}`).fill(value);
}

describe('the Global Variables pages', () => {
  beforeAll(async () => {
    session = await startPortalSession();
    runtime = session.runtime;
    page = await session.chromium.context.newPage();
    await signIn(page, runtime);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('declares environment variables, masks a hidden one and keeps it when saved again', async () => {
    await page.goto(`${runtime.url}/variables/`);
    const editor = page.locator('form[aria-label^="Environment"]');
    await editor.getByText('No variables declared here.').waitFor();
    await addVariable(editor, 1, 'LOG_LEVEL', 'info');
    await addVariable(editor, 2, 'API_TOKEN', SECRET);
    await editor.getByLabel('hidden API_TOKEN').check();
    await editor.getByRole('button', { name: 'Save variables' }).click();
    await editor
      .getByRole('status')
      .getByText(/Saved the variables/)
      .waitFor();
    await expect(editor.getByLabel('Value of API_TOKEN').inputValue()).resolves.toBe('******');

    await page.reload();
    await expect(
      page.locator('form[aria-label^="Environment"]').getByLabel('Value of API_TOKEN').inputValue(),
    ).resolves.toBe('******');
    expect(await page.content()).not.toContain(SECRET);
    await screenshot('laptop-variables');

    // Saved again with a change elsewhere: the mask goes back and the secret stays.
    const again = page.locator('form[aria-label^="Environment"]');
    await again.getByLabel('Value of LOG_LEVEL').fill('warn');
    await again.getByRole('button', { name: 'Save variables' }).click();
    await again
      .getByRole('status')
      .getByText(/Saved the variables/)
      .waitFor();
    const stored = await runtime.deps.store.variables.get(runtime.demo.accountId, {
      scope: 'environment',
      environmentId: runtime.demo.environmentId,
    });
    expect(stored.variables).toEqual([
      expect.objectContaining({ name: 'LOG_LEVEL', value: 'warn' }),
      expect.objectContaining({ name: 'API_TOKEN', value: SECRET, hidden: true }),
    ]);
  });

  it("shows on the farm edit page why each of a farm role's variables has its value, and overrides one", async () => {
    await page.goto(`${runtime.url}/farm/edit/?id=${runtime.demo.farmId}`);
    const panel = page.locator('section.farm-role-variables', { hasText: 'Variables of web' });
    const logLevel = panel.locator('tr[data-resolved="LOG_LEVEL"]');
    await logLevel.waitFor();
    await expect(logLevel.textContent()).resolves.toMatch(/warn.*environment.*set at environment scope/);
    await expect(panel.locator('tr[data-resolved="API_TOKEN"]').textContent()).resolves.toContain('******');

    const editor = panel.locator('form[aria-label="Farm role web"]');
    await addVariable(editor, 1, 'LOG_LEVEL', 'debug');
    await editor.getByRole('button', { name: 'Save variables' }).click();
    await editor
      .getByRole('status')
      .getByText(/Saved the variables/)
      .waitFor();
    await panel.locator('tr[data-resolved="LOG_LEVEL"]', { hasText: 'debug' }).waitFor();
    await expect(panel.locator('tr[data-resolved="LOG_LEVEL"]').textContent()).resolves.toMatch(
      /debug.*farm role.*set at farm role scope; overrides environment warn/,
    );
    expect(await page.content()).not.toContain(SECRET);
    await screenshot('laptop-farm-role-variables');
  });

  it('shows the refusal of an override of a final variable under the value', async () => {
    const api = demoApi(runtime);
    const envPath = `/environments/${runtime.demo.environmentId}/variables`;
    const read = await api('GET', envPath);
    await api(
      'PUT',
      envPath,
      { variables: [{ name: 'REGION', value: 'eu', final: true }] },
      { 'if-match': read.etag! },
    );
    await page.goto(`${runtime.url}/farm/edit/?id=${runtime.demo.farmId}`);
    const editor = page
      .locator('section.farm-role-variables', { hasText: 'Variables of web' })
      .locator('form[aria-label="Farm role web"]');
    await editor.getByLabel('Value of LOG_LEVEL').waitFor();
    await addVariable(editor, 2, 'REGION', 'us');
    await editor.getByRole('button', { name: 'Save variables' }).click();
    await editor
      .getByText(/REGION is final at environment scope/)
      .first()
      .waitFor();
    await expect(editor.getByLabel('Value of REGION').getAttribute('aria-invalid')).resolves.toBe('true');
  });
});
