// A farm's live status: its lifecycle status and how far the world is from its spec.
import { z } from 'zod';
import { idOf, Timestamp } from './common';
import { FarmStatus } from './farm';

export const Convergence = z.enum(['converged', 'converging', 'degraded', 'stopped']);

export const FarmRoleCounts = z.object({
  farmRoleId: idOf('farmRole'),
  alias: z.string(),
  desired: z.number().int(),
  running: z.number().int(),
  launching: z.number().int(),
  terminating: z.number().int(),
  failed: z.number().int(),
});

export const FarmStatusView = z
  .object({
    farmId: idOf('farm'),
    status: FarmStatus,
    convergence: Convergence,
    reasons: z.array(z.string()),
    farmRoles: z.array(FarmRoleCounts),
    lastReconcileAt: Timestamp.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'FarmStatusView' });
export type FarmStatusView = z.infer<typeof FarmStatusView>;
