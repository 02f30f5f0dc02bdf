// Demo data for the local runtime: an account, a `demo` environment, a base role, the sandbox
// clouds as the environment's credentials, and a farm spanning both clouds. Written through
// the same services as the API, so it obeys every rule a user's data does.
import { newId } from '../functions/domain/ids';
import type { CloudCredentialsInput } from '../functions/domain/schemas/credentials';
import type { FarmSpecInput } from '../functions/domain/schemas/farm';
import { FarmSpec } from '../functions/domain/schemas/farm';
import { RoleInput } from '../functions/domain/schemas/role';
import type { ApiDeps } from '../functions/handlers/api/deps';
import type { Principal } from '../functions/ports/identity';
import { createCredentials } from '../functions/services/credentials';
import { createEnvironment } from '../functions/services/environments';
import { createFarm } from '../functions/services/farms';
import { createRole } from '../functions/services/roles';
import { DEBIAN_TEMPLATE_ID } from '../sandbox/cloudstack';
import { DEBIAN_IMAGE_ID as OPENSTACK_DEBIAN_IMAGE_ID } from '../sandbox/openstack';
import { type SeedUser, seedAccessCast } from './seed-access';

export interface DemoData {
  accountId: string;
  userId: string;
  environmentId: string;
  roleId: string;
  farmId: string;
  /** demo-private (npm start): a farm role on the OpenStack sandbox and one on the CloudStack sandbox. */
  privateFarmId?: string;
  /** demo-scaling (npm start): an EC2 farm role with a CPU target rule. */
  scalingFarmId?: string;
  awsCredentialsId?: string;
  gceCredentialsId?: string;
  /** Who can sign in (README "Access control"), and the teams they are in. */
  users?: SeedUser[];
  teamIds?: Record<'web' | 'data' | 'viewers', string>;
}

export interface SandboxCredentials {
  aws?: CloudCredentialsInput;
  gce?: CloudCredentialsInput;
  /** The CloudStack sandbox's key pair: the demo environment's fourth cloud. */
  cloudstack?: CloudCredentialsInput;
  /** The OpenStack sandbox's Keystone user (any password works there). */
  openstack?: CloudCredentialsInput;
}

/** The demo's one role: Debian 12 on every sandbox cloud, with each cloud's default size. */
const DEMO_ROLE = RoleInput.parse({
  name: 'base-debian',
  description: 'Debian 12 with the Drover agent',
  osFamily: 'linux',
  osName: 'Debian 12',
  images: [
    { platform: 'aws', location: 'us-east-1', imageId: 'ami-0d1e2b3c4a5f60718' },
    { platform: 'aws', location: 'eu-west-1', imageId: 'ami-0a9b8c7d6e5f40312' },
    { platform: 'gce', location: '*', imageId: 'projects/debian-cloud/global/images/family/debian-12' },
    // The private clouds' Debian images: demo-private's farm roles (seed-private-farm.ts) use this role.
    { platform: 'cloudstack', location: '*', imageId: DEBIAN_TEMPLATE_ID },
    { platform: 'openstack', location: '*', imageId: OPENSTACK_DEBIAN_IMAGE_ID },
  ],
  defaultInstanceTypes: {
    aws: 't3.small',
    gce: 'e2-small',
    cloudstack: 'Small Instance',
    openstack: 'm1.small',
  },
});

export async function seedDemo(
  deps: ApiDeps,
  sandboxes: SandboxCredentials = {},
  name = 'Demo',
): Promise<DemoData> {
  const accountId = newId('account');
  const userId = newId('user');
  await deps.store.accounts.create({ id: accountId, name, createdAt: deps.clock.now().toISOString() });
  const principal: Principal = { accountId, userId, via: 'system' };
  const env = await createEnvironment(deps, principal, {
    name: 'demo',
    description: 'Demo environment on the sandbox clouds',
  });
  const role = await createRole(deps, principal, DEMO_ROLE);
  const cast = await seedAccessCast(deps, principal, env.id, name);
  const aws = sandboxes.aws ? await createCredentials(deps, principal, env.id, sandboxes.aws) : undefined;
  const gce = sandboxes.gce ? await createCredentials(deps, principal, env.id, sandboxes.gce) : undefined;
  if (sandboxes.cloudstack) await createCredentials(deps, principal, env.id, sandboxes.cloudstack);
  if (sandboxes.openstack) await createCredentials(deps, principal, env.id, sandboxes.openstack);

  const farmRoles: FarmSpecInput['farmRoles'] = [];
  if (aws) {
    farmRoles.push({
      platform: 'aws',
      roleId: role.id,
      alias: 'web',
      credentialsId: aws.id,
      region: 'us-east-1',
      zones: ['us-east-1a', 'us-east-1b'],
      instanceType: 't3.small',
      minInstances: 2,
      maxInstances: 4,
      volumes: [{ sizeGiB: 50, type: 'gp3', mountPoint: '/data' }],
      tags: { team: 'web' },
    });
  }
  if (gce) {
    farmRoles.push({
      platform: 'gce',
      roleId: role.id,
      alias: 'worker',
      credentialsId: gce.id,
      region: 'us-central1',
      zones: ['us-central1-a', 'us-central1-b'],
      instanceType: 'e2-small',
      minInstances: 1,
      maxInstances: 3,
      launchOrder: 1,
      tags: { team: 'batch' },
    });
  }
  const farm = await createFarm(
    deps,
    cast.asWebTeam,
    env.id,
    FarmSpec.parse({ name: 'demo-web', description: 'A web tier on AWS and workers on GCE', farmRoles }),
  );
  return {
    accountId,
    userId,
    environmentId: env.id,
    roleId: role.id,
    farmId: farm.id,
    ...(aws ? { awsCredentialsId: aws.id } : {}),
    ...(gce ? { gceCredentialsId: gce.id } : {}),
    users: cast.users,
    teamIds: cast.teamIds,
  };
}
