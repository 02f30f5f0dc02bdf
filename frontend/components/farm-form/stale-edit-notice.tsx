// A save refused with 412: someone changed the farm since the form opened. Explains it, says
// what they changed, and offers to load their version and keep the user's edits on top of it.
import type { Farm } from '../../lib/api-client';

/** What differs between two versions of a farm, in words: fields and farm roles by alias. */
export function changesBetween(before: Farm, after: Farm): string[] {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`name (now “${after.name}”)`);
  if (before.description !== after.description) changes.push('description');
  if (before.leaseExpiresAt !== after.leaseExpiresAt) changes.push('lease');
  const old = new Map(before.farmRoles.map((fr) => [fr.id, fr]));
  for (const fr of after.farmRoles) {
    const was = old.get(fr.id);
    if (!was) changes.push(`farm role ${fr.alias} added`);
    else if (JSON.stringify(was) !== JSON.stringify(fr)) changes.push(`farm role ${fr.alias} changed`);
    old.delete(fr.id);
  }
  for (const fr of old.values()) changes.push(`farm role ${fr.alias} removed`);
  return changes;
}

export function StaleEditNotice({
  startedFrom,
  theirs,
  loading,
  onReload,
  onDiscard,
}: {
  startedFrom: Farm;
  theirs: Farm | undefined;
  loading: boolean;
  onReload: () => void;
  onDiscard: () => void;
}) {
  if (theirs) {
    const changes = changesBetween(startedFrom, theirs);
    return (
      <div className="notice notice-warn" role="status">
        <p className="notice-title">Loaded version {theirs.version}. Your edits are still in the form.</p>
        <p>
          They changed: {changes.length ? changes.join(', ') : 'nothing you can see here'}. Saving now puts
          your form over their version: check it, then save again.
        </p>
        <button type="button" className="button button-secondary" onClick={onDiscard}>
          Discard my edits and show their version
        </button>
      </div>
    );
  }
  return (
    <div className="notice notice-warn" role="alert">
      <p className="notice-title">Someone changed this farm since you opened it.</p>
      <p>You started from version {startedFrom.version}; nothing was saved. Your edits are kept below.</p>
      <button type="button" className="button button-primary" onClick={onReload} disabled={loading}>
        {loading ? 'Loading…' : 'Reload and re-apply my edits'}
      </button>
    </div>
  );
}
