// recordAudit: an entry gets an id that sorts by its time and a redacted diff; storing it never
// fails the caller (the write it describes already happened) but a lost entry is logged loudly.
import { Logger } from '@aws-lambda-powertools/logger';
import { decodeTime } from 'ulid';
import { describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../../functions/domain/schemas/audit';
import type { AuditRepo } from '../../../functions/ports/audit-store';
import { recordAudit, recordSystemAudit } from '../../../functions/services/audit';

const AT = new Date('2026-11-25T12:00:00.000Z');
const acc = 'acc-01jd7y9x2k0000000000000001';
const farmId = 'farm-01jd7y9x2k0000000000000001';

/** The port kept in an array: what reaches the store, and a store that is down. */
function repo(failing = false): AuditRepo & { stored: AuditEntry[] } {
  const stored: AuditEntry[] = [];
  return {
    stored,
    append: async (entry) => {
      if (failing) throw new Error('ProvisionedThroughputExceededException');
      stored.push(entry);
    },
    get: async (_scope, id) => stored.find((e) => e.id === id),
    list: async () => ({ items: stored }),
  };
}

function deps(audit: AuditRepo) {
  const logger = new Logger({ serviceName: 'audit-test', logLevel: 'SILENT' });
  return { store: { audit }, clock: { now: () => AT }, logger };
}

const record = {
  accountId: acc,
  environmentId: null,
  actor: { userId: 'usr-01jd7y9x2k0000000000000001', via: 'user' as const },
  source: { client: 'cli' as const },
  action: 'updateCredentials',
  resource: { type: 'credentials', id: 'cred-01jd7y9x2k0000000000000001' },
  outcome: 200,
  before: { name: 'a', auth: { secretAccessKey: 'old-secret' }, version: 1 },
  after: { name: 'b', auth: { secretAccessKey: 'new-secret' }, version: 2 },
};

describe('recordAudit', () => {
  it('stores an entry whose id carries its time, with the redacted diff', async () => {
    const audit = repo();
    const entry = await recordAudit(deps(audit), record);
    expect(audit.stored).toEqual([entry]);
    expect(entry!.id).toMatch(/^aud-[0-9a-z]{26}$/);
    expect(decodeTime(entry!.id.slice(4).toUpperCase())).toBe(AT.getTime());
    expect(entry!.at).toBe(AT.toISOString());
    expect(entry!.changes).toEqual([{ path: 'name', kind: 'changed', before: 'a', after: 'b' }]);
    expect(JSON.stringify(entry)).not.toMatch(/old-secret|new-secret/);
  });

  it('never throws when the store fails, and logs the lost entry loudly', async () => {
    const d = deps(repo(true));
    const error = vi.spyOn(d.logger, 'error');
    await expect(recordAudit(d, record)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('AUDIT ENTRY LOST'),
      expect.objectContaining({ auditAction: 'updateCredentials', accountId: acc }),
    );
  });
});

describe('recordSystemAudit', () => {
  it('records a platform action as the system, from the system', async () => {
    const audit = repo();
    await recordSystemAudit(deps(audit), {
      accountId: acc,
      environmentId: 'env-01jd7y9x2k0000000000000001',
      action: 'farmLeaseExpired',
      resource: { type: 'farm', id: farmId, name: 'web' },
      before: { status: 'Running' },
      after: { status: 'Terminating' },
    });
    expect(audit.stored[0]).toMatchObject({
      actor: { userId: 'system', via: 'system' },
      source: { client: 'system' },
      outcome: 200,
      changes: [{ path: 'status', kind: 'changed', before: 'Running', after: 'Terminating' }],
    });
  });
});
