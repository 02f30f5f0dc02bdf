// GceSandbox: a Compute Engine v1 REST emulator on 127.0.0.1, for the real
// `@google-cloud/compute` client (REST fallback) and for the local runtime. One port serves
// the Compute API (`/compute/v1/…`), an OAuth token endpoint (`POST /token`) and the
// sandbox controls (`/_sandbox/…`). Faults and latency apply to Compute API calls only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  SandboxCloud,
  SandboxFaults,
  SandboxInstance,
  SandboxTimings,
  StateChange,
} from '../core/sandbox-cloud';
import { Authenticator } from './auth';
import { handleControl } from './control';
import { backendError, GceApiError, invalid, methodNotFound, rateLimitExceeded } from './errors';
import { Links } from './representation';
import { Router } from './router';
import { instanceRoutes } from './routes/instances';
import { locationRoutes } from './routes/locations';
import { operationRoutes } from './routes/operations';
import { DEFAULT_TIMINGS, GceState } from './state';

const NO_FAULTS: SandboxFaults = { throttleShare: 0, errorShare: 0, capacity: [], latencyMs: 0 };
const MAX_BODY_BYTES = 1024 * 1024;

export interface GceSandboxOptions {
  timings?: Partial<SandboxTimings>;
  faults?: Partial<SandboxFaults>;
  /** Source of randomness for fault injection (tests may make it deterministic). */
  random?: () => number;
}

export class GceSandbox implements SandboxCloud {
  readonly kind = 'gce' as const;
  private readonly state = new GceState();
  private readonly auth = new Authenticator();
  private readonly router = new Router([...instanceRoutes, ...operationRoutes, ...locationRoutes]);
  private readonly random: () => number;
  private currentFaults: SandboxFaults = structuredClone(NO_FAULTS);
  private readonly calls = new Map<string, number>();
  private server: Server | undefined;
  private baseUrl: string | undefined;

  constructor(options: GceSandboxOptions = {}) {
    this.random = options.random ?? Math.random;
    this.state.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    if (options.faults) this.setFaults(options.faults);
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('GceSandbox is not started');
    return this.baseUrl;
  }

  async start(port = 0): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err) =>
        send(res, 500, new GceApiError(500, 'INTERNAL', 'backendError', String(err)).toJSON()),
      );
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.state.close();
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  setFaults(faults: Partial<SandboxFaults>): void {
    this.currentFaults = { ...this.currentFaults, ...structuredClone(faults) };
  }

  clearFaults(): void {
    this.currentFaults = structuredClone(NO_FAULTS);
  }

  faults(): SandboxFaults {
    return structuredClone(this.currentFaults);
  }

  setTimings(timings: Partial<SandboxTimings>): void {
    this.state.timings = { ...this.state.timings, ...timings };
  }

  timings(): SandboxTimings {
    return { ...this.state.timings };
  }

  kill(instanceId: string): boolean {
    return this.state.kill(instanceId);
  }

  instances(): SandboxInstance[] {
    return this.state.sandboxInstances();
  }

  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.state.onStateChange(listener);
  }

  callCounts(): Record<string, number> {
    return Object.fromEntries(this.calls);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (raw === null) return send(res, 413, invalid('Request payload too large.').toJSON());

    if (url.pathname.startsWith('/_sandbox/')) {
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        return send(res, 400, { error: 'body is not JSON' });
      }
      const out = handleControl(this, method, url.pathname, body);
      return send(res, out.status, out.body);
    }
    if (url.pathname === '/token' && method === 'POST') {
      const out = this.auth.token(new URLSearchParams(raw));
      return send(res, out.status, out.body);
    }

    const match = this.router.match(method, url.pathname);
    if (!match) return send(res, 404, methodNotFound(method, url.pathname).toJSON());
    const { route, params } = match;
    this.calls.set(route.action, (this.calls.get(route.action) ?? 0) + 1);
    try {
      const faults = this.currentFaults;
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      const user = this.auth.identify(req.headers.authorization);
      if (this.random() < faults.throttleShare) throw rateLimitExceeded(params.project ?? 'unknown');
      if (this.random() < faults.errorShare) throw backendError();
      let body: Record<string, unknown> = {};
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw invalid(`Invalid JSON payload received. Unexpected token.`);
        }
      }
      const links = new Links(this.url);
      const out = await route.handle({
        params,
        query: url.searchParams,
        body,
        links,
        state: this.state,
        faults,
        user,
      });
      send(res, 200, out);
    } catch (err) {
      if (err instanceof GceApiError) return send(res, err.httpStatus, err.toJSON());
      throw err;
    }
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
