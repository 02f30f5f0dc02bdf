// The API's use-cases of a running farm role's scaling: values pushed to its `pushed` rules, and
// its stored decisions. The route's permission (metrics:push, farms:view) is checked by the
// authorize middleware against the farm; here the farm role is found by alias in the caller's
// account (another tenant's farm answers 404).
import { InvalidInput, NotFound } from '../../domain/errors';
import { EMPTY_MEMORY } from '../../domain/scaling';
import type { Farm, StoredFarmRole } from '../../domain/schemas/farm';
import type { FarmRoleScaling, PushedMetricsInput } from '../../domain/schemas/scaling-state';
import type { Clock } from '../../ports/clock';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { scales } from './evaluate-scaling';

/** A pushed value may be this old (a window is at most an hour; older values would only mislead). */
export const PUSH_MAX_AGE_MS = 10 * 60_000;
/** Clocks differ a little: a value up to this far in the future is taken as now. */
const PUSH_SKEW_MS = 60_000;

interface Deps {
  store: Pick<Store, 'farms' | 'metricSamples' | 'scalingStates'>;
  clock: Clock;
}

async function farmRoleOf(deps: Deps, principal: Principal, farmId: string, alias: string) {
  const farm: Farm | undefined = await deps.store.farms.get({ accountId: principal.accountId }, farmId);
  if (!farm) throw new NotFound(`Farm ${farmId} not found`);
  const farmRole = farm.farmRoles.find((fr) => fr.alias === alias);
  if (!farmRole?.id) throw new NotFound(`Farm ${farm.name} has no farm role ${alias}`);
  return { farm, farmRole: farmRole as StoredFarmRole & { id: string } };
}

export async function pushFarmRoleMetrics(
  deps: Deps,
  principal: Principal,
  farmId: string,
  alias: string,
  input: PushedMetricsInput,
) {
  const { farm, farmRole } = await farmRoleOf(deps, principal, farmId, alias);
  const read = new Set(
    (farmRole.scaling?.rules ?? []).flatMap((r) => (r.source.type === 'pushed' ? [r.source.name] : [])),
  );
  const unread = Object.keys(input.metrics).filter((name) => !read.has(name));
  if (unread.length > 0) {
    const known = read.size ? `it reads ${[...read].join(', ')}` : 'it has no pushed rule';
    throw new InvalidInput(
      `No scaling rule of farm role ${alias} reads ${unread.join(', ')} (${known})`,
      unread.map((name) => ({
        path: `metrics.${name}`,
        message: `no rule of ${alias} reads pushed metric "${name}"`,
      })),
    );
  }
  const now = deps.clock.now().getTime();
  const at = input.at ? Date.parse(input.at) : now;
  if (at < now - PUSH_MAX_AGE_MS)
    throw new InvalidInput('The values are too old', [
      { path: 'at', message: 'must be within the last 10 minutes' },
    ]);
  if (at > now + PUSH_SKEW_MS)
    throw new InvalidInput('The values are from the future', [
      { path: 'at', message: 'must not be in the future' },
    ]);
  const values = Object.fromEntries(Object.entries(input.metrics).map(([name, v]) => [`pushed:${name}`, v]));
  await deps.store.metricSamples.append(
    { accountId: farm.accountId, farmId: farm.id },
    { kind: 'pushed', farmRoleId: farmRole.id },
    { at: Math.min(at, now), values },
  );
  return {
    farmRoleId: farmRole.id,
    at: new Date(Math.min(at, now)).toISOString(),
    accepted: Object.keys(input.metrics),
  };
}

export async function getFarmRoleScaling(
  deps: Deps,
  principal: Principal,
  farmId: string,
  alias: string,
): Promise<FarmRoleScaling> {
  const { farm, farmRole } = await farmRoleOf(deps, principal, farmId, alias);
  const state = await deps.store.scalingStates.get(
    { accountId: farm.accountId, farmId: farm.id },
    farmRole.id,
  );
  return {
    farmRoleId: farmRole.id,
    alias,
    enabled: scales(farmRole),
    current: state?.decisions[0] ?? null,
    recent: state?.decisions ?? [],
    changes: state?.changes ?? [],
    memory: state?.memory ?? EMPTY_MEMORY,
    evaluatedAt: state ? new Date(state.evaluatedAt).toISOString() : null,
  };
}

/** Each scaling farm role's current desired count (its last stored decision's), for the farm's status. */
export async function scaledDesiredCounts(
  store: Pick<Store, 'scalingStates'>,
  farm: Farm,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const ref = { accountId: farm.accountId, farmId: farm.id };
  for (const fr of farm.farmRoles) {
    if (!fr.id || !scales(fr)) continue;
    const decision = (await store.scalingStates.get(ref, fr.id))?.decisions[0];
    if (decision) counts.set(fr.id, decision.desired);
  }
  return counts;
}
