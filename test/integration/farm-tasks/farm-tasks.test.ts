// Farm tasks over HTTP against the local runtime: a bad cron or zone is a 400 problem+json naming
// the field; another account's farm is 404; and the runtime's runner fires a task on its cron —
// launching a farm on the next minute — and, after downtime, runs a missed terminate once,
// recording each run (time, action, outcome, missed occurrences) and auditing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { seedDemo } from '../../../local/seed';
import { type ApiClient, apiClient } from '../../support/api-client';
import { copyOfDemoFarm as copyOfDemoCopy } from '../../support/demo-farm-copy';
import { makeTaskDue } from '../../support/farm-task-samples';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  rt = await startTestRuntime({ farmTaskTickMs: 250 });
  api = apiClient(rt.apiUrl, rt.demo.token);
}, 60_000);
afterAll(() => rt?.stop());

const copyOfDemoFarm = (name: string) => copyOfDemoCopy(rt, api, name);

const nightly = {
  name: 'nightly',
  cron: '0 19 * * 1-5',
  timeZone: 'Europe/Berlin',
  action: { type: 'suspend' },
};

describe('farm tasks over HTTP', () => {
  it.each([
    ['a minute of 61', { cron: '61 19 * * *' }, 'cron'],
    ['six fields (seconds)', { cron: '0 0 19 * * *' }, 'cron'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
  ])('refuses %s with a 400 naming the field', async (_why, change, path) => {
    const res = await api.post(`/v1/farms/${rt.demo.farmId}/tasks`, { ...nightly, ...change });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual([path]);
  });

  it('stores a task with its next run on the zone wall clock, pauses and resumes it', async () => {
    const created = await api.post(`/v1/farms/${rt.demo.farmId}/tasks`, nightly);
    expect(created.status).toBe(201);
    const next = new Date(created.body.nextRunAt);
    // 19:00 in Berlin is 18:00 UTC in winter (the test runs in December).
    const berlinHour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit' }).format(next),
    );
    expect(berlinHour).toBe(19);
    const paused = await api.post(`/v1/farms/${rt.demo.farmId}/tasks/${created.body.id}/pause`);
    expect(paused.body).toMatchObject({ paused: true, nextRunAt: null });
    const resumed = await api.post(`/v1/farms/${rt.demo.farmId}/tasks/${created.body.id}/resume`);
    expect(resumed.body).toMatchObject({ paused: false, nextRunAt: created.body.nextRunAt });
    const listed = await api.get(`/v1/farms/${rt.demo.farmId}/tasks`);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(created.body.id);
  });

  it("answers 404 for another account's farm and task", async () => {
    const task = (await api.post(`/v1/farms/${rt.demo.farmId}/tasks`, nightly)).body;
    const other = await seedDemo(rt.deps, {}, 'Other');
    const intruder = apiClient(rt.apiUrl, await rt.mintToken(other.userId, other.accountId));
    expect((await intruder.get(`/v1/farms/${rt.demo.farmId}/tasks`)).status).toBe(404);
    expect((await intruder.post(`/v1/farms/${rt.demo.farmId}/tasks`, nightly)).status).toBe(404);
    expect((await intruder.get(`/v1/farms/${rt.demo.farmId}/tasks/${task.id}/runs`)).status).toBe(404);
    // Its own farm with the first account's task id: not found either.
    expect((await intruder.get(`/v1/farms/${other.farmId}/tasks/${task.id}`)).status).toBe(404);
  });
});

