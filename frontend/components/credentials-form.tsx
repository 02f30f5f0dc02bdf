'use client';
// Adds cloud credentials to an environment: AWS access keys or a role to assume, or a GCE
// service-account key (pasted or uploaded). Secrets go to the API once and are never shown back.
import { CloudCredentialsInput } from '../../functions/domain/schemas/credentials';
import { api, type CloudCredentials } from '../lib/api-client';
import {
  type CredentialsDraft,
  emptyCredentials,
  projectOfKey,
  toCredentialsInput,
} from '../lib/credentials-draft';
import { errorsFromZod } from '../lib/field-errors';
import { type Checked, useDraftForm } from '../lib/use-draft-form';
import { FormActions } from './form-actions';
import { FormField, TextField } from './form-field';
import { ProblemNotice } from './problem-notice';

function validate(draft: CredentialsDraft): Checked<CloudCredentialsInput> {
  const converted = toCredentialsInput(draft);
  if ('keyError' in converted) return { errors: { serviceAccountKey: converted.keyError } };
  const parsed = CloudCredentialsInput.safeParse(converted.input);
  return parsed.success ? { errors: {}, input: parsed.data } : { errors: errorsFromZod(parsed.error) };
}

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
  const { draft, err, problem, saving, change, onSubmit } = form;

  function setKey(json: string) {
    change({ keyJson: json, projectId: draft.projectId || projectOfKey(json) || '' });
  }

  return (
    <form
      className="panel form-section"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="add-credentials-heading"
    >
      <h2 id="add-credentials-heading">Add cloud credentials</h2>
      {problem && <ProblemNotice problem={problem} />}
      <fieldset className="choice">
        <legend>Cloud</legend>
        {(['aws', 'gce'] as const).map((platform) => (
          <label key={platform} className="choice-option">
            <input
              type="radio"
              name="platform"
              value={platform}
              checked={draft.platform === platform}
              onChange={() => change({ platform })}
            />
            {platform === 'aws' ? 'AWS EC2' : 'Google Compute Engine'}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <TextField
          id="cred-name"
          label="Name"
          error={err('name')}
          value={draft.name}
          onChange={(value) => change({ name: value })}
        />
        <TextField
          id="cred-description"
          label="Description"
          error={err('description')}
          value={draft.description}
          onChange={(value) => change({ description: value })}
        />
      </div>

      {draft.platform === 'aws' ? (
        <>
          <fieldset className="choice">
            <legend>How Drover signs in to AWS</legend>
            <label className="choice-option">
              <input
                type="radio"
                name="authType"
                checked={draft.authType === 'accessKey'}
                onChange={() => change({ authType: 'accessKey' })}
              />
              Access key
            </label>
            <label className="choice-option">
              <input
                type="radio"
                name="authType"
                checked={draft.authType === 'assumeRole'}
                onChange={() => change({ authType: 'assumeRole' })}
              />
              Assume an IAM role
            </label>
          </fieldset>
          {draft.authType === 'accessKey' ? (
            <div className="form-grid">
              <TextField
                id="cred-access-key-id"
                label="Access key ID"
                error={err('auth.accessKeyId')}
                autoComplete="off"
                spellCheck={false}
                value={draft.accessKeyId}
                onChange={(value) => change({ accessKeyId: value })}
              />
              <TextField
                id="cred-secret-access-key"
                label="Secret access key"
                error={err('auth.secretAccessKey')}
                hint="Write-only: stored encrypted, never shown again"
                type="password"
                autoComplete="new-password"
                value={draft.secretAccessKey}
                onChange={(value) => change({ secretAccessKey: value })}
              />
            </div>
          ) : (
            <div className="form-grid">
              <TextField
                id="cred-role-arn"
                label="Role ARN"
                error={err('auth.roleArn')}
                placeholder="arn:aws:iam::123456789012:role/drover"
                value={draft.roleArn}
                onChange={(value) => change({ roleArn: value })}
              />
              <TextField
                id="cred-external-id"
                label="External ID"
                error={err('auth.externalId')}
                value={draft.externalId}
                onChange={(value) => change({ externalId: value })}
              />
            </div>
          )}
        </>
      ) : (
        <>
          <FormField
            id="cred-key"
            label="Service-account key (JSON)"
            error={err('serviceAccountKey')}
            hint="Paste the key file, or upload it below. Write-only: never shown again."
          >
            {(p) => (
              <textarea
                {...p}
                rows={5}
                spellCheck={false}
                className="mono"
                value={draft.keyJson}
                onChange={(e) => setKey(e.target.value)}
              />
            )}
          </FormField>
          <div className="form-grid">
            <FormField id="cred-key-file" label="Upload the key file">
              {(p) => (
                <input
                  {...p}
                  type="file"
                  accept="application/json,.json"
                  onChange={async (e) => {
                    const file = e.target.files?.[0];
                    if (file) setKey(await file.text());
                  }}
                />
              )}
            </FormField>
            <TextField
              id="cred-project"
              label="Project ID"
              error={err('projectId')}
              value={draft.projectId}
              onChange={(value) => change({ projectId: value })}
            />
          </div>
        </>
      )}
      <TextField
        id="cred-endpoint"
        label="Endpoint (optional)"
        error={err('endpoint')}
        hint="Only for a VPC endpoint, a proxy or the local sandbox clouds"
        type="url"
        placeholder="https://…"
        value={draft.endpoint}
        onChange={(value) => change({ endpoint: value })}
      />
      <FormActions saving={saving} saveLabel="Save credentials" onCancel={onCancel} />
    </form>
  );
}
