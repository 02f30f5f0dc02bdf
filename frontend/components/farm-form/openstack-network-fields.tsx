'use client';
// An OpenStack farm role's placement: Neutron networks and security groups and the Nova key pair,
// from the cloud's lists (private-cloud-pickers.tsx), and the server group. Empty networks mean
// Nova's `auto` (the project's own network).
import { TextField } from '../form-field';
import type { FarmRolePartProps } from './farm-role-part';
import { PrivateCloudPickers } from './private-cloud-pickers';

export function OpenStackNetworkFields(props: FarmRolePartProps & { environmentId: string | undefined }) {
  const { draft, set, field } = props;
  const setOpenStack = (patch: Partial<typeof draft.openstack>) =>
    set({ openstack: { ...draft.openstack, ...patch } });
  return (
    <div className="form-grid">
      <PrivateCloudPickers
        {...props}
        keyPath="network.keyName"
        hints={{ networks: 'Empty: the project’s own network', securityGroups: 'Empty: default' }}
        value={{ ...draft.openstack, keyPair: draft.openstack.keyName }}
        onChange={({ keyPair, ...lists }) =>
          setOpenStack({ ...lists, ...(keyPair !== undefined ? { keyName: keyPair } : {}) })
        }
      />
      <TextField
        {...field('network.serverGroup')}
        label="Server group"
        hint="A server group id (affinity or anti-affinity)"
        value={draft.openstack.serverGroup}
        onChange={(serverGroup) => setOpenStack({ serverGroup })}
      />
    </div>
  );
}
