// Ids derived from what they stand for rather than drawn at random: the same inputs give the same
// id, so a redelivered event finds the execution or delivery it already made and makes no second
// one. Shaped like newId's (kind prefix, 26 Crockford base-32 characters) so idPattern accepts them.
import { createHash } from 'node:crypto';
import { ID_PREFIXES, type IdKind } from '../domain/ids';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

export function derivedId(kind: IdKind, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\n')).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 17)) bits = (bits << 8n) | BigInt(byte);
  let id = '';
  for (let i = 0; i < 26; i++) id += CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)];
  return `${ID_PREFIXES[kind]}-${id}`;
}
