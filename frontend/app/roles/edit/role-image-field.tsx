'use client';
import { SelectField } from '../../../components/form-choices';
import { TextField } from '../../../components/form-field';
// A role image's id. On OpenStack and CloudStack it is chosen from the images (templates) the
// cloud behind the environment's first credentials of that platform lists, in the image's region
// or, for `*`, the cloud's first region; a saved id the cloud does not list stays choosable. AWS
// and GCE ids, and private clouds that cannot be asked, are typed.
import type { CloudCredentials } from '../../../lib/api-client';
import type { ImageDraft } from '../../../lib/role-draft';
import { useLocations, usePlacementChoices } from '../../../lib/use-cloud-catalog';

const PLACEHOLDERS: Record<ImageDraft['platform'], string> = {
  aws: 'ami-…',
  gce: 'projects/…/global/images/…',
  openstack: 'a Glance image id',
  cloudstack: 'a template id',
};

interface ImageFieldProps {
  id: string;
  error: string | undefined;
  image: ImageDraft;
  onChange: (imageId: string) => void;
  environmentId: string | undefined;
  credentials: CloudCredentials[] | undefined;
}

export function RoleImageField(props: ImageFieldProps) {
  const { image } = props;
  const privateCloud = image.platform === 'openstack' || image.platform === 'cloudstack';
  const source = props.credentials?.find((c) => c.platform === image.platform);
  return privateCloud && source ? (
    <ListedImageField {...props} credentialsId={source.id} />
  ) : (
    <TypedImageField {...props} />
  );
}

function TypedImageField({ id, error, image, onChange }: ImageFieldProps) {
  return (
    <TextField
      id={id}
      label="Image"
      error={error}
      placeholder={PLACEHOLDERS[image.platform]}
      value={image.imageId}
      onChange={onChange}
    />
  );
}

function ListedImageField(props: ImageFieldProps & { credentialsId: string }) {
  const { id, error, image, onChange, environmentId, credentialsId } = props;
  const locations = useLocations(environmentId, credentialsId);
  const location = image.location.trim();
  const region = location && location !== '*' ? location : (locations.data?.[0]?.region ?? '');
  const choices = usePlacementChoices(environmentId, credentialsId, region);
  if (locations.error || choices.error) {
    const why = (locations.error ?? choices.error)!;
    return <TypedImageField {...props} error={error ?? `Cannot list images: ${why.detail ?? why.title}`} />;
  }
  const listed = choices.data?.images ?? [];
  const options = listed.map((i) => ({ value: i.id, label: i.name === i.id ? i.id : `${i.name} (${i.id})` }));
  if (image.imageId && !listed.some((i) => i.id === image.imageId))
    options.unshift({ value: image.imageId, label: image.imageId });
  return (
    <SelectField
      id={id}
      label="Image"
      error={error}
      hint={region ? `Listed in ${region}` : undefined}
      empty={choices.data ? 'Choose an image' : 'Loading…'}
      options={options}
      value={image.imageId}
      onChange={onChange}
    />
  );
}
