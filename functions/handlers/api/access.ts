// Lambda entry point of the `access` route group.
import { apiDepsFromEnvironment } from '../../composition/api';
import * as aclRoles from '../../services/access/acl-roles';
import * as apiTokens from '../../services/access/api-tokens';
import { describeMe } from '../../services/access/me';
import { signInWithAttempts } from '../../services/access/sign-in-attempts';
import * as teams from '../../services/access/teams';
import * as users from '../../services/access/users';
import { accountOperations } from './accounts';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import { withEtag } from './operation';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'access',
    {
      // The password goes to the identity provider and nowhere else (no log, no audit entry);
      // the attempt is throttled and audited (services/access/sign-in-attempts.ts).
      signIn: async ({ body, source }) => signInWithAttempts(deps, body.email, body.password, source),
      completeNewPassword: async ({ body }) =>
        deps.signIn.completeNewPassword(body.email, body.session, body.newPassword),

      getMe: async ({ principal }) => describeMe(deps, principal),

      listUsers: async ({ principal, query }) => users.listUsers(deps, principal, query),
      createUser: async ({ principal, body }) => users.createUser(deps, principal, body),
      getUser: async ({ principal, params }) => users.getUser(deps, principal, params.userId),
      changeUserAccountRole: async ({ principal, params, body }) =>
        users.changeAccountRole(deps, principal, params.userId, body.accountRole),
      deleteUser: async ({ principal, params }) => {
        await users.removeUser(deps, principal, params.userId);
      },

      listTeams: async ({ principal, query }) => teams.listTeams(deps, principal, query),
      createTeam: async ({ principal, body }) => withEtag(await teams.createTeam(deps, principal, body)),
      getTeam: async ({ principal, params }) => withEtag(await teams.getTeam(deps, principal, params.teamId)),
      updateTeam: async ({ principal, params, body, ifMatch }) =>
        withEtag(await teams.updateTeam(deps, principal, params.teamId, body, ifMatch)),
      deleteTeam: async ({ principal, params, ifMatch }) => {
        await teams.deleteTeam(deps, principal, params.teamId, ifMatch);
      },
      addTeamMember: async ({ principal, params }) =>
        withEtag(await teams.setMembership(deps, principal, params.teamId, params.userId, true)),
      removeTeamMember: async ({ principal, params }) => {
        await teams.setMembership(deps, principal, params.teamId, params.userId, false);
      },

      listAclRoles: async ({ principal }) => aclRoles.listAclRoles(deps, principal),
      createAclRole: async ({ principal, body }) =>
        withEtag(await aclRoles.createAclRole(deps, principal, body)),
      getAclRole: async ({ principal, params }) =>
        withEtag(await aclRoles.getAclRole(deps, principal, params.aclRoleId)),
      updateAclRole: async ({ principal, params, body, ifMatch }) =>
        withEtag(await aclRoles.updateAclRole(deps, principal, params.aclRoleId, body, ifMatch)),
      deleteAclRole: async ({ principal, params, ifMatch }) => {
        await aclRoles.deleteAclRole(deps, principal, params.aclRoleId, ifMatch);
      },

      listApiTokens: async ({ principal }) => apiTokens.listApiTokens(deps, principal),
      createApiToken: async ({ principal, body }) => apiTokens.createApiToken(deps, principal, body),
      revokeApiToken: async ({ principal, params }) => {
        await apiTokens.revokeApiToken(deps, principal, params.tokenId);
      },
      ...accountOperations(deps),
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
