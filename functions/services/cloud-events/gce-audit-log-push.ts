// A Compute Engine instance changed (a Cloud Audit Logs entry pushed through Pub/Sub): wake
// the farm it belongs to, as an EC2 state-change notification does (handlers/event-rules.ts).
// The push is verified before this runs (its OIDC token); here the envelope is decoded, the
// instance found — by the instance index (every instance Drover launched is recorded with its
// name), else by Drover's labels on an insert — and `CloudInstanceChanged` published, which
// the event rules route to the reconciler. Before that the change is noted on the Inventory
// (services/reconcile/inventory-changes.ts), so the pass it wakes reads the cloud itself rather
// than the shared snapshot listed before the change. Nothing else is written: a replayed or duplicated push
// (Pub/Sub delivers at least once; a delete logs a first and a last entry) only asks for
// another pass, which finds nothing to do. An entry about an instance Drover does not manage,
// or a method that changes nothing the planner reads, is acknowledged and ignored, so Pub/Sub
// does not retry it.

import { DROVER_TAG_KEYS } from '../../domain/clouds/launch-spec';
import { InvalidInput } from '../../domain/errors';
import {
  GceAuditLogEntry,
  type GceInstanceChange,
  instanceChangeOf,
  lifecycleVerbOf,
  type PubSubPushEnvelope,
} from '../../domain/schemas/gce-audit-log';
import type { Server } from '../../domain/schemas/server';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { Store } from '../../ports/store';
import { farmEvent } from '../farm-events';
import { noteServerChange } from '../reconcile/inventory-changes';

/** The Drover event that asks for a pass over the farm of an instance a cloud reported changed. */
export const CLOUD_INSTANCE_CHANGED = 'CloudInstanceChanged';

export interface GceAuditLogPushDeps {
  store: Pick<Store, 'servers' | 'inventory'>;
  publisher: EventPublisher;
  clock: Clock;
}

export type PushOutcome =
  | { as: 'farm-woken'; accountId: string; farmId: string; serverId?: string }
  | { as: 'ignored'; why: 'not-a-lifecycle-method' | 'not-managed' };

export async function receiveGceAuditLogPush(
  deps: GceAuditLogPushDeps,
  envelope: PubSubPushEnvelope,
): Promise<PushOutcome> {
  const change = instanceChangeOf(decodeEntry(envelope.message.data));
  const verb = lifecycleVerbOf(change.methodName);
  if (!verb) return { as: 'ignored', why: 'not-a-lifecycle-method' };
  const owner = await ownerOf(deps, change);
  if (!owner) return { as: 'ignored', why: 'not-managed' };
  // A server not recorded yet has no snapshot to spoil: its farm is launching, so it looks directly.
  if (owner.server) await noteServerChange(deps, owner.server);
  const event = farmEvent(CLOUD_INSTANCE_CHANGED, owner.farm, deps.clock.now(), {
    ...(owner.server ? { server: owner.server } : {}),
    message: `GCE instance ${change.instanceName}: ${verb}`,
    payload: {
      platform: 'gce',
      instanceId: change.instanceName,
      zone: change.zone,
      method: change.methodName,
    },
  });
  await deps.publisher.publish([event]);
  return {
    as: 'farm-woken',
    accountId: owner.farm.accountId,
    farmId: owner.farm.id,
    ...(owner.server ? { serverId: owner.server.id } : {}),
  };
}

/** The base64 `message.data` as an audit log entry about one instance, or InvalidInput naming the field. */
function decodeEntry(data: string): GceAuditLogEntry {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
  } catch {
    throw new InvalidInput('message.data is not base64 JSON', [
      { path: 'message.data', message: 'expected a base64-encoded LogEntry' },
    ]);
  }
  const parsed = GceAuditLogEntry.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new InvalidInput(
    'message.data is not a Compute Engine audit log entry about an instance',
    parsed.error.issues.map((issue) => ({
      path: ['message', 'data', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  );
}

interface Owner {
  farm: { id: string; accountId: string; environmentId: string };
  server?: Server;
}

async function ownerOf(deps: GceAuditLogPushDeps, change: GceInstanceChange): Promise<Owner | undefined> {
  const server = await deps.store.servers.findByInstanceId('gce', change.instanceName);
  // Instance names are unique per project and zone: one recorded in another zone is another instance.
  if (server && (!server.zone || server.zone === change.zone))
    return {
      farm: { id: server.farmId, accountId: server.accountId, environmentId: server.environmentId },
      server,
    };
  // Not recorded yet (an insert can be logged before the launch's record names the instance).
  const labels = change.labels;
  const accountId = labels[DROVER_TAG_KEYS.accountId];
  const environmentId = labels[DROVER_TAG_KEYS.environmentId];
  const farmId = labels[DROVER_TAG_KEYS.farmId];
  return accountId && environmentId && farmId
    ? { farm: { id: farmId, accountId, environmentId } }
    : undefined;
}
