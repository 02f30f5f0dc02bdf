// Secrets never reach the audit log. A write's before/after documents are redacted before they
// are diffed: any field whose name says it holds a secret (secret, password, token, private key,
// sealed…, and credential-like HTTP headers) keeps its presence but loses its value, so an entry
// still says "the signing secret changed" without saying to what. Names that only describe a
// secret (secretHint, secretRotatedAt, secretAccessKeySet, tokenId) are metadata and stay.

export const REDACTED = '[redacted]';

const SECRET_NAME =
  /secret|password|passphrase|passwd|private_?key|sealed|token|api[-_]?key|authorization|cookie|credential_?json|signing_?key/i;
// Suffixes that turn a secret's name into a harmless fact about it.
const METADATA_SUFFIX = /(Set|Hint|Id|Ids|_id|At|Uri|_uri|Url|Count|Prefix|Expires|ExpiresAt|Rotated)$/;

export function isSecretField(name: string): boolean {
  return SECRET_NAME.test(name) && !METADATA_SUFFIX.test(name);
}

/** A deep copy of `value` with every secret field's value replaced by REDACTED. */
export function redact<T>(value: T): T {
  return redactValue(value) as T;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      isSecretField(key) && v !== null && v !== undefined && typeof v !== 'boolean'
        ? REDACTED
        : redactValue(v),
    ]),
  );
}
