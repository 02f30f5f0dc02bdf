// Applies a plan's actions in order: for each, the store write first (the intent), then at most
// one cloud call, as the planning domain spelled them out (action-effects.ts). A write that loses
// a version race stops the pass (the next pass plans from fresh records); a throttled cloud stops
// further cloud calls. The applier decides nothing: holds, fallbacks, policy checks, event names
// and the next look are the domain's. What it returns is data for the pass's summary and next look.
import { NotFound, PreconditionFailed } from '../../domain/errors';
import {
  ACTION_DONE,
  type ActionResult,
  type CapacityHolds,
  type CloudCall,
  callsCloud,
  type FarmAction,
  type FarmStatusChange,
  farmStatusEvent,
  type InstanceTarget,
  orphanTerminatedEvent,
  type StopReason,
  serverActionSteps,
  type TerminateOrphan,
} from '../../domain/planning';
import type { Farm } from '../../domain/schemas/farm';
import { CloudError } from '../../ports/cloud-driver';
import { describeCloudFailure, describeFailure } from '../cloud-failure';
import { farmEvent } from '../farm-events';
import { launchNew, retryLaunch } from './apply-launch';
import {
  type ApplierPorts,
  type ApplyState,
  emitServerEvent,
  newApplyState,
  type PassInput,
} from './apply-state';

export type { ApplierPorts, PassInput } from './apply-state';

export interface ApplyResult {
  /** One per action applied without error, in plan order. */
  results: ActionResult[];
  stopped: StopReason;
  problems: string[];
  /** The farm as the pass left it (its status may have changed). */
  farm: Farm;
  capacityHolds: CapacityHolds;
  policyRefusals: Record<string, string>;
}

export async function applyPlan(
  ports: ApplierPorts,
  input: PassInput,
  actions: readonly FarmAction[],
): Promise<ApplyResult> {
  const state = newApplyState(ports, input);
  const results: ActionResult[] = [];
  let stopped: StopReason = null;
  for (const action of actions) {
    if (stopped === 'throttled' && callsCloud(action)) continue;
    try {
      results.push(await applyOne(state, action));
    } catch (err) {
      if (err instanceof PreconditionFailed || err instanceof NotFound) {
        stopped = 'stale';
        break;
      }
      const throttled = err instanceof CloudError && err.kind === 'Throttled';
      if (throttled) stopped = 'throttled';
      // The cloud's text stays in the log: its endpoint may be one a tenant set (cloud-failure.ts).
      state.problems.push(
        throttled
          ? `cloud calls paused for this pass: ${describeCloudFailure(err)}`
          : `${action.type} failed: ${describeFailure(err)}`,
      );
      ports.logger.warn(throttled ? 'cloud throttled the reconcile pass' : 'reconcile action failed', {
        action: action.type,
        farmId: state.farm.id,
        error: err as Error,
      });
    }
  }
  if (state.events.length > 0) await ports.publisher.publish(state.events);
  const { problems, farm, capacityHolds, policyRefusals } = state;
  return { results, stopped, problems, farm, capacityHolds, policyRefusals };
}

async function applyOne(state: ApplyState, action: FarmAction): Promise<ActionResult> {
  switch (action.type) {
    case 'launch':
      return launchNew(state, action);
    case 'retryLaunch':
      return retryLaunch(state, action);
    case 'terminateOrphan':
      return terminateOrphan(state, action);
    case 'farmStatus':
      return setFarmStatus(state, action);
    default: {
      const before = state.records.get(action.serverId);
      const steps = serverActionSteps(action, before?.instanceId);
      if (steps.write) {
        const { status, fields } = steps.write;
        const server = await state.records.write(
          action.serverId,
          action.expectedVersion,
          status,
          action.reason,
          fields,
        );
        if (steps.event) emitServerEvent(state, steps.event, server, action.reason);
      }
      if (steps.cloud) await callCloud(state, steps.cloud.call, steps.cloud.target);
      return action.type === 'terminate' && action.hold
        ? { as: 'terminate-held', until: action.hold.until }
        : ACTION_DONE;
    }
  }
}

async function terminateOrphan(state: ApplyState, action: TerminateOrphan): Promise<ActionResult> {
  await callCloud(state, 'terminate', action.target);
  const { name, payload } = orphanTerminatedEvent(action);
  state.events.push(
    farmEvent(name, state.farm, state.now, {
      message: action.reason,
      payload,
      ...(action.taggedFarmRoleId ? { farmRoleId: action.taggedFarmRoleId } : {}),
    }),
  );
  return ACTION_DONE;
}

async function setFarmStatus(state: ApplyState, action: FarmStatusChange): Promise<ActionResult> {
  const { farm: before, now } = state;
  const to = action.to;
  const farm: Farm = {
    ...before,
    status: to,
    version: before.version + 1,
    updatedAt: now.toISOString(),
    ...(to === 'Running' && before.status === 'Launching' ? { launchedAt: now.toISOString() } : {}),
  };
  await state.ports.store.farms.update(farm, before.version, before.name);
  state.farm = farm;
  const name = farmStatusEvent(before.status, to);
  const payload = { from: before.status, to };
  if (name) state.events.push(farmEvent(name, farm, now, { message: action.reason, payload }));
  if (to === 'Terminated') await state.ports.scheduler.remove({ accountId: farm.accountId, farmId: farm.id });
  return ACTION_DONE;
}

async function callCloud(state: ApplyState, call: CloudCall, target: InstanceTarget): Promise<void> {
  const credentialsId =
    target.credentialsId ??
    state.farm.farmRoles.find((fr) => fr.platform === target.platform && fr.region === target.region)
      ?.credentialsId;
  if (!credentialsId) {
    state.problems.push(`no credentials to ${call} ${target.instanceId} in ${target.region}`);
    return;
  }
  const driver = await state.ports.clouds.driver(credentialsId);
  try {
    await driver[call](target.region, [{ instanceId: target.instanceId, zone: target.zone }]);
  } catch (err) {
    // Already gone is what terminate wanted.
    if (err instanceof CloudError && err.kind === 'NotFound' && call === 'terminate') return;
    throw err;
  }
}
