'use client';
// The audit log as a table: when, who, from where, action, resource and a summary of the
// changed fields; "Changes" opens a row below listing each field path, old → new.
import Link from 'next/link';
import { Fragment, useState } from 'react';
import { summarizeChanges } from '../../../functions/domain/audit/changes';
import { farmHref } from '../../components/farm-table';
import { PlaceholderRow } from '../../components/placeholder-row';
import type { AuditChange, AuditEntry } from '../../lib/audit-api';
import { exactTime, relativeTime } from '../../lib/format-time';

const CLIENTS: Record<string, string> = { portal: 'Portal', cli: 'CLI', api: 'API', system: 'Drover' };

/** A changed value in one short line: strings bare, the rest as JSON, long ones cut. */
function shown(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function ChangeLine({ change }: { change: AuditChange }) {
  return (
    <li className={`audit-change audit-change-${change.kind}`}>
      <span className="mono audit-path">{change.path || '(document)'}</span>{' '}
      {change.kind === 'added' && (
        <>
          <span className="visually-hidden">added:</span>
          <ins className="mono">{shown(change.after)}</ins>
        </>
      )}
      {change.kind === 'removed' && (
        <>
          <span className="visually-hidden">removed:</span>
          <del className="mono">{shown(change.before)}</del>
        </>
      )}
      {change.kind === 'changed' && (
        <>
          <del className="mono">{shown(change.before)}</del> <span aria-hidden="true">→</span>
          <span className="visually-hidden">changed to</span>{' '}
          <ins className="mono">{shown(change.after)}</ins>
        </>
      )}
    </li>
  );
}

function ResourceCell({ entry }: { entry: AuditEntry }) {
  const { type, id, name } = entry.resource;
  const label = name ?? id ?? '—';
  return (
    <span className="cell-value">
      <span className="muted audit-type">{type}</span>{' '}
      {type === 'farm' && id && entry.action !== 'deleteFarm' ? (
        <Link href={farmHref(id)} className="farm-link" prefetch={false}>
          {label}
        </Link>
      ) : (
        <span>{label}</span>
      )}
    </span>
  );
}

function AuditRows({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-${entry.id}-changes`;
  const refused = entry.outcome === 403;
  return (
    <Fragment>
      <tr data-audit={entry.id} className={refused ? 'audit-refused' : undefined}>
        <td data-label="When">
          <time dateTime={entry.at} title={exactTime(entry.at)}>
            {relativeTime(entry.at)}
          </time>
        </td>
        <td data-label="Who">
          <span className="mono">{entry.actor.userId}</span>
          {entry.actor.via === 'api-token' && <span className="badge badge-off">API token</span>}
        </td>
        <td data-label="From">
          {CLIENTS[entry.source.client] ?? entry.source.client}
          {entry.source.ip && <span className="row-note mono">{entry.source.ip}</span>}
        </td>
        <td data-label="Action">
          <span className="mono">{entry.action}</span>
          {refused && <span className="badge badge-warn">refused</span>}
        </td>
        <td data-label="Resource">
          <ResourceCell entry={entry} />
        </td>
        <td data-label="Changes" className="audit-changes-cell">
          {entry.changes.length > 0 ? (
            <button
              type="button"
              className="button button-quiet audit-toggle"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen((o) => !o)}
            >
              {entry.changes.length} field{entry.changes.length === 1 ? '' : 's'}
              <span className="row-note">{summarizeChanges(entry.changes, 2)}</span>
            </button>
          ) : (
            <span className="muted">—</span>
          )}
        </td>
      </tr>
      {open && (
        <tr className="audit-details" id={detailsId}>
          <td colSpan={6}>
            <ul className="audit-change-list" aria-label={`Changes of ${entry.action}`}>
              {entry.changes.map((c) => (
                <ChangeLine key={`${c.kind}:${c.path}`} change={c} />
              ))}
            </ul>
            {entry.changesTruncated && (
              <p className="muted">The change was too large to keep whole: only the field paths are shown.</p>
            )}
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] | undefined }) {
  return (
    <>
      <table className="data-table card-table audit-table" aria-busy={!entries}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">From</th>
            <th scope="col">Action</th>
            <th scope="col">Resource</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {!entries && <PlaceholderRow cells={6} />}
          {entries?.map((entry) => (
            <AuditRows key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
      {entries?.length === 0 && <p className="empty">No audit entries match these filters.</p>}
    </>
  );
}
