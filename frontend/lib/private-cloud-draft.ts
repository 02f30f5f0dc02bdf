// The farm form's OpenStack and CloudStack placement both ways: the stored network as the form's
// comma-separated text, and that text as the spec's `network` (lists split on commas only, since
// their names may hold spaces; empty names left out).
import type { StoredFarmRole } from '../../functions/domain/schemas/farm';
import { nameList, optionalText } from './draft-text';

/** Lists as comma-separated text, as the other platforms' are. */
export interface OpenStackDraft {
  networks: string;
  securityGroups: string;
  keyName: string;
  serverGroup: string;
}

/** Guest networks and security groups as comma-separated text; the key pair's name. */
export interface CloudStackDraft {
  networks: string;
  securityGroups: string;
  keyPair: string;
}

interface PrivateCloudDrafts {
  openstack: OpenStackDraft;
  cloudstack: CloudStackDraft;
}

export function privateCloudDrafts(fr: StoredFarmRole, base: PrivateCloudDrafts): PrivateCloudDrafts {
  return {
    openstack:
      fr.platform === 'openstack'
        ? {
            networks: fr.network.networks.join(', '),
            securityGroups: fr.network.securityGroups.join(', '),
            keyName: fr.network.keyName ?? '',
            serverGroup: fr.network.serverGroup ?? '',
          }
        : base.openstack,
    cloudstack:
      fr.platform === 'cloudstack'
        ? {
            networks: fr.network.networks.join(', '),
            securityGroups: fr.network.securityGroups.join(', '),
            keyPair: fr.network.keyPair ?? '',
          }
        : base.cloudstack,
  };
}

/** The platform and network of an OpenStack or CloudStack farm role draft; undefined for the others. */
export function privateCloudSpec(fr: PrivateCloudDrafts & { platform: string }) {
  if (fr.platform === 'openstack') {
    const keyName = optionalText(fr.openstack.keyName);
    const serverGroup = optionalText(fr.openstack.serverGroup);
    return {
      platform: 'openstack' as const,
      network: {
        networks: nameList(fr.openstack.networks),
        securityGroups: nameList(fr.openstack.securityGroups),
        ...(keyName ? { keyName } : {}),
        ...(serverGroup ? { serverGroup } : {}),
      },
    };
  }
  if (fr.platform === 'cloudstack') {
    const keyPair = optionalText(fr.cloudstack.keyPair);
    return {
      platform: 'cloudstack' as const,
      network: {
        networks: nameList(fr.cloudstack.networks),
        securityGroups: nameList(fr.cloudstack.securityGroups),
        ...(keyPair ? { keyPair } : {}),
      },
    };
  }
  return undefined;
}
