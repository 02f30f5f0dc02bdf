// CloudDriver: the one port through which Drover observes and changes a cloud.
// Drivers observe facts and carry out idempotent actions; they decide nothing (no policy,
// no retries beyond the SDK's own). Platform errors are mapped once, in the driver, to
// CloudError kinds the reconciler can act on. The shapes it speaks in (ObservedInstance,
// LaunchSpec) are domain types: functions/domain/clouds/.

import type { LaunchSpec } from '../domain/clouds/launch-spec';
import type { ObservedInstance } from '../domain/clouds/observed-instance';
import type { Platform } from '../domain/schemas/common';
import type { CloudCredentialsWithSecrets } from '../domain/schemas/credentials';

export interface InstanceFilter {
  accountId: string;
  environmentId?: string;
  farmId?: string;
  farmRoleId?: string;
  serverId?: string;
}

export interface InstanceRef {
  instanceId: string;
  zone: string;
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

/** A private cloud's images, networks, security groups (id and name) and key pair names in one region. */
export interface PlacementChoicesInfo {
  images: { id: string; name: string }[];
  networks: { id: string; name: string }[];
  securityGroups: { id: string; name: string }[];
  keyPairs: string[];
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
  /**
   * OpenStack and CloudStack only: what a farm role may name in a region, for the portal's pickers
   * (AWS and GCE farm roles name ids their consoles show).
   */
  describePlacementChoices?(region: string): Promise<PlacementChoicesInfo>;
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
