// `/webhooks/`: the chosen environment's webhook endpoints (signing secrets shown once) and
// webhooks (which events go to which endpoints); each webhook links to its delivery history.
import type { Metadata } from 'next';
import { WebhooksPageClient } from './page-client';
import './webhooks.css';

export const metadata: Metadata = { title: 'Webhooks' };

export default function WebhooksPage() {
  return <WebhooksPageClient />;
}
