// What the plan applier works with: its ports (passed as one object, so a test gives it
// in-memory fakes), what the pass read before planning, and the pass's own bookkeeping — the
// server records as written so far, the capacity holds and policy refusals as they stand, the
// placements that found no capacity, and the events and problems to report.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { CapacityBackoff, CapacityHolds, EventFacts, Placement } from '../../domain/planning';
import type { Farm } from '../../domain/schemas/farm';
import type { Policy } from '../../domain/schemas/policy';
import type { Role } from '../../domain/schemas/role';
import type { Server } from '../../domain/schemas/server';
import type { Clock } from '../../ports/clock';
import type { CloudDriver } from '../../ports/cloud-driver';
import type { DroverEvent, EventPublisher } from '../../ports/event-publisher';
import type { FarmScheduler } from '../../ports/farm-scheduler';
import type { AgentTokens } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { farmEvent } from '../farm-events';
import { PassRecords } from './pass-records';
import type { AgentDownload } from './user-data';

export interface ApplierPorts {
  store: { servers: Pick<Store['servers'], 'create' | 'update'>; farms: Pick<Store['farms'], 'update'> };
  scheduler: Pick<FarmScheduler, 'remove'>;
  /** The pass's drivers by credentials id (CloudAccess: secrets opened once, calls counted). */
  clouds: { driver(credentialsId: string): Promise<CloudDriver> };
  /** Receives the pass's events once, in order, after the last action. */
  publisher: EventPublisher;
  /** Read once: the whole pass writes at one moment. */
  clock: Clock;
  /** What each launch's user data carries for drover-agent. */
  agent: { tokens: AgentTokens; apiUrl: string; channelUrl?: string; download?: AgentDownload };
  newServerId(): string;
  logger: Pick<Logger, 'warn'>;
}

/** What the pass read before planning. */
export interface PassInput {
  farm: Farm;
  servers: readonly Server[];
  roles: ReadonlyMap<string, Role | undefined>;
  policies: readonly Policy[];
  /** From the previous pass's summary. */
  capacityHolds?: CapacityHolds;
  /** From the previous pass's summary: the violations' signature by farm role. */
  previousRefusals?: Readonly<Record<string, string>>;
  /** A farm role's tags with their `${NAME}` references filled (Global Variables); its own tags when unset. */
  farmRoleTags?: (farmRoleId: string) => Readonly<Record<string, string>> | undefined;
  capacityBackoff?: CapacityBackoff;
}

export interface ApplyState {
  readonly ports: ApplierPorts;
  readonly input: PassInput;
  readonly now: Date;
  readonly records: PassRecords;
  farm: Farm;
  readonly capacityHolds: CapacityHolds;
  /** Farm roles whose launches policies refused in this pass: the violations' signature. */
  readonly policyRefusals: Record<string, string>;
  /** Placements that found no capacity in this pass. */
  readonly failedPlacements: Placement[];
  readonly events: DroverEvent[];
  readonly problems: string[];
}

export function newApplyState(ports: ApplierPorts, input: PassInput): ApplyState {
  const now = ports.clock.now();
  return {
    ports,
    input,
    now,
    records: new PassRecords(ports.store, input.servers, now),
    farm: input.farm,
    capacityHolds: { ...input.capacityHolds },
    policyRefusals: {},
    failedPlacements: [],
    events: [],
    problems: [],
  };
}

/** Queues a server's event; its payload always names the server's farm role alias, index and instance. */
export function emitServerEvent(state: ApplyState, facts: EventFacts, server: Server, message: string): void {
  state.events.push(
    farmEvent(facts.name, state.farm, state.now, {
      server,
      message,
      payload: {
        ...facts.payload,
        alias: server.farmRoleAlias,
        index: server.index,
        instanceId: server.instanceId,
      },
    }),
  );
}
