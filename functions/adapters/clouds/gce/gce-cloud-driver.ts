// GceCloudDriver: the CloudDriver port on Compute Engine, through `@google-cloud/compute`.
// Launch = instances.insert with a requestId derived from the server id (and the server id
// as the instance name), then zoneOperations.wait until the operation is DONE; an operation
// that ends in error (ZONE_RESOURCE_POOL_EXHAUSTED…) becomes a CloudError. Terminate, stop,
// start and reboot return once GCE has accepted the operation, as EC2's calls do; their
// outcome is observed through listInstances (one instances.aggregatedList per page, filtered
// by Drover's labels, kept to the region's zones).
//
// Retries: gax's own retry wrapper replaces the last error with a generic DEADLINE_EXCEEDED
// when it gives up, which would hide Throttled behind Transient, so gax retries are off and
// the driver retries Throttled/Transient calls itself (jittered exponential backoff). Every
// mutation carries a requestId that stays the same across its retries, so retries are safe.
import { ExponentialBackoff, handleWhen, type IPolicy, noop, retry } from 'cockatiel';
import type { LaunchSpec } from '../../../domain/clouds/launch-spec';
import type { ObservedInstance } from '../../../domain/clouds/observed-instance';
import type { CloudCredentialsWithSecrets } from '../../../domain/schemas/credentials';
import {
  type CloudDriver,
  CloudError,
  type InstanceFilter,
  type InstanceRef,
  type InstanceTypeInfo,
  type LocationInfo,
} from '../../../ports/cloud-driver';
import type { GuardedAgents } from '../../egress/guarded-agents';
import { type ComputeClients, computeClients } from './compute-clients';
import { isAlreadyExists, operationError, toCloudError } from './errors';
import { instanceResource, observedInstance, regionOfZone } from './instance-mapping';
import { labelFilter } from './labels';
import { launchRequestId, oneOffRequestId } from './request-id';

export interface GceDriverOptions {
  /** Retries of a throttled or failed call (default 4; 0 = a single attempt). */
  maxRetries?: number;
  /** `maxResults` of list calls (default 500, GCE's maximum). */
  pageSize?: number;
  /** The egress guard's agents, for an `endpoint` a tenant set. */
  agents?: GuardedAgents;
}

/** No gax retries (see the header); per-call deadlines instead of gax's 10 minutes. */
const NO_GAX_RETRY = {
  retryCodes: [],
  backoffSettings: { initialRetryDelayMillis: 100, retryDelayMultiplier: 1.3, maxRetryDelayMillis: 1000 },
};
const CALL_OPTIONS = { retry: NO_GAX_RETRY, timeout: 60_000 };
/** The async iterators page by themselves; saying so spares gax's AutopaginateTrueWarning. */
const LIST_OPTIONS = { ...CALL_OPTIONS, autoPaginate: false };
/** zoneOperations.wait holds the call up to two minutes before answering. */
const WAIT_OPTIONS = { retry: NO_GAX_RETRY, timeout: 150_000 };
const LAUNCH_DEADLINE_MS = 15 * 60_000;

const lastSegment = (url: string | null | undefined): string => (url ?? '').split('/').pop() ?? '';

export class GceCloudDriver implements CloudDriver {
  readonly platform = 'gce' as const;
  private readonly policy: IPolicy;
  private readonly pageSize: number;

