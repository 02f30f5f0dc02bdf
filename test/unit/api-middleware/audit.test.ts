// The auditWrites middleware on its own, over an in-memory audit log: a write's entry is built
// from the documents its service noted (auditWrite) or, for a create, from its answer — never by
// reading them again; a refused write (403) is recorded, other failures, reads and agents' reports
// are not; who, from where and the redacted diff are the entry's.
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden } from '../../../functions/domain/errors';
import type { AuditEntry } from '../../../functions/domain/schemas/audit';
import { auditWrites, runAudited } from '../../../functions/handlers/api/middleware/audit';
import type { RoutedOperation } from '../../../functions/handlers/api/operation';
import type { Principal } from '../../../functions/ports/identity';
import { auditWrite } from '../../../functions/services/audit';
import { ACCOUNT, accessStore, ENV, FARM, VIEWER } from './access-store';
import { type ApiRequest, apiEvent, middyRequest, route } from './middy-request';

const AT = new Date('2026-11-25T12:00:00.000Z');
const USER: Principal = {
  accountId: ACCOUNT,
  userId: VIEWER,
  via: 'user',
  apiToken: { id: 'tok-1', permissions: null },
};
const FARM_V1 = { id: FARM, environmentId: ENV, name: 'web', description: 'old', version: 1 };
const FARM_V2 = { ...FARM_V1, description: 'new', version: 2 };

function auditLog() {
  const stored: AuditEntry[] = [];
  const deps = {
    store: {
      ...accessStore(),
      audit: {
        append: async (entry: AuditEntry) => void stored.push(entry),
        get: async () => undefined,
        list: async () => ({ items: stored }),
      },
    },
    clock: { now: () => AT },
    logger: new Logger({ serviceName: 'audit-test', logLevel: 'SILENT' }),
  };
  return { stored, middleware: auditWrites(deps) };
}

/** Runs `operation` for the route as the group handler does, then the middleware's after hook. */
async function write(
  operationId: string,
  params: Record<string, string>,
  operation: RoutedOperation,
  status: number,
) {
  const { stored, middleware } = auditLog();
  const def = route(operationId);
  const event = apiEvent(def, { params, headers: { 'x-drover-client': 'Portal' } });
  const request: ApiRequest = middyRequest(event, { route: def, principal: USER, params });
  const result = await runAudited(request.context.drover, operation);
  request.response = { statusCode: status, body: JSON.stringify(result.body) };
  await middleware.after!(request);
  return stored;
}

async function refused(operationId: string, params: Record<string, string>, error: Error) {
  const { stored, middleware } = auditLog();
  const def = route(operationId);
  const request = middyRequest(apiEvent(def, { params }), { route: def, principal: USER, params });
  request.error = error;
  await middleware.onError!(request);
  return stored;
}

describe('auditWrites', () => {
  it('records an update with the documents its service noted, who and from where', async () => {
    const [entry] = await write(
      'updateFarm',
      { farmId: FARM },
      async () => {
        auditWrite({ before: FARM_V1, after: FARM_V2 });
        return { status: 200, body: FARM_V2 };
      },
      200,
    );
    expect(entry).toMatchObject({
      accountId: ACCOUNT,
      environmentId: ENV,
      action: 'updateFarm',
      actor: { userId: VIEWER, via: 'user', tokenId: 'tok-1' },
      source: { client: 'portal', ip: '192.0.2.7', userAgent: 'drover-cli/test' },
      resource: { type: 'farm', id: FARM, name: 'web' },
      outcome: 200,
      requestId: 'req-1',
      at: AT.toISOString(),
      changes: [{ path: 'description', kind: 'changed', before: 'old', after: 'new' }],
    });
  });

  it('records a delete as what was there, and a create from its answer', async () => {
    const [deleted] = await write(
      'deleteFarm',
      { farmId: FARM },
      async () => {
        auditWrite({ before: FARM_V1, after: null });
        return { status: 204 };
      },
      204,
    );
    expect(deleted!.resource).toEqual({ type: 'farm', id: FARM, name: 'web' });
    expect(deleted!.changes).toContainEqual({ path: 'name', kind: 'removed', before: 'web' });

    const [created] = await write(
      'createFarm',
      { environmentId: ENV },
      async () => ({ status: 201, body: { ...FARM_V1, secretToken: 'never-in-the-log' } }),
      201,
    );
    expect(created!.resource).toEqual({ type: 'farm', id: FARM, name: 'web' });
    expect(created!.changes).toContainEqual({ path: 'secretToken', kind: 'added', after: '[redacted]' });
    expect(JSON.stringify(created)).not.toContain('never-in-the-log');
  });

  it('records a write its service noted nothing of against the id of its path, without a diff', async () => {
    const [entry] = await write(
      'terminateServer',
      { farmId: FARM, serverId: 'srv-01jd7y9x2k0000000000000001' },
      async () => ({ status: 202, body: { accepted: true } }),
      202,
    );
    expect(entry).toMatchObject({
      resource: { type: 'server', id: 'srv-01jd7y9x2k0000000000000001' },
      changes: [],
    });
  });

  it('records a refused write (403) in the environment access was decided in, and no other failure', async () => {
    const [entry] = await refused('updateFarm', { farmId: FARM }, new Forbidden('Refused (updateFarm): no'));
    expect(entry).toMatchObject({ outcome: 403, environmentId: ENV, resource: { type: 'farm', id: FARM } });
    expect(await refused('updateFarm', { farmId: FARM }, new Conflict('busy'))).toEqual([]);
    const failed = await write('updateFarm', { farmId: FARM }, async () => ({ status: 409 }), 409);
    expect(failed).toEqual([]);
  });

  it('records no read and no agent report', async () => {
    const read = async () => ({ status: 200, body: FARM_V1 });
    expect(await write('getFarm', { farmId: FARM }, read, 200)).toEqual([]);
    expect(await write('reportAgentEvent', {}, read, 200)).toEqual([]);
  });
});
