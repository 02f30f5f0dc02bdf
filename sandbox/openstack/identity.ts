// Keystone v3 in the sandbox: like the EC2 sandbox accepts any keys, it accepts any user name,
// password and project in the domain `Default`, and any application credential (bound to the
// project `sandbox`). Tokens are opaque, last `tokenTtlMs`, come back in X-Subject-Token, and
// carry the catalog of the sandbox's services, one endpoint set per region on this same port.
import { randomBytes } from 'node:crypto';
import {
  ApiVersion,
  DEFAULT_DOMAIN,
  type Token,
  TokenRequest,
} from '../../functions/adapters/clouds/openstack/client/wire/keystone';
import { type ApiAnswer, jsonAnswer } from '../core/sandbox-server';
import { projectIdOf, REGIONS, stableUuid } from './catalogue';
import { OpenStackFault } from './errors';

export interface TokenScope {
  projectId: string;
  projectName: string;
  userId: string;
  userName: string;
  expiresAt: number;
}

const DOMAIN = { id: 'default', name: DEFAULT_DOMAIN };
const APPLICATION_CREDENTIAL_PROJECT = 'sandbox';
const KEYSTONE_VERSION = { id: 'v3.14', status: 'stable', updated: '2020-04-07T00:00:00Z' };

const isDefaultDomain = (ref: { id: string } | { name: string }) =>
  'id' in ref ? ref.id === DOMAIN.id : ref.name === DOMAIN.name;

/** Where each service answers, per region, under the sandbox's URL (service first, then region). */
export const serviceRoot = {
  identity: (base: string) => `${base}/identity`,
  compute: (base: string, region: string) => `${base}/compute/${region}/v2.1`,
  image: (base: string, region: string) => `${base}/image/${region}`,
  network: (base: string, region: string) => `${base}/networking/${region}`,
  volumev3: (base: string, region: string, projectId: string) => `${base}/volume/${region}/v3/${projectId}`,
};

export class Identity {
  private readonly tokens = new Map<string, TokenScope>();
  tokenTtlMs = 60 * 60_000;

  /** `POST /identity/v3/auth/tokens`. */
  issue(raw: string, base: string): ApiAnswer {
    const parsed = TokenRequest.safeParse(safeJson(raw));
    if (!parsed.success)
      return new OpenStackFault(
        400,
        'Bad Request',
        `Invalid input for field '${parsed.error.issues[0]?.path.join('/')}'`,
        'keystone',
      ).answer();
    const { identity, scope } = parsed.data.auth;
    let userName: string;
    let projectName = APPLICATION_CREDENTIAL_PROJECT;
    if ('password' in identity) {
      userName = identity.password.user.name;
      const project = scope?.project;
      const inDefault =
        isDefaultDomain(identity.password.user.domain) &&
        (!project || !('domain' in project) || isDefaultDomain(project.domain));
      if (!inDefault || !project || !('name' in project))
        return new OpenStackFault(
          401,
          'Unauthorized',
          'The request you have made requires authentication.',
          'keystone',
        ).answer();
      projectName = project.name;
    } else userName = `app-${identity.application_credential.id}`;
    const value = `gAAAA${randomBytes(24).toString('base64url')}`;
    const now = Date.now();
    const scopeOf: TokenScope = {
      projectId: projectIdOf(DOMAIN.name, projectName),
      projectName,
      userId: stableUuid(`user:${userName}`).replace(/-/g, ''),
      userName,
      expiresAt: now + this.tokenTtlMs,
    };
    this.tokens.set(value, scopeOf);
    const methods = 'password' in identity ? ['password'] : ['application_credential'];
    return {
      ...jsonAnswer(201, { token: this.tokenBody(scopeOf, methods, now, base) }),
      headers: { 'x-subject-token': value },
    };
  }

  /** The scope of a valid token, or the 401 keystonemiddleware answers. */
  verify(token: string | string[] | undefined): TokenScope {
    const scope = typeof token === 'string' ? this.tokens.get(token) : undefined;
    if (!scope || scope.expiresAt <= Date.now())
      throw new OpenStackFault(
        401,
        'Unauthorized',
        'The request you have made requires authentication.',
        'keystone',
      );
    return scope;
  }

  /** `GET /identity/` (the list, 300) or `GET /identity/v3` (the one version). */
  versions(base: string, single: boolean): ApiAnswer {
    const version = ApiVersion.parse({
      ...KEYSTONE_VERSION,
      links: [{ rel: 'self', href: `${serviceRoot.identity(base)}/v3/` }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
    });
    return single ? jsonAnswer(200, { version }) : jsonAnswer(300, { versions: { values: [version] } });
  }

  regions(): ApiAnswer {
    return jsonAnswer(200, {
      regions: REGIONS.map((r) => ({ id: r.name, description: '', parent_region_id: null, links: {} })),
      links: { next: null, previous: null, self: null },
    });
  }

  private tokenBody(scope: TokenScope, methods: string[], now: number, base: string): Token {
    const endpoints = (type: keyof typeof serviceRoot, url: (region: string) => string) => ({
      id: stableUuid(`service:${type}`).replace(/-/g, ''),
      type: type === 'network' ? 'network' : type,
      name: {
        identity: 'keystone',
        compute: 'nova',
        image: 'glance',
        network: 'neutron',
        volumev3: 'cinderv3',
      }[type],
      endpoints: REGIONS.flatMap((r) =>
        (['public', 'internal'] as const).map((iface) => ({
          id: stableUuid(`endpoint:${type}/${r.name}/${iface}`).replace(/-/g, ''),
          interface: iface,
          region: r.name,
          region_id: r.name,
          url: url(r.name),
        })),
      ),
    });
    return {
      methods,
      user: { id: scope.userId, name: scope.userName, domain: DOMAIN, password_expires_at: null },
      project: { id: scope.projectId, name: scope.projectName, domain: DOMAIN },
      roles: [
        { id: stableUuid('role:member').replace(/-/g, ''), name: 'member' },
        { id: stableUuid('role:reader').replace(/-/g, ''), name: 'reader' },
      ],
      is_domain: false,
      expires_at: new Date(scope.expiresAt).toISOString().replace('Z', '000Z'),
      issued_at: new Date(now).toISOString().replace('Z', '000Z'),
      audit_ids: [randomBytes(16).toString('base64url')],
      catalog: [
        endpoints('identity', () => `${serviceRoot.identity(base)}/v3`),
        endpoints('compute', (r) => serviceRoot.compute(base, r)),
        endpoints('image', (r) => serviceRoot.image(base, r)),
        endpoints('network', (r) => serviceRoot.network(base, r)),
        endpoints('volumev3', (r) => serviceRoot.volumev3(base, r, scope.projectId)),
      ],
    };
  }
}

export function safeJson(raw: string): unknown {
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new OpenStackFault(400, 'badRequest', 'Malformed request body');
  }
}
