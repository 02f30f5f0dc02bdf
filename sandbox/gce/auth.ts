// Who is calling: the sandbox accepts the bearer tokens real clients send — a self-signed
// service-account JWT (what google-auth-library sends for a key file), an access token from the
// sandbox's own OAuth endpoint (`POST /token`, JWT-bearer grant), or any other opaque token
// (a static token in tests). It refuses missing, malformed, expired or wrongly signed ones.
import { randomBytes, verify } from 'node:crypto';
import { unauthenticated } from './errors';
import { knownPublicKey } from './service-account-key';

const ANONYMOUS = 'sandbox-user@drover.local';
const TOKEN_TTL_S = 3600;

interface JwtClaims {
  iss?: string;
  sub?: string;
  exp?: number;
}

/** Checks a compact JWS; returns its claims, or a reason to refuse it. */
function checkJwt(jwt: string): JwtClaims | string {
  const [head, payload, signature] = jwt.split('.');
  if (!head || !payload || signature === undefined) return 'malformed JWT';
  let header: { alg?: string; kid?: string };
  let claims: JwtClaims;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return 'malformed JWT';
  }
  if (header.alg !== 'RS256') return 'unsupported JWT algorithm';
  if (typeof claims.iss !== 'string' || !claims.iss.includes('@'))
    return 'JWT without a service-account issuer';
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return 'expired JWT';
  const key = header.kid ? knownPublicKey(header.kid) : undefined;
  if (
    key &&
    !verify('RSA-SHA256', Buffer.from(`${head}.${payload}`), key, Buffer.from(signature, 'base64url'))
  )
    return 'invalid JWT signature';
  return claims;
}

const CACHE_LIMIT = 10_000;

export class Authenticator {
  /** Access tokens from `/token`, and JWTs already verified (an RSA check per request is the sandbox's main cost). */
  private readonly issued = new Map<string, { email: string; expiresAt: number }>();

  /** The caller's identity, or a 401 GceApiError. */
  identify(authorization: string | undefined): string {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('missing bearer token');
    const issued = this.issued.get(token);
    if (issued) {
      if (issued.expiresAt < Date.now()) throw unauthenticated('expired access token');
      return issued.email;
    }
    if (token.split('.').length === 3) {
      const claims = checkJwt(token);
      if (typeof claims === 'string') throw unauthenticated(claims);
      this.remember(token, claims.iss as string, (claims.exp as number) * 1000);
      return claims.iss as string;
    }
    return ANONYMOUS;
  }

  /** The OAuth 2.0 token endpoint: a JWT-bearer grant in, an access token out (RFC 7523). */
  token(form: URLSearchParams): { status: number; body: unknown } {
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' },
      };
    const claims = checkJwt(form.get('assertion') ?? '');
    if (typeof claims === 'string')
      return { status: 400, body: { error: 'invalid_grant', error_description: claims } };
    const accessToken = `ya29.sandbox-${randomBytes(24).toString('base64url')}`;
    this.remember(accessToken, claims.iss as string, Date.now() + TOKEN_TTL_S * 1000);
    return {
      status: 200,
      body: { access_token: accessToken, expires_in: TOKEN_TTL_S - 1, token_type: 'Bearer' },
    };
  }

  private remember(token: string, email: string, expiresAt: number): void {
    if (this.issued.size >= CACHE_LIMIT) {
      const now = Date.now();
      for (const [t, entry] of this.issued) if (entry.expiresAt < now) this.issued.delete(t);
      if (this.issued.size >= CACHE_LIMIT) this.issued.clear();
    }
    this.issued.set(token, { email, expiresAt });
  }
}
