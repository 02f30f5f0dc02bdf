'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { AppHeader } from '../../../components/app-header';
import { useApi } from '../../../lib/use-api';
import { useEnvironment } from '../../../lib/use-environment';
import { useSession } from '../../../lib/use-session';
import { webhookApi } from '../../../lib/webhook-api';
import { FINISHED } from '../delivery-status';
import { DeliveryTable } from './delivery-table';

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
        <section className="panel wh-panel" aria-label="Deliveries">
          <DeliveryTable
            deliveries={items}
            error={problem}
            onRetry={deliveries.reload}
            onRedelivered={deliveries.reload}
          />
          {deliveries.data?.nextCursor && (
            <p className="panel-footer muted">Showing the newest {PAGE_SIZE}; the CLI lists them all.</p>
          )}
        </section>
      </main>
    </>
  );
}
