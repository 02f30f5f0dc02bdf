// Global Orchestration: scripts (every save a new version), rules that bind a script to an event at
// a scope, and executions (one run of one script version on one server). Shared by the API, the
// orchestrator that fans events out to servers, the agent's task routes, the portal and the CLI.
import { z } from 'zod';
import { Description, idOf, Name, Timestamp, Versioned } from './common';

export const ORCHESTRATION_LIMITS = {
  scriptBodyMaxBytes: 64 * 1024,
  /** stdout and stderr are each kept to their last 64 KiB. */
  outputTailBytes: 64 * 1024,
  timeoutSecondsMax: 24 * 3600,
  timeoutSecondsDefault: 300,
} as const;

/** A lifecycle event the agent or the reconciler raises, or a custom name (letters, digits, `.`, `_`, `-`). */
export const EventName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter');

export const RunAs = z
  .string()
  .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a POSIX user name')
  .default('root');

export const ScriptInput = z
  .object({
    name: Name,
    description: Description,
    /** The script text; its shebang picks the interpreter, else /bin/sh. */
    body: z
      .string()
      .min(1)
      .refine((b) => new TextEncoder().encode(b).length <= ORCHESTRATION_LIMITS.scriptBodyMaxBytes, {
        message: `at most ${ORCHESTRATION_LIMITS.scriptBodyMaxBytes} bytes`,
      }),
    /** Shown in the portal; the shebang is what runs. */
    interpreterHint: z.enum(['sh', 'bash', 'python', 'node', 'other']).default('sh'),
    /** Rules inherit these unless they set their own. */
    blocking: z.boolean().default(true),
    timeoutSeconds: z.number().int().min(1).max(ORCHESTRATION_LIMITS.timeoutSecondsMax).default(300),
  })
  .strict()
  .meta({ id: 'ScriptInput' });
export type ScriptInput = z.infer<typeof ScriptInput>;

/** A script as stored: the latest version's fields, with `latestVersion` counting every save. */
export const Script = ScriptInput.extend({
  id: idOf('script'),
  accountId: idOf('account'),
  latestVersion: z.number().int().positive(),
})
  .extend(Versioned.shape)
  .meta({ id: 'Script' });
export type Script = z.infer<typeof Script>;

/** One saved version of a script, immutable. */
export const ScriptVersion = z
  .object({
    scriptId: idOf('script'),
    number: z.number().int().positive(),
    body: z.string(),
    interpreterHint: ScriptInput.shape.interpreterHint,
    createdAt: Timestamp,
    createdBy: z.string(),
  })
  .meta({ id: 'ScriptVersion' });
export type ScriptVersion = z.infer<typeof ScriptVersion>;

export const RuleScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('account') }),
  z.object({ kind: z.literal('environment'), environmentId: idOf('environment') }),
  z.object({ kind: z.literal('role'), roleId: idOf('role') }),
  z.object({ kind: z.literal('farm'), farmId: idOf('farm') }),
  z.object({ kind: z.literal('farmRole'), farmId: idOf('farm'), farmRoleId: idOf('farmRole') }),
]);
export type RuleScope = z.infer<typeof RuleScope>;

/** Where the script runs, relative to the event: the server that raised it, or a fan-out. */
export const RuleTarget = z.enum(['triggering-server', 'farm', 'farm-role', 'environment']);
export type RuleTarget = z.infer<typeof RuleTarget>;

export const OrchestrationRuleInput = z
  .object({
    scope: RuleScope,
    event: EventName,
    target: RuleTarget.default('triggering-server'),
    scriptId: idOf('script'),
    /** A pinned version, or null to follow the latest. */
    scriptVersion: z.number().int().positive().nullable().default(null),
    /** Lower runs first among the rules of one event on one server. */
    order: z.number().int().min(0).max(10_000).default(100),
    /** Null: the script's default. */
    blocking: z.boolean().nullable().default(null),
    timeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(ORCHESTRATION_LIMITS.timeoutSecondsMax)
      .nullable()
      .default(null),
    runAs: RunAs,
    /** BeforeHostUp only: a failure marks the server Failed (the reconciler replaces it). */
    abortOnFailure: z.boolean().default(false),
    enabled: z.boolean().default(true),
    description: Description,
  })
  .strict()
  .meta({ id: 'OrchestrationRuleInput' });
export type OrchestrationRuleInput = z.infer<typeof OrchestrationRuleInput>;

export const OrchestrationRule = OrchestrationRuleInput.extend({
  id: idOf('orchestrationRule'),
  accountId: idOf('account'),
})
  .extend(Versioned.shape)
  .meta({ id: 'OrchestrationRule' });
export type OrchestrationRule = z.infer<typeof OrchestrationRule>;

export const ExecutionStatus = z.enum([
  /** Created, waiting for the agent to fetch it. */
  'queued',
  'running',
  'succeeded',
  'failed',
  'timed-out',
  /** The server ended before the task ran. */
  'cancelled',
]);
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;

/** One run of one script version on one server, for one event. */
export const Execution = z
  .object({
    id: idOf('execution'),
    accountId: idOf('account'),
    environmentId: idOf('environment'),
    farmId: idOf('farm'),
    farmRoleId: idOf('farmRole'),
    serverId: idOf('server'),
    ruleId: idOf('orchestrationRule'),
    scriptId: idOf('script'),
    scriptName: z.string(),
    scriptVersion: z.number().int().positive(),
    eventId: z.string(),
    eventName: EventName,
    /** The server that raised the event (differs from serverId for a fan-out). */
    triggeringServerId: idOf('server').nullable(),
    order: z.number().int(),
    blocking: z.boolean(),
    abortOnFailure: z.boolean(),
    timeoutSeconds: z.number().int().positive(),
    runAs: z.string(),
    status: ExecutionStatus,
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    endedAt: Timestamp.nullable(),
    exitCode: z.number().int().nullable(),
    timedOut: z.boolean(),
    durationMs: z.number().int().nonnegative().nullable(),
    /** The last 64 KiB of each stream. */
    stdoutTail: z.string(),
    stderrTail: z.string(),
    version: z.number().int().positive(),
  })
  .meta({ id: 'Execution' });
export type Execution = z.infer<typeof Execution>;
