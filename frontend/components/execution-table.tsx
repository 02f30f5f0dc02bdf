'use client';
// Script executions as a table: status, script and version, server, event, exit code, duration
// and when; each opens the execution view with its output. Used by the farm's Orchestration
// panel, a server's executions and a script's recent runs.
import Link from 'next/link';
import type { Execution } from '../lib/orchestration-api';
import { PlaceholderRow } from './placeholder-row';
import { TimeAgo } from './time-ago';
import './orchestration.css';

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
    <>
      <table className="data-table card-table execution-table" aria-busy={!executions} aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Script</th>
            <th scope="col">Server</th>
            <th scope="col">Event</th>
            <th scope="col" className="num">
              Exit code
            </th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {!executions && <PlaceholderRow cells={7} />}
          {executions?.map((e) => (
            <tr key={e.id} data-execution={e.id} data-status={e.status}>
              <td data-label="Status">
                <Link href={executionHref(e.id)} className="execution-link">
                  <ExecutionStatusBadge status={e.status} />
                  <span className="visually-hidden">
                    {' '}
                    output of {e.scriptName} on {serverName?.(e.serverId) ?? e.serverId}
                  </span>
                </Link>
              </td>
              <td data-label="Script">
                <span className="cell-value">
                  <Link className="farm-link" href={executionHref(e.id)}>
                    {e.scriptName}
                  </Link>
                  <span className="row-note">v{e.scriptVersion}</span>
                </span>
              </td>
              <td data-label="Server">
                <span title={e.serverId}>
                  {serverName?.(e.serverId) ?? <span className="mono">{e.serverId}</span>}
                </span>
              </td>
              <td data-label="Event">{e.eventName}</td>
              <td data-label="Exit code" className="num mono">
                {exitLabel(e)}
              </td>
              <td data-label="Duration" className="num">
                {formatDuration(e.durationMs)}
              </td>
              <td data-label="When">
                <TimeAgo iso={e.startedAt ?? e.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {executions?.length === 0 && <p className="empty">{empty}</p>}
    </>
  );
}
