// Who is calling. Resolved once per request by the authenticate middleware from a bearer
// token; the issuer (local built-in, Cognito) is configuration, the verification path is one.
export interface Principal {
  accountId: string;
  userId: string;
  /** How the request was authenticated. */
  via: 'user' | 'api-token' | 'agent' | 'system';
}

export interface Authenticator {
  /** Resolves the bearer token to a principal, or throws Unauthorized. */
  authenticate(authorizationHeader: string | undefined): Promise<Principal>;
}
