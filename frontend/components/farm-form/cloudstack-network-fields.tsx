'use client';
// A CloudStack farm role's placement: guest networks of the zone, security groups and the SSH key
// pair, from the cloud's lists (private-cloud-pickers.tsx). Empty networks mean the zone's
// default network.
import type { FarmRolePartProps } from './farm-role-part';
import { PrivateCloudPickers } from './private-cloud-pickers';

export function CloudStackNetworkFields(props: FarmRolePartProps & { environmentId: string | undefined }) {
  const { draft, set } = props;
  return (
    <div className="form-grid">
      <PrivateCloudPickers
        {...props}
        keyPath="network.keyPair"
        hints={{ networks: 'Empty: the zone’s default network', securityGroups: 'Empty: default' }}
        value={draft.cloudstack}
        onChange={(patch) => set({ cloudstack: { ...draft.cloudstack, ...patch } })}
      />
    </div>
  );
}
