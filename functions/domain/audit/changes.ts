// What an audit entry keeps of a write: the field-level diff of the document before and after
// it, secrets redacted first, bookkeeping fields (version, timestamps, ids) left out so an entry
// lists what a person changed. Very large diffs keep their paths only, so an entry always fits
// in one DynamoDB item (400 KB).
import { diffDocuments } from '../document-diff';
import { AUDIT_LIMITS, type AuditChange } from '../schemas/audit';
import { redact } from './redact';

/** Top-level fields every stored document carries that no person edits. */
export const AUDIT_IGNORED_FIELDS = ['id', 'accountId', 'version', 'createdAt', 'updatedAt'] as const;

export function auditChanges(
  before: unknown,
  after: unknown,
): { changes: AuditChange[]; changesTruncated?: true } {
  const changes = diffDocuments(redact(before ?? null), redact(after ?? null), {
    ignore: AUDIT_IGNORED_FIELDS,
  });
  if (JSON.stringify(changes).length <= AUDIT_LIMITS.changesMaxChars) return { changes };
  return { changes: changes.map(({ path, kind }) => ({ path, kind })), changesTruncated: true };
}

/** A one-line summary of an entry's changes for tables: `3 fields: description, farmRoles[web]…`. */
export function summarizeChanges(changes: readonly AuditChange[], maxPaths = 3): string {
  if (changes.length === 0) return '';
  const paths = changes.slice(0, maxPaths).map((c) => c.path || '(document)');
  const more = changes.length > maxPaths ? ` +${changes.length - maxPaths} more` : '';
  return `${paths.join(', ')}${more}`;
}
