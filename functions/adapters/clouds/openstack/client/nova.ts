// Nova, compute API v2.1 at microversion 2.79: what a CMP needs of it.
import type { OpenStackRest } from './rest';
import {
  AvailabilityZoneList,
  FlavorList,
  type KeyPairCreate,
  KeyPairList,
  KeyPairOne,
  Metadata,
  type Server,
  type ServerAction,
  type ServerCreate,
  ServerCreated,
  type ServerGroupCreate,
  ServerGroupList,
  ServerGroupOne,
  ServerList,
  ServerOne,
  Tags,
} from './wire/nova';

export interface ServerListQuery {
  /** Nova matches `name` as a regular expression: anchor it for an exact name. */
  name?: string;
  /** Servers carrying every one of these tags. */
  tags?: string[];
  /** Page size (Nova caps it at its `max_limit`, 1000 by default). */
  limit?: number;
}

export class NovaClient {
  constructor(private readonly rest: OpenStackRest) {}

  /** Every page of `GET /servers/detail`, following the `next` link's marker. */
  async listServers(region: string, query: ServerListQuery = {}): Promise<Server[]> {
    const servers: Server[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await this.rest.call({
        service: 'compute',
        region,
        method: 'GET',
        path: '/servers/detail',
        query: {
          name: query.name,
          tags: query.tags?.join(','),
          limit: query.limit?.toString(),
          marker,
        },
        schema: ServerList,
        action: 'servers.list',
      });
      servers.push(...page.servers);
      const next = page.servers_links?.find((l) => l.rel === 'next');
      if (!next || page.servers.length === 0) return servers;
      marker = new URL(next.href).searchParams.get('marker') ?? page.servers.at(-1)?.id;
    }
  }

  async getServer(region: string, id: string): Promise<Server> {
    const { server } = await this.rest.call({
      service: 'compute',
      region,
      method: 'GET',
      path: `/servers/${encodeURIComponent(id)}`,
      schema: ServerOne,
      action: 'servers.get',
    });
    return server;
  }

  /** Accepted (202): the server is BUILDing; the answer holds only its id. */
  async createServer(region: string, body: ServerCreate): Promise<string> {
    const { server } = await this.rest.call({
      service: 'compute',
      region,
      method: 'POST',
      path: '/servers',
      body,
      schema: ServerCreated,
      action: 'servers.create',
      // Nova has no client token: a repeated create makes a second server.
      once: true,
    });
    return server.id;
  }

  deleteServer(region: string, id: string): Promise<void> {
    return this.rest.call({
      service: 'compute',
      region,
      method: 'DELETE',
      path: `/servers/${encodeURIComponent(id)}`,
      action: 'servers.delete',
    });
  }

  serverAction(region: string, id: string, action: ServerAction): Promise<void> {
    return this.rest.call({
      service: 'compute',
      region,
      method: 'POST',
      path: `/servers/${encodeURIComponent(id)}/action`,
      body: action,
      action: `servers.action.${Object.keys(action)[0]}`,
    });
  }

  async replaceTags(region: string, id: string, tags: string[]): Promise<string[]> {
    const answer = await this.rest.call({
      service: 'compute',
      region,
      method: 'PUT',
      path: `/servers/${encodeURIComponent(id)}/tags`,
      body: { tags },
      schema: Tags,
      action: 'servers.tags.replace',
    });
    return answer.tags;
  }

  async setMetadata(
    region: string,
    id: string,
    metadata: Record<string, string>,
  ): Promise<Record<string, string>> {
    const answer = await this.rest.call({
      service: 'compute',
      region,
      method: 'POST',
      path: `/servers/${encodeURIComponent(id)}/metadata`,
      body: { metadata },
      schema: Metadata,
      action: 'servers.metadata.update',
    });
    return answer.metadata;
  }

  async listFlavors(region: string) {
    const answer = await this.rest.call({
      service: 'compute',
      region,
      method: 'GET',
      path: '/flavors/detail',
      schema: FlavorList,
      action: 'flavors.list',
    });
    return answer.flavors;
  }

  async listAvailabilityZones(region: string) {
    const answer = await this.rest.call({
      service: 'compute',
      region,
      method: 'GET',
      path: '/os-availability-zone',
      schema: AvailabilityZoneList,
      action: 'availabilityZones.list',
    });
    return answer.availabilityZoneInfo;
  }

  async listServerGroups(region: string) {
    const answer = await this.rest.call({
      service: 'compute',
      region,
      method: 'GET',
      path: '/os-server-groups',
      schema: ServerGroupList,
      action: 'serverGroups.list',
    });
    return answer.server_groups;
  }

  async createServerGroup(region: string, body: typeof ServerGroupCreate._output) {
    const answer = await this.rest.call({
      service: 'compute',
      region,
      method: 'POST',
      path: '/os-server-groups',
      body,
      schema: ServerGroupOne,
      action: 'serverGroups.create',
    });
    return answer.server_group;
  }

  async listKeyPairs(region: string) {
    const answer = await this.rest.call({
      service: 'compute',
      region,
      method: 'GET',
      path: '/os-keypairs',
      schema: KeyPairList,
      action: 'keypairs.list',
    });
    return answer.keypairs.map((k) => k.keypair);
  }

  async importKeyPair(region: string, body: typeof KeyPairCreate._output) {
    const answer = await this.rest.call({
      service: 'compute',
      region,
      method: 'POST',
      path: '/os-keypairs',
      body,
      schema: KeyPairOne,
      action: 'keypairs.create',
    });
    return answer.keypair;
  }
}
