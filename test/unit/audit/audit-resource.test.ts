// resourceOfWrite: which resource an API write touched, from the route's path ids and documents.
import { describe, expect, it } from 'vitest';
import { environmentOfWrite, kindOfId, resourceOfWrite } from '../../../functions/domain/audit/resource';

const env = 'env-01jd7y9x2k0000000000000001';
const farm = 'farm-01jd7y9x2k0000000000000001';
const srv = 'srv-01jd7y9x2k0000000000000001';
const whe = 'whe-01jd7y9x2k0000000000000001';
const dlv = 'dlv-01jd7y9x2k0000000000000001';

describe('resourceOfWrite', () => {
  it.each([
    [
      'a create: the new document, not the parent in the path',
      [env],
      null,
      { id: farm, name: 'web' },
      true,
      { type: 'farm', id: farm, name: 'web' },
    ],
    [
      'an update: the path id, named by the document',
      [farm],
      { id: farm, name: 'a' },
      { id: farm, name: 'b' },
      false,
      { type: 'farm', id: farm, name: 'b' },
    ],
    [
      'a delete: the path id, named by the document before it',
      [farm],
      { id: farm, name: 'a' },
      null,
      false,
      { type: 'farm', id: farm, name: 'a' },
    ],
    [
      'an action on a child: the last path id',
      [farm, srv],
      null,
      { id: srv },
      false,
      { type: 'server', id: srv },
    ],
    [
      'an action answering another document: still the path id, without its name',
      [env, whe],
      null,
      { id: dlv, name: 'delivery' },
      false,
      { type: 'webhookEndpoint', id: whe },
    ],
    ['no id anywhere', [], null, { ok: true }, false, { type: 'unknown', id: null }],
    [
      'a change to an enclosing document read before it: that document',
      ['team-01jd7y9x2k0000000000000001', 'usr-01jd7y9x2k0000000000000001'],
      { id: 'team-01jd7y9x2k0000000000000001', name: 'web' },
      { id: 'team-01jd7y9x2k0000000000000001', name: 'web' },
      false,
      { type: 'team', id: 'team-01jd7y9x2k0000000000000001', name: 'web' },
    ],
  ])('%s', (_why, pathIds, before, after, created, expected) => {
    expect(resourceOfWrite(pathIds, before, after, created)).toEqual(expected);
  });
});

describe('kindOfId', () => {
  it.each([
    [farm, 'farm'],
    ['cred-01jd7y9x2k0000000000000001', 'credentials'],
    ['nope-1', undefined],
    ['plain', undefined],
  ])('%s → %s', (id, kind) => {
    expect(kindOfId(id)).toBe(kind);
  });
});

describe('environmentOfWrite', () => {
  it.each([
    ['the path environment first', { environmentId: env }, null, { environmentId: 'env-other' }, env],
    ["else the document's", { farmId: farm }, { environmentId: env }, null, env],
    ['an environment is its own', {}, null, { id: env, name: 'prod' }, env],
    ['null for account-level items (roles of the account, users, teams)', {}, null, { name: 'r' }, null],
  ])('%s', (_why, params, before, after, expected) => {
    expect(environmentOfWrite(params as Record<string, string>, before, after)).toBe(expected);
  });
});
