// The credentials form's state and its conversion to the shared CloudCredentialsInput. A GCE key
// is pasted or uploaded as its JSON file; text that is not JSON is reported at its field. CloudStack
// takes its API URL (the endpoint field, required there), an API key and a secret key.
import type { CloudCredentialsInput } from '../../functions/domain/schemas/credentials';

export interface CredentialsDraft {
  platform: 'aws' | 'gce' | 'cloudstack';
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
});

/** The input for the API, or the error of the key field when the pasted key is not JSON. */
export function toCredentialsInput(draft: CredentialsDraft): { input: unknown } | { keyError: string } {
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
