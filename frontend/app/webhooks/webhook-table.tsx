'use client';
// The environment's webhooks: events, endpoints, filters and attempt limit, with links to each
// one's delivery history, edit, and delete (confirmed).
import Link from 'next/link';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { type Column, DataTable, RowActions, RowButton } from '../../components/data-table';
import { ProblemNotice } from '../../components/problem-notice';
import type { Farm } from '../../lib/api-client';
import { useRowAction } from '../../lib/use-row-action';
import { type Webhook, type WebhookEndpoint, webhookApi } from '../../lib/webhook-api';
import './webhook-table.css';

export const historyHref = (webhookId: string) => `/webhooks/history/?id=${encodeURIComponent(webhookId)}`;

function listed(items: string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} +${items.length - max}`;
}

const useWebhookRowAction = () => useRowAction();
type RowAction = ReturnType<typeof useWebhookRowAction>;

function webhookColumns(endpoints: WebhookEndpoint[], farms: Farm[]): Column<Webhook, RowAction>[] {
  const urls = (w: Webhook) => w.endpointIds.map((id) => endpoints.find((e) => e.id === id)?.url ?? id);
  const farmNames = (w: Webhook) => w.farmIds.map((id) => farms.find((f) => f.id === id)?.name ?? id);
  return [
    {
      header: 'Name',
      cell: (w, { problem }) => (
        <>
          <Link className="farm-link" href={historyHref(w.id)}>
            {w.name}
          </Link>
          {!w.enabled && <span className="badge badge-off">disabled</span>}
          {w.description && <span className="row-note">{w.description}</span>}
          {problem && <ProblemNotice problem={problem} />}
        </>
      ),
    },
    { header: 'Events', cell: (w) => (w.events.includes('*') ? 'every event' : listed(w.events)) },
    { header: 'Endpoints', cell: (w) => <span className="mono endpoint-url">{listed(urls(w), 2)}</span> },
    {
      header: 'Farms',
      cell: (w) => (
        <span className="cell-value">
          {w.farmIds.length ? listed(farmNames(w)) : 'all'}
          {w.farmRoleIds.length > 0 && (
            <span className="row-note">
              {w.farmRoleIds.length} farm role{w.farmRoleIds.length === 1 ? '' : 's'}
            </span>
          )}
        </span>
      ),
    },
    { header: 'Attempts', numeric: true, cell: (w) => w.maxAttempts },
  ];
}

function WebhookActions({
  webhook: w,
  row: { asking, ask, dismiss, busy, run },
  manage,
  onEdit,
  onDeleted,
}: {
  webhook: Webhook;
  row: RowAction;
  manage: boolean;
  onEdit: (webhook: Webhook) => void;
  onDeleted: () => void;
}) {
  const remove = () =>
    run(true, async () => {
      await webhookApi.deleteWebhook(w);
      onDeleted();
    });
  return (
    <>
      <RowActions wrap>
        <Link className="button button-secondary" href={historyHref(w.id)}>
          History <span className="visually-hidden">of {w.name}</span>
        </Link>
        {manage && (
          <>
            <RowButton onClick={() => onEdit(w)}>
              Edit <span className="visually-hidden">{w.name}</span>
            </RowButton>
            <RowButton onClick={() => ask(true)}>
              Delete <span className="visually-hidden">{w.name}</span>
            </RowButton>
          </>
        )}
      </RowActions>
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
    </>
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
    <DataTable
      className="wh-table webhook-table"
      align="middle"
      rows={webhooks}
      rowKey={(w) => w.id}
      rowAttributes={(w) => ({ 'data-webhook': w.id })}
      columns={webhookColumns(endpoints, farms)}
      useRowState={useWebhookRowAction}
      actions={(w, row) => (
        <WebhookActions webhook={w} row={row} manage={manage} onEdit={onEdit} onDeleted={onDeleted} />
      )}
      empty="No webhooks yet: choose which events go where."
    />
  );
}
