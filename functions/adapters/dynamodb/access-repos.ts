// Users, teams, ACL roles and API tokens on the single table:
//   user        ACC#<acc>           USER#<id>     (+ passwordHash beside the doc, local runtime only)
//   email       EMAIL#<email>       META          claims the email (unique in the deployment), names the user
//   team        ACC#<acc>           TEAM#<id>
//   ACL role    ACC#<acc>           ACL#<id>
//   API token   TOKEN#<sha256>      META          gsi1: ACC#<acc>#USER#<user>#TOKENS / TOKEN#<id>
// The email and token items are the two partitions not under an account: sign-in and a bearer
// secret must find their account first. Neither holds more than ids, a hash and the token doc.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AclRole } from '../../domain/access/acl-role';
import type { Team } from '../../domain/access/team';
import type { AccessStore } from '../../ports/access-store';
import { createApiTokenRepo, tokenKey, tokensOfUser } from './api-token-repo';
import { emailKey } from './email-claims';
import { createUserRepo, userKey } from './user-repo';
import type { VersionedItems } from './versioned-items';

export const accessKeys = {
  user: userKey,
  email: emailKey,
  team: (acc: string, id: string) => ({ pk: `ACC#${acc}`, sk: `TEAM#${id}` }),
  aclRole: (acc: string, id: string) => ({ pk: `ACC#${acc}`, sk: `ACL#${id}` }),
  token: tokenKey,
  tokensOfUser,
};

export function createAccessRepos(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
): AccessStore {
  return {
    users: createUserRepo(db, tableName, items),

    teams: {
      get: ({ accountId }, id) => items.get<Team>(accessKeys.team(accountId, id)),
      list: ({ accountId }, page) => items.page<Team>(`ACC#${accountId}`, 'TEAM#', page.limit, page.cursor),
      listAll: ({ accountId }) => items.all<Team>(`ACC#${accountId}`, 'TEAM#'),
      create: (t) => items.create('team', accessKeys.team(t.accountId, t.id), t, 'Team'),
      update: (t, expected) => items.update('team', accessKeys.team(t.accountId, t.id), t, expected, 'Team'),
      delete: ({ accountId }, id, expected) => items.delete(accessKeys.team(accountId, id), 'Team', expected),
    },

    aclRoles: {
      get: ({ accountId }, id) => items.get<AclRole>(accessKeys.aclRole(accountId, id)),
      list: ({ accountId }, page) => items.page<AclRole>(`ACC#${accountId}`, 'ACL#', page.limit, page.cursor),
      listAll: ({ accountId }) => items.all<AclRole>(`ACC#${accountId}`, 'ACL#'),
      create: (r) => items.create('aclRole', accessKeys.aclRole(r.accountId ?? '', r.id), r, 'ACL role'),
      update: (r, expected) =>
        items.update('aclRole', accessKeys.aclRole(r.accountId ?? '', r.id), r, expected, 'ACL role'),
      delete: ({ accountId }, id, expected) =>
        items.delete(accessKeys.aclRole(accountId, id), 'ACL role', expected),
    },

    apiTokens: createApiTokenRepo(db, tableName, items),
  };
}
