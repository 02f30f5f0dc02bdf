// CloudPushTokens for Pub/Sub push subscriptions with authentication: each push carries an
// OIDC ID token Google signs (issuer accounts.google.com) for the subscription's service
// account, with the audience the subscription names (by default the push endpoint's URL). The
// keys come from a configurable JWKS URL: Google's in AWS, the GCE sandbox's locally, so one
// verification path serves both. A token is accepted only for the configured account with a
// verified email: anyone can get a Google-signed token for this audience, not for that account.
import { errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { Unauthorized } from '../../domain/errors';
import type { CloudPusher, CloudPushTokens } from '../../ports/cloud-push-tokens';

/** Google's OIDC issuer, as Google writes it in ID tokens (both spellings occur). */
export const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
/** Where Google publishes the keys that sign its ID tokens. */
export const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

export interface GooglePushTokensConfig {
  keys: JWTVerifyGetKey;
  /** The push subscription's audience (its push endpoint URL unless set otherwise). */
  audience: string;
  /** The service account the subscription pushes as. */
  serviceAccountEmail: string;
  issuers?: string[];
}

export function createGooglePushTokens(config: GooglePushTokensConfig): CloudPushTokens {
  return {
    async verify(header): Promise<CloudPusher> {
      const match = header ? /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header.trim()) : null;
      if (!match)
        throw new Unauthorized('Send the push subscription OIDC token: Authorization: Bearer <token>');
      try {
        const { payload } = await jwtVerify(match[1]!, config.keys, {
          issuer: config.issuers ?? GOOGLE_ISSUERS,
          audience: config.audience,
          algorithms: ['RS256'],
        });
        if (payload.email !== config.serviceAccountEmail || payload.email_verified !== true)
          throw new Unauthorized('The token is not the push subscription service account');
        return { email: payload.email };
      } catch (err) {
        if (err instanceof Unauthorized) throw err;
        if (err instanceof errors.JWTExpired) throw new Unauthorized('The push token has expired');
        if (err instanceof errors.JWTClaimValidationFailed)
          throw new Unauthorized(`The push token's ${err.claim} claim is not the one expected`);
        throw new Unauthorized('The push token is not valid');
      }
    },
  };
}
