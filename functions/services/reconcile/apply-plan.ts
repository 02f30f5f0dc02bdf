// Applies a plan's actions in order: for each, the store write first (the intent), then at
// most one cloud call. A write that loses a version race stops the pass (the next pass plans
// from fresh records); a throttled cloud stops further cloud calls; a launch that finds no
// capacity tries the farm role's other zones and instance types under a new server id.
import type { Logger } from '@aws-lambda-powertools/logger';
import { NotFound, PreconditionFailed } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { BEFORE_TERMINATE_EVENT, ruleScopeContains } from '../../domain/orchestration/match-rules';
import {
  beforeTerminateHoldUntil,
  HOLDABLE_STATUSES,
  wasLiveWhenTerminated,
} from '../../domain/orchestration/terminate-hold';
import type { FarmAction, InstanceTarget, Launch } from '../../domain/planning';
import { describeViolations } from '../../domain/policies';
import type { Farm, StoredFarmRole } from '../../domain/schemas/farm';
import type { OrchestrationRule } from '../../domain/schemas/orchestration';
import type { Policy, Violation } from '../../domain/schemas/policy';
import type { Role } from '../../domain/schemas/role';
import type { Server, ServerStatus } from '../../domain/schemas/server';
import { CloudError, type ObservedInstance } from '../../ports/cloud-driver';
import type { DroverEvent } from '../../ports/event-publisher';
import { cloudFailureFacts, describeCloudFailure, describeFailure } from '../cloud-failure';
import { imageFor } from '../farms';
import { type CapacityHolds, nextCapacityHold } from './capacity-holds';
import type { CloudAccess } from './cloud-access';
import type { ReconcileDeps } from './deps';
import { farmEvent } from './farm-events';
import { decideLaunch } from './launch-policies';
import { launchSpecFor } from './launch-spec';

/** Why a pass stopped applying before the end of its plan. */
export type StopReason = 'stale' | 'throttled' | null;

export class PlanApplier {
  readonly events: DroverEvent[] = [];
  readonly problems: string[] = [];
  applied = 0;
  /** Launches skipped because their farm role is held for capacity (counted in `applied` too). */
  heldLaunches = 0;
  /** Terminates waiting for the server's BeforeHostTerminate scripts (counted in `applied` too). */
  heldTerminates = 0;
  /** The earliest moment (ms) a terminate held on open scripts stops waiting for them; null: none held on scripts. */
  terminateHoldEnds: number | null = null;
  private beforeTerminateRules?: Promise<OrchestrationRule[]>;
  /** Launches the environment's policies refused (counted in `applied` too). */
  refusedLaunches = 0;
  /** Farm roles whose launches policies refused in this pass: the violations' signature. */
  readonly policyRefusals: Record<string, string> = {};
  stopped: StopReason = null;
  private readonly servers: Map<string, Server>;
  private readonly farmRoles: Map<string, StoredFarmRole>;
  private readonly triedCapacity = new Set<string>();
  /** Farm roles that found no capacity anywhere: no launch before `until` (see capacity-holds.ts). */
  readonly capacityHolds: CapacityHolds;
  /** A farm role's tags with their `${NAME}` references filled (Global Variables); its own tags when unset. */
  farmRoleTags?: (farmRoleId: string) => Readonly<Record<string, string>> | undefined;

  constructor(
    private readonly deps: Pick<
      ReconcileDeps,
      | 'store'
      | 'scheduler'
      | 'agentTokens'
      | 'agentApiUrl'
      | 'agentChannelUrl'
      | 'agentDownload'
      | 'capacityBackoff'
    >,
    private farm: Farm,
    servers: Server[],
    private readonly roles: Map<string, Role | undefined>,
    private readonly access: CloudAccess,
    private readonly now: Date,
    private readonly logger: Logger,
    capacityHolds: CapacityHolds = {},
    private readonly policies: readonly Policy[] = [],
    private readonly previousRefusals: Record<string, string> = {},
  ) {
    this.capacityHolds = { ...capacityHolds };
    this.servers = new Map(servers.map((s) => [s.id, s]));
    this.farmRoles = new Map(farm.farmRoles.map((fr) => [fr.id, fr]));
  }

