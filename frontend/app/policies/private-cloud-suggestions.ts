'use client';
// Suggestions for an OpenStack or CloudStack policy's images, networks and security groups: what
// the cloud behind the environment's first credentials of the policy's platform lists in its first
// region (the farm form's placement choices). Other platforms, and no such credentials: none.
import type { PlacementChoices } from '../../../functions/domain/schemas/cloud-catalog';
import { useLocations, usePlacementChoices } from '../../lib/use-cloud-catalog';
import type { RuleFieldsProps } from './policy-rule-part';

export function usePrivateCloudSuggestions({
  draft,
  environmentId,
  credentials,
}: Pick<RuleFieldsProps, 'draft' | 'environmentId' | 'credentials'>): PlacementChoices | undefined {
  const privateCloud = draft.platform === 'openstack' || draft.platform === 'cloudstack';
  const source = privateCloud ? (credentials?.find((c) => c.platform === draft.platform)?.id ?? '') : '';
  const locations = useLocations(environmentId, source);
  const region = locations.data?.[0]?.region ?? '';
  return usePlacementChoices(environmentId, source, region).data;
}
