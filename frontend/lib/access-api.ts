// The portal's client of the access API group (functions/handlers/api/access-routes.ts): users,
// teams, ACL roles (owner and admin) and the signed-in user's own API tokens. Answers are parsed
// with the shared schemas; versioned writes send If-Match.
import { z } from 'zod';
import { AclRole, type AclRoleInput } from '../../functions/domain/access/acl-role';
import { ApiToken, type ApiTokenInput, ApiTokenWithSecret } from '../../functions/domain/access/api-token';
import { type AccountRole, FarmScope, PermissionName } from '../../functions/domain/access/permissions';
import { Team, type TeamInput } from '../../functions/domain/access/team';
import { User, type UserInput } from '../../functions/domain/access/user';
import { pageOf } from '../../functions/domain/schemas/common';
import { all, type PageRequest, request } from './api-client';

const UserPage = pageOf(User);
const TeamPage = pageOf(Team);
/**
 * ACL roles as the API answers them, without the input rule "only farms and servers take a farm
 * scope": the built-in developer grants `orchestration:fire` on its team's farms, and reading it
 * must not fail.
 */
const AclRoleAnswer = AclRole.extend({ permissions: z.partialRecord(PermissionName, FarmScope) });
const AclRoleList = z.object({ items: z.array(AclRoleAnswer) });
const TokenList = z.object({ items: z.array(ApiToken) });
const NoContent = z.undefined();
const id = (value: string) => encodeURIComponent(value);
const etagOf = (version: number) => `"${version}"`;

export const accessApi = {
  allUsers(signal?: AbortSignal): Promise<User[]> {
    return all(
      async (page: PageRequest) =>
        (await request('/users', { query: { ...page }, schema: UserPage, signal })).data,
    );
  },
  async createUser(input: UserInput): Promise<User> {
    return (await request('/users', { method: 'POST', body: input, schema: User })).data;
  },
  async changeAccountRole(userId: string, accountRole: AccountRole): Promise<User> {
    const path = `/users/${id(userId)}/account-role`;
    return (await request(path, { method: 'PUT', body: { accountRole }, schema: User })).data;
  },
  async deleteUser(userId: string): Promise<void> {
    await request(`/users/${id(userId)}`, { method: 'DELETE', schema: NoContent });
  },

  allTeams(signal?: AbortSignal): Promise<Team[]> {
    return all(
      async (page: PageRequest) =>
        (await request('/teams', { query: { ...page }, schema: TeamPage, signal })).data,
    );
  },
  async createTeam(input: TeamInput): Promise<Team> {
    return (await request('/teams', { method: 'POST', body: input, schema: Team })).data;
  },
  async updateTeam(team: Team, input: TeamInput): Promise<Team> {
    const path = `/teams/${id(team.id)}`;
    return (await request(path, { method: 'PUT', body: input, ifMatch: etagOf(team.version), schema: Team }))
      .data;
  },
  async deleteTeam(team: Team): Promise<void> {
    await request(`/teams/${id(team.id)}`, {
      method: 'DELETE',
      ifMatch: etagOf(team.version),
      schema: NoContent,
    });
  },

  async aclRoles(signal?: AbortSignal): Promise<AclRole[]> {
    return (await request('/acl-roles', { schema: AclRoleList, signal })).data.items as AclRole[];
  },
  async createAclRole(input: AclRoleInput): Promise<AclRole> {
    return (await request('/acl-roles', { method: 'POST', body: input, schema: AclRoleAnswer }))
      .data as AclRole;
  },
  async updateAclRole(role: AclRole, input: AclRoleInput): Promise<AclRole> {
    const path = `/acl-roles/${id(role.id)}`;
    return (
      await request(path, {
        method: 'PUT',
        body: input,
        ifMatch: etagOf(role.version),
        schema: AclRoleAnswer,
      })
    ).data as AclRole;
  },
  async deleteAclRole(role: AclRole): Promise<void> {
    const path = `/acl-roles/${id(role.id)}`;
    await request(path, { method: 'DELETE', ifMatch: etagOf(role.version), schema: NoContent });
  },

  async apiTokens(signal?: AbortSignal): Promise<ApiToken[]> {
    return (await request('/api-tokens', { schema: TokenList, signal })).data.items;
  },
  async createApiToken(input: ApiTokenInput): Promise<z.infer<typeof ApiTokenWithSecret>> {
    return (await request('/api-tokens', { method: 'POST', body: input, schema: ApiTokenWithSecret })).data;
  },
  async revokeApiToken(tokenId: string): Promise<void> {
    await request(`/api-tokens/${id(tokenId)}`, { method: 'DELETE', schema: NoContent });
  },
};

export type { AclRole, AclRoleInput, ApiToken, ApiTokenInput, Team, TeamInput, User, UserInput };
