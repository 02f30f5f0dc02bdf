// LaunchSpec + resolved ids → deployVirtualMachine's parameters. The VM's name is the Drover
// server id (how a launch finds its VM again); its display name is the spec's name. User data is
// base64 as CloudStack wants it (the client POSTs when it is long).
import type { LaunchSpec } from '../../../domain/clouds/launch-spec';
import type { Params } from './client/signing';

export interface Placement {
  zoneId: string;
  serviceOfferingId: string;
  /** Network ids (names already resolved); empty: the zone's default network. */
  networkIds: string[];
  /** The disk offering of the one data disk, if the spec has one. */
  diskOfferingId: string | undefined;
}

export function placementParams(spec: LaunchSpec, placement: Placement): Params {
  const cs = spec.cloudstack;
  const volume = spec.volumes[0];
  return {
    zoneid: placement.zoneId,
    serviceofferingid: placement.serviceOfferingId,
    templateid: spec.imageId,
    name: spec.serverId,
    displayname: spec.name.slice(0, 255),
    ...(placement.networkIds.length > 0 ? { networkids: placement.networkIds.join(',') } : {}),
    ...(cs?.securityGroups.length ? { securitygroupnames: cs.securityGroups.join(',') } : {}),
    ...(cs?.keyPair ? { keypair: cs.keyPair } : {}),
    ...(spec.userData !== undefined
      ? { userdata: Buffer.from(spec.userData, 'utf8').toString('base64') }
      : {}),
    ...(volume && placement.diskOfferingId
      ? { diskofferingid: placement.diskOfferingId, size: String(volume.sizeGiB) }
      : {}),
  };
}
