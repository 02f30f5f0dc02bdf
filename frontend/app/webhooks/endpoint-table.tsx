'use client';
// The environment's webhook endpoints: URL, enabled, the secret's hint and rotation state, and per
// endpoint "Send test event" (its outcome shown in the row), rotate secret, enable/disable, edit
// and delete. Rotation and deletion ask first; a new secret goes to the page's once-only dialog.
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlaceholderRow } from '../../components/placeholder-row';
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

function TestOutcome({ delivery }: { delivery: Delivery }) {
  const ok = delivery.status === 'succeeded';
  return (
    <p className={`notice ${ok ? 'notice-ok' : 'notice-error'} endpoint-test`}>
      <strong>Test event {ok ? 'delivered' : 'not delivered'}</strong> · {lastResult(delivery)} ·{' '}
      {latency(delivery.attempts.at(-1)?.latencyMs ?? null)}
    </p>
  );
}

function EndpointRow({
  endpoint: e,
  onChanged,
  onSecret,
  onEdit,
  manage,
}: {
  manage: boolean;
  endpoint: WebhookEndpoint;
  onChanged: () => void;
  onSecret: (rotated: WebhookEndpointWithSecret) => void;
  onEdit: (endpoint: WebhookEndpoint) => void;
}) {
  const {
    asking,
    ask,
    dismiss,
    busy,
    problem,
    run: act,
  } = useRowAction<'rotate' | 'delete', 'test' | 'rotate' | 'delete' | 'toggle'>();
  const [tested, setTested] = useState<Delivery>();

  const test = () =>
    act('test', async () => {
      setTested(undefined);
      setTested(await webhookApi.testEndpoint(e));
    });
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
  const toggle = () =>
    act('toggle', async () => {
      const { url, description, headers, timeoutSeconds } = e;
      await webhookApi.updateEndpoint(e, { url, description, headers, timeoutSeconds, enabled: !e.enabled });
      onChanged();
    });

  const headerCount = Object.keys(e.headers).length;
  return (
    <tr data-endpoint={e.id}>
      <td data-label="URL">
        <span className="mono endpoint-url" id={`endpoint-${e.id}`}>
          {e.url}
        </span>
        {e.description && <span className="row-note">{e.description}</span>}
        <div aria-live="polite">
          {busy === 'test' && <p className="muted endpoint-test">Sending a WebhookTest event…</p>}
          {tested && <TestOutcome delivery={tested} />}
        </div>
        {problem && <ProblemNotice problem={problem} />}
      </td>
      <td data-label="State">
        <span className={`badge ${e.enabled ? 'badge-ok' : 'badge-off'}`}>
          {e.enabled ? 'enabled' : 'disabled'}
        </span>
      </td>
      <td data-label="Secret">
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
      </td>
      <td data-label="Delivery">
        <span className="cell-value">
          {e.timeoutSeconds} s timeout
          {headerCount > 0 && (
            <span className="row-note">
              {headerCount} custom header{headerCount === 1 ? '' : 's'}
            </span>
          )}
        </span>
      </td>
      <td className="actions-cell">
        <div className="row-actions wrap-actions" hidden={!manage}>
          <button type="button" className="button button-secondary" onClick={test} disabled={Boolean(busy)}>
            Send test event
          </button>
          <button type="button" className="button button-quiet" onClick={toggle} disabled={Boolean(busy)}>
            {e.enabled ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => onEdit(e)}
            disabled={Boolean(busy)}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => ask('rotate')}
            disabled={Boolean(busy)}
          >
            Rotate secret
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => ask('delete')}
            disabled={Boolean(busy)}
          >
            Delete
          </button>
        </div>
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
            Drover stops sending to <span className="mono">{e.url}</span> and forgets its secret. Webhooks
            that use it must drop it first.
          </p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}

export function EndpointTable({
  endpoints,
  onChanged,
  onSecret,
  onEdit,
  manage = true,
}: {
  endpoints: WebhookEndpoint[] | undefined;
  onChanged: () => void;
  onSecret: (rotated: WebhookEndpointWithSecret) => void;
  onEdit: (endpoint: WebhookEndpoint) => void;
  /** False without webhooks:manage: no test, edit, rotation or deletion. */
  manage?: boolean;
}) {
  return (
    <>
      <table className="data-table card-table wh-table endpoint-table" aria-busy={!endpoints}>
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">State</th>
            <th scope="col">Secret</th>
            <th scope="col">Delivery</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {!endpoints && <PlaceholderRow cells={5} />}
          {endpoints?.map((e) => (
            <EndpointRow
              key={e.id}
              endpoint={e}
              onChanged={onChanged}
              onSecret={onSecret}
              onEdit={onEdit}
              manage={manage}
            />
          ))}
        </tbody>
      </table>
      {endpoints?.length === 0 && <p className="empty">No endpoints yet: add one to send events to.</p>}
    </>
  );
}
