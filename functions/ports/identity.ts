// Who is calling. Resolved once per request by the authenticate middleware from a bearer
// token; the issuer (local built-in, Cognito) is configuration, the verification path is one.
import type { TokenPermission } from '../domain/access/api-token';
import type { AccessSubject } from '../domain/access/can';
import type { AccountRole } from '../domain/access/permissions';

export interface Principal {
  accountId: string;
  userId: string;
  /** How the request was authenticated ('operator': a platform operator, outside every account; accountId is empty). */
  via: 'user' | 'api-token' | 'agent' | 'system' | 'operator';
  /** For an agent: the one server it may report on. */
  agent?: AgentIdentity;
  /** A user's (or an API token's user's) account role, read from the Store when authenticating. */
  accountRole?: AccountRole;
  /** For an API token: which token, and its own permission list (null: everything its user may do). */
  apiToken?: { id: string; permissions: TokenPermission[] | null };
  /** What authorization resolved for this request (teams, grants, ACL roles); set by the authorize middleware. */
  subject?: AccessSubject;
}

export interface Authenticator {
  /** Resolves the bearer token to a principal, or throws Unauthorized. */
  authenticate(authorizationHeader: string | undefined): Promise<Principal>;
}

/** The server an agent token speaks for. */
export interface AgentIdentity {
  accountId: string;
  farmId: string;
  serverId: string;
}

/** Per-server tokens, handed to a server in its user data: they only let its agent report on that server. */
export interface AgentTokens {
  issue(server: AgentIdentity): string;
  /** Throws Unauthorized when the token is not one this deployment issued. */
  verify(token: string): AgentIdentity;
}

/** Local runtime only: how a password is kept (scrypt). In AWS, Cognito owns passwords and there is none. */
export interface PasswordHasher {
  hash(password: string): string;
}
