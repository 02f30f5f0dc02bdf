'use client';
// A farm role's network: on AWS the VPC, subnets, security groups, instance profile and public
// IP; on GCE the network, subnetwork, network tags, service account and external IP. Errors sit
// under the shared schema's paths (`farmRoles.0.network.subnetIds`).
import { CheckField, TextField } from '../form-field';
import { CloudStackNetworkFields } from './cloudstack-network-fields';
import type { FarmRolePartProps } from './farm-role-part';
import { OpenStackNetworkFields } from './openstack-network-fields';

function AwsNetworkFields({ draft, set, field }: FarmRolePartProps) {
  const setAws = (patch: Partial<typeof draft.aws>) => set({ aws: { ...draft.aws, ...patch } });
  return (
    <div className="form-grid">
      <TextField
        {...field('network.vpcId')}
        label="VPC"
        hint="Empty: the default VPC"
        placeholder="vpc-…"
        value={draft.aws.vpcId}
        onChange={(vpcId) => setAws({ vpcId })}
      />
      <TextField
        {...field('network.subnetIds')}
        label="Subnets"
        hint="Comma-separated"
        placeholder="subnet-…"
        value={draft.aws.subnetIds}
        onChange={(subnetIds) => setAws({ subnetIds })}
      />
      <TextField
        {...field('network.securityGroupIds')}
        label="Security groups"
        hint="Comma-separated"
        placeholder="sg-…"
        value={draft.aws.securityGroupIds}
        onChange={(securityGroupIds) => setAws({ securityGroupIds })}
      />
      <TextField
        {...field('iamInstanceProfile')}
        label="IAM instance profile"
        value={draft.aws.iamInstanceProfile}
        onChange={(iamInstanceProfile) => setAws({ iamInstanceProfile })}
      />
      <CheckField
        id={field('network.associatePublicIp').id}
        label="Public IP address"
        checked={draft.aws.associatePublicIp}
        onChange={(associatePublicIp) => setAws({ associatePublicIp })}
      />
    </div>
  );
}

function GceNetworkFields({ draft, set, field }: FarmRolePartProps) {
  const setGce = (patch: Partial<typeof draft.gce>) => set({ gce: { ...draft.gce, ...patch } });
  return (
    <div className="form-grid">
      <TextField
        {...field('network.network')}
        label="Network"
        value={draft.gce.network}
        onChange={(network) => setGce({ network })}
      />
      <TextField
        {...field('network.subnetwork')}
        label="Subnetwork"
        value={draft.gce.subnetwork}
        onChange={(subnetwork) => setGce({ subnetwork })}
      />
      <TextField
        {...field('network.networkTags')}
        label="Network tags"
        hint="Comma-separated"
        value={draft.gce.networkTags}
        onChange={(networkTags) => setGce({ networkTags })}
      />
      <TextField
        {...field('serviceAccount')}
        label="Service account"
        type="email"
        value={draft.gce.serviceAccount}
        onChange={(serviceAccount) => setGce({ serviceAccount })}
      />
      <CheckField
        id={field('network.externalIp').id}
        label="External IP address"
        checked={draft.gce.externalIp}
        onChange={(externalIp) => setGce({ externalIp })}
      />
    </div>
  );
}

const NETWORK_FIELDS = {
  aws: AwsNetworkFields,
  gce: GceNetworkFields,
  openstack: OpenStackNetworkFields,
  cloudstack: CloudStackNetworkFields,
} as const;

/** `environmentId` reaches the private clouds' pickers, which list the cloud's networks through the API. */
export function FarmRoleNetwork(props: FarmRolePartProps & { environmentId: string | undefined }) {
  const Fields = NETWORK_FIELDS[props.draft.platform];
  return <Fields {...props} />;
}
