// Seeds a fleet for the benchmarks: Running farms of Running servers, written straight into the
// store and launched straight into the EC2 sandbox (not through the API, so 10,000 farms take
// seconds), tagged as Drover tags them so a pass finds each farm converged.
import { type _InstanceType, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { DROVER_TAG_KEYS } from '../../../functions/domain/clouds/launch-spec';
import { newId } from '../../../functions/domain/ids';
import type { Farm } from '../../../functions/domain/schemas/farm';
import type { Server } from '../../../functions/domain/schemas/server';
import type { FarmRef } from '../../../functions/ports/farm-scheduler';
import type { LocalRuntime } from '../../../local/runtime';

/** Seeds `farms` Running farms with `servers` Running servers each, straight into the store and the EC2 sandbox. */
export async function seedFarms(rt: LocalRuntime, farms: number, servers: number): Promise<FarmRef[]> {
  const template = (await rt.deps.store.farms.get({ accountId: rt.demo.accountId }, rt.demo.farmId))!;
  const web = template.farmRoles.find((fr) => fr.platform === 'aws')!;
  const ec2 = new EC2Client({
    region: web.region,
    endpoint: rt.sandboxes.ec2.url,
    credentials: { accessKeyId: 'AKIASANDBOX000000000', secretAccessKey: 'sandbox' },
  });
  const refs: FarmRef[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < farms) {
        const i = next++;
        const now = new Date(Date.now() - 10 * 60_000).toISOString();
        const farmRole = { ...web, id: newId('farmRole'), minInstances: servers, maxInstances: servers };
        const farm: Farm = {
          ...template,
          id: newId('farm'),
          name: `bench-${i}`,
          status: 'Running',
          farmRoles: [farmRole],
          version: 1,
          createdAt: now,
          updatedAt: now,
          launchedAt: now,
        };
        const launched = await ec2.send(
          new RunInstancesCommand({
            ImageId: 'ami-0d1e2b3c4a5f60718',
            InstanceType: farmRole.instanceType as _InstanceType,
            MinCount: servers,
            MaxCount: servers,
            Placement: { AvailabilityZone: farmRole.zones[0] },
            TagSpecifications: [
              {
                ResourceType: 'instance',
                Tags: [
                  { Key: DROVER_TAG_KEYS.accountId, Value: farm.accountId },
                  { Key: DROVER_TAG_KEYS.environmentId, Value: farm.environmentId },
                  { Key: DROVER_TAG_KEYS.farmId, Value: farm.id },
                  { Key: DROVER_TAG_KEYS.farmRoleId, Value: farmRole.id },
                ],
              },
            ],
          }),
        );
        for (const [n, instance] of (launched.Instances ?? []).entries()) {
          const server: Server = {
            id: newId('server'),
            accountId: farm.accountId,
            environmentId: farm.environmentId,
            farmId: farm.id,
            farmRoleId: farmRole.id,
            farmRoleAlias: farmRole.alias,
            index: n + 1,
            platform: 'aws',
            credentialsId: farmRole.credentialsId,
            region: farmRole.region,
            zone: instance.Placement?.AvailabilityZone ?? farmRole.zones[0]!,
            instanceType: farmRole.instanceType,
            imageId: 'ami-0d1e2b3c4a5f60718',
            status: 'Running',
            statusReason: 'seeded by the benchmark',
            instanceId: instance.InstanceId!,
            privateIp: instance.PrivateIpAddress ?? null,
            publicIp: instance.PublicIpAddress ?? null,
            replacesServerId: null,
            timestamps: { 'Pending Launch': now, Pending: now, Initializing: now, Running: now },
            version: 1,
            createdAt: now,
            updatedAt: now,
          };
          await rt.deps.store.servers.create(server);
        }
        await rt.deps.store.farms.create(farm);
        refs.push({ accountId: farm.accountId, farmId: farm.id });
      }
    }),
  );
  ec2.destroy();
  return refs;
}
