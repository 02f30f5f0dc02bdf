// Sign-in throttling over HTTP on the local runtime: failures are counted per email and per
// address in the Store (DynamoDB, with a TTL), so every Lambda sees them; over the limit the
// route answers 429 with Retry-After even for the right password, and every attempt is in the
// account's audit log (success and failure, never the password).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let anonymous: ApiClient;
const WINDOW_MS = 60_000;
const seeded = (role: string) => rt.demo.users!.find((u) => u.role === role)!;

beforeAll(async () => {
  rt = await startTestRuntime({
    throttles: {
      signInPerEmail: { max: 3, windowMs: WINDOW_MS },
      signInPerAddress: { max: 6, windowMs: WINDOW_MS },
    },
  });
  anonymous = apiClient(rt.apiUrl);
});
afterAll(() => rt?.stop());

describe('POST /api/v1/auth/token throttled', () => {
  it('locks an email out after its failures: 429 with Retry-After, even with the right password', async () => {
    const demo = seeded('owner');
    expect(
      (await anonymous.post('/v1/auth/token', { email: demo.email, password: demo.password })).status,
    ).toBe(200);
    for (let i = 0; i < 3; i++) {
      const wrong = await anonymous.post('/v1/auth/token', { email: demo.email, password: `wrong-${i}` });
      expect(wrong.status).toBe(401);
    }
    const locked = await anonymous.post('/v1/auth/token', { email: demo.email, password: demo.password });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toMatch(/problem\+json/);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    // Another user from the same address is not locked out by this email's failures.
    const admin = seeded('admin');
    expect(
      (await anonymous.post('/v1/auth/token', { email: admin.email, password: admin.password })).status,
    ).toBe(200);
  });

  it('records every attempt in the account’s audit log, without the password', async () => {
    const demo = seeded('owner');
    const entries = (
      await apiClient(rt.apiUrl, rt.demo.token).get(`/v1/audit?resourceId=${demo.userId}&limit=50`)
    ).body.items as { action: string; outcome: number; source: { ip?: string } }[];
    const signIns = entries.filter((e) => e.action === 'signIn');
    expect(signIns.map((e) => e.outcome).sort()).toEqual([200, 401, 401, 401, 429]);
    expect(signIns.every((e) => e.source.ip)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('wrong-');
    expect(JSON.stringify(entries)).not.toContain(demo.password);
  });

  it('locks an address out after failures across emails (unknown ones too)', async () => {
    // 3 failures so far from this address; 3 more on emails nobody has reach the limit of 6.
    for (let i = 0; i < 3; i++)
      expect(
        (await anonymous.post('/v1/auth/token', { email: `nobody-${i}@example.com`, password: 'x' })).status,
      ).toBe(401);
    const viewer = seeded('read-only');
    const locked = await anonymous.post('/v1/auth/token', { email: viewer.email, password: viewer.password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
