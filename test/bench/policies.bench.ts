// The policies' cost: evaluateFarm on save (a farm of 1, 10 and 50 farm roles against 13 and 130
// enabled policies, one of each rule kind per set) and enforceLaunch per server at launch.
// Pure CPU; prints figures, asserts nothing.
// Run: npx tsx test/bench/policies.bench.ts
import { enforceLaunch, evaluateFarm } from '../../functions/domain/policies';
import type { FarmSpec } from '../../functions/domain/schemas/farm';
import type { Policy } from '../../functions/domain/schemas/policy';
import { awsRole, launchOf, policy, spec } from '../unit/policies/policy-fixtures';
import { invokedDirectly } from './measure';

/** One policy of every rule kind, each of which the farms below satisfy. */
function policySet(copies: number): Policy[] {
  const rules = [
    { kind: 'allowed-locations', regions: ['us-*', 'eu-*'] },
    { kind: 'allowed-instance-types', instanceTypes: ['t3.*', 'm5.*'] },
    { kind: 'allowed-roles', roleIds: ['role-01jd7y9x2k0000000000000001'] },
    { kind: 'allowed-images', imageIds: ['ami-*'] },
    { kind: 'enforced-network', subnetIds: ['subnet-0a0a0a0a0a0a0a0a0', 'subnet-0b0b0b0b0b0b0b0b0'] },
    { kind: 'enforced-security-groups', securityGroupIds: ['sg-0123456789abcdef0'] },
    { kind: 'network-tags', networkTags: ['corp-fw'] },
    { kind: 'required-tags', tags: [{ key: 'team', pattern: '[a-z]+' }] },
    { kind: 'auto-tags', tags: { owner: '${DROVER_FARM_NAME}', server: '${DROVER_SERVER_ID}' } },
    { kind: 'max-instances', perFarmRole: 100, perFarm: 10_000 },
    { kind: 'instance-identity', iamInstanceProfile: 'drover-web' },
    { kind: 'farm-lease', maxLifetimeHours: 72 },
    { kind: 'naming', farmNamePattern: '[a-z]+-[a-z]+' },
  ];
  return Array.from({ length: copies }, () => rules.map((r) => policy(r))).flat();
}

const farmOf = (farmRoles: number): FarmSpec =>
  spec(Array.from({ length: farmRoles }, (_, i) => awsRole({ alias: `tier-${i}` })));

function time(label: string, rounds: number, op: () => number) {
  for (let i = 0; i < Math.min(rounds, 100); i++) op(); // warm up
  const started = performance.now();
  let found = 0;
  for (let i = 0; i < rounds; i++) found += op();
  const ms = performance.now() - started;
  return {
    benchmark: label,
    rounds,
    'µs per call': Number(((ms * 1000) / rounds).toFixed(1)),
    violations: found,
  };
}

export async function main(): Promise<void> {
  const rows = [];
  for (const copies of [1, 10]) {
    const policies = policySet(copies);
    for (const farmRoles of [1, 10, 50]) {
      const farm = farmOf(farmRoles);
      rows.push(
        time(
          `evaluateFarm: ${farmRoles} farm role(s), ${policies.length} policies`,
          2000,
          () => evaluateFarm(farm, policies).length,
        ),
      );
    }
    const { launch, context } = launchOf(farmOf(1));
    rows.push(
      time(`enforceLaunch: 1 server, ${policies.length} policies`, 20_000, () => {
        const decision = enforceLaunch(launch, policies, context);
        return decision.ok ? 0 : decision.violations.length;
      }),
    );
  }
  console.table(rows);
}

if (invokedDirectly(import.meta.url)) await main();
