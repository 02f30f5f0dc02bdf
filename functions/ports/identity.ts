// Who is calling. Resolved once per request by the authenticate middleware from a bearer
// token; the issuer (local built-in, Cognito) is configuration, the verification path is one.
export interface Principal {
  accountId: string;
  userId: string;
  /** How the request was authenticated. */
  via: 'user' | 'api-token' | 'agent' | 'system';
  /** For an agent: the one server it may report on. */
  agent?: AgentIdentity;
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
