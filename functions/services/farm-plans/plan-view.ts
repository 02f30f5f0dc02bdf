// The planner's actions as the plan answer (contract/farm-plan.ts): grouped per farm role, each
// with the field changes of its spec, what launches, what is replaced and why, what terminates,
// the servers whose launch configuration the spec changes, and what would block it (policies,
// variables). Pure: the service (plan-farm-change.ts) reads the records and runs the planner.
// Bookkeeping the planner also plans (recording an instance, retrying a call already made) is
// not shown: it changes nothing a person decides on.
import type { FarmPlanView, FarmRolePlan, PlanFieldChange } from '../../contract/farm-plan';
import { type Change, diffDocuments } from '../../domain/document-diff';
import { type FarmAction, HOLDS_AN_INSTANCE, type Launch } from '../../domain/planning';
import type { Farm, StoredFarmRole } from '../../domain/schemas/farm';
import type { Violation } from '../../domain/schemas/policy';
import type { Server } from '../../domain/schemas/server';
import type { MissingVariable } from '../../domain/variables';

export interface PlanViewInput {
  /** The farm as stored; undefined for a farm not saved yet. */
  current: Farm | undefined;
  /** The farm as the proposed spec would store it (its farm roles with their ids). */
  proposed: Farm;
  servers: Server[];
  actions: FarmAction[];
  /** The desired count per farm role id of the proposed spec. */
  desired: ReadonlyMap<string, number>;
  basis: FarmPlanView['basis'];
  violations: Violation[];
  missing: MissingVariable[];
  blockersOf: (farmRoleId: string) => string[];
  observedAt: string | null;
}

export function planView(input: PlanViewInput): FarmPlanView {
  const { current, proposed } = input;
  const changes = diffDocuments(writable(current), writable(proposed));
  const roleViolations = violationsByFarmRole(input.violations, proposed.farmRoles);
  const farmRoles = proposed.farmRoles.map((fr, i) => {
    const before = current?.farmRoles.find((c) => c.id === fr.id);
    return farmRolePlan(input, fr, before, changes, roleViolations.get(i) ?? []);
  });
  for (const gone of current?.farmRoles.filter((c) => !proposed.farmRoles.some((p) => p.id === c.id)) ?? [])
    farmRoles.push(farmRolePlan(input, gone, gone, changes, [], 'removed'));
  const count = (pick: (r: FarmRolePlan) => unknown[]) => farmRoles.reduce((n, r) => n + pick(r).length, 0);
  const farmViolations = input.violations.filter((v) => farmRoleIndexOf(v.path) === null);
  return {
    farmId: current?.id ?? null,
    farmVersion: current?.version ?? null,
    farmStatus: current?.status ?? null,
    basis: input.basis,
    summary: {
      launch: count((r) => r.launches),
      replace: count((r) => r.replacements),
      terminate: count((r) => r.terminates),
      blocked: input.violations.length > 0,
    },
    fieldChanges: changes.filter((c) => !c.path.startsWith('farmRoles')).map(fieldChange),
    farmRoles,
    violations: farmViolations,
    observedAt: input.observedAt,
  };
}

function farmRolePlan(
  input: PlanViewInput,
  fr: StoredFarmRole,
  before: StoredFarmRole | undefined,
  changes: Change[],
  violations: Violation[],
  removed?: 'removed',
): FarmRolePlan {
  const mine = input.actions.filter((a) => 'farmRoleId' in a && a.farmRoleId === fr.id);
  const servers = input.servers.filter((s) => s.farmRoleId === fr.id);
  const fieldChanges = changes.filter((c) => c.path.startsWith(`farmRoles[${fr.alias}]`)).map(fieldChange);
  const holding = servers.filter((s) => HOLDS_AN_INSTANCE.has(s.status)).length;
  return {
    farmRoleId: before ? fr.id : null,
    alias: fr.alias,
    change: removed ?? (!before ? 'added' : fieldChanges.length ? 'changed' : 'unchanged'),
    fieldChanges,
    scale: {
      from: input.basis === 'on-launch' ? 0 : holding,
      to: removed ? 0 : (input.desired.get(fr.id) ?? 0),
    },
    launches: mine.filter(isFreshLaunch).map((l) => ({
      index: l.index,
      zone: l.zone,
      instanceType: l.instanceType,
      // Planned as Running (see plan-farm-change.ts), a launch of a farm not running yet is its first.
      cause: input.basis === 'on-launch' ? 'initial' : (l.cause as 'initial' | 'scale-out'),
      reason:
        input.basis === 'on-launch'
          ? `one of the ${input.desired.get(fr.id)} the farm launches with`
          : l.reason,
    })),
    replacements: replacementsOf(mine, servers),
    terminates: terminatesOf(mine, servers),
    outdatedServers: removed || input.basis === 'on-launch' ? [] : outdatedServers(fr, servers),
    violations,
    missingVariables: removed
      ? []
      : input.missing
          .filter((m) => m.farmRoleId === fr.id)
          .map((m) => ({ name: m.name, declaredAt: m.declaredAt })),
    launchBlockers: removed ? [] : input.blockersOf(fr.id),
  };
}

