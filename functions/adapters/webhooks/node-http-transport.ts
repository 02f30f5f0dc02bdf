// WebhookTransport on node:http/https: one POST to an address already checked by the caller.
// The socket connects to that address while the Host header and TLS (SNI and certificate
// check) use the URL's host name, so a second DNS answer can never redirect the request.
// Redirects are not followed (a 3xx is an answer like any other). Keep-alive agents reuse
// connections to a receiver across deliveries.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { PostOutcome, PostRequest, WebhookTransport } from '../../ports/webhook-transport';

const EXCERPT_BYTES = 1024;

export interface NodeHttpTransportOptions {
  /** Connections kept per receiver address (default 64). */
  maxSockets?: number;
  userAgent?: string;
}

export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): WebhookTransport & {
  close(): void;
} {
  const maxSockets = options.maxSockets ?? 64;
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  const userAgent = options.userAgent ?? 'Drover-Webhooks/1';

  return {
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
    post(req: PostRequest): Promise<PostOutcome> {
      const started = performance.now();
      const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
      const https = req.url.protocol === 'https:';
      const hostname = req.url.hostname.replace(/^\[|\]$/g, '');
      return new Promise<PostOutcome>((settle) => {
        let settled = false;
        const finish = (outcome: PostOutcome) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          settle(outcome);
        };
        const send = https ? httpsRequest : httpRequest;
        const request = send({
          host: req.address.address,
          family: req.address.family,
          port: req.url.port || (https ? 443 : 80),
          path: `${req.url.pathname}${req.url.search}`,
          method: 'POST',
          agent: https ? httpsAgent : httpAgent,
          // SNI takes a name, never an IP literal.
          ...(https && !isIP(hostname) ? { servername: hostname } : {}),
          headers: {
            'user-agent': userAgent,
            ...req.headers,
            host: req.url.host,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(req.body)),
          },
        });
        const timer = setTimeout(() => {
          finish({ kind: 'timeout', latencyMs: elapsed(), error: `no answer within ${req.timeoutMs} ms` });
          request.destroy();
        }, req.timeoutMs);
        request.on('response', (res: IncomingMessage) => readAnswer(res, finish, elapsed));
        request.on('error', (err: NodeJS.ErrnoException) =>
          finish({
            kind: 'network',
            latencyMs: elapsed(),
            error: err.code ? `${err.code}: ${err.message}` : err.message,
          }),
        );
        request.end(req.body);
      });
    },
  };
}

/** Settles with the status, Retry-After and the first bytes of the body, then stops reading. */
function readAnswer(
  res: IncomingMessage,
  finish: (outcome: PostOutcome) => void,
  elapsed: () => number,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const answer = () =>
    finish({
      kind: 'response',
      status: res.statusCode ?? 0,
      retryAfterMs: parseRetryAfter(res.headers['retry-after'], Date.now()),
      excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'),
      latencyMs: elapsed(),
    });
  res.on('data', (chunk: Buffer) => {
    if (size < EXCERPT_BYTES) chunks.push(chunk);
    size += chunk.length;
    // Enough read: the rest of a large body is not worth the time (the socket is dropped).
    if (size >= EXCERPT_BYTES) {
      answer();
      res.destroy();
    }
  });
  res.on('end', answer);
  res.on('error', answer);
  res.on('aborted', answer);
}

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; null when absent or invalid. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
