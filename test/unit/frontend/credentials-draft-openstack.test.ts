// The credentials form's OpenStack draft becomes the API's own input: the endpoint field is the
// auth URL, the chosen sign-in decides the auth, an empty CA bundle is left out, and the API's
// schema names the field of what is missing.
import { describe, expect, it } from 'vitest';
import {
  type CredentialsDraft,
  emptyCredentials,
  toCredentialsInput,
} from '../../../frontend/lib/credentials-draft';
import { CloudCredentialsInput } from '../../../functions/domain/schemas/credentials';

const draft = (openstack: Partial<CredentialsDraft['openstack']> = {}): CredentialsDraft => {
  const empty = emptyCredentials();
  return {
    ...empty,
    platform: 'openstack',
    name: 'private-cloud',
    endpoint: 'https://keystone.example.net:5000/v3',
    openstack: { ...empty.openstack, username: 'ops', password: 'pw', projectName: 'web', ...openstack },
  };
};

const inputOf = (d: CredentialsDraft) => {
  const converted = toCredentialsInput(d);
  if (!('input' in converted)) throw new Error('expected an input');
  return converted.input;
};

describe('the OpenStack credentials draft', () => {
  it('signs in with a user and project in domain Default', () => {
    expect(CloudCredentialsInput.parse(inputOf(draft()))).toEqual({
      platform: 'openstack',
      name: 'private-cloud',
      description: '',
      authUrl: 'https://keystone.example.net:5000/v3',
      region: 'RegionOne',
      auth: {
        type: 'password',
        username: 'ops',
        password: 'pw',
        userDomain: 'Default',
        projectName: 'web',
        projectDomain: 'Default',
      },
    });
  });

  it('signs in with an application credential and keeps a CA bundle', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    const input = CloudCredentialsInput.parse(
      inputOf(
        draft({
          authType: 'applicationCredential',
          applicationCredentialId: 'ac1',
          applicationCredentialSecret: 's',
          caBundle: pem,
        }),
      ),
    );
    expect(input).toMatchObject({
      auth: { type: 'applicationCredential', applicationCredentialId: 'ac1' },
      caBundle: pem,
    });
  });

  it('names the missing project as the API would', () => {
    const result = CloudCredentialsInput.safeParse(inputOf(draft({ projectName: '' })));
    expect(result.error?.issues[0]?.path).toEqual(['auth', 'projectName']);
  });
});
