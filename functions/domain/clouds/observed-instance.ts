// An instance as a cloud reports it, normalised across platforms: what the planner reasons about
// and what every cloud driver returns. A domain type (the domain never imports a port; the
// CloudDriver port speaks in these).

import type { Platform } from '../schemas/common';

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
