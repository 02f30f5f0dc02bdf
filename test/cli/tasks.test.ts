// `drover tasks` with the real CLI process against the local runtime: create a task (its next run
// on the zone's wall clock), list it (table and JSON), pause and resume it by name, list its runs
// after the runner ran it, delete it; a bad cron or zone is a usage error naming the flag, sent
// nowhere. No terminal, so no colour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { makeTaskDue } from '../support/farm-task-samples';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;
let farmName: string;

beforeAll(async () => {
  rt = await startTestRuntime({ farmTaskTickMs: 250 });
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
  farmName = (await rt.deps.store.farms.get({ accountId: rt.demo.accountId }, rt.demo.farmId))!.name;
}, 60_000);
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });

describe('drover tasks', () => {
  it('creates a task and lists it with its next run', async () => {
    const created = await drover(
      'tasks',
      'create',
      '--farm',
      farmName,
      '--name',
      'nightly',
      '--cron',
      '0 19 * * 1-5',
      '--time-zone',
      'Europe/Berlin',
      '--action',
      'suspend',
      '-o',
      'json',
    );
    expect(created.code).toBe(0);
    const task = JSON.parse(created.stdout);
    expect(task).toMatchObject({
      name: 'nightly',
      cron: '0 19 * * 1-5',
      action: { type: 'suspend' },
      paused: false,
    });
    // 19:00 in Berlin is 18:00 UTC in December.
    expect(task.nextRunAt).toMatch(/T18:00:00\.000Z$/);

    const listed = await drover('tasks', 'list', '--farm', farmName);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ACTION\s+CRON\s+TIME ZONE\s+NEXT RUN\s+LAST RUN\s+ID$/);
    expect(lines.find((l) => l.startsWith('nightly'))).toMatch(
      /suspend\s+0 19 \* \* 1-5\s+Europe\/Berlin\s+\S+T18:00/,
    );
  });

  it('pauses and resumes a task by name', async () => {
    const paused = JSON.parse(
      (await drover('tasks', 'pause', 'nightly', '--farm', farmName, '-o', 'json')).stdout,
    );
    expect(paused).toMatchObject({ paused: true, nextRunAt: null });
    expect((await drover('tasks', 'list', '--farm', farmName)).stdout).toMatch(/nightly.*paused/);
    const resumed = JSON.parse(
      (await drover('tasks', 'resume', 'nightly', '--farm', farmName, '-o', 'json')).stdout,
    );
    expect(resumed.paused).toBe(false);
  });

  it.each([
    ['a bad cron', ['--cron', '0 25 * * *'], '--cron'],
    ['an unknown zone', ['--cron', '0 7 * * *', '--time-zone', 'Europe/Atlantis'], '--time-zone'],
    ['fire-event without an event', ['--cron', '0 7 * * *', '--action', 'fire-event'], '--event'],
  ])('refuses %s as a usage error naming the flag', async (_why, args, flag) => {
    const res = await drover(
      'tasks',
      'create',
      '--farm',
      farmName,
      '--name',
      'bad',
      '--action',
      'launch',
      ...args,
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(flag);
    expect(
      (
        await rt.deps.store.farmTasks.listByFarm({ accountId: rt.demo.accountId, farmId: rt.demo.farmId })
      ).map((t) => t.name),
    ).not.toContain('bad');
  });

  it("lists a task's runs and deletes it", async () => {
    const created = JSON.parse(
      (
        await drover(
          'tasks',
          'create',
          '--farm',
          farmName,
          '--name',
          'ping',
          '--cron',
          '0 3 * * *',
          '--action',
          'fire-event',
          '--event',
          'NightlyPing',
          '-o',
          'json',
        )
      ).stdout,
    );
    expect((await drover('tasks', 'runs', 'ping', '--farm', farmName)).stderr).toContain('has not run yet');
    // Due now, as after downtime: the runtime's runner takes it on its next tick.
    await makeTaskDue(rt.deps.store, created, new Date(Date.now() - 1000));
    await expect
      .poll(async () => (await drover('tasks', 'runs', 'ping', '--farm', farmName)).stdout, {
        timeout: 15_000,
      })
      .toMatch(/fire-event\s+succeeded\s+0/);

    const deleted = await drover('tasks', 'delete', 'ping', '--farm', farmName);
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toContain('Deleted task ping');
    expect((await drover('tasks', 'runs', 'ping', '--farm', farmName)).code).toBe(2);
  }, 30_000);
});
