// What the CloudStack sandbox offers every caller: its API key pair, zones, service offerings,
// templates, guest networks, security groups, disk offerings and SSH key pairs. Fixed ids, so
// tests, the README and the demo can name them.

/** The only key pair the sandbox accepts; every request's signature is checked with the secret. */
export const SANDBOX_API_KEY = 'drover-sandbox';
export const SANDBOX_SECRET_KEY = 'drover-sandbox-secret';

export interface ZoneEntry {
  id: string;
  name: string;
  /** First two octets of the zone's guest network addresses. */
  cidrPrefix: string;
}

export const ZONES: ZoneEntry[] = [
  { id: '1b9a4c3e-0000-4000-8000-00000000a001', name: 'zone-1', cidrPrefix: '10.1' },
  { id: '1b9a4c3e-0000-4000-8000-00000000a002', name: 'zone-2', cidrPrefix: '10.2' },
];

export const SERVICE_OFFERINGS = [
  { id: '5e0f1c2d-0000-4000-8000-00000000b001', name: 'Small Instance', cpunumber: 1, memory: 1024 },
  { id: '5e0f1c2d-0000-4000-8000-00000000b002', name: 'Medium Instance', cpunumber: 2, memory: 4096 },
  { id: '5e0f1c2d-0000-4000-8000-00000000b003', name: 'Large Instance', cpunumber: 4, memory: 8192 },
];

export const DEBIAN_TEMPLATE_ID = '7a3d2b1c-0000-4000-8000-00000000c001';
export const TEMPLATES = [
  { id: DEBIAN_TEMPLATE_ID, name: 'Debian 12 (sandbox)', ostypename: 'Debian GNU/Linux 12 (64-bit)' },
  { id: '7a3d2b1c-0000-4000-8000-00000000c002', name: 'Rocky 9 (sandbox)', ostypename: 'Rocky Linux 9' },
];

export const NETWORKS = ZONES.map((zone, i) => ({
  id: `9c8b7a6d-0000-4000-8000-00000000d00${i + 1}`,
  name: `guest-net-${i + 1}`,
  zoneid: zone.id,
  type: 'Isolated',
}));

export const SECURITY_GROUPS = [
  { id: '3d4e5f6a-0000-4000-8000-00000000e001', name: 'default' },
  { id: '3d4e5f6a-0000-4000-8000-00000000e002', name: 'web' },
];

export const CUSTOM_DISK_OFFERING_ID = '2f3e4d5c-0000-4000-8000-00000000f001';
export const DISK_OFFERINGS = [
  { id: CUSTOM_DISK_OFFERING_ID, name: 'Custom', iscustomized: true },
  { id: '2f3e4d5c-0000-4000-8000-00000000f002', name: 'Small 20 GB', iscustomized: false, disksize: 20 },
];

export const KEY_PAIRS = [{ name: 'sandbox-key', fingerprint: '4f:1c:8a:00:sandbox' }];

export const zoneById = (id: string) => ZONES.find((z) => z.id === id);
