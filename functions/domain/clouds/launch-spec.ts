// What Drover asks a cloud to launch for one server: built by the reconciler, amended and checked
// by the policies (domain/policies/enforce-launch.ts), carried out by a cloud driver.

/** Tags (AWS) / labels (GCE) Drover puts on every instance it launches, so observation is a filtered list. */
export const DROVER_TAG_KEYS = {
  accountId: 'drover-account',
  environmentId: 'drover-env',
  farmId: 'drover-farm',
  farmRoleId: 'drover-farm-role',
  serverId: 'drover-server',
} as const;

export interface LaunchVolume {
  sizeGiB: number;
  type: string;
  mountPoint: string;
  iops?: number;
  deleteOnTermination: boolean;
}

export interface LaunchSpec {
  /** The server this instance is for: the idempotency key (EC2 ClientToken, GCE requestId and name). */
  serverId: string;
  /** Human-readable name: the Name tag on AWS; GCE uses the server id as the instance name. */
  name: string;
  region: string;
  zone: string;
  imageId: string;
  instanceType: string;
  volumes: LaunchVolume[];
  /** Includes Drover's own tags (DROVER_TAG_KEYS) and the farm role's. */
  tags: Record<string, string>;
  /** Plain text; the driver encodes it as the platform needs (base64 / metadata startup-script). */
  userData?: string;
  aws?: {
    subnetId?: string;
    securityGroupIds: string[];
    iamInstanceProfile?: string;
    associatePublicIp: boolean;
  };
  gce?: {
    network: string;
    subnetwork?: string;
    networkTags: string[];
    serviceAccount?: string;
    externalIp: boolean;
  };
  openstack?: {
    /** Neutron network ids or names; none: Nova's `auto` (the project's own network). */
    networks: string[];
    /** Security group names or ids; none: the project's `default`. */
    securityGroups: string[];
    keyName?: string;
    /** A Nova server group id (affinity / anti-affinity between the role's servers). */
    serverGroup?: string;
  };
  cloudstack?: {
    /** Guest network ids or names in the zone; none: the zone's default network. */
    networks: string[];
    /** Security group names (Basic zones and security-group-enabled Advanced zones). */
    securityGroups: string[];
    /** An SSH key pair registered in the account. */
    keyPair?: string;
  };
}
