// The one verification path for bearer tokens: a JWT checked against the issuer's JWKS.
// In AWS the issuer is the Cognito user pool (account id in the `custom:account_id` claim);
// in the local runtime it is the built-in issuer (local/identity), which mints the same shape.
// Cognito's ID token is the one to send: its access token carries no custom attributes.
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { Unauthorized } from '../../domain/errors';
import type { Authenticator, Principal } from '../../ports/identity';

export const ACCOUNT_CLAIM = 'custom:account_id';
/** Cognito subs are UUIDs; Drover's user id (the Store's key) rides in this attribute when present. */
export const USER_CLAIM = 'custom:user_id';

export interface JwtAuthenticatorConfig {
  issuer: string;
  /** Expected `aud` (or Cognito's `client_id` for access tokens); not checked when absent. */
  audience?: string;
  keys: JWTVerifyGetKey;
}

export function jwksFromUrl(url: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });
}

export function createJwtAuthenticator(config: JwtAuthenticatorConfig): Authenticator {
  return {
    async authenticate(header): Promise<Principal> {
      const match = header ? /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header.trim()) : null;
      if (!match) throw new Unauthorized('Sign in first: send Authorization: Bearer <token>');
      try {
        const { payload } = await jwtVerify(match[1]!, config.keys, {
          issuer: config.issuer,
          ...(config.audience ? { audience: config.audience } : {}),
          algorithms: ['ES256', 'RS256'],
        });
        const accountId = payload[ACCOUNT_CLAIM];
        if (typeof accountId !== 'string' || !payload.sub)
          throw new Unauthorized('The token names no account');
        const userId =
          typeof payload[USER_CLAIM] === 'string' ? (payload[USER_CLAIM] as string) : payload.sub;
        return { accountId, userId, via: payload.token_use === 'api' ? 'api-token' : 'user' };
      } catch (err) {
        if (err instanceof Unauthorized) throw err;
        if (err instanceof errors.JWTExpired) throw new Unauthorized('The token has expired: sign in again');
        throw new Unauthorized('The token is not valid');
      }
    },
  };
}
