'use client';
// The secret parts of the credentials form: AWS access keys or a role to assume, or a GCE
// service-account key (pasted or uploaded; the project id is read from it when empty), or a
// CloudStack API key and secret key.
import { type CredentialsDraft, projectOfKey } from '../lib/credentials-draft';
import type { DraftPartProps } from '../lib/use-draft-form';
import { RadioChoice } from './form-choices';
import { FormField, TextAreaField, TextField } from './form-field';

const awsAuthChoices = [
  { value: 'accessKey', label: 'Access key' },
  { value: 'assumeRole', label: 'Assume an IAM role' },
] as const;

export function AwsAuthFields({ draft, err, change }: DraftPartProps<CredentialsDraft>) {
  return (
    <>
      <RadioChoice
        name="authType"
        legend="How Drover signs in to AWS"
        choices={awsAuthChoices}
        value={draft.authType}
        onChange={(authType) => change({ authType })}
      />
      {draft.authType === 'accessKey' ? (
        <div className="form-grid">
          <TextField
            id="cred-access-key-id"
            label="Access key ID"
            error={err('auth.accessKeyId')}
            autoComplete="off"
            spellCheck={false}
            value={draft.accessKeyId}
            onChange={(accessKeyId) => change({ accessKeyId })}
          />
          <TextField
            id="cred-secret-access-key"
            label="Secret access key"
            error={err('auth.secretAccessKey')}
            hint="Write-only: stored encrypted, never shown again"
            type="password"
            autoComplete="new-password"
            value={draft.secretAccessKey}
            onChange={(secretAccessKey) => change({ secretAccessKey })}
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
            onChange={(roleArn) => change({ roleArn })}
          />
          <TextField
            id="cred-external-id"
            label="External ID"
            error={err('auth.externalId')}
            value={draft.externalId}
            onChange={(externalId) => change({ externalId })}
          />
        </div>
      )}
    </>
  );
}

export function CloudStackKeyFields({ draft, err, change }: DraftPartProps<CredentialsDraft>) {
  return (
    <div className="form-grid">
      <TextField
        id="cred-api-key"
        label="API key"
        error={err('apiKey')}
        autoComplete="off"
        spellCheck={false}
        value={draft.apiKey}
        onChange={(apiKey) => change({ apiKey })}
      />
      <TextField
        id="cred-secret-key"
        label="Secret key"
        error={err('secretKey')}
        hint="Write-only: stored encrypted, never shown again"
        type="password"
        autoComplete="new-password"
        value={draft.secretKey}
        onChange={(secretKey) => change({ secretKey })}
      />
    </div>
  );
}

export function GceKeyFields({ draft, err, change }: DraftPartProps<CredentialsDraft>) {
  const setKey = (json: string) =>
    change({ keyJson: json, projectId: draft.projectId || projectOfKey(json) || '' });
  return (
    <>
      <TextAreaField
        id="cred-key"
        label="Service-account key (JSON)"
        error={err('serviceAccountKey')}
        hint="Paste the key file, or upload it below. Write-only: never shown again."
        rows={5}
        spellCheck={false}
        className="mono"
        value={draft.keyJson}
        onChange={setKey}
      />
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
          onChange={(projectId) => change({ projectId })}
        />
      </div>
    </>
  );
}
