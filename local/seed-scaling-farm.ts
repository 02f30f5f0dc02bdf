// npm start's scaling demo farm, `demo-scaling`: one AWS farm role `app` (1 to 4 t3.small on the
// EC2 sandbox) with a CPU target rule — keep the servers' average CPU near 60 % — evaluated each
// minute. Its servers carry the tag `load: demo-scaling`, the key the sandbox's simulated load is
// set under (`PUT /_sandbox/load {"key":"demo-scaling","cpuPercent":180}`), so README "Scaling"
// can show it scaling out under load and back in. A separate farm, as demo-private is, because
// demo-web's shape is what many tests pin. Stored Terminated: the user launches it.
import type { FarmSpecInput } from '../functions/domain/schemas/farm';
import { FarmSpec } from '../functions/domain/schemas/farm';
import type { ApiDeps } from '../functions/handlers/api/deps';
import type { Principal } from '../functions/ports/identity';
import { createFarm } from '../functions/services/farms';
import type { DemoData } from './seed';

export const DEMO_SCALING_FARM = 'demo-scaling';
/** The tag value the sandbox's simulated load is keyed by. */
export const DEMO_LOAD_KEY = 'demo-scaling';

type FarmRoleInput = NonNullable<FarmSpecInput['farmRoles']>[number];

const appRole = (roleId: string, credentialsId: string): FarmRoleInput => ({
  platform: 'aws',
  roleId,
  alias: 'app',
  credentialsId,
  region: 'us-east-1',
  zones: ['us-east-1a', 'us-east-1b'],
  instanceType: 't3.small',
  minInstances: 1,
  maxInstances: 4,
  tags: { load: DEMO_LOAD_KEY },
  scaling: {
    warmUpSec: 60,
    rules: [
      {
        name: 'cpu',
        mode: 'target',
        source: { type: 'agent', metric: 'cpuPercent' },
        target: 60,
        windowSec: 120,
      },
    ],
    scaleOut: { cooldownSec: 60 },
    scaleIn: { cooldownSec: 120, stabilizationSec: 120 },
  },
});

/** Adds demo-scaling (unless a farm has that name) when the environment holds AWS credentials; answers its id. */
export async function seedDemoScalingFarm(
  deps: ApiDeps,
  demo: Pick<DemoData, 'accountId' | 'userId' | 'environmentId' | 'roleId' | 'awsCredentialsId'>,
): Promise<string | undefined> {
  const scope = { accountId: demo.accountId, environmentId: demo.environmentId };
  const existing = await deps.store.farms.findByName(scope, DEMO_SCALING_FARM);
  if (existing) return existing.id;
  if (!demo.awsCredentialsId) return undefined;
  const principal: Principal = { accountId: demo.accountId, userId: demo.userId, via: 'system' };
  const farm = await createFarm(
    deps,
    principal,
    demo.environmentId,
    FarmSpec.parse({
      name: DEMO_SCALING_FARM,
      description: 'One to four servers on the EC2 sandbox, scaled to keep their CPU near 60 %',
      farmRoles: [appRole(demo.roleId, demo.awsCredentialsId)],
    }),
  );
  return farm.id;
}
