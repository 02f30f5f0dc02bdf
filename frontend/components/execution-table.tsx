'use client';
// Script executions as a table: status, script and version, server, event, exit code, duration
// and when; each opens the execution view with its output. Used by the farm's Orchestration
// panel, a server's executions and a script's recent runs.
import Link from 'next/link';
import type { Execution } from '../lib/orchestration-api';
import { type Column, DataTable } from './data-table';
import { TimeAgo } from './time-ago';
import './execution-table.css';

const TONES: Record<Execution['status'], string> = {
  queued: 'busy',
  running: 'busy',
  succeeded: 'ok',
  failed: 'warn',
  'timed-out': 'warn',
  cancelled: 'off',
};

export const executionHref = (executionId: string) => `/executions/?id=${encodeURIComponent(executionId)}`;

export function ExecutionStatusBadge({ status }: { status: Execution['status'] }) {
  return <span className={`badge badge-${TONES[status]}`}>{status}</span>;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The exit code as people read it: a timeout has none worth showing. */
export function exitLabel(e: Execution): string {
  if (e.timedOut) return 'timed out';
  return e.exitCode === null ? '—' : String(e.exitCode);
}

function executionColumns(serverName?: (serverId: string) => string | undefined): Column<Execution>[] {
  const server = (e: Execution) => serverName?.(e.serverId);
  return [
    {
      header: 'Status',
      width: '7.5rem',
      cell: (e) => (
        <Link href={executionHref(e.id)} className="execution-link">
          <ExecutionStatusBadge status={e.status} />
          <span className="visually-hidden">
            {' '}
            output of {e.scriptName} on {server(e) ?? e.serverId}
          </span>
        </Link>
      ),
    },
    {
      header: 'Script',
      cell: (e) => (
        <span className="cell-value">
          <Link className="farm-link" href={executionHref(e.id)}>
            {e.scriptName}
          </Link>
          <span className="row-note">v{e.scriptVersion}</span>
        </span>
      ),
    },
    {
      header: 'Server',
      cell: (e) => <span title={e.serverId}>{server(e) ?? <span className="mono">{e.serverId}</span>}</span>,
    },
    { header: 'Event', width: '9rem', cell: (e) => e.eventName },
    { header: 'Exit code', width: '6.5rem', numeric: true, className: 'mono', cell: exitLabel },
    { header: 'Duration', width: '6.5rem', numeric: true, cell: (e) => formatDuration(e.durationMs) },
    { header: 'When', width: '8rem', cell: (e) => <TimeAgo iso={e.startedAt ?? e.createdAt} /> },
  ];
}

export function ExecutionTable({
  executions,
  serverName,
  label,
  empty,
}: {
  executions: Execution[] | undefined;
  /** Names a server id ("web #1"); the id otherwise. */
  serverName?: (serverId: string) => string | undefined;
  label: string;
  empty: string;
}) {
  return (
    <DataTable
      className="execution-table"
      label={label}
      rows={executions}
      rowKey={(e) => e.id}
      rowAttributes={(e) => ({ 'data-execution': e.id, 'data-status': e.status })}
      columns={executionColumns(serverName)}
      empty={empty}
    />
  );
}
