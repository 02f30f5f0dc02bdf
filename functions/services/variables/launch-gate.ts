// What Global Variables say about launching a farm's servers, per farm role: required variables
// without a value, values failing a pattern, and farm role tags whose `${NAME}` references cannot be
// filled block its launches; otherwise the tags to launch with, references substituted.
// Launching a farm refuses with the whole list (assertFarmCanLaunch); the reconciler keeps launching
// the farm roles that pass and shows the reason for the others (variables may change after launch).
// Tags are resolved at farm role level, so the built-ins they may use are the farm role's
// (DROVER_FARM_NAME, DROVER_FARM_ROLE_ALIAS, DROVER_CLOUD_LOCATION…), not a server's id or index.
import type { FieldIssue } from '../../domain/errors';
import type { FarmPlan } from '../../domain/planning';
import type { Farm } from '../../domain/schemas/farm';
import {
  MissingRequiredVariables,
  type MissingVariable,
  resolveVariables,
  substituteTags,
} from '../../domain/variables';
import type { Store } from '../../ports/store';
import { loadFarmVariableLayers } from './layers';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type LaunchGateRepos = Pick<Store, 'variables'>;

export interface FarmRoleLaunchCheck {
  farmRoleId: string;
  alias: string;
  missing: MissingVariable[];
  /** Everything that blocks the farm role's launches, one line each (never a value). */
  blockers: string[];
  /** The farm role's tags with references substituted (unsubstituted where a reference failed). */
  tags: Record<string, string>;
  visibleVariables: Record<string, string>;
}

export interface LaunchGate {
  farmRoles: FarmRoleLaunchCheck[];
  /** The blockers of one farm role; empty when it may launch. */
  blockersOf(farmRoleId: string): string[];
  tagsOf(farmRoleId: string): Record<string, string> | undefined;
  /** The farm role's resolved variables that may be shown (hidden ones left out), e.g. for policy auto tags. */
  visibleVariablesOf(farmRoleId: string): Record<string, string>;
}

export async function checkFarmLaunch(store: LaunchGateRepos, farm: Farm): Promise<LaunchGate> {
  const layers = await loadFarmVariableLayers(store, farm);
  const farmRoles = farm.farmRoles.map((fr): FarmRoleLaunchCheck => {
    const resolution = resolveVariables(layers.forFarmRole(fr.id), {
      DROVER_ACCOUNT_ID: farm.accountId,
      DROVER_ENV_ID: farm.environmentId,
      DROVER_FARM_ID: farm.id,
      DROVER_FARM_NAME: farm.name,
      DROVER_FARM_ROLE_ALIAS: fr.alias,
      DROVER_CLOUD_PLATFORM: fr.platform,
      DROVER_CLOUD_LOCATION: fr.region,
      DROVER_INSTANCE_TYPE: fr.instanceType,
    });
    const missing: MissingVariable[] = [];
    const blockers: string[] = [];
    for (const p of resolution.problems) {
      if (p.kind === 'requiredMissing') {
        missing.push({ farmRoleId: fr.id, farmRoleAlias: fr.alias, name: p.name, declaredAt: p.declaredAt });
        blockers.push(p.message);
      } else if (p.kind === 'patternMismatch') blockers.push(p.message);
    }
    const substituted = substituteTags(fr.tags, resolution);
    blockers.push(...substituted.problems.map((p) => p.message));
    const visibleVariables = Object.fromEntries(
      resolution.variables.filter((v) => !v.hidden && v.value !== null).map((v) => [v.name, v.value!]),
    );
    return {
      farmRoleId: fr.id,
      alias: fr.alias,
      missing,
      blockers,
      tags: substituted.tags,
      visibleVariables,
    };
  });
  const byId = new Map(farmRoles.map((c) => [c.farmRoleId, c]));
  return {
    farmRoles,
    blockersOf: (id) => byId.get(id)?.blockers ?? [],
    tagsOf: (id) => byId.get(id)?.tags,
    visibleVariablesOf: (id) => byId.get(id)?.visibleVariables ?? {},
  };
}

/** Refuses to launch a farm while any farm role is blocked by its variables: 422 listing every one. */
export async function assertFarmCanLaunch(store: LaunchGateRepos, farm: Farm): Promise<void> {
  const gate = await checkFarmLaunch(store, farm);
  const issues: FieldIssue[] = [];
  farm.farmRoles.forEach((fr, i) => {
    for (const blocker of gate.blockersOf(fr.id))
      issues.push({ path: `farmRoles.${i}.variables`, message: `${fr.alias}: ${blocker}` });
  });
  if (issues.length === 0) return;
  const missing = gate.farmRoles.flatMap((c) => c.missing);
  const summary = missing.length
    ? `missing required variables: ${missing.map((m) => `${m.farmRoleAlias}/${m.name}`).join(', ')}`
    : 'variables that break their rules';
  throw new MissingRequiredVariables(`Farm ${farm.name} cannot launch: ${summary}`, missing, issues);
}

/**
 * The plan without the launches of farm roles the gate blocks. A farm role whose launches were held
 * makes the pass degraded (it needs a person: the farm status then shows why); a blocked farm role
 * with nothing to launch stays as it is, its running servers untouched.
 */
export function holdBlockedLaunches(plan: FarmPlan, gate: LaunchGate): FarmPlan {
  const isLaunch = (a: FarmPlan['actions'][number]) => a.type === 'launch' || a.type === 'retryLaunch';
  const held = gate.farmRoles.filter(
    (c) => c.blockers.length > 0 && plan.actions.some((a) => isLaunch(a) && a.farmRoleId === c.farmRoleId),
  );
  if (held.length === 0) return plan;
  const heldIds = new Set(held.map((c) => c.farmRoleId));
  return {
    ...plan,
    actions: plan.actions.filter(
      (a) => !(isLaunch(a) && heldIds.has((a as { farmRoleId: string }).farmRoleId)),
    ),
    summary: {
      ...plan.summary,
      convergence: plan.summary.convergence === 'stopped' ? 'stopped' : 'degraded',
      reasons: [
        ...plan.summary.reasons,
        ...held.map((c) => `farm role ${c.alias} does not launch servers: ${c.blockers.join('; ')}`),
      ],
    },
  };
}
