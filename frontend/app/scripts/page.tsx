// `/scripts/`: Global Orchestration — the account's scripts (each save a new version) and the
// rules that run them on events at account, environment, role, farm or farm role scope.
import type { Metadata } from 'next';
import { ScriptsPageClient } from './page-client';
import './orchestration.css';
import '../../components/orchestration.css';

export const metadata: Metadata = { title: 'Scripts' };

export default function ScriptsPage() {
  return <ScriptsPageClient />;
}
