'use client';
// An OpenStack or CloudStack farm role's networks, security groups and key pair, picked from what
// the cloud lists in the farm role's region (the API's placement choices, read once per
// credentials and region); a name may be typed too, and a saved one the cloud no longer lists
// stays. When the cloud cannot be asked, the reason shows under Networks and names are typed.
import { nameList } from '../../lib/draft-text';
import { usePlacementChoices } from '../../lib/use-cloud-catalog';
import { ChipPicker } from '../chip-picker';
import { choicesOf, SelectField } from '../form-choices';
import type { FarmRolePartProps } from './farm-role-part';

/** The comma-separated lists and the key pair of a private cloud draft (private-cloud-draft.ts). */
export interface PrivatePlacementText {
  networks: string;
  securityGroups: string;
  keyPair: string;
}

export function PrivateCloudPickers({
  draft,
  field,
  environmentId,
  value,
  onChange,
  keyPath,
  hints,
}: Pick<FarmRolePartProps, 'draft' | 'field'> & {
  environmentId: string | undefined;
  value: PrivatePlacementText;
  onChange: (patch: Partial<PrivatePlacementText>) => void;
  /** `network.keyName` (OpenStack) or `network.keyPair` (CloudStack). */
  keyPath: string;
  hints: { networks: string; securityGroups: string };
}) {
  const choices = usePlacementChoices(environmentId, draft.credentialsId, draft.region);
  const listed = choices.data;
  const networks = field('network.networks');
  const groups = field('network.securityGroups');
  const key = field(keyPath);
  const cannotList = choices.error && `Cannot list the cloud: ${choices.error.detail ?? choices.error.title}`;
  const keyPairs = [...(listed?.keyPairs ?? [])];
  if (value.keyPair && !keyPairs.includes(value.keyPair)) keyPairs.unshift(value.keyPair);
  return (
    <>
      <ChipPicker
        id={networks.id}
        label="Networks"
        hint={listed ? hints.networks : draft.region ? 'Loading the networks…' : 'Choose a region first'}
        error={networks.error ?? cannotList}
        values={nameList(value.networks)}
        suggestions={listed?.networks.map((n) => n.name)}
        onChange={(next) => onChange({ networks: next.join(', ') })}
      />
      <ChipPicker
        id={groups.id}
        label="Security groups"
        hint={hints.securityGroups}
        error={groups.error}
        values={nameList(value.securityGroups)}
        suggestions={listed?.securityGroups.map((g) => g.name)}
        onChange={(next) => onChange({ securityGroups: next.join(', ') })}
      />
      <SelectField
        id={key.id}
        label="Key pair"
        error={key.error}
        empty="None"
        options={choicesOf(keyPairs)}
        value={value.keyPair}
        onChange={(keyPair) => onChange({ keyPair })}
      />
    </>
  );
}
