'use client';
// The allowed-locations and allowed-instance-types rules: regions, zones or instance types as
// chips, suggested from what the cloud behind one of the environment's credentials offers (the
// farm form's catalog endpoints), or typed (`t3.*`).
import { useState } from 'react';
import { ChipPicker } from '../../components/chip-picker';
import { choicesOf, SelectField } from '../../components/form-choices';
import type { CloudCredentials } from '../../lib/api-client';
import { useInstanceTypes, useLocations } from '../../lib/use-cloud-catalog';
import type { RuleFieldsProps } from './policy-rule-part';

type Locations = ReturnType<typeof useLocations>;

function sourceHint(locations: Locations, usable: CloudCredentials[]): string {
  if (locations.error) return `Cannot list the cloud: ${locations.error.detail ?? locations.error.title}`;
  return usable.length === 0
    ? 'No credentials for this platform: type the values.'
    : 'The cloud behind these credentials.';
}

function AllowedLocations({ draft, change, rule, locations }: RuleFieldsProps & { locations: Locations }) {
  const regions = locations.data?.map((l) => l.region) ?? [];
  const zones = (locations.data ?? [])
    .filter((l) => draft.regions.length === 0 || draft.regions.includes(l.region))
    .flatMap((l) => l.zones);
  return (
    <div className="form-grid">
      <ChipPicker
        id="policy-regions"
        label="Allowed regions"
        placeholder="eu-west-1"
        values={draft.regions}
        suggestions={regions}
        error={rule('regions')}
        onChange={(next) => change({ regions: next })}
      />
      <ChipPicker
        id="policy-zones"
        label="Allowed zones"
        hint="Empty: any zone of an allowed region."
        values={draft.zones}
        suggestions={zones}
        error={rule('zones')}
        onChange={(next) => change({ zones: next })}
      />
    </div>
  );
}

export function CatalogRule(props: RuleFieldsProps) {
  const { draft, change, rule, environmentId, credentials } = props;
  const usable = (credentials ?? []).filter((c) => !draft.platform || c.platform === draft.platform);
  const [chosen, setChosen] = useState('');
  const credentialsId = usable.some((c) => c.id === chosen) ? chosen : (usable[0]?.id ?? '');
  const locations = useLocations(environmentId, credentialsId);
  const regions = locations.data?.map((l) => l.region) ?? [];
  const [typesRegion, setTypesRegion] = useState('');
  const region = typesRegion || draft.regions.find((r) => regions.includes(r)) || regions[0] || '';
  const forTypes = draft.kind === 'allowed-instance-types';
  const types = useInstanceTypes(environmentId, forTypes ? credentialsId : '', region);
  return (
    <>
      <div className="form-grid catalog-source">
        <SelectField
          id="policy-catalog"
          label="Suggestions from"
          hint={sourceHint(locations, usable)}
          options={usable.map((c) => ({ value: c.id, label: `${c.name} (${c.platform.toUpperCase()})` }))}
          value={credentialsId}
          onChange={setChosen}
          disabled={!usable.length}
        />
        {forTypes && (
          <SelectField
            id="policy-catalog-region"
            label="Types of region"
            options={choicesOf(regions)}
            value={region}
            onChange={setTypesRegion}
            disabled={!regions.length}
          />
        )}
      </div>
      {forTypes ? (
        <ChipPicker
          id="policy-instance-types"
          label="Allowed instance types"
          placeholder="t3.small or t3.*"
          hint="Pick from the list or type a family ending in *."
          values={draft.instanceTypes}
          suggestions={types.data?.map((t) => t.name)}
          error={rule('instanceTypes')}
          onChange={(next) => change({ instanceTypes: next })}
        />
      ) : (
        <AllowedLocations {...props} locations={locations} />
      )}
    </>
  );
}
