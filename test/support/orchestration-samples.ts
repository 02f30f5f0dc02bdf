// Samples for the `orchestration` routes and the custom-event route (route-samples.ts spreads
// them in): a script with a rule using it, an execution record, valid bodies, and bad bodies with
// the field path the API must name.

import type { Store } from '../../functions/ports/store';
import { executionIdOf } from '../../functions/services/orchestration/orchestrate-event';

export interface OrchestrationIds {
  scriptId: string;
  ruleId: string;
  executionId: string;
}

const SCRIPT_BODY = '#!/bin/sh\necho "hello from $DROVER_SERVER_ID"\n';
let names = 0;
const uniqueName = (what: string) => `${what}-${process.pid}-${Date.now()}-${++names}`;

export const scriptInput = (name = uniqueName('script')) => ({ name, body: SCRIPT_BODY });
export const ruleInput = (scriptId: string, environmentId: string) => ({
  scope: { kind: 'environment', environmentId },
  event: 'HostUp',
  scriptId,
});

/** A script, a rule using it, and an execution of it on the sample server (written to the store). */
export async function createOrchestrationSamples(
  api: { post(path: string, body?: unknown): Promise<{ body: any }> },
  store: Store,
  at: { accountId: string; environmentId: string; farmId: string; farmRoleId: string; serverId: string },
): Promise<OrchestrationIds> {
  const script = (await api.post('/v1/scripts', scriptInput())).body;
  const ruleId = (await api.post('/v1/orchestration-rules', ruleInput(script.id, at.environmentId))).body.id;
  const executionId = executionIdOf(`sample-${Date.now()}-${++names}`, ruleId, at.serverId);
  await store.executions.create({
    id: executionId,
    accountId: at.accountId,
    environmentId: at.environmentId,
    farmId: at.farmId,
    farmRoleId: at.farmRoleId,
    serverId: at.serverId,
    ruleId,
    scriptId: script.id,
    scriptName: script.name,
    scriptVersion: 1,
    eventId: 'sample',
    eventName: 'HostUp',
    triggeringServerId: at.serverId,
    order: 100,
    blocking: true,
    abortOnFailure: false,
    timeoutSeconds: 300,
    runAs: 'root',
    status: 'succeeded',
    createdAt: new Date().toISOString(),
    startedAt: new Date().toISOString(),
    endedAt: new Date().toISOString(),
    exitCode: 0,
    timedOut: false,
    durationMs: 12,
    stdoutTail: 'hello\n',
    stderrTail: '',
    version: 1,
  });
  return { scriptId: script.id, ruleId, executionId };
}

type Ids = OrchestrationIds & { environmentId: string; farmId: string; farmRoleId: string; roleId: string };

export const ORCHESTRATION_VALID_BODIES: Record<string, (ids: Ids) => unknown> = {
  createScript: () => scriptInput(),
  updateScript: () => ({ ...scriptInput(), description: 'changed' }),
  createOrchestrationRule: (ids) => ruleInput(ids.scriptId, ids.environmentId),
  updateOrchestrationRule: (ids) => ({ ...ruleInput(ids.scriptId, ids.environmentId), order: 5 }),
  fireFarmEvent: () => ({ name: 'DeployFinished', payload: { version: '1.2.3' } }),
};

export const ORCHESTRATION_BAD_BODIES: Record<
  string,
  { why: string; body: (ids: Ids) => unknown; path: string }[]
> = {
  createScript: [
    { why: 'an empty body', body: () => ({ name: 's', body: '' }), path: 'body' },
    { why: 'a body over 64 KiB', body: () => ({ name: 's', body: 'x'.repeat(64 * 1024 + 1) }), path: 'body' },
    { why: 'a timeout of 0', body: () => ({ ...scriptInput(), timeoutSeconds: 0 }), path: 'timeoutSeconds' },
  ],
  updateScript: [
    {
      why: 'an unknown interpreter',
      body: () => ({ ...scriptInput(), interpreterHint: 'cobol' }),
      path: 'interpreterHint',
    },
  ],
  createOrchestrationRule: [
    {
      why: 'abort on failure for an event other than BeforeHostUp',
      body: (ids) => ({ ...ruleInput(ids.scriptId, ids.environmentId), abortOnFailure: true }),
      path: 'abortOnFailure',
    },
    {
      why: 'an unknown scope kind',
      body: (ids) => ({ ...ruleInput(ids.scriptId, ids.environmentId), scope: { kind: 'galaxy' } }),
      path: 'scope.kind',
    },
    {
      why: 'a farm scope without a farm id',
      body: (ids) => ({
        ...ruleInput(ids.scriptId, ids.environmentId),
        scope: { kind: 'farm', farmId: 'x' },
      }),
      path: 'scope.farmId',
    },
    {
      why: 'an event name with a space',
      body: (ids) => ({ ...ruleInput(ids.scriptId, ids.environmentId), event: 'Host Up' }),
      path: 'event',
    },
  ],
  updateOrchestrationRule: [
    {
      why: 'a run-as user that is no POSIX name',
      body: (ids) => ({ ...ruleInput(ids.scriptId, ids.environmentId), runAs: 'Root User' }),
      path: 'runAs',
    },
  ],
  fireFarmEvent: [
    { why: 'a lifecycle event name', body: () => ({ name: 'HostUp' }), path: 'name' },
    { why: 'a name with a dot', body: () => ({ name: 'deploy.done' }), path: 'name' },
    {
      why: 'a payload that is not an object',
      body: () => ({ name: 'Deployed', payload: [1] }),
      path: 'payload',
    },
  ],
};

/** Path parameters of the orchestration routes. */
export function fillOrchestrationPath(path: string, ids: OrchestrationIds): string {
  return path
    .replace('{scriptId}', ids.scriptId)
    .replace('{ruleId}', ids.ruleId)
    .replace('{executionId}', ids.executionId)
    .replace('{number}', '1');
}
