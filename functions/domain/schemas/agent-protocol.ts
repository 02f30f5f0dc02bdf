// The drover-agent protocol, shared by the agent program (agent/), the API's agent routes and the
// push channels (API Gateway WebSocket in AWS, the local runtime's WebSocket server).
// Delivery: the control plane pushes a small nudge over the agent's own WebSocket connection
// ("you have tasks"); the agent then fetches its tasks over HTTPS. The same fetch runs on
// (re)connect and on a slow timer (the catch-up poll), so a nudge lost across a disconnect delays
// a task by at most one poll, and never loses it.
import { z } from 'zod';
import { boundedNumber, JsonPayload, Measure } from './bounded-numbers';
import { idOf } from './common';
import { EventName } from './orchestration';

/** What the agent receives to run: an execution with the script text and its environment. */
export const AgentTask = z
  .object({
    executionId: idOf('execution'),
    scriptName: z.string(),
    scriptVersion: z.number().int().positive(),
    body: z.string(),
    eventName: EventName,
    eventId: z.string(),
    blocking: z.boolean(),
    abortOnFailure: z.boolean(),
    timeoutSeconds: z.number().int().positive(),
    runAs: z.string(),
    order: z.number().int(),
    /** Resolved Global Variables (hidden ones in clear: only the agent sees them) plus the DROVER_* built-ins. */
    env: z.record(z.string(), z.string()),
  })
  .meta({ id: 'AgentTask' });
export type AgentTask = z.infer<typeof AgentTask>;

export const AgentTaskList = z.object({ items: z.array(AgentTask) }).meta({ id: 'AgentTaskList' });

/** Streamed while a task runs (appended; the API keeps the last 64 KiB of each stream). */
export const TaskOutputChunk = z
  .object({
    stdout: z
      .string()
      .max(256 * 1024)
      .default(''),
    stderr: z
      .string()
      .max(256 * 1024)
      .default(''),
  })
  .strict()
  .meta({ id: 'TaskOutputChunk' });

export const TaskResult = z
  .object({
    exitCode: z.number().int().nullable(),
    timedOut: z.boolean().default(false),
    durationMs: z.number().int().nonnegative(),
    /** The final tails (the agent keeps the last 64 KiB of each stream). */
    stdoutTail: z
      .string()
      .max(64 * 1024)
      .default(''),
    stderrTail: z
      .string()
      .max(64 * 1024)
      .default(''),
    /** Why it could not run at all (unknown user, interpreter missing…). */
    error: z.string().max(4096).optional(),
  })
  .strict()
  .meta({ id: 'TaskResult' });
export type TaskResult = z.infer<typeof TaskResult>;

/** Reported every minute by the agents of farm roles whose scaling rules read them. */
export const AgentMetrics = z
  .object({
    load1: Measure,
    load5: Measure,
    load15: Measure,
    cpuPercent: boundedNumber(0, 100),
    memory: z.object({ totalBytes: Measure, usedBytes: Measure }),
    disk: z.object({
      path: z.string().max(4096),
      totalBytes: Measure,
      usedBytes: Measure,
    }),
    /** Bytes a second over all interfaces but loopback since the last report (absent on the first). */
    networkInBytesPerSec: Measure.optional(),
    networkOutBytesPerSec: Measure.optional(),
    /** Custom scaling metrics the farm role's rules name (`custom` sources), by name: read from a file or a script's output. */
    custom: z
      .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/), Measure)
      .refine((m) => Object.keys(m).length <= 10, 'at most 10 custom metrics')
      .optional(),
    at: z.iso.datetime({ offset: true }),
  })
  .strict()
  .meta({ id: 'AgentMetrics' });
export type AgentMetrics = z.infer<typeof AgentMetrics>;

/** A custom event raised by a script through the agent (`drover-agent fire <name>`). */
export const AgentCustomEvent = z
  .object({ name: EventName, payload: JsonPayload.default({}) })
  .strict()
  .meta({ id: 'AgentCustomEvent' });

/** Messages the control plane pushes over the agent's WebSocket. */
export const AgentPush = z.discriminatedUnion('type', [
  /** New tasks wait: fetch them. */
  z.object({ type: z.literal('tasks') }),
  z.object({ type: z.literal('ping') }),
]);
export type AgentPush = z.infer<typeof AgentPush>;
