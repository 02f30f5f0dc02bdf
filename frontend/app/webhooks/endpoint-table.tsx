'use client';
// The environment's webhook endpoints: URL, enabled, the secret's hint and rotation state, and per
// endpoint "Send test event" (its outcome shown in the row), rotate secret, enable/disable, edit
// and delete. Rotation and deletion ask first; a new secret goes to the page's once-only dialog.
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { type Column, DataTable, RowActions, RowButton } from '../../components/data-table';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import { exactTime } from '../../lib/format-time';
import { useRowAction } from '../../lib/use-row-action';
import {
  type Delivery,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  webhookApi,
} from '../../lib/webhook-api';
import { lastResult, latency } from './delivery-status';
import './endpoint-table.css';

function TestOutcome({ delivery }: { delivery: Delivery }) {
  const ok = delivery.status === 'succeeded';
  return (
    <p className={`notice ${ok ? 'notice-ok' : 'notice-error'} endpoint-test`}>
      <strong>Test event {ok ? 'delivered' : 'not delivered'}</strong> · {lastResult(delivery)} ·{' '}
      {latency(delivery.attempts.at(-1)?.latencyMs ?? null)}
    </p>
  );
}

/** One row's state: its confirmation, the action running, the refusal, and the last test's outcome. */
function useEndpointRow() {
  const action = useRowAction<'rotate' | 'delete', 'test' | 'rotate' | 'delete' | 'toggle'>();
  const [tested, setTested] = useState<Delivery>();
  return { ...action, tested, setTested };
}
type EndpointRowState = ReturnType<typeof useEndpointRow>;

function UrlCell({ endpoint: e, row }: { endpoint: WebhookEndpoint; row: EndpointRowState }) {
  return (
    <>
      <span className="mono endpoint-url" id={`endpoint-${e.id}`}>
        {e.url}
      </span>
      {e.description && <span className="row-note">{e.description}</span>}
      <div aria-live="polite">
        {row.busy === 'test' && <p className="muted endpoint-test">Sending a WebhookTest event…</p>}
        {row.tested && <TestOutcome delivery={row.tested} />}
      </div>
      {row.problem && <ProblemNotice problem={row.problem} />}
    </>
  );
}

function SecretCell({ endpoint: e }: { endpoint: WebhookEndpoint }) {
  return (
    <span className="cell-value">
      <span className="mono secret-hint">…{e.secretHint}</span>
      <span className="row-note">
        rotated <TimeAgo iso={e.secretRotatedAt} />
      </span>
      {e.previousSecretExpiresAt && Date.parse(e.previousSecretExpiresAt) > Date.now() && (
        <span className="row-note" title={exactTime(e.previousSecretExpiresAt)}>
          old one signs until <TimeAgo iso={e.previousSecretExpiresAt} />
        </span>
      )}
    </span>
  );
}

function DeliveryCell({ endpoint: e }: { endpoint: WebhookEndpoint }) {
  const headerCount = Object.keys(e.headers).length;
  return (
    <span className="cell-value">
      {e.timeoutSeconds} s timeout
      {headerCount > 0 && (
        <span className="row-note">
          {headerCount} custom header{headerCount === 1 ? '' : 's'}
        </span>
      )}
    </span>
  );
}

const COLUMNS: Column<WebhookEndpoint, EndpointRowState>[] = [
  { header: 'URL', cell: (e, row) => <UrlCell endpoint={e} row={row} /> },
  {
    header: 'State',
    width: '6.5rem',
    cell: (e) => (
      <span className={`badge ${e.enabled ? 'badge-ok' : 'badge-off'}`}>
        {e.enabled ? 'enabled' : 'disabled'}
      </span>
    ),
  },
  { header: 'Secret', width: '9rem', cell: (e) => <SecretCell endpoint={e} /> },
  { header: 'Delivery', width: '8.5rem', cell: (e) => <DeliveryCell endpoint={e} /> },
];

interface EndpointHandlers {
  onChanged: () => void;
  onSecret: (rotated: WebhookEndpointWithSecret) => void;
  onEdit: (endpoint: WebhookEndpoint) => void;
}

function EndpointActions({
  endpoint: e,
  row,
  manage,
  onChanged,
  onSecret,
  onEdit,
}: EndpointHandlers & { endpoint: WebhookEndpoint; row: EndpointRowState; manage: boolean }) {
  const { ask, busy, run: act, setTested } = row;
  const test = () =>
    act('test', async () => {
      setTested(undefined);
      setTested(await webhookApi.testEndpoint(e));
    });
  const toggle = () =>
    act('toggle', async () => {
      const { url, description, headers, timeoutSeconds } = e;
      await webhookApi.updateEndpoint(e, { url, description, headers, timeoutSeconds, enabled: !e.enabled });
      onChanged();
    });
  return (
    <>
      <RowActions wrap hidden={!manage}>
        <button type="button" className="button button-secondary" onClick={test} disabled={Boolean(busy)}>
          Send test event
        </button>
        <RowButton onClick={toggle} disabled={Boolean(busy)}>
          {e.enabled ? 'Disable' : 'Enable'}
        </RowButton>
        <RowButton onClick={() => onEdit(e)} disabled={Boolean(busy)}>
          Edit
        </RowButton>
        <RowButton onClick={() => ask('rotate')} disabled={Boolean(busy)}>
          Rotate secret
        </RowButton>
        <RowButton onClick={() => ask('delete')} disabled={Boolean(busy)}>
          Delete
        </RowButton>
      </RowActions>
      <EndpointConfirmations endpoint={e} row={row} onChanged={onChanged} onSecret={onSecret} />
    </>
  );
}

function EndpointConfirmations({
  endpoint: e,
  row: { asking, dismiss, busy, run: act },
  onChanged,
  onSecret,
}: Omit<EndpointHandlers, 'onEdit'> & { endpoint: WebhookEndpoint; row: EndpointRowState }) {
  const rotate = () =>
    act('rotate', async () => {
      onSecret(await webhookApi.rotateSecret(e));
      onChanged();
    });
  const remove = () =>
    act('delete', async () => {
      await webhookApi.deleteEndpoint(e);
      onChanged();
    });
  return (
    <>
      <ConfirmDialog
        open={asking === 'rotate'}
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        busy={busy === 'rotate'}
        onConfirm={rotate}
        onClose={dismiss}
      >
        <p>
          Drover makes a new secret for <span className="mono">{e.url}</span> and shows it once. The current
          one keeps signing for 24 hours beside it, so the receiver can switch over.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'delete'}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        danger
        busy={busy === 'delete'}
        onConfirm={remove}
        onClose={dismiss}
      >
        <p>
          Drover stops sending to <span className="mono">{e.url}</span> and forgets its secret. Webhooks that
          use it must drop it first.
        </p>
      </ConfirmDialog>
    </>
  );
}

export function EndpointTable({
  endpoints,
  manage = true,
  ...handlers
}: EndpointHandlers & {
  endpoints: WebhookEndpoint[] | undefined;
  /** False without webhooks:manage: no test, edit, rotation or deletion. */
  manage?: boolean;
}) {
  return (
    <DataTable
      actionsWidth="22.5rem"
      className="wh-table endpoint-table"
      align="middle"
      rows={endpoints}
      rowKey={(e) => e.id}
      rowAttributes={(e) => ({ 'data-endpoint': e.id })}
      columns={COLUMNS}
      useRowState={useEndpointRow}
      actions={(e, row) => <EndpointActions endpoint={e} row={row} manage={manage} {...handlers} />}
      empty="No endpoints yet: add one to send events to."
    />
  );
}
