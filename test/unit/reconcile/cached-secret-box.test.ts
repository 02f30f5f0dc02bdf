// The reconciler's cache of opened credentials (functions/adapters/secrets/cached-secret-box.ts),
// over the real local-key SecretBox: one open per credentials version, a rotated secret (sealed
// anew, as saving credentials does) used at once, a bounded lifetime and size, failures not kept.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cachedSecretBox } from '../../../functions/adapters/secrets/cached-secret-box';
import { createLocalKeySecretBox } from '../../../functions/adapters/secrets/local-key-secret-box';
import type { SecretBox } from '../../../functions/ports/secret-box';

const context = { account: 'acc-1', environment: 'env-1', credentials: 'cred-1' };

function counting(inner: SecretBox) {
  const box = {
    opens: 0,
    seal: inner.seal,
    open: (sealed: string, ctx: Record<string, string>) => {
      box.opens++;
      return inner.open(sealed, ctx);
    },
  };
  return box;
}

describe('cachedSecretBox', () => {
  const real = createLocalKeySecretBox(randomBytes(32));

  it('opens a credentials version once, however many passes read it', async () => {
    const inner = counting(real);
    const box = cachedSecretBox(inner);
    const sealed = await box.seal('secret-v1', context);
    for (let i = 0; i < 5; i++) expect(await box.open(sealed, context)).toBe('secret-v1');
    expect(inner.opens).toBe(1);
  });

  it('uses a rotated secret at once: a new seal is a new version', async () => {
    const inner = counting(real);
    const box = cachedSecretBox(inner);
    const v1 = await box.seal('secret-v1', context);
    expect(await box.open(v1, context)).toBe('secret-v1');
    const v2 = await box.seal('secret-v2', context);
    expect(await box.open(v2, context)).toBe('secret-v2');
    expect(inner.opens).toBe(2);
  });

  it('keeps a secret under its own context: another credentials id does not share it', async () => {
    const inner = counting(real);
    const box = cachedSecretBox(inner);
    const sealed = await box.seal('secret', context);
    await box.open(sealed, context);
    await expect(box.open(sealed, { ...context, credentials: 'cred-2' })).rejects.toThrow();
    expect(inner.opens).toBe(2);
  });

  it('opens again once the lifetime is over', async () => {
    let clock = 0;
    const inner = counting(real);
    const box = cachedSecretBox(inner, { ttlMs: 1_000, now: () => clock });
    const sealed = await box.seal('secret', context);
    await box.open(sealed, context);
    clock = 999;
    await box.open(sealed, context);
    expect(inner.opens).toBe(1);
    clock = 1_000;
    await box.open(sealed, context);
    expect(inner.opens).toBe(2);
  });

  it('keeps at most `max` secrets, dropping the least recently used', async () => {
    const inner = counting(real);
    const box = cachedSecretBox(inner, { max: 2 });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((s) => box.seal(s, context)));
    await box.open(a!, context);
    await box.open(b!, context);
    await box.open(a!, context); // a is now the most recently used
    await box.open(c!, context); // b goes
    expect(inner.opens).toBe(3);
    await box.open(a!, context);
    expect(inner.opens).toBe(3);
    await box.open(b!, context);
    expect(inner.opens).toBe(4);
  });

  it('does not keep a failed open: the next pass asks again', async () => {
    const inner = counting(real);
    const box = cachedSecretBox(inner);
    await expect(box.open('v1.not-a-ciphertext', context)).rejects.toThrow();
    await expect(box.open('v1.not-a-ciphertext', context)).rejects.toThrow();
    expect(inner.opens).toBe(2);
  });
});