describe('the runner', () => {
  it('launches a farm when its cron comes round, and records the run', async () => {
    const farm = await copyOfDemoFarm('task-launch');
    const task = (
      await api.post(`/v1/farms/${farm.id}/tasks`, {
        name: 'every minute',
        cron: '* * * * *',
        timeZone: 'Asia/Kolkata',
        action: { type: 'launch' },
      })
    ).body;
    // The next whole minute: at most a minute away.
    expect(Date.parse(task.nextRunAt) - Date.now()).toBeLessThanOrEqual(60_000);
    await expect
      .poll(async () => (await api.get(`/v1/farms/${farm.id}/tasks/${task.id}/runs`)).body.items, {
        timeout: 90_000,
        interval: 500,
      })
      .toEqual([
        expect.objectContaining({
          action: 'launch',
          outcome: 'succeeded',
          error: null,
          scheduledFor: task.nextRunAt,
          missedRuns: 0,
        }),
      ]);
    expect(['Launching', 'Running']).toContain((await api.get(`/v1/farms/${farm.id}`)).body.status);
    await api.post(`/v1/farms/${farm.id}/tasks/${task.id}/pause`);
    await api.call('POST', `/v1/farms/${farm.id}/terminate`, { headers: { 'if-match': '*' } });
  }, 120_000);

  it('after downtime runs a missed terminate once, saying how many occurrences it folded in', async () => {
    const farm = await copyOfDemoFarm('task-terminate');
    await api.call('POST', `/v1/farms/${farm.id}/launch`, { headers: { 'if-match': '*' } });
    const task = (
      await api.post(`/v1/farms/${farm.id}/tasks`, {
        name: 'every five minutes',
        cron: '*/5 * * * *',
        timeZone: 'UTC',
        action: { type: 'terminate' },
      })
    ).body;
    // The runner was "down" for 16 minutes: the task's schedule still points at an occurrence
    // 16 minutes ago (as the store would hold it after an outage), three more have passed since.
    const minute = 60_000;
    const missedSince = new Date(Math.floor((Date.now() - 16 * minute) / (5 * minute)) * 5 * minute);
    await makeTaskDue(rt.deps.store, task, missedSince);

    await expect
      .poll(async () => (await api.get(`/v1/farms/${farm.id}/tasks/${task.id}/runs`)).body.items, {
        timeout: 15_000,
      })
      .toEqual([
        expect.objectContaining({
          action: 'terminate',
          outcome: 'succeeded',
          scheduledFor: missedSince.toISOString(),
          missedRuns: expect.toSatisfy((n: number) => n === 3 || n === 4),
        }),
      ]);
    expect(['Terminating', 'Terminated']).toContain((await api.get(`/v1/farms/${farm.id}`)).body.status);
    const after = (await api.get(`/v1/farms/${farm.id}/tasks/${task.id}`)).body;
    expect(Date.parse(after.nextRunAt)).toBeGreaterThan(Date.now());
    // A few more sweeps pass: still one run.
    await rt.farmTasks.sweep();
    expect((await api.get(`/v1/farms/${farm.id}/tasks/${task.id}/runs`)).body.items).toHaveLength(1);
    const audit = (await api.get(`/v1/audit?limit=50`)).body.items.filter(
      (e: { action: string; resource: { id: string } }) =>
        e.action === 'runFarmTask' && e.resource.id === task.id,
    );
    expect(audit).toEqual([
      expect.objectContaining({ actor: { userId: rt.demo.userId, via: 'system' }, outcome: 200 }),
    ]);
  }, 60_000);

  it('records a refused action as a failed run with the reason', async () => {
    const farm = await copyOfDemoFarm('task-refused');
    const task = (
      await api.post(`/v1/farms/${farm.id}/tasks`, {
        name: 'resume what never ran',
        cron: '0 3 * * *',
        action: { type: 'resume' },
      })
    ).body;
    await makeTaskDue(rt.deps.store, task, new Date(Date.now() - 1000));
    await expect
      .poll(async () => (await api.get(`/v1/farms/${farm.id}/tasks/${task.id}/runs`)).body.items, {
        timeout: 15_000,
      })
      .toEqual([
        expect.objectContaining({
          action: 'resume',
          outcome: 'failed',
          error: expect.stringContaining('Terminated'),
        }),
      ]);
  }, 30_000);
});
