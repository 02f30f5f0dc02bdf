'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Fragment, useState } from 'react';
import { AppHeader } from '../../../components/app-header';
import { PlaceholderRow } from '../../../components/placeholder-row';
import { ProblemNotice } from '../../../components/problem-notice';
import { TimeAgo } from '../../../components/time-ago';
import { ApiProblem } from '../../../lib/api-problem';
import { useApi } from '../../../lib/use-api';
import { useEnvironment } from '../../../lib/use-environment';
import { useSession } from '../../../lib/use-session';
import { type Delivery, webhookApi } from '../../../lib/webhook-api';
import { attemptError, DeliveryStatusBadge, FINISHED, lastResult, latency } from '../delivery-status';

/** While a delivery is pending or retrying, the list follows it (nothing needs a manual refresh)… */
const POLL_MS = 5000;
/** …and new deliveries still show up, more slowly, when none is. */
const IDLE_POLL_MS = 30_000;
const PAGE_SIZE = 50;

export function DeliveryHistoryClient({ webhookId }: { webhookId?: string | null }) {
  return webhookId === undefined ? <FromQuery /> : <DeliveryHistory webhookId={webhookId} />;
}

function FromQuery() {
  return <DeliveryHistory webhookId={useSearchParams().get('id')} />;
}

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

function DeliveryRows({ delivery: d, onRedelivered }: { delivery: Delivery; onRedelivered: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const last = d.attempts.at(-1);
  const detailsId = `attempts-${d.id}`;

  async function redeliver() {
    setBusy(true);
    setProblem(undefined);
    try {
      await webhookApi.redeliver(d);
      setOpen(true);
      onRedelivered();
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : ApiProblem.network(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Fragment>
      <tr data-delivery={d.id} data-status={d.status} className="delivery-row">
        <td data-label="Status">
          <DeliveryStatusBadge status={d.status} />
        </td>
        <td data-label="Event">
          <span className="cell-value">
            <span className="event-name">{d.event.name}</span>
            {d.event.message && <span className="row-note">{d.event.message}</span>}
          </span>
        </td>
        <td data-label="Time">
          <TimeAgo iso={d.createdAt} />
        </td>
        <td data-label="Attempts" className="num">
          {d.attemptCount} / {d.attemptLimit}
        </td>
        <td data-label="Last result">
          <span className="cell-value">
            {lastResult(d)}
            {d.nextAttemptAt && !FINISHED.has(d.status) && (
              <span className="row-note">
                next <TimeAgo iso={d.nextAttemptAt} />
              </span>
            )}
          </span>
        </td>
        <td data-label="Latency" className="num">
          {latency(last?.latencyMs ?? null)}
        </td>
        <td className="actions-cell">
          <div className="row-actions wrap-actions">
            <button
              type="button"
              className="button button-quiet"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen(!open)}
            >
              {open ? 'Hide attempts' : 'Attempts'} <span className="visually-hidden">of {d.event.name}</span>
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={redeliver}
              disabled={busy || !FINISHED.has(d.status)}
              title={FINISHED.has(d.status) ? undefined : 'Still being delivered'}
            >
              {busy ? 'Sending…' : 'Redeliver'} <span className="visually-hidden">{d.event.name}</span>
            </button>
          </div>
          {problem && <ProblemNotice problem={problem} />}
        </td>
      </tr>
      <tr className="attempts-row" id={detailsId} hidden={!open}>
        <td colSpan={7}>
          <p className="muted attempt-meta">
            Delivery <span className="mono">{d.id}</span> · event <span className="mono">{d.event.id}</span>
          </p>
          <Attempts delivery={d} />
        </td>
      </tr>
    </Fragment>
  );
}

function DeliveryHistory({ webhookId }: { webhookId: string | null }) {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const env = useEnvironment(signedIn);
  const environmentId = env.current?.id;
  const ready = environmentId && webhookId;
  const webhook = useApi(ready ? `webhook:${environmentId}:${webhookId}` : null, (signal) =>
    webhookApi.getWebhook(environmentId!, webhookId!, signal),
  );
  const [pollMs, setPollMs] = useState(IDLE_POLL_MS);
  const deliveries = useApi(
    ready ? `deliveries:${environmentId}:${webhookId}` : null,
    async (signal) => {
      const page = await webhookApi.listDeliveries(environmentId!, webhookId!, { limit: PAGE_SIZE }, signal);
      setPollMs(page.items.some((d) => !FINISHED.has(d.status)) ? POLL_MS : IDLE_POLL_MS);
      return page;
    },
    { refreshMs: pollMs },
  );

  const problem = env.error ?? webhook.error ?? deliveries.error;
  const items = deliveries.data?.items;
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <p className="breadcrumb">
          <Link href="/webhooks/">Webhooks</Link> /
        </p>
        <div className="page-heading">
          <div>
            <h1>{webhook.data ? `${webhook.data.name}: deliveries` : 'Deliveries'}</h1>
            <p className="muted lede">
              {webhook.data
                ? `${webhook.data.events.join(', ')} · up to ${webhook.data.maxAttempts} attempts each`
                : webhookId === null
                  ? ''
                  : 'Loading…'}
            </p>
          </div>
          <p className="muted poll-state" role="status">
            {pollMs === POLL_MS ? 'Following deliveries in progress…' : ''}
          </p>
        </div>
        {signedIn && webhookId === null && (
          <p className="notice notice-warn">No webhook named: open one from Webhooks.</p>
        )}
        {problem && <ProblemNotice problem={problem} onRetry={deliveries.reload} />}
        <section className="panel wh-panel" aria-label="Deliveries">
          <table className="data-table card-table wh-table delivery-table" aria-busy={!items}>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Event</th>
                <th scope="col">Time</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">Last result</th>
                <th scope="col" className="num">
                  Latency
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {!items && <PlaceholderRow cells={7} />}
              {items?.map((d) => (
                <DeliveryRows key={d.id} delivery={d} onRedelivered={deliveries.reload} />
              ))}
            </tbody>
          </table>
          {items?.length === 0 && (
            <p className="empty">No deliveries yet: they appear here when a matching event happens.</p>
          )}
          {deliveries.data?.nextCursor && (
            <p className="panel-footer muted">Showing the newest {PAGE_SIZE}; the CLI lists them all.</p>
          )}
        </section>
      </main>
    </>
  );
}
