'use client';
// The role form's fields: name, OS, default instance types per cloud, account-wide; the images
// per cloud and region; the tags. Errors sit under the shared RoleInput's paths (`images.0.imageId`).
import { SelectField } from '../../../components/form-choices';
import { CheckField, KeyValueField, TextField } from '../../../components/form-field';
import { emptyImage, type ImageDraft, type RoleDraft } from '../../../lib/role-draft';
import type { DraftPartProps } from '../../../lib/use-draft-form';

const osFamilies = [
  { value: 'linux', label: 'Linux' },
  { value: 'windows', label: 'Windows' },
];
const clouds = [
  { value: 'aws', label: 'AWS' },
  { value: 'gce', label: 'GCE' },
];

export function RoleBasics({ draft, err, change }: DraftPartProps<RoleDraft>) {
  return (
    <>
      <div className="form-grid">
        <TextField
          id="role-name"
          label="Name"
          error={err('name')}
          value={draft.name}
          onChange={(name) => change({ name })}
        />
        <TextField
          id="role-description"
          label="Description"
          error={err('description')}
          value={draft.description}
          onChange={(description) => change({ description })}
        />
        <SelectField
          id="role-os-family"
          label="OS family"
          error={err('osFamily')}
          options={osFamilies}
          value={draft.osFamily}
          onChange={(value) => change({ osFamily: value as RoleDraft['osFamily'] })}
        />
        <TextField
          id="role-os-name"
          label="OS name"
          error={err('osName')}
          value={draft.osName}
          onChange={(osName) => change({ osName })}
        />
        <TextField
          id="role-default-aws"
          label="Default AWS instance type"
          error={err('defaultInstanceTypes.aws')}
          value={draft.defaultAws}
          onChange={(defaultAws) => change({ defaultAws })}
        />
        <TextField
          id="role-default-gce"
          label="Default GCE machine type"
          error={err('defaultInstanceTypes.gce')}
          value={draft.defaultGce}
          onChange={(defaultGce) => change({ defaultGce })}
        />
      </div>
      <CheckField
        id="role-account-wide"
        label="Usable in every environment of the account"
        checked={draft.accountWide}
        onChange={(accountWide) => change({ accountWide })}
      />
    </>
  );
}

export function RoleImagesAndTags({
  draft,
  err,
  change,
  imagesError,
}: DraftPartProps<RoleDraft> & { imagesError: string | undefined }) {
  const setImage = (i: number, patch: Partial<ImageDraft>) =>
    change({ images: draft.images.map((img, j) => (j === i ? { ...img, ...patch } : img)) });
  return (
    <>
      <h2>Images</h2>
      <p className="field-error">{imagesError ?? ''}</p>
      {draft.images.map((img, i) => (
        <div className="image-row" key={img.key}>
          <SelectField
            id={`role-image-${i}-platform`}
            label="Cloud"
            error={err(`images.${i}.platform`)}
            options={clouds}
            value={img.platform}
            onChange={(value) => setImage(i, { platform: value as ImageDraft['platform'] })}
          />
          <TextField
            id={`role-image-${i}-location`}
            label="Region or *"
            error={err(`images.${i}.location`)}
            value={img.location}
            onChange={(location) => setImage(i, { location })}
          />
          <TextField
            id={`role-image-${i}-image`}
            label="Image"
            error={err(`images.${i}.imageId`)}
            placeholder={img.platform === 'aws' ? 'ami-…' : 'projects/…/global/images/…'}
            value={img.imageId}
            onChange={(imageId) => setImage(i, { imageId })}
          />
          <button
            type="button"
            className="button button-quiet volume-remove"
            onClick={() => change({ images: draft.images.filter((_, j) => j !== i) })}
          >
            Remove <span className="visually-hidden">image {i + 1}</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => change({ images: [...draft.images, emptyImage()] })}
      >
        Add image
      </button>
      <KeyValueField
        id="role-tags"
        label="Tags"
        error={err('tags')}
        value={draft.tags}
        onChange={(tags) => change({ tags })}
      />
    </>
  );
}
