// OpenStackSandbox: Keystone v3, Nova 2.79, Glance v2, Neutron v2.0 and Cinder v3 on one port of
// 127.0.0.1, for Drover's OpenStack driver and for Debian's `openstack` CLI. Keystone answers under
// `/identity` (the auth URL is `<url>/identity/v3`); the catalog sends each service to
// `/<service>/<region>/…`. Faults and latency apply to every call but Keystone's and the version
// documents'; the core's `loseResponses` makes the next calls of an action act and answer 504, as a
// load balancer does when Nova answers too late, or reset the connection (the test of launch idempotency).
import type { FaultOutcome } from '../core/faults';
import {
  type ApiAnswer,
  type ApiRequest,
  jsonAnswer,
  SandboxServer,
  type SandboxServerOptions,
} from '../core/sandbox-server';
import { findRegion } from './catalogue';
import { computeFault, gatewayTimeout, OpenStackFault, rateLimited, serviceUnavailable } from './errors';
import { Identity } from './identity';
import { microversionHeaders, requestedMicroversion } from './microversion';
import { Router } from './router';
import { computeCatalogueRoutes } from './routes/compute-catalogue';
import { imageRoutes } from './routes/images';
import { networkRoutes } from './routes/networks';
import { serverRoutes } from './routes/servers';
import { volumeRoutes } from './routes/volumes';
import { DEFAULT_INSTANCE_QUOTA, OpenStackState } from './state';

export interface OpenStackSandboxOptions extends SandboxServerOptions {
  /** How long a token lives (default one hour); tests shorten it to see the client refresh. */
  tokenTtlMs?: number;
}

const FAULT_ERRORS: Record<NonNullable<FaultOutcome>, () => OpenStackFault> = {
  throttled: rateLimited,
  'internal-error': computeFault,
  unavailable: serviceUnavailable,
};

export class OpenStackSandbox extends SandboxServer<OpenStackState> {
  readonly kind = 'openstack' as const;
  private readonly identity = new Identity();
  private readonly router = new Router([
    ...computeCatalogueRoutes,
    ...serverRoutes,
    ...imageRoutes,
    ...networkRoutes,
    ...volumeRoutes,
  ]);

  constructor(options: OpenStackSandboxOptions = {}) {
    super(new OpenStackState(), options);
    if (options.tokenTtlMs !== undefined) this.identity.tokenTtlMs = options.tokenTtlMs;
  }

  /** Keystone's URL for clients (`auth_url` in clouds.yaml). */
  get authUrl(): string {
    return `${this.url}/identity/v3`;
  }

  /** The instances a project may hold in a region; a create past it is Nova's 403 "Quota exceeded". No argument: the default. */
  setInstanceQuota(quota = DEFAULT_INSTANCE_QUOTA): void {
    this.world.instanceQuota = quota;
  }

  protected async answer(request: ApiRequest): Promise<ApiAnswer> {
    const { method, url } = request;
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const identity = this.answerIdentity(method, path, request.body);
    if (identity) return identity;
    const match = this.router.match(method, path);
    if (!match) return new OpenStackFault(404, 'itemNotFound', `The resource could not be found.`).answer();
    const { route, params } = match;
    const region = params.region ?? '';
    const isCompute = path.startsWith('/compute/');
    this.calls.count(route.action);
    try {
      if (!findRegion(region))
        throw new OpenStackFault(404, 'itemNotFound', 'The resource could not be found.');
      const microversion = isCompute ? requestedMicroversion(request.headers) : '2.1';
      const scope = route.anonymous
        ? { projectId: '', projectName: '', userId: '', userName: '', expiresAt: 0 }
        : this.identity.verify(request.headers['x-auth-token']);
      if (!route.anonymous) {
        if (params.project && params.project !== scope.projectId)
          throw new OpenStackFault(403, 'forbidden', 'Policy does not allow this request to be performed.');
        const fault = await this.injector.strike();
        if (fault) throw FAULT_ERRORS[fault]();
      }
      const answer = await route.handle({
        params,
        query: url.searchParams,
        body: request.body,
        headers: request.headers,
        region,
        scope,
        state: this.world,
        faults: this.injector,
        base: this.url,
        microversion,
      });
      this.calls.record({ action: route.action, region, status: answer.status });
      const lost = this.lostAnswer(route.action);
      if (lost) return lost;
      return isCompute
        ? { ...answer, headers: { ...answer.headers, ...microversionHeaders(microversion) } }
        : answer;
    } catch (err) {
      if (!(err instanceof OpenStackFault)) throw err;
      this.calls.record({ action: route.action, region, status: err.status, code: err.code });
      return err.answer();
    }
  }

  /** Keystone: the version documents, tokens and regions (never faulted, as GCE's token endpoint). */
  private answerIdentity(method: string, path: string, body: string): ApiAnswer | undefined {
    if (!path.startsWith('/identity')) return undefined;
    this.calls.count('identity');
    if (method === 'GET' && path === '/identity') return this.identity.versions(this.url, false);
    if (method === 'GET' && path === '/identity/v3') return this.identity.versions(this.url, true);
    if (method === 'POST' && path === '/identity/v3/auth/tokens') return this.identity.issue(body, this.url);
    if (method === 'GET' && path === '/identity/v3/regions') return this.identity.regions();
    return new OpenStackFault(404, 'Not Found', 'The resource could not be found.', 'keystone').answer();
  }

  protected override gatewayTimeout(): ApiAnswer {
    return gatewayTimeout();
  }

  protected internalError(err: unknown): ApiAnswer {
    return jsonAnswer(500, { computeFault: { code: 500, message: `Unexpected API Error. ${String(err)}` } });
  }

  protected payloadTooLarge(): ApiAnswer {
    return new OpenStackFault(413, 'requestEntityTooLarge', 'Request is too large.').answer();
  }
}
