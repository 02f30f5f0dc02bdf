// The `access` group's part of the API routing table (routes.ts spreads it into API_ROUTES):
// the caller (/me), users, teams, ACL roles (account administration: owner and admin only)
// and the caller's own API tokens; and the public sign-in routes, which belong here because this
// group already holds the user pool's wiring (in AWS, USER_POOL_CLIENT_ID beside USER_POOL_ID).
import { z } from 'zod';
import { AclRole, AclRoleId, AclRoleInput } from '../domain/access/acl-role';
import { ApiToken, ApiTokenInput, ApiTokenWithSecret } from '../domain/access/api-token';
import { Me } from '../domain/access/me';
import { NewPasswordInput, SignInInput, SignInToken } from '../domain/access/sign-in';
import { Team, TeamInput } from '../domain/access/team';
import { User, UserInput, UserRoleChange } from '../domain/access/user';
import { idOf, PageQuery, pageOf } from '../domain/schemas/common';
import { type RouteDef, routeOf } from './route-def';
import { SIGN_IN_PATH } from './sign-up-paths';

const UserParams = z.object({ userId: idOf('user') });
const TeamParams = z.object({ teamId: idOf('team') });
const MemberParams = TeamParams.extend({ userId: idOf('user') });
const AclRoleParams = z.object({ aclRoleId: AclRoleId });
const TokenParams = z.object({ tokenId: idOf('apiToken') });

const route = routeOf('access', true);

// Public: anyone may try a password; 'none' because there is no principal yet.
const publicRoute = routeOf('access', false, 'none');

