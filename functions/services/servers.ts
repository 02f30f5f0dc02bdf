// A farm's servers: listing, and a person's actions on one server.
import type { Logger } from '@aws-lambda-powertools/logger';
import { Conflict, NotFound } from '../domain/errors';
import type { PageQuery } from '../domain/schemas/common';
import type { Server } from '../domain/schemas/server';
import type { Clock } from '../ports/clock';
import { type CloudDriverFactory, CloudError } from '../ports/cloud-driver';
import type { EventPublisher } from '../ports/event-publisher';
import type { Principal } from '../ports/identity';
import type { SecretBox } from '../ports/secret-box';
import { describeFailure } from './cloud-failure';
import { openCredentials } from './credentials';
import { farmEvent, recordEvents } from './farm-events';
import { type FarmsRepos, getFarm } from './farms';

/** The farms service's repositories: a server is read and changed through its farm's access rules. */
export type ServersRepos = FarmsRepos;

interface Deps {
  store: ServersRepos;
  clock: Clock;
  publisher: EventPublisher;
  secrets: SecretBox;
  drivers: CloudDriverFactory;
  logger: Pick<Logger, 'warn'>;
}

const LIVE: Server['status'][] = ['Pending Launch', 'Pending', 'Initializing', 'Running', 'Suspended'];

export async function listServers(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal,
  farmId: string,
  status: 'all' | 'live',
) {
  await getFarm(deps, principal, farmId);
  const servers = await deps.store.servers.listByFarm({ accountId: principal.accountId, farmId });
  return servers
    .filter((s) => status === 'all' || LIVE.includes(s.status))
    .sort(
      (a, b) =>
        a.farmRoleAlias.localeCompare(b.farmRoleAlias) ||
        a.index - b.index ||
        a.createdAt.localeCompare(b.createdAt),
    );
}

async function getServer(
  deps: Pick<Deps, 'store'>,
  principal: Principal,
  farmId: string,
  serverId: string,
): Promise<Server> {
  const server = await deps.store.servers.get({ accountId: principal.accountId, farmId }, serverId);
  if (!server) throw new NotFound(`Server ${serverId} not found in farm ${farmId}`);
  return server;
}

/** Records the wish first (Pending Terminate), then asks the cloud; the reconciler finishes and replaces it. */
export async function terminateServer(
  deps: Deps,
  principal: Principal,
  farmId: string,
  serverId: string,
): Promise<Server> {
  const farm = await getFarm(deps, principal, farmId);
  const current = await getServer(deps, principal, farmId, serverId);
  if (current.status === 'Terminated' || current.status === 'Pending Terminate') return current;
  const now = deps.clock.now();
  const server: Server = {
    ...current,
    status: 'Pending Terminate',
    statusReason: `terminated by ${principal.userId}`,
    timestamps: { ...current.timestamps, 'Pending Terminate': now.toISOString() },
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  await deps.store.servers.update(server, current.version);
  const events = [
    farmEvent('BeforeHostTerminate', farm, now, {
      server,
      actor: principal.userId,
      message: server.statusReason,
      payload: { cause: 'manual' },
    }),
    farmEvent('ServerTerminateRequested', farm, now, {
      server,
      actor: principal.userId,
      message: server.statusReason,
    }),
  ];
  if (server.instanceId) {
    const driver = deps.drivers(
      await openCredentials(deps, principal, farm.environmentId, server.credentialsId),
    );
    try {
      await driver.terminate(server.region, [{ instanceId: server.instanceId, zone: server.zone }]);
    } catch (err) {
      // The intent is recorded: the reconciler calls again. Only say what happened, in Drover's
      // words (the cloud's text may come from a tenant-set endpoint); the log keeps the error.
      if (!(err instanceof CloudError && err.kind === 'NotFound')) {
        deps.logger.warn('terminate call failed; the reconciler retries it', {
          serverId,
          error: err as Error,
        });
        events[1]!.message += ` (the cloud call failed and will be retried: ${describeFailure(err)})`;
      }
    }
  }
  await recordEvents(deps, events);
  return server;
}

export async function rebootServer(
  deps: Deps,
  principal: Principal,
  farmId: string,
  serverId: string,
): Promise<Server> {
  const farm = await getFarm(deps, principal, farmId);
  const server = await getServer(deps, principal, farmId, serverId);
  if (server.status !== 'Running' || !server.instanceId)
    throw new Conflict(`Server ${serverId} is ${server.status}; only a Running server can be rebooted`);
  const driver = deps.drivers(
    await openCredentials(deps, principal, farm.environmentId, server.credentialsId),
  );
  await driver.reboot(server.region, [{ instanceId: server.instanceId, zone: server.zone }]);
  await recordEvents(deps, [
    farmEvent('RebootBegin', farm, deps.clock.now(), {
      server,
      actor: principal.userId,
      message: 'reboot requested',
    }),
  ]);
  return server;
}

export async function listFarmEvents(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal,
  farmId: string,
  page: PageQuery,
) {
  await getFarm(deps, principal, farmId);
  return deps.store.farmEvents.list({ accountId: principal.accountId, farmId }, page);
}
