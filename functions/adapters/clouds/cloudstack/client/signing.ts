// CloudStack's request signature, shared by the client and the sandbox: every parameter but
// `signature`, sorted by name, each value URL-encoded the way CloudStack's Java server does
// (java.net.URLEncoder with `+` as `%20`: everything but letters, digits and `-_.*` escaped), joined
// with `&`, the WHOLE string lower-cased, HMAC-SHA1 with the secret key, base64. Version 3 adds
// `signatureVersion=3` and `expires` (ISO 8601 with a numeric zone), so a captured URL stops working.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Params = Record<string, string>;

/** java.net.URLEncoder.encode(s).replace('+', '%20'), which is what the `cs` client does too. */
export function csEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The string that is signed: the sorted `name=encoded value` pairs, lower-cased. */
export function signatureBase(params: Params, order: 'name' | 'lowercase-name' = 'lowercase-name'): string {
  const key = (name: string) => (order === 'name' ? name : name.toLowerCase());
  return Object.keys(params)
    .filter((name) => name.toLowerCase() !== 'signature')
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .map((name) => `${name}=${csEncode(params[name] as string)}`)
    .join('&')
    .toLowerCase();
}

export function sign(params: Params, secret: string): string {
  return createHmac('sha1', secret).update(signatureBase(params)).digest('base64');
}

/**
 * Whether `signature` signs `params` with `secret`. Clients sort the names as written (`cs`) or
 * lower-cased (the API guide); both orders are accepted, as CloudStack itself does.
 */
export function verifySignature(params: Params, secret: string, signature: string): boolean {
  const given = Buffer.from(signature, 'base64');
  return (['lowercase-name', 'name'] as const).some((order) => {
    const expected = createHmac('sha1', secret).update(signatureBase(params, order)).digest();
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** `expires` as CloudStack wants it: `2026-12-07T14:10:00+0000`. */
export function expiresAt(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+0000`;
}

/** The instant an `expires` value names (`+0000`, `+00:00` or `Z`), or NaN. */
export function parseExpires(value: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  const zone = m[2] === 'Z' ? 'Z' : `${m[2]!.slice(0, 3)}:${m[2]!.slice(-2)}`;
  return Date.parse(`${m[1]}${zone}`);
}
