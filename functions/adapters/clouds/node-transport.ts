// How Drover's own cloud clients (OpenStack, CloudStack) reach the cloud: a `fetch`-shaped
// function. The default is the platform's fetch; with the egress guard's agents (hosted mode:
// every tenant-set URL is checked) or a private CA bundle, requests go through node:http(s)
// instead, because Node's fetch takes neither an http.Agent nor a per-request CA.
import { type Agent, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type Transport = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<Response>;

export interface NodeTransportOptions {
  /** The egress guard's agent for a URL (adapters/egress/guarded-agents.ts). */
  agentFor?: (url: URL) => Agent;
  /** PEM certificates to trust instead of the system's (a private cloud's own PKI). */
  caBundle?: string;
}

export function nodeTransport(options: NodeTransportOptions): Transport {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        target,
        {
          method: init.method,
          headers: init.headers,
          ...(options.agentFor ? { agent: options.agentFor(target) } : {}),
          ...(options.caBundle && target.protocol === 'https:' ? { ca: options.caBundle } : {}),
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers))
              if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
            const status = res.statusCode ?? 502;
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, headers }));
          });
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
}
