// `/retention/`: how many days the account keeps audit entries, farm events, executions, webhook
// deliveries and reconcile summaries; the owner and admins change them within the shown bounds.
import type { Metadata } from 'next';
import { RetentionPageClient } from './page-client';

export const metadata: Metadata = { title: 'Retention' };

export default function RetentionPage() {
  return <RetentionPageClient />;
}
