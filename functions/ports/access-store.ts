// The access part of the Store: users, teams, ACL roles and API tokens of an account.
// Two lookups are global by nature and so not under an account: a user by email (sign-in,
// unique across the deployment like a Cognito user pool) and an API token by the hash of its
// secret (the secret names no account).
import type { AclRole } from '../domain/access/acl-role';
import type { ApiToken } from '../domain/access/api-token';
import type { Team } from '../domain/access/team';
import type { User } from '../domain/access/user';
import type { Page, PageQuery } from '../domain/schemas/common';
import type { AccountScope, VersionedRepo } from './repo-scopes';

export interface UserRepo {
  get(scope: AccountScope, id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  list(scope: AccountScope, page: PageQuery): Promise<Page<User>>;
  /** Fails with Conflict when the email is taken (in any account). `passwordHash`: local runtime only. */
  create(user: User, passwordHash?: string): Promise<void>;
  /** The email cannot change (it is the sign-in name); writes only if the stored version is expectedVersion. */
  update(user: User, expectedVersion: number): Promise<void>;
  /** Removes the user and frees their email. */
  delete(scope: AccountScope, id: string): Promise<void>;
  /** Local runtime only: the scrypt hash the built-in issuer checks a password against. */
  passwordHash(scope: AccountScope, id: string): Promise<string | undefined>;
  /** Local runtime only: sets (null: removes) that hash. NotFound when there is no such user. */
  setPasswordHash(scope: AccountScope, id: string, passwordHash: string | null): Promise<void>;
}

export interface TeamRepo extends VersionedRepo<Team, AccountScope> {
  /** Every team of the account (authorization reads a user's teams and grants from them). */
  listAll(scope: AccountScope): Promise<Team[]>;
}

/** Custom ACL roles only; the built-ins are code (domain/access/acl-role.ts). */
export interface AclRoleRepo extends VersionedRepo<AclRole, AccountScope> {
  listAll(scope: AccountScope): Promise<AclRole[]>;
}

export interface ApiTokenRepo {
  /** `secretHash`: hex SHA-256 of the whole secret. */
  create(token: ApiToken, secretHash: string): Promise<void>;
  findByHash(secretHash: string): Promise<ApiToken | undefined>;
  /** A user's tokens, revoked ones included. */
  listByUser(scope: AccountScope, userId: string): Promise<ApiToken[]>;
  /** Marks the token revoked; undefined when the user has no such token. */
  revoke(scope: AccountScope, userId: string, tokenId: string, at: Date): Promise<ApiToken | undefined>;
  /** Records a use, at most once a minute per token (a conditional write, so bursts cost one). */
  recordUse(secretHash: string, at: Date): Promise<void>;
}

export interface AccessStore {
  users: UserRepo;
  teams: TeamRepo;
  aclRoles: AclRoleRepo;
  apiTokens: ApiTokenRepo;
}
