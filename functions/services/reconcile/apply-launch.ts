// The launch steps of the plan applier. Each attempt: the policies are asked once, on the launch
// spec the cloud will get (a refusal leaves no record); the record is written Pending Launch
// (the intent, with the server id the launch is idempotent by); its events are raised; then the
// one launch call. Which placement comes next after a capacity refusal, and when a farm role is
// held, is the planning domain's call (launch-attempts.ts, capacity-holds.ts).

import type { LaunchSpec } from '../../domain/clouds/launch-spec';
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import { newId } from '../../domain/ids';
import {
  ACTION_DONE,
  type ActionResult,
  decideLaunch,
  isCapacityHeld,
  LAUNCH_FAILED_EVENT,
  type Launch,
  type LaunchRefusal,
  launchEvents,
  launchRefusal,
  nextCapacityHold,
  nextPlacement,
  noCapacityMessage,
  type Placement,
  POLICY_VIOLATION_EVENT,
  policyRefusal,
  type RetryLaunch,
  statusAfterLaunch,
} from '../../domain/planning';
import { describeViolations } from '../../domain/policies';
import { imageFor } from '../../domain/role-image';
import type { StoredFarmRole } from '../../domain/schemas/farm';
import type { Violation } from '../../domain/schemas/policy';
import type { Server } from '../../domain/schemas/server';
import { CloudError } from '../../ports/cloud-driver';
import { cloudFailureFacts, describeCloudFailure } from '../cloud-failure';
import { farmEvent } from '../farm-events';
import { type ApplyState, emitServerEvent } from './apply-state';
import { launchSpecFor } from './launch-spec';

/** A new server: its first placement is the plan's, the next ones the domain's, until one launches or none is left. */
export async function launchNew(state: ApplyState, action: Launch): Promise<ActionResult> {
  const farmRole = state.farm.farmRoles.find((fr) => fr.id === action.farmRoleId);
  if (!farmRole) return ACTION_DONE;
  const imageId = imageFor(state.input.roles.get(farmRole.roleId) ?? { images: [] }, farmRole);
  if (!imageId) {
    state.problems.push(
      `${farmRole.alias}: its role has no ${farmRole.platform} image for ${farmRole.region}`,
    );
    return ACTION_DONE;
  }
  const hold = state.capacityHolds[farmRole.id];
  if (isCapacityHeld(hold, state.now)) {
    state.problems.push(
      `${farmRole.alias}: no capacity on the last try; launching again after ${hold!.until}`,
    );
    return { as: 'launch-held' };
  }
  let placement: Placement | null = { zone: action.zone, instanceType: action.instanceType };
  let replaces = action.replacesServerId;
  while (placement) {
    const server = newServerRecord(state, action, farmRole, imageId, placement, replaces);
    const decision = checkLaunch(state, server, farmRole);
    if (!decision.ok) return refuse(state, farmRole, decision.violations);
    await state.records.create(server);
    for (const facts of launchEvents(action.cause, placement, replaces))
      emitServerEvent(state, facts, server, action.reason);
    const outcome = await callLaunch(state, server, decision.launchSpec);
    if (outcome === 'launched') delete state.capacityHolds[farmRole.id];
    if (outcome !== 'no-capacity') return ACTION_DONE;
    state.failedPlacements.push(placement);
    placement = nextPlacement(farmRole, state.failedPlacements);
    replaces = server.id;
  }
  state.capacityHolds[farmRole.id] = nextCapacityHold(hold, state.now, state.input.capacityBackoff);
  state.problems.push(noCapacityMessage(farmRole));
  return ACTION_DONE;
}

/** A Pending Launch record without an instance: the same server id again (the cloud returns the instance if it exists). */
export async function retryLaunch(state: ApplyState, action: RetryLaunch): Promise<ActionResult> {
  const server = state.records.get(action.serverId);
  const farmRole = server && state.farm.farmRoles.find((fr) => fr.id === server.farmRoleId);
  if (!server || !farmRole) return ACTION_DONE;
  const decision = checkLaunch(state, server, farmRole);
  if (!decision.ok) {
    const why = `launch refused by ${describeViolations(decision.violations)}`;
    await state.records.write(server.id, server.version, 'Failed', why, {});
    return refuse(state, farmRole, decision.violations);
  }
  await callLaunch(state, server, decision.launchSpec);
  return ACTION_DONE;
}

