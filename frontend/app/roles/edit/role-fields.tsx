'use client';
// The role form's fields: name, OS, default instance types per cloud, account-wide; the images
// per cloud and region (a private cloud's from its own list, role-image-field.tsx); the tags. Errors sit under the shared RoleInput's paths (`images.0.imageId`).
import { SelectField } from '../../../components/form-choices';
import { CheckField, KeyValueField, TextField } from '../../../components/form-field';
import type { CloudCredentials } from '../../../lib/api-client';
import { emptyImage, type ImageDraft, type RoleDraft } from '../../../lib/role-draft';
import type { DraftPartProps } from '../../../lib/use-draft-form';
import { RoleImageField } from './role-image-field';

const osFamilies = [
  { value: 'linux', label: 'Linux' },
  { value: 'windows', label: 'Windows' },
];
const clouds = [
  { value: 'aws', label: 'AWS' },
  { value: 'gce', label: 'GCE' },
  { value: 'openstack', label: 'OpenStack' },
  { value: 'cloudstack', label: 'CloudStack' },
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
        <TextField
          id="role-default-openstack"
          label="Default OpenStack flavor"
          error={err('defaultInstanceTypes.openstack')}
          value={draft.defaultOpenStack}
          onChange={(defaultOpenStack) => change({ defaultOpenStack })}
        />
        <TextField
          id="role-default-cloudstack"
          label="Default CloudStack service offering"
          error={err('defaultInstanceTypes.cloudstack')}
          value={draft.defaultCloudStack}
          onChange={(defaultCloudStack) => change({ defaultCloudStack })}
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
  environmentId,
  credentials,
}: DraftPartProps<RoleDraft> & {
  imagesError: string | undefined;
  environmentId: string | undefined;
  credentials: CloudCredentials[] | undefined;
}) {
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
            onChange={(value) => {
              const platform = value as ImageDraft['platform'];
              setImage(i, { platform, location: emptyImage(platform).location, imageId: '' });
            }}
          />
          <TextField
            id={`role-image-${i}-location`}
            label="Region, zone or *"
            error={err(`images.${i}.location`)}
            value={img.location}
            onChange={(location) => setImage(i, { location })}
          />
          <RoleImageField
            id={`role-image-${i}-image`}
            error={err(`images.${i}.imageId`)}
            image={img}
            onChange={(imageId) => setImage(i, { imageId })}
            environmentId={environmentId}
            credentials={credentials}
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
