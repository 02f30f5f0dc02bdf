// Teams of an account: their members and the environments they are granted, each with an ACL
// role. Every member, environment and custom ACL role a team names must exist in the account.
import { isBuiltInAclRole } from '../../domain/access/acl-role';
import type { Team, TeamInput } from '../../domain/access/team';
import { Conflict, type FieldIssue, NotFound, Unprocessable } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { PageQuery } from '../../domain/schemas/common';
import type { Clock } from '../../ports/clock';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { auditWrite } from '../audit';
import { expectedVersion } from '../versions';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type TeamsRepos = Pick<Store, 'aclRoles' | 'audit' | 'environments' | 'teams' | 'users'>;

interface Deps {
  store: TeamsRepos;
  clock: Clock;
}

export async function getTeam({ store }: Deps, principal: Principal, teamId: string): Promise<Team> {
  const team = await store.teams.get({ accountId: principal.accountId }, teamId);
  if (!team) throw new NotFound(`Team ${teamId} not found`);
  return team;
}

export const listTeams = ({ store }: Deps, principal: Principal, page: PageQuery) =>
  store.teams.list({ accountId: principal.accountId }, page);

export async function createTeam(deps: Deps, principal: Principal, input: TeamInput): Promise<Team> {
  await checkReferences(deps, principal, input);
  const all = await deps.store.teams.listAll({ accountId: principal.accountId });
  if (all.some((t) => t.name.toLowerCase() === input.name.toLowerCase()))
    throw new Conflict(`A team named "${input.name}" already exists`);
  const now = deps.clock.now().toISOString();
  const team: Team = {
    ...input,
    id: newId('team'),
    accountId: principal.accountId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.teams.create(team);
  return team;
}

export async function updateTeam(
  deps: Deps,
  principal: Principal,
  teamId: string,
  input: TeamInput,
  ifMatch: number | '*' | undefined,
): Promise<Team> {
  const current = await getTeam(deps, principal, teamId);
  const expected = expectedVersion(ifMatch, current, 'team');
  await checkReferences(deps, principal, input);
  const team: Team = {
    ...current,
    ...input,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.teams.update(team, expected);
  auditWrite({ before: current, after: team });
  return team;
}

export async function deleteTeam(
  deps: Deps,
  principal: Principal,
  teamId: string,
  ifMatch: number | '*' | undefined,
) {
  const current = await getTeam(deps, principal, teamId);
  await deps.store.teams.delete(
    { accountId: principal.accountId },
    teamId,
    ifMatch === undefined ? undefined : expectedVersion(ifMatch, current, 'team'),
  );
  auditWrite({ before: current, after: null });
}

/** Adds or removes one member (no If-Match: membership is a set, the change commutes). */
export async function setMembership(
  deps: Deps,
  principal: Principal,
  teamId: string,
  userId: string,
  member: boolean,
) {
  for (let attempt = 0; ; attempt++) {
    const current = await getTeam(deps, principal, teamId);
    // Another account's user is 404 whichever way (tenancy); removing a stale member id of this
    // team (a user since deleted) is still allowed, so a team can always be cleaned.
    const known = await deps.store.users.get({ accountId: principal.accountId }, userId);
    if (!known && (member || !current.memberIds.includes(userId)))
      throw new NotFound(`User ${userId} not found`);
    const memberIds = member
      ? [...new Set([...current.memberIds, userId])]
      : current.memberIds.filter((id) => id !== userId);
    if (memberIds.length === current.memberIds.length && member === current.memberIds.includes(userId)) {
      auditWrite({ before: current, after: current });
      return current;
    }
    const team = {
      ...current,
      memberIds,
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    try {
      await deps.store.teams.update(team, current.version);
      auditWrite({ before: current, after: team });
      return team;
    } catch (err) {
      if (attempt >= 2 || (err as Error).name !== 'PreconditionFailed') throw err;
    }
  }
}

async function checkReferences(deps: Deps, principal: Principal, input: TeamInput) {
  const scope = { accountId: principal.accountId };
  const issues: FieldIssue[] = [];
  for (const [i, userId] of input.memberIds.entries()) {
    if (!(await deps.store.users.get(scope, userId)))
      issues.push({ in: 'body', path: `memberIds.${i}`, message: `user ${userId} is not in this account` });
  }
  const custom = new Set((await deps.store.aclRoles.listAll(scope)).map((r) => r.id));
  for (const [i, grant] of input.grants.entries()) {
    if (!(await deps.store.environments.get(scope, grant.environmentId)))
      issues.push({
        in: 'body',
        path: `grants.${i}.environmentId`,
        message: `environment ${grant.environmentId} does not exist`,
      });
    if (!isBuiltInAclRole(grant.aclRoleId) && !custom.has(grant.aclRoleId))
      issues.push({
        in: 'body',
        path: `grants.${i}.aclRoleId`,
        message: `ACL role ${grant.aclRoleId} does not exist`,
      });
  }
  if (issues.length)
    throw new Unprocessable(`The team refers to ${issues.length} thing(s) that do not exist`, issues);
}
