// Signing, Stripe style: `Drover-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`,
// with `Drover-Timestamp` in unix seconds so a receiver can refuse replays. During a secret's
// rotation overlap both secrets sign and the header carries two `v1=` values, comma-separated.
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The Drover-Signature value for every secret that signs now (the current one first). */
export function signatureHeader(secrets: string[], timestamp: number, body: string): string {
  return secrets.map((secret) => `v1=${signatureOf(secret, timestamp, body)}`).join(',');
}