  constructor(
    private readonly clients: ComputeClients,
    options: GceDriverOptions = {},
  ) {
    const maxRetries = options.maxRetries ?? 4;
    this.pageSize = options.pageSize ?? 500;
    this.policy =
      maxRetries > 0
        ? retry(
            handleWhen(
              (err) => err instanceof CloudError && (err.kind === 'Throttled' || err.kind === 'Transient'),
            ),
            {
              maxAttempts: maxRetries,
              backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 3_000 }),
            },
          )
        : noop;
  }

  private get project(): string {
    return this.clients.project;
  }

  async listInstances(region: string, filter: InstanceFilter): Promise<ObservedInstance[]> {
    // The async iterator follows pages itself; a failed page restarts the listing (most are one page).
    return this.call('instances.aggregatedList', async () => {
      const found: ObservedInstance[] = [];
      const pages = this.clients.instances.aggregatedListAsync(
        { project: this.project, filter: labelFilter(filter), maxResults: this.pageSize },
        LIST_OPTIONS,
      );
      for await (const [scope, scoped] of pages) {
        if (!scope.startsWith('zones/') || regionOfZone(scope.slice('zones/'.length)) !== region) continue;
        for (const instance of scoped.instances ?? []) found.push(observedInstance(instance));
      }
      return found;
    });
  }

  async launch(spec: LaunchSpec): Promise<ObservedInstance> {
    const { zone } = spec;
    const request = {
      project: this.project,
      zone,
      requestId: launchRequestId(spec.serverId),
      instanceResource: instanceResource(spec),
    };
    let operationName: string | undefined;
    try {
      const [operation] = await this.call('instances.insert', () =>
        this.clients.instances.insert(request, CALL_OPTIONS),
      );
      operationName = operation.latestResponse?.name ?? undefined;
    } catch (err) {
      // The name is the server id: an existing instance of that name is this server's, launched before.
      if (!(err instanceof CloudError && isAlreadyExists(err.details.cause))) throw err;
    }
    if (operationName) await this.waitForOperation(zone, operationName, 'instances.insert');
    const [instance] = await this.call('instances.get', () =>
      this.clients.instances.get({ project: this.project, zone, instance: spec.serverId }, CALL_OPTIONS),
    );
    return observedInstance(instance);
  }

  terminate(_region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, 'instances.delete', (request) =>
      this.clients.instances.delete(request, CALL_OPTIONS),
    );
  }

  stop(_region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, 'instances.stop', (request) =>
      this.clients.instances.stop(request, CALL_OPTIONS),
    );
  }

  start(_region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, 'instances.start', (request) =>
      this.clients.instances.start(request, CALL_OPTIONS),
    );
  }

  reboot(_region: string, instances: InstanceRef[]): Promise<void> {
    return this.each(instances, 'instances.reset', (request) =>
      this.clients.instances.reset(request, CALL_OPTIONS),
    );
  }

  async describeLocations(): Promise<LocationInfo[]> {
    return this.call('regions.list', async () => {
      const locations: LocationInfo[] = [];
      for await (const region of this.clients.regions.listAsync({ project: this.project }, LIST_OPTIONS)) {
        locations.push({ region: region.name ?? '', zones: (region.zones ?? []).map(lastSegment).sort() });
      }
      return locations;
    });
  }

  /** The machine types offered in any zone of the region. */
  async describeInstanceTypes(region: string): Promise<InstanceTypeInfo[]> {
    const [info] = await this.call('regions.get', () =>
      this.clients.regions.get({ project: this.project, region }, CALL_OPTIONS),
    );
    const perZone = await Promise.all(
      (info.zones ?? []).map(lastSegment).map((zone) =>
        this.call('machineTypes.list', async () => {
          const types: InstanceTypeInfo[] = [];
          for await (const type of this.clients.machineTypes.listAsync(
            { project: this.project, zone },
            LIST_OPTIONS,
          ))
            types.push({
              name: type.name ?? '',
              vcpus: type.guestCpus ?? undefined,
              memoryMiB: type.memoryMb ?? undefined,
            });
          return types;
        }),
      ),
    );
    const byName = new Map(perZone.flat().map((t) => [t.name, t]));
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async close(): Promise<void> {
    const { instances, zoneOperations, regions, machineTypes } = this.clients;
    await Promise.all([instances.close(), zoneOperations.close(), regions.close(), machineTypes.close()]);
  }

  private async waitForOperation(zone: string, operation: string, action: string): Promise<void> {
    const deadline = Date.now() + LAUNCH_DEADLINE_MS;
    for (;;) {
      const [op] = await this.call('zoneOperations.wait', () =>
        this.clients.zoneOperations.wait({ project: this.project, zone, operation }, WAIT_OPTIONS),
      );
      if (String(op.status) === 'DONE') {
        if (op.error?.errors?.length) throw operationError(op.error, op.httpErrorStatusCode, action);
        return;
      }
      if (Date.now() > deadline)
        throw new CloudError('Transient', `GCE ${action}: operation ${operation} still ${op.status}`, {
          platform: 'gce',
        });
    }
  }

  /** One accepted mutation per instance, in parallel; the first failure is raised after all were tried. */
  private async each(
    instances: InstanceRef[],
    action: string,
    send: (request: {
      project: string;
      zone: string;
      instance: string;
      requestId: string;
    }) => Promise<unknown>,
  ): Promise<void> {
    const results = await Promise.allSettled(
      instances.map((ref) => {
        const request = {
          project: this.project,
          zone: ref.zone,
          instance: ref.instanceId,
          requestId: oneOffRequestId(),
        };
        return this.call(action, () => send(request));
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    return this.policy.execute(async () => {
      try {
        return await fn();
      } catch (err) {
        throw toCloudError(err, action);
      }
    });
  }
}

export function createGceDriver(
  credentials: CloudCredentialsWithSecrets,
  options: GceDriverOptions = {},
): GceCloudDriver {
  if (credentials.platform !== 'gce')
    throw new Error(`createGceDriver needs GCE credentials, got ${credentials.platform}`);
  return new GceCloudDriver(
    computeClients({
      projectId: credentials.projectId,
      serviceAccountKey: credentials.serviceAccountKey,
      endpoint: credentials.endpoint,
      ...(options.agents ? { agents: options.agents } : {}),
    }),
    options,
  );
}
