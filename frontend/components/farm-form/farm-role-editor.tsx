'use client';
// One farm role in the farm form: placement (platform, role, credentials, region, zones,
// instance type from the cloud's own lists), network, volumes, scaling, timeouts and tags.
// Every field's error comes from the shared schema's path, e.g. `farmRoles.0.zones`.
import type { CloudCredentials, InstanceType, Role } from '../../lib/api-client';
import { emptyVolume, type FarmRoleDraft, type Platform, type VolumeDraft } from '../../lib/farm-draft';
import { errorAt, type FieldErrors } from '../../lib/field-errors';
import { useInstanceTypes, useLocations } from '../../lib/use-cloud-catalog';
import { CheckField, FormField } from '../form-field';

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
        <FormField id={id('alias')} label="Alias" error={err('alias')} hint="Used in server names">
          {(p) => <input {...p} value={draft.alias} onChange={(e) => set({ alias: e.target.value })} />}
        </FormField>
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
        <FormField id={id('minInstances')} label="Min instances" error={err('minInstances')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={draft.minInstances}
              onChange={(e) => set({ minInstances: e.target.value })}
            />
          )}
        </FormField>
        <FormField id={id('maxInstances')} label="Max instances" error={err('maxInstances')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={draft.maxInstances}
              onChange={(e) => set({ maxInstances: e.target.value })}
            />
          )}
        </FormField>
        <FormField id={id('launchOrder')} label="Launch order" error={err('launchOrder')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={draft.launchOrder}
              onChange={(e) => set({ launchOrder: e.target.value })}
            />
          )}
        </FormField>
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
        <FormField id={id('launchTimeoutSec')} label="Launch timeout (s)" error={err('launchTimeoutSec')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={draft.launchTimeoutSec}
              onChange={(e) => set({ launchTimeoutSec: e.target.value })}
            />
          )}
        </FormField>
        <FormField id={id('initTimeoutSec')} label="Init timeout (s)" error={err('initTimeoutSec')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={draft.initTimeoutSec}
              onChange={(e) => set({ initTimeoutSec: e.target.value })}
            />
          )}
        </FormField>
      </div>

      <h4>Network</h4>
      {draft.platform === 'aws' ? (
        <div className="form-grid">
          <FormField
            id={id('network.vpcId')}
            label="VPC"
            error={err('network.vpcId')}
            hint="Empty: the default VPC"
          >
            {(p) => (
              <input
                {...p}
                placeholder="vpc-…"
                value={draft.aws.vpcId}
                onChange={(e) => set({ aws: { ...draft.aws, vpcId: e.target.value } })}
              />
            )}
          </FormField>
          <FormField
            id={id('network.subnetIds')}
            label="Subnets"
            error={err('network.subnetIds')}
            hint="Comma-separated"
          >
            {(p) => (
              <input
                {...p}
                placeholder="subnet-…"
                value={draft.aws.subnetIds}
                onChange={(e) => set({ aws: { ...draft.aws, subnetIds: e.target.value } })}
              />
            )}
          </FormField>
          <FormField
            id={id('network.securityGroupIds')}
            label="Security groups"
            error={err('network.securityGroupIds')}
            hint="Comma-separated"
          >
            {(p) => (
              <input
                {...p}
                placeholder="sg-…"
                value={draft.aws.securityGroupIds}
                onChange={(e) => set({ aws: { ...draft.aws, securityGroupIds: e.target.value } })}
              />
            )}
          </FormField>
          <FormField
            id={id('iamInstanceProfile')}
            label="IAM instance profile"
            error={err('iamInstanceProfile')}
          >
            {(p) => (
              <input
                {...p}
                value={draft.aws.iamInstanceProfile}
                onChange={(e) => set({ aws: { ...draft.aws, iamInstanceProfile: e.target.value } })}
              />
            )}
          </FormField>
          <CheckField
            id={id('network.associatePublicIp')}
            label="Public IP address"
            checked={draft.aws.associatePublicIp}
            onChange={(on) => set({ aws: { ...draft.aws, associatePublicIp: on } })}
          />
        </div>
      ) : (
        <div className="form-grid">
          <FormField id={id('network.network')} label="Network" error={err('network.network')}>
            {(p) => (
              <input
                {...p}
                value={draft.gce.network}
                onChange={(e) => set({ gce: { ...draft.gce, network: e.target.value } })}
              />
            )}
          </FormField>
          <FormField id={id('network.subnetwork')} label="Subnetwork" error={err('network.subnetwork')}>
            {(p) => (
              <input
                {...p}
                value={draft.gce.subnetwork}
                onChange={(e) => set({ gce: { ...draft.gce, subnetwork: e.target.value } })}
              />
            )}
          </FormField>
          <FormField
            id={id('network.networkTags')}
            label="Network tags"
            error={err('network.networkTags')}
            hint="Comma-separated"
          >
            {(p) => (
              <input
                {...p}
                value={draft.gce.networkTags}
                onChange={(e) => set({ gce: { ...draft.gce, networkTags: e.target.value } })}
              />
            )}
          </FormField>
          <FormField id={id('serviceAccount')} label="Service account" error={err('serviceAccount')}>
            {(p) => (
              <input
                {...p}
                type="email"
                value={draft.gce.serviceAccount}
                onChange={(e) => set({ gce: { ...draft.gce, serviceAccount: e.target.value } })}
              />
            )}
          </FormField>
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
          <FormField id={id(`volumes.${i}.sizeGiB`)} label="Size (GiB)" error={err(`volumes.${i}.sizeGiB`)}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={v.sizeGiB}
                onChange={(e) => setVolume(i, { sizeGiB: e.target.value })}
              />
            )}
          </FormField>
          <FormField id={id(`volumes.${i}.type`)} label="Type" error={err(`volumes.${i}.type`)}>
            {(p) => <input {...p} value={v.type} onChange={(e) => setVolume(i, { type: e.target.value })} />}
          </FormField>
          <FormField
            id={id(`volumes.${i}.mountPoint`)}
            label="Mount point"
            error={err(`volumes.${i}.mountPoint`)}
          >
            {(p) => (
              <input
                {...p}
                placeholder="/data"
                value={v.mountPoint}
                onChange={(e) => setVolume(i, { mountPoint: e.target.value })}
              />
            )}
          </FormField>
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
