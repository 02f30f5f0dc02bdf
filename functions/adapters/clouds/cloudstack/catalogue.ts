// What a CloudStack cloud offers, read through the client and kept five minutes (zones, offerings
// and networks change rarely): names resolved to the ids deployVirtualMachine wants, and the
// lists the portal and Test connection show.
import { CloudError } from '../../../ports/cloud-driver';
import type { CloudStackClient } from './client/client';
import {
  DiskOffering,
  Network,
  SecurityGroup,
  ServiceOffering,
  SshKeyPair,
  Template,
  Zone,
} from './client/wire';

const TTL_MS = 5 * 60_000;
/** A farm role's volume types default to EBS names: on CloudStack they mean a custom-size disk offering. */
const EBS_TYPES = new Set(['gp2', 'gp3', 'io1', 'io2', 'standard', 'st1', 'sc1']);

const missing = (what: string, name: string) =>
  new CloudError('InvalidSpec', `CloudStack: no ${what} ${name}`, {
    code: 'NotFound',
    platform: 'cloudstack',
  });
const named = <T extends { id: string; name: string }>(list: T[], wanted: string) =>
  list.find((x) => x.name === wanted) ?? list.find((x) => x.id === wanted);

export class CloudStackCatalogue {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(private readonly client: CloudStackClient) {}

  zones(): Promise<Zone[]> {
    return this.cached('zones', () => this.client.listAll('listZones', 'zone', Zone));
  }

  serviceOfferings(): Promise<ServiceOffering[]> {
    return this.cached('offerings', () =>
      this.client.listAll('listServiceOfferings', 'serviceoffering', ServiceOffering),
    );
  }

  templates(zoneId: string): Promise<Template[]> {
    return this.cached(`templates/${zoneId}`, () =>
      this.client.listAll('listTemplates', 'template', Template, {
        templatefilter: 'executable',
        zoneid: zoneId,
      }),
    );
  }

  networks(zoneId: string): Promise<Network[]> {
    return this.cached(`networks/${zoneId}`, () =>
      this.client.listAll('listNetworks', 'network', Network, { zoneid: zoneId }),
    );
  }

  securityGroups(): Promise<SecurityGroup[]> {
    return this.cached('security-groups', () =>
      this.client.listAll('listSecurityGroups', 'securitygroup', SecurityGroup),
    );
  }

  keyPairs(): Promise<SshKeyPair[]> {
    return this.cached('key-pairs', () => this.client.listAll('listSSHKeyPairs', 'sshkeypair', SshKeyPair));
  }

  /** A region (a zone's name, or its id) as CloudStack's zone. */
  async zone(region: string): Promise<Zone> {
    return named(await this.zones(), region) ?? Promise.reject(missing('zone', region));
  }

  async serviceOffering(nameOrId: string): Promise<ServiceOffering> {
    return (
      named(await this.serviceOfferings(), nameOrId) ?? Promise.reject(missing('service offering', nameOrId))
    );
  }

  async networkId(zoneId: string, nameOrId: string): Promise<string> {
    const found = named(await this.networks(zoneId), nameOrId);
    if (!found) throw missing('network', nameOrId);
    return found.id;
  }

  /** A volume type: a disk offering's name or id, or an EBS type meaning the first custom-size offering. */
  async diskOffering(type: string): Promise<DiskOffering> {
    const offerings = await this.cached('disk-offerings', () =>
      this.client.listAll('listDiskOfferings', 'diskoffering', DiskOffering),
    );
    const found = EBS_TYPES.has(type) ? offerings.find((o) => o.iscustomized) : named(offerings, type);
    if (!found) throw missing('disk offering', type);
    return found;
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
    const value = load().catch((err: unknown) => {
      this.cache.delete(key);
      throw err;
    });
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }
}
