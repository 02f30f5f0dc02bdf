// The network side of webhook delivery: resolving a host name to addresses, and one HTTP POST
// to an address the caller has already checked (the connection goes to that address, never to a
// second resolution of the name, which is what defeats DNS rebinding).

import type { ResolvedAddress } from './host-resolver';

export type { HostResolver, ResolvedAddress } from './host-resolver';

export interface PostRequest {
  url: URL;
  /** The address to connect to (already checked); Host and TLS SNI still name url.hostname. */
  address: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export type PostOutcome =
  | {
      kind: 'response';
      status: number;
      /** Retry-After as milliseconds from now, when the response had a valid one. */
      retryAfterMs: number | null;
      /** The first KiB of the body, as text. */
      excerpt: string;
      latencyMs: number;
    }
  | { kind: 'timeout'; latencyMs: number; error: string }
  | { kind: 'network'; latencyMs: number; error: string };

export interface WebhookTransport {
  post(request: PostRequest): Promise<PostOutcome>;
}
