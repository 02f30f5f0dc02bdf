'use client';
// Adds cloud credentials to an environment: AWS access keys or a role to assume, or a GCE
// service-account key (pasted or uploaded). Secrets go to the API once and are never shown back.
import { CloudCredentialsInput } from '../../functions/domain/schemas/credentials';
import { api, type CloudCredentials } from '../lib/api-client';
import { type CredentialsDraft, emptyCredentials, toCredentialsInput } from '../lib/credentials-draft';
import { type Checked, checkWith, useDraftForm } from '../lib/use-draft-form';
import { AwsAuthFields, CloudStackKeyFields, GceKeyFields } from './credentials-fields';
import { DraftForm } from './draft-form';
import { RadioChoice } from './form-choices';
import { TextField } from './form-field';
import { NameFields } from './name-fields';
import { OpenStackFields } from './openstack-credentials-fields';

function validate(draft: CredentialsDraft): Checked<CloudCredentialsInput> {
  const converted = toCredentialsInput(draft);
  if ('keyError' in converted) return { errors: { serviceAccountKey: converted.keyError } };
  return checkWith(CloudCredentialsInput, converted.input);
}

const platformChoices = [
  { value: 'aws', label: 'AWS EC2' },
  { value: 'gce', label: 'Google Compute Engine' },
  { value: 'cloudstack', label: 'Apache CloudStack' },
  { value: 'openstack', label: 'OpenStack' },
] as const;

export function CredentialsForm({
  environmentId,
  onSaved,
  onCancel,
}: {
  environmentId: string;
  onSaved: (saved: CloudCredentials) => void;
  onCancel: () => void;
}) {
  const form = useDraftForm({
    initial: emptyCredentials,
    validate,
    save: async (input: CloudCredentialsInput) => {
      const saved = await api.createCredentials(environmentId, input);
      form.setDraft(emptyCredentials());
      onSaved(saved);
    },
  });
  const { draft, err, change } = form;
  const part = { draft, err, change };
  return (
    <DraftForm
      form={form}
      id="add-credentials"
      title="Add cloud credentials"
      level={2}
      saveLabel="Save credentials"
      onCancel={onCancel}
    >
      <RadioChoice
        name="platform"
        legend="Cloud"
        choices={platformChoices}
        value={draft.platform}
        onChange={(platform) => change({ platform })}
      />
      <NameFields
        idPrefix="cred"
        name={draft.name}
        description={draft.description}
        err={err}
        onChange={change}
      />
      {draft.platform === 'aws' ? (
        <AwsAuthFields {...part} />
      ) : draft.platform === 'cloudstack' ? (
        <CloudStackKeyFields {...part} />
      ) : draft.platform === 'openstack' ? (
        <OpenStackFields {...part} />
      ) : (
        <GceKeyFields {...part} />
      )}
      <TextField
        id="cred-endpoint"
        label={
          draft.platform === 'cloudstack'
            ? 'API URL'
            : draft.platform === 'openstack'
              ? 'Auth URL (Keystone v3)'
              : 'Endpoint (optional)'
        }
        error={err(draft.platform === 'openstack' ? 'authUrl' : 'endpoint')}
        hint={
          draft.platform === 'cloudstack'
            ? 'The management server’s API, ending in /client/api'
            : 'Only for a VPC endpoint, a proxy or the local sandbox clouds'
        }
        type="url"
        placeholder="https://…"
        value={draft.endpoint}
        onChange={(endpoint) => change({ endpoint })}
      />
    </DraftForm>
  );
}