export const ACCESS_ROUTES = [
  publicRoute({
    operationId: 'signIn',
    method: 'POST',
    path: SIGN_IN_PATH,
    summary:
      'Sign in with email and password: a bearer token (401 wrong email or password; 409 new-password-required with a session for an invited user; 429 too many attempts)',
    body: SignInInput,
    response: { status: 200, schema: SignInToken },
  }),
  publicRoute({
    operationId: 'completeNewPassword',
    method: 'POST',
    path: '/api/v1/auth/new-password',
    summary: "Finish an invited user's first sign-in: their own password, with the challenge's session",
    body: NewPasswordInput,
    response: { status: 200, schema: SignInToken },
  }),

  route({
    operationId: 'getMe',
    method: 'GET',
    path: '/api/v1/me',
    summary: 'The caller: account role, teams and what they may do in each environment they see',
    access: 'signed-in',
    response: { status: 200, schema: Me },
  }),

  route({
    operationId: 'listUsers',
    method: 'GET',
    path: '/api/v1/users',
    summary: "List the account's users",
    access: 'users:manage',
    query: PageQuery,
    response: { status: 200, schema: pageOf(User) },
  }),
  route({
    operationId: 'createUser',
    method: 'POST',
    path: '/api/v1/users',
    summary: 'Invite a user (local runtime: with an initial password)',
    access: 'users:manage',
    body: UserInput,
    response: { status: 201, schema: User },
  }),
  route({
    operationId: 'getUser',
    method: 'GET',
    path: '/api/v1/users/{userId}',
    summary: 'Get a user',
    access: 'users:manage',
    params: UserParams,
    response: { status: 200, schema: User },
  }),
  route({
    operationId: 'changeUserAccountRole',
    method: 'PUT',
    path: '/api/v1/users/{userId}/account-role',
    summary: "Change a user's account role",
    access: 'users:manage',
    params: UserParams,
    body: UserRoleChange,
    response: { status: 200, schema: User },
  }),
  route({
    operationId: 'deleteUser',
    method: 'DELETE',
    path: '/api/v1/users/{userId}',
    summary: 'Remove a user from the account',
    access: 'users:manage',
    params: UserParams,
  }),

  route({
    operationId: 'listTeams',
    method: 'GET',
    path: '/api/v1/teams',
    summary: "List the account's teams",
    access: 'teams:manage',
    query: PageQuery,
    response: { status: 200, schema: pageOf(Team) },
  }),
  route({
    operationId: 'createTeam',
    method: 'POST',
    path: '/api/v1/teams',
    summary: 'Create a team with its members and environment grants',
    access: 'teams:manage',
    body: TeamInput,
    response: { status: 201, schema: Team },
  }),
  route({
    operationId: 'getTeam',
    method: 'GET',
    path: '/api/v1/teams/{teamId}',
    summary: 'Get a team',
    access: 'teams:manage',
    params: TeamParams,
    response: { status: 200, schema: Team },
    versioned: true,
  }),
  route({
    operationId: 'updateTeam',
    method: 'PUT',
    path: '/api/v1/teams/{teamId}',
    summary: "Replace a team's name, members and grants",
    access: 'teams:manage',
    params: TeamParams,
    body: TeamInput,
    response: { status: 200, schema: Team },
    versioned: true,
  }),
  route({
    operationId: 'deleteTeam',
    method: 'DELETE',
    path: '/api/v1/teams/{teamId}',
    summary: 'Delete a team',
    access: 'teams:manage',
    params: TeamParams,
    versioned: true,
  }),
  route({
    operationId: 'addTeamMember',
    method: 'PUT',
    path: '/api/v1/teams/{teamId}/members/{userId}',
    summary: 'Add a user to a team',
    access: 'teams:manage',
    params: MemberParams,
    response: { status: 200, schema: Team },
  }),
  route({
    operationId: 'removeTeamMember',
    method: 'DELETE',
    path: '/api/v1/teams/{teamId}/members/{userId}',
    summary: 'Remove a user from a team',
    access: 'teams:manage',
    params: MemberParams,
  }),

  route({
    operationId: 'listAclRoles',
    method: 'GET',
    path: '/api/v1/acl-roles',
    summary: 'List ACL roles: the built-ins and the account’s own',
    access: 'signed-in',
    response: { status: 200, schema: z.object({ items: z.array(AclRole) }) },
  }),
  route({
    operationId: 'createAclRole',
    method: 'POST',
    path: '/api/v1/acl-roles',
    summary: 'Create a custom ACL role',
    access: 'acl-roles:manage',
    body: AclRoleInput,
    response: { status: 201, schema: AclRole },
  }),
  route({
    operationId: 'getAclRole',
    method: 'GET',
    path: '/api/v1/acl-roles/{aclRoleId}',
    summary: 'Get an ACL role',
    access: 'signed-in',
    params: AclRoleParams,
    response: { status: 200, schema: AclRole },
    versioned: true,
  }),
  route({
    operationId: 'updateAclRole',
    method: 'PUT',
    path: '/api/v1/acl-roles/{aclRoleId}',
    summary: 'Replace a custom ACL role (built-ins are read-only)',
    access: 'acl-roles:manage',
    params: AclRoleParams,
    body: AclRoleInput,
    response: { status: 200, schema: AclRole },
    versioned: true,
  }),
  route({
    operationId: 'deleteAclRole',
    method: 'DELETE',
    path: '/api/v1/acl-roles/{aclRoleId}',
    summary: 'Delete a custom ACL role no team grants',
    access: 'acl-roles:manage',
    params: AclRoleParams,
    versioned: true,
  }),

  route({
    operationId: 'listApiTokens',
    method: 'GET',
    path: '/api/v1/api-tokens',
    summary: "The caller's API tokens (never their secrets)",
    access: 'signed-in',
    response: { status: 200, schema: z.object({ items: z.array(ApiToken) }) },
  }),
  route({
    operationId: 'createApiToken',
    method: 'POST',
    path: '/api/v1/api-tokens',
    summary: 'Create an API token; the answer shows its secret, once',
    access: 'signed-in',
    body: ApiTokenInput,
    response: { status: 201, schema: ApiTokenWithSecret },
  }),
  route({
    operationId: 'revokeApiToken',
    method: 'DELETE',
    path: '/api/v1/api-tokens/{tokenId}',
    summary: 'Revoke one of your API tokens',
    access: 'signed-in',
    params: TokenParams,
  }),
] as const satisfies readonly RouteDef[];
