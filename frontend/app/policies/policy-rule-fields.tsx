'use client';
// The fields of one Governance rule kind in the policy form, one component per kind.
import type { ComponentType } from 'react';
import type { PolicyDraft } from '../../lib/policy-draft';
import { CatalogRule } from './policy-catalog-rule';
import {
  AllowedImagesRule,
  AllowedRolesRule,
  AutoTagsRule,
  FarmLeaseRule,
  MaxInstancesRule,
  NamingRule,
  RequiredTagsRule,
} from './policy-farm-rules';
import {
  EnforcedNetworkRule,
  InstanceIdentityRule,
  NetworkTagsRule,
  SecurityGroupsRule,
} from './policy-network-rules';
import type { RuleFieldsProps } from './policy-rule-part';

const RULE_EDITORS: Record<PolicyDraft['kind'], ComponentType<RuleFieldsProps>> = {
  'allowed-locations': CatalogRule,
  'allowed-instance-types': CatalogRule,
  'allowed-roles': AllowedRolesRule,
  'allowed-images': AllowedImagesRule,
  'enforced-network': EnforcedNetworkRule,
  'enforced-security-groups': SecurityGroupsRule,
  'allowed-security-groups': SecurityGroupsRule,
  'network-tags': NetworkTagsRule,
  'required-tags': RequiredTagsRule,
  'auto-tags': AutoTagsRule,
  'max-instances': MaxInstancesRule,
  'instance-identity': InstanceIdentityRule,
  'farm-lease': FarmLeaseRule,
  naming: NamingRule,
};

export function RuleFields(props: RuleFieldsProps) {
  const Editor = RULE_EDITORS[props.draft.kind];
  return <Editor {...props} />;
}
