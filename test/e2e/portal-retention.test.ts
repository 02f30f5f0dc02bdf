// The Admin → Retention page end to end, in Debian's Chromium against the in-process local
// runtime: the owner sees the defaults with their bounds, a value out of bounds is refused under
// its field by the API's own schema before anything is sent, a valid change is saved (and is what
// the store then holds); a developer sees the same days read-only, without a Save button.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, RETENTION_LIMITS } from '../../functions/domain/schemas/retention';
import type { LocalRuntime } from '../../local/runtime';
import {
  openAdmin,
  type PortalSession,
  SCREENSHOTS,
  signIn,
  signInAs,
  startPortalSession,
} from './support/portal-session';

let session: PortalSession;
let runtime: LocalRuntime;
let page: Page;

const AUDIT = `${RETENTION_LIMITS.auditDays.label} (days)`;
const EXECUTIONS = `${RETENTION_LIMITS.executionDays.label} (days)`;

describe('the Retention page', () => {
  beforeAll(async () => {
    session = await startPortalSession();
    runtime = session.runtime;
    page = await session.chromium.context.newPage();
    await signIn(page, runtime);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the defaults with their bounds, refuses an audit shorter than its minimum, saves a valid change', async () => {
    await openAdmin(page, 'Retention');
    await page.getByRole('heading', { name: 'Retention', level: 1 }).waitFor();
    const audit = page.getByLabel(AUDIT);
    await expect(audit.inputValue()).resolves.toBe(String(DEFAULT_RETENTION.auditDays));
    await page.getByText('90 to 3650 days; 400 by default').waitFor();
    await page.getByText('These are the defaults').waitFor();

    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith('/api/v1/account/retention')) puts.push(r.url());
    });
    await audit.fill('30');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page.getByText('must be at least 90 days', { exact: true }).waitFor();
    await expect(audit.getAttribute('aria-invalid')).resolves.toBe('true');
    // Refused by the form itself, with the API's schema: nothing was sent.
    expect(puts).toEqual([]);
    expect((await runtime.deps.store.retention.get(runtime.demo.accountId)).version).toBe(0);

    await audit.fill('730');
    await page.getByLabel(EXECUTIONS).fill('7');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page
      .getByRole('status')
      .getByText(/Saved\. Records written from now on/)
      .waitFor();
    expect(puts).toHaveLength(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'laptop-retention.png'), fullPage: true });
    expect(await runtime.deps.store.retention.get(runtime.demo.accountId)).toMatchObject({
      auditDays: 730,
      executionDays: 7,
      farmEventDays: DEFAULT_RETENTION.farmEventDays,
      version: 1,
    });

    // Read again from the API: the saved days, no longer the defaults.
    await page.reload();
    await expect(page.getByLabel(AUDIT).inputValue()).resolves.toBe('730');
    await page.getByText(/Version 1, saved/).waitFor();
  });

  it('shows a developer the days read-only, with no way to save', async () => {
    await signInAs(page, runtime, 'developer-web');
    await page.goto(`${runtime.url}/retention/`);
    await page
      .getByRole('note')
      .getByText(/Only the account's owner and admins/)
      .waitFor();
    await expect(page.getByLabel(AUDIT).isDisabled()).resolves.toBe(true);
    await expect(page.getByLabel(AUDIT).inputValue()).resolves.toBe('730');
    expect(await page.getByRole('button', { name: 'Save retention' }).count()).toBe(0);
  });
});
