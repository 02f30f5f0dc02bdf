// CloudStack credentials' schema: what is refused, at which field, and that the view has no secret.
import { describe, expect, it } from 'vitest';
import {
  CloudStackCredentialsInput,
  CloudStackCredentialsView,
} from '../../../functions/domain/schemas/cloudstack-credentials';

const good = {
  platform: 'cloudstack',
  name: 'private-cloud',
  description: '',
  endpoint: 'https://cloud.example.com/client/api',
  apiKey: 'drover-sandbox',
  secretKey: 'drover-sandbox-secret',
};

describe('CloudStack credentials', () => {
  it('takes an API URL, a key and a secret', () => {
    expect(CloudStackCredentialsInput.parse(good)).toEqual(good);
  });

  it.each([
    [{ endpoint: 'https://cloud.example.com/' }, 'endpoint'],
    [{ endpoint: 'ftp://cloud.example.com/client/api' }, 'endpoint'],
    [{ apiKey: 'has spaces' }, 'apiKey'],
    [{ secretKey: '' }, 'secretKey'],
    [{ extra: 1 }, ''],
  ])('refuses %o at its field', (patch, path) => {
    const parsed = CloudStackCredentialsInput.safeParse({ ...good, ...patch });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('has no room for the secret key in the view', () => {
    const { secretKey: _secret, ...rest } = good;
    expect(CloudStackCredentialsView.parse({ ...rest, secretKeySet: true })).toEqual({
      ...rest,
      secretKeySet: true,
    });
    expect(CloudStackCredentialsView.safeParse({ ...good, secretKeySet: true }).success).toBe(false);
  });
});
