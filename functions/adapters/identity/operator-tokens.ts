// Operator tokens checked against the SHA-256 hashes the platform configured
// (OPERATOR_TOKEN_SHA256 in AWS, from `-c operatorTokenSha256=`; the local runtime makes one at
// start and prints it). Only hashes are deployed, so neither the template nor a function's
// environment holds a usable secret; a token is replaced by deploying another hash.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { OPERATOR_TOKEN_PATTERN } from '../../domain/accounts/operator';
import { Unauthorized } from '../../domain/errors';
import type { OperatorTokens } from '../../ports/operator-tokens';

export function newOperatorToken(): string {
  return `drvop_${randomBytes(32).toString('base64url')}`;
}

export function hashOperatorToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `sha256Hexes`: the accepted tokens' hashes (none: no operator can act on this deployment). */
export function createOperatorTokens(sha256Hexes: readonly string[]): OperatorTokens {
  const accepted = sha256Hexes
    .map((h) => h.trim().toLowerCase())
    .filter((h) => /^[0-9a-f]{64}$/.test(h))
    .map((h) => Buffer.from(h, 'hex'));
  return {
    verify(token) {
      if (!OPERATOR_TOKEN_PATTERN.test(token)) throw new Unauthorized('The operator token is not valid');
      const hash = createHash('sha256').update(token).digest();
      if (!accepted.some((a) => timingSafeEqual(a, hash)))
        throw new Unauthorized('The operator token is not valid');
      return { operatorId: `op-${hash.toString('hex').slice(0, 12)}` };
    },
  };
}
