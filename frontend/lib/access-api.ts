// The portal's client of the access API group (functions/contract/access-routes.ts): users,
// teams, ACL roles (owner and admin) and the signed-in user's own API tokens, through the
// generated client. Versioned writes send the item's version as If-Match.
import type { z } from 'zod';
import type { AclRole, AclRoleInput } from '../../functions/domain/access/acl-role';
import type { ApiToken, ApiTokenInput, ApiTokenWithSecret } from '../../functions/domain/access/api-token';
import type { AccountRole } from '../../functions/domain/access/permissions';
import type { Team, TeamInput } from '../../functions/domain/access/team';
import type { User, UserInput } from '../../functions/domain/access/user';
import { all, type PageRequest } from './api-client';
import { portalApi } from './portal-client';

const teamParams = (team: Team) => ({ teamId: team.id });
const aclRoleParams = (role: AclRole) => ({ aclRoleId: role.id });

export const accessApi = {
  allUsers(signal?: AbortSignal): Promise<User[]> {
    return all(async (page: PageRequest) => (await portalApi.listUsers({ query: page, signal })).body);
  },
  async createUser(input: UserInput): Promise<User> {
    return (await portalApi.createUser({ body: input })).body;
  },
  async changeAccountRole(userId: string, accountRole: AccountRole): Promise<User> {
    return (await portalApi.changeUserAccountRole({ params: { userId }, body: { accountRole } })).body;
  },
  async deleteUser(userId: string): Promise<void> {
    await portalApi.deleteUser({ params: { userId } });
  },

  allTeams(signal?: AbortSignal): Promise<Team[]> {
    return all(async (page: PageRequest) => (await portalApi.listTeams({ query: page, signal })).body);
  },
  async createTeam(input: TeamInput): Promise<Team> {
    return (await portalApi.createTeam({ body: input })).body;
  },
  async updateTeam(team: Team, input: TeamInput): Promise<Team> {
    return (await portalApi.updateTeam({ params: teamParams(team), body: input, ifMatch: team.version }))
      .body;
  },
  async deleteTeam(team: Team): Promise<void> {
    await portalApi.deleteTeam({ params: teamParams(team), ifMatch: team.version });
  },

  async aclRoles(signal?: AbortSignal): Promise<AclRole[]> {
    return (await portalApi.listAclRoles({ signal })).body.items;
  },
  async createAclRole(input: AclRoleInput): Promise<AclRole> {
    return (await portalApi.createAclRole({ body: input })).body;
  },
  async updateAclRole(role: AclRole, input: AclRoleInput): Promise<AclRole> {
    const params = aclRoleParams(role);
    return (await portalApi.updateAclRole({ params, body: input, ifMatch: role.version })).body;
  },
  async deleteAclRole(role: AclRole): Promise<void> {
    await portalApi.deleteAclRole({ params: aclRoleParams(role), ifMatch: role.version });
  },

  async apiTokens(signal?: AbortSignal): Promise<ApiToken[]> {
    return (await portalApi.listApiTokens({ signal })).body.items;
  },
  async createApiToken(input: ApiTokenInput): Promise<z.infer<typeof ApiTokenWithSecret>> {
    return (await portalApi.createApiToken({ body: input })).body;
  },
  async revokeApiToken(tokenId: string): Promise<void> {
    await portalApi.revokeApiToken({ params: { tokenId } });
  },
};

export type { AclRole, AclRoleInput, ApiToken, ApiTokenInput, Team, TeamInput, User, UserInput };
