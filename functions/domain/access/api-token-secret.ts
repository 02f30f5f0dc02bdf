// The API token secret and its stored form. node:crypto here is computation (a hash, random
// bytes), not I/O: the authenticator (an adapter) and the token service must agree on it.
import { createHash, randomBytes } from 'node:crypto';

export function newApiTokenSecret(tokenId: string): string {
  return `drv_${tokenId}_${randomBytes(32).toString('base64url')}`;
}

/** Hex SHA-256 of the whole secret: the only form that is stored. */
export function hashApiTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
