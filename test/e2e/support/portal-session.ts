// The set-up every portal e2e file shares: the portal export built, the in-process local runtime
// on port 0 serving it, Debian's Chromium, and signing a user in through the real sign-in form.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  DEMO_EMAIL,
  DEMO_PASSWORD,
  type LocalRuntime,
  type LocalRuntimeOptions,
  startLocalRuntime,
} from '../../../local/runtime';
import type { SeedRole } from '../../../local/seed-access';
import { type Chromium, launchChromium } from './chromium';
import { ensurePortalBuilt, REPO_ROOT } from './portal-build';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test/e2e/screenshots');

export interface Credentials {
  email: string;
  password: string;
}

export const DEMO_USER: Credentials = { email: DEMO_EMAIL, password: DEMO_PASSWORD };

/** Fills the sign-in form on the current page and submits it; where it leads is the caller's to check. */
export async function submitSignIn(page: Page, { email, password }: Credentials): Promise<void> {
  // The form is server-rendered: typing before it is hydrated would be lost.
  await page.locator('button[type="submit"]:enabled').waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the sign-in page (the demo user by default) and waits for the farm list. */
export async function signIn(
  page: Page,
  runtime: LocalRuntime,
  user: Credentials = DEMO_USER,
): Promise<void> {
  await page.goto(`${runtime.url}/sign-in/`);
  await submitSignIn(page, user);
  await page.getByRole('row', { name: /demo-web/ }).waitFor();
}

/** Signs in as one of the seeded demo users (see local/seed-access), forgetting any earlier session. */
export async function signInAs(page: Page, runtime: LocalRuntime, role: SeedRole): Promise<void> {
  const user = runtime.demo.users?.find((u) => u.role === role);
  if (!user) throw new Error(`no seeded ${role}`);
  await page.goto(`${runtime.url}/sign-in/`);
  await page.evaluate(() => window.localStorage.clear());
  await signIn(page, runtime, user);
}

/** Opens a page of the header's Admin menu by its label, the way a person would. */
export async function openAdmin(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByText('Admin').click();
  await nav.getByRole('link', { name: label, exact: true }).click();
}

export interface PortalSession {
  runtime: LocalRuntime;
  chromium: Chromium;
  close(): Promise<void>;
}

/** Builds the portal if stale, starts the runtime serving it (in memory, port 0) and launches Chromium. */
export async function startPortalSession(
  options: Omit<LocalRuntimeOptions, 'port' | 'inMemory' | 'portalDir'> = {},
): Promise<PortalSession> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const portalDir = ensurePortalBuilt();
  const runtime = await startLocalRuntime({ ...options, port: 0, inMemory: true, portalDir });
  let chromium: Chromium;
  try {
    chromium = await launchChromium();
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  return {
    runtime,
    chromium,
    async close() {
      await chromium.close();
      await runtime.stop();
    },
  };
}
