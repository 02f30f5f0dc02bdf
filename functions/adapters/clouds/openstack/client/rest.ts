// One JSON call to an OpenStack service, the way every service of the client makes it: the
// token (refreshed by the session), the endpoint from the catalog after version discovery,
// Nova's microversion header, retries of 5xx/429/network failures with the cloud's Retry-After
// (cockatiel; jittered exponential backoff when the cloud names no delay), one fresh token after
// a 401, and every failure mapped once to a CloudError (errors.ts). Bodies are parsed with the
// wire schemas, so a malformed answer fails here, by name, not deep in the driver.
import { DelegateBackoff, handleWhen, type IPolicy, noop, retry } from 'cockatiel';
import type { z } from 'zod';
import { CloudError } from '../../../../ports/cloud-driver';
import type { Transport } from '../../node-transport';
import { answerError, parseErrorBody, retryAfterMs, transportError } from './errors';
import type { EndpointInterface, KeystoneSession } from './keystone';
import { type ApiVersion, AUTH_TOKEN_HEADER, VersionDocument, versionsOf } from './wire/keystone';

export type ServiceType = 'compute' | 'image' | 'network' | 'volumev3' | 'identity';

export interface CallOptions<T> {
  service: ServiceType;
  region: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the service's versioned root, e.g. `/servers/detail`. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Parses the JSON answer; absent for calls that answer nothing (204, 202 without a body). */
  schema?: z.ZodType<T>;
  /** Names the call in errors (`servers.create`). */
  action: string;
  headers?: Record<string, string>;
  /** A single attempt: for a create whose repetition is not idempotent (the caller looks before it tries again). */
  once?: boolean;
}

export interface RestOptions {
  transport: Transport;
  session: KeystoneSession;
  interface: EndpointInterface;
  /** Attempts after the first for a throttled or failed call (0: one attempt). */
  maxRetries: number;
  /** Per-request timeout (ms). */
  timeoutMs: number;
  /** Extra headers by service (Nova's microversion). */
  serviceHeaders: Partial<Record<ServiceType, Record<string, string>>>;
  /** The microversion each service must support, checked once at discovery. */
  microversions: Partial<Record<ServiceType, string>>;
  /** Longest wait the client accepts from a Retry-After before it gives the error back (ms). */
  maxRetryAfterMs: number;
}

/** The versioned root each service is reached at: an unversioned catalog URL is discovered to it. */
const WANTED_VERSION: Record<ServiceType, RegExp> = {
  compute: /^v2\.1$/,
  image: /^v2(\.\d+)?$/,
  network: /^v2\.0$/,
  volumev3: /^v3(\.\d+)?$/,
  identity: /^v3(\.\d+)?$/,
};
const USABLE = /^(CURRENT|SUPPORTED|stable)$/i;

export class OpenStackRest {
  private readonly policy: IPolicy;
  private readonly roots = new Map<string, Promise<string>>();

  constructor(private readonly options: RestOptions) {
    this.policy =
      options.maxRetries > 0
        ? retry(
            handleWhen(
              (err) =>
                err instanceof CloudError &&
                (err.kind === 'Throttled' || err.kind === 'Transient') &&
                (err.details.retryAfterMs ?? 0) <= options.maxRetryAfterMs,
            ),
            {
              maxAttempts: options.maxRetries,
              backoff: new DelegateBackoff((ctx) => {
                const named =
                  'error' in ctx.result ? (ctx.result.error as CloudError).details.retryAfterMs : undefined;
                return named ?? Math.random() * Math.min(3_000, 100 * 2 ** ctx.attempt);
              }),
            },
          )
        : noop;
  }

  call<T>(options: CallOptions<T>): Promise<T> {
    if (options.once) return this.once(options, true);
    return this.policy.execute(() => this.once(options, true));
  }

  /** The service's versioned root URL in `region` (discovered once per catalog URL). */
  async root(service: ServiceType, region: string): Promise<string> {
    const url = await this.options.session.endpoint(service, region, this.options.interface);
    let root = this.roots.get(url);
    if (!root) {
      root = this.discover(service, url).catch((err: unknown) => {
        this.roots.delete(url);
        throw err;
      });
      this.roots.set(url, root);
    }
    return root;
  }

