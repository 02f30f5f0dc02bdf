// The OpenStack client: Keystone v3, Nova 2.79, Glance v2, Neutron v2.0 and Cinder v3 on `fetch`
// and the wire schemas (./wire/, shared with sandbox/openstack). No maintained OpenStack client
// exists on npm (pkgcloud and its kin are years stale), so this is Drover's own, kept to what a
// CMP needs. Construct one per credentials; it is safe to share between concurrent calls.

import type { Transport } from '../../node-transport';
import { CinderClient } from './cinder';
import { GlanceClient } from './glance';
import { type EndpointInterface, KeystoneSession, type OpenStackAuth, regionsIn } from './keystone';
import { NeutronClient } from './neutron';
import { NovaClient } from './nova';
import { OpenStackRest } from './rest';
import { CINDER_MICROVERSION } from './wire/cinder';
import { MICROVERSION_HEADER, NOVA_MICROVERSION } from './wire/nova';

export interface OpenStackClientOptions {
  /** Keystone's URL as users write it (`https://keystone.example:5000/v3`). */
  authUrl: string;
  auth: OpenStackAuth;
  /** Which catalog endpoints to use (default `public`). */
  interface?: EndpointInterface;
  /** How requests are sent (default: the platform's fetch; see transport.ts for the egress guard and CA bundles). */
  transport?: Transport;
  /** Retries of a throttled or failed call (default 4; 0: one attempt). */
  maxRetries?: number;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Refresh the token this long before it expires (default 5 minutes). */
  tokenRefreshMarginMs?: number;
  /** A Retry-After longer than this is not waited for: the error goes back to the reconciler (default 30 s). */
  maxRetryAfterMs?: number;
}

export class OpenStackClient {
  readonly session: KeystoneSession;
  readonly nova: NovaClient;
  readonly glance: GlanceClient;
  readonly neutron: NeutronClient;
  readonly cinder: CinderClient;
  private readonly iface: EndpointInterface;

  constructor(options: OpenStackClientOptions) {
    const transport = options.transport ?? ((url, init) => fetch(url, init));
    this.iface = options.interface ?? 'public';
    let rest: OpenStackRest | undefined;
    this.session = new KeystoneSession(
      options.authUrl,
      options.auth,
      async (url, body) => {
        const answer = await (rest as OpenStackRest).send('identity token', url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        });
        return {
          status: answer.status,
          subjectToken: answer.headers.get('x-subject-token'),
          body: answer.text,
        };
      },
      options.tokenRefreshMarginMs,
    );
    rest = new OpenStackRest({
      transport,
      session: this.session,
      interface: this.iface,
      maxRetries: options.maxRetries ?? 4,
      timeoutMs: options.timeoutMs ?? 60_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      serviceHeaders: {
        compute: { [MICROVERSION_HEADER]: `compute ${NOVA_MICROVERSION}` },
        volumev3: { [MICROVERSION_HEADER]: `volume ${CINDER_MICROVERSION}` },
      },
      microversions: { compute: NOVA_MICROVERSION },
    });
    this.nova = new NovaClient(rest);
    this.glance = new GlanceClient(rest);
    this.neutron = new NeutronClient(rest);
    this.cinder = new CinderClient(rest);
  }

  /** The regions whose catalog offers compute, from the token (no extra call). */
  async computeRegions(): Promise<string[]> {
    const { token } = await this.session.token();
    return regionsIn(token.catalog, 'compute', this.iface);
  }
}

export type { OpenStackAuth } from './keystone';
