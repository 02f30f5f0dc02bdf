// Validates an instances.insert body the way Compute Engine does (the checks Drover's driver
// can trip over), answering 400 `invalid` with GCE's field paths, and reduces it to an InstanceSpec.
import { DEFAULT_NETWORK, DISK_TYPES, findMachineType } from './catalogue';
import { invalid, invalidField } from './errors';
import type { AttachedDiskRecord, InstanceSpec } from './instance-record';
import type { Json } from './representation';

const RFC1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const IMAGE =
  /^(https?:\/\/[^/\s]+\/compute\/(v1|beta)\/)?(projects\/[a-z][-a-z0-9.:]*[a-z0-9]\/)?global\/images\/(family\/)?[a-z]([-a-z0-9]*[a-z0-9])?$/;
const METADATA_KEY = /^[a-zA-Z0-9_-]{1,128}$/;
const METADATA_MAX_BYTES = 512 * 1024;

const asObject = (v: unknown): Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const lastSegment = (url: string, collection: string) => {
  const m = new RegExp(`(?:^|/)${collection}/([^/]+)$`).exec(url);
  return m?.[1];
};

export function parseInstanceSpec(body: Json, zone: string, project: string): InstanceSpec {
  const name = body.name;
  if (typeof name !== 'string' || !RFC1035.test(name))
    throw invalidField(
      'resource.name',
      name ?? '',
      "Must be a match of regex '[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?'",
    );

  const machineTypeUrl = String(body.machineType ?? '');
  const machineType = lastSegment(machineTypeUrl, 'machineTypes');
  const machineZone = /zones\/([^/]+)\/machineTypes\//.exec(machineTypeUrl)?.[1];
  if (!machineType || (machineZone && machineZone !== zone))
    throw invalidField('resource.machineType', machineTypeUrl, 'Invalid machine type URL.');
  if (!findMachineType(machineType))
    throw invalidField(
      'resource.machineType',
      machineTypeUrl,
      `Machine type with name '${machineType}' does not exist in zone '${zone}'.`,
    );

  const disks = parseDisks(asArray(body.disks), zone);
  const network = parseNetwork(asArray(body.networkInterfaces), project);
  return {
    name,
    description: typeof body.description === 'string' ? body.description : '',
    machineType,
    sourceImage: disks.sourceImage,
    labels: parseLabels(asObject(body.labels)),
    networkTags: parseNetworkTags(asArray(asObject(body.tags).items)),
    metadata: parseMetadata(asArray(asObject(body.metadata).items)),
    serviceAccounts: asArray(body.serviceAccounts).map((sa) => ({
      email: String(asObject(sa).email ?? 'default'),
      scopes: asArray(asObject(sa).scopes).map(String),
    })),
    ...network,
    disks: disks.attached,
  };
}

function parseDisks(disks: unknown[], zone: string): { sourceImage: string; attached: AttachedDiskRecord[] } {
  let sourceImage: string | undefined;
  const attached = disks.map((raw, i): AttachedDiskRecord => {
    const disk = asObject(raw);
    const init = asObject(disk.initializeParams);
    const boot = disk.boot === true;
    if (boot) {
      const image = init.sourceImage;
      if (typeof image !== 'string' || !IMAGE.test(image))
        throw invalidField(
          `resource.disks[${i}].initializeParams.sourceImage`,
          image ?? '',
          'The URL is malformed.',
        );
      sourceImage = image;
    }
    const typeUrl = typeof init.diskType === 'string' ? init.diskType : 'pd-standard';
    const diskType = lastSegment(typeUrl, 'diskTypes') ?? typeUrl;
    if (
      !DISK_TYPES.includes(diskType) ||
      (typeUrl.includes('/zones/') && !typeUrl.includes(`/zones/${zone}/`))
    )
      throw invalidField(
        `resource.disks[${i}].initializeParams.diskType`,
        typeUrl,
        'The referenced disk type cannot be found.',
      );
    const size = init.diskSizeGb === undefined ? 10 : Number(init.diskSizeGb);
    if (!Number.isInteger(size) || size < 1 || size > 65_536)
      throw invalidField(
        `resource.disks[${i}].initializeParams.diskSizeGb`,
        init.diskSizeGb,
        'Must be between 1 and 65536.',
      );
    return {
      deviceName:
        typeof disk.deviceName === 'string'
          ? disk.deviceName
          : boot
            ? 'persistent-disk-0'
            : `persistent-disk-${i}`,
      boot,
      autoDelete: disk.autoDelete === true,
      diskSizeGb: size,
      diskType,
    };
  });
  if (attached.filter((d) => d.boot).length !== 1 || !sourceImage)
    throw invalid("Invalid value for field 'resource.disks': ''. Exactly one boot disk must be specified.");
  return { sourceImage, attached };
}

