// In-memory stand-ins for the plan applier's ports (ApplierPorts in
// functions/services/reconcile/apply-state.ts): a store that keeps server and farm records with
// the same conditional writes as DynamoDB's, a cloud driver that launches idempotently by
// server id and refuses what a test says, a publisher that keeps what it is given, a fixed
// clock. Written out rather than mocked, so a test reads what happened as data.

import type { LaunchSpec } from '../../functions/domain/clouds/launch-spec';
import type { ObservedInstance } from '../../functions/domain/clouds/observed-instance';
import { Conflict, PreconditionFailed } from '../../functions/domain/errors';
import type { Farm } from '../../functions/domain/schemas/farm';
import type { Server } from '../../functions/domain/schemas/server';
import {
  type CloudDriver,
  CloudError,
  type CloudErrorKind,
  type InstanceRef,
} from '../../functions/ports/cloud-driver';
import type { DroverEvent, EventPublisher } from '../../functions/ports/event-publisher';
import type { ApplierPorts } from '../../functions/services/reconcile/apply-state';

/** Server and farm records with version-conditional writes (PreconditionFailed on a lost race). */
export class InMemoryRecords {
  readonly servers = new Map<string, Server>();
  readonly farms = new Map<string, Farm>();
  /** Every write, in order: `create <id>`, `update <id> v<n> <status>`, `farm <status>`. */
  readonly writes: string[] = [];

  /** `journal`: shared with a FakeCloudDriver, it holds writes and cloud calls in one order. */
  constructor(
    servers: readonly Server[] = [],
    farms: readonly Farm[] = [],
    private readonly journal: string[] = [],
  ) {
    for (const s of servers) this.servers.set(s.id, s);
    for (const f of farms) this.farms.set(f.id, f);
  }

  readonly port: ApplierPorts['store'] = {
    servers: {
      create: async (server) => {
        if (this.servers.has(server.id)) throw new Conflict(`server ${server.id} exists`);
        this.servers.set(server.id, server);
        this.note(`create ${server.id}`);
      },
      update: async (server, expectedVersion) => {
        const current = this.servers.get(server.id);
        if (current?.version !== expectedVersion)
          throw new PreconditionFailed(
            `server ${server.id} is not at version ${expectedVersion}`,
            current?.version,
          );
        this.servers.set(server.id, server);
        this.note(`update ${server.id} v${server.version} ${server.status}`);
      },
    },
    farms: {
      update: async (farm, expectedVersion) => {
        const current = this.farms.get(farm.id);
        if (current && current.version !== expectedVersion)
          throw new PreconditionFailed(
            `farm ${farm.id} is not at version ${expectedVersion}`,
            current.version,
          );
        this.farms.set(farm.id, farm);
        this.note(`farm ${farm.status}`);
      },
    },
  };

  private note(write: string): void {
    this.writes.push(write);
    this.journal.push(write);
  }
}

/** A cloud that launches idempotently by server id, with refusals a test sets per zone/instance type or per call. */
export class FakeCloudDriver implements CloudDriver {
  readonly platform = 'aws' as const;
  /** Every call, in order: `launch <serverId> <zone>/<type>`, `terminate <instanceId>`, … */
  readonly calls: string[] = [];

  /** `journal`: shared with InMemoryRecords, it holds writes and cloud calls in one order. */
  constructor(private readonly journal: string[] = []) {}

  /** Instances by the server id they were launched for. */
  readonly launched = new Map<string, ObservedInstance>();
  /** `zone/instanceType` pairs with no capacity. */
  readonly noCapacity = new Set<string>();
  /** Errors the next calls throw, one per call, whatever the call. */
  readonly failNext: CloudErrorKind[] = [];

  async launch(spec: LaunchSpec): Promise<ObservedInstance> {
    this.note(`launch ${spec.serverId} ${spec.zone}/${spec.instanceType}`);
    this.throwIfFailing();
    if (this.noCapacity.has(`${spec.zone}/${spec.instanceType}`))
      throw new CloudError('CapacityError', `no ${spec.instanceType} in ${spec.zone}`, {
        code: 'InsufficientInstanceCapacity',
      });
    const known = this.launched.get(spec.serverId);
    if (known) return known;
    const instance: ObservedInstance = {
      instanceId: `i-${String(this.launched.size + 1).padStart(17, '0')}`,
      platform: 'aws',
      region: spec.region,
      zone: spec.zone,
      state: 'pending',
      instanceType: spec.instanceType,
      imageId: spec.imageId,
      privateIp: null,
      publicIp: null,
      launchedAt: '2026-01-01T00:00:00.000Z',
      serverId: spec.serverId,
      tags: spec.tags,
    };
    this.launched.set(spec.serverId, instance);
    return instance;
  }

  terminate = (_region: string, refs: InstanceRef[]) => this.call('terminate', refs);
  stop = (_region: string, refs: InstanceRef[]) => this.call('stop', refs);
  start = (_region: string, refs: InstanceRef[]) => this.call('start', refs);
  reboot = (_region: string, refs: InstanceRef[]) => this.call('reboot', refs);

  async listInstances(): Promise<ObservedInstance[]> {
    return [...this.launched.values()];
  }

  async describeLocations() {
    return [];
  }

  async describeInstanceTypes() {
    return [];
  }

  private async call(name: string, refs: InstanceRef[]): Promise<void> {
    this.note(`${name} ${refs.map((r) => r.instanceId).join(',')}`);
    this.throwIfFailing();
  }

  private note(call: string): void {
    this.calls.push(call);
    this.journal.push(call);
  }

  private throwIfFailing(): void {
    const kind = this.failNext.shift();
    if (kind) throw new CloudError(kind, `the cloud says ${kind}`);
  }
}

/** Keeps what is published, batch by batch. */
export class CollectingPublisher implements EventPublisher {
  readonly batches: DroverEvent[][] = [];

  async publish(events: DroverEvent[]): Promise<void> {
    this.batches.push(events);
  }

  get names(): string[] {
    return this.batches.flat().map((e) => e.name);
  }
}

export const fixedClock = (at: string) => ({ now: () => new Date(at) });

/** The applier's ports over the fakes above; server ids are numbered in creation order. */
export function fakeApplierPorts(
  records: InMemoryRecords,
  driver: FakeCloudDriver,
  publisher: CollectingPublisher,
  at: string,
) {
  let next = 0;
  const removed: string[] = [];
  const ports: ApplierPorts = {
    store: records.port,
    scheduler: { remove: async (ref) => void removed.push(ref.farmId) },
    clouds: { driver: async () => driver },
    publisher,
    clock: fixedClock(at),
    agent: {
      tokens: {
        issue: (s) => `token-${s.serverId}`,
        verify: () => ({ accountId: '', farmId: '', serverId: '' }),
      },
      apiUrl: 'http://api.test',
    },
    newServerId: () => `srv-${String(++next).padStart(26, '0')}`,
    logger: { warn: () => {} },
  };
  return { ports, removedSchedules: removed };
}
