// The portal's Sign up page in Chromium: reached from the sign-in page, checked in the browser with
// the API's own schema (field errors under their fields, the repeated password), the API's 409 for
// a taken email shown as a problem, then a new account signed in to at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import type { Chromium } from './support/chromium';
import { type PortalSession, startPortalSession } from './support/portal-session';

let session: PortalSession;
let runtime: LocalRuntime;
let chromium: Chromium;

beforeAll(async () => {
  session = await startPortalSession({ throttles: { signUpPerAddress: { max: 100, windowMs: 60_000 } } });
  ({ runtime, chromium } = session);
}, 600_000);
afterAll(() => session?.close());

describe('the Sign up page', () => {
  it('validates with the API schema, shows a taken email, and signs the new owner in', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/sign-in/`);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Sign up' }).waitFor();

    const submit = () => page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    await submit();
    await page.locator('#sign-up-accountName-error').getByText(/.+/).waitFor();
    await page.locator('#sign-up-email-error').getByText(/.+/).waitFor();
    await page.getByText('must be at least 10 characters').waitFor();

    await page.getByLabel('Account name').fill('Portal Co');
    await page.getByLabel('Email').fill('demo@drover.local');
    await page.getByLabel('Password', { exact: true }).fill('Portal-sign-up-42!');
    await page.getByLabel('Repeat the password').fill('Portal-sign-up-41!');
    await submit();
    await page.getByText('does not match the password').waitFor();

    await page.getByLabel('Repeat the password').fill('Portal-sign-up-42!');
    await submit();
    await page.getByText(/already signs in with this email/).waitFor();

    const email = `portal-${process.pid}-${Date.now()}@example.com`;
    await page.getByLabel('Email').fill(email);
    await submit();
    await page.waitForURL(`${runtime.url}/`);
    // The dashboard's first reads finish before the runtime stops (no request cut off mid-query).
    await page.waitForLoadState('networkidle');
    const accounts = (
      await apiClient(runtime.apiUrl, runtime.operatorToken).get('/v1/operator/accounts?limit=200')
    ).body.items as { name: string; ownerEmails: string[] }[];
    expect(accounts.find((a) => a.name === 'Portal Co')?.ownerEmails).toEqual([email]);
    await page.close();
  }, 120_000);
});
