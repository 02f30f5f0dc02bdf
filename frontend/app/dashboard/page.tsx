// `/dashboard/`: the chosen environment at a glance — farms by status, servers running, last events.
import type { Metadata } from 'next';
import { DashboardPageClient } from './page-client';
import './dashboard.css';
import '../../components/event-timeline.css';

export const metadata: Metadata = { title: 'Dashboard' };

export default function DashboardPage() {
  return <DashboardPageClient />;
}