  private async once<T>(options: CallOptions<T>, mayReauthenticate: boolean): Promise<T> {
    const token = await this.options.session.token();
    const root = await this.root(options.service, options.region);
    const query = new URLSearchParams(
      Object.entries(options.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    const response = await this.send(options.action, `${root}${options.path}${query ? `?${query}` : ''}`, {
      method: options.method,
      headers: {
        accept: 'application/json',
        [AUTH_TOKEN_HEADER]: token.value,
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...this.options.serviceHeaders[options.service],
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    if (response.status === 401 && mayReauthenticate) {
      this.options.session.invalidate(token.value);
      return this.once(options, false);
    }
    return this.read(options, response);
  }

  private async read<T>(
    options: CallOptions<T>,
    response: { status: number; text: string; retryAfter: string | null },
  ): Promise<T> {
    if (response.status >= 400)
      throw answerError(options.action, {
        status: response.status,
        ...parseErrorBody(response.text),
        ...withRetryAfter(retryAfterMs(response.retryAfter)),
      });
    if (!options.schema) return undefined as T;
    const parsed = options.schema.safeParse(response.text ? JSON.parse(response.text) : undefined);
    if (!parsed.success)
      throw new CloudError(
        'Transient',
        `OpenStack ${options.action}: unexpected answer (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
        {
          platform: 'openstack',
        },
      );
    return parsed.data;
  }

  /** One HTTP exchange; a failure to get any answer is a CloudError too. */
  async send(
    action: string,
    url: string,
    init: Parameters<Transport>[1],
  ): Promise<{ status: number; text: string; retryAfter: string | null; headers: Headers }> {
    try {
      const response = await this.options.transport(url, {
        ...init,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      return {
        status: response.status,
        text: await response.text(),
        retryAfter: response.headers.get('retry-after'),
        headers: response.headers,
      };
    } catch (err) {
      throw transportError(action, err);
    }
  }

  private async discover(service: ServiceType, url: string): Promise<string> {
    const wanted = WANTED_VERSION[service];
    // A versioned catalog URL (Cinder's names the project after the version: `…/v3/<project>`).
    const versioned = url.split('/').some((segment) => wanted.test(segment));
    if (versioned && !this.options.microversions[service]) return url;
    const action = `${service} version discovery`;
    const answer = await this.send(action, `${url}/`, {
      method: 'GET',
      headers: { accept: 'application/json' },
    });
    // Unversioned roots answer 300 Multiple Choices with the list.
    if (answer.status >= 400)
      throw answerError(action, { status: answer.status, ...parseErrorBody(answer.text) });
    const parsed = VersionDocument.safeParse(JSON.parse(answer.text || '{}'));
    const version = parsed.success
      ? versionsOf(parsed.data).find((v) => wanted.test(v.id) && USABLE.test(v.status))
      : undefined;
    const self = version && (versioned ? url : selfLink(version));
    if (!self)
      throw new CloudError('InvalidSpec', `OpenStack: ${url} offers no ${wanted.source} ${service} API`, {
        code: 'VersionNotFound',
        platform: 'openstack',
      });
    const needed = this.options.microversions[service];
    if (needed && !supports(version, needed))
      throw new CloudError(
        'InvalidSpec',
        `OpenStack: the ${service} API supports microversions ${version.min_version}..${version.version}, Drover needs ${needed}`,
        {
          code: 'MicroversionUnsupported',
          platform: 'openstack',
        },
      );
    return self.replace(/\/+$/, '');
  }
}

/** Whether `version`'s microversion range holds `needed` ("2.79" within "2.1".."2.95"). */
export function supports(version: ApiVersion, needed: string): boolean {
  const n = (v: string | undefined) => (v ? v.split('.').map(Number) : [0, 0]);
  const cmp = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]!;
  const want = n(needed);
  return cmp(n(version.min_version || '0.0'), want) <= 0 && cmp(n(version.version), want) >= 0;
}

function selfLink(version: ApiVersion): string | undefined {
  return version.links.find((l) => l.rel === 'self')?.href;
}

const withRetryAfter = (ms: number | undefined) => (ms === undefined ? {} : { retryAfterMs: ms });
