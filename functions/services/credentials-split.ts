// Cloud credentials' input split into what is stored in the open (returned by the API) and the one
// secret the SecretBox seals: an AWS secret access key, a GCE service-account key, an OpenStack
// password or application credential secret, a CloudStack secret key. Secret fields never reach the public view.
import type { CloudCredentialsInput } from '../domain/schemas/credentials';

/** The public view of an input and its secret (empty when there is none, as for an assumed role). */
export function split(
  input: CloudCredentialsInput,
  ids: { id: string; accountId: string; environmentId: string },
  stamp: { version: number; createdAt: string; updatedAt: string },
) {
  if (input.platform === 'aws') {
    const { auth, ...rest } = input;
    if (auth.type === 'accessKey') {
      const { secretAccessKey, ...publicAuth } = auth;
      return {
        credentials: {
          ...rest,
          ...ids,
          ...stamp,
          auth: { ...publicAuth, secretAccessKeySet: true as const },
        },
        secret: secretAccessKey,
      };
    }
    return { credentials: { ...rest, ...ids, ...stamp, auth }, secret: '' };
  }
  if (input.platform === 'openstack') return splitOpenStack(input, ids, stamp);
  if (input.platform === 'cloudstack') {
    const { secretKey, ...rest } = input;
    return { credentials: { ...rest, ...ids, ...stamp, secretKeySet: true as const }, secret: secretKey };
  }
  const { serviceAccountKey, ...rest } = input;
  return {
    credentials: {
      ...rest,
      ...ids,
      ...stamp,
      clientEmail: serviceAccountKey.client_email,
      serviceAccountKeySet: true as const,
    },
    secret: JSON.stringify(serviceAccountKey),
  };
}

/** OpenStack's secret is the password or the application credential's secret, whichever the auth is. */
function splitOpenStack(
  input: Extract<CloudCredentialsInput, { platform: 'openstack' }>,
  ids: { id: string; accountId: string; environmentId: string },
  stamp: { version: number; createdAt: string; updatedAt: string },
) {
  const { auth, ...rest } = input;
  if (auth.type === 'password') {
    const { password, ...publicAuth } = auth;
    return {
      credentials: { ...rest, ...ids, ...stamp, auth: { ...publicAuth, passwordSet: true as const } },
      secret: password,
    };
  }
  const { applicationCredentialSecret, ...publicAuth } = auth;
  return {
    credentials: {
      ...rest,
      ...ids,
      ...stamp,
      auth: { ...publicAuth, applicationCredentialSecretSet: true as const },
    },
    secret: applicationCredentialSecret,
  };
}
