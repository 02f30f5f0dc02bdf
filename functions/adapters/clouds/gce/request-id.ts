// GCE `requestId`s: a UUID the API deduplicates on. A launch's id is derived from the server
// id (UUID v5 in a Drover namespace), so a retried or repeated insert for one server is one
// instance; other mutations get a fresh id per driver call, reused across that call's retries.
import { createHash, randomUUID } from 'node:crypto';

/** Drover's UUID v5 namespace for GCE request ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('6f1c1f0e4c1b4a7e9d3c2b8a5e7f9a10', 'hex');

export function launchRequestId(serverId: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(`launch:${serverId}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const oneOffRequestId = (): string => randomUUID();
