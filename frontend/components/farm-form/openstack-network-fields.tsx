'use client';
// An OpenStack farm role's placement: Neutron networks and security groups (names or ids), the
// Nova key pair and server group. Empty networks mean Nova's `auto` (the project's own network).
import { TextField } from '../form-field';
import type { FarmRolePartProps } from './farm-role-part';

export function OpenStackNetworkFields({ draft, set, field }: FarmRolePartProps) {
  const setOpenStack = (patch: Partial<typeof draft.openstack>) =>
    set({ openstack: { ...draft.openstack, ...patch } });
  return (
    <div className="form-grid">
      <TextField
        {...field('network.networks')}
        label="Networks"
        hint="Comma-separated names or ids; empty: the project’s own network"
        value={draft.openstack.networks}
        onChange={(networks) => setOpenStack({ networks })}
      />
      <TextField
        {...field('network.securityGroups')}
        label="Security groups"
        hint="Comma-separated; empty: default"
        value={draft.openstack.securityGroups}
        onChange={(securityGroups) => setOpenStack({ securityGroups })}
      />
      <TextField
        {...field('network.keyName')}
        label="Key pair"
        value={draft.openstack.keyName}
        onChange={(keyName) => setOpenStack({ keyName })}
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
