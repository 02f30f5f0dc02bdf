// GceSandbox: a Compute Engine v1 REST emulator on 127.0.0.1, for the real
// `@google-cloud/compute` client (REST fallback) and for the local runtime. One port serves
// the Compute API (`/compute/v1/…`), an OAuth token endpoint (`POST /token`), the keys its
// audit-log pushes are signed with (`GET /oauth2/v3/certs`, audit-log-push.ts) and the core's
// sandbox controls (`/_sandbox/…`). Faults and latency apply to Compute API calls only, before the
// call acts; the core's lost responses after it (the operation exists, the answer is a 504 or a reset).
import type { FaultOutcome } from '../core/faults';
import {
  type ApiAnswer,
  type ApiRequest,
  jsonAnswer,
  SandboxServer,
  type SandboxServerOptions,
} from '../core/sandbox-server';
import { AuditLogPush } from './audit-log-push';
import { Authenticator } from './auth';
import { backendError, GceApiError, invalid, methodNotFound, rateLimitExceeded } from './errors';
import { Links } from './representation';
import { Router } from './router';
import { instanceRoutes } from './routes/instances';
import { locationRoutes } from './routes/locations';
import { operationRoutes } from './routes/operations';
import { GceState } from './state';

export type GceSandboxOptions = SandboxServerOptions;

/** Google's wording of each fault the core's dice can throw. */
const FAULT_ERRORS: Record<NonNullable<FaultOutcome>, (project: string) => GceApiError> = {
  throttled: rateLimitExceeded,
  'internal-error': () => backendError(500),
  unavailable: () => backendError(503),
};

export class GceSandbox extends SandboxServer<GceState> {
  readonly kind = 'gce' as const;
  private readonly auth = new Authenticator();
  private readonly router = new Router([...instanceRoutes, ...operationRoutes, ...locationRoutes]);
  /** Cloud Audit Logs → Pub/Sub push of every instance change, once `pushTo` names an endpoint. */
  readonly auditLogs = new AuditLogPush();

  constructor(options: GceSandboxOptions = {}) {
    super(new GceState(), options);
    this.onStateChange(this.auditLogs.onStateChange);
  }

  override async stop(): Promise<void> {
    this.auditLogs.pushTo(undefined);
    await this.auditLogs.settle();
    await super.stop();
  }

  protected async answer({ method, url, headers, body: raw }: ApiRequest): Promise<ApiAnswer> {
    if (url.pathname === '/token' && method === 'POST') {
      const out = this.auth.token(new URLSearchParams(raw));
      return jsonAnswer(out.status, out.body);
    }
    if (url.pathname === '/oauth2/v3/certs' && method === 'GET')
      return jsonAnswer(200, await this.auditLogs.jwks());
    const match = this.router.match(method, url.pathname);
    if (!match) return jsonAnswer(404, methodNotFound(method, url.pathname).toJSON());
    const { route, params } = match;
    const region = params.zone ?? params.region ?? 'global';
    this.calls.count(route.action);
    try {
      const user = this.auth.identify(headers.authorization);
      const fault = await this.injector.strike();
      if (fault) throw FAULT_ERRORS[fault](params.project ?? 'unknown');
      const out = await route.handle({
        params,
        query: url.searchParams,
        body: parseBody(raw),
        links: new Links(this.url),
        state: this.world,
        faults: this.injector,
        user,
      });
      const lost = this.lostAnswer(route.action);
      this.calls.record({ action: route.action, region, status: lost?.status ?? 200 });
      return lost ?? jsonAnswer(200, out);
    } catch (err) {
      if (!(err instanceof GceApiError)) throw err;
      this.calls.record({ action: route.action, region, status: err.httpStatus, code: err.reason });
      return jsonAnswer(err.httpStatus, err.toJSON());
    }
  }

  protected internalError(err: unknown): ApiAnswer {
    return jsonAnswer(500, new GceApiError(500, 'INTERNAL', 'backendError', String(err)).toJSON());
  }

  protected payloadTooLarge(): ApiAnswer {
    return jsonAnswer(413, invalid('Request payload too large.').toJSON());
  }
}

function parseBody(raw: string): Record<string, unknown> {
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw invalid('Invalid JSON payload received. Unexpected token.');
  }
}
