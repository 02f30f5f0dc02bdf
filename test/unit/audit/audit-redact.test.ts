// redact and auditChanges: secrets never reach an audit entry, while the fact that one changed does.
import { describe, expect, it } from 'vitest';
import { auditChanges, summarizeChanges } from '../../../functions/domain/audit/changes';
import { isSecretField, REDACTED, redact } from '../../../functions/domain/audit/redact';

describe('isSecretField', () => {
  it.each([
    ['secretAccessKey', true, 'an AWS secret key'],
    ['signingSecret', true, "a webhook endpoint's once-shown secret"],
    ['private_key', true, 'a GCE service-account key'],
    ['password', true, 'a password'],
    ['token', true, 'an API token shown once'],
    ['sealedSecret', true, 'a sealed secret (still not for the log)'],
    ['Authorization', true, 'a custom header of a webhook endpoint'],
    ['X-Api-Key', true, 'a custom header of a webhook endpoint'],
    ['secretHint', false, 'the last four characters, shown in the portal anyway'],
    ['secretRotatedAt', false, 'a time'],
    ['secretAccessKeySet', false, 'a flag saying a secret is set'],
    ['tokenId', false, 'the id of a token'],
    ['private_key_id', false, 'the id of a key, not the key'],
    ['credentialsId', false, 'a reference'],
    ['name', false, 'plain data'],
  ])('%s → %s (%s)', (name, secret) => {
    expect(isSecretField(name)).toBe(secret);
  });
});

describe('redact', () => {
  it('replaces secret values at any depth and keeps everything else', () => {
    const doc = {
      name: 'prod',
      aws: { auth: { type: 'accessKey', accessKeyId: 'AKIA', secretAccessKey: 's3cr3t' } },
      headers: { Authorization: 'Bearer x', 'X-Team': 'ops' },
      list: [{ password: 'p' }],
      secretAccessKeySet: true,
    };
    expect(redact(doc)).toEqual({
      name: 'prod',
      aws: { auth: { type: 'accessKey', accessKeyId: 'AKIA', secretAccessKey: REDACTED } },
      headers: { Authorization: REDACTED, 'X-Team': 'ops' },
      list: [{ password: REDACTED }],
      secretAccessKeySet: true,
    });
    expect(doc.aws.auth.secretAccessKey).toBe('s3cr3t');
  });

  it('keeps null and absent secrets as they are (no secret is not a secret)', () => {
    expect(redact({ token: null })).toEqual({ token: null });
  });
});

describe('auditChanges', () => {
  it('says a secret changed without saying to what', () => {
    const { changes } = auditChanges({ signingSecret: 'old' }, { signingSecret: 'new' });
    // Both sides redact to the same value, so the change itself is invisible: rotation is the action.
    expect(JSON.stringify(changes)).not.toMatch(/old|new/);
  });

  it('records a created secret as present, never its value', () => {
    const { changes } = auditChanges(null, { url: 'https://x', signingSecret: 'whsec_abc' });
    expect(changes).toEqual([
      { path: 'url', kind: 'added', after: 'https://x' },
      { path: 'signingSecret', kind: 'added', after: REDACTED },
    ]);
  });

  it('leaves out id, accountId, version and timestamps', () => {
    const before = {
      id: 'farm-1',
      accountId: 'acc-1',
      version: 1,
      createdAt: 'a',
      updatedAt: 'a',
      name: 'x',
    };
    const after = { ...before, version: 2, updatedAt: 'b', name: 'y' };
    expect(auditChanges(before, after).changes).toEqual([
      { path: 'name', kind: 'changed', before: 'x', after: 'y' },
    ]);
  });

  it('keeps only the paths of a diff too large for one item', () => {
    const big = 'x'.repeat(300_000);
    const out = auditChanges({ a: '' }, { a: big });
    expect(out).toEqual({ changes: [{ path: 'a', kind: 'changed' }], changesTruncated: true });
  });
});

describe('summarizeChanges', () => {
  it.each([
    [[], ''],
    [[{ path: 'name', kind: 'changed' as const }], 'name'],
    [['a', 'b', 'c', 'd', 'e'].map((path) => ({ path, kind: 'added' as const })), 'a, b, c +2 more'],
  ])('%j → %s', (changes, summary) => {
    expect(summarizeChanges(changes)).toBe(summary);
  });
});
