// AwsCloudDriver: the CloudDriver port on @aws-sdk/client-ec2. It observes and acts, nothing
// more: retries are the SDK's (adaptive mode), decisions are the reconciler's, and every error
// leaves through toCloudError.
import {
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  type DescribeInstancesCommandInput,
  DescribeInstanceTypesCommand,
  DescribeRegionsCommand,
  type EC2Client,
  type Filter,
  type Instance,
  RebootInstancesCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../../domain/clouds/launch-spec';
import type { ObservedInstance } from '../../../domain/clouds/observed-instance';
import {
  type CloudDriver,
  CloudError,
  type InstanceFilter,
  type InstanceRef,
  type InstanceTypeInfo,
  type LocationInfo,
} from '../../../ports/cloud-driver';
import type { Ec2Clients } from './client';
import { toCloudError } from './errors';
import { runInstancesInput } from './launch-request';
import { observedInstance } from './observed-instance';

/** EC2 accepts at most 1000 ids per state-change call; smaller batches keep one bad id's blast radius small. */
const BATCH = 100;
/** Where account-wide calls (DescribeRegions) go. */
const HOME_REGION = 'us-east-1';

export interface AwsDriverTuning {
  /** DescribeInstances MaxResults (5..1000). */
  pageSize: number;
}

export class AwsCloudDriver implements CloudDriver {
  readonly platform = 'aws' as const;

  constructor(
    private readonly clients: Ec2Clients,
    private readonly tuning: AwsDriverTuning = { pageSize: 1000 },
  ) {}

  async listInstances(region: string, filter: InstanceFilter): Promise<ObservedInstance[]> {
    const client = this.clients.forRegion(region);
    const input: DescribeInstancesCommandInput = {
      Filters: tagFilters(filter),
      MaxResults: this.tuning.pageSize,
    };
    const found: ObservedInstance[] = [];
    let nextToken: string | undefined;
    do {
      const page = await guard(() =>
        client.send(new DescribeInstancesCommand({ ...input, NextToken: nextToken })),
      );
      for (const reservation of page.Reservations ?? []) {
        for (const instance of reservation.Instances ?? []) found.push(observedInstance(instance, region));
      }
      nextToken = page.NextToken || undefined;
    } while (nextToken);
    return found;
  }

  async launch(spec: LaunchSpec): Promise<ObservedInstance> {
    const client = this.clients.forRegion(spec.region);
    let input: ReturnType<typeof runInstancesInput>;
    try {
      input = runInstancesInput(spec);
    } catch (err) {
      throw new CloudError('InvalidSpec', (err as Error).message, { platform: 'aws', cause: err });
    }
    const reservation = await guard(() => client.send(new RunInstancesCommand(input)));
    const instance: Instance | undefined = reservation.Instances?.[0];
    if (!instance?.InstanceId) {
      throw new CloudError('Transient', `RunInstances for ${spec.serverId} answered no instance`, {
        platform: 'aws',
      });
    }
    return observedInstance(instance, spec.region);
  }

  terminate(region: string, instances: InstanceRef[]): Promise<void> {
    return this.inBatches(region, instances, (client, InstanceIds) =>
      client.send(new TerminateInstancesCommand({ InstanceIds })),
    );
  }

  stop(region: string, instances: InstanceRef[]): Promise<void> {
    return this.inBatches(region, instances, (client, InstanceIds) =>
      client.send(new StopInstancesCommand({ InstanceIds })),
    );
  }

  start(region: string, instances: InstanceRef[]): Promise<void> {
    return this.inBatches(region, instances, (client, InstanceIds) =>
      client.send(new StartInstancesCommand({ InstanceIds })),
    );
  }

  reboot(region: string, instances: InstanceRef[]): Promise<void> {
    return this.inBatches(region, instances, (client, InstanceIds) =>
      client.send(new RebootInstancesCommand({ InstanceIds })),
    );
  }

  async describeLocations(): Promise<LocationInfo[]> {
    const regions = await guard(() =>
      this.clients.forRegion(HOME_REGION).send(new DescribeRegionsCommand({})),
    );
    const names = (regions.Regions ?? []).map((r) => r.RegionName).filter((r): r is string => !!r);
    return Promise.all(
      names.sort().map(async (region) => {
        const zones = await guard(() =>
          this.clients.forRegion(region).send(
            new DescribeAvailabilityZonesCommand({
              Filters: [{ Name: 'zone-type', Values: ['availability-zone'] }],
            }),
          ),
        );
        return {
          region,
          zones: (zones.AvailabilityZones ?? [])
            .filter((z) => z.State === 'available' && z.ZoneName)
            .map((z) => z.ZoneName!)
            .sort(),
        };
      }),
    );
  }

  async describeInstanceTypes(region: string): Promise<InstanceTypeInfo[]> {
    const client = this.clients.forRegion(region);
    const types: InstanceTypeInfo[] = [];
    let nextToken: string | undefined;
    do {
      const page = await guard(() =>
        client.send(new DescribeInstanceTypesCommand({ MaxResults: 100, NextToken: nextToken })),
      );
      for (const t of page.InstanceTypes ?? []) {
        if (!t.InstanceType) continue;
        types.push({
          name: t.InstanceType,
          vcpus: t.VCpuInfo?.DefaultVCpus,
          memoryMiB: t.MemoryInfo?.SizeInMiB,
        });
      }
      nextToken = page.NextToken || undefined;
    } while (nextToken);
    return types.sort((a, b) => a.name.localeCompare(b.name));
  }

  private async inBatches(
    region: string,
    instances: InstanceRef[],
    send: (client: EC2Client, ids: string[]) => Promise<unknown>,
  ): Promise<void> {
    const client = this.clients.forRegion(region);
    const ids = [...new Set(instances.map((i) => i.instanceId))];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      await guard(() => send(client, batch));
    }
  }
}

/** `tag:drover-*` filters for every id the filter names (the account is always required). */
export function tagFilters(filter: InstanceFilter): Filter[] {
  return (Object.keys(DROVER_TAG_KEYS) as (keyof typeof DROVER_TAG_KEYS)[])
    .filter((field) => filter[field] !== undefined)
    .map((field) => ({ Name: `tag:${DROVER_TAG_KEYS[field]}`, Values: [filter[field]!] }));
}

async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toCloudError(err);
  }
}
