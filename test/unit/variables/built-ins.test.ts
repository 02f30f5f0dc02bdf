// The DROVER_* facts a script sees, and the DROVER_EVENT_* copies for fan-out targets.
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_NAMES,
  builtInVariables,
  GlobalVariable,
  type ServerFacts,
} from '../../../functions/domain/variables';

const web: ServerFacts = {
  farmId: 'farm-1',
  farmName: 'shop',
  farmRoleAlias: 'web',
  serverId: 'srv-web-3',
  instanceIndex: 3,
  platform: 'aws',
  location: 'us-east-1',
  instanceType: 't3.small',
};
const db: ServerFacts = {
  ...web,
  farmRoleAlias: 'db',
  serverId: 'srv-db-1',
  instanceIndex: 1,
  instanceType: 'r6g.large',
};
const base = { accountId: 'acc-1', environmentId: 'env-1', ...web };

describe('builtInVariables', () => {
  it('names every fact of the server it runs on', () => {
    expect(builtInVariables({ ...base, eventName: 'HostUp' })).toEqual({
      DROVER_ACCOUNT_ID: 'acc-1',
      DROVER_ENV_ID: 'env-1',
      DROVER_FARM_ID: 'farm-1',
      DROVER_FARM_NAME: 'shop',
      DROVER_FARM_ROLE_ALIAS: 'web',
      DROVER_SERVER_ID: 'srv-web-3',
      DROVER_INSTANCE_INDEX: '3',
      DROVER_CLOUD_PLATFORM: 'aws',
      DROVER_CLOUD_LOCATION: 'us-east-1',
      DROVER_INSTANCE_TYPE: 't3.small',
      DROVER_EVENT_NAME: 'HostUp',
    });
  });

  it.each([
    ['no event: a manual run', {}, []],
    ['an event with no triggering server', { eventName: 'FarmLaunched' }, ['DROVER_EVENT_NAME']],
    [
      'a fan-out target gets the triggering server under DROVER_EVENT_*',
      { eventName: 'HostUp', triggeringServer: db },
      [
        'DROVER_EVENT_NAME',
        'DROVER_EVENT_FARM_ID',
        'DROVER_EVENT_FARM_NAME',
        'DROVER_EVENT_FARM_ROLE_ALIAS',
        'DROVER_EVENT_SERVER_ID',
        'DROVER_EVENT_INSTANCE_INDEX',
        'DROVER_EVENT_CLOUD_PLATFORM',
        'DROVER_EVENT_CLOUD_LOCATION',
        'DROVER_EVENT_INSTANCE_TYPE',
      ],
    ],
  ])('%s', (_reason, extra, eventNames) => {
    const names = Object.keys(builtInVariables({ ...base, ...extra }));
    expect(names.filter((n) => n.startsWith('DROVER_EVENT_')).sort()).toEqual([...eventNames].sort());
  });

  it('keeps the target its own identity beside the triggering server', () => {
    const vars = builtInVariables({ ...base, eventName: 'HostDown', triggeringServer: db });
    expect(vars).toMatchObject({
      DROVER_SERVER_ID: 'srv-web-3',
      DROVER_FARM_ROLE_ALIAS: 'web',
      DROVER_EVENT_SERVER_ID: 'srv-db-1',
      DROVER_EVENT_FARM_ROLE_ALIAS: 'db',
      DROVER_EVENT_INSTANCE_INDEX: '1',
      DROVER_EVENT_INSTANCE_TYPE: 'r6g.large',
    });
  });

  it('uses only names a user variable can never take', () => {
    const all = [...BUILT_IN_NAMES, ...Object.keys(builtInVariables({ ...base, triggeringServer: db }))];
    for (const name of all) expect(GlobalVariable.safeParse({ name }).success, name).toBe(false);
  });
});
