'use client';
// A farm role's region, instance type and zones, chosen from what the cloud behind its
// credentials lists. When the cloud cannot be asked, region and type become free text with the
// reason as the field's error; a saved value the cloud does not list (any more) stays choosable,
// so opening a farm never changes it.
import type { InstanceType } from '../../lib/api-client';
import { useInstanceTypes, type useLocations } from '../../lib/use-cloud-catalog';
import { choicesOf, SelectField } from '../form-choices';
import { CheckField, TextField } from '../form-field';
import type { FarmRolePartProps } from './farm-role-part';

type Locations = ReturnType<typeof useLocations>;
type LocationProps = FarmRolePartProps & { environmentId: string | undefined; locations: Locations };

function typeLabel(t: InstanceType): string {
  const size = [
    t.vcpus !== undefined ? `${t.vcpus} vCPU` : '',
    t.memoryMiB !== undefined ? `${+(t.memoryMiB / 1024).toFixed(1)} GiB` : '',
  ].filter(Boolean);
  return size.length ? `${t.name} — ${size.join(', ')}` : t.name;
}

function cannotList(what: string, error: { detail?: string; title: string } | undefined): string | undefined {
  return error ? `Cannot list ${what}: ${error.detail ?? error.title}` : undefined;
}

function RegionField({ draft, set, field, locations }: LocationProps) {
  const { id, error } = field('region');
  const regionError = error ?? cannotList('regions', locations.error);
  if (locations.error) {
    return (
      <TextField
        id={id}
        label="Region"
        error={regionError}
        value={draft.region}
        onChange={(region) => set({ region })}
      />
    );
  }
  const regions = locations.data?.map((l) => l.region) ?? [];
  if (draft.region && !regions.includes(draft.region)) regions.unshift(draft.region);
  const prompt = !draft.credentialsId
    ? 'Choose credentials first'
    : locations.data
      ? 'Choose a region'
      : 'Loading…';
  return (
    <SelectField
      id={id}
      label="Region"
      error={regionError}
      empty={prompt}
      options={choicesOf(regions)}
      value={draft.region}
      onChange={(region) => {
        const zones = locations.data?.find((l) => l.region === region)?.zones ?? [];
        set({ region, zones: zones.slice(0, 1), instanceType: draft.instanceType });
      }}
      disabled={!draft.credentialsId}
    />
  );
}

function InstanceTypeField({ draft, set, field, environmentId }: LocationProps) {
  const types = useInstanceTypes(environmentId, draft.credentialsId, draft.region);
  const { id, error } = field('instanceType');
  const typeError = error ?? cannotList('instance types', types.error);
  const setType = (instanceType: string) => set({ instanceType });
  if (types.error) {
    return (
      <TextField
        id={id}
        label="Instance type"
        error={typeError}
        value={draft.instanceType}
        onChange={setType}
      />
    );
  }
  const listed = types.data ?? [];
  const saved = draft.instanceType && !listed.some((t) => t.name === draft.instanceType);
  const options = [
    ...(saved ? [{ value: draft.instanceType, label: draft.instanceType }] : []),
    ...listed.map((t) => ({ value: t.name, label: typeLabel(t) })),
  ];
  const prompt = !draft.region ? 'Choose a region first' : types.data ? 'Choose a type' : 'Loading…';
  return (
    <SelectField
      id={id}
      label="Instance type"
      error={typeError}
      empty={prompt}
      options={options}
      value={draft.instanceType}
      onChange={setType}
      disabled={!draft.region}
    />
  );
}

export function FarmRoleRegionAndType(props: LocationProps) {
  return (
    <>
      <RegionField {...props} />
      <InstanceTypeField {...props} />
    </>
  );
}

export function FarmRoleZones({ draft, set, field, locations }: Omit<LocationProps, 'environmentId'>) {
  const zoneOptions = [...(locations.data?.find((l) => l.region === draft.region)?.zones ?? [])];
  for (const zone of draft.zones) if (!zoneOptions.includes(zone)) zoneOptions.push(zone);
  const { id, error } = field('zones');
  const toggleZone = (zone: string, on: boolean) => {
    const zones = on ? [...draft.zones, zone] : draft.zones.filter((z) => z !== zone);
    set({ zones: zoneOptions.filter((z) => zones.includes(z)) });
  };
  return (
    <fieldset className="zones" aria-describedby={`${id}-error`}>
      <legend>Zones</legend>
      <div className="zone-list">
        {zoneOptions.length === 0 && (
          <span className="muted">
            {draft.region ? 'Loading zones…' : 'Choose a region to see its zones'}
          </span>
        )}
        {zoneOptions.map((zone) => (
          <CheckField
            key={zone}
            id={field(`zone-${zone}`).id}
            label={zone}
            checked={draft.zones.includes(zone)}
            onChange={(on) => toggleZone(zone, on)}
          />
        ))}
      </div>
      <p className="field-error" id={`${id}-error`}>
        {error ?? ''}
      </p>
    </fieldset>
  );
}
