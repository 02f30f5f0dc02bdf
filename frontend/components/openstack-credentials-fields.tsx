'use client';
// OpenStack credentials: the region, a Keystone user with its project (domains `Default` unless
// said) or an application credential, and an optional CA bundle for a private PKI. The password
// and the secret are write-only. The auth URL is the form's endpoint field.
import type { CredentialsDraft } from '../lib/credentials-draft';
import type { DraftPartProps } from '../lib/use-draft-form';
import { RadioChoice } from './form-choices';
import { TextAreaField, TextField } from './form-field';

const authChoices = [
  { value: 'password', label: 'User and password' },
  { value: 'applicationCredential', label: 'Application credential' },
] as const;

export function OpenStackFields({ draft, err, change }: DraftPartProps<CredentialsDraft>) {
  const os = draft.openstack;
  const set = (patch: Partial<CredentialsDraft['openstack']>) => change({ openstack: { ...os, ...patch } });
  const text = (key: keyof CredentialsDraft['openstack'], label: string, path: string, secret = false) => (
    <TextField
      id={`cred-os-${key}`}
      label={label}
      error={err(path)}
      autoComplete={secret ? 'new-password' : 'off'}
      {...(secret ? { type: 'password', hint: 'Write-only: stored encrypted, never shown again' } : {})}
      value={os[key]}
      onChange={(value) => set({ [key]: value })}
    />
  );
  return (
    <>
      <div className="form-grid">{text('region', 'Region', 'region')}</div>
      <RadioChoice
        name="openstack-auth"
        legend="Sign in with"
        choices={authChoices}
        value={os.authType}
        onChange={(authType) => set({ authType })}
      />
      {os.authType === 'password' ? (
        <div className="form-grid">
          {text('username', 'User name', 'auth.username')}
          {text('password', 'Password', 'auth.password', true)}
          {text('userDomain', 'User domain', 'auth.userDomain')}
          {text('projectName', 'Project', 'auth.projectName')}
          {text('projectDomain', 'Project domain', 'auth.projectDomain')}
        </div>
      ) : (
        <div className="form-grid">
          {text('applicationCredentialId', 'Application credential id', 'auth.applicationCredentialId')}
          {text('applicationCredentialSecret', 'Secret', 'auth.applicationCredentialSecret', true)}
        </div>
      )}
      <TextAreaField
        id="cred-os-ca"
        label="CA bundle (optional)"
        hint="PEM certificates of the cloud's private PKI, trusted for this cloud only"
        error={err('caBundle')}
        value={os.caBundle}
        onChange={(caBundle) => set({ caBundle })}
      />
    </>
  );
}
