'use client';
// The policy form's fields for the network and identity rules: enforced VPC/network with subnets
// and no public IP, enforced or allowed security groups (named as the policy's platform names
// them), network tags, and the instance identity.
import { ChipPicker } from '../../components/chip-picker';
import { CheckField, TextField } from '../../components/form-field';
import type { RuleFieldsProps } from './policy-rule-part';
import { usePrivateCloudSuggestions } from './private-cloud-suggestions';

export function EnforcedNetworkRule(props: RuleFieldsProps) {
  const { draft, change, rule } = props;
  const listed = usePrivateCloudSuggestions(props);
  return (
    <>
      <div className="form-grid">
        <TextField
          id="policy-vpc"
          label="AWS VPC"
          placeholder="vpc-0abc1234"
          error={rule('vpcId')}
          value={draft.vpcId}
          onChange={(vpcId) => change({ vpcId })}
        />
        <TextField
          id="policy-network"
          label="GCE network"
          error={rule('network')}
          value={draft.network}
          onChange={(network) => change({ network })}
        />
      </div>
      <div className="form-grid">
        <ChipPicker
          id="policy-subnets"
          label="AWS subnets"
          values={draft.subnetIds}
          error={rule('subnetIds')}
          onChange={(subnetIds) => change({ subnetIds })}
        />
        <ChipPicker
          id="policy-subnetworks"
          label="GCE subnetworks"
          hint="Also the networks allowed on OpenStack and CloudStack; the first is used when a farm role names none."
          values={draft.subnetworks}
          suggestions={listed?.networks.map((n) => n.name)}
          error={rule('subnetworks')}
          onChange={(subnetworks) => change({ subnetworks })}
        />
      </div>
      <CheckField
        id="policy-no-public-ip"
        label="No public / external IP on any instance"
        checked={draft.noPublicIp}
        onChange={(noPublicIp) => change({ noPublicIp })}
      />
    </>
  );
}

export function SecurityGroupsRule(props: RuleFieldsProps) {
  const { draft, change, rule } = props;
  const enforced = draft.kind === 'enforced-security-groups';
  const listed = usePrivateCloudSuggestions(props);
  return (
    <ChipPicker
      id="policy-security-groups"
      label={enforced ? 'Security groups' : 'Allowed security groups'}
      hint={securityGroupsHint(draft.platform, enforced)}
      placeholder={draft.platform === 'openstack' || draft.platform === 'cloudstack' ? 'web' : 'sg-…'}
      values={draft.securityGroupIds}
      suggestions={listed?.securityGroups.map((g) => g.name)}
      error={rule(enforced ? 'securityGroupIds' : 'securityGroups') ?? rule('')}
      onChange={(securityGroupIds) => change({ securityGroupIds })}
    />
  );
}

/** How the policy's platform names its groups, and what the rule does with them. */
function securityGroupsHint(platform: RuleFieldsProps['draft']['platform'], enforced: boolean): string {
  const named =
    platform === 'openstack'
      ? 'OpenStack security group names or ids'
      : platform === 'cloudstack'
        ? 'CloudStack security group names'
        : platform === 'gce'
          ? 'GCE has none: use network tags'
          : 'sg- ids (every platform: AWS instances only)';
  return enforced
    ? `Up to 5 ${named}, added to every instance.`
    : `${named}; the only ones farm roles may use (a family may end in *).`;
}

export function NetworkTagsRule({ draft, change, rule }: RuleFieldsProps) {
  return (
    <ChipPicker
      id="policy-network-tags"
      label="Network tags"
      values={draft.networkTags}
      error={rule('networkTags')}
      onChange={(networkTags) => change({ networkTags })}
    />
  );
}

export function InstanceIdentityRule({ draft, change, rule }: RuleFieldsProps) {
  return (
    <div className="form-grid">
      <TextField
        id="policy-instance-profile"
        label="AWS IAM instance profile"
        error={rule('iamInstanceProfile') ?? rule('')}
        value={draft.iamInstanceProfile}
        onChange={(iamInstanceProfile) => change({ iamInstanceProfile })}
      />
      <TextField
        id="policy-service-account"
        label="GCE service account"
        error={rule('serviceAccount')}
        value={draft.serviceAccount}
        onChange={(serviceAccount) => change({ serviceAccount })}
      />
    </div>
  );
}