  async apply(actions: FarmAction[]): Promise<void> {
    for (const action of actions) {
      if (this.stopped === 'stale') return;
      if (this.stopped === 'throttled' && needsCloud(action)) continue;
      try {
        await this.applyOne(action);
        this.applied++;
      } catch (err) {
        if (err instanceof PreconditionFailed || err instanceof NotFound) {
          this.stopped = 'stale';
          return;
        }
        if (err instanceof CloudError && err.kind === 'Throttled') {
          this.stopped = 'throttled';
          // The cloud's text stays in the log: its endpoint may be one a tenant set (cloud-failure.ts).
          this.problems.push(`cloud calls paused for this pass: ${describeCloudFailure(err)}`);
          this.logger.warn('cloud throttled the reconcile pass', {
            action: action.type,
            farmId: this.farm.id,
            error: err,
          });
          continue;
        }
        this.problems.push(`${action.type} failed: ${describeFailure(err)}`);
        this.logger.warn('reconcile action failed', {
          action: action.type,
          farmId: this.farm.id,
          error: err as Error,
        });
      }
    }
  }

  private async applyOne(action: FarmAction): Promise<void> {
    switch (action.type) {
      case 'recordInstance':
        await this.write(action.serverId, action.expectedVersion, action.status, action.reason, {
          instanceId: action.instance.instanceId,
          zone: action.instance.zone,
          privateIp: action.instance.privateIp,
          publicIp: action.instance.publicIp,
        });
        return;
      case 'advance':
        await this.write(action.serverId, action.expectedVersion, action.to, action.reason, {
          privateIp: action.privateIp,
          publicIp: action.publicIp,
        });
        return;
      case 'recordAddresses': {
        const server = await this.write(action.serverId, action.expectedVersion, null, action.reason, {
          privateIp: action.privateIp,
          publicIp: action.publicIp,
        });
        this.emit('IPAddressChanged', server, action.reason, {
          privateIp: action.privateIp,
          publicIp: action.publicIp,
        });
        return;
      }
      case 'markTerminated': {
        const server = await this.write(
          action.serverId,
          action.expectedVersion,
          'Terminated',
          action.reason,
          {
            ...(action.instanceId ? { instanceId: action.instanceId } : {}),
          },
        );
        this.emit('HostDown', server, action.reason, { cause: action.cause, unexpected: action.unexpected });
        return;
      }
      case 'markFailed': {
        const server = await this.write(action.serverId, action.expectedVersion, 'Failed', action.reason, {});
        this.emit(
          action.cause === 'init-timeout' ? 'HostInitFailed' : 'InstanceLaunchFailed',
          server,
          action.reason,
          { cause: action.cause },
        );
        if (action.target) await this.cloud(action.target, 'terminate');
        return;
      }
      case 'terminate': {
        const before = this.servers.get(action.serverId);
        const held =
          action.target !== undefined &&
          before !== undefined &&
          (await this.holdsTerminate(before, action.recordStatus !== null));
        if (action.recordStatus) {
          const server = await this.write(
            action.serverId,
            action.expectedVersion,
            action.recordStatus,
            action.reason,
            {
              ...(action.target && !before?.instanceId ? { instanceId: action.target.instanceId } : {}),
            },
          );
          this.emit('BeforeHostTerminate', server, action.reason, { cause: action.cause });
        }
        if (held) {
          this.heldTerminates++;
          return;
        }
        if (action.target) await this.cloud(action.target, 'terminate');
        return;
      }
      case 'terminateOrphan':
        await this.cloud(action.target, 'terminate');
        this.events.push(
          farmEvent('OrphanTerminated', this.farm, this.now, {
            message: action.reason,
            payload: { instanceId: action.target.instanceId, taggedServerId: action.taggedServerId },
            ...(action.taggedFarmRoleId ? { farmRoleId: action.taggedFarmRoleId } : {}),
          }),
        );
        return;
      case 'stop':
        if (action.recordStatus)
          await this.write(action.serverId, action.expectedVersion, action.recordStatus, action.reason, {});
        await this.cloud(action.target, 'stop');
        return;
      case 'start':
        await this.write(action.serverId, action.expectedVersion, 'Pending', action.reason, {});
        await this.cloud(action.target, 'start');
        return;
      case 'retryLaunch': {
        const server = this.servers.get(action.serverId);
        if (server) await this.launchServer(server, null);
        return;
      }
      case 'launch':
        await this.launchNew(action);
        return;
      case 'farmStatus':
        await this.setFarmStatus(action.to, action.reason);
        return;
    }
  }

