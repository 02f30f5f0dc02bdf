// Built-in variables: the read-only `DROVER_*` facts of the server a script runs on (and of the event
// that started it). They win over every user declaration (see resolve.ts).
// For an event raised by a server, the triggering server's facts are copied under `DROVER_EVENT_*`
// (`DROVER_EVENT_SERVER_ID`, `DROVER_EVENT_FARM_ROLE_ALIAS`…), so a script fanned out to the other
// servers of a farm or environment knows which one the event is about. Pass `triggeringServer`
// whenever the event has one: on the triggering server itself the copies equal its own values.
// Account and environment are not copied: a fan-out never leaves the environment.
import type { Platform } from '../schemas/common';

/** The facts of one server that both it and, for its events, the fan-out targets see. */
export interface ServerFacts {
  farmId: string;
  farmName: string;
  farmRoleAlias: string;
  serverId: string;
  instanceIndex: number;
  platform: Platform;
  /** The region the server runs in. */
  location: string;
  instanceType: string;
}

export interface BuiltInContext extends ServerFacts {
  accountId: string;
  environmentId: string;
  eventName?: string;
  triggeringServer?: ServerFacts;
}

export const BUILT_IN_NAMES = [
  'DROVER_ACCOUNT_ID',
  'DROVER_ENV_ID',
  'DROVER_FARM_ID',
  'DROVER_FARM_NAME',
  'DROVER_FARM_ROLE_ALIAS',
  'DROVER_SERVER_ID',
  'DROVER_INSTANCE_INDEX',
  'DROVER_CLOUD_PLATFORM',
  'DROVER_CLOUD_LOCATION',
  'DROVER_INSTANCE_TYPE',
  'DROVER_EVENT_NAME',
] as const;

const EVENT_PREFIX = 'DROVER_EVENT_';

const serverVariables = (s: ServerFacts, prefix: string): Record<string, string> => ({
  [`${prefix}FARM_ID`]: s.farmId,
  [`${prefix}FARM_NAME`]: s.farmName,
  [`${prefix}FARM_ROLE_ALIAS`]: s.farmRoleAlias,
  [`${prefix}SERVER_ID`]: s.serverId,
  [`${prefix}INSTANCE_INDEX`]: String(s.instanceIndex),
  [`${prefix}CLOUD_PLATFORM`]: s.platform,
  [`${prefix}CLOUD_LOCATION`]: s.location,
  [`${prefix}INSTANCE_TYPE`]: s.instanceType,
});

export function builtInVariables(context: BuiltInContext): Record<string, string> {
  return {
    DROVER_ACCOUNT_ID: context.accountId,
    DROVER_ENV_ID: context.environmentId,
    ...serverVariables(context, 'DROVER_'),
    ...(context.eventName !== undefined ? { DROVER_EVENT_NAME: context.eventName } : {}),
    ...(context.triggeringServer ? serverVariables(context.triggeringServer, EVENT_PREFIX) : {}),
  };
}
