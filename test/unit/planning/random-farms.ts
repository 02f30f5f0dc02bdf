// fast-check arbitraries for planner worlds: 1-4 farm roles (min/max 0..10) on one or two
// clouds, server records in every status with or without a listed instance in every state,
// untracked instances of the farm and instances of another farm, at random ages.
import fc from 'fast-check';
import type { InstanceState, ObservedInstance } from '../../../functions/domain/clouds/observed-instance';
import type { PlanFarmRole, PlanServer } from '../../../functions/domain/planning';
import { FarmStatus } from '../../../functions/domain/schemas/farm';
import { ServerStatus } from '../../../functions/domain/schemas/server';
import { ACCOUNT_ID, ENV_ID, FARM_ID, farm, farmRole, iso, SEC, T0 } from './farm-fixtures';
import type { World } from './simulated-cloud';

const LOCATIONS = [
  { platform: 'aws' as const, region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
  {
    platform: 'gce' as const,
    region: 'europe-west1',
    zones: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'],
  },
];
const STATES: InstanceState[] = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'];

const roleArb = fc.record({
  bounds: fc.tuple(fc.nat({ max: 10 }), fc.nat({ max: 10 })),
  location: fc.nat({ max: LOCATIONS.length - 1 }),
  zoneCount: fc.integer({ min: 1, max: 3 }),
  scaleInOrder: fc.constantFrom('newest-first' as const, 'oldest-first' as const),
  launchOrder: fc.nat({ max: 2 }),
  launchTimeoutSec: fc.constantFrom(60, 900),
  initTimeoutSec: fc.constantFrom(60, 1200),
});

const serverArb = fc.record({
  status: fc.constantFrom(...ServerStatus.options),
  instance: fc.option(fc.constantFrom(...STATES), { nil: undefined }),
  ageSec: fc.integer({ min: 0, max: 2 * 3600 }),
  enteredSec: fc.integer({ min: 0, max: 2 * 3600 }),
  indexGap: fc.nat({ max: 2 }),
  zone: fc.nat({ max: 2 }),
});

const strayArb = fc.record({
  state: fc.constantFrom(...STATES),
  launchedSec: fc.integer({ min: 0, max: 20 * 60 }),
  role: fc.nat({ max: 3 }),
  foreign: fc.boolean(),
});

export const worldSpecArb = fc.record({
  status: fc.constantFrom(...FarmStatus.options),
  roles: fc.array(roleArb, { minLength: 1, maxLength: 4 }),
  /** The last farm role was removed from the spec; its servers remain. */
  removeLast: fc.boolean(),
  servers: fc.array(fc.array(serverArb, { maxLength: 12 }), { minLength: 4, maxLength: 4 }),
  strays: fc.array(strayArb, { maxLength: 3 }),
});
export type WorldSpec = typeof worldSpecArb extends fc.Arbitrary<infer T> ? T : never;

export function buildWorld(spec: WorldSpec): World {
  const roles: PlanFarmRole[] = spec.roles.map((r, i) => {
    const location = LOCATIONS[r.location]!;
    return farmRole(i + 1, {
      platform: location.platform,
      region: location.region,
      zones: location.zones.slice(0, r.zoneCount),
      minInstances: Math.min(...r.bounds),
      maxInstances: Math.max(...r.bounds),
      scaleInOrder: r.scaleInOrder,
      launchOrder: r.launchOrder,
      launchTimeoutSec: r.launchTimeoutSec,
      initTimeoutSec: r.initTimeoutSec,
    });
  });
  const servers: PlanServer[] = [];
  const instances: ObservedInstance[] = [];
  let n = 0;
  roles.forEach((role, r) => {
    let index = 0;
    for (const s of spec.servers[r] ?? []) {
      n++;
      index += 1 + s.indexGap;
      const id = `srv-${String(n).padStart(26, '0')}`;
      const instanceId = `i-${String(n).padStart(17, '0')}`;
      const created = -s.ageSec * SEC;
      const entered = -Math.min(s.enteredSec, s.ageSec) * SEC;
      const zone = role.zones[s.zone % role.zones.length]!;
      const recordsInstance = s.status !== 'Pending Launch';
      servers.push({
        id,
        farmId: FARM_ID,
        farmRoleId: role.id,
        farmRoleAlias: role.alias,
        index,
        platform: role.platform,
        credentialsId: role.credentialsId,
        region: role.region,
        zone,
        instanceType: role.instanceType,
        status: s.status,
        statusReason: '',
        instanceId: recordsInstance ? instanceId : null,
        privateIp: recordsInstance ? `10.0.${r}.${n % 250}` : null,
        publicIp: null,
        replacesServerId: null,
        timestamps: { 'Pending Launch': iso(created), [s.status]: iso(entered) },
        version: 1,
        createdAt: iso(created),
        updatedAt: iso(entered),
      });
      if (s.instance) {
        instances.push(
          instance(role, instanceId, s.instance, created, zone, {
            serverId: id,
            privateIp: `10.0.${r}.${n % 250}`,
          }),
        );
      }
    }
  });
  spec.strays.forEach((s, k) => {
    const role = roles[s.role % roles.length]!;
    const tags = s.foreign ? { farmId: 'farm-00000000000000000000000009' } : {};
    instances.push(
      instance(
        role,
        `i-${String(90_000 + k).padStart(17, '0')}`,
        s.state,
        -s.launchedSec * SEC,
        role.zones[0]!,
        tags,
      ),
    );
  });
  const specRoles = spec.removeLast && roles.length > 1 ? roles.slice(0, -1) : roles;
  return {
    farm: farm(spec.status, specRoles),
    servers,
    instances,
    visibleFrom: {},
    now: T0,
    launches: 0,
    calls: [],
  };
}

function instance(
  role: PlanFarmRole,
  instanceId: string,
  state: InstanceState,
  launched: number,
  zone: string,
  over: Partial<ObservedInstance>,
): ObservedInstance {
  return {
    instanceId,
    platform: role.platform,
    region: role.region,
    zone,
    state,
    instanceType: role.instanceType,
    imageId: 'ami-00000000000000001',
    privateIp: null,
    publicIp: null,
    launchedAt: iso(launched),
    accountId: ACCOUNT_ID,
    environmentId: ENV_ID,
    farmId: FARM_ID,
    farmRoleId: role.id,
    tags: {},
    ...over,
  };
}
