// `drover retention` with the real CLI process against the local runtime: the days per kind with
// bounds and defaults (table and JSON), a change of one kind kept beside the others, a value out
// of bounds refused as a usage error naming the flag before anything is sent, and a developer's
// change refused by the API (403) with the auth exit code. No terminal, so no colour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../functions/domain/schemas/retention';
import type { LocalRuntime } from '../../local/runtime';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;

beforeAll(async () => {
  rt = await startTestRuntime();
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
});
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });

describe('drover retention', () => {
  it('prints the days per kind with their bounds and defaults', async () => {
    const res = await drover('retention', 'get');
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^KIND\s+DAYS\s+BOUNDS\s+DEFAULT\s+FLAG$/);
    expect(lines.find((l) => l.startsWith('Audit entries'))).toMatch(/400\s+90-3650\s+400\s+--audit-days$/);
    const json = JSON.parse((await drover('retention', '-o', 'json')).stdout);
    expect(json).toMatchObject({ ...DEFAULT_RETENTION, version: 0 });
  });

  it('changes the kinds named and keeps the others', async () => {
    const res = await drover('retention', 'set', '--execution-days', '7', '--audit-days', '730');
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('records written from now on are kept this long');
    expect(await rt.deps.store.retention.get(rt.demo.accountId)).toMatchObject({
      ...DEFAULT_RETENTION,
      executionDays: 7,
      auditDays: 730,
      version: 1,
    });
  });

  it('refuses a value out of bounds as a usage error naming the flag, sending nothing', async () => {
    const res = await drover('retention', 'set', '--audit-days', '30');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--audit-days must be at least 90 days');
    expect((await rt.deps.store.retention.get(rt.demo.accountId)).auditDays).toBe(730);
    expect((await drover('retention', 'set')).code).toBe(2);
  });

  it("refuses a developer's change with the API's reason and the auth exit code", async () => {
    const developer = rt.demo.users!.find((u) => u.role === 'developer-web')!.userId;
    const token = await rt.mintToken(developer, rt.demo.accountId);
    const res = await home.run(['retention', 'set', '--farm-event-days', '30'], {
      env: { DROVER_API: rt.apiUrl, DROVER_TOKEN: token },
    });
    expect(res.code).toBe(4);
    expect(res.stderr).toMatch(/account:manage|owner|admin/);
  });
});
