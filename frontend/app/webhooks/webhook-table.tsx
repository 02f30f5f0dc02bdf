'use client';
// The environment's webhooks: events, endpoints, filters and attempt limit, with links to each
// one's delivery history, edit, and delete (confirmed).
import Link from 'next/link';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlaceholderRow } from '../../components/placeholder-row';
import { ProblemNotice } from '../../components/problem-notice';
import type { Farm } from '../../lib/api-client';
import { useRowAction } from '../../lib/use-row-action';
import { type Webhook, type WebhookEndpoint, webhookApi } from '../../lib/webhook-api';

export const historyHref = (webhookId: string) => `/webhooks/history/?id=${encodeURIComponent(webhookId)}`;

function listed(items: string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} +${items.length - max}`;
}

function WebhookRow({
  webhook: w,
  endpoints,
  farms,
  onEdit,
  onDeleted,
  manage,
}: {
  manage: boolean;
  webhook: Webhook;
  endpoints: WebhookEndpoint[];
  farms: Farm[];
  onEdit: (webhook: Webhook) => void;
  onDeleted: () => void;
}) {
  const { asking, ask, dismiss, busy, problem, run } = useRowAction();
  const urls = w.endpointIds.map((id) => endpoints.find((e) => e.id === id)?.url ?? id);
  const farmNames = w.farmIds.map((id) => farms.find((f) => f.id === id)?.name ?? id);

  const remove = () =>
    run(true, async () => {
      await webhookApi.deleteWebhook(w);
      onDeleted();
    });

  return (
    <tr data-webhook={w.id}>
      <td data-label="Name">
        <Link className="farm-link" href={historyHref(w.id)}>
          {w.name}
        </Link>
        {!w.enabled && <span className="badge badge-off">disabled</span>}
        {w.description && <span className="row-note">{w.description}</span>}
        {problem && <ProblemNotice problem={problem} />}
      </td>
      <td data-label="Events">{w.events.includes('*') ? 'every event' : listed(w.events)}</td>
      <td data-label="Endpoints">
        <span className="mono endpoint-url">{listed(urls, 2)}</span>
      </td>
      <td data-label="Farms">
        <span className="cell-value">
          {farmNames.length ? listed(farmNames) : 'all'}
          {w.farmRoleIds.length > 0 && (
            <span className="row-note">
              {w.farmRoleIds.length} farm role{w.farmRoleIds.length === 1 ? '' : 's'}
            </span>
          )}
        </span>
      </td>
      <td data-label="Attempts" className="num">
        {w.maxAttempts}
      </td>
      <td className="actions-cell">
        <div className="row-actions wrap-actions">
          <Link className="button button-secondary" href={historyHref(w.id)}>
            History <span className="visually-hidden">of {w.name}</span>
          </Link>
          {manage && (
            <>
              <button type="button" className="button button-quiet" onClick={() => onEdit(w)}>
                Edit <span className="visually-hidden">{w.name}</span>
              </button>
              <button type="button" className="button button-quiet" onClick={() => ask(true)}>
                Delete <span className="visually-hidden">{w.name}</span>
              </button>
            </>
          )}
        </div>
        <ConfirmDialog
          open={Boolean(asking)}
          title={`Delete ${w.name}?`}
          confirmLabel="Delete webhook"
          danger
          busy={Boolean(busy)}
          onConfirm={remove}
          onClose={dismiss}
        >
          <p>
            Its events stop going to its endpoints. Deliveries already made stay in their endpoints' history.
          </p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}

export function WebhookTable({
  webhooks,
  endpoints,
  farms,
  onEdit,
  onDeleted,
  manage = true,
}: {
  webhooks: Webhook[] | undefined;
  endpoints: WebhookEndpoint[];
  farms: Farm[];
  onEdit: (webhook: Webhook) => void;
  onDeleted: () => void;
  /** False without webhooks:manage: history only. */
  manage?: boolean;
}) {
  return (
    <>
      <table className="data-table card-table wh-table webhook-table" aria-busy={!webhooks}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Events</th>
            <th scope="col">Endpoints</th>
            <th scope="col">Farms</th>
            <th scope="col" className="num">
              Attempts
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {!webhooks && <PlaceholderRow cells={6} />}
          {webhooks?.map((w) => (
            <WebhookRow
              manage={manage}
              key={w.id}
              webhook={w}
              endpoints={endpoints}
              farms={farms}
              onEdit={onEdit}
              onDeleted={onDeleted}
            />
          ))}
        </tbody>
      </table>
      {webhooks?.length === 0 && <p className="empty">No webhooks yet: choose which events go where.</p>}
    </>
  );
}
