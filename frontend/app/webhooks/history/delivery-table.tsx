'use client';
// One webhook's deliveries, newest first: status, event, time, attempts, last result, latency;
// "Attempts" opens a row below with every attempt (response excerpt, error); "Redeliver" sends a
// finished delivery again and opens its attempts.
import { useState } from 'react';
import { type Column, DataTable, RowActions, RowButton } from '../../../components/data-table';
import { ProblemNotice } from '../../../components/problem-notice';
import { TimeAgo } from '../../../components/time-ago';
import type { ApiProblem } from '../../../lib/api-problem';
import { useRowAction } from '../../../lib/use-row-action';
import { type Delivery, webhookApi } from '../../../lib/webhook-api';
import { attemptError, DeliveryStatusBadge, FINISHED, lastResult, latency } from '../delivery-status';
import './delivery-table.css';

function Attempts({ delivery }: { delivery: Delivery }) {
  if (delivery.attempts.length === 0) return <p className="muted">No attempt yet.</p>;
  return (
    <ol className="attempt-list" aria-label={`Attempts of ${delivery.id}`}>
      {delivery.attempts.map((a) => (
        <li key={a.number} className="attempt" data-outcome={a.outcome}>
          <div className="attempt-head">
            <span className="attempt-number">#{a.number}</span>
            <DeliveryStatusBadge status={a.outcome} />
            <span>{a.httpStatus !== null ? `HTTP ${a.httpStatus}` : 'no HTTP answer'}</span>
            <span className="muted">{latency(a.latencyMs)}</span>
            <TimeAgo iso={a.startedAt} />
          </div>
          {attemptError(a) && <p className="attempt-error">{attemptError(a)}</p>}
          {a.responseExcerpt && <pre className="attempt-excerpt">{a.responseExcerpt}</pre>}
          {a.nextRetryAt && (
            <p className="muted attempt-next">
              {Date.parse(a.nextRetryAt) > Date.now() ? 'next attempt' : 'retried'}{' '}
              <TimeAgo iso={a.nextRetryAt} />
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** One row's state: whether its attempts are open, and its redelivery (running, refused). */
function useDeliveryRow() {
  const action = useRowAction();
  const [open, setOpen] = useState(false);
  return { ...action, open, setOpen };
}
type DeliveryRowState = ReturnType<typeof useDeliveryRow>;

const attemptsId = (d: Delivery) => `attempts-${d.id}`;

const COLUMNS: Column<Delivery, DeliveryRowState>[] = [
  { header: 'Status', width: '7.5rem', cell: (d) => <DeliveryStatusBadge status={d.status} /> },
  {
    header: 'Event',
    cell: (d) => (
      <span className="cell-value">
        <span className="event-name">{d.event.name}</span>
        {d.event.message && <span className="row-note">{d.event.message}</span>}
      </span>
    ),
  },
  { header: 'Time', width: '8rem', cell: (d) => <TimeAgo iso={d.createdAt} /> },
  { header: 'Attempts', width: '7rem', numeric: true, cell: (d) => `${d.attemptCount} / ${d.attemptLimit}` },
  {
    header: 'Last result',
    cell: (d) => (
      <span className="cell-value">
        {lastResult(d)}
        {d.nextAttemptAt && !FINISHED.has(d.status) && (
          <span className="row-note">
            next <TimeAgo iso={d.nextAttemptAt} />
          </span>
        )}
      </span>
    ),
  },
  {
    header: 'Latency',
    width: '6rem',
    numeric: true,
    cell: (d) => latency(d.attempts.at(-1)?.latencyMs ?? null),
  },
];

function DeliveryActions({
  delivery: d,
  row: { open, setOpen, busy, problem, run },
  onRedelivered,
}: {
  delivery: Delivery;
  row: DeliveryRowState;
  onRedelivered: () => void;
}) {
  const redeliver = () =>
    run(true, async () => {
      await webhookApi.redeliver(d);
      setOpen(true);
      onRedelivered();
    });
  return (
    <>
      <RowActions wrap>
        <RowButton aria-expanded={open} aria-controls={attemptsId(d)} onClick={() => setOpen(!open)}>
          {open ? 'Hide attempts' : 'Attempts'} <span className="visually-hidden">of {d.event.name}</span>
        </RowButton>
        <button
          type="button"
          className="button button-secondary"
          onClick={redeliver}
          disabled={Boolean(busy) || !FINISHED.has(d.status)}
          title={FINISHED.has(d.status) ? undefined : 'Still being delivered'}
        >
          {busy ? 'Sending…' : 'Redeliver'} <span className="visually-hidden">{d.event.name}</span>
        </button>
      </RowActions>
      {problem && <ProblemNotice problem={problem} />}
    </>
  );
}

export function DeliveryTable({
  deliveries,
  error,
  onRetry,
  onRedelivered,
}: {
  deliveries: Delivery[] | undefined;
  error?: ApiProblem;
  onRetry: () => void;
  onRedelivered: () => void;
}) {
  return (
    <DataTable
      actionsWidth="16.5rem"
      className="wh-table delivery-table"
      align="middle"
      rows={deliveries}
      rowKey={(d) => d.id}
      rowAttributes={(d) => ({ 'data-delivery': d.id, 'data-status': d.status, className: 'delivery-row' })}
      columns={COLUMNS}
      useRowState={useDeliveryRow}
      actions={(d, row) => <DeliveryActions delivery={d} row={row} onRedelivered={onRedelivered} />}
      details={(d, row) => ({
        id: attemptsId(d),
        className: 'attempts-row',
        hidden: !row.open,
        content: (
          <>
            <p className="muted attempt-meta">
              Delivery <span className="mono">{d.id}</span> · event <span className="mono">{d.event.id}</span>
            </p>
            <Attempts delivery={d} />
          </>
        ),
      })}
      empty="No deliveries yet: they appear here when a matching event happens."
      error={error}
      onRetry={onRetry}
    />
  );
}
