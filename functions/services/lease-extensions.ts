// Farm lease extension requests: anyone who may update a farm asks for more hours with a reason;
// someone with policies:manage approves (the farm's lease moves on) or denies. A request is
// decided once.
import { Conflict, NotFound } from '../domain/errors';
import { newId } from '../domain/ids';
import type { PageQuery } from '../domain/schemas/common';
import type { Farm } from '../domain/schemas/farm';
import type { LeaseExtension, LeaseExtensionInput } from '../domain/schemas/policy';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { Principal } from '../ports/identity';
import type { Store } from '../ports/store';
import { farmEvent, recordEvents } from './farm-events';
import { getFarm } from './farms';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type LeaseExtensionsRepos = Pick<
  Store,
  | 'aclRoles'
  | 'audit'
  | 'credentials'
  | 'environments'
  | 'farmEvents'
  | 'farms'
  | 'leaseExtensions'
  | 'policies'
  | 'reconciles'
  | 'roles'
  | 'servers'
  | 'teams'
>;

interface Deps {
  store: LeaseExtensionsRepos;
  clock: Clock;
  publisher: EventPublisher;
}

const HOUR_MS = 3_600_000;

export async function requestLeaseExtension(
  deps: Deps,
  principal: Principal,
  farmId: string,
  input: LeaseExtensionInput,
): Promise<LeaseExtension> {
  const farm = await getFarm(deps, principal, farmId);
  const now = deps.clock.now().toISOString();
  const request: LeaseExtension = {
    ...input,
    id: newId('leaseRequest'),
    accountId: farm.accountId,
    environmentId: farm.environmentId,
    farmId: farm.id,
    status: 'pending',
    requestedBy: principal.userId,
    decidedBy: null,
    decidedAt: null,
    newLeaseExpiresAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.leaseExtensions.create(request);
  await recordEvents(deps, [
    farmEvent('LeaseExtensionRequested', farm, deps.clock.now(), {
      actor: principal.userId,
      message: `${input.hours} more hour(s) asked: ${input.reason}`,
      payload: { requestId: request.id, hours: input.hours },
    }),
  ]);
  return request;
}

export async function listLeaseExtensions(deps: Deps, principal: Principal, farmId: string, page: PageQuery) {
  await getFarm(deps, principal, farmId);
  return deps.store.leaseExtensions.listByFarm({ accountId: principal.accountId, farmId }, page);
}

export async function decideLeaseExtension(
  deps: Deps,
  principal: Principal,
  farmId: string,
  requestId: string,
  decision: 'approve' | 'deny',
  comment = '',
): Promise<LeaseExtension> {
  const farm = await getFarm(deps, principal, farmId);
  const request = await deps.store.leaseExtensions.get({ accountId: principal.accountId, farmId }, requestId);
  if (!request) throw new NotFound(`Lease extension request ${requestId} not found on farm ${farmId}`);
  if (request.status !== 'pending') throw new Conflict(`The request was already ${request.status}`);
  const now = deps.clock.now();
  let lease: string | null = null;
  if (decision === 'approve') {
    // The hours count from the current lease, or from now when it has none (or it has passed).
    const from = Math.max(now.getTime(), farm.leaseExpiresAt ? Date.parse(farm.leaseExpiresAt) : 0);
    lease = new Date(from + request.hours * HOUR_MS).toISOString();
    const next: Farm = {
      ...farm,
      leaseExpiresAt: lease,
      version: farm.version + 1,
      updatedAt: now.toISOString(),
    };
    await deps.store.farms.update(next, farm.version, farm.name);
  }
  const decided: LeaseExtension = {
    ...request,
    status: decision === 'approve' ? 'approved' : 'denied',
    decidedBy: principal.userId,
    decidedAt: now.toISOString(),
    newLeaseExpiresAt: lease,
    version: request.version + 1,
    updatedAt: now.toISOString(),
  };
  await deps.store.leaseExtensions.update(decided, request.version);
  await recordEvents(deps, [
    farmEvent(decision === 'approve' ? 'LeaseExtended' : 'LeaseExtensionDenied', farm, now, {
      actor: principal.userId,
      message:
        decision === 'approve'
          ? `lease extended by ${request.hours} hour(s) to ${lease}${comment ? `: ${comment}` : ''}`
          : `extension of ${request.hours} hour(s) denied${comment ? `: ${comment}` : ''}`,
      payload: { requestId, hours: request.hours, leaseExpiresAt: lease },
    }),
  ]);
  return decided;
}