function checkLaunch(state: ApplyState, server: Server, farmRole: StoredFarmRole) {
  const { agent } = state.ports;
  const token = agent.tokens.issue({
    accountId: server.accountId,
    farmId: server.farmId,
    serverId: server.id,
  });
  const spec = launchSpecFor(
    server,
    state.farm,
    farmRole,
    state.input.roles.get(farmRole.roleId),
    { apiUrl: agent.apiUrl, token, channelUrl: agent.channelUrl, download: agent.download },
    state.input.farmRoleTags?.(farmRole.id),
  );
  return decideLaunch(spec, state.input.policies, state.farm, farmRole, server.index, state.records.all());
}

/** A launch the policies refuse: the reason in the farm's status, one PolicyViolation event per change. */
function refuse(state: ApplyState, farmRole: StoredFarmRole, violations: Violation[]): ActionResult {
  const refusal = policyRefusal(farmRole.alias, violations, [
    state.input.previousRefusals?.[farmRole.id],
    state.policyRefusals[farmRole.id],
  ]);
  state.policyRefusals[farmRole.id] = refusal.signature;
  state.problems.push(refusal.message);
  if (refusal.announce)
    state.events.push(
      farmEvent(POLICY_VIOLATION_EVENT, state.farm, state.now, {
        farmRoleId: farmRole.id,
        message: refusal.message,
        payload: { alias: farmRole.alias, violations },
      }),
    );
  return { as: 'launch-refused' };
}

/** The launch call for a Pending Launch record, and the record of its outcome. */
async function callLaunch(
  state: ApplyState,
  server: Server,
  spec: LaunchSpec,
): Promise<'launched' | Exclude<LaunchRefusal, 'retry-later'>> {
  const driver = await state.ports.clouds.driver(server.credentialsId);
  let instance: ObservedInstance;
  try {
    instance = await driver.launch(spec);
  } catch (err) {
    if (!(err instanceof CloudError)) throw err;
    const why = describeCloudFailure(err);
    const refusal = launchRefusal(err.kind);
    if (refusal === 'retry-later') {
      await state.records.write(
        server.id,
        server.version,
        null,
        `launch call failed, will retry: ${why}`,
        {},
      );
      throw err;
    }
    state.ports.logger.warn('the cloud refused a launch', {
      farmId: state.farm.id,
      serverId: server.id,
      error: err,
    });
    await state.records.write(server.id, server.version, 'Failed', `launch refused: ${why}`, {});
    emitServerEvent(state, { name: LAUNCH_FAILED_EVENT, payload: cloudFailureFacts(err) }, server, why);
    return refusal;
  }
  const current = state.records.get(server.id)!;
  await state.records.write(
    server.id,
    current.version,
    statusAfterLaunch(instance.state),
    `instance ${instance.instanceId} launched`,
    {
      instanceId: instance.instanceId,
      zone: instance.zone,
      privateIp: instance.privateIp,
      publicIp: instance.publicIp,
    },
  );
  return 'launched';
}

function newServerRecord(
  state: ApplyState,
  action: Launch,
  farmRole: StoredFarmRole,
  imageId: string,
  placement: Placement,
  replacesServerId: string | null,
): Server {
  const now = state.now.toISOString();
  return {
    id: state.ports.newServerId(),
    accountId: state.farm.accountId,
    environmentId: state.farm.environmentId,
    farmId: state.farm.id,
    farmRoleId: farmRole.id,
    farmRoleAlias: farmRole.alias,
    index: action.index,
    platform: farmRole.platform,
    credentialsId: farmRole.credentialsId,
    region: farmRole.region,
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

/** The ids new server records get in production. */
export const newServerId = () => newId('server');
