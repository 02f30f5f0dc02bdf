// `/webhooks/history/?id=`: one webhook's deliveries, newest first, each expandable to its
// attempts, with "Redeliver". The id is in the query string: a static export has no dynamic paths.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import '../webhooks.css';
import { DeliveryHistoryClient } from './page-client';

export const metadata: Metadata = { title: 'Webhook history' };

export default function WebhookHistoryPage() {
  return (
    <Suspense fallback={<DeliveryHistoryClient webhookId={null} />}>
      <DeliveryHistoryClient />
    </Suspense>
  );
}