function parseNetwork(interfaces: unknown[], project: string) {
  const nic = asObject(interfaces[0]);
  const networkUrl = typeof nic.network === 'string' ? nic.network : `global/networks/${DEFAULT_NETWORK}`;
  const network = lastSegment(networkUrl, 'networks') ?? networkUrl;
  if (network !== DEFAULT_NETWORK)
    throw invalidField(
      'resource.networkInterfaces[0].network',
      `projects/${project}/global/networks/${network}`,
      'The referenced network resource cannot be found.',
    );
  const subnetworkUrl = typeof nic.subnetwork === 'string' ? nic.subnetwork : DEFAULT_NETWORK;
  const subnetwork = lastSegment(subnetworkUrl, 'subnetworks') ?? subnetworkUrl;
  if (subnetwork !== DEFAULT_NETWORK)
    throw invalidField(
      'resource.networkInterfaces[0].subnetwork',
      subnetworkUrl,
      'The referenced subnetwork resource cannot be found.',
    );
  const externalIp = asArray(nic.accessConfigs).some(
    (ac) => (asObject(ac).type ?? 'ONE_TO_ONE_NAT') === 'ONE_TO_ONE_NAT',
  );
  return { network, subnetwork, externalIp };
}

function parseLabels(labels: Json): Record<string, string> {
  const entries = Object.entries(labels);
  if (entries.length > 64) throw invalidField('resource.labels', '', 'Resources can have at most 64 labels.');
  for (const [key, value] of entries) {
    if (!LABEL_KEY.test(key))
      throw invalidField(
        'resource.labels',
        '',
        `Label key '${key}' violates format constraints. The key must start with a lowercase character, can only contain lowercase letters, numeric characters, underscores and dashes. The key can be at most 63 characters long. International characters are allowed.`,
      );
    if (typeof value !== 'string' || !LABEL_VALUE.test(value))
      throw invalidField(
        'resource.labels',
        '',
        `Label value '${String(value)}' violates format constraints. The value can only contain lowercase letters, numeric characters, underscores and dashes. The value can be at most 63 characters long. International characters are allowed.`,
      );
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function parseNetworkTags(items: unknown[]): string[] {
  return items.map((tag, i) => {
    if (typeof tag !== 'string' || !RFC1035.test(tag))
      throw invalidField(
        `resource.tags.items[${i}]`,
        tag,
        "Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'",
      );
    return tag;
  });
}

function parseMetadata(items: unknown[]): { key: string; value: string }[] {
  let bytes = 0;
  return items.map((raw, i) => {
    const item = asObject(raw);
    const key = item.key;
    if (typeof key !== 'string' || !METADATA_KEY.test(key))
      throw invalidField(
        `resource.metadata.items[${i}].key`,
        key,
        "Must be a match of regex '[a-zA-Z0-9-_]{1,128}'",
      );
    const value = typeof item.value === 'string' ? item.value : '';
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
    if (bytes > METADATA_MAX_BYTES) throw invalidField('resource.metadata', '', 'Metadata exceeds 512 KB.');
    return { key, value };
  });
}
