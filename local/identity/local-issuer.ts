// The local runtime's built-in token issuer: the same token shape as Cognito's (sub, iss,
// custom:account_id, ES256, JWKS at /.well-known/jwks.json), so the API verifies local and
// AWS tokens on one path. Users sign in with email and password (scrypt-hashed): the users of
// the Store (created through the API or the seed; `findLogin`), or ones added in memory.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
  SignJWT,
} from 'jose';
import { ACCOUNT_CLAIM } from '../../functions/adapters/identity/jwt-authenticator';
import { Unauthorized } from '../../functions/domain/errors';
import type { PasswordHasher } from '../../functions/ports/identity';

export interface LocalUser {
  userId: string;
  accountId: string;
  email: string;
  passwordHash: string;
}

export interface LocalIssuer {
  issuer: string;
  jwks: { keys: JWK[] };
  keys: JWTVerifyGetKey;
  addUser(user: Omit<LocalUser, 'passwordHash'>, password: string): void;
  signIn(email: string, password: string): Promise<{ accessToken: string; expiresAt: string }>;
  mint(claims: { userId: string; accountId: string; ttlSeconds?: number }): Promise<string>;
}

const TOKEN_TTL_SECONDS = 12 * 3600;

/** Where sign-in finds a user by email, with their password hash (the Store, in the runtime). */
export type FindLogin = (email: string) => Promise<LocalUser | undefined>;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 32).toString('base64')}`;
}

export const scryptPasswords: PasswordHasher = { hash: hashPassword };

function verifyPassword(password: string, hash: string): boolean {
  const [scheme, salt, digest] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !digest) return false;
  const expected = Buffer.from(digest, 'base64');
  return timingSafeEqual(scryptSync(password, Buffer.from(salt, 'base64'), expected.length), expected);
}

/** The signing key is kept in `keyFile` (when given) so tokens survive a restart. */
export async function createLocalIssuer(options: {
  issuer: string;
  keyFile?: string;
  findLogin?: FindLogin;
}): Promise<LocalIssuer> {
  let privateJwk: JWK;
  if (options.keyFile && existsSync(options.keyFile)) {
    privateJwk = JSON.parse(readFileSync(options.keyFile, 'utf8'));
  } else {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'ES256' };
    if (options.keyFile) {
      mkdirSync(dirname(options.keyFile), { recursive: true });
      writeFileSync(options.keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const signingKey = await importJWK(privateJwk, 'ES256');
  const jwks = { keys: [{ ...publicJwk, use: 'sig' }] };
  const users = new Map<string, LocalUser>();

  const mint: LocalIssuer['mint'] = ({ userId, accountId, ttlSeconds = TOKEN_TTL_SECONDS }) =>
    new SignJWT({ [ACCOUNT_CLAIM]: accountId, token_use: 'access' })
      .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
      .setIssuer(options.issuer)
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(signingKey);

  return {
    issuer: options.issuer,
    jwks,
    keys: createLocalJWKSet(jwks),
    addUser(user, password) {
      users.set(user.email.toLowerCase(), { ...user, passwordHash: hashPassword(password) });
    },
    async signIn(email, password) {
      const user = users.get(email.toLowerCase()) ?? (await options.findLogin?.(email.toLowerCase()));
      // Hash even for an unknown user, so timing does not tell which emails exist.
      const ok = verifyPassword(password, user?.passwordHash ?? hashPassword('x')) && user !== undefined;
      if (!ok || !user) throw new Unauthorized('Wrong email or password');
      const accessToken = await mint({ userId: user.userId, accountId: user.accountId });
      return { accessToken, expiresAt: new Date(Date.now() + TOKEN_TTL_SECONDS * 1000).toISOString() };
    },
    mint,
  };
}
