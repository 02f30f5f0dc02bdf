'use client';
// A CloudStack farm role's placement: guest networks (names or ids in the zone), security groups
// and the SSH key pair. Empty networks mean the zone's default network.
import { TextField } from '../form-field';
import type { FarmRolePartProps } from './farm-role-part';

export function CloudStackNetworkFields({ draft, set, field }: FarmRolePartProps) {
  const setCloudStack = (patch: Partial<typeof draft.cloudstack>) =>
    set({ cloudstack: { ...draft.cloudstack, ...patch } });
  return (
    <div className="form-grid">
      <TextField
        {...field('network.networks')}
        label="Networks"
        hint="Comma-separated names or ids; empty: the zone’s default network"
        value={draft.cloudstack.networks}
        onChange={(networks) => setCloudStack({ networks })}
      />
      <TextField
        {...field('network.securityGroups')}
        label="Security groups"
        hint="Comma-separated names; empty: default"
        value={draft.cloudstack.securityGroups}
        onChange={(securityGroups) => setCloudStack({ securityGroups })}
      />
      <TextField
        {...field('network.keyPair')}
        label="Key pair"
        value={draft.cloudstack.keyPair}
        onChange={(keyPair) => setCloudStack({ keyPair })}
      />
    </div>
  );
}
