// The credentials form's state and its conversion to the shared CloudCredentialsInput. A GCE key
// is pasted or uploaded as its JSON file; text that is not JSON is reported at its field. CloudStack
// takes its API URL (the endpoint field, required there), an API key and a secret key.
import type { CloudCredentialsInput } from '../../functions/domain/schemas/credentials';

export interface CredentialsDraft {
  platform: 'aws' | 'gce' | 'cloudstack' | 'openstack';
  name: string;
  description: string;
  endpoint: string;
  authType: 'accessKey' | 'assumeRole';
  accessKeyId: string;
  secretAccessKey: string;
  roleArn: string;
  externalId: string;
  projectId: string;
  keyJson: string;
  apiKey: string;
  secretKey: string;
  /** OpenStack: the endpoint field holds Keystone's auth URL. */
  openstack: {
    region: string;
    authType: 'password' | 'applicationCredential';
    username: string;
    password: string;
    userDomain: string;
    projectName: string;
    projectDomain: string;
    applicationCredentialId: string;
    applicationCredentialSecret: string;
    caBundle: string;
  };
}

export const emptyCredentials = (): CredentialsDraft => ({
  platform: 'aws',
  name: '',
  description: '',
  endpoint: '',
  authType: 'accessKey',
  accessKeyId: '',
  secretAccessKey: '',
  roleArn: '',
  externalId: '',
  projectId: '',
  keyJson: '',
  apiKey: '',
  secretKey: '',
  openstack: {
    region: 'RegionOne',
    authType: 'password',
    username: '',
    password: '',
    userDomain: 'Default',
    projectName: '',
    projectDomain: 'Default',
    applicationCredentialId: '',
    applicationCredentialSecret: '',
    caBundle: '',
  },
});

function openStackInput(draft: CredentialsDraft) {
  const os = draft.openstack;
  const auth =
    os.authType === 'password'
      ? {
          type: 'password',
          username: os.username.trim(),
          password: os.password,
          userDomain: os.userDomain.trim(),
          projectName: os.projectName.trim(),
          projectDomain: os.projectDomain.trim(),
        }
      : {
          type: 'applicationCredential',
          applicationCredentialId: os.applicationCredentialId.trim(),
          applicationCredentialSecret: os.applicationCredentialSecret,
        };
  return {
    platform: 'openstack',
    name: draft.name,
    description: draft.description,
    authUrl: draft.endpoint.trim(),
    region: os.region.trim(),
    auth,
    ...(os.caBundle.trim() ? { caBundle: os.caBundle.trim() } : {}),
  };
}

/** The input for the API, or the error of the key field when the pasted key is not JSON. */
export function toCredentialsInput(draft: CredentialsDraft): { input: unknown } | { keyError: string } {
  if (draft.platform === 'openstack') return { input: openStackInput(draft) };
  const endpoint = draft.endpoint.trim() ? { endpoint: draft.endpoint.trim() } : {};
  const common = { name: draft.name, description: draft.description, ...endpoint };
  if (draft.platform === 'aws') {
    const auth =
      draft.authType === 'accessKey'
        ? { type: 'accessKey', accessKeyId: draft.accessKeyId.trim(), secretAccessKey: draft.secretAccessKey }
        : { type: 'assumeRole', roleArn: draft.roleArn.trim(), externalId: draft.externalId.trim() };
    return { input: { platform: 'aws', ...common, auth } };
  }
  if (draft.platform === 'cloudstack')
    return {
      input: { platform: 'cloudstack', ...common, apiKey: draft.apiKey.trim(), secretKey: draft.secretKey },
    };
  let key: unknown;
  try {
    key = draft.keyJson.trim() ? JSON.parse(draft.keyJson) : undefined;
  } catch {
    return { keyError: 'must be the JSON key file of a service account' };
  }
  return { input: { platform: 'gce', ...common, projectId: draft.projectId.trim(), serviceAccountKey: key } };
}

/** The project named inside a pasted key, to fill the project field. */
export function projectOfKey(json: string): string | undefined {
  try {
    const key = JSON.parse(json) as { project_id?: unknown };
    return typeof key.project_id === 'string' ? key.project_id : undefined;
  } catch {
    return undefined;
  }
}

export type { CloudCredentialsInput };
