// The portal's credentials form for CloudStack: the draft becomes the shared CloudCredentialsInput
// (API URL, API key, secret key), and a bad API URL is reported at the endpoint field by the one schema.
import { describe, expect, it } from 'vitest';
import { emptyCredentials, toCredentialsInput } from '../../../frontend/lib/credentials-draft';
import { CloudCredentialsInput } from '../../../functions/domain/schemas/credentials';

describe('the CloudStack credentials draft', () => {
  const draft = {
    ...emptyCredentials(),
    platform: 'cloudstack' as const,
    name: 'private-cloud',
    endpoint: ' https://cloud.example.com/client/api ',
    apiKey: ' drover-sandbox ',
    secretKey: 'drover-sandbox-secret',
  };

  it('becomes CloudStack credentials input', () => {
    const converted = toCredentialsInput(draft);
    expect('input' in converted && CloudCredentialsInput.parse(converted.input)).toEqual({
      platform: 'cloudstack',
      name: 'private-cloud',
      description: '',
      endpoint: 'https://cloud.example.com/client/api',
      apiKey: 'drover-sandbox',
      secretKey: 'drover-sandbox-secret',
    });
  });

  it('reports an API URL that is not CloudStack’s at the endpoint field', () => {
    const converted = toCredentialsInput({ ...draft, endpoint: 'https://cloud.example.com/' });
    const parsed = CloudCredentialsInput.safeParse('input' in converted ? converted.input : undefined);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['endpoint']);
  });
});
