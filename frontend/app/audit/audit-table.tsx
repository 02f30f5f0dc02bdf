'use client';
// The audit log as a table: when, who, from where, action, resource and a summary of the
// changed fields; "Changes" opens a row below listing each field path, old → new.
import Link from 'next/link';
import { useState } from 'react';
import { summarizeChanges } from '../../../functions/domain/audit/changes';
import { type Column, DataTable } from '../../components/data-table';
import { farmHref } from '../../components/farm-table';
import type { ApiProblem } from '../../lib/api-problem';
import type { AuditChange, AuditEntry } from '../../lib/audit-api';
import { exactTime, relativeTime } from '../../lib/format-time';
import './audit-table.css';

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

const useDetailsOpen = () => useState(false);
type DetailsOpen = ReturnType<typeof useDetailsOpen>;

const detailsId = (entry: AuditEntry) => `audit-${entry.id}-changes`;

function ChangesToggle({ entry, open: [open, setOpen] }: { entry: AuditEntry; open: DetailsOpen }) {
  if (entry.changes.length === 0) return <span className="muted">—</span>;
  return (
    <button
      type="button"
      className="button button-quiet audit-toggle"
      aria-expanded={open}
      aria-controls={detailsId(entry)}
      onClick={() => setOpen((o) => !o)}
    >
      {entry.changes.length} field{entry.changes.length === 1 ? '' : 's'}
      <span className="row-note">{summarizeChanges(entry.changes, 2)}</span>
    </button>
  );
}

function ChangeList({ entry }: { entry: AuditEntry }) {
  return (
    <>
      <ul className="audit-change-list" aria-label={`Changes of ${entry.action}`}>
        {entry.changes.map((c) => (
          <ChangeLine key={`${c.kind}:${c.path}`} change={c} />
        ))}
      </ul>
      {entry.changesTruncated && (
        <p className="muted">The change was too large to keep whole: only the field paths are shown.</p>
      )}
    </>
  );
}

const COLUMNS: Column<AuditEntry, DetailsOpen>[] = [
  {
    header: 'When',
    cell: (entry) => (
      <time dateTime={entry.at} title={exactTime(entry.at)}>
        {relativeTime(entry.at)}
      </time>
    ),
  },
  {
    header: 'Who',
    cell: (entry) => (
      <>
        <span className="mono">{entry.actor.userId}</span>
        {entry.actor.via === 'api-token' && <span className="badge badge-off">API token</span>}
      </>
    ),
  },
  {
    header: 'From',
    cell: (entry) => (
      <>
        {CLIENTS[entry.source.client] ?? entry.source.client}
        {entry.source.ip && <span className="row-note mono">{entry.source.ip}</span>}
      </>
    ),
  },
  {
    header: 'Action',
    cell: (entry) => (
      <>
        <span className="mono">{entry.action}</span>
        {entry.outcome === 403 && <span className="badge badge-warn">refused</span>}
      </>
    ),
  },
  { header: 'Resource', cell: (entry) => <ResourceCell entry={entry} /> },
  {
    header: 'Changes',
    className: 'audit-changes-cell',
    cell: (entry, open) => <ChangesToggle entry={entry} open={open} />,
  },
];

export function AuditTable({
  entries,
  error,
  onRetry,
}: {
  entries: AuditEntry[] | undefined;
  error?: ApiProblem;
  onRetry: () => void;
}) {
  return (
    <DataTable
      className="audit-table"
      rows={entries}
      rowKey={(entry) => entry.id}
      rowAttributes={(entry) => ({
        'data-audit': entry.id,
        className: entry.outcome === 403 ? 'audit-refused' : undefined,
      })}
      columns={COLUMNS}
      useRowState={useDetailsOpen}
      details={(entry, [open]) =>
        open
          ? { id: detailsId(entry), className: 'audit-details', content: <ChangeList entry={entry} /> }
          : undefined
      }
      empty="No audit entries match these filters."
      error={error}
      onRetry={onRetry}
    />
  );
}
