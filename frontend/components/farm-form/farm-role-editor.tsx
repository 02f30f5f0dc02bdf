'use client';
// One farm role in the farm form: placement (platform, role, credentials, region, zones,
// instance type from the cloud's own lists), network, volumes, scaling, timeouts and tags.
// Every field's error comes from the shared schema's path, e.g. `farmRoles.0.zones`.
import type { CloudCredentials, InstanceType, Role } from '../../lib/api-client';
import { emptyVolume, type FarmRoleDraft, type Platform, type VolumeDraft } from '../../lib/farm-draft';
import { errorAt, type FieldErrors } from '../../lib/field-errors';
import { useInstanceTypes, useLocations } from '../../lib/use-cloud-catalog';
import { CheckField, FormField, TextField } from '../form-field';

const platformNames: Record<Platform, string> = { aws: 'AWS EC2', gce: 'Google Compute Engine' };

function typeLabel(t: InstanceType): string {
  const size = [
    t.vcpus !== undefined ? `${t.vcpus} vCPU` : '',
    t.memoryMiB !== undefined ? `${+(t.memoryMiB / 1024).toFixed(1)} GiB` : '',
  ].filter(Boolean);
  return size.length ? `${t.name} — ${size.join(', ')}` : t.name;
}

export function FarmRoleEditor({
  index,
  draft,
  environmentId,
  roles,
  credentials,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  draft: FarmRoleDraft;
  environmentId: string | undefined;
  roles: Role[] | undefined;
  credentials: CloudCredentials[] | undefined;
  errors: FieldErrors;
  onChange: (draft: FarmRoleDraft) => void;
  onRemove: () => void;
}) {
  const at = (field: string) => `farmRoles.${index}.${field}`;
  const err = (field: string) => errorAt(errors, at(field));
  const id = (field: string) => `fr-${index}-${field.replace(/\./g, '-')}`;
  const set = (patch: Partial<FarmRoleDraft>) => onChange({ ...draft, ...patch });

  const platformCredentials = credentials?.filter((c) => c.platform === draft.platform);
  const platformRoles = roles?.filter((r) => r.images.some((image) => image.platform === draft.platform));
  const locations = useLocations(environmentId, draft.credentialsId);
  const types = useInstanceTypes(environmentId, draft.credentialsId, draft.region);
  const regionZones = locations.data?.find((l) => l.region === draft.region)?.zones;
  // A saved value the cloud does not list (any more) stays choosable, so opening a farm never changes it.
  const regionOptions = locations.data?.map((l) => l.region) ?? [];
  if (draft.region && !regionOptions.includes(draft.region)) regionOptions.unshift(draft.region);
  const zoneOptions = [...(regionZones ?? [])];
  for (const zone of draft.zones) if (!zoneOptions.includes(zone)) zoneOptions.push(zone);
  const typeOptions = types.data ?? [];
  const typeKnown = typeOptions.some((t) => t.name === draft.instanceType);

  function setPlatform(platform: Platform) {
    set({
      platform,
      credentialsId: credentials?.find((c) => c.platform === platform)?.id ?? '',
      roleId: '',
      region: '',
      zones: [],
      instanceType: '',
      volumes: draft.volumes.map((v) => ({ ...v, type: platform === 'aws' ? 'gp3' : 'pd-balanced' })),
    });
  }

  function setRole(roleId: string) {
    const role = roles?.find((r) => r.id === roleId);
    set({ roleId, instanceType: draft.instanceType || role?.defaultInstanceTypes[draft.platform] || '' });
  }

  function setRegion(region: string) {
    const zones = locations.data?.find((l) => l.region === region)?.zones ?? [];
    set({ region, zones: zones.slice(0, 1), instanceType: draft.instanceType });
  }

  function toggleZone(zone: string, on: boolean) {
    const zones = on ? [...draft.zones, zone] : draft.zones.filter((z) => z !== zone);
    set({ zones: zoneOptions.filter((z) => zones.includes(z)) });
  }

  function setVolume(i: number, patch: Partial<VolumeDraft>) {
    set({ volumes: draft.volumes.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  }

  return (
    <fieldset className="farm-role-editor" aria-labelledby={id('legend')}>
      <div className="farm-role-editor-head">
        <h3 id={id('legend')}>
          Farm role {index + 1}
          {draft.alias && <span className="muted"> · {draft.alias}</span>}
        </h3>
        <button type="button" className="button button-quiet" onClick={onRemove}>
          Remove <span className="visually-hidden">farm role {draft.alias || index + 1}</span>
        </button>
      </div>

      <div className="form-grid">
        <TextField
          id={id('alias')}
          label="Alias"
          error={err('alias')}
          hint="Used in server names"
          value={draft.alias}
          onChange={(value) => set({ alias: value })}
        />
        <FormField id={id('platform')} label="Platform" error={err('platform')}>
          {(p) => (
            <select
              {...p}
              value={draft.platform}
              onChange={(e) => setPlatform(e.target.value as Platform)}
              disabled={Boolean(draft.id)}
            >
              {(['aws', 'gce'] as const).map((platform) => (
                <option key={platform} value={platform}>
                  {platformNames[platform]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={id('roleId')} label="Role" error={err('roleId')}>
          {(p) => (
            <select {...p} value={draft.roleId} onChange={(e) => setRole(e.target.value)}>
              <option value="">{platformRoles ? 'Choose a role' : 'Loading…'}</option>
              {platformRoles?.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                  {r.osName ? ` (${r.osName})` : ''}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={id('credentialsId')} label="Cloud credentials" error={err('credentialsId')}>
          {(p) => (
            <select
              {...p}
              value={draft.credentialsId}
              onChange={(e) =>
                set({ credentialsId: e.target.value, region: '', zones: [], instanceType: '' })
              }
            >
              <option value="">
                {!platformCredentials
                  ? 'Loading…'
                  : platformCredentials.length
                    ? 'Choose credentials'
                    : `No ${platformNames[draft.platform]} credentials`}
              </option>
              {platformCredentials?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id={id('region')}
          label="Region"
          error={
            err('region') ??
            (locations.error
              ? `Cannot list regions: ${locations.error.detail ?? locations.error.title}`
              : undefined)
          }
        >
          {(p) =>
            locations.error ? (
              <input {...p} value={draft.region} onChange={(e) => set({ region: e.target.value })} />
            ) : (
              <select
                {...p}
                value={draft.region}
                onChange={(e) => setRegion(e.target.value)}
                disabled={!draft.credentialsId}
              >
                <option value="">
                  {!draft.credentialsId
                    ? 'Choose credentials first'
                    : locations.data
                      ? 'Choose a region'
                      : 'Loading…'}
                </option>
                {regionOptions.map((region) => (
                  <option key={region} value={region}>
                    {region}
                  </option>
                ))}
              </select>
            )
          }
        </FormField>
        <FormField
          id={id('instanceType')}
          label="Instance type"
          error={
            err('instanceType') ??
            (types.error
              ? `Cannot list instance types: ${types.error.detail ?? types.error.title}`
              : undefined)
          }
        >
          {(p) =>
            types.error ? (
              <input
                {...p}
                value={draft.instanceType}
                onChange={(e) => set({ instanceType: e.target.value })}
              />
            ) : (
              <select
                {...p}
                value={draft.instanceType}
                onChange={(e) => set({ instanceType: e.target.value })}
                disabled={!draft.region}
              >
                <option value="">
                  {!draft.region ? 'Choose a region first' : types.data ? 'Choose a type' : 'Loading…'}
                </option>
                {draft.instanceType && !typeKnown && (
                  <option value={draft.instanceType}>{draft.instanceType}</option>
                )}
                {typeOptions.map((t) => (
                  <option key={t.name} value={t.name}>
                    {typeLabel(t)}
                  </option>
                ))}
              </select>
            )
          }
        </FormField>
      </div>

      <fieldset className="zones" aria-describedby={`${id('zones')}-error`}>
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
              id={id(`zone-${zone}`)}
              label={zone}
              checked={draft.zones.includes(zone)}
              onChange={(on) => toggleZone(zone, on)}
            />
          ))}
        </div>
        <p className="field-error" id={`${id('zones')}-error`}>
          {err('zones') ?? ''}
        </p>
      </fieldset>

      <h4>Scaling and launch</h4>
      <div className="form-grid form-grid-narrow">
        <TextField
          id={id('minInstances')}
          label="Min instances"
          error={err('minInstances')}
          inputMode="numeric"
          value={draft.minInstances}
          onChange={(value) => set({ minInstances: value })}
        />
        <TextField
          id={id('maxInstances')}
          label="Max instances"
          error={err('maxInstances')}
          inputMode="numeric"
          value={draft.maxInstances}
          onChange={(value) => set({ maxInstances: value })}
        />
        <TextField
          id={id('launchOrder')}
          label="Launch order"
          error={err('launchOrder')}
          inputMode="numeric"
          value={draft.launchOrder}
          onChange={(value) => set({ launchOrder: value })}
        />
        <FormField id={id('scaleInOrder')} label="Scale in" error={err('scaleInOrder')}>
          {(p) => (
            <select
              {...p}
              value={draft.scaleInOrder}
              onChange={(e) => set({ scaleInOrder: e.target.value as FarmRoleDraft['scaleInOrder'] })}
            >
              <option value="newest-first">newest first</option>
              <option value="oldest-first">oldest first</option>
            </select>
          )}
        </FormField>
        <TextField
          id={id('launchTimeoutSec')}
          label="Launch timeout (s)"
          error={err('launchTimeoutSec')}
          inputMode="numeric"
          value={draft.launchTimeoutSec}
          onChange={(value) => set({ launchTimeoutSec: value })}
        />
        <TextField
          id={id('initTimeoutSec')}
          label="Init timeout (s)"
          error={err('initTimeoutSec')}
          inputMode="numeric"
          value={draft.initTimeoutSec}
          onChange={(value) => set({ initTimeoutSec: value })}
        />
      </div>

      <h4>Network</h4>
      {draft.platform === 'aws' ? (
        <div className="form-grid">
          <TextField
            id={id('network.vpcId')}
            label="VPC"
            error={err('network.vpcId')}
            hint="Empty: the default VPC"
            placeholder="vpc-…"
            value={draft.aws.vpcId}
            onChange={(value) => set({ aws: { ...draft.aws, vpcId: value } })}
          />
          <TextField
            id={id('network.subnetIds')}
            label="Subnets"
            error={err('network.subnetIds')}
            hint="Comma-separated"
            placeholder="subnet-…"
            value={draft.aws.subnetIds}
            onChange={(value) => set({ aws: { ...draft.aws, subnetIds: value } })}
          />
          <TextField
            id={id('network.securityGroupIds')}
            label="Security groups"
            error={err('network.securityGroupIds')}
            hint="Comma-separated"
            placeholder="sg-…"
            value={draft.aws.securityGroupIds}
            onChange={(value) => set({ aws: { ...draft.aws, securityGroupIds: value } })}
          />
          <TextField
            id={id('iamInstanceProfile')}
            label="IAM instance profile"
            error={err('iamInstanceProfile')}
            value={draft.aws.iamInstanceProfile}
            onChange={(value) => set({ aws: { ...draft.aws, iamInstanceProfile: value } })}
          />
          <CheckField
            id={id('network.associatePublicIp')}
            label="Public IP address"
            checked={draft.aws.associatePublicIp}
            onChange={(on) => set({ aws: { ...draft.aws, associatePublicIp: on } })}
          />
        </div>
      ) : (
        <div className="form-grid">
          <TextField
            id={id('network.network')}
            label="Network"
            error={err('network.network')}
            value={draft.gce.network}
            onChange={(value) => set({ gce: { ...draft.gce, network: value } })}
          />
          <TextField
            id={id('network.subnetwork')}
            label="Subnetwork"
            error={err('network.subnetwork')}
            value={draft.gce.subnetwork}
            onChange={(value) => set({ gce: { ...draft.gce, subnetwork: value } })}
          />
          <TextField
            id={id('network.networkTags')}
            label="Network tags"
            error={err('network.networkTags')}
            hint="Comma-separated"
            value={draft.gce.networkTags}
            onChange={(value) => set({ gce: { ...draft.gce, networkTags: value } })}
          />
          <TextField
            id={id('serviceAccount')}
            label="Service account"
            error={err('serviceAccount')}
            type="email"
            value={draft.gce.serviceAccount}
            onChange={(value) => set({ gce: { ...draft.gce, serviceAccount: value } })}
          />
          <CheckField
            id={id('network.externalIp')}
            label="External IP address"
            checked={draft.gce.externalIp}
            onChange={(on) => set({ gce: { ...draft.gce, externalIp: on } })}
          />
        </div>
      )}

      <h4>Volumes</h4>
      {draft.volumes.length === 0 && <p className="muted volumes-empty">Root disk only.</p>}
      {draft.volumes.map((v, i) => (
        <div className="volume-row" key={v.key}>
          <TextField
            id={id(`volumes.${i}.sizeGiB`)}
            label="Size (GiB)"
            error={err(`volumes.${i}.sizeGiB`)}
            inputMode="numeric"
            value={v.sizeGiB}
            onChange={(value) => setVolume(i, { sizeGiB: value })}
          />
          <TextField
            id={id(`volumes.${i}.type`)}
            label="Type"
            error={err(`volumes.${i}.type`)}
            value={v.type}
            onChange={(value) => setVolume(i, { type: value })}
          />
          <TextField
            id={id(`volumes.${i}.mountPoint`)}
            label="Mount point"
            error={err(`volumes.${i}.mountPoint`)}
            placeholder="/data"
            value={v.mountPoint}
            onChange={(value) => setVolume(i, { mountPoint: value })}
          />
          <button
            type="button"
            className="button button-quiet volume-remove"
            onClick={() => set({ volumes: draft.volumes.filter((_, j) => j !== i) })}
          >
            Remove <span className="visually-hidden">volume {i + 1}</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => set({ volumes: [...draft.volumes, emptyVolume(draft.platform)] })}
      >
        Add volume
      </button>

      <h4>Tags</h4>
      <FormField id={id('tags')} label="Tags" error={err('tags')} hint="One key=value per line">
        {(p) => (
          <textarea {...p} rows={3} value={draft.tags} onChange={(e) => set({ tags: e.target.value })} />
        )}
      </FormField>
    </fieldset>
  );
}
