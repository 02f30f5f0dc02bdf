// Calls that get no answer, as both of Drover's own cloud clients map them (no-answer.ts): a refused
// connection through the real fetch is Transient, the egress guard's refusal is InvalidSpec, an
// untrusted certificate AuthError.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CloudStackClient } from '../../../functions/adapters/clouds/cloudstack/client/client';
import { listOf, Zone } from '../../../functions/adapters/clouds/cloudstack/client/wire';
import { noAnswerError } from '../../../functions/adapters/clouds/no-answer';
import { EGRESS_REFUSED } from '../../../functions/ports/cloud-driver';

describe('a call that got no answer', () => {
  it('is Transient when nothing listens (a real fetch to a closed port)', async () => {
    const client = new CloudStackClient({
      endpoint: 'http://127.0.0.1:9/client/api',
      apiKey: 'k',
      secretKey: 's',
      maxRetries: 0,
    });
    await expect(client.call('listZones', {}, listOf('zone', Zone))).rejects.toMatchObject({
      kind: 'Transient',
      details: { platform: 'cloudstack' },
    });
  });

  it('is InvalidSpec when the egress guard refused it, down the cause chain', () => {
    const err = new TypeError('fetch failed', {
      cause: Object.assign(new Error('refused'), { code: EGRESS_REFUSED }),
    });
    expect(noAnswerError('openstack', 'OpenStack', 'servers.list', err)).toMatchObject({
      kind: 'InvalidSpec',
      message: 'OpenStack servers.list: egress refused',
    });
  });

  it('is AuthError for an untrusted certificate', () => {
    const err = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(noAnswerError('cloudstack', 'CloudStack', 'listZones', err).kind).toBe('AuthError');
  });
});