const isFreshLaunch = (a: FarmAction): a is Launch => a.type === 'launch' && a.cause !== 'replacement';

/** A server that goes (failed, stuck, or ended behind Drover's back) with the launch that replaces it. */
function replacementsOf(actions: FarmAction[], servers: Server[]): FarmRolePlan['replacements'] {
  const launches = actions.filter((a): a is Launch => a.type === 'launch' && a.cause === 'replacement');
  const replacementOf = (serverId: string) => {
    const launch = launches.find((l) => l.replacesServerId === serverId);
    return launch ? { index: launch.index, zone: launch.zone, instanceType: launch.instanceType } : null;
  };
  const out: FarmRolePlan['replacements'] = [];
  for (const a of actions) {
    if (a.type === 'markFailed')
      out.push({
        serverId: a.serverId,
        index: indexOf(servers, a.serverId),
        kind: 'health',
        reason: a.reason,
        replacement: replacementOf(a.serverId),
      });
    else if (a.type === 'markTerminated' && a.unexpected)
      out.push({
        serverId: a.serverId,
        index: indexOf(servers, a.serverId),
        kind: 'drift',
        reason: a.reason,
        replacement: replacementOf(a.serverId),
      });
  }
  // A server that failed in an earlier pass and was not replaced yet: only its replacement is planned now.
  for (const launch of launches)
    if (launch.replacesServerId && !out.some((r) => r.serverId === launch.replacesServerId))
      out.push({
        serverId: launch.replacesServerId,
        index: indexOf(servers, launch.replacesServerId),
        kind: 'health',
        reason: launch.reason,
        replacement: replacementOf(launch.replacesServerId),
      });
  return out;
}

function terminatesOf(actions: FarmAction[], servers: Server[]): FarmRolePlan['terminates'] {
  const out: FarmRolePlan['terminates'] = [];
  for (const a of actions) {
    if (a.type === 'terminate' && a.cause !== 'retry')
      out.push({
        serverId: a.serverId,
        index: indexOf(servers, a.serverId),
        cause: a.cause,
        reason: a.reason,
      });
    else if (a.type === 'terminateOrphan')
      out.push({ serverId: a.taggedServerId, index: null, cause: 'orphan', reason: a.reason });
  }
  return out;
}

/** Live servers launched with values the proposed spec no longer has (a rolling change would replace them). */
function outdatedServers(fr: StoredFarmRole, servers: Server[]): FarmRolePlan['outdatedServers'] {
  return servers
    .filter((s) => HOLDS_AN_INSTANCE.has(s.status))
    .map((s) => {
      const fields: string[] = [];
      if (s.platform !== fr.platform || s.region !== fr.region) fields.push('region');
      if (!fr.zones.includes(s.zone)) fields.push('zones');
      // A fallback type the reconciler chose for want of capacity is still the spec's.
      if (s.instanceType !== fr.instanceType && !fr.fallbackInstanceTypes.includes(s.instanceType))
        fields.push('instanceType');
      if (s.credentialsId !== fr.credentialsId) fields.push('credentialsId');
      return { serverId: s.id, index: s.index, fields };
    })
    .filter((s) => s.fields.length > 0);
}

function indexOf(servers: Server[], serverId: string): number {
  return servers.find((s) => s.id === serverId)?.index ?? 0;
}

/** What a person declares of a farm, farm role ids left out (they are matched by alias, as apply shows them). */
function writable(farm: Farm | undefined): unknown {
  if (!farm) return null;
  return {
    name: farm.name,
    description: farm.description,
    leaseExpiresAt: farm.leaseExpiresAt,
    farmRoles: farm.farmRoles.map(({ id: _id, ...rest }) => rest),
  };
}

function fieldChange(c: Change): PlanFieldChange {
  return {
    path: c.path,
    kind: c.kind,
    ...('before' in c ? { before: c.before } : {}),
    ...('after' in c ? { after: c.after } : {}),
  };
}

/** `farmRoles[2].instanceType` or `farmRoles.2.zones` → 2; null for the farm's own fields. */
function farmRoleIndexOf(path: string): number | null {
  const match = /^farmRoles(?:\[(\d+)\]|\.(\d+))/.exec(path);
  return match ? Number(match[1] ?? match[2]) : null;
}

function violationsByFarmRole(
  violations: Violation[],
  farmRoles: StoredFarmRole[],
): Map<number, Violation[]> {
  const out = new Map<number, Violation[]>();
  for (const v of violations) {
    const i = farmRoleIndexOf(v.path);
    if (i === null || i >= farmRoles.length) continue;
    out.set(i, [...(out.get(i) ?? []), v]);
  }
  return out;
}
