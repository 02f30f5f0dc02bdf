// The answer of a farm plan (POST /farms/{farmId}/plan, POST /environments/{environmentId}/farms/plan):
// what the reconciler would do if the proposed spec were saved, grouped per farm role, with the
// field changes that cause it. One schema for the API, its OpenAPI document, the CLI's
// `drover plan` / `drover apply` and the portal's Review changes step. Rolling replacements and
// cost come later: `outdatedServers` lists the servers a rolling change would replace today.
import { z } from 'zod';
import { FarmStatus } from '../domain/schemas/farm';
import { Violation } from '../domain/schemas/policy';
import { VariableScope } from '../domain/variables/schema';

export const PlanFieldChange = z
  .object({
    /** `description`, `farmRoles[web].maxInstances`… as `drover apply` and the audit log name it. */
    path: z.string(),
    kind: z.enum(['added', 'removed', 'changed']),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .meta({ id: 'PlanFieldChange' });
export type PlanFieldChange = z.infer<typeof PlanFieldChange>;

export const PlannedLaunch = z.object({
  index: z.number().int(),
  zone: z.string(),
  instanceType: z.string(),
  cause: z.enum(['initial', 'scale-out']),
  reason: z.string(),
});

export const PlannedReplacement = z.object({
  /** The server that goes away; its replacement launches in the same pass. */
  serverId: z.string(),
  index: z.number().int(),
  /** health: failed or stuck; drift: its instance ended or vanished behind Drover's back. */
  kind: z.enum(['health', 'drift']),
  reason: z.string(),
  replacement: z.object({ index: z.number().int(), zone: z.string(), instanceType: z.string() }).nullable(),
});

export const PlannedTerminate = z.object({
  /** null for an instance tagged with the farm that no server record claims (an orphan). */
  serverId: z.string().nullable(),
  index: z.number().int().nullable(),
  cause: z.enum(['scale-in', 'role-removed', 'farm-terminating', 'farm-suspending', 'orphan']),
  reason: z.string(),
});

export const OutdatedServer = z.object({
  serverId: z.string(),
  index: z.number().int(),
  /** The launch fields whose value differs from the proposed spec (`instanceType`, `zone`). */
  fields: z.array(z.string()),
});

export const FarmRolePlan = z
  .object({
    /** null for a farm role the proposed spec adds. */
    farmRoleId: z.string().nullable(),
    alias: z.string(),
    change: z.enum(['added', 'removed', 'changed', 'unchanged']),
    fieldChanges: z.array(PlanFieldChange),
    /** Servers that hold an instance now, and how many the proposed spec wants. */
    scale: z.object({ from: z.number().int(), to: z.number().int() }),
    launches: z.array(PlannedLaunch),
    replacements: z.array(PlannedReplacement),
    terminates: z.array(PlannedTerminate),
    /** Servers launched with an earlier launch configuration; they keep running (no rolling change yet). */
    outdatedServers: z.array(OutdatedServer),
    /** Policy violations on this farm role: saving the spec is refused while there are any. */
    violations: z.array(Violation),
    /** Required Global Variables without a value: this farm role launches nothing until they have one. */
    missingVariables: z.array(z.object({ name: z.string(), declaredAt: VariableScope })),
    /** Everything that holds this farm role's launches, one line each (variables, patterns, tags). */
    launchBlockers: z.array(z.string()),
  })
  .meta({ id: 'FarmRolePlan' });
export type FarmRolePlan = z.infer<typeof FarmRolePlan>;

export const FarmPlanView = z
  .object({
    /** null when the farm does not exist yet. */
    farmId: z.string().nullable(),
    /** The version the plan was made against: send it as If-Match to save exactly what was reviewed. */
    farmVersion: z.number().int().nullable(),
    farmStatus: FarmStatus.nullable(),
    /**
     * current: what the next passes do once the spec is saved; on-launch: the farm is not running,
     * so saving changes no server; the actions are what launching it would do.
     */
    basis: z.enum(['current', 'on-launch']),
    summary: z.object({
      launch: z.number().int(),
      replace: z.number().int(),
      terminate: z.number().int(),
      /** Policy violations refuse the save itself. */
      blocked: z.boolean(),
    }),
    /** Changes to the farm's own fields (name, description, lease). */
    fieldChanges: z.array(PlanFieldChange),
    farmRoles: z.array(FarmRolePlan),
    /** Violations of the farm as a whole (its name, lease, total size). */
    violations: z.array(Violation),
    /** When the reconciler last observed the farm's instances (the server records' source); null: never. */
    observedAt: z.string().nullable(),
  })
  .meta({ id: 'FarmPlan' });
export type FarmPlanView = z.infer<typeof FarmPlanView>;