  /** Creates the record (Pending Launch) before the launch call; on no capacity, tries the farm role's alternatives. */
  private async launchNew(action: Launch): Promise<void> {
    const farmRole = this.farmRoles.get(action.farmRoleId);
    if (!farmRole) return;
    const imageId = imageFor(this.roles.get(farmRole.roleId) ?? { images: [] }, farmRole);
    if (!imageId) {
      this.problems.push(
        `${farmRole.alias}: its role has no ${farmRole.platform} image for ${farmRole.region}`,
      );
      return;
    }
    const hold = this.capacityHolds[farmRole.id];
    if (hold && Date.parse(hold.until) > this.now.getTime()) {
      this.problems.push(
        `${farmRole.alias}: no capacity on the last try; launching again after ${hold.until}`,
      );
      this.heldLaunches++;
      return;
    }
    let placement = { zone: action.zone, instanceType: action.instanceType };
    let replaces = action.replacesServerId;
    // Policies are asked before the record is written: a refused launch leaves no server behind.
    const draft = this.newServer(action, farmRole, imageId, placement, replaces);
    const decision = decideLaunch(
      launchSpecFor(
        draft,
        this.farm,
        farmRole,
        this.roles.get(farmRole.roleId),
        { apiUrl: this.deps.agentApiUrl, token: '' },
        this.farmRoleTags?.(farmRole.id),
      ),
      this.policies,
      this.farm,
      farmRole,
      action.index,
      this.servers.values(),
    );
    if (!decision.ok) {
      this.refuse(farmRole, decision.violations);
      return;
    }
    for (;;) {
      const server = await this.createServer(action, farmRole, imageId, placement, replaces);
      this.emit('BeforeInstanceLaunch', server, action.reason, {
        cause: action.cause,
        zone: placement.zone,
        instanceType: placement.instanceType,
      });
      if (action.cause === 'replacement' && replaces)
        this.emit('ServerReplaced', server, action.reason, { replacesServerId: replaces });
      if (action.cause === 'scale-out') this.emit('ScaleOut', server, action.reason, {});
      const outcome = await this.launchServer(server, farmRole);
      if (outcome === 'launched') delete this.capacityHolds[farmRole.id];
      if (outcome !== 'no-capacity') return;
      const next = this.nextPlacement(farmRole, placement);
      if (!next) {
        this.capacityHolds[farmRole.id] = nextCapacityHold(hold, this.now, this.deps.capacityBackoff);
        this.problems.push(noCapacity(farmRole));
        return;
      }
      replaces = server.id;
      placement = next;
    }
  }

  private nextPlacement(fr: StoredFarmRole, failed: { zone: string; instanceType: string }) {
    this.triedCapacity.add(`${failed.zone}/${failed.instanceType}`);
    for (const instanceType of [fr.instanceType, ...fr.fallbackInstanceTypes]) {
      for (const zone of fr.zones) {
        if (!this.triedCapacity.has(`${zone}/${instanceType}`)) return { zone, instanceType };
      }
    }
    return undefined;
  }

  private async createServer(
    action: Launch,
    fr: StoredFarmRole,
    imageId: string,
    placement: { zone: string; instanceType: string },
    replacesServerId: string | null,
  ): Promise<Server> {
    const server = this.newServer(action, fr, imageId, placement, replacesServerId);
    await this.deps.store.servers.create(server);
    this.servers.set(server.id, server);
    return server;
  }

