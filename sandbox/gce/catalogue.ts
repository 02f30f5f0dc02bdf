// The fixed world the GCE sandbox offers: regions, zones, machine types and the default
// network. Small on purpose — what Drover's portal and tests need, in GCE's real names.

export interface RegionInfo {
  name: string;
  zones: string[];
  /** The default subnetwork's range (auto-mode VPC ranges, as GCE assigns them). */
  cidrPrefix: string;
}

export const REGIONS: RegionInfo[] = [
  { name: 'us-central1', zones: ['a', 'b', 'c', 'f'].map((z) => `us-central1-${z}`), cidrPrefix: '10.128' },
  { name: 'europe-west1', zones: ['b', 'c', 'd'].map((z) => `europe-west1-${z}`), cidrPrefix: '10.132' },
];

export interface MachineTypeInfo {
  name: string;
  guestCpus: number;
  memoryMb: number;
  isSharedCpu: boolean;
  description: string;
}

export const MACHINE_TYPES: MachineTypeInfo[] = [
  {
    name: 'e2-micro',
    guestCpus: 2,
    memoryMb: 1024,
    isSharedCpu: true,
    description: 'Efficient Instance, 2 vCPU (1/8 shared physical core) and 1 GB RAM',
  },
  {
    name: 'e2-small',
    guestCpus: 2,
    memoryMb: 2048,
    isSharedCpu: true,
    description: 'Efficient Instance, 2 vCPU (1/4 shared physical core) and 2 GB RAM',
  },
  {
    name: 'e2-medium',
    guestCpus: 2,
    memoryMb: 4096,
    isSharedCpu: true,
    description: 'Efficient Instance, 2 vCPU (1/2 shared physical core) and 4 GB RAM',
  },
  {
    name: 'e2-standard-2',
    guestCpus: 2,
    memoryMb: 8192,
    isSharedCpu: false,
    description: 'Efficient Instance, 2 vCPUs, 8 GB RAM',
  },
  {
    name: 'e2-standard-4',
    guestCpus: 4,
    memoryMb: 16384,
    isSharedCpu: false,
    description: 'Efficient Instance, 4 vCPUs, 16 GB RAM',
  },
  {
    name: 'n2-standard-2',
    guestCpus: 2,
    memoryMb: 8192,
    isSharedCpu: false,
    description: '2 vCPUs 8 GB RAM',
  },
  {
    name: 'n2-standard-4',
    guestCpus: 4,
    memoryMb: 16384,
    isSharedCpu: false,
    description: '4 vCPUs 16 GB RAM',
  },
  {
    name: 'n2-standard-8',
    guestCpus: 8,
    memoryMb: 32768,
    isSharedCpu: false,
    description: '8 vCPUs 32 GB RAM',
  },
];

export const DISK_TYPES = ['pd-standard', 'pd-balanced', 'pd-ssd', 'pd-extreme', 'hyperdisk-balanced'];

export const DEFAULT_NETWORK = 'default';

export function regionOfZone(zone: string): RegionInfo | undefined {
  return REGIONS.find((r) => r.zones.includes(zone));
}

export function findRegion(name: string): RegionInfo | undefined {
  return REGIONS.find((r) => r.name === name);
}

export function findMachineType(name: string): MachineTypeInfo | undefined {
  return MACHINE_TYPES.find((m) => m.name === name);
}

/** A stable numeric id for a catalogue entry (GCE ids are uint64 decimal strings). */
export function catalogueId(name: string): string {
  let h = 1469598103934665603n;
  for (const c of name) h = ((h ^ BigInt(c.charCodeAt(0))) * 1099511628211n) & 0xffffffffffffffffn;
  return h.toString();
}
