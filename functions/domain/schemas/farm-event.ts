// A farm's event log entry: what happened, to what, and why. Kept per farm, newest last.
import { z } from 'zod';
import { idOf, Timestamp } from './common';

export const FarmEvent = z
  .object({
    id: z.string(),
    accountId: idOf('account'),
    environmentId: idOf('environment'),
    farmId: idOf('farm'),
    farmRoleId: idOf('farmRole').nullable().default(null),
    serverId: idOf('server').nullable().default(null),
    /** Event name: HostUp, FarmLaunched, ServerReplaced, ReconcileFailed, a custom name… */
    name: z.string().min(1).max(128),
    message: z.string().default(''),
    /** Who caused it: a user id, `system` (the reconciler), or `agent`. */
    actor: z.string().default('system'),
    payload: z.record(z.string(), z.unknown()).default({}),
    at: Timestamp,
  })
  .meta({ id: 'FarmEvent' });
export type FarmEvent = z.infer<typeof FarmEvent>;
