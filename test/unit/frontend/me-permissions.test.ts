import { describe, expect, it } from 'vitest';
import { denial, isAccountAdmin, type MeView } from '../../../frontend/lib/me-permissions';

const ENV = 'env-demo';
const me = (
  permissions: MeView['environments'][number]['permissions'],
  accountRole: MeView['accountRole'] = 'user',
) =>
  ({
    user: { id: 'usr-me' },
    accountRole,
    via: 'user',
    apiToken: null,
    teamIds: ['team-web'],
    environments: [{ environmentId: ENV, name: 'demo', permissions }],
  }) as unknown as MeView;

const mine = { ownerId: 'usr-me', ownerTeamId: 'team-data' };
const myTeams = { ownerId: 'usr-other', ownerTeamId: 'team-web' };
const othersTeam = { ownerId: 'usr-other', ownerTeamId: 'team-data' };

describe('denial', () => {
  it.each([
    ['all reaches every farm', 'all', othersTeam, undefined],
    ['team reaches the farms of my teams', 'team', myTeams, undefined],
    ['team reaches my own farm of another team', 'team', mine, undefined],
    [
      'team stops at another team’s farm',
      'team',
      othersTeam,
      "You may launch only your teams' farms: this farm belongs to another team.",
    ],
    ['own reaches my own farm', 'own', mine, undefined],
    ['own stops at my team’s farm', 'own', myTeams, 'You may launch only farms you own.'],
  ] as const)('farm scope: %s', (_why, scope, farm, expected) => {
    expect(denial(me({ 'farms:launch': scope }), 'farms:launch', ENV, farm)).toBe(expected);
  });

  it('names the missing permission and the environment', () => {
    expect(denial(me({ 'farms:view': 'all' }), 'policies:manage', ENV)).toBe(
      'You need the permission policies:manage in demo.',
    );
    expect(denial(me({}), 'farms:view', 'env-unknown')).toBe(
      'You need the permission farms:view in this environment.',
    );
  });

  it('denies nothing while /me is loading or no environment is chosen', () => {
    expect(denial(undefined, 'farms:launch', ENV)).toBeUndefined();
    expect(denial(me({}), 'farms:launch', undefined)).toBeUndefined();
  });

  it('says "change" for farms:update and "… servers of" for server permissions', () => {
    expect(denial(me({ 'farms:update': 'own' }), 'farms:update', ENV, myTeams)).toBe(
      'You may change only farms you own.',
    );
    expect(denial(me({ 'servers:reboot': 'team' }), 'servers:reboot', ENV, othersTeam)).toMatch(
      /^You may reboot servers of only your teams' farms/,
    );
  });
});

describe('isAccountAdmin', () => {
  it.each([
    ['owner', true],
    ['admin', true],
    ['user', false],
  ] as const)('%s → %s', (role, expected) => {
    expect(isAccountAdmin(me({}, role))).toBe(expected);
  });
});
