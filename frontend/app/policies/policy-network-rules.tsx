'use client';
// The policy form's fields for the network and identity rules: enforced VPC/network with subnets
// and no public IP, enforced security groups, network tags, and the instance identity.
import { ChipPicker } from '../../components/chip-picker';
import { CheckField, TextField } from '../../components/form-field';
import type { RuleFieldsProps } from './policy-rule-part';

export function EnforcedNetworkRule({ draft, change, rule }: RuleFieldsProps) {
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
          hint="Also the networks allowed on CloudStack; the first is used when a farm role names none."
          values={draft.subnetworks}
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

export function SecurityGroupsRule({ draft, change, rule }: RuleFieldsProps) {
  return (
    <ChipPicker
      id="policy-security-groups"
      label="Security groups"
      hint="Up to 5 sg- ids, added to every AWS instance."
      values={draft.securityGroupIds}
      error={rule('securityGroupIds')}
      onChange={(securityGroupIds) => change({ securityGroupIds })}
    />
  );
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
