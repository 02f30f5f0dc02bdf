// CloudDriver: the one port through which Drover observes and changes a cloud.
// Drivers observe facts and carry out idempotent actions; they decide nothing (no policy,
// no retries beyond the SDK's own). Platform errors are mapped once, in the driver, to
// CloudError kinds the reconciler can act on.

import type { Platform } from '../domain/schemas/common';
import type { CloudCredentialsWithSecrets } from '../domain/schemas/credentials';

/** Tags (AWS) / labels (GCE) Drover puts on every instance it launches. */
export const DROVER_TAG_KEYS = {
  accountId: 'drover-account',
  environmentId: 'drover-env',
  farmId: 'drover-farm',
  farmRoleId: 'drover-farm-role',
  serverId: 'drover-server',
} as const;

export interface InstanceFilter {
  accountId: string;
  environmentId?: string;
  farmId?: string;
  farmRoleId?: string;
  serverId?: string;
}

export type InstanceState = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

/** An instance as the cloud reports it, normalised across platforms. */
export interface ObservedInstance {
  /** EC2 instance id (`i-…`); for GCE the instance name (names are unique per zone and are what the API addresses). */
  instanceId: string;
  platform: Platform;
  region: string;
  zone: string;
  state: InstanceState;
  instanceType: string;
  imageId: string;
  privateIp: string | null;
  publicIp: string | null;
  launchedAt: string;
  /** Drover's ids read back from the tags/labels (absent when the instance lacks them). */
  accountId?: string;
  environmentId?: string;
  farmId?: string;
  farmRoleId?: string;
  serverId?: string;
  tags: Record<string, string>;
}

export interface InstanceRef {
  instanceId: string;
  zone: string;
}

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
}

export interface LocationInfo {
  region: string;
  zones: string[];
}

export interface InstanceTypeInfo {
  name: string;
  vcpus?: number;
  memoryMiB?: number;
}

export interface CloudDriver {
  readonly platform: Platform;
  /** Every instance in the region that carries the filter's Drover tags, all pages. Terminated instances included while the cloud still lists them. */
  listInstances(region: string, filter: InstanceFilter): Promise<ObservedInstance[]>;
  /** Launches one instance; repeating it for the same serverId returns the same instance, never a second one. */
  launch(spec: LaunchSpec): Promise<ObservedInstance>;
  terminate(region: string, instances: InstanceRef[]): Promise<void>;
  stop(region: string, instances: InstanceRef[]): Promise<void>;
  start(region: string, instances: InstanceRef[]): Promise<void>;
  reboot(region: string, instances: InstanceRef[]): Promise<void>;
  describeLocations(): Promise<LocationInfo[]>;
  describeInstanceTypes(region: string): Promise<InstanceTypeInfo[]>;
}

export type CloudErrorKind =
  | 'Throttled'
  | 'CapacityError'
  | 'InvalidSpec'
  | 'AuthError'
  | 'NotFound'
  | 'Transient';

/** The `code` of a CloudError (and of the socket error under it) when the egress guard refused the connection. */
export const EGRESS_REFUSED = 'EGRESS_REFUSED';

export class CloudError extends Error {
  constructor(
    readonly kind: CloudErrorKind,
    message: string,
    readonly details: {
      code?: string;
      /** The HTTP status of the cloud's answer, when there was one. */
      httpStatus?: number;
      retryAfterMs?: number;
      platform?: Platform;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'CloudError';
  }
}

export type CloudDriverFactory = (credentials: CloudCredentialsWithSecrets) => CloudDriver;