  private newServer(
    action: Launch,
    fr: StoredFarmRole,
    imageId: string,
    placement: { zone: string; instanceType: string },
    replacesServerId: string | null,
  ): Server {
    const now = this.now.toISOString();
    return {
      id: newId('server'),
      accountId: this.farm.accountId,
      environmentId: this.farm.environmentId,
      farmId: this.farm.id,
      farmRoleId: fr.id,
      farmRoleAlias: fr.alias,
      index: action.index,
      platform: fr.platform,
      credentialsId: fr.credentialsId,
      region: fr.region,
      zone: placement.zone,
      instanceType: placement.instanceType,
      imageId,
      status: 'Pending Launch',
      statusReason: action.reason,
      instanceId: null,
      privateIp: null,
      publicIp: null,
      replacesServerId,
      timestamps: { 'Pending Launch': now },
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** A launch the policies refuse: the farm role's reason in the status, one PolicyViolation event per change. */
  private refuse(fr: StoredFarmRole, violations: Violation[]) {
    this.refusedLaunches++;
    const why = describeViolations(violations);
    this.problems.push(`${fr.alias}: launch refused by ${why}`);
    const signature = JSON.stringify(violations.map((v) => [v.policyId, v.path, v.message]));
    const known = this.previousRefusals[fr.id] === signature || this.policyRefusals[fr.id] === signature;
    this.policyRefusals[fr.id] = signature;
    if (known) return;
    this.events.push(
      farmEvent('PolicyViolation', this.farm, this.now, {
        farmRoleId: fr.id,
        message: `${fr.alias}: launch refused by ${why}`,
        payload: { alias: fr.alias, violations },
      }),
    );
  }

  /** The launch call for a Pending Launch record (idempotent by server id). */
  private async launchServer(
    server: Server,
    knownRole: StoredFarmRole | null,
  ): Promise<'launched' | 'no-capacity' | 'failed'> {
    const fr = knownRole ?? this.farmRoles.get(server.farmRoleId);
    if (!fr) return 'failed';
    const driver = await this.access.driver(server.credentialsId);
    const token = this.deps.agentTokens.issue({
      accountId: server.accountId,
      farmId: server.farmId,
      serverId: server.id,
    });
    const decision = decideLaunch(
      launchSpecFor(
        server,
        this.farm,
        fr,
        this.roles.get(fr.roleId),
        {
          apiUrl: this.deps.agentApiUrl,
          token,
          channelUrl: this.deps.agentChannelUrl,
          download: this.deps.agentDownload,
        },
        this.farmRoleTags?.(fr.id),
      ),
      this.policies,
      this.farm,
      fr,
      server.index,
      this.servers.values(),
    );
    if (!decision.ok) {
      const current = this.servers.get(server.id) ?? server;
      await this.write(
        server.id,
        current.version,
        'Failed',
        `launch refused by ${describeViolations(decision.violations)}`,
        {},
      );
      this.refuse(fr, decision.violations);
      return 'failed';
    }
    let instance: ObservedInstance;
    try {
      instance = await driver.launch(decision.launchSpec);
    } catch (err) {
      if (!(err instanceof CloudError)) throw err;
      if (err.kind === 'Throttled' || err.kind === 'Transient') {
        await this.write(
          server.id,
          server.version,
          null,
          `launch call failed, will retry: ${describeCloudFailure(err)}`,
          {},
        );
        throw err;
      }
      this.logger.warn('the cloud refused a launch', {
        farmId: this.farm.id,
        serverId: server.id,
        error: err,
      });
      const status: ServerStatus = 'Failed';
      const why = describeCloudFailure(err);
      await this.write(server.id, server.version, status, `launch refused: ${why}`, {});
      this.emit('InstanceLaunchFailed', server, why, cloudFailureFacts(err));
      return err.kind === 'CapacityError' ? 'no-capacity' : 'failed';
    }
    const status: ServerStatus = instance.state === 'running' ? 'Initializing' : 'Pending';
    const current = this.servers.get(server.id)!;
    await this.write(server.id, current.version, status, `instance ${instance.instanceId} launched`, {
      instanceId: instance.instanceId,
      zone: instance.zone,
      privateIp: instance.privateIp,
      publicIp: instance.publicIp,
    });
    return 'launched';
  }

  private async setFarmStatus(to: Farm['status'], reason: string): Promise<void> {
    const from = this.farm.status;
    const farm: Farm = {
      ...this.farm,
      status: to,
      version: this.farm.version + 1,
      updatedAt: this.now.toISOString(),
      ...(to === 'Running' && from === 'Launching' ? { launchedAt: this.now.toISOString() } : {}),
    };
    await this.deps.store.farms.update(farm, this.farm.version, this.farm.name);
    this.farm = farm;
    const name =
      to === 'Terminated'
        ? 'FarmTerminated'
        : to === 'Suspended'
          ? 'FarmSuspended'
          : from === 'Resuming'
            ? 'FarmResumed'
            : to === 'Running'
              ? 'FarmLaunched'
              : undefined;
    if (name) this.events.push(farmEvent(name, farm, this.now, { message: reason, payload: { from, to } }));
    if (to === 'Terminated') await this.deps.scheduler.remove({ accountId: farm.accountId, farmId: farm.id });
  }

  /**
   * Whether this pass leaves the server's instance running for its BeforeHostTerminate scripts.
   * First terminate of a live server: held when a rule could queue one (the orchestrator has not
   * seen the event yet); a farm without such rules terminates as fast as ever. Later passes: held
   * while blocking BeforeHostTerminate executions are open and the cap has not passed.
   */
  private async holdsTerminate(server: Server, first: boolean): Promise<boolean> {
    if (first) {
      if (!HOLDABLE_STATUSES.includes(server.status)) return false;
      const farmRole = this.farmRoles.get(server.farmRoleId);
      this.beforeTerminateRules ??= this.deps.store.orchestrationRules
        .listAll({ accountId: this.farm.accountId })
        .then((rules) => rules.filter((r) => r.enabled && r.event === BEFORE_TERMINATE_EVENT));
      return (await this.beforeTerminateRules).some((r) =>
        ruleScopeContains(r, {
          id: '',
          name: BEFORE_TERMINATE_EVENT,
          accountId: server.accountId,
          environmentId: this.farm.environmentId,
          farmId: server.farmId,
          farmRoleId: server.farmRoleId,
          ...(farmRole ? { roleId: farmRole.roleId } : {}),
          serverId: server.id,
        }),
      );
    }
    if (server.status !== 'Pending Terminate' || !wasLiveWhenTerminated(server.timestamps)) return false;
    const open = await this.deps.store.executions.listOpenForServer({
      accountId: server.accountId,
      farmId: server.farmId,
      serverId: server.id,
    });
    const until = beforeTerminateHoldUntil(open, server.timestamps['Pending Terminate'], this.now);
    if (until === null) return false;
    this.terminateHoldEnds = Math.min(this.terminateHoldEnds ?? until, until);
    return true;
  }

  /** Writes a server's new status (null: keep it) and fields, conditional on the version the planner read. */
  private async write(
    serverId: string,
    expectedVersion: number,
    status: ServerStatus | null,
    reason: string,
    fields: Partial<Server>,
  ): Promise<Server> {
    const current = this.servers.get(serverId);
    if (!current) throw new NotFound(`server ${serverId} is not in this pass`);
    const now = this.now.toISOString();
    const next: Server = {
      ...current,
      ...fields,
      ...(status ? { status, timestamps: { ...current.timestamps, [status]: now } } : {}),
      statusReason: reason,
      version: expectedVersion + 1,
      updatedAt: now,
    };
    await this.deps.store.servers.update(next, expectedVersion);
    this.servers.set(serverId, next);
    return next;
  }

  private async cloud(target: InstanceTarget, call: 'terminate' | 'stop' | 'start'): Promise<void> {
    const credentialsId =
      target.credentialsId ??
      this.farm.farmRoles.find((fr) => fr.platform === target.platform && fr.region === target.region)
        ?.credentialsId;
    if (!credentialsId) {
      this.problems.push(`no credentials to ${call} ${target.instanceId} in ${target.region}`);
      return;
    }
    const driver = await this.access.driver(credentialsId);
    try {
      await driver[call](target.region, [{ instanceId: target.instanceId, zone: target.zone }]);
    } catch (err) {
      // Already gone is what terminate wanted.
      if (err instanceof CloudError && err.kind === 'NotFound' && call === 'terminate') return;
      throw err;
    }
  }

  private emit(name: string, server: Server, message: string, payload: Record<string, unknown>) {
    this.events.push(
      farmEvent(name, this.farm, this.now, {
        server,
        message,
        payload: {
          ...payload,
          alias: server.farmRoleAlias,
          index: server.index,
          instanceId: server.instanceId,
        },
      }),
    );
  }

  get currentFarm(): Farm {
    return this.farm;
  }
}

function noCapacity(fr: StoredFarmRole): string {
  return `${fr.alias}: no capacity for ${[fr.instanceType, ...fr.fallbackInstanceTypes].join('/')} in ${fr.zones.join(', ')}`;
}

function needsCloud(action: FarmAction): boolean {
  return ['markFailed', 'terminate', 'terminateOrphan', 'stop', 'start', 'retryLaunch', 'launch'].includes(
    action.type,
  );
}
