// The fixed world the OpenStack sandbox offers, in the names a devstack cloud uses: two regions
// with their availability zones, m1.* flavors with disk, a cirros image and a Debian one, the
// project's `private` network beside the external `public` one, and the `default` security group.
import { createHash } from 'node:crypto';

export interface RegionInfo {
  name: string;
  zones: string[];
  /** The `private` network's subnet in this region (10.0.x.y). */
  cidrPrefix: string;
}

export const REGIONS: RegionInfo[] = [
  { name: 'RegionOne', zones: ['nova', 'az-2'], cidrPrefix: '10.0' },
  { name: 'RegionTwo', zones: ['nova'], cidrPrefix: '10.1' },
];

export const findRegion = (name: string) => REGIONS.find((r) => r.name === name);

export interface FlavorInfo {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
}

export const FLAVORS: FlavorInfo[] = [
  { id: '1', name: 'm1.tiny', vcpus: 1, ram: 512, disk: 1 },
  { id: '2', name: 'm1.small', vcpus: 1, ram: 2048, disk: 20 },
  { id: '3', name: 'm1.medium', vcpus: 2, ram: 4096, disk: 40 },
  { id: '4', name: 'm1.large', vcpus: 4, ram: 8192, disk: 80 },
  { id: '42', name: 'm1.nano', vcpus: 1, ram: 128, disk: 1 },
];

export interface ImageInfo {
  id: string;
  name: string;
  minDisk: number;
  size: number;
  osDistro: string;
}

export const CIRROS_IMAGE_ID = '6b4c1d3e-2f5a-4c8e-9d7b-0a1e2f3c4d5e';
/** The Debian image: `npm start`'s demo role base-debian runs it on OpenStack. */
export const DEBIAN_IMAGE_ID = '0d7f3b6a-8c1e-4e2b-a5f4-3c9d8e7f6a1b';
export const IMAGES: ImageInfo[] = [
  { id: CIRROS_IMAGE_ID, name: 'cirros-0.6.2-x86_64-disk', minDisk: 0, size: 21_430_272, osDistro: 'cirros' },
  {
    id: DEBIAN_IMAGE_ID,
    name: 'debian-12-genericcloud-amd64',
    minDisk: 2,
    size: 348_127_232,
    osDistro: 'debian',
  },
];

export const findImage = (id: string) => IMAGES.find((i) => i.id === id);

/** A stable UUID for a name (networks, security groups, projects and users read the same every start). */
export function stableUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Keystone project ids are 32 hex digits without dashes. */
export const projectIdOf = (domain: string, project: string) =>
  stableUuid(`project:${domain}/${project}`).replace(/-/g, '');

export const PRIVATE_NETWORK = 'private';
export const PUBLIC_NETWORK = 'public';
export const DEFAULT_SECURITY_GROUP = 'default';
