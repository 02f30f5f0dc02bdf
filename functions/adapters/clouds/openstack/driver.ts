// OpenStackCloudDriver: the CloudDriver port on Nova (and Neutron, Glance for what a launch names),
// through Drover's own OpenStack client (./client). Observation is one filtered listing per
// region (`GET /servers/detail?tags=drover-account=…,drover-farm=…`, all pages); launch is
// idempotent by name (launch.ts); terminate/stop/start/reboot return once Nova has accepted
// them, as EC2's calls do, and their outcome is observed through listInstances. Locations are
// the catalog's compute regions × each region's availability zones; flavors are instance types.
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
import type { OpenStackClient } from './client';
import type { Image } from './client/wire/glance';
import type { Flavor, ServerAction, ServerStatus } from './client/wire/nova';
import { launchServer } from './launch';
import { filterTags, observedInstance } from './server-mapping';

export interface OpenStackDriverOptions {
  /** Retries of a throttled or failed call (default 4; 0 = a single attempt). */
  maxRetries?: number;
  /** `limit` of server listings (default 1000, Nova's usual maximum). */
  pageSize?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Flavors and networks change rarely: names are resolved from lists kept this long. */
const LOOKUP_TTL_MS = 5 * 60_000;

export class OpenStackCloudDriver implements CloudDriver {
  readonly platform = 'openstack' as const;
  private readonly pageSize: number;
  private readonly maxRetries: number;
  /** Launches of one server in this process share one attempt (the cloud cannot tell them apart). */
  private readonly launching = new Map<string, Promise<ObservedInstance>>();
  private readonly lookups = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    readonly client: OpenStackClient,
    options: OpenStackDriverOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.maxRetries = options.maxRetries ?? 4;
  }

  async listInstances(region: string, filter: InstanceFilter): Promise<ObservedInstance[]> {
    const servers = await this.client.nova.listServers(region, {
      tags: filterTags(filter),
      limit: this.pageSize,
    });
    return servers.map((s) => observedInstance(s, region));
  }

  launch(spec: LaunchSpec): Promise<ObservedInstance> {
    const inFlight = this.launching.get(spec.serverId);
    if (inFlight) return inFlight;
    const launching = launchServer(this.client, spec, () => this.placement(spec), {
      maxRetries: this.maxRetries,
      schedulingDeadlineMs: 120_000,
    })
      .then((server) => observedInstance(server, spec.region))
      .finally(() => this.launching.delete(spec.serverId));
    this.launching.set(spec.serverId, launching);
    return launching;
  }

  terminate(region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, (id) => this.client.nova.deleteServer(region, id));
  }

  stop(region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, (id) =>
      this.act(region, id, { 'os-stop': null }, ['SHUTOFF'], 'powering-off'),
    );
  }

  start(region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, (id) =>
      this.act(region, id, { 'os-start': null }, ['ACTIVE'], 'powering-on'),
    );
  }

  reboot(region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, (id) =>
      this.act(region, id, { reboot: { type: 'SOFT' } }, ['REBOOT'], 'rebooting'),
    );
  }

  async describeLocations(): Promise<LocationInfo[]> {
    const regions = await this.client.computeRegions();
    return Promise.all(
      regions.map(async (region) => {
        const zones = await this.client.nova.listAvailabilityZones(region);
        return {
          region,
          zones: zones
            .filter((z) => z.zoneState.available)
            .map((z) => z.zoneName)
            .sort(),
        };
      }),
    );
  }

  async describeInstanceTypes(region: string): Promise<InstanceTypeInfo[]> {
    const flavors = await this.flavors(region);
    return flavors
      .map((f) => ({ name: f.name, vcpus: f.vcpus, memoryMiB: f.ram }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The active images a farm role may launch from (the portal's list). */
  describeImages(region: string): Promise<Image[]> {
    return this.client.glance.listImages(region);
  }

  /** Images, networks, security groups and key pairs of a region, kept as the flavors are. */
  describePlacementChoices(region: string): Promise<PlacementChoicesInfo> {
    return this.cached(`choices/${region}`, async () => {
      const [images, networks, groups, keyPairs] = await Promise.all([
        this.client.glance.listImages(region),
        this.client.neutron.listNetworks(region),
        this.client.neutron.listSecurityGroups(region),
        this.client.nova.listKeyPairs(region),
      ]);
      const entry = (x: { id: string; name: string | null }) => ({ id: x.id, name: x.name ?? x.id });
      return {
        images: images.map(entry),
        networks: networks.map(entry),
        securityGroups: groups.map(entry),
        keyPairs: keyPairs.map((k) => k.name),
      };
    });
  }

  /** Flavor and networks by name or id, as Nova wants them (ids). */
  private async placement(spec: LaunchSpec) {
    const flavors = await this.flavors(spec.region);
    const flavor =
      flavors.find((f) => f.name === spec.instanceType) ?? flavors.find((f) => f.id === spec.instanceType);
    if (!flavor)
      throw new CloudError('InvalidSpec', `OpenStack: no flavor ${spec.instanceType} in ${spec.region}`, {
        code: 'FlavorNotFound',
        platform: 'openstack',
      });
    const wanted = spec.openstack?.networks ?? [];
    const named = wanted.filter((n) => !UUID.test(n));
    const networks =
      named.length > 0
        ? await this.cached(`networks/${spec.region}`, () => this.client.neutron.listNetworks(spec.region))
        : [];
    const networkIds = wanted.map((n) => {
      if (UUID.test(n)) return n;
      const found = networks.find((x) => x.name === n);
      if (!found)
        throw new CloudError('InvalidSpec', `OpenStack: no network ${n} in ${spec.region}`, {
          code: 'NetworkNotFound',
          platform: 'openstack',
        });
      return found.id;
    });
    return { flavorId: flavor.id, networkIds };
  }

  private flavors(region: string): Promise<Flavor[]> {
    return this.cached(`flavors/${region}`, () => this.client.nova.listFlavors(region));
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.lookups.get(key);
    if (hit && Date.now() - hit.at < LOOKUP_TTL_MS) return hit.value as Promise<T>;
    const value = load().catch((err: unknown) => {
      this.lookups.delete(key);
      throw err;
    });
    this.lookups.set(key, { at: Date.now(), value });
    return value;
  }

  /**
   * One action; Nova refuses (409) one the server is already doing or has done — a repeated stop
   * of a stopping server — which is success for a reconciler that only wants the outcome.
   */
  private async act(
    region: string,
    id: string,
    action: ServerAction,
    done: ServerStatus[],
    doing: string,
  ): Promise<void> {
    try {
      await this.client.nova.serverAction(region, id, action);
    } catch (err) {
      if (!(err instanceof CloudError && err.details.httpStatus === 409)) throw err;
      const server = await this.client.nova.getServer(region, id);
      if (!done.includes(server.status) && server['OS-EXT-STS:task_state'] !== doing) throw err;
    }
  }

  /** One call per instance, in parallel; the first failure is raised after all were tried. */
  private async each(instances: InstanceRef[], act: (id: string) => Promise<void>): Promise<void> {
    const results = await Promise.allSettled(instances.map((ref) => act(ref.instanceId)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
