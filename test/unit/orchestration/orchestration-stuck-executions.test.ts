// settleStuckExecution and settleRestartedExecution: when the control plane gives up on an agent's
// report, as a table with a reason per row.
import { describe, expect, it } from 'vitest';
import {
  STUCK_EXECUTION_GRACE_MS,
  settleRestartedExecution,
  settleStuckExecution,
} from '../../../functions/domain/orchestration/stuck-executions';
import type { ExecutionStatus } from '../../../functions/domain/schemas/orchestration';
import type { ServerStatus } from '../../../functions/domain/schemas/server';

const STARTED = '2026-01-01T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(STARTED) + ms);
const TIMEOUT_S = 60;
const DEADLINE = TIMEOUT_S * 1000 + STUCK_EXECUTION_GRACE_MS;

const exec = (status: ExecutionStatus, startedAt: string | null = STARTED) => ({
  status,
  startedAt,
  timeoutSeconds: TIMEOUT_S,
});
const server = (status: ServerStatus) => ({ status });

describe('settleStuckExecution', () => {
  it.each([
    ['a running script within its timeout', exec('running'), server('Running'), 30_000, null],
    [
      'a running script past its timeout but within the grace',
      exec('running'),
      server('Running'),
      DEADLINE,
      null,
    ],
    [
      'a running script past its timeout and the grace',
      exec('running'),
      server('Running'),
      DEADLINE + 1,
      'timed-out',
    ],
    [
      'a BeforeHostUp script still booting past the grace',
      exec('running'),
      server('Initializing'),
      DEADLINE + 1,
      'timed-out',
    ],
    [
      'a running script on a server being terminated (BeforeHostTerminate may run)',
      exec('running'),
      server('Pending Terminate'),
      30_000,
      null,
    ],
    [
      'a running script on a Terminated server, even within its timeout',
      exec('running'),
      server('Terminated'),
      1_000,
      'cancelled',
    ],
    ['a running script on a Failed server', exec('running'), server('Failed'), 1_000, 'cancelled'],
    ['a running script whose server record is gone', exec('running'), undefined, 1_000, 'cancelled'],
    [
      'a queued task on a live server, however old (its agent fetches it when back)',
      exec('queued', null),
      server('Running'),
      DEADLINE * 10,
      null,
    ],
    ['a queued task on an ended server', exec('queued', null), server('Terminated'), 0, 'cancelled'],
    [
      'a finished execution, whatever its server',
      exec('succeeded'),
      server('Terminated'),
      DEADLINE * 10,
      null,
    ],
    ['a failed execution', exec('failed'), undefined, DEADLINE * 10, null],
  ] as const)('%s → %s', (_why, execution, srv, elapsed, expected) => {
    expect(settleStuckExecution(execution, srv, at(elapsed))?.status ?? null).toBe(expected);
  });

  it('says the agent stopped reporting and why', () => {
    expect(settleStuckExecution(exec('running'), server('Running'), at(DEADLINE + 1))?.note).toBe(
      "the agent stopped reporting: no result 120 s after the script's 60 s timeout",
    );
    expect(settleStuckExecution(exec('running'), server('Terminated'), at(0))?.note).toBe(
      'the agent stopped reporting: the server is Terminated',
    );
    expect(settleStuckExecution(exec('queued', null), undefined, at(0))?.note).toBe(
      'not run: the server is gone before its agent took the task',
    );
  });

  it('honours a shorter grace', () => {
    expect(
      settleStuckExecution(exec('running'), server('Running'), at(TIMEOUT_S * 1000 + 11), 10)?.status,
    ).toBe('timed-out');
  });
});

describe('settleRestartedExecution', () => {
  it.each([
    ['running: the earlier agent process took it and died', 'running', 'failed'],
    ['queued: nobody took it, it simply starts', 'queued', null],
    ['succeeded: already ended, an ordinary conflict', 'succeeded', null],
    ['cancelled: already ended, an ordinary conflict', 'cancelled', null],
  ] as const)('%s', (_why, status, expected) => {
    expect(settleRestartedExecution({ status })?.status ?? null).toBe(expected);
  });
});
