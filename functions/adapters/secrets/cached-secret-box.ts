// A SecretBox that remembers what it opened, for the reconciler: every pass opens its farm's
// cloud credentials, and without this each one is a KMS Decrypt (≈ $0.13 per farm-month at one
// pass a minute). An opened secret is kept under its context (account, environment, credentials
// id) and its ciphertext: saving credentials seals the secret anew (KMS and AES-GCM never give
// the same ciphertext twice), so a new version of the credentials is a new key and a rotated
// secret is used at once. The plaintext stays in this process's memory only, for at most `ttlMs`
// (a revoked KMS grant is felt within that), and at most `max` secrets are kept.
import { createHash } from 'node:crypto';
import type { SecretBox } from '../../ports/secret-box';

export interface SecretCacheOptions {
  /** How long an opened secret is reused. */
  ttlMs: number;
  /** How many opened secrets are kept (the least recently used goes first). */
  max: number;
  now?: () => number;
}

export const SECRET_CACHE_DEFAULTS: SecretCacheOptions = { ttlMs: 15 * 60_000, max: 1_000 };

export function cachedSecretBox(inner: SecretBox, options: Partial<SecretCacheOptions> = {}): SecretBox {
  const { ttlMs, max, now = Date.now } = { ...SECRET_CACHE_DEFAULTS, ...options };
  const opened = new Map<string, { plaintext: Promise<string>; until: number }>();
  const keyOf = (sealed: string, context: Record<string, string>) => {
    const names = Object.keys(context).sort();
    const hash = createHash('sha256').update(sealed).digest('base64url');
    return `${names.map((n) => `${n}=${context[n]}`).join('&')}#${hash}`;
  };
  return {
    seal: (plaintext, context) => inner.seal(plaintext, context),
    open(sealed, context) {
      const key = keyOf(sealed, context);
      const hit = opened.get(key);
      if (hit && hit.until > now()) {
        // Map order is insertion order: re-insert to keep the most recently used last.
        opened.delete(key);
        opened.set(key, hit);
        return hit.plaintext;
      }
      const plaintext = inner.open(sealed, context);
      opened.set(key, { plaintext, until: now() + ttlMs });
      // A failed open is not remembered: the next pass asks again.
      plaintext.catch(() => opened.delete(key));
      while (opened.size > max) opened.delete(opened.keys().next().value!);
      return plaintext;
    },
  };
}
