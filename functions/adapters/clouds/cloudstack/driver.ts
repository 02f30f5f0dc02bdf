// CloudStackCloudDriver: the CloudDriver port on CloudStack's API, through Drover's own client
// (./client). A Drover region is a CloudStack zone (vm-mapping.ts); instance types are service
// offerings (by name or id); images are template ids. Observation is one tag-filtered
// listVirtualMachines per zone, all pages; launch is idempotent by name (deploy.ts);
// terminate/stop/start/reboot return once CloudStack has accepted the job, as EC2's calls do, and
// their outcome is observed through listInstances.
import type { LaunchSpec } from '../../../domain/clouds/launch-spec';
import type { ObservedInstance } from '../../../domain/clouds/observed-instance';
import {
  type CloudDriver,
  CloudError,
  type InstanceFilter,
  type InstanceRef,
  type InstanceTypeInfo,
  type LocationInfo,
  type PlacementChoicesInfo,
} from '../../../ports/cloud-driver';
import { CloudStackCatalogue } from './catalogue';
import type { CloudStackClient } from './client/client';
import { VirtualMachine } from './client/wire';
import { deployVm } from './deploy';
import { destroyVm } from './destroy';
import { type Placement, placementParams } from './placement';
import { filterTags, observedInstance, tagParams } from './vm-mapping';

export interface CloudStackDriverOptions {
  /** Retries of a throttled or failed call (default 4; 0 = a single attempt). */
  maxRetries?: number;
  /** `pagesize` of VM listings (default 500, as `cs`). */
  pageSize?: number;
}

export class CloudStackCloudDriver implements CloudDriver {
  readonly platform = 'cloudstack' as const;
  readonly catalogue: CloudStackCatalogue;
  private readonly pageSize: number;
  private readonly maxRetries: number;
  /** Launches of one server in this process share one attempt. */
  private readonly launching = new Map<string, Promise<ObservedInstance>>();

  constructor(
    readonly client: CloudStackClient,
    options: CloudStackDriverOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.maxRetries = options.maxRetries ?? 4;
    this.catalogue = new CloudStackCatalogue(client);
  }

  async listInstances(region: string, filter: InstanceFilter): Promise<ObservedInstance[]> {
    const zone = await this.catalogue.zone(region);
    const vms = await this.client.listAll(
      'listVirtualMachines',
      'virtualmachine',
      VirtualMachine,
      { zoneid: zone.id, listall: 'true', ...tagParams(filterTags(filter)) },
      this.pageSize,
    );
    return vms.map(observedInstance);
  }

  launch(spec: LaunchSpec): Promise<ObservedInstance> {
    const inFlight = this.launching.get(spec.serverId);
    if (inFlight) return inFlight;
    const launching = this.placement(spec)
      .then((placement) => deployVm(this.client, spec, placementParams(spec, placement), this.maxRetries))
      .then(observedInstance)
      .finally(() => this.launching.delete(spec.serverId));
    this.launching.set(spec.serverId, launching);
    return launching;
  }

  terminate(_region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, (id) => destroyVm(this.client, id));
  }

  stop(_region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, (id) =>
      this.client.start('stopVirtualMachine', { id }).then(() => undefined),
    );
  }

  start(_region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, (id) =>
      this.client.start('startVirtualMachine', { id }).then(() => undefined),
    );
  }

  reboot(_region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, (id) =>
      this.client.start('rebootVirtualMachine', { id }).then(() => undefined),
    );
  }

  async describeLocations(): Promise<LocationInfo[]> {
    const zones = await this.catalogue.zones();
    return zones
      .filter((z) => z.allocationstate !== 'Disabled')
      .map((z) => ({ region: z.name, zones: [z.name] }))
      .sort((a, b) => a.region.localeCompare(b.region));
  }

  async describeInstanceTypes(_region: string): Promise<InstanceTypeInfo[]> {
    const offerings = await this.catalogue.serviceOfferings();
    return offerings
      .map((o) => ({
        name: o.name,
        ...(o.cpunumber !== undefined ? { vcpus: o.cpunumber } : {}),
        ...(o.memory !== undefined ? { memoryMiB: o.memory } : {}),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The zone's templates, guest networks, the account's security groups and SSH key pairs (kept five minutes). */
  async describePlacementChoices(region: string): Promise<PlacementChoicesInfo> {
    const zone = await this.catalogue.zone(region);
    const [templates, networks, securityGroups, keyPairs] = await Promise.all([
      this.catalogue.templates(zone.id),
      this.catalogue.networks(zone.id),
      this.catalogue.securityGroups(),
      this.catalogue.keyPairs(),
    ]);
    const entry = (x: { id: string; name: string }) => ({ id: x.id, name: x.name });
    return {
      images: templates.map(entry),
      networks: networks.map(entry),
      securityGroups: securityGroups.map(entry),
      keyPairs: keyPairs.map((k) => k.name),
    };
  }

  /** Zone, service offering, networks, security groups and disk offering as CloudStack's ids. */
  private async placement(spec: LaunchSpec): Promise<Placement> {
    const cs = spec.cloudstack;
    const zone = await this.catalogue.zone(spec.region);
    if (spec.volumes.length > 1)
      throw new CloudError('InvalidSpec', 'CloudStack: a VM is deployed with one data disk at most', {
        code: 'TooManyDataDisks',
        platform: 'cloudstack',
      });
    return {
      zoneId: zone.id,
      serviceOfferingId: (await this.catalogue.serviceOffering(spec.instanceType)).id,
      networkIds: await Promise.all((cs?.networks ?? []).map((n) => this.catalogue.networkId(zone.id, n))),
      diskOfferingId: spec.volumes[0]
        ? (await this.catalogue.diskOffering(spec.volumes[0].type)).id
        : undefined,
    };
  }

  /** One call per instance, in parallel; the first failure is raised after all were tried. */
  private async each(instances: InstanceRef[], act: (id: string) => Promise<void>): Promise<void> {
    const results = await Promise.allSettled(instances.map((ref) => act(ref.instanceId)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
