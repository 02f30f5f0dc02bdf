// Keystone v3 authentication: a scoped token (password or application credential) and its
// service catalog. The token comes from the X-Subject-Token header; it is reused until shortly
// before `expires_at` and then replaced, and one refresh is shared by every call waiting for it.
import type { z } from 'zod';
import { CloudError } from '../../../../ports/cloud-driver';
import { answerError, parseErrorBody } from './errors';
import {
  type CatalogEntry,
  DEFAULT_DOMAIN,
  type Token,
  type TokenRequest,
  TokenResponse,
} from './wire/keystone';

export type OpenStackAuth =
  | {
      type: 'password';
      username: string;
      password: string;
      /** The user's domain (name); `Default` unless said. */
      userDomain?: string;
      projectName: string;
      /** The project's domain (name); `Default` unless said. */
      projectDomain?: string;
    }
  | { type: 'applicationCredential'; id: string; secret: string };

export type EndpointInterface = 'public' | 'internal' | 'admin';

export interface IssuedToken {
  value: string;
  expiresAt: number;
  token: Token;
}

/** Sends the token request; returns the raw answer (the session maps failures). */
export type TokenSender = (
  url: string,
  body: TokenRequest,
) => Promise<{ status: number; subjectToken: string | null; body: string }>;

export function tokenRequest(auth: OpenStackAuth): TokenRequest {
  if (auth.type === 'applicationCredential')
    return {
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { id: auth.id, secret: auth.secret },
        },
      },
    };
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: {
            name: auth.username,
            domain: { name: auth.userDomain ?? DEFAULT_DOMAIN },
            password: auth.password,
          },
        },
      },
      scope: { project: { name: auth.projectName, domain: { name: auth.projectDomain ?? DEFAULT_DOMAIN } } },
    },
  };
}

/** The auth URL as users write it (`…/identity`, `…/v3`, `…/v3/`) → the v3 root. */
export function identityV3Root(authUrl: string): string {
  const trimmed = authUrl.replace(/\/+$/, '');
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed}/v3`;
}

export class KeystoneSession {
  private current: IssuedToken | undefined;
  private pending: Promise<IssuedToken> | undefined;

  constructor(
    private readonly authUrl: string,
    private readonly auth: OpenStackAuth,
    private readonly send: TokenSender,
    /** Refresh this long before the token expires, so no call presents a token about to lapse. */
    private readonly refreshMarginMs = 5 * 60_000,
  ) {}

  async token(): Promise<IssuedToken> {
    if (this.current && Date.now() < this.current.expiresAt - this.refreshMarginMs) return this.current;
    this.pending ??= this.issue().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** The cloud refused the token (revoked, or expired early): the next call authenticates again. */
  invalidate(value: string): void {
    if (this.current?.value === value) this.current = undefined;
  }

  /** The URL of `serviceType` in `region` for `iface`, from the catalog. */
  async endpoint(serviceType: string, region: string, iface: EndpointInterface): Promise<string> {
    const { token } = await this.token();
    const url = endpointIn(token.catalog, serviceType, region, iface);
    if (!url)
      throw new CloudError(
        'InvalidSpec',
        `OpenStack: no ${iface} ${serviceType} endpoint in region ${region}`,
        {
          code: 'EndpointNotFound',
          platform: 'openstack',
        },
      );
    return url;
  }

  private async issue(): Promise<IssuedToken> {
    const answer = await this.send(`${identityV3Root(this.authUrl)}/auth/tokens`, tokenRequest(this.auth));
    if (answer.status !== 201 || !answer.subjectToken)
      throw answerError('identity token', { status: answer.status, ...parseErrorBody(answer.body) });
    const { token } = parseToken(answer.body);
    const issued = { value: answer.subjectToken, expiresAt: Date.parse(token.expires_at), token };
    this.current = issued;
    return issued;
  }
}

function parseToken(body: string): z.infer<typeof TokenResponse> {
  const parsed = TokenResponse.safeParse(JSON.parse(body));
  if (!parsed.success)
    throw new CloudError(
      'Transient',
      `OpenStack: Keystone's token is not a v3 token (${parsed.error.issues[0]?.message})`,
      {
        platform: 'openstack',
      },
    );
  return parsed.data;
}

export function endpointIn(
  catalog: CatalogEntry[],
  serviceType: string,
  region: string,
  iface: EndpointInterface,
): string | undefined {
  const service = catalog.find((s) => s.type === serviceType);
  const endpoint = service?.endpoints.find(
    (e) => e.interface === iface && (e.region_id ?? e.region) === region,
  );
  return endpoint?.url.replace(/\/+$/, '');
}

/** Regions that offer `serviceType` at `iface`, in catalog order. */
export function regionsIn(catalog: CatalogEntry[], serviceType: string, iface: EndpointInterface): string[] {
  const service = catalog.find((s) => s.type === serviceType);
  const regions = (service?.endpoints ?? [])
    .filter((e) => e.interface === iface)
    .map((e) => e.region_id ?? e.region ?? '')
    .filter((r) => r !== '');
  return [...new Set(regions)];
}
