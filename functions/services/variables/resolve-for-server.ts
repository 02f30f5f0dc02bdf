// The Global Variables a script sees on one server: every scope's declarations resolved down to
// the server, hidden values in clear, plus the DROVER_* built-ins of the server, the event and (for
// a fan-out) the server that raised it. The agent task route puts this map in each AgentTask.env.
import { NotFound } from '../../domain/errors';
import type { Farm } from '../../domain/schemas/farm';
import type { Server } from '../../domain/schemas/server';
import {
  agentEnvironment,
  builtInVariables,
  resolveVariables,
  type ServerFacts,
} from '../../domain/variables';
import type { Store } from '../../ports/store';
import { loadFarmVariableLayers } from './layers';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type ResolveForServerRepos = Pick<Store, 'farms' | 'servers' | 'variables'>;

export interface ServerRef {
  accountId: string;
  farmId: string;
  serverId: string;
}

export interface ScriptEventContext {
  eventName?: string;
  /** The server the event is about, when it is not the one the script runs on (or is: the copies then match). */
  triggeringServer?: Server;
}

const factsOf = (server: Server, farmName: string): ServerFacts => ({
  farmId: server.farmId,
  farmName,
  farmRoleAlias: server.farmRoleAlias,
  serverId: server.id,
  instanceIndex: server.index,
  platform: server.platform,
  location: server.region,
  instanceType: server.instanceType,
});

export async function resolveServerVariables(
  deps: { store: ResolveForServerRepos },
  ref: ServerRef,
  event: ScriptEventContext = {},
): Promise<Record<string, string>> {
  const { store } = deps;
  const [farm, server] = await Promise.all([
    store.farms.get({ accountId: ref.accountId }, ref.farmId),
    store.servers.get({ accountId: ref.accountId, farmId: ref.farmId }, ref.serverId),
  ]);
  if (!farm || !server) throw new NotFound(`Server ${ref.serverId} of farm ${ref.farmId} not found`);
  const layers = (await loadFarmVariableLayers(store, farm)).forFarmRole(server.farmRoleId, server.id);
  const trigger = event.triggeringServer;
  const builtIns = builtInVariables({
    ...factsOf(server, farm.name),
    accountId: farm.accountId,
    environmentId: farm.environmentId,
    ...(event.eventName !== undefined ? { eventName: event.eventName } : {}),
    ...(trigger ? { triggeringServer: factsOf(trigger, await farmNameOf(store, farm, trigger)) } : {}),
  });
  return agentEnvironment(resolveVariables(layers, builtIns));
}

async function farmNameOf(store: ResolveForServerRepos, farm: Farm, server: Server): Promise<string> {
  if (server.farmId === farm.id) return farm.name;
  return (await store.farms.get({ accountId: server.accountId }, server.farmId))?.name ?? '';
}
