'use client';
// A farm role's scaling and launch settings (min/max instances, launch order, scale-in order,
// timeouts) and its volumes (size, type, mount point; root disk only when there are none).
import { emptyVolume, type FarmRoleDraft, type VolumeDraft } from '../../lib/farm-draft';
import { SelectField } from '../form-choices';
import { NumberField, TextField } from '../form-field';
import type { FarmRolePartProps } from './farm-role-part';

const scaleInChoices = [
  { value: 'newest-first', label: 'newest first' },
  { value: 'oldest-first', label: 'oldest first' },
];

export function FarmRoleScaling({ draft, set, field }: FarmRolePartProps) {
  return (
    <div className="form-grid form-grid-narrow">
      <NumberField
        {...field('minInstances')}
        label="Min instances"
        value={draft.minInstances}
        onChange={(minInstances) => set({ minInstances })}
      />
      <NumberField
        {...field('maxInstances')}
        label="Max instances"
        value={draft.maxInstances}
        onChange={(maxInstances) => set({ maxInstances })}
      />
      <NumberField
        {...field('launchOrder')}
        label="Launch order"
        value={draft.launchOrder}
        onChange={(launchOrder) => set({ launchOrder })}
      />
      <SelectField
        {...field('scaleInOrder')}
        label="Scale in"
        options={scaleInChoices}
        value={draft.scaleInOrder}
        onChange={(value) => set({ scaleInOrder: value as FarmRoleDraft['scaleInOrder'] })}
      />
      <NumberField
        {...field('launchTimeoutSec')}
        label="Launch timeout (s)"
        value={draft.launchTimeoutSec}
        onChange={(launchTimeoutSec) => set({ launchTimeoutSec })}
      />
      <NumberField
        {...field('initTimeoutSec')}
        label="Init timeout (s)"
        value={draft.initTimeoutSec}
        onChange={(initTimeoutSec) => set({ initTimeoutSec })}
      />
    </div>
  );
}

export function FarmRoleVolumes({ draft, set, field }: FarmRolePartProps) {
  const setVolume = (i: number, patch: Partial<VolumeDraft>) =>
    set({ volumes: draft.volumes.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  return (
    <>
      {draft.volumes.length === 0 && <p className="muted volumes-empty">Root disk only.</p>}
      {draft.volumes.map((v, i) => (
        <div className="volume-row" key={v.key}>
          <NumberField
            {...field(`volumes.${i}.sizeGiB`)}
            label="Size (GiB)"
            value={v.sizeGiB}
            onChange={(sizeGiB) => setVolume(i, { sizeGiB })}
          />
          <TextField
            {...field(`volumes.${i}.type`)}
            label="Type"
            value={v.type}
            onChange={(type) => setVolume(i, { type })}
          />
          <TextField
            {...field(`volumes.${i}.mountPoint`)}
            label="Mount point"
            placeholder="/data"
            value={v.mountPoint}
            onChange={(mountPoint) => setVolume(i, { mountPoint })}
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
    </>
  );
}
